package dev.stackwright.analysis.lint;

import dev.stackwright.analysis.lint.rules.AdminPortOpenToWorld;
import dev.stackwright.analysis.lint.rules.CidrWhereGroupWouldDo;
import dev.stackwright.analysis.lint.rules.ConnectedVpcsOverlap;
import dev.stackwright.analysis.lint.rules.DataSubnetRoutesToInternet;
import dev.stackwright.analysis.lint.rules.DefaultGroupWithRules;
import dev.stackwright.analysis.lint.rules.FlowLogsOff;
import dev.stackwright.analysis.lint.rules.HealthCheckBlocked;
import dev.stackwright.analysis.lint.rules.HttpOnlyFrontDoor;
import dev.stackwright.analysis.lint.rules.MissingGatewayEndpoints;
import dev.stackwright.analysis.lint.rules.NaclBlocksReturnTraffic;
import dev.stackwright.analysis.lint.rules.NatInstanceOpenToWorld;
import dev.stackwright.analysis.lint.rules.PrivateSubnetWithoutEgress;
import dev.stackwright.analysis.lint.rules.SingleAvailabilityZone;
import dev.stackwright.analysis.lint.rules.SubnetTooSmall;
import dev.stackwright.analysis.lint.rules.TransitivePeering;
import dev.stackwright.analysis.lint.rules.WorkloadInPublicSubnet;
import dev.stackwright.model.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The lint rules in one ordered list, and running them. */
public final class Lint {
    /** Every rule, in id order; reports list findings in this order. */
    public static final List<LintRule> RULES = List.of(
            new PrivateSubnetWithoutEgress(),
            new SingleAvailabilityZone(),
            new MissingGatewayEndpoints(),
            new SubnetTooSmall(),
            new WorkloadInPublicSubnet(),
            new AdminPortOpenToWorld(),
            new FlowLogsOff(),
            new DataSubnetRoutesToInternet(),
            new NatInstanceOpenToWorld(),
            new NaclBlocksReturnTraffic(),
            new CidrWhereGroupWouldDo(),
            new ConnectedVpcsOverlap(),
            new TransitivePeering(),
            new DefaultGroupWithRules(),
            new HttpOnlyFrontDoor(),
            new HealthCheckBlocked());

    private Lint() {}

    public static List<Finding> run(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (LintRule rule : RULES) {
            Optional<Network.Omitted> missing = rule.reads().stream()
                    .filter(context.network().omitted()::contains)
                    .findFirst();
            if (missing.isPresent()) {
                out.add(notRun(rule, missing.get()));
            } else {
                out.addAll(rule.check(context));
            }
        }
        return List.copyOf(out);
    }

    /** A note that a rule was not run, since it reads what the input leaves out. */
    private static Finding notRun(LintRule rule, Network.Omitted missing) {
        return rule.finding(
                Severity.NOTE,
                "not checked: this rule reads " + missing.describe() + ", which the input leaves out",
                "vpc",
                "save the output of `aws ec2 " + missing.command() + "` with the snapshot, then check again",
                "");
    }
}
