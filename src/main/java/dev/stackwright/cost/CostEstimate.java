package dev.stackwright.cost;

import dev.stackwright.spec.TrafficSpec;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A month of one network on one traffic profile: every line, the total of the priced ones, the free allowances (not
 * subtracted), the ways out of the app tier priced on the same traffic, and the notes.
 *
 * @param specFile    the spec the estimate is of, as the user named it (for commands the report suggests)
 * @param assumptions how quantities were counted where the model cannot say (printed with the estimate)
 * @param warnings    what the user should act on: unpriced lines, a book for another region, unreachable traffic
 */
public record CostEstimate(
        String stackName,
        String specFile,
        String region,
        PriceBook book,
        TrafficSpec traffic,
        List<CostLine> lines,
        List<FreeTierLine> freeTiers,
        List<NatAlternatives.Alternative> alternatives,
        Optional<EndpointAdvice> endpointAdvice,
        List<String> assumptions,
        List<String> warnings,
        Optional<Choices> choices) {

    /** Subnet tiers first, then what is region-wide: the order reports group lines in. */
    public static final List<String> GROUPS = List.of("public", "app", "data", "vpc", "pipeline");

    /**
     * The traffic figures this estimate uses, in report order: run time only when a Lambda function is priced, request
     * size only with an ALB, app logs only when there is an app, the database's figures only with a database, the IPv6
     * share only with an egress-only gateway.
     */
    public List<String> trafficKeys() {
        boolean lambda = lines.stream().anyMatch(l -> l.priceKey().startsWith("lambda."));
        boolean alb = lines.stream().anyMatch(l -> l.priceKey().equals(AlbCost.HOUR));
        boolean app = lines.stream().anyMatch(l -> l.resource().equals(APP_LOGS));
        boolean database = lines.stream().anyMatch(l -> l.priceKey().startsWith("rds."));
        boolean dualStack = lines.stream().anyMatch(l -> l.priceKey().equals(NetworkPricer.EGRESS_ONLY_GB));
        return TrafficSpec.KEYS.stream()
                .filter(k -> dualStack || !k.equals("ipv6Share"))
                .filter(k -> lambda || !k.equals("avgDurationMs"))
                .filter(k -> alb || !k.equals("avgRequestKb"))
                .filter(k -> app || !k.equals("appLogGbPerMonth"))
                .filter(k -> database || !k.startsWith("database"))
                .toList();
    }

    /** The resource name of the app's log lines. */
    static final String APP_LOGS = "app-logs";

    public CostEstimate {
        lines = List.copyOf(lines);
        freeTiers = List.copyOf(freeTiers);
        alternatives = List.copyOf(alternatives);
        assumptions = List.copyOf(assumptions);
        warnings = List.copyOf(warnings);
    }

    /** The month's total of priced lines. Unpriced lines are not in it (see {@link #unpriced()}). */
    public BigDecimal total() {
        return lines.stream().map(CostLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public List<CostLine> unpriced() {
        return lines.stream()
                .filter(l -> l.status() == CostLine.Status.UNPRICED)
                .toList();
    }

    /** Subtotal per group, in {@link #GROUPS} order, for groups that have lines. */
    public Map<String, BigDecimal> subtotals() {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (String group : GROUPS) {
            List<CostLine> in =
                    lines.stream().filter(l -> l.group().equals(group)).toList();
            if (!in.isEmpty()) {
                out.put(group, in.stream().map(CostLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
            }
        }
        return out;
    }

    /** The {@code n} dearest lines, dearest first; ties keep report order. */
    public List<CostLine> top(int n) {
        return lines.stream()
                .filter(l -> l.status() == CostLine.Status.PRICED)
                .sorted(Comparator.comparing(CostLine::amount).reversed())
                .limit(n)
                .toList();
    }

    /**
     * The cheapest way out that is cheaper than the plan and gives up nothing the plan has: the same internet reach,
     * and zone independence when the plan has it.
     */
    public Optional<NatAlternatives.Alternative> cheaperAlternative() {
        boolean planZoneIndependent = alternatives.stream()
                .filter(NatAlternatives.Alternative::current)
                .allMatch(a -> a.option().zoneIndependent());
        return alternatives.stream()
                .filter(a -> !a.current() && a.reachesEverything())
                .filter(a -> !planZoneIndependent || a.option().zoneIndependent())
                .filter(a -> a.difference().signum() < 0 && a.unpriced() == 0)
                .min(Comparator.comparing(NatAlternatives.Alternative::monthly));
    }
}
