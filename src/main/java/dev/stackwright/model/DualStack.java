package dev.stackwright.model;

import java.util.List;
import java.util.Optional;

/**
 * The IPv6 side of a dual-stack network. It sits beside the IPv4 model rather than inside its route, peer and ACL
 * types, so that readers that reason about IPv4 only keep their meaning; the reachability engine reads both families
 * through one route lookup; templates, plans, cost and inspection read it from here.
 *
 * @param vpcBlock           the VPC's /56
 * @param subnets            each subnet's /64 (subnets without one are IPv4-only)
 * @param routes             the IPv6 routes that leave the VPC, by route table
 * @param egressOnlyGateways the VPC's egress-only internet gateways, by name (a VPC has at most one in practice)
 * @param rules              security group rules on IPv6 blocks
 * @param aclEntries         network ACL entries on IPv6 blocks
 * @param interfaces         the interfaces whose IPv6 addresses the input states (a snapshot states every one's, a
 *                           template those that ask for addresses of their own); the others have an address in their
 *                           subnet's /64 exactly when the subnet assigns one on creation
 */
public record DualStack(
        Ipv6Block vpcBlock,
        List<SubnetBlock> subnets,
        List<Ipv6Route> routes,
        List<String> egressOnlyGateways,
        List<Ipv6Rule> rules,
        List<AclEntry> aclEntries,
        List<Ipv6Interface> interfaces) {

    public DualStack {
        interfaces = List.copyOf(interfaces);
        subnets = List.copyOf(subnets);
        routes = List.copyOf(routes);
        egressOnlyGateways = List.copyOf(egressOnlyGateways);
        rules = List.copyOf(rules);
        aclEntries = List.copyOf(aclEntries);
    }

    /**
     * A subnet's /64.
     *
     * @param assignOnCreation whether new interfaces in the subnet get an IPv6 address by themselves
     */
    public record SubnetBlock(String subnetName, Ipv6Block block, boolean assignOnCreation) {}

    /** Where an IPv6 route leaves the VPC. */
    public enum Target {
        INTERNET_GATEWAY("internet gateway"),
        /** Outbound connections only, and their replies; no hourly or per-GB charge. */
        EGRESS_ONLY_INTERNET_GATEWAY("egress-only internet gateway"),
        /**
         * A VPC peering connection: IPv6 routes to one work as IPv4 ones ("You can add a route for the IPv6 CIDR
         * block of the peer VPC": https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html).
         */
        PEERING("peering"),
        /** A transit gateway: its VPC attachments carry IPv6 when their subnets have IPv6 blocks. */
        TRANSIT_GATEWAY("transit gateway"),
        /**
         * A target an importer read but the analysis does not follow over IPv6 (an interface, a NAT gateway for
         * NAT64, a blackhole): kept so the analysis answers cannot tell, never guesses.
         */
        UNMODELLED("a target not modelled for IPv6");

        private final String description;

        Target(String description) {
            this.description = description;
        }

        public String describe() {
            return description;
        }
    }

    /**
     * A route to an IPv6 destination ({@code ::/0} for the default route).
     *
     * @param targetId the peering connection or transit gateway, as the IPv4 routes name it; empty for the others
     */
    public record Ipv6Route(String routeTableName, String destination, Target target, String targetId) {
        public static final String ANYWHERE = "::/0";

        /** A route to a gateway of the VPC's own (internet, egress-only), which needs no ID. */
        public Ipv6Route(String routeTableName, String destination, Target target) {
            this(routeTableName, destination, target, "");
        }

        /**
         * The IPv4 model's target of the same kind, which lookups over both families read: the egress-only gateway as
         * the internet gateway (callers that tell them apart read {@link #target}), a target not modelled for IPv6 as
         * an unresolved one.
         */
        public RouteTarget routeTarget() {
            return switch (target) {
                case INTERNET_GATEWAY, EGRESS_ONLY_INTERNET_GATEWAY -> new RouteTarget.InternetGateway();
                case PEERING -> new RouteTarget.Peering(targetId);
                case TRANSIT_GATEWAY -> new RouteTarget.TransitGateway(targetId);
                case UNMODELLED -> new RouteTarget.Unresolved("IPv6 route target");
            };
        }
    }

    /** A security group rule on an IPv6 block (ingress, or egress when {@code egress}). */
    public record Ipv6Rule(
            String groupName, boolean egress, Protocol protocol, PortRange ports, String cidr, String description) {
        /** Whether the rule's block is {@code ::/0}, every IPv6 address. */
        public boolean anywhere() {
            return Ipv6Block.Known.tryParse(cidr)
                    .map(k -> Integer.valueOf(0).equals(k.block().getNetworkPrefixLength()))
                    .orElse(false);
        }
    }

    /** A network ACL entry on an IPv6 block; rule numbers share the ACL's one sequence with the IPv4 entries. */
    public record AclEntry(
            String aclName,
            int ruleNumber,
            boolean egress,
            boolean allow,
            Protocol protocol,
            PortRange ports,
            Ipv6Block block,
            String description) {}

    /**
     * What the input says of one interface's IPv6 addresses.
     *
     * @param attachmentName the attachment (ENI) it is
     * @param hasAddress     whether it has an IPv6 address at all
     * @param addresses      which ones, when the input says (a snapshot does; a template asking for a count does not)
     */
    public record Ipv6Interface(String attachmentName, boolean hasAddress, List<String> addresses) {
        public Ipv6Interface {
            addresses = List.copyOf(addresses);
        }
    }

    public Optional<SubnetBlock> subnet(String subnetName) {
        return subnets.stream().filter(s -> s.subnetName().equals(subnetName)).findFirst();
    }

    /** A group's IPv6 rules in one direction. */
    public List<Ipv6Rule> rulesOf(String groupName, boolean egress) {
        return rules.stream()
                .filter(r -> r.groupName().equals(groupName) && r.egress() == egress)
                .toList();
    }

    /** Whether a route table sends some IPv6 block to an internet gateway (the subnets are public over IPv6). */
    public boolean routesToInternetGateway(String routeTableName) {
        return routesOf(routeTableName).stream().anyMatch(r -> r.target() == Target.INTERNET_GATEWAY);
    }

    public List<Ipv6Route> routesOf(String routeTableName) {
        return routes.stream()
                .filter(r -> r.routeTableName().equals(routeTableName))
                .toList();
    }
}
