package dev.stackwright.analysis.report;

import dev.stackwright.analysis.reach.Exposure;
import dev.stackwright.analysis.reach.IntervalSet;
import dev.stackwright.analysis.reach.Names;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.Tier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Groupings shared by the text and JSON reports, so both say the same thing. */
final class Summaries {
    private Summaries() {}

    /**
     * Flows between tiers, one row per (tiers, protocol, who -> whom) with the union of ports, the number of pairs of
     * attachments and the attachments at each end in network order. Built from the exposure's connections, so a large
     * account costs its groups of attachments, not its pairs.
     */
    record TierFlow(
            Tier from,
            Tier to,
            Protocol protocol,
            String fromLabel,
            String toLabel,
            IntervalSet ports,
            long pairs,
            List<String> sources,
            List<String> destinations) {}

    static List<TierFlow> tierFlows(Exposure exposure) {
        // Each attachment's position, equal attachments sharing the first one's; looked up by identity (the members
        // are the ends' own objects), since an attachment's own hash walks all its fields.
        Map<Attachment, Integer> first = new HashMap<>();
        Map<Attachment, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < exposure.ends().size(); i++) {
            Attachment a = exposure.ends().get(i);
            Integer at = first.putIfAbsent(a, i);
            index.putIfAbsent(a, at == null ? i : at);
        }
        record Row(Tier from, Tier to, Protocol protocol, String fromLabel, String toLabel) implements Comparable<Row> {
            // Tiers, protocol, then labels: one method instead of a chain of key extractors (tens of thousands of
            // rows).
            @Override
            public int compareTo(Row o) {
                int c = from.compareTo(o.from);
                if (c == 0) {
                    c = to.compareTo(o.to);
                }
                if (c == 0) {
                    c = protocol.compareTo(o.protocol);
                }
                if (c == 0) {
                    c = fromLabel.compareTo(o.fromLabel);
                }
                return c != 0 ? c : toLabel.compareTo(o.toLabel);
            }

            // Labels such as wl-00012 and wl-00345 differ in a few digits: mixed apart.
            @Override
            public int hashCode() {
                int h = Integer.rotateLeft(fromLabel.hashCode() * 0x9E3779B1, 13) ^ toLabel.hashCode() * 0x85EBCA6B;
                return Integer.rotateLeft(h, 13) ^ ((from.ordinal() * 31 + to.ordinal()) * 31 + protocol.ordinal());
            }
        }
        final class Sum {
            IntervalSet ports = IntervalSet.empty();
            long pairs;
            // Member lists are shared by every connection of a group: kept by identity, flattened once at the end.
            final Map<List<Attachment>, Boolean> sources = new IdentityHashMap<>();
            final Map<List<Attachment>, Boolean> destinations = new IdentityHashMap<>();
        }
        Map<Row, Sum> rows = new HashMap<>();
        Map<Attachment, String> labels = new IdentityHashMap<>();
        Map<String, String> canonical = new HashMap<>(); // one string per label: rows compare them by identity first
        Map<List<Attachment>, Map<String, List<Attachment>>> split = new IdentityHashMap<>();
        for (Exposure.Connection c : exposure.connections()) {
            Map<String, List<Attachment>> from = split.computeIfAbsent(c.from(), l -> byLabel(l, labels, canonical));
            Map<String, List<Attachment>> to = split.computeIfAbsent(c.to(), l -> byLabel(l, labels, canonical));
            for (Map.Entry<String, List<Attachment>> f : from.entrySet()) {
                for (Map.Entry<String, List<Attachment>> t : to.entrySet()) {
                    long pairs = Exposure.pairs(f.getValue(), t.getValue());
                    if (pairs == 0) {
                        continue;
                    }
                    Sum sum = rows.computeIfAbsent(
                            new Row(c.fromTier(), c.toTier(), c.protocol(), f.getKey(), t.getKey()), k -> new Sum());
                    sum.ports = sum.ports.union(c.ports());
                    sum.pairs += pairs;
                    sum.sources.put(f.getValue(), true);
                    sum.destinations.put(t.getValue(), true);
                }
            }
        }
        return rows.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new TierFlow(
                        e.getKey().from(),
                        e.getKey().to(),
                        e.getKey().protocol(),
                        e.getKey().fromLabel(),
                        e.getKey().toLabel(),
                        e.getValue().ports,
                        e.getValue().pairs,
                        names(e.getValue().sources.keySet(), index, exposure.ends()),
                        names(e.getValue().destinations.keySet(), index, exposure.ends())))
                .toList();
    }

    /**
     * The names of the attachments of several lists, each once (equal attachments once), in network order: by
     * position, equal attachments having the same name.
     */
    private static List<String> names(
            Collection<List<Attachment>> lists, Map<Attachment, Integer> index, List<Attachment> ends) {
        int n = 0;
        for (List<Attachment> l : lists) {
            n += l.size();
        }
        int[] at = new int[n];
        int k = 0;
        for (List<Attachment> l : lists) {
            for (Attachment a : l) {
                at[k++] = Objects.requireNonNull(index.get(a)); // every member is an end
            }
        }
        Arrays.sort(at);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < at.length; i++) {
            if (i == 0 || at[i] != at[i - 1]) {
                out.add(ends.get(at[i]).name());
            }
        }
        return out;
    }

    private static Map<String, List<Attachment>> byLabel(
            List<Attachment> attachments, Map<Attachment, String> labels, Map<String, String> canonical) {
        Function<Attachment, String> label = a -> canonical.computeIfAbsent(label(a), l -> l);
        if (attachments.size() == 1) {
            return Map.of(labels.computeIfAbsent(attachments.getFirst(), label), attachments);
        }
        Map<String, List<Attachment>> out = new LinkedHashMap<>();
        for (Attachment a : attachments) {
            out.computeIfAbsent(labels.computeIfAbsent(a, label), k -> new ArrayList<>())
                    .add(a);
        }
        if (out.size() == 1) {
            // One label: the group's own list, so the identity maps above see the same list each time.
            return Map.of(out.keySet().iterator().next(), attachments);
        }
        return out;
    }

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

    static String label(Attachment a) {
        return Names.byGroups(a);
    }

    /** "via 0.0.0.0/0 -> NAT instance nat-a" reads "0.0.0.0/0 -> NAT instance nat-a" in a VIA column. */
    static String via(List<String> via) {
        return String.join(
                "; ", via.stream().map(v -> v.replaceFirst("^via ", "")).toList());
    }
}
