package dev.stackwright.analysis.lint.rules;

import dev.stackwright.analysis.lint.Equivalents;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.LintContext;
import dev.stackwright.analysis.lint.LintRule;
import dev.stackwright.analysis.lint.Severity;
import dev.stackwright.analysis.reach.AddressSpace;
import dev.stackwright.model.Network;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteDestination;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.RouteTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * S3 and DynamoDB gateway endpoints cost nothing; without them private subnets reach those services through NAT
 * (paid per gigabyte) or not at all: https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html
 */
public final class MissingGatewayEndpoints implements LintRule {
    /** Without the route tables, a subnet's routes (and so its tier) are a stand-in. */
    @Override
    public Set<Network.Omitted> reads() {
        return Set.of(Network.Omitted.ROUTE_TABLES);
    }

    @Override
    public String id() {
        return "SW003";
    }

    @Override
    public String name() {
        return "missing-gateway-endpoints";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "Every private route table has the free S3 and DynamoDB gateway endpoint routes.";
    }

    @Override
    public Equivalents equivalents() {
        return Equivalents.NONE;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (RouteTable table : context.network().routeTables()) {
            if (table.routesToInternetGateway() || table.subnetNames().isEmpty()) {
                continue;
            }
            List<String> missing = AddressSpace.GATEWAY_SERVICES.stream()
                    .filter(s -> !hasEndpoint(table, s))
                    .toList();
            if (!missing.isEmpty()) {
                out.add(finding(
                        "route table " + table.name() + " has no gateway endpoint route for "
                                + String.join(" or ", missing) + ", so "
                                + table.subnetNames().size()
                                + (table.subnetNames().size() == 1
                                        ? " private subnet reaches"
                                        : " private subnets reach")
                                + " them through NAT (paid per GB) or not at all",
                        "route table " + table.name(),
                        "add gateway endpoints for " + String.join(" and ", missing)
                                + " on this route table (Stackwright adds both to every private table)",
                        "network.endpoints"));
            }
        }
        return out;
    }

    private static boolean hasEndpoint(RouteTable table, String service) {
        for (Route r : table.routes()) {
            if (r.destination() instanceof RouteDestination.PrefixList p
                    && p.service().equals(service)
                    && r.target() instanceof RouteTarget.GatewayEndpoint) {
                return true;
            }
        }
        return false;
    }
}
