package dev.stackwright.analysis.lint.rules;

import dev.stackwright.analysis.lint.Equivalents;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.LintContext;
import dev.stackwright.analysis.lint.LintRule;
import dev.stackwright.analysis.lint.Severity;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Peer;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.model.Subnet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A rule that names addresses inside the VPC admits whatever lands there next; when every resource there shares a
 * security group, a reference to that group says who is meant and follows them wherever they are placed:
 * https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html#security-group-referencing
 *
 * <p>NAT instance groups are exempt: a NAT must admit every interface of the subnets it serves, whatever its group,
 * which only a CIDR says.
 */
public final class CidrWhereGroupWouldDo implements LintRule {
    @Override
    public String id() {
        return "SW011";
    }

    @Override
    public String name() {
        return "cidr-where-group-would-do";
    }

    @Override
    public Severity severity() {
        return Severity.NOTE;
    }

    @Override
    public String summary() {
        return "Security group rules about resources inside the VPC reference their security group, not their addresses.";
    }

    @Override
    public Equivalents equivalents() {
        return Equivalents.NONE;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        Map<String, List<Attachment>> bySubnet = context.attachmentsBySubnet();
        for (SecurityGroup g : context.network().securityGroups()) {
            if (g.role() == SecurityGroup.Role.NAT) {
                continue;
            }
            check(context, bySubnet, g, g.ingress(), true, out);
            check(context, bySubnet, g, g.egress(), false, out);
        }
        return out;
    }

    private void check(
            LintContext context,
            Map<String, List<Attachment>> bySubnet,
            SecurityGroup g,
            List<SecurityGroupRule> rules,
            boolean ingress,
            List<Finding> out) {
        for (SecurityGroupRule r : rules) {
            if (!(r.peer() instanceof Peer.Block b)
                    || !context.network().vpc().cidr().contains(b.cidr())) {
                continue;
            }
            List<Attachment> there = new ArrayList<>();
            for (Subnet s : context.network().subnets()) {
                if (s.cidr().overlaps(b.cidr())) {
                    there.addAll(bySubnet.getOrDefault(s.name(), List.of()));
                }
            }
            if (there.isEmpty()) {
                continue;
            }
            Set<String> common = new LinkedHashSet<>(there.getFirst().securityGroupNames());
            there.forEach(a -> common.retainAll(a.securityGroupNames()));
            if (common.isEmpty()) {
                continue;
            }
            String group = common.iterator().next();
            String what =
                    r.protocol() == Protocol.ALL ? "all traffic" : r.protocol().id() + " " + r.ports();
            out.add(finding(
                    "security group " + g.name() + " " + (ingress ? "admits " : "allows ") + what
                            + (ingress ? " from " : " to ") + b.cidr() + " by address; everything there carries sg "
                            + group,
                    "security group " + g.name(),
                    "reference sg " + group + " instead of " + b.cidr(),
                    ""));
        }
    }
}
