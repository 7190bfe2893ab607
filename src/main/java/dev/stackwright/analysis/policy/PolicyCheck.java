package dev.stackwright.analysis.policy;

import dev.stackwright.analysis.reach.Exposure;
import dev.stackwright.analysis.reach.IntervalSet;
import dev.stackwright.analysis.reach.Names;
import dev.stackwright.analysis.reach.Reachability;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Network;
import dev.stackwright.model.Protocol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Judges an {@link Exposure} against a {@link Policy}. */
public final class PolicyCheck {
    private final Network network;
    private final Names names;
    private final Policy policy;
    /** Selections by selector list: a policy names few, and large networks have many pairs to judge. */
    private final Map<List<String>, Set<Attachment>> selected = new HashMap<>();

    public PolicyCheck(Network network, Names names, Policy policy) {
        this.network = network;
        this.names = names;
        this.policy = policy;
    }

    /**
     * Every violation, grouped by policy part then in the network's attachment order.
     *
     * @throws Names.Unresolved when the policy names something this network does not know (a loaded policy was
     *                          checked against the network already; the built-in one uses role and tier names)
     */
    public List<Violation> check(Exposure exposure) {
        List<Violation> out = new ArrayList<>();
        for (Exposure.Ingress in : exposure.fromInternet()) {
            IntervalSet extra = in.ports().minus(allowed(null, in.attachment(), in.protocol()));
            if (!extra.isEmpty()) {
                String ports = Reachability.ports(in.protocol(), extra);
                out.add(new Violation("internet-ingress", in.attachment().name() + " is reachable from the internet on "
                        + ports + " (from " + in.describeSources() + "); the policy allows no such flow",
                        in.attachment().name(), "close it in " + groups(in.attachment()) + ", or allow it in the policy; "
                        + "`stackwright why internet " + in.attachment().name() + " " + extra.first().orElseThrow() + "` shows the path"));
            }
        }
        IntervalSet sensitive = Policy.resolve(policy.neverOpenToWorld(), network);
        for (Exposure.Ingress in : exposure.fromInternet()) {
            IntervalSet open = in.openToWorld() ? in.ports().intersect(sensitive) : IntervalSet.empty();
            if (!open.isEmpty()) {
                out.add(new Violation("open-to-world", in.attachment().name() + " accepts "
                        + Reachability.ports(in.protocol(), open) + " from anywhere on the internet; these ports must never be open to the world",
                        in.attachment().name(), "admit them from your own range only (network.bastionCidr for the bastion), "
                        + "or use Session Manager (network.access: ssm)"));
            }
        }
        Set<Attachment> guarded = selectAll(policy.guarded());
        Map<Attachment, Integer> index = new HashMap<>();
        for (int i = 0; i < exposure.ends().size(); i++) {
            index.putIfAbsent(exposure.ends().get(i), i);
        }
        // In the order of Exposure.internal(): source, destination, protocol.
        record Keyed(int from, int to, int protocol, Violation violation) {
        }
        List<Keyed> intoGuarded = new ArrayList<>();
        for (Exposure.Connection c : exposure.connections()) {
            for (Attachment to : c.to()) {
                if (!guarded.contains(to)) {
                    continue;
                }
                for (Attachment from : c.from()) {
                    if (!from.equals(to)) {
                        guarded(new Exposure.Internal(from, c.fromTier(), to, c.toTier(), c.protocol(), c.ports()))
                                .ifPresent(v -> intoGuarded.add(new Keyed(index.get(from), index.get(to), c.protocol().ordinal(), v)));
                    }
                }
            }
        }
        intoGuarded.sort(Comparator.comparingInt(Keyed::from).thenComparingInt(Keyed::to).thenComparingInt(Keyed::protocol));
        intoGuarded.forEach(k -> out.add(k.violation()));
        Set<Attachment> isolated = selectAll(policy.noInternetEgress());
        for (Exposure.Egress e : exposure.toInternet()) {
            if (isolated.contains(e.attachment())) {
                out.add(new Violation("internet-egress", e.attachment().name() + " reaches the internet on "
                        + Reachability.ports(e.protocol(), e.ports()) + " (" + String.join("; ", e.via())
                        + "); the policy gives it no internet egress", e.attachment().name(),
                        "remove the route out of its subnet and the egress rule from " + groups(e.attachment())
                                + "; `stackwright why " + e.attachment().name() + " internet " + e.ports().first().orElseThrow() + "` shows the path"));
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

    /** A flow into a guarded destination that no allow entry covers, in full. */
    private Optional<Violation> guarded(Exposure.Internal flow) {
        IntervalSet extra = flow.ports().minus(allowed(flow.from(), flow.to(), flow.protocol()));
        if (!extra.isEmpty()) {
            return Optional.of(new Violation("guarded", flow.to().name() + " is reachable from " + flow.from().name() + " on "
                    + Reachability.ports(flow.protocol(), extra) + "; " + flow.to().name()
                    + " is guarded and no allow entry lets " + flow.from().name() + " in on " + (extra.size() == 1 ? "that port" : "those ports"),
                    flow.to().name(), "remove the rule that admits it, or add an allow entry; `stackwright why "
                    + flow.from().name() + " " + flow.to().name() + " " + extra.first().orElseThrow() + "` shows the path"));
        }
        return Optional.empty();
    }

    /** The ports the allow entries open from {@code from} (null: the internet) to {@code to}. */
    private IntervalSet allowed(Attachment from, Attachment to, Protocol protocol) {
        IntervalSet out = IntervalSet.empty();
        for (Policy.Allow a : policy.allow()) {
            if (!a.protocol().covers(protocol) || !selectAll(a.to()).contains(to)) {
                continue;
            }
            boolean fromMatches = from == null ? a.from().contains(Names.INTERNET)
                    : selectAll(a.from().stream().filter(f -> !f.equals(Names.INTERNET)).toList()).contains(from);
            if (fromMatches) {
                out = out.union(Policy.resolve(a.ports(), network));
            }
        }
        return out;
    }

    private Set<Attachment> selectAll(List<String> selectors) {
        return selected.computeIfAbsent(selectors, k -> {
            Set<Attachment> out = new LinkedHashSet<>();
            for (String s : k) {
                out.addAll(names.select(s));
            }
            return out;
        });
    }

    private static String groups(Attachment a) {
        return a.securityGroupNames().isEmpty() ? "its security groups" : "security group " + String.join(", ", a.securityGroupNames());
    }
}
