package dev.stackwright.analysis.lint.rules;

import dev.stackwright.analysis.lint.Equivalents;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.LintContext;
import dev.stackwright.analysis.lint.LintRule;
import dev.stackwright.analysis.lint.Severity;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Peer;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A NAT instance forwards whatever its security group admits; admitting addresses outside the VPC makes it an open
 * relay for anyone on the internet. It should admit the private subnets only:
 * https://docs.aws.amazon.com/vpc/latest/userguide/VPC_NAT_Instance.html
 */
public final class NatInstanceOpenToWorld implements LintRule {
    @Override
    public String id() {
        return "SW009";
    }

    @Override
    public String name() {
        return "nat-instance-open-to-world";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "NAT instance security groups admit addresses inside the VPC only.";
    }

    @Override
    public Equivalents equivalents() {
        return new Equivalents(List.of("AwsSolutions-EC23"), List.of("W2"), List.of());
    }

    @Override
    public List<Finding> check(LintContext context) {
        Set<String> natGroups = new LinkedHashSet<>();
        for (Attachment a : context.network().attachments()) {
            if (a.kind() == Attachment.Kind.NAT_INSTANCE) {
                natGroups.addAll(a.securityGroupNames());
            }
        }
        context.network().securityGroups().stream()
                .filter(g -> g.role() == SecurityGroup.Role.NAT)
                .forEach(g -> natGroups.add(g.name()));
        List<Finding> out = new ArrayList<>();
        for (String name : natGroups) {
            SecurityGroup g = context.network().securityGroup(name).orElse(null);
            if (g == null) {
                continue;
            }
            for (SecurityGroupRule r : g.ingress()) {
                if (r.peer() instanceof Peer.Block b
                        && !context.network().vpc().cidr().contains(b.cidr())) {
                    out.add(finding(
                            "NAT security group " + g.name() + " admits "
                                    + (r.protocol().id().equals("all")
                                            ? "all traffic"
                                            : r.protocol().id() + " " + r.ports())
                                    + " from " + r.peer().describe()
                                    + ", outside the VPC: anyone there can relay traffic through the NAT",
                            "security group " + g.name(),
                            "admit only the private subnets' ranges (Stackwright admits " + "the app subnets)",
                            "network.nat"));
                }
            }
        }
        return out;
    }
}
