package dev.stackwright.diagram;

import dev.stackwright.analysis.BetweenReport;
import dev.stackwright.analysis.CheckReport;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.Severity;
import dev.stackwright.analysis.reach.BetweenVpcs;
import dev.stackwright.analysis.reach.Exposure;
import dev.stackwright.analysis.reach.IntervalSet;
import dev.stackwright.analysis.reach.Reachability;
import dev.stackwright.analysis.reach.Verdict;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Network;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.Tier;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The arrows of a diagram: what the reachability analysis proved can connect, summed up per pair of tiers (and the
 * internet). Drawn from {@link CheckReport#exposure()}, never from the spec, so a diagram of an imported template shows
 * what is really reachable.
 */
final class Flows {
    private Flows() {}

    /** One end of an arrow: a tier's row, the internet, or the input's other VPCs (neither has a tier). */
    record End(Optional<Tier> tier, boolean otherVpcs) {
        static final End INTERNET = new End(Optional.empty(), false);
        static final End OTHER_VPCS = new End(Optional.empty(), true);

        static End of(Tier tier) {
            return new End(Optional.of(tier), false);
        }

        String label() {
            return tier.map(Tier::id).orElse(otherVpcs ? "other VPCs" : "internet");
        }
    }

    /**
     * One arrow.
     *
     * @param ports    "tcp 80, 443; udp 53"
     * @param sources  for arrows from the internet: who gets through, when not everyone
     * @param warning  whether it is a finding: something other than a front door open to the whole internet, or a
     *                 resource a lint finding names
     * @param resources what sits at the two ends, e.g. "front-door-a, front-door-b -> app-a, app-b"
     * @param cannotTell empty for a flow the analysis proved; else why it cannot tell whether the flow happens ("the
     *                   rules of security group sg-0abc"): a security group the input names but does not hold
     */
    record Arrow(End from, End to, String ports, String sources, boolean warning, String resources, String cannotTell) {
        Arrow(End from, End to, String ports, String sources, boolean warning, String resources) {
            this(from, to, ports, sources, warning, resources, "");
        }

        boolean untold() {
            return !cannotTell.isEmpty();
        }

        /** Whether it crosses to or from another VPC of the input. */
        boolean across() {
            return from.otherVpcs() || to.otherVpcs();
        }

        /** What the arrow being a finding means: open to the world, or a flow between VPCs the policy forbids. */
        String finding() {
            return across() ? " (breaks the policy: a finding)" : " (open to the world: a finding)";
        }

        String title() {
            return from.label() + " -> " + to.label() + ": " + ports + (sources.isEmpty() ? "" : " from " + sources)
                    + (warning ? finding() : "")
                    + (untold() ? " (cannot tell: " + cannotTell + " not modelled)" : "") + ". " + resources;
        }
    }

    /** Attachments the internet reaches in a way that is a finding, by name. */
    static Set<String> exposed(CheckReport report) {
        Set<String> out = new LinkedHashSet<>();
        for (Exposure.Ingress i : report.exposure().fromInternet()) {
            if (i.openToWorld() && (!frontDoor(i.attachment()) || named(report, i.attachment()))) {
                out.add(i.attachment().name());
            }
        }
        return out;
    }

    static List<Arrow> of(CheckReport report) {
        Set<String> exposed = exposed(report);
        List<Arrow> out = new ArrayList<>();

        // From the internet: an arrow per tier and set of sources, the whole internet first, so that ports open to
        // everyone are never labelled with an office's range.
        Map<Tier, Map<String, Sum>> in = new EnumMap<>(Tier.class);
        for (Exposure.Ingress i : report.exposure().fromInternet()) {
            String sources = i.openToWorld() ? "" : i.describeSources();
            Sum s = in.computeIfAbsent(i.tier(), t -> new TreeMap<>()).computeIfAbsent(sources, k -> new Sum());
            s.add(i.protocol(), i.ports(), null, i.attachment());
            if (!sources.isEmpty()) {
                s.sources.add(sources);
            }
            s.warning |= exposed.contains(i.attachment().name());
        }
        in.forEach((tier, bySources) -> bySources.values().forEach(s -> out.add(s.arrow(End.INTERNET, End.of(tier)))));

        Map<List<Tier>, Sum> between = new TreeMap<>((a, b) ->
                a.get(0) != b.get(0) ? a.get(0).compareTo(b.get(0)) : a.get(1).compareTo(b.get(1)));
        for (Exposure.Connection c : report.exposure().connections()) {
            Sum s = between.computeIfAbsent(List.of(c.fromTier(), c.toTier()), t -> new Sum());
            c.from().forEach(a -> s.fromNames.add(a.name()));
            c.to().forEach(a -> s.add(c.protocol(), c.ports(), null, a));
        }
        between.forEach((tiers, s) -> out.add(s.arrow(End.of(tiers.get(0)), End.of(tiers.get(1)))));

        Map<Tier, Sum> egress = new EnumMap<>(Tier.class);
        for (Exposure.Egress e : report.exposure().toInternet()) {
            Sum s = egress.computeIfAbsent(e.tier(), t -> new Sum());
            s.fromNames.add(e.attachment().name());
            s.add(e.protocol(), e.ports(), null, null);
        }
        egress.forEach((tier, s) -> out.add(s.arrow(End.of(tier), End.INTERNET)));
        untold(report.exposure(), out);
        return out;
    }

    /**
     * The flows the analysis cannot tell, after the proved ones: one arrow per tier from the internet and per pair of
     * tiers, with what is not modelled. Never a finding: the engine does not say they happen.
     */
    private static void untold(Exposure exposure, List<Arrow> out) {
        Map<Tier, Sum> in = new EnumMap<>(Tier.class);
        for (Exposure.UntoldIngress u : exposure.untold().fromInternet()) {
            Exposure.Ingress i = u.ingress();
            Sum s = in.computeIfAbsent(i.tier(), t -> new Sum());
            s.add(i.protocol(), i.ports(), null, i.attachment());
            s.causes.addAll(u.unmodelled());
        }
        in.forEach((tier, s) -> out.add(s.arrow(End.INTERNET, End.of(tier))));
        Map<List<Tier>, Sum> between = new TreeMap<>((a, b) ->
                a.get(0) != b.get(0) ? a.get(0).compareTo(b.get(0)) : a.get(1).compareTo(b.get(1)));
        // Names are gathered per group of resources once: a missing security group file makes many thousands of
        // these flows, between a few hundred groups.
        Map<Sum, Set<List<Attachment>>> fromSeen = new java.util.IdentityHashMap<>();
        Map<Sum, Set<List<Attachment>>> toSeen = new java.util.IdentityHashMap<>();
        for (Exposure.UntoldConnection u : exposure.untold().connections()) {
            Exposure.Connection c = u.connection();
            Sum s = between.computeIfAbsent(List.of(c.fromTier(), c.toTier()), t -> new Sum());
            s.ports.merge(c.protocol(), c.ports(), IntervalSet::union);
            s.causes.addAll(u.unmodelled());
            if (fromSeen.computeIfAbsent(s, k -> byIdentity()).add(c.from())) {
                c.from().forEach(a -> s.fromNames.add(a.name()));
            }
            if (toSeen.computeIfAbsent(s, k -> byIdentity()).add(c.to())) {
                c.to().forEach(a -> s.toNames.add(a.name()));
            }
        }
        between.forEach((tiers, s) -> out.add(s.arrow(End.of(tiers.get(0)), End.of(tiers.get(1)))));
    }

    /**
     * The flows between this VPC and the others of the input that {@code check} lists between VPCs, after the VPC's
     * own: per tier, one arrow out to the other VPCs and one in from them, the proved flows before those the analysis
     * cannot tell. A flow that breaks the policy ({@link BetweenReport#violating}) makes its arrow a finding.
     *
     * @return the links those flows cross, by name, for the box of the other VPCs: "peering pcx-1"
     */
    static Set<String> across(Network n, BetweenReport between, List<Arrow> out) {
        Set<String> crossed = new java.util.TreeSet<>();
        Map<Tier, Sum> outward = new EnumMap<>(Tier.class);
        Map<Tier, Sum> inward = new EnumMap<>(Tier.class);
        Map<Tier, Sum> outwardUntold = new EnumMap<>(Tier.class);
        Map<Tier, Sum> inwardUntold = new EnumMap<>(Tier.class);
        for (BetweenVpcs.Row row : between.flows().rows()) {
            boolean leaves = row.from() == n;
            if (!leaves && row.to() != n) {
                continue;
            }
            boolean told = row.verdict() == Verdict.REACHABLE;
            Map<Tier, Sum> sums = leaves ? (told ? outward : outwardUntold) : (told ? inward : inwardUntold);
            Sum s = sums.computeIfAbsent(leaves ? row.fromTier() : row.toTier(), t -> new Sum());
            s.ports.merge(row.protocol(), row.ports(), IntervalSet::union);
            String other = " (" + (leaves ? row.to() : row.from()).stackName() + ")";
            row.sources().forEach(a -> s.fromNames.add(a.name() + (leaves ? "" : other)));
            row.destinations().forEach(a -> s.toNames.add(a.name() + (leaves ? other : "")));
            s.links.addAll(row.via());
            crossed.addAll(row.via());
            s.causes.addAll(told ? List.of() : row.unmodelled());
            s.warning |= between.violating().contains(row);
        }
        outward.forEach((tier, s) -> out.add(s.arrow(End.of(tier), End.OTHER_VPCS)));
        inward.forEach((tier, s) -> out.add(s.arrow(End.OTHER_VPCS, End.of(tier))));
        outwardUntold.forEach((tier, s) -> out.add(s.arrow(End.of(tier), End.OTHER_VPCS)));
        inwardUntold.forEach((tier, s) -> out.add(s.arrow(End.OTHER_VPCS, End.of(tier))));
        return crossed;
    }

    private static Set<List<Attachment>> byIdentity() {
        return java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    }

    /** Load balancers and VPC Link interfaces are there to be reached from the internet. */
    private static boolean frontDoor(Attachment a) {
        return a.kind() == Attachment.Kind.LOAD_BALANCER || a.kind() == Attachment.Kind.VPC_LINK;
    }

    /**
     * Whether a policy violation, or a warning or error finding, names the attachment or one of its security groups:
     * what {@code check} reports against it, with the policy it was given.
     */
    private static boolean named(CheckReport report, Attachment a) {
        if (report.violations().stream().anyMatch(v -> v.targets().contains(a.name()))) {
            return true;
        }
        for (Finding f : report.findings()) {
            if (f.severity() == Severity.NOTE) {
                continue;
            }
            String resource = f.resource();
            if (resource.equals(a.name())
                    || resource.endsWith(" " + a.name())
                    || a.securityGroupNames().stream().anyMatch(g -> resource.endsWith(" " + g))) {
                return true;
            }
        }
        return false;
    }

    /** Ports per protocol and the resources at both ends of one arrow. */
    private static final class Sum {
        final Map<Protocol, IntervalSet> ports = new EnumMap<>(Protocol.class);
        final Set<String> sources = new LinkedHashSet<>();
        final Set<String> fromNames = new LinkedHashSet<>();
        final Set<String> toNames = new LinkedHashSet<>();
        /** The links an arrow between VPCs crosses: "peering pcx-1". */
        final Set<String> links = new java.util.TreeSet<>();
        /** What is not modelled, for flows the analysis cannot tell. */
        final Set<String> causes = new java.util.TreeSet<>();

        boolean warning;

        void add(Protocol p, IntervalSet range, @Nullable Attachment from, @Nullable Attachment to) {
            ports.merge(p, range, IntervalSet::union);
            if (from != null) {
                fromNames.add(from.name());
            }
            if (to != null) {
                toNames.add(to.name());
            }
        }

        Arrow arrow(End from, End to) {
            List<String> parts = new ArrayList<>();
            IntervalSet tcp = ports.get(Protocol.TCP);
            if (ports.size() == 2 && tcp != null && java.util.Objects.equals(tcp, ports.get(Protocol.UDP))) {
                // The same ports over both protocols (NAT and egress rules usually): said once, to fit the label.
                parts.add("tcp/udp " + Reachability.portList(tcp));
            } else {
                ports.forEach((p, r) -> parts.add(Reachability.ports(p, r)));
            }
            String who = (fromNames.isEmpty() ? from.label() : names(fromNames)) + " -> "
                    + (toNames.isEmpty() ? to.label() : names(toNames));
            // The links an arrow between VPCs crosses go with its resources, in its title: its box names them too.
            String over = links.isEmpty() ? "" : " over " + String.join(", ", links);
            return new Arrow(
                    from, to, String.join("; ", parts), String.join("; ", sources), warning, who + over, causes());
        }

        /** "the rules of security group sg-a, the rules of security group sg-b and 4 more". */
        private String causes() {
            List<String> all = List.copyOf(causes);
            return all.size() <= 3
                    ? String.join(", ", all)
                    : String.join(", ", all.subList(0, 3)) + " and " + (all.size() - 3) + " more";
        }

        private static String names(Set<String> names) {
            List<String> all = List.copyOf(names);
            return all.size() <= 6
                    ? String.join(", ", all)
                    : String.join(", ", all.subList(0, 6)) + " and " + (all.size() - 6) + " more";
        }
    }
}
