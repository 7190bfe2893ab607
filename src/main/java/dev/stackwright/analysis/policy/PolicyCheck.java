package dev.stackwright.analysis.policy;

import dev.stackwright.analysis.reach.DistinctByIdentity;
import dev.stackwright.analysis.reach.Exposure;
import dev.stackwright.analysis.reach.IntervalSet;
import dev.stackwright.analysis.reach.LongKeyed;
import dev.stackwright.analysis.reach.Names;
import dev.stackwright.analysis.reach.Reachability;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Network;
import dev.stackwright.model.Protocol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Judges an {@link Exposure} against a {@link Policy}. */
public final class PolicyCheck {
    private final Network network;
    private final Names names;
    private final Policy policy;
    /** Selections by selector list: a policy names few, and large networks have many pairs to judge. */
    private final Map<List<String>, Set<Attachment>> selected = new HashMap<>();
    /**
     * Per attachment, which allow entries select it: attachments selected alike get the same verdict. By identity,
     * as the other per-attachment maps here: an attachment's own hash walks all its fields, and large accounts ask
     * millions of times.
     */
    private final Map<Attachment, List<Boolean>> selectedAsSource = new IdentityHashMap<>();

    private final Map<Attachment, List<Boolean>> selectedAsDestination = new IdentityHashMap<>();
    private final Map<List<Object>, IntervalSet> allowedBySelection = new HashMap<>();
    private final Map<Attachment, String> labels = new IdentityHashMap<>();
    private final Map<String, String> canonicalLabels = new HashMap<>();
    private final Map<List<Boolean>, Integer> selectionIds = new HashMap<>();
    private final Map<String, Integer> labelIds = new HashMap<>();
    private final LongKeyed<IntervalSet> allowedByParts = new LongKeyed<>();

    public PolicyCheck(Network network, Names names, Policy policy) {
        this.network = network;
        this.names = names;
        this.policy = policy;
    }

    /**
     * Every violation, grouped by policy part then in the network's attachment order. A name this network does not
     * have selects nothing here: {@link PolicyLoader} checked that some VPC of the input has it.
     */
    public List<Violation> check(Exposure exposure) {
        List<Violation> out = new ArrayList<>();
        for (Exposure.Ingress in : exposure.fromInternet()) {
            IntervalSet extra = in.ports().minus(allowed(null, in.attachment(), in.protocol()));
            if (!extra.isEmpty()) {
                String ports = Reachability.ports(in.protocol(), extra);
                out.add(new Violation(
                        "internet-ingress",
                        in.attachment().name() + " is reachable from the internet on " + ports + " (from "
                                + in.describeSources() + "); the policy allows no such flow",
                        in.attachment().name(),
                        "close it in " + groups(in.attachment()) + ", or allow it in the policy; "
                                + "`stackwright why internet "
                                + Names.shellWord(in.attachment().name()) + " "
                                + extra.first().orElseThrow() + "` shows the path"));
            }
        }
        IntervalSet sensitive = Policy.resolve(policy.neverOpenToWorld(), network);
        for (Exposure.Ingress in : exposure.fromInternet()) {
            IntervalSet open = in.openToWorld() ? in.ports().intersect(sensitive) : IntervalSet.empty();
            if (!open.isEmpty()) {
                out.add(new Violation(
                        "open-to-world",
                        in.attachment().name() + " accepts " + Reachability.ports(in.protocol(), open)
                                + " from anywhere on the internet; these ports must never be open to the world",
                        in.attachment().name(),
                        "admit them from your own range only, or use Session Manager (in a Stackwright spec:"
                                + " network.bastionCidr for the bastion, network.access: ssm)"));
            }
        }
        intoGuarded(exposure).forEach(out::add);
        Set<Attachment> isolated = selectAll(policy.noInternetEgress());
        for (Exposure.Egress e : exposure.toInternet()) {
            if (isolated.contains(e.attachment())) {
                out.add(new Violation(
                        "internet-egress",
                        e.attachment().name() + " reaches the internet on "
                                + Reachability.ports(e.protocol(), e.ports()) + " (" + String.join("; ", e.via())
                                + "); the policy gives it no internet egress",
                        e.attachment().name(),
                        "remove the route out of its subnet and the egress rule from " + groups(e.attachment())
                                + "; `stackwright why "
                                + Names.shellWord(e.attachment().name()) + " internet "
                                + e.ports().first().orElseThrow() + "` shows the path"));
            }
        }
        return out;
    }

    /**
     * What of an exposure this policy judges: flows into the guarded destinations and internet egress of the isolated
     * ones (and ingress from the internet, always), so a gate need not compute the rest.
     */
    public Exposure.Scope scope() {
        Set<Attachment> guarded = selectAll(policy.guarded());
        Set<Attachment> isolated = selectAll(policy.noInternetEgress());
        return new Exposure.Scope(guarded::contains, isolated::contains, false);
    }

    /**
     * Flows into guarded destinations that no allow entry covers. Pairs are judged a group at a time: the exposure's
     * connections hold attachments that reach alike, and within one, attachments that the allow entries select alike
     * get the same verdict. Pairs with the same security groups at both ends, protocol and ports not allowed make one
     * violation, so a large account reads as a list of rules to fix, not millions of pairs. Ordered by the first pair
     * of each (source, destination, protocol in network order).
     */
    private List<Violation> intoGuarded(Exposure exposure) {
        Guarded judge = new Guarded(exposure, selectAll(policy.guarded()));
        for (Exposure.Connection c : exposure.connections()) {
            judge.add(c);
        }
        return judge.found.stream()
                .sorted(Comparator.comparingInt((Unallowed u) -> u.firstFrom)
                        .thenComparingInt(u -> u.firstTo)
                        .thenComparingInt(u -> u.protocol.ordinal()))
                .map(Unallowed::violation)
                .toList();
    }

    /**
     * The pairs of the connections met so far that go into guarded destinations and that no allow entry covers. One
     * connection at a time, in a method of its own rather than the body of one long loop: the JIT then compiles it
     * as an ordinary method, which the analysis cache's training profile lets it compile early, instead of replacing
     * the running loop mid-way (on a large account that on-stack compilation alone took seconds of the compiler's
     * time, twice; docs/benchmarks.md).
     */
    private final class Guarded {
        private final Exposure exposure;
        private final Map<Attachment, Boolean> isGuarded = new IdentityHashMap<>();
        private final Map<Attachment, Integer> index = new IdentityHashMap<>();
        // A connection's lists are its groups' member lists, shared by every connection of the group: split once each.
        private final Map<List<Attachment>, List<Part>> sourceParts = new IdentityHashMap<>();
        private final Map<List<Attachment>, List<Part>> guardedParts = new IdentityHashMap<>();
        // In the order first met (connections come in network order), so ties in the sort stay deterministic; found
        // by the labels' numbers and the protocol, then among the few with those by their ports (no key object made
        // and hashed for each of hundreds of thousands of pairs).
        final List<Unallowed> found = new ArrayList<>();
        private final LongKeyed<Unallowed> byEnds = new LongKeyed<>();

        Guarded(Exposure exposure, Set<Attachment> guarded) {
            this.exposure = exposure;
            for (int i = 0; i < exposure.ends().size(); i++) {
                Attachment a = exposure.ends().get(i);
                index.putIfAbsent(a, i);
                isGuarded.put(a, guarded.contains(a));
            }
        }

        // Looked up before computing, and indexed loops: capturing lambdas and iterators per connection were a large
        // account's garbage (hundreds of thousands of connections).
        void add(Exposure.Connection c) {
            List<Part> into = guardedParts.get(c.to());
            if (into == null) {
                into = parts(c.to().stream().filter(isGuarded::get).toList(), true, index);
                guardedParts.put(c.to(), into);
            }
            if (into.isEmpty()) {
                return;
            }
            List<Part> from = sourceParts.get(c.from());
            if (from == null) {
                from = parts(c.from(), false, index);
                sourceParts.put(c.from(), from);
            }
            for (int i = 0; i < into.size(); i++) {
                Part t = into.get(i);
                for (int j = 0; j < from.size(); j++) {
                    Part f = from.get(j);
                    long pairs = c.pairs(f.members, t.members);
                    if (pairs != 0) {
                        add(c, f, t, pairs);
                    }
                }
            }
        }

        private void add(Exposure.Connection c, Part f, Part t, long pairs) {
            IntervalSet extra = c.ports().minus(allowed(f, t, c.protocol()));
            if (extra.isEmpty()) {
                return;
            }
            long ends =
                    (((long) f.labelId << 31) + t.labelId) * 4 + c.protocol().ordinal();
            Unallowed first = byEnds.get(ends);
            Unallowed u = first;
            while (u != null && !u.extra.equals(extra)) {
                u = u.sameEnds;
            }
            if (u == null) {
                u = new Unallowed(c.protocol(), extra, index, exposure.ends());
                u.sameEnds = first;
                byEnds.put(ends, u);
                found.add(u);
            }
            u.add(f, t, pairs);
        }
    }

    /**
     * Attachments of one group that the allow entries select alike and that carry the same security groups.
     *
     * @param labelId its label's number ({@link #labelId}): violations are one per (labels at each end, protocol,
     *                ports not allowed)
     * @param first   the lowest network position among them
     */
    private record Part(List<Attachment> members, String label, int labelId, int first, int selection) {}

    private List<Part> parts(List<Attachment> attachments, boolean asDestination, Map<Attachment, Integer> index) {
        if (attachments.isEmpty()) {
            return List.of();
        }
        if (attachments.size() == 1) {
            Attachment only = attachments.getFirst();
            return List.of(new Part(
                    attachments,
                    label(only),
                    labelId(label(only)),
                    java.util.Objects.requireNonNull(index.get(only)),
                    selection(only, asDestination)));
        }
        Map<List<Object>, List<Attachment>> split = new LinkedHashMap<>();
        for (Attachment a : attachments) {
            split.computeIfAbsent(List.of(selectedBy(a, asDestination), label(a)), k -> new ArrayList<>())
                    .add(a);
        }
        List<Part> out = new ArrayList<>();
        for (List<Attachment> members : split.values()) {
            out.add(new Part(
                    List.copyOf(members),
                    label(members.getFirst()),
                    labelId(label(members.getFirst())),
                    members.stream().mapToInt(index::get).min().orElseThrow(),
                    selection(members.getFirst(), asDestination)));
        }
        return out;
    }

    private List<Boolean> selectedBy(Attachment a, boolean asDestination) {
        return (asDestination ? selectedAsDestination : selectedAsSource).computeIfAbsent(a, k -> {
            List<Boolean> out = new ArrayList<>();
            for (Policy.Allow allow : policy.allow()) {
                out.add(selectAll(asDestination ? allow.to() : sources(allow)).contains(a));
            }
            return List.copyOf(out);
        });
    }

    /** One string per label, so the keys above compare labels by identity first. */
    private String label(Attachment a) {
        return labels.computeIfAbsent(a, x -> {
            String label = Names.byGroups(x);
            return canonicalLabels.computeIfAbsent(label, l -> l);
        });
    }

    /** A number per label, for the violations' index. */
    private int labelId(String label) {
        return labelIds.computeIfAbsent(label, l -> labelIds.size());
    }

    /** A number per distinct selection (which allow entries select an attachment), for the verdicts' cache. */
    private int selection(Attachment a, boolean asDestination) {
        return selectionIds.computeIfAbsent(selectedBy(a, asDestination), k -> selectionIds.size());
    }

    /**
     * The ports the allow entries open from one part to another: the answer depends only on the parts' selections,
     * looked up by their numbers.
     */
    private IntervalSet allowed(Part from, Part to, Protocol protocol) {
        long key = (((long) from.selection() << 31) + to.selection()) * 4 + protocol.ordinal();
        IntervalSet allowed = allowedByParts.get(key);
        if (allowed == null) {
            allowed = allowed(from.members().getFirst(), to.members().getFirst(), protocol);
            allowedByParts.put(key, allowed);
        }
        return allowed;
    }

    /** Pairs into guarded destinations with the same groups at both ends, protocol and ports not allowed. */
    private static final class Unallowed {
        final Protocol protocol;
        final IntervalSet extra;
        /** The parts involved, each once (by identity), in the order met. */
        final DistinctByIdentity<Part> fromParts = new DistinctByIdentity<>();

        final DistinctByIdentity<Part> toParts = new DistinctByIdentity<>();
        long pairs;
        /** Another with the same labels and protocol and other ports, or null. */
        @Nullable
        Unallowed sameEnds;

        int firstFrom = Integer.MAX_VALUE;
        int firstTo = Integer.MAX_VALUE;

        final Map<Attachment, Integer> index;
        final List<Attachment> ends;

        Unallowed(Protocol protocol, IntervalSet extra, Map<Attachment, Integer> index, List<Attachment> ends) {
            this.protocol = protocol;
            this.extra = extra;
            this.index = index;
            this.ends = ends;
        }

        /** A real pair of the first parts met, for the `why` hint. */
        @Nullable
        Attachment sample;

        @Nullable
        Attachment target;

        void add(Part sources, Part destinations, long n) {
            fromParts.add(sources);
            toParts.add(destinations);
            if (sample == null) {
                // n > 0: some source of this part differs from some destination of that one.
                for (Attachment f : sources.members()) {
                    for (Attachment t : destinations.members()) {
                        if (sample == null && !f.equals(t)) {
                            sample = f;
                            target = t;
                        }
                    }
                }
            }
            pairs += n;
            if (sources.first() < firstFrom || (sources.first() == firstFrom && destinations.first() < firstTo)) {
                firstFrom = sources.first();
                firstTo = destinations.first();
            }
        }

        Violation violation() {
            List<Attachment> from = inNetworkOrder(fromParts.elements());
            List<Attachment> to = inNetworkOrder(toParts.elements());
            String ports = Reachability.ports(protocol, extra);
            String thatPort = extra.size() == 1 ? "that port" : "those ports";
            // a violation has at least one pair, and the first one set these
            String why = "`stackwright why "
                    + Names.shellWord(java.util.Objects.requireNonNull(sample).name()) + " "
                    + Names.shellWord(java.util.Objects.requireNonNull(target).name()) + " "
                    + extra.first().orElseThrow() + "` shows "
                    + (pairs == 1 ? "the path" : "one of the paths");
            if (pairs == 1) {
                return new Violation(
                        "guarded",
                        target.name() + " is reachable from " + sample.name() + " on " + ports + "; " + target.name()
                                + " is guarded and no allow entry lets " + sample.name() + " in on " + thatPort,
                        target.name(),
                        "remove the rule that admits it, or add an allow entry; " + why,
                        List.of(sample.name()),
                        List.of(target.name()),
                        1);
            }
            return new Violation(
                    "guarded",
                    names(to) + " " + (to.size() == 1 ? "is" : "are") + " reachable from " + names(from)
                            + " on " + ports + " (" + pairs + " pairs); " + (to.size() == 1 ? "it is" : "they are")
                            + " guarded and no allow entry admits "
                            + (from.size() == 1 ? "that source" : "those sources") + " on " + thatPort,
                    to.getFirst().name(),
                    "remove the rule that admits them in " + groups(target) + ", or add an allow entry; " + why,
                    from.stream().map(Attachment::name).toList(),
                    to.stream().map(Attachment::name).toList(),
                    pairs);
        }

        /**
         * The parts' attachments, each once, in network order. Each position is looked up once (not at every
         * comparison): an attachment's hash is computed from all its fields.
         */
        private List<Attachment> inNetworkOrder(List<Part> parts) {
            // By position: each attachment has its own (the index is by identity), so sorting the positions and
            // dropping repeats keeps each attachment once.
            int n = 0;
            for (Part p : parts) {
                n += p.members().size();
            }
            int[] at = new int[n];
            int k = 0;
            for (Part p : parts) {
                for (Attachment a : p.members()) {
                    at[k++] = java.util.Objects.requireNonNull(index.get(a)); // every member is an end
                }
            }
            Arrays.sort(at);
            List<Attachment> out = new ArrayList<>();
            for (int i = 0; i < at.length; i++) {
                if (i == 0 || at[i] != at[i - 1]) {
                    out.add(ends.get(at[i]));
                }
            }
            return out;
        }

        /** "a", "a and b", "a, b, c and 7 more (10 resources)": a large account's groups stay one line. */
        private static String names(List<Attachment> attachments) {
            List<String> names =
                    attachments.stream().limit(3).map(Attachment::name).toList();
            int more = attachments.size() - names.size();
            if (more > 0) {
                return String.join(", ", names) + " and " + more + " more (" + attachments.size() + " resources)";
            }
            return names.size() == 1
                    ? names.getFirst()
                    : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
        }
    }

    /** The ports the allow entries open from {@code from} (null: the internet) to {@code to}. */
    private IntervalSet allowed(@Nullable Attachment from, Attachment to, Protocol protocol) {
        // The answer depends only on which entries select each end: cached by that.
        List<Object> key = List.of(
                from == null ? List.of() : selectedBy(from, false), from == null, selectedBy(to, true), protocol);
        return allowedBySelection.computeIfAbsent(key, k -> {
            IntervalSet out = IntervalSet.empty();
            for (Policy.Allow a : policy.allow()) {
                if (!a.protocol().covers(protocol) || !selectAll(a.to()).contains(to)) {
                    continue;
                }
                boolean fromMatches = from == null
                        ? a.from().contains(Names.INTERNET)
                        : selectAll(sources(a)).contains(from);
                if (fromMatches) {
                    out = out.union(Policy.resolve(a.ports(), network));
                }
            }
            return out;
        });
    }

    /** An allow entry's sources among the attachments (the internet is not one). */
    private static List<String> sources(Policy.Allow a) {
        return a.from().stream().filter(f -> !f.equals(Names.INTERNET)).toList();
    }

    private Set<Attachment> selectAll(List<String> selectors) {
        return selected.computeIfAbsent(selectors, k -> {
            Set<Attachment> out = new LinkedHashSet<>();
            for (String s : k) {
                out.addAll(Selectors.select(names, s));
            }
            return out;
        });
    }

    private static String groups(Attachment a) {
        return a.securityGroupNames().isEmpty()
                ? "its security groups"
                : "security group " + String.join(", ", a.securityGroupNames());
    }
}
