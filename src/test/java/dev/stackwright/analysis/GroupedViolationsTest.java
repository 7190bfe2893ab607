package dev.stackwright.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.analysis.policy.Policy;
import dev.stackwright.analysis.policy.Violation;
import dev.stackwright.analysis.reach.Exposure;
import dev.stackwright.analysis.reach.IntervalSet;
import dev.stackwright.analysis.reach.Names;
import dev.stackwright.analysis.reach.Reachability;
import dev.stackwright.bench.SyntheticAccount;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Network;
import dev.stackwright.model.Peer;
import dev.stackwright.model.SecurityGroupRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Flows into guarded destinations are reported a group at a time. The groups must stand for exactly the pairs that
 * judging every pair of attachments on its own finds: same number of pairs, and every such pair inside one
 * violation's sources and targets. The judge here is written pair by pair, from the policy's definition.
 */
class GroupedViolationsTest {
    /** Lets one named task of a crowded network in where its twin is not: attachments of one group judged apart. */
    static final Policy BY_NAME = new Policy(
            "by-name.yml",
            List.of(
                    new Policy.Allow(
                            List.of("internet"),
                            List.of("role:front-door"),
                            List.of(Policy.Ports.of(80), Policy.Ports.of(443)),
                            Policy.Proto.TCP),
                    new Policy.Allow(
                            List.of("nat-a-2"), List.of("role:app"), List.of(Policy.Ports.of(22)), Policy.Proto.TCP)),
            List.of("role:app", "tier:data", "role:nat"),
            List.of("tier:data"),
            List.of(Policy.Ports.of(22)));

    @Test
    void plannedAndBrokenNetworks_groupsStandForExactlyThePairs() {
        List<Network> networks = new ArrayList<>(GateEquivalenceTest.broken());
        networks.add(GateEquivalenceTest.PROD);
        networks.add(GateEquivalenceTest.STAGING);
        // Twins in every group, and the NAT group admitted to the app on 22: BY_NAME lets in one twin only.
        Network crowded = GateEquivalenceTest.broken().getLast();
        networks.add(Networks.editGroup(
                crowded, "app", g -> Networks.addIngress(g, SecurityGroupRule.tcp(22, new Peer.Group("nat"), ""))));
        int grouped = 0;
        for (Network n : networks) {
            for (Policy p : List.of(Policy.defaults(), GateEquivalenceTest.STRICT)) {
                grouped += samePairs(n, p);
            }
            if (n.attachments().stream().anyMatch(a -> a.name().equals("nat-a-2"))) {
                grouped += samePairs(n, BY_NAME);
            }
        }
        assertThat(grouped).as("some violation stands for more than one pair").isPositive();
    }

    @Test
    void aSyntheticAccount_groupsStandForExactlyThePairs_inFarFewerViolations() {
        Network n = SyntheticAccount.generate(400, 800, 7);
        CheckReport r = Analysis.check(n, java.util.Optional.empty(), OptionalInt.empty(), Policy.defaults());
        long pairs = expectedPairs(n, Policy.defaults(), r.exposure()).size();
        long guarded =
                r.violations().stream().filter(v -> v.rule().equals("guarded")).count();
        assertThat(pairs).isGreaterThan(10 * guarded);
        samePairs(n, Policy.defaults());
    }

    /** Asserts the grouped violations cover the pair-by-pair ones exactly; returns how many stand for several pairs. */
    private static int samePairs(Network n, Policy policy) {
        CheckReport r = Analysis.check(n, java.util.Optional.empty(), OptionalInt.empty(), policy);
        List<Violation> guarded =
                r.violations().stream().filter(v -> v.rule().equals("guarded")).toList();
        List<Pair> expected = expectedPairs(n, policy, r.exposure());
        assertThat(guarded.stream().mapToLong(Violation::pairs).sum())
                .as("pairs in %s under %s", n.stackName(), policy.source())
                .isEqualTo(expected.size());
        for (Pair p : expected) {
            assertThat(guarded)
                    .as("a violation holds %s", p)
                    .anyMatch(v -> v.sources().contains(p.from())
                            && v.targets().contains(p.to())
                            && v.message().contains(p.protocol()));
        }
        for (Violation v : guarded) {
            assertThat(v.targets()).contains(v.resource());
            assertThat(v.pairs())
                    .isLessThanOrEqualTo((long) v.sources().size() * v.targets().size());
        }
        return (int) guarded.stream().filter(v -> v.pairs() > 1).count();
    }

    record Pair(String from, String to, String protocol) {}

    /** Every pair of attachments into a guarded destination on a port no allow entry opens, judged one by one. */
    private static List<Pair> expectedPairs(Network n, Policy policy, Exposure exposure) {
        Names names = new Names(n, new Reachability(n).space());
        Set<Attachment> guarded = select(names, policy.guarded());
        List<Set<Attachment>> sources = new ArrayList<>();
        List<Set<Attachment>> targets = new ArrayList<>();
        for (Policy.Allow a : policy.allow()) {
            sources.add(select(
                    names,
                    a.from().stream().filter(f -> !f.equals(Names.INTERNET)).toList()));
            targets.add(select(names, a.to()));
        }
        List<Pair> out = new ArrayList<>();
        for (Exposure.Internal flow : exposure.internal()) {
            if (!guarded.contains(flow.to())) {
                continue;
            }
            IntervalSet allowed = IntervalSet.empty();
            for (int i = 0; i < policy.allow().size(); i++) {
                Policy.Allow a = policy.allow().get(i);
                if (a.protocol().covers(flow.protocol())
                        && targets.get(i).contains(flow.to())
                        && sources.get(i).contains(flow.from())) {
                    for (Policy.Ports ports : a.ports()) {
                        allowed = allowed.union(ports.resolve(n));
                    }
                }
            }
            if (!flow.ports().minus(allowed).isEmpty()) {
                out.add(new Pair(
                        flow.from().name(), flow.to().name(), flow.protocol().id()));
            }
        }
        return out;
    }

    private static Set<Attachment> select(Names names, List<String> selectors) {
        Set<Attachment> out = new HashSet<>();
        selectors.forEach(s -> out.addAll(names.select(s)));
        return out;
    }
}
