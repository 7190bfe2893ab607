package dev.stackwright.analysis.lint.rules;

import dev.stackwright.model.Network;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.RouteTarget;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** How two VPCs are joined, read from their route tables: the peering connections and transit gateways both use. */
final class VpcLinks {
    private VpcLinks() {}

    /** "peering pcx-1", "transit gateway tgw-2": the links both networks route through. */
    static List<String> shared(Network a, Network b) {
        Set<String> mine = links(a);
        mine.retainAll(links(b));
        return List.copyOf(mine);
    }

    static Set<String> links(Network n) {
        Set<String> out = new TreeSet<>();
        for (RouteTable table : n.routeTables()) {
            for (Route r : table.routes()) {
                switch (r.target()) {
                    case RouteTarget.Peering p -> out.add("peering " + p.peeringId());
                    case RouteTarget.TransitGateway t -> out.add("transit gateway " + t.transitGatewayId());
                    default -> {}
                }
            }
        }
        return out;
    }
}
