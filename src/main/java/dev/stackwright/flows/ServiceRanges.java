package dev.stackwright.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * AWS's published IPv4 ranges for the services Stackwright prices, to tell which service a default-format flow log's
 * address belongs to (logs in Stackwright's own format name it in {@code pkt-dst-aws-service}). A small dated subset
 * of ip-ranges.json ships as a resource; {@code scripts/refresh-ip-ranges.sh} rebuilds it.
 *
 * @param date when AWS published the ranges (ip-ranges.json's {@code createDate}), or {@code none} for an empty set
 */
public record ServiceRanges(String date, List<Range> ranges) {

    /** One prefix: first and last address, and the service AWS lists it under ({@code S3}, {@code EC2}, ...). */
    public record Range(long first, long last, String service, String region) {}

    public ServiceRanges {
        // Most specific first, so a service's /24 inside EC2's /16 names the service.
        ranges = ranges.stream()
                .sorted(Comparator.comparingLong((Range r) -> r.last() - r.first())
                        .thenComparingLong(Range::first)
                        .thenComparing(Range::service))
                .toList();
    }

    static final String RESOURCE = "/dev/stackwright/flows/aws-ip-ranges.json";

    /** The shipped subset. */
    public static ServiceRanges builtIn() {
        try (InputStream in = ServiceRanges.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads ip-ranges.json's shape: {@code createDate} and {@code prefixes[].ip_prefix/service/region}. */
    public static ServiceRanges parse(String json) {
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            List<Range> ranges = new ArrayList<>();
            for (JsonNode p : root.path("prefixes")) {
                String prefix = p.path("ip_prefix").asText();
                int slash = prefix.indexOf('/');
                Optional<Long> base = ipv4(prefix.substring(0, Math.max(0, slash)));
                if (slash < 0 || base.isEmpty()) {
                    throw new IllegalArgumentException("not an IPv4 prefix: " + prefix);
                }
                int bits = Integer.parseInt(prefix.substring(slash + 1));
                long size = 1L << (32 - bits);
                long first = base.get() & ~(size - 1);
                ranges.add(new Range(
                        first,
                        first + size - 1,
                        p.path("service").asText(),
                        p.path("region").asText()));
            }
            return new ServiceRanges(root.path("createDate").asText("none"), ranges);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service of an IPv4 address, if one of the ranges holds it. */
    public Optional<String> serviceOf(String address) {
        Optional<Long> ip = ipv4(address);
        if (ip.isEmpty()) {
            return Optional.empty();
        }
        return serviceOf(ip.get());
    }

    /** The service of an IPv4 address given as a number, if one of the ranges holds it. */
    public Optional<String> serviceOf(long a) {
        return ranges.stream()
                .filter(r -> r.first() <= a && a <= r.last())
                .map(Range::service)
                .findFirst();
    }

    /**
     * The prefix length of the most specific range (24 when there are none): blocks of that size never straddle a
     * range's edge, so a whole block of addresses can be looked up at once.
     */
    public int blockBits() {
        return ranges.stream()
                .mapToInt(r -> 32 - Long.numberOfTrailingZeros(r.last() - r.first() + 1))
                .max()
                .orElse(24);
    }

    /** A dotted-quad address as a number; empty for anything else. */
    static Optional<Long> ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return Optional.empty();
            }
            value = value * 256 + octet;
        }
        return Optional.of(value);
    }
}
