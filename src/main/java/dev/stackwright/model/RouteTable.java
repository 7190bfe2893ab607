package dev.stackwright.model;

import java.util.List;

/**
 * A route table and the subnets it is associated with. Routes include the implicit local route and gateway endpoint
 * routes, so readers see the table as AWS evaluates it.
 */
public record RouteTable(String name, Tier tier, List<Route> routes, List<String> subnetNames) {
    public RouteTable {
        routes = List.copyOf(routes);
        subnetNames = List.copyOf(subnetNames);
    }

    /** True when some route leads to the internet gateway: the subnets are public. */
    public boolean routesToInternetGateway() {
        return routes.stream().anyMatch(r -> r.target() instanceof RouteTarget.InternetGateway);
    }

    /** True when some route leads to a NAT device: the subnets are private with egress. */
    public boolean routesToNat() {
        return routes.stream()
                .anyMatch(r ->
                        r.target() instanceof RouteTarget.NatInstance || r.target() instanceof RouteTarget.NatGateway);
    }
}
