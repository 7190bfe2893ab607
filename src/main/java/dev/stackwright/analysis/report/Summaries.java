package dev.stackwright.analysis.report;

import dev.stackwright.analysis.reach.Exposure;
import dev.stackwright.analysis.reach.IntervalSet;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.Tier;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Groupings shared by the text and JSON reports, so both say the same thing. */
final class Summaries {
    private Summaries() {
    }

    /** Flows between tiers, one row per (tiers, protocol, who -> whom) with the union of ports. */
    record TierFlow(Tier from, Tier to, Protocol protocol, String fromLabel, String toLabel, IntervalSet ports,
                    List<String> pairs) {
    }

    static List<TierFlow> tierFlows(Exposure exposure) {
        Map<List<Object>, TierFlow> rows = new LinkedHashMap<>();
        List<Exposure.Internal> sorted = new ArrayList<>(exposure.internal());
        sorted.sort(Comparator.comparing((Exposure.Internal i) -> i.fromTier())
                .thenComparing(Exposure.Internal::toTier)
                .thenComparing(Exposure.Internal::protocol)
                .thenComparing(i -> label(i.from()))
                .thenComparing(i -> label(i.to())));
        for (Exposure.Internal i : sorted) {
            List<Object> key = List.of(i.fromTier(), i.toTier(), i.protocol(), label(i.from()), label(i.to()));
            TierFlow old = rows.get(key);
            List<String> pairs = new ArrayList<>(old == null ? List.of() : old.pairs());
            pairs.add(i.from().name() + " -> " + i.to().name());
            rows.put(key, new TierFlow(i.fromTier(), i.toTier(), i.protocol(), label(i.from()), label(i.to()),
                    old == null ? i.ports() : old.ports().union(i.ports()), pairs));
        }
        return List.copyOf(rows.values());
    }

    /** Egress rows grouped by what differs: tier, destination, protocol, ports and way out; resources listed. */
    record EgressRow(Tier tier, String destination, Protocol protocol, IntervalSet ports, List<String> via,
                     List<String> resources) {
    }

    static List<EgressRow> egress(List<Exposure.Egress> egress) {
        Map<List<Object>, EgressRow> rows = new LinkedHashMap<>();
        List<Exposure.Egress> sorted = new ArrayList<>(egress);
        sorted.sort(Comparator.comparing(Exposure.Egress::tier).thenComparing(Exposure.Egress::destination)
                .thenComparing(Exposure.Egress::protocol));
        for (Exposure.Egress e : sorted) {
            List<Object> key = List.of(e.tier(), e.destination(), e.protocol(), e.ports(), e.via());
            EgressRow old = rows.get(key);
            List<String> resources = new ArrayList<>(old == null ? List.of() : old.resources());
            resources.add(e.attachment().name());
            rows.put(key, new EgressRow(e.tier(), e.destination(), e.protocol(), e.ports(), e.via(), resources));
        }
        return List.copyOf(rows.values());
    }

    /** A resource by its security groups ("app"), or its kind when it has none ("NAT gateway"). */
    static String label(Attachment a) {
        if (!a.securityGroupNames().isEmpty()) {
            return String.join("+", a.securityGroupNames());
        }
        return a.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** "via 0.0.0.0/0 -> NAT instance nat-a" reads "0.0.0.0/0 -> NAT instance nat-a" in a VIA column. */
    static String via(List<String> via) {
        return String.join("; ", via.stream().map(v -> v.replaceFirst("^via ", "")).toList());
    }
}
