package dev.stackwright.analysis;

import dev.stackwright.analysis.lint.Lint;
import dev.stackwright.analysis.lint.LintContext;
import dev.stackwright.analysis.policy.BetweenVpcsPolicy;
import dev.stackwright.analysis.policy.Policy;
import dev.stackwright.analysis.policy.PolicyCheck;
import dev.stackwright.analysis.policy.Violation;
import dev.stackwright.analysis.reach.BetweenVpcs;
import dev.stackwright.analysis.reach.Exposure;
import dev.stackwright.analysis.reach.Names;
import dev.stackwright.analysis.reach.Reachability;
import dev.stackwright.model.Intent;
import dev.stackwright.model.Network;
import dev.stackwright.model.TransitGateways;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The analysis in three calls: {@link #gate} for commands that must refuse an insecure network, {@link #check} for
 * the full report. Pure: no I/O; the same network and policy give the same answer.
 */
public final class Analysis {
    private Analysis() {}

    /**
     * The policy violations of a network: empty means it may be deployed. For {@code plan} and {@code synth} to
     * refuse what {@code check} would fail on.
     */
    public static List<Violation> gate(Network network, Policy policy) {
        Reachability reach = new Reachability(network);
        PolicyCheck check = new PolicyCheck(network, new Names(network, reach.space()), policy);
        // Only the flows the policy judges: the same violations as check(), at a fraction of the work.
        return check.check(Exposure.of(reach, check.scope()));
    }

    /**
     * The full check of a network.
     *
     * @param intent        what the spec meant by the network; empty for an imported one (the lint rules that read it
     *                      say what they do without)
     * @param expectedTasks peak tasks per app subnet, when known (the subnet-size rule needs it)
     */
    public static CheckReport check(
            Network network, Optional<Intent> intent, OptionalInt expectedTasks, Policy policy) {
        return check(network, intent, expectedTasks, policy, List.of());
    }

    /**
     * The full check of one VPC among several of the same input (a template or snapshot): the others let the lint
     * rules about peering and transit gateways see both ends.
     */
    public static CheckReport check(
            Network network,
            Optional<Intent> intent,
            OptionalInt expectedTasks,
            Policy policy,
            List<LintContext.Sibling> others) {
        return check(network, intent, expectedTasks, policy, others, TransitGateways.NONE);
    }

    /** As above, with the transit gateways of the input (their route tables decide where a flow over one goes). */
    public static CheckReport check(
            Network network,
            Optional<Intent> intent,
            OptionalInt expectedTasks,
            Policy policy,
            List<LintContext.Sibling> others,
            TransitGateways transit) {
        Reachability reach = new Reachability(network, transit);
        Exposure exposure = Exposure.of(reach);
        List<Violation> violations =
                new PolicyCheck(network, new Names(network, reach.space()), policy).check(exposure);
        return new CheckReport(
                network,
                policy,
                exposure,
                violations,
                Lint.run(new LintContext(network, intent, reach, expectedTasks, others)));
    }

    /**
     * The flows between the VPCs of one input that a link joins, judged by each destination VPC's policy;
     * {@link BetweenReport#NONE} for one VPC.
     *
     * @param policies each VPC's policy, as {@link #check} judged that VPC with
     */
    public static BetweenReport between(
            List<Network> networks, TransitGateways transit, Function<Network, Policy> policies, String source) {
        return between(networks, transit, policies, source, Optional.empty());
    }

    /**
     * The same, with only the links and flows that touch one VPC when {@code only} names it ({@code report --vpc}):
     * flows into it and out of it, and their verdict.
     */
    public static BetweenReport between(
            List<Network> networks,
            TransitGateways transit,
            Function<Network, Policy> policies,
            String source,
            Optional<String> only) {
        if (networks.size() < 2) {
            return BetweenReport.NONE;
        }
        BetweenVpcs all = BetweenVpcs.of(networks, transit);
        BetweenVpcs flows = only.map(all::touching).orElse(all);
        BetweenVpcsPolicy.Judged judged = new BetweenVpcsPolicy(policies).judge(flows);
        return new BetweenReport(flows, source, judged.violations(), judged.violating(), "");
    }

    /**
     * Whether a check passes: the input read without an error, at least one VPC checked, every VPC's policy and lint
     * passed, and the flows between its VPCs broke no policy. The one verdict that {@code check}'s exit code, its text
     * and JSON reports and the report page's headline say.
     */
    public static boolean passed(boolean inputErrors, List<CheckReport> reports, BetweenReport between) {
        return !inputErrors && !reports.isEmpty() && reports.stream().allMatch(CheckReport::passed) && between.passed();
    }
}
