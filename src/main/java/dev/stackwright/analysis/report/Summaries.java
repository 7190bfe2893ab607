package dev.stackwright.analysis.report;

import dev.stackwright.analysis.reach.Exposure;
import dev.stackwright.analysis.reach.IntervalSet;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.Tier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Groupings shared by the text and JSON reports, so both say the same thing. */
final class Summaries {
    private Summaries() {}

    /** "a, b, c and 7 more (10)": a long list of resources kept to one readable cell. */
    static String abbreviate(List<String> names, int shown) {
        if (names.size() <= shown) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, shown)) + " and " + (names.size() - shown) + " more (" + names.size()
                + ")";
    }

    /** Egress rows grouped by what differs: tier, destination, protocol, ports and way out; resources listed. */
    record EgressRow(
            Tier tier,
            String destination,
            Protocol protocol,
            IntervalSet ports,
            List<String> via,
            List<String> resources) {}

    static List<EgressRow> egress(List<Exposure.Egress> egress) {
        Map<List<Object>, List<Exposure.Egress>> rows = new LinkedHashMap<>();
        List<Exposure.Egress> sorted = new ArrayList<>(egress);
        sorted.sort(Comparator.comparing(Exposure.Egress::tier)
                .thenComparing(Exposure.Egress::destination)
                .thenComparing(Exposure.Egress::protocol));
        for (Exposure.Egress e : sorted) {
            rows.computeIfAbsent(
                            List.of(e.tier(), e.destination(), e.protocol(), e.ports(), e.via()),
                            k -> new ArrayList<>())
                    .add(e);
        }
        return rows.values().stream()
                .map(same -> {
                    Exposure.Egress e = same.getFirst();
                    return new EgressRow(
                            e.tier(),
                            e.destination(),
                            e.protocol(),
                            e.ports(),
                            e.via(),
                            same.stream().map(x -> x.attachment().name()).toList());
                })
                .toList();
    }

    /** "via 0.0.0.0/0 -> NAT instance nat-a" reads "0.0.0.0/0 -> NAT instance nat-a" in a VIA column. */
    static String via(List<String> via) {
        return String.join(
                "; ", via.stream().map(v -> v.replaceFirst("^via ", "")).toList());
    }
}
