package dev.stackwright.analysis.policy;

import dev.stackwright.analysis.reach.AddressSpace;
import dev.stackwright.analysis.reach.BetweenVpcs;
import dev.stackwright.analysis.reach.IntervalSet;
import dev.stackwright.analysis.reach.Names;
import dev.stackwright.analysis.reach.Reachability;
import dev.stackwright.analysis.reach.Verdict;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Network;
import dev.stackwright.model.Protocol;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Judges the flows between VPCs ({@link BetweenVpcs}) against each destination VPC's policy, as {@link PolicyCheck}
 * judges flows within one: a flow into a guarded destination must match an allow entry. The destination's VPC's policy
 * decides (what it guards, its allow entries, its ports); an entry's {@code to} selects destinations by their names in
 * their VPC, and its {@code from} selects sources by their names in <em>their own</em> VPC, so {@code from: role:app}
 * admits the app of every VPC of the input, and {@code from: vpc:shop/role:app} only shop's. Flows the engine cannot
 * tell about are neither allowed nor a violation.
 */
public final class BetweenVpcsPolicy {
    private final Function<Network, Policy> policies;
    private final Map<Network, Names> names = new IdentityHashMap<>();
    private final Map<Network, Map<List<String>, Set<Attachment>>> selected = new IdentityHashMap<>();
    /**
     * Per policy (each destination VPC's) and attachment, which allow entries select it at each end; by identity, as
     * {@link PolicyCheck} keeps them.
     */
    private final Map<Policy, Map<Attachment, List<Boolean>>> selectedAsSource = new IdentityHashMap<>();

    private final Map<Policy, Map<Attachment, List<Boolean>>> selectedAsDestination = new IdentityHashMap<>();

    /** @param policies each VPC's policy, as {@code check} loaded it for that VPC */
    public BetweenVpcsPolicy(Function<Network, Policy> policies) {
        this.policies = policies;
    }

    /**
     * The violations of the flows' rows, in row order. Pairs with the same VPCs, security groups at each end, protocol,
     * link and ports not allowed make one violation, as within one VPC: one rule fixes them all.
     */
    public List<Violation> check(BetweenVpcs flows) {
        return judge(flows).violations();
    }

    /**
     * The violations of the flows, and the rows that break the policy.
     *
     * @param violating the rows some of whose ports no allow entry admits, by identity: a picture marks them
     */
    public record Judged(List<Violation> violations, Set<BetweenVpcs.Row> violating) {
        public Judged {
            violations = List.copyOf(violations);
            violating = Collections.unmodifiableSet(violating);
        }
    }

    /** The violations of the flows' rows ({@link #check}) and the rows they come from, in one pass. */
    public Judged judge(BetweenVpcs flows) {
        Map<List<Object>, Unallowed> found = new LinkedHashMap<>();
        Set<BetweenVpcs.Row> violating = Collections.newSetFromMap(new IdentityHashMap<>());
        for (BetweenVpcs.Row row : flows.rows()) {
            if (row.verdict() == Verdict.REACHABLE && judge(row, found)) {
                violating.add(row);
            }
        }
        return new Judged(found.values().stream().map(Unallowed::violation).toList(), violating);
    }

    /** Pairs not allowed alike: the first row met, the ports not allowed, and every source and target. */
    private static final class Unallowed {
        final BetweenVpcs.Row row;
        final IntervalSet extra;
        final Set<Attachment> from = Collections.newSetFromMap(new LinkedHashMap<>());
        final Set<Attachment> to = Collections.newSetFromMap(new LinkedHashMap<>());
        long pairs;

        Unallowed(BetweenVpcs.Row row, IntervalSet extra) {
            this.row = row;
            this.extra = extra;
        }

        Violation violation() {
            return BetweenVpcsPolicy.violation(row, List.copyOf(from), List.copyOf(to), extra, pairs);
        }
    }

    /** Adds the row's pairs that no allow entry admits to {@code found}; whether there were any. */
    private boolean judge(BetweenVpcs.Row row, Map<List<Object>, Unallowed> found) {
        Policy policy = policies.apply(row.to());
        Set<Attachment> guarded = selectAll(row.to(), policy.guarded());
        List<Attachment> into =
                row.destinations().stream().filter(guarded::contains).toList();
        if (into.isEmpty()) {
            return false;
        }
        // Ends that the allow entries select alike get the same verdict: split each end by which entries select it.
        Map<List<Boolean>, List<Attachment>> sources =
                split(row.sources(), a -> selectedBy(row.from(), policy, a, false));
        Map<List<Boolean>, List<Attachment>> targets = split(into, a -> selectedBy(row.to(), policy, a, true));
        boolean any = false;
        for (Map.Entry<List<Boolean>, List<Attachment>> t : targets.entrySet()) {
            for (Map.Entry<List<Boolean>, List<Attachment>> s : sources.entrySet()) {
                IntervalSet allowed = IntervalSet.empty();
                for (int i = 0; i < policy.allow().size(); i++) {
                    Policy.Allow a = policy.allow().get(i);
                    if (a.protocol().covers(row.protocol())
                            && s.getKey().get(i)
                            && t.getKey().get(i)) {
                        allowed = allowed.union(Policy.resolve(a.ports(), row.to()));
                    }
                }
                IntervalSet extra = row.ports().minus(allowed);
                if (extra.isEmpty()) {
                    continue;
                }
                List<Object> key = List.of(
                        row.from().stackName(),
                        Names.byGroups(s.getValue().getFirst()),
                        row.to().stackName(),
                        Names.byGroups(t.getValue().getFirst()),
                        row.protocol(),
                        row.via(),
                        extra);
                Unallowed u = found.computeIfAbsent(key, k -> new Unallowed(row, extra));
                u.from.addAll(s.getValue());
                u.to.addAll(t.getValue());
                u.pairs += (long) s.getValue().size() * t.getValue().size();
                any = true;
            }
        }
        return any;
    }

    private static Violation violation(
            BetweenVpcs.Row row, List<Attachment> from, List<Attachment> to, IntervalSet extra, long pairs) {
        String ports = Reachability.ports(row.protocol(), extra);
        String via = row.via().isEmpty() ? "" : " over " + String.join(" and ", row.via());
        String thatPort = extra.size() == 1 ? "that port" : "those ports";
        String why = "`stackwright why " + Names.shellWord(from.getFirst().name()) + " "
                + Names.shellWord(to.getFirst().name()) + " " + BetweenVpcs.firstPort(extra)
                + (row.protocol() == Protocol.UDP ? " --protocol udp" : "") + "` shows "
                + (pairs == 1 ? "the path" : "one of the paths");
        String groups = to.getFirst().securityGroupNames().isEmpty()
                ? "its security groups"
                : "security group " + String.join(", ", to.getFirst().securityGroupNames());
        return new Violation(
                "guarded",
                names(to) + " in VPC " + row.to().stackName() + (to.size() == 1 ? " is" : " are") + " reachable from "
                        + names(from) + " in VPC " + row.from().stackName() + " on " + ports + via
                        + (pairs == 1 ? "" : " (" + pairs + " pairs)") + "; "
                        + (to.size() == 1 ? "it is" : "they are") + " guarded and no allow entry admits "
                        + (from.size() == 1 ? "that source" : "those sources") + " on " + thatPort,
                to.getFirst().name(),
                "remove the rule of " + groups + " in " + row.to().stackName() + " that admits "
                        + row.from().stackName() + "'s addresses or groups, or add an allow entry; " + why,
                from.stream().map(Attachment::name).toList(),
                to.stream().map(Attachment::name).toList(),
                pairs);
    }

    /** "a", "a and b", "a, b, c and 7 more (10 resources)". */
    private static String names(List<Attachment> attachments) {
        List<String> shown = attachments.stream().limit(3).map(Attachment::name).toList();
        int more = attachments.size() - shown.size();
        if (more > 0) {
            return String.join(", ", shown) + " and " + more + " more (" + attachments.size() + " resources)";
        }
        return shown.size() == 1
                ? shown.getFirst()
                : String.join(", ", shown.subList(0, shown.size() - 1)) + " and " + shown.getLast();
    }

    private static Map<List<Boolean>, List<Attachment>> split(
            List<Attachment> attachments, Function<Attachment, List<Boolean>> selection) {
        Map<List<Boolean>, List<Attachment>> out = new LinkedHashMap<>();
        for (Attachment a : attachments) {
            out.computeIfAbsent(selection.apply(a), k -> new ArrayList<>()).add(a);
        }
        return out;
    }

    /** Per allow entry of {@code policy}: whether it selects {@code a} (of {@code network}) at that end. */
    private List<Boolean> selectedBy(Network network, Policy policy, Attachment a, boolean asDestination) {
        return (asDestination ? selectedAsDestination : selectedAsSource)
                .computeIfAbsent(policy, x -> new IdentityHashMap<>())
                .computeIfAbsent(a, k -> {
                    List<Boolean> out = new ArrayList<>();
                    for (Policy.Allow allow : policy.allow()) {
                        List<String> selectors = asDestination
                                ? allow.to()
                                : allow.from().stream()
                                        .filter(f -> !f.equals(Names.INTERNET))
                                        .toList();
                        out.add(selectAll(network, selectors).contains(a));
                    }
                    return List.copyOf(out);
                });
    }

    /** What selectors name in one VPC; a name that VPC does not have, or another VPC's, selects nothing there. */
    private Set<Attachment> selectAll(Network network, List<String> selectors) {
        return selected.computeIfAbsent(network, n -> new HashMap<>()).computeIfAbsent(selectors, k -> {
            Set<Attachment> found = Collections.newSetFromMap(new IdentityHashMap<>());
            for (String s : k) {
                found.addAll(Selectors.select(names(network), s));
            }
            return found;
        });
    }

    private Names names(Network network) {
        return names.computeIfAbsent(network, n -> new Names(n, new AddressSpace(n)));
    }
}
