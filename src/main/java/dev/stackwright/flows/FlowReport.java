package dev.stackwright.flows;

import dev.stackwright.analysis.reach.AddressSpace;
import dev.stackwright.cost.EndpointAdvice;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@link FlowQueries} on an engine and shapes the rows into {@link FlowAnswers}. Pure apart from the engine: the
 * prices, the ranges and the plan are handed in.
 */
public final class FlowReport {
    private FlowReport() {}

    /**
     * What to answer.
     *
     * @param top      rows per ranking
     * @param port     a destination port to show the traffic of
     * @param nats     NAT interfaces named by the user (more are found in logs that carry the packet addresses)
     * @param pricing  the endpoint advice of the network the traffic runs in, given how many NAT interfaces the log
     *                 shows, and the book's hours a month
     * @param drift    the plan to hold accepted connections against
     */
    public record Options(
            int top,
            Optional<Integer> port,
            List<String> nats,
            java.util.function.IntFunction<Optional<Pricing>> pricing,
            ServiceRanges ranges,
            Optional<FlowDrift> drift) {
        public Options {
            nats = List.copyOf(nats);
        }
    }

    /** The cost model's advice and what it was priced from. */
    public record Pricing(EndpointAdvice advice, BigDecimal hoursPerMonth, String label) {}

    /** How many accepted connections the drift check reads at most: the largest by bytes. */
    static final int DRIFT_LIMIT = 10_000;

    public static FlowAnswers answer(FlowEngine engine, String source, Options options) {
        FlowQueries q = new FlowQueries(engine.relation(), options.top());
        List<@Nullable String> s = engine.rows(q.summary()).getFirst();
        FlowAnswers.Summary summary = new FlowAnswers.Summary(
                number(s.get(0)),
                number(s.get(1)),
                number(s.get(2)),
                number(s.get(3)),
                number(s.get(4)),
                number(s.get(5)),
                number(s.get(6)));
        List<FlowAnswers.Talker> byBytes = talkers(engine.rows(q.topTalkers(false)));
        List<FlowAnswers.Talker> byFlows = talkers(engine.rows(q.topTalkers(true)));
        List<FlowAnswers.Rejected> bySource = rejected(engine.rows(q.rejectedBy(List.of("srcaddr"))), 1);
        List<FlowAnswers.Rejected> byPort = rejected(engine.rows(q.rejectedBy(List.of("protocol", "dstport"))), 2);
        List<FlowAnswers.Rejected> byInterface = rejected(engine.rows(q.rejectedBy(List.of("interface_id"))), 1);
        Optional<FlowAnswers.PortTraffic> port = options.port()
                .map(p -> new FlowAnswers.PortTraffic(
                        p,
                        engine.rows(q.toPort(p)).stream()
                                .map(r -> new FlowAnswers.PortRow(
                                        text(r.get(0)),
                                        text(r.get(1)),
                                        protocol(r.get(2)),
                                        text(r.get(3)),
                                        number(r.get(4)),
                                        number(r.get(5))))
                                .toList()));
        FlowAnswers.NatReport nat = nat(engine, q, summary, options);
        Optional<FlowAnswers.Drift> drift =
                options.drift().map(d -> d.check(engine.rows(q.connections(DRIFT_LIMIT)), DRIFT_LIMIT));
        return new FlowAnswers(
                source, summary, byBytes, byFlows, bySource, byPort, byInterface, port, nat, drift, engine.malformed());
    }

    private static FlowAnswers.NatReport nat(
            FlowEngine engine, FlowQueries q, FlowAnswers.Summary summary, Options options) {
        // Interfaces, each with how it was found; named ones first, in the order given.
        Map<String, String> found = new LinkedHashMap<>();
        options.nats().forEach(n -> found.put(n, "--nat"));
        if (engine.hasPacketFields()) {
            for (List<@Nullable String> row : engine.rows(q.forwardingInterfaces())) {
                found.putIfAbsent(text(row.get(0)), "forwards packets (pkt-dstaddr differs from dstaddr)");
            }
        }
        List<String> described = found.entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue() + ")")
                .toList();
        Optional<Pricing> priced = options.pricing().apply(found.size());
        String serviceFrom = engine.hasPacketFields()
                ? "pkt-dst-aws-service and pkt-src-aws-service"
                : "AWS's published IP ranges of " + options.ranges().date();
        BigDecimal factor = priced.map(p -> p.hoursPerMonth())
                .orElse(BigDecimal.valueOf(730))
                .multiply(BigDecimal.valueOf(3600))
                .divide(BigDecimal.valueOf(summary.spanSeconds()), 10, RoundingMode.HALF_UP);
        String pricing = priced.map(p -> p.label() + "; NAT path "
                        + p.advice().natPathPerGb().stripTrailingZeros().toPlainString() + " USD/GB ("
                        + p.advice().against() + ")")
                .orElse("not priced: no price book for the region");
        if (found.isEmpty()) {
            return new FlowAnswers.NatReport(described, serviceFrom, factor, pricing, List.of());
        }
        // Sum per interface and service: rows whose service is unknown carry their remote block's first address.
        Map<String, Map<String, long[]>> sums = new LinkedHashMap<>();
        for (List<@Nullable String> row : engine.rows(
                q.natTraffic(List.copyOf(found.keySet()), options.ranges().blockBits()))) {
            String nic = text(row.get(0));
            String service = row.get(1) != null
                    ? text(row.get(1))
                    : Optional.ofNullable(row.get(2))
                            .flatMap(block -> options.ranges().serviceOf(Long.parseLong(block)))
                            .orElse("internet");
            long[] total =
                    sums.computeIfAbsent(nic, k -> new LinkedHashMap<>()).computeIfAbsent(service, k -> new long[2]);
            total[0] += number(row.get(3));
            total[1] += number(row.get(4));
        }
        List<FlowAnswers.NatLine> lines = new ArrayList<>();
        for (String nic : new TreeSet<>(sums.keySet())) {
            Map<String, long[]> byService = sums.get(nic);
            Objects.requireNonNull(byService); // a key of the map
            byService.entrySet().stream()
                    .sorted(Map.Entry.<String, long[]>comparingByValue((a, b) -> Long.compare(b[0], a[0]))
                            .thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> lines.add(line(nic, e.getKey(), e.getValue(), factor, priced)));
        }
        return new FlowAnswers.NatReport(described, serviceFrom, factor, pricing, lines);
    }

    private static FlowAnswers.NatLine line(
            String nic, String service, long[] total, BigDecimal factor, Optional<Pricing> pricing) {
        BigDecimal gb = BigDecimal.valueOf(total[0])
                .multiply(factor)
                .divide(BigDecimal.valueOf(1_000_000_000L), 6, RoundingMode.HALF_UP);
        String endpoint = endpointKind(service);
        Optional<BigDecimal> natMonthly = pricing.map(p -> p.advice().natPathMonthly(gb));
        Optional<BigDecimal> saving = endpoint.equals("none")
                ? Optional.empty()
                : pricing.map(p -> p.advice().endpointSaving(gb, endpoint.equals("gateway")));
        return new FlowAnswers.NatLine(nic, service, total[0], total[1], gb, endpoint, natMonthly, saving);
    }

    /**
     * The endpoint that could carry a service's traffic instead of the NAT: a gateway endpoint for S3 and DynamoDB, an
     * interface endpoint for other AWS services, none for the internet.
     */
    static String endpointKind(String service) {
        String lower = service.toLowerCase(Locale.ROOT);
        if (AddressSpace.GATEWAY_SERVICES.contains(lower)) {
            return "gateway";
        }
        return lower.equals("internet") ? "none" : "interface";
    }

    private static List<FlowAnswers.Talker> talkers(List<List<@Nullable String>> rows) {
        return rows.stream()
                .map(r -> new FlowAnswers.Talker(text(r.get(0)), text(r.get(1)), number(r.get(2)), number(r.get(3))))
                .toList();
    }

    /** Rows of {@code keys} key columns then flows and packets; two keys are protocol and port. */
    private static List<FlowAnswers.Rejected> rejected(List<List<@Nullable String>> rows, int keys) {
        return rows.stream()
                .map(r -> new FlowAnswers.Rejected(
                        keys == 2 ? protocol(r.get(0)) + "/" + text(r.get(1)) : text(r.get(0)),
                        number(r.get(keys)),
                        number(r.get(keys + 1))))
                .toList();
    }

    /** IANA protocol numbers as their names where common. */
    static String protocol(@Nullable String number) {
        return switch (text(number)) {
            case "6" -> "tcp";
            case "17" -> "udp";
            case "1" -> "icmp";
            case "58" -> "icmpv6";
            default -> text(number);
        };
    }

    static String text(@Nullable String value) {
        return value == null ? "-" : value;
    }

    static long number(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        // Engines may print sums as decimals (Athena: 12.0); flow counts and bytes are whole.
        return new BigDecimal(value).longValue();
    }
}
