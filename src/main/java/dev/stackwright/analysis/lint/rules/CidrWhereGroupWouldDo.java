package dev.stackwright.analysis.lint.rules;

import dev.stackwright.analysis.lint.Equivalents;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.LintContext;
import dev.stackwright.analysis.lint.LintRule;
import dev.stackwright.analysis.lint.Severity;
import dev.stackwright.analysis.reach.AddressSpace;
import dev.stackwright.analysis.reach.Interval;
import dev.stackwright.analysis.reach.IntervalSet;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.DualStack;
import dev.stackwright.model.Peer;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.model.Subnet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A rule that names addresses inside the VPC admits whatever lands there next; when every resource there shares a
 * security group, a reference to that group says who is meant and follows them wherever they are placed:
 * https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html#security-group-referencing. The same
 * holds for a rule on an IPv6 block inside the VPC's (its /56, a subnet's /64).
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
            List<Subnet> there = context.network().subnets().stream()
                    .filter(s -> s.cidr().overlaps(b.cidr()))
                    .toList();
            suggest(bySubnet, g, ingress, r.protocol(), r.ports(), b.cidr().toString(), there, out);
        }
        // The same over IPv6: a rule on a block inside the VPC's IPv6 blocks names the subnets whose /64 it covers.
        AddressSpace space = context.reach().space();
        for (DualStack.Ipv6Rule r :
                context.network().ipv6().map(d -> d.rulesOf(g.name(), !ingress)).orElse(List.of())) {
            Optional<Interval> at = space.ipv6(r.cidr());
            if (at.isEmpty() || !NatInstanceOpenToWorld.insideVpc(context, r.cidr())) {
                continue;
            }
            List<Subnet> there = context.network().subnets().stream()
                    .filter(s -> space.subnetIpv6(s)
                            .map(b -> !IntervalSet.of(b).intersect(at.get()).isEmpty())
                            .orElse(false))
                    .toList();
            suggest(
                    bySubnet,
                    g,
                    ingress,
                    r.protocol(),
                    r.ports(),
                    context.reach().peer6(r.cidr()),
                    there,
                    out);
        }
    }

    /** A finding when every resource of {@code there} (the subnets a rule's block covers) shares a group. */
    private void suggest(
            Map<String, List<Attachment>> bySubnet,
            SecurityGroup g,
            boolean ingress,
            Protocol protocol,
            PortRange ports,
            String block,
            List<Subnet> there,
            List<Finding> out) {
        List<Attachment> members = new ArrayList<>();
        there.forEach(s -> members.addAll(bySubnet.getOrDefault(s.name(), List.of())));
        if (members.isEmpty()) {
            return;
        }
        Set<String> common = new LinkedHashSet<>(members.getFirst().securityGroupNames());
        members.forEach(a -> common.retainAll(a.securityGroupNames()));
        if (common.isEmpty()) {
            return;
        }
        String group = common.iterator().next();
        String what = protocol == Protocol.ALL ? "all traffic" : protocol.id() + " " + ports;
        out.add(finding(
                "security group " + g.name() + " " + (ingress ? "admits " : "allows ") + what
                        + (ingress ? " from " : " to ") + block + " by address; everything there carries sg " + group,
                "security group " + g.name(),
                "reference sg " + group + " instead of " + block,
                ""));
    }
}
