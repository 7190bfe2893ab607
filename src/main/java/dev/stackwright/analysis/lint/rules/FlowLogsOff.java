package dev.stackwright.analysis.lint.rules;

import dev.stackwright.analysis.lint.Equivalents;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.LintContext;
import dev.stackwright.analysis.lint.LintRule;
import dev.stackwright.analysis.lint.Severity;
import java.util.List;

/**
 * Without flow logs there is no record of who connected to what, for incidents or for debugging a blocked flow:
 * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html. An imported network has flow logs when a log
 * records all its traffic (one on the VPC, or one on each subnet); logs on some subnets or interfaces only leave this
 * rule on, and the import says what they cover (see docs/analysis.md).
 */
public final class FlowLogsOff implements LintRule {
    @Override
    public String id() {
        return "SW007";
    }

    @Override
    public String name() {
        return "flow-logs-off";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "VPC flow logs record all traffic.";
    }

    @Override
    public Equivalents equivalents() {
        return new Equivalents(List.of("AwsSolutions-VPC7"), List.of("W60"), List.of("CKV2_AWS_11"));
    }

    @Override
    public List<Finding> check(LintContext context) {
        if (context.network().flowLogs().isPresent()) {
            return List.of();
        }
        return List.of(finding(
                "VPC flow logs are off, so there is no record of the traffic for incidents or debugging",
                "vpc",
                context.intent().isPresent()
                        ? "set network.flowLogs: true"
                        : "add a flow log on the VPC (AWS::EC2::FlowLog with ResourceType: VPC, or aws ec2"
                                + " create-flow-logs --resource-type VPC)",
                "network.flowLogs"));
    }
}
