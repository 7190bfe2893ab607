package dev.stackwright.analysis.lint.rules;

import dev.stackwright.analysis.lint.Equivalents;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.LintContext;
import dev.stackwright.analysis.lint.LintRule;
import dev.stackwright.analysis.lint.Severity;
import dev.stackwright.analysis.reach.AddressSpace;
import dev.stackwright.analysis.reach.Links;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.Network;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteDestination;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.RouteTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A peering connection carries traffic only between its two VPCs: AWS drops packets for a third VPC, or the internet,
 * sent through a peered one. A route through peering towards a block the VPC at the other end does not hold relies on
 * transitive peering. The other end is the VPC of the same input whose routes (IPv4 or IPv6) use the same connection.
 * https://docs.aws.amazon.com/vpc/latest/peering/invalid-peering-configurations.html
 */
public final class TransitivePeering implements LintRule {
    /** Without the route tables, a subnet's routes (and so its tier) are a stand-in. */
    @Override
    public Set<Network.Omitted> reads() {
        return Set.of(Network.Omitted.ROUTE_TABLES);
    }

    @Override
    public String id() {
        return "SW013";
    }

    @Override
    public String name() {
        return "transitive-peering";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "Routes through a peering connection lead only into the VPC at its other end.";
    }

    @Override
    public Equivalents equivalents() {
        return Equivalents.NONE;
    }

    @Override
    public List<Finding> check(LintContext context) {
        Network n = context.network();
        List<Finding> out = new ArrayList<>();
        for (RouteTable table : n.routeTables()) {
            for (Route r : table.routes()) {
                if (!(r.target() instanceof RouteTarget.Peering p)
                        || !(r.destination() instanceof RouteDestination.Block b)) {
                    continue;
                }
                List<Network> ends = context.others().stream()
                        .map(LintContext.Sibling::network)
                        .filter(o -> Links.names(o).contains(p.describe()))
                        .toList();
                if (ends.isEmpty()) {
                    continue; // The other end is not in the input: nothing to say about it.
                }
                Cidr destination = b.cidr();
                boolean inside = ends.stream().anyMatch(o -> o.vpc().cidr().contains(destination));
                if (!inside) {
                    String end = ends.getFirst().stackName() + " ("
                            + ends.getFirst().vpc().cidr() + ")";
                    out.add(finding(
                            "route table " + table.name() + " sends " + destination + " through peering "
                                    + p.peeringId() + ", whose other end " + end
                                    + " does not hold it: AWS does not forward through a peered VPC",
                            "route table " + table.name(),
                            AddressSpace.NOT_INTERNET.stream().anyMatch(range -> range.contains(destination))
                                    ? "peer directly with the VPC that holds " + destination
                                            + ", or connect the VPCs through a transit gateway"
                                    // The peer's internet gateway or NAT is no way out either.
                                    : "send internet-bound traffic to this VPC's own internet gateway or NAT, or"
                                            + " through a transit gateway to a central egress VPC, and only "
                                            + ends.getFirst().stackName() + "'s "
                                            + ends.getFirst().vpc().cidr()
                                            + " to " + p.peeringId(),
                            ""));
                }
            }
        }
        return out;
    }
}
