package dev.stackwright.analysis.lint.rules;

import dev.stackwright.analysis.lint.Equivalents;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.LintContext;
import dev.stackwright.analysis.lint.LintRule;
import dev.stackwright.analysis.lint.Severity;
import dev.stackwright.analysis.reach.AddressSpace;
import dev.stackwright.analysis.reach.IntervalSet;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.DualStack;
import dev.stackwright.model.Peer;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A NAT instance forwards whatever its security group admits; admitting addresses outside the VPC makes it an open
 * relay for anyone on the internet. It should admit the private subnets only:
 * https://docs.aws.amazon.com/vpc/latest/userguide/VPC_NAT_Instance.html. The same holds for its rules on IPv6 blocks:
 * {@code ::/0} or any block beyond the VPC's own IPv6 blocks.
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
                    out.add(openRelay(
                            g, r.protocol(), r.ports().toString(), r.peer().describe()));
                }
            }
            // Over IPv6 a NAT instance translates nothing, but with source/destination checking off it forwards
            // what it is sent: an IPv6 block beyond the VPC's lets anyone there use it as a router.
            for (DualStack.Ipv6Rule r :
                    context.network().ipv6().map(d -> d.rulesOf(name, false)).orElse(List.of())) {
                if (!insideVpc(context, r.cidr())) {
                    out.add(openRelay(
                            g,
                            r.protocol(),
                            r.ports().toString(),
                            context.reach().peer6(r.cidr())));
                }
            }
        }
        return out;
    }

    private Finding openRelay(SecurityGroup g, Protocol protocol, String ports, String peer) {
        return finding(
                "NAT security group " + g.name() + " admits "
                        + (protocol == Protocol.ALL ? "all traffic" : protocol.id() + " " + ports)
                        + " from " + peer + ", outside the VPC: anyone there can relay traffic through the NAT",
                "security group " + g.name(),
                "admit only the private subnets' ranges (Stackwright admits " + "the app subnets)",
                "network.nat");
    }

    /** Whether an IPv6 block lies within the VPC's IPv6 blocks (its /56 and its subnets' /64s). */
    static boolean insideVpc(LintContext context, String cidr) {
        AddressSpace space = context.reach().space();
        return space.ipv6(cidr)
                .map(at -> IntervalSet.of(at).minus(space.vpc6()).isEmpty())
                .orElse(true); // not a block: the import reported it and it matches nothing
    }
}
