package dev.stackwright.model;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.Optional;

/**
 * A CIDR block of either family ({@code 10.30.0.0/16}, {@code 2600:1f18:aaaa:bb00::/56}), canonical on construction,
 * for the places where AWS keeps both families in one table and one lookup: a transit gateway route table "allows for
 * both IPv4 or IPv6 CIDRs and targets" (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html). A block
 * of one family never contains one of the other.
 */
public record IpPrefix(IPAddress block) {
    public IpPrefix {
        if (!block.isPrefixed()) {
            block = block.setPrefixLength(block.getBitCount(), false);
        }
        block = block.toPrefixBlock();
    }

    /**
     * Parses {@code 10.0.0.0/16} or {@code 2600:1f18::/56}; a bare address is a /32 or a /128.
     *
     * @throws IllegalArgumentException when the text is not a CIDR block of either family
     */
    public static IpPrefix parse(String text) {
        IPAddressString parsed = new IPAddressString(text.strip());
        // getAddress is null for text that is no address (a /129, "2600::x"), the loopback for empty text; "*" and
        // ranges are several addresses.
        IPAddress address = text.isBlank() ? null : parsed.getAddress();
        if (address == null || (address.isMultiple() && !address.isSinglePrefixBlock())) {
            throw new IllegalArgumentException("not a CIDR block such as 10.0.0.0/16 or 2600:1f18:aaaa:bb00::/56");
        }
        return new IpPrefix(address);
    }

    public static Optional<IpPrefix> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static IpPrefix of(Cidr cidr) {
        return new IpPrefix(cidr.block());
    }

    public boolean ipv6() {
        return block.isIPv6();
    }

    public int prefixLength() {
        Integer p = block.getNetworkPrefixLength();
        return p == null ? block.getBitCount() : p;
    }

    /** Whether every address of {@code other} is in this block (never across families). */
    public boolean contains(IpPrefix other) {
        return block.getIPVersion() == other.block.getIPVersion() && block.contains(other.block);
    }

    public boolean overlaps(IpPrefix other) {
        return contains(other) || other.contains(this);
    }

    @Override
    public String toString() {
        return block.toCanonicalString();
    }
}
