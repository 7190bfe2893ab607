package dev.stackwright.analysis.lint.rules;

import dev.stackwright.analysis.lint.Equivalents;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.LintContext;
import dev.stackwright.analysis.lint.LintRule;
import dev.stackwright.analysis.lint.Severity;
import dev.stackwright.model.SecurityGroup;
import java.util.List;

/**
 * Every VPC has a security group named {@code default}, which anything launched without a group gets; with rules it
 * quietly opens whatever lands in it. Best practice leaves it with no rules at all.
 * https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
 */
public final class DefaultGroupWithRules implements LintRule {
    @Override
    public String id() {
        return "SW014";
    }

    @Override
    public String name() {
        return "default-security-group-with-rules";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "The VPC's default security group has no rules.";
    }

    @Override
    public Equivalents equivalents() {
        return new Equivalents(List.of(), List.of(), List.of("CKV2_AWS_12"));
    }

    @Override
    public List<Finding> check(LintContext context) {
        // Its IPv6 rules count as much as its IPv4 ones.
        java.util.function.BiFunction<SecurityGroup, Boolean, Integer> count =
                (g, egress) -> (egress ? g.egress().size() : g.ingress().size())
                        + context.network()
                                .ipv6()
                                .map(d -> d.rulesOf(g.name(), egress).size())
                                .orElse(0);
        return context.network().securityGroups().stream()
                .filter(g -> g.isVpcDefault() && (count.apply(g, false) > 0 || count.apply(g, true) > 0))
                .map(g -> finding(
                        "the default security group has " + count.apply(g, false) + " inbound and "
                                + count.apply(g, true)
                                + " outbound rules, which anything launched without a group of its own gets",
                        "security group default",
                        "remove every rule from the default group and give resources groups of their own",
                        ""))
                .toList();
    }
}
