package dev.stackwright.analysis.lint.rules;

import dev.stackwright.analysis.lint.Equivalents;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.LintContext;
import dev.stackwright.analysis.lint.LintRule;
import dev.stackwright.analysis.lint.Severity;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.DualStack;
import dev.stackwright.model.Network;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.RouteTarget;
import dev.stackwright.model.Subnet;
import dev.stackwright.model.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A database subnet has no way out of the VPC: with a route to an internet gateway (or NAT), one bad security group
 * rule or a stolen credential is enough to move data out. The data tier's claim is "isolated".
 */
public final class DataSubnetRoutesToInternet implements LintRule {
    /** Without the route tables, a subnet's routes (and so its tier) are a stand-in. */
    @Override
    public Set<Network.Omitted> reads() {
        return Set.of(Network.Omitted.ROUTE_TABLES);
    }

    @Override
    public String id() {
        return "SW008";
    }

    @Override
    public String name() {
        return "data-subnet-routes-to-internet";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "Data subnets, and subnets holding databases, have no route to an internet gateway or NAT.";
    }

    @Override
    public Equivalents equivalents() {
        return Equivalents.NONE;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        Map<String, List<Attachment>> bySubnet = context.attachmentsBySubnet();
        for (Subnet s : context.network().subnets()) {
            boolean holdsData = s.tier() == Tier.DATA
                    || bySubnet.getOrDefault(s.name(), List.of()).stream()
                            .anyMatch(a -> a.kind() == Attachment.Kind.DATABASE);
            if (!holdsData) {
                continue;
            }
            RouteTable table = context.network().routeTableOf(s.name()).orElse(null);
            if (table == null) {
                continue;
            }
            for (Route r : table.routes()) {
                if (r.target() instanceof RouteTarget.InternetGateway
                        || r.target() instanceof RouteTarget.NatInstance
                        || r.target() instanceof RouteTarget.NatGateway) {
                    out.add(finding(
                            "data subnet " + s.name() + " routes "
                                    + r.destination().describe() + " to "
                                    + r.target().describe() + " (route table " + table.name() + ")",
                            "subnet " + s.name(),
                            "give data subnets a route table with only the local route and the " + "gateway endpoints",
                            ""));
                }
            }
            // An IPv6 route out is a way out too, the egress-only gateway's included (it carries outbound traffic).
            for (DualStack.Ipv6Route r :
                    context.network().ipv6().map(d -> d.routesOf(table.name())).orElse(List.of())) {
                if (r.target() == DualStack.Target.INTERNET_GATEWAY
                        || r.target() == DualStack.Target.EGRESS_ONLY_INTERNET_GATEWAY) {
                    out.add(finding(
                            "data subnet " + s.name() + " routes " + r.destination() + " to "
                                    + r.target().describe() + " (route table " + table.name() + ")",
                            "subnet " + s.name(),
                            "give data subnets a route table with only the local route and the " + "gateway endpoints",
                            ""));
                }
            }
        }
        return out;
    }
}
