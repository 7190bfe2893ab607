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

    /**
     * A target an importer could not resolve, or routes the input leaves out; kept so analysis can say so rather than
     * guess.
     *
     * @param description what is not modelled, as "... not modelled" completes it: "gateway vgw-1"
     * @param label       how a route to it reads: "unresolved (gateway vgw-1)"
     */
    record Unresolved(String description, String label) implements RouteTarget {
        public Unresolved(String description) {
            this(description, "unresolved (" + description + ")");
        }

        /**
         * Where a subnet's routes lead when the input leaves its route tables out: every route but the local one is
         * not known. Reads "not in the input (no describe-route-tables output)" in a route, and as the omission
         * itself where a flow is cannot tell.
         */
        public static Unresolved omitted(Network.Omitted what) {
            return new Unresolved(what.describe(), "not in the input (no " + what.command() + " output)");
        }
    }

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
            case Unresolved u -> u.label();
        };
    }
}
