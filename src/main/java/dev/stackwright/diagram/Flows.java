package dev.stackwright.diagram;

import dev.stackwright.analysis.CheckReport;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.Severity;
import dev.stackwright.analysis.reach.Exposure;
import dev.stackwright.analysis.reach.IntervalSet;
import dev.stackwright.analysis.reach.Reachability;
import dev.stackwright.model.Attachment;
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

    /** One end of an arrow: the internet (empty tier) or a tier's row. */
    record End(Optional<Tier> tier) {
        static final End INTERNET = new End(Optional.empty());

        static End of(Tier tier) {
            return new End(Optional.of(tier));
        }

        String label() {
            return tier.map(Tier::id).orElse("internet");
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
     */
    record Arrow(End from, End to, String ports, String sources, boolean warning, String resources) {
        String title() {
            return from.label() + " -> " + to.label() + ": " + ports + (sources.isEmpty() ? "" : " from " + sources)
                    + (warning ? " (open to the world: a finding)" : "") + ". " + resources;
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
        return out;
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
            return new Arrow(from, to, String.join("; ", parts), String.join("; ", sources), warning, who);
        }

        private static String names(Set<String> names) {
            List<String> all = List.copyOf(names);
            return all.size() <= 6
                    ? String.join(", ", all)
                    : String.join(", ", all.subList(0, 6)) + " and " + (all.size() - 6) + " more";
        }
    }
}
