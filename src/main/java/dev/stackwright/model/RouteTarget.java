package dev.stackwright.model;

/** Where a route sends packets. */
public sealed interface RouteTarget {
    /** The VPC's implicit local route. */
    record Local() implements RouteTarget {}

    record InternetGateway() implements RouteTarget {}

    /** A NAT instance, reached through its static network interface. */
    record NatInstance(String natName) implements RouteTarget {}

    record NatGateway(String natName) implements RouteTarget {}

    /** A gateway endpoint (S3 or DynamoDB), matched through the service's prefix list. */
    record GatewayEndpoint(String service) implements RouteTarget {}

    record Peering(String peeringId) implements RouteTarget {}

    record TransitGateway(String transitGatewayId) implements RouteTarget {}

    /** A target an importer could not resolve; kept so analysis can say so rather than guess. */
    record Unresolved(String description) implements RouteTarget {}

    /** How the target reads in plans and reports. */
    default String describe() {
        return switch (this) {
            case Local l -> "local";
            case InternetGateway g -> "internet gateway";
            case NatInstance n -> "NAT instance " + n.natName();
            case NatGateway n -> "NAT gateway " + n.natName();
            case GatewayEndpoint e -> e.service() + " gateway endpoint";
            case Peering p -> "peering " + p.peeringId();
            case TransitGateway t -> "transit gateway " + t.transitGatewayId();
            case Unresolved u -> "unresolved (" + u.description() + ")";
        };
    }
}
