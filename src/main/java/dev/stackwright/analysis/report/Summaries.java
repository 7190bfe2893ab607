package dev.stackwright.analysis.report;

import dev.stackwright.analysis.reach.DistinctByIdentity;
import dev.stackwright.analysis.reach.Exposure;
import dev.stackwright.analysis.reach.IntervalSet;
import dev.stackwright.analysis.reach.LongKeyed;
import dev.stackwright.analysis.reach.Names;
import dev.stackwright.analysis.reach.Reachability;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

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
        return tierFlows(exposure, ranks(exposure), exposure.connections());
    }

    /** A row of the tier table that the engine cannot tell (a security group missing from the input), and why. */
    record UntoldTierFlow(TierFlow flow, List<String> unmodelled) {}

    /** The exposure's cannot-tell connections as tier rows, by what is not modelled, then as {@link #tierFlows}. */
    static List<UntoldTierFlow> untoldTierFlows(Exposure exposure) {
        Map<List<String>, List<Exposure.Connection>> byWhat = new LinkedHashMap<>();
        for (Exposure.UntoldConnection u : exposure.untold().connections()) {
            byWhat.computeIfAbsent(u.unmodelled(), k -> new ArrayList<>()).add(u.connection());
        }
        List<UntoldTierFlow> out = new ArrayList<>();
        if (byWhat.isEmpty()) {
            return out;
        }
        Ranks ranks = ranks(exposure);
        byWhat.forEach((what, connections) ->
                tierFlows(exposure, ranks, connections).forEach(f -> out.add(new UntoldTierFlow(f, what))));
        return out;
    }

    /**
     * Cannot-tell rows past which a table of the text report summarises them: a security group file missing from a
     * snapshot makes tens of thousands, which no one reads. JSON and SARIF keep every row.
     */
    static final int UNTOLD_LISTED = 20;

    /**
     * Cannot-tell rows of one table summed by tiers and protocol: the union of their ports, how many rows (the text
     * report would list) and pairs of resources they stand for, the resources at each end and what is not modelled.
     *
     * @param to    the destination tier; none for flows from the internet and out of the VPC
     * @param destination where flows out of the VPC go ("internet", a service); empty for the others
     * @param pairs the pairs of resources, or for flows from the internet the resources
     */
    record UntoldSum(
            Tier from,
            @Nullable Tier to,
            String destination,
            Protocol protocol,
            IntervalSet ports,
            long rows,
            long pairs,
            int sources,
            int destinations,
            Set<String> unmodelled) {}

    /** The exposure's cannot-tell connections, one sum per (tiers, protocol), in that order. */
    static List<UntoldSum> untoldConnectionSums(Exposure exposure) {
        Map<List<Object>, Acc> rows = new TreeMap<>(Comparator.comparing((List<Object> k) -> (Tier) k.get(0))
                .thenComparing(k -> (Tier) k.get(1))
                .thenComparing(k -> (Protocol) k.get(2)));
        for (Exposure.UntoldConnection u : exposure.untold().connections()) {
            Exposure.Connection c = u.connection();
            Acc a = rows.computeIfAbsent(List.of(c.fromTier(), c.toTier(), c.protocol()), k -> new Acc());
            a.add(c.ports(), c.pairs(), u.unmodelled());
            a.from.add(c.from());
            a.to.add(c.to());
        }
        List<UntoldSum> out = new ArrayList<>();
        rows.forEach((k, a) -> out.add(a.sum((Tier) k.get(0), (Tier) k.get(1), "", (Protocol) k.get(2))));
        return out;
    }

    /** The exposure's cannot-tell flows from the internet, one sum per (tier, protocol), in that order. */
    static List<UntoldSum> untoldIngressSums(Exposure exposure) {
        Map<List<Object>, Acc> rows = new TreeMap<>(
                Comparator.comparing((List<Object> k) -> (Tier) k.get(0)).thenComparing(k -> (Protocol) k.get(1)));
        for (Exposure.UntoldIngress u : exposure.untold().fromInternet()) {
            Exposure.Ingress i = u.ingress();
            Acc a = rows.computeIfAbsent(List.of(i.tier(), i.protocol()), k -> new Acc());
            a.add(i.ports(), 0, u.unmodelled());
            a.to.add(List.of(i.attachment()));
        }
        List<UntoldSum> out = new ArrayList<>();
        rows.forEach((k, a) -> out.add(a.sum((Tier) k.get(0), null, "", (Protocol) k.get(1))));
        return out;
    }

    /**
     * Egress rows that cross a hop the model does not hold, one sum per (tier, destination, protocol), in the rows'
     * order; what is not modelled is their {@code via} after its first entry.
     */
    static List<UntoldSum> undecidedSums(List<EgressRow> rows) {
        Map<List<Object>, Acc> sums = new LinkedHashMap<>();
        for (EgressRow e : rows) {
            Acc a = sums.computeIfAbsent(List.of(e.tier(), e.destination(), e.protocol()), k -> new Acc());
            a.add(e.ports(), 0, e.via().subList(1, e.via().size()));
            a.names.addAll(e.resources());
        }
        List<UntoldSum> out = new ArrayList<>();
        sums.forEach((k, a) -> out.add(a.sum((Tier) k.get(0), null, (String) k.get(1), (Protocol) k.get(2))));
        return out;
    }

    /**
     * What the sums' flows lack, each once: "the rules of 3 security groups: sg-a, sg-b, sg-c", then any other cause,
     * at most {@code shown} names of each. The groups are read back by {@link Reachability#groupsNamedBy}, so that a
     * hundred groups are named once each, not once per combination.
     */
    static String causes(List<UntoldSum> sums, int shown) {
        TreeSet<String> groups = new TreeSet<>();
        TreeSet<String> other = new TreeSet<>();
        for (UntoldSum u : sums) {
            for (String said : u.unmodelled()) {
                // An egress row's way says "... not modelled" itself.
                String cause = said.endsWith(" not modelled")
                        ? said.substring(0, said.length() - " not modelled".length())
                        : said;
                List<String> named = Reachability.groupsNamedBy(cause);
                if (named.isEmpty()) {
                    other.add(cause);
                } else {
                    groups.addAll(named);
                }
            }
        }
        List<String> parts = new ArrayList<>();
        if (!groups.isEmpty()) {
            parts.add((groups.size() == 1
                            ? "the rules of security group "
                            : "the rules of " + groups.size() + " security groups: ")
                    + abbreviate(List.copyOf(groups), shown));
        }
        if (!other.isEmpty()) {
            parts.add(abbreviate(List.copyOf(other), shown));
        }
        return String.join("; ", parts);
    }

    /** One {@link UntoldSum} as it is summed. */
    private static final class Acc {
        IntervalSet ports = IntervalSet.empty();
        long rows;
        long pairs;
        final DistinctByIdentity<List<Attachment>> from = new DistinctByIdentity<>();
        final DistinctByIdentity<List<Attachment>> to = new DistinctByIdentity<>();
        final Set<String> unmodelled = new TreeSet<>();
        /** Resources named by egress rows, which name them rather than list them. */
        final Set<String> names = new java.util.HashSet<>();

        void add(IntervalSet ports, long pairs, List<String> unmodelled) {
            this.ports = this.ports.union(ports);
            this.rows++;
            this.pairs += pairs;
            this.unmodelled.addAll(unmodelled);
        }

        UntoldSum sum(Tier fromTier, @Nullable Tier toTier, String destination, Protocol protocol) {
            int sources = names.isEmpty() ? distinct(from) : names.size();
            int destinations = distinct(to);
            return new UntoldSum(
                    fromTier,
                    toTier,
                    destination,
                    protocol,
                    ports,
                    rows,
                    toTier == null ? destinations : pairs,
                    sources,
                    destinations,
                    unmodelled);
        }

        /** The attachments of the lists, each once (the lists of one end may be parts of one group). */
        private static int distinct(DistinctByIdentity<List<Attachment>> lists) {
            Set<String> seen = new java.util.HashSet<>();
            for (List<Attachment> l : lists.elements()) {
                for (int i = 0; i < l.size(); i++) {
                    seen.add(l.get(i).name());
                }
            }
            return seen.size();
        }
    }

    /** "cannot tell: the rules of security group sg-0abc not modelled", as {@code why} says it. */
    static String cannotTell(List<String> unmodelled) {
        return "cannot tell: " + String.join(", ", unmodelled) + " not modelled";
    }

    /** The ends' positions and labels, and the labels' ranks in text order: worked out once per exposure. */
    private record Ranks(
            Map<Attachment, Integer> index,
            Map<Attachment, String> labelOf,
            List<String> byRank,
            Map<String, Integer> rank) {}

    private static Ranks ranks(Exposure exposure) {
        // Each attachment's position, equal attachments sharing the first one's; looked up by identity (the members
        // are the ends' own objects), since an attachment's own hash walks all its fields.
        Map<Attachment, Integer> first = new HashMap<>();
        Map<Attachment, Integer> index = new IdentityHashMap<>();
        Map<Attachment, String> labelOf = new IdentityHashMap<>();
        TreeSet<String> labels = new TreeSet<>();
        for (int i = 0; i < exposure.ends().size(); i++) {
            Attachment a = exposure.ends().get(i);
            Integer at = first.putIfAbsent(a, i);
            index.putIfAbsent(a, at == null ? i : at);
            String label = label(a);
            labelOf.put(a, label);
            labels.add(label);
        }
        // Rows are keyed by one number whose order is theirs: tiers, protocol, then the labels' ranks in text order
        // (tens of thousands of rows: no key objects to hash, no comparator chain to sort them with).
        List<String> byRank = List.copyOf(labels);
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < byRank.size(); i++) {
            rank.put(byRank.get(i), i);
        }
        return new Ranks(index, labelOf, byRank, rank);
    }

    private static List<TierFlow> tierFlows(Exposure exposure, Ranks r, List<Exposure.Connection> connections) {
        TierSums sums = new TierSums(r);
        for (Exposure.Connection c : connections) {
            sums.add(c);
        }
        List<Sum> sorted = sums.sums;
        sorted.sort(Comparator.comparingLong(sum -> sum.key));
        List<TierFlow> out = new ArrayList<>(sorted.size());
        for (Sum sum : sorted) {
            out.add(new TierFlow(
                    sum.from,
                    sum.to,
                    sum.protocol,
                    r.byRank().get(sum.fromRank),
                    r.byRank().get(sum.toRank),
                    sum.ports,
                    sum.pairs,
                    names(sum.sources.elements(), r.index(), exposure.ends()),
                    names(sum.destinations.elements(), r.index(), exposure.ends())));
        }
        return out;
    }

    /**
     * The tier table's rows as connections are added. One connection at a time, in a method of its own rather than the
     * body of one long loop: the JIT then compiles it as an ordinary method, early with the analysis cache's training
     * profile, instead of replacing the running loop mid-way (docs/benchmarks.md).
     */
    private static final class TierSums {
        private final Map<Attachment, String> labelOf;
        private final Map<String, Integer> rank;
        private final long ranks;
        private final LongKeyed<Sum> rows = new LongKeyed<>();
        final List<Sum> sums = new ArrayList<>();
        private final Map<List<Attachment>, List<Labelled>> split = new IdentityHashMap<>();

        TierSums(Ranks r) {
            this.labelOf = r.labelOf();
            this.rank = r.rank();
            this.ranks = r.byRank().size();
        }

        void add(Exposure.Connection c) {
            // Looked up before computing: a computeIfAbsent here made two capturing lambdas per connection.
            List<Labelled> from = split.get(c.from());
            if (from == null) {
                from = byLabel(c.from(), labelOf, rank);
                split.put(c.from(), from);
            }
            List<Labelled> to = split.get(c.to());
            if (to == null) {
                to = byLabel(c.to(), labelOf, rank);
                split.put(c.to(), to);
            }
            long tiers = ((long) c.fromTier().ordinal() * TIERS + c.toTier().ordinal()) * PROTOCOLS
                    + c.protocol().ordinal();
            // Indexed loops: the lists are random-access, and an iterator per connection showed up as garbage.
            for (int i = 0; i < from.size(); i++) {
                Labelled f = from.get(i);
                for (int j = 0; j < to.size(); j++) {
                    Labelled t = to.get(j);
                    long pairs = c.pairs(f.members(), t.members());
                    if (pairs != 0) {
                        add(c, (tiers * ranks + f.rank()) * ranks + t.rank(), f, t, pairs);
                    }
                }
            }
        }

        private void add(Exposure.Connection c, long key, Labelled f, Labelled t, long pairs) {
            Sum sum = rows.get(key);
            if (sum == null) {
                sum = new Sum(key, c, f.rank(), t.rank());
                rows.put(key, sum);
                sums.add(sum);
            }
            sum.ports = sum.ports.union(c.ports());
            sum.pairs += pairs;
            sum.sources.add(f.members());
            sum.destinations.add(t.members());
        }
    }

    private static final int TIERS = Tier.values().length;
    private static final int PROTOCOLS = Protocol.values().length;

    /** The attachments of a connection's end that carry one label, and the label's rank. */
    private record Labelled(int rank, List<Attachment> members) {}

    /** One row of the tier table as it is summed. */
    private static final class Sum {
        /** The row's place in the table: tiers, protocol, then the labels' ranks, as one number. */
        final long key;

        final Tier from;
        final Tier to;
        final Protocol protocol;
        final int fromRank;
        final int toRank;
        IntervalSet ports = IntervalSet.empty();
        long pairs;
        final DistinctByIdentity<List<Attachment>> sources = new DistinctByIdentity<>();
        final DistinctByIdentity<List<Attachment>> destinations = new DistinctByIdentity<>();

        Sum(long key, Exposure.Connection c, int fromRank, int toRank) {
            this.key = key;
            this.from = c.fromTier();
            this.to = c.toTier();
            this.protocol = c.protocol();
            this.fromRank = fromRank;
            this.toRank = toRank;
        }
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
            for (int i = 0; i < l.size(); i++) {
                at[k++] = Objects.requireNonNull(index.get(l.get(i))); // every member is an end
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

    private static List<Labelled> byLabel(
            List<Attachment> attachments, Map<Attachment, String> labelOf, Map<String, Integer> rank) {
        Map<String, List<Attachment>> byLabel = new LinkedHashMap<>();
        for (Attachment a : attachments) {
            byLabel.computeIfAbsent(Objects.requireNonNull(labelOf.get(a)), k -> new ArrayList<>())
                    .add(a);
        }
        if (byLabel.size() == 1) {
            // One label: the group's own list, so the identity checks above see the same list each time.
            return List.of(new Labelled(
                    Objects.requireNonNull(rank.get(byLabel.keySet().iterator().next())), attachments));
        }
        List<Labelled> out = new ArrayList<>();
        byLabel.forEach((label, members) -> out.add(new Labelled(Objects.requireNonNull(rank.get(label)), members)));
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
        return String.join("; ", via.stream().map(Reachability::withoutVia).toList());
    }
}
