package dev.stackwright.model;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A network as AWS has it: VPC, subnets, routes, groups, NACLs, endpoints, NAT devices, bastion, the places of
 * addresses, load balancers and flow logs. The planner produces one (with its {@link Intent}, as a
 * {@link PlannedNetwork}); importers (templates, describe-* snapshots, live accounts) build the same type, with nothing
 * that only a spec could say: that is {@link Intent}.
 *
 * @param region      where the VPC is
 * @param stackName   the network's name: {@code <project>-<environment>} for a planned network (the prefix of its
 *                    resource names and tags), the VPC's name (its Name tag or ID) for an imported one
 * @param servicePort port the application listens on; the security-group chain admits only it. AWS has it (the
 *                    task definition's container port, or the one port the front door's groups open on the app's), so
 *                    importers read it too; 0 when nothing says
 * @param databasePort port of the database; the data tier admits only it. AWS has it (the database's endpoint port);
 *                    0 without a database
 * @param attachments where addresses live: NAT, bastion and endpoint interfaces, and the places of the front door,
 *                    app tasks and database in their tiers
 * @param bastion     the planned bastion host; importers see a bastion only as an attachment of that kind
 * @param loadBalancers the load balancers whose interfaces are among the attachments, with their listeners
 * @param ipv6        the IPv6 side of a dual-stack network; empty for an IPv4-only one
 * @param omitted     what every VPC has but the input leaves out (a snapshot folder without an output): the analysis
 *                    answers what rests on it cannot tell; empty for a complete input
 */
public record Network(
        String region,
        String stackName,
        Vpc vpc,
        List<Az> azs,
        List<Subnet> subnets,
        List<RouteTable> routeTables,
        boolean internetGateway,
        List<Nat> nats,
        List<Endpoint> endpoints,
        List<SecurityGroup> securityGroups,
        List<NetworkAcl> networkAcls,
        Optional<FlowLogs> flowLogs,
        Optional<Bastion> bastion,
        int servicePort,
        int databasePort,
        List<Attachment> attachments,
        List<LoadBalancer> loadBalancers,
        Optional<DualStack> ipv6,
        Set<Omitted> omitted) {

    /**
     * What an input may leave out that every VPC has. "Each subnet in your VPC must be associated with a network ACL"
     * (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html), and every subnet is routed by the main
     * route table or one associated with it (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-route-tables.html):
     * without them, what they decide is not known, not the default.
     */
    public enum Omitted {
        ROUTE_TABLES("the route tables", "describe-route-tables"),
        NETWORK_ACLS("the network ACLs", "describe-network-acls");

        private final String what;
        private final String command;

        Omitted(String what, String command) {
            this.what = what;
            this.command = command;
        }

        /** The AWS CLI command whose output holds them: "describe-network-acls". */
        public String command() {
            return command;
        }

        /** "the network ACLs (no describe-network-acls output)": what is not modelled, as cannot tell says it. */
        public String describe() {
            return what + " (no " + command + " output)";
        }
    }

    /** A network with nothing omitted: everything a template or plan gives. */
    public Network(
            String region,
            String stackName,
            Vpc vpc,
            List<Az> azs,
            List<Subnet> subnets,
            List<RouteTable> routeTables,
            boolean internetGateway,
            List<Nat> nats,
            List<Endpoint> endpoints,
            List<SecurityGroup> securityGroups,
            List<NetworkAcl> networkAcls,
            Optional<FlowLogs> flowLogs,
            Optional<Bastion> bastion,
            int servicePort,
            int databasePort,
            List<Attachment> attachments,
            List<LoadBalancer> loadBalancers,
            Optional<DualStack> ipv6) {
        this(
                region,
                stackName,
                vpc,
                azs,
                subnets,
                routeTables,
                internetGateway,
                nats,
                endpoints,
                securityGroups,
                networkAcls,
                flowLogs,
                bastion,
                servicePort,
                databasePort,
                attachments,
                loadBalancers,
                ipv6,
                Set.of());
    }

    public Network {
        omitted = Set.copyOf(omitted);
        loadBalancers = List.copyOf(loadBalancers);
        azs = List.copyOf(azs);
        subnets = List.copyOf(subnets);
        routeTables = List.copyOf(routeTables);
        nats = List.copyOf(nats);
        endpoints = List.copyOf(endpoints);
        securityGroups = List.copyOf(securityGroups);
        networkAcls = List.copyOf(networkAcls);
        attachments = List.copyOf(attachments);
    }

    /** The same network with other security groups (an importer names references across VPCs once all are built). */
    public Network withSecurityGroups(List<SecurityGroup> groups) {
        return new Network(
                region,
                stackName,
                vpc,
                azs,
                subnets,
                routeTables,
                internetGateway,
                nats,
                endpoints,
                groups,
                networkAcls,
                flowLogs,
                bastion,
                servicePort,
                databasePort,
                attachments,
                loadBalancers,
                ipv6,
                omitted);
    }

    /** Whether the input leaves {@code what} out, so the flows that rest on it are cannot tell. */
    public boolean omits(Omitted what) {
        return omitted.contains(what);
    }

    public List<Subnet> subnets(Tier tier) {
        return subnets.stream().filter(s -> s.tier() == tier).toList();
    }

    public Optional<Subnet> subnet(String name) {
        return subnets.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<SecurityGroup> securityGroup(String name) {
        return securityGroups.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    public Optional<SecurityGroup> securityGroup(SecurityGroup.Role role) {
        return securityGroups.stream().filter(g -> g.role() == role).findFirst();
    }

    /** The route table a subnet is associated with. */
    public Optional<RouteTable> routeTableOf(String subnetName) {
        return routeTables.stream()
                .filter(t -> t.subnetNames().contains(subnetName))
                .findFirst();
    }

    public List<Attachment> attachmentsIn(String subnetName) {
        return attachments.stream()
                .filter(a -> a.subnetName().equals(subnetName))
                .toList();
    }

    public Optional<NetworkAcl> networkAclOf(String subnetName) {
        return networkAcls.stream()
                .filter(a -> a.subnetNames().contains(subnetName))
                .findFirst();
    }
}
