package dev.stackwright.model;

import java.util.List;
import java.util.Optional;

/**
 * The network of one environment: the hub that the planner produces and that renderers, analysis, cost and diagrams
 * read. Importers (templates, describe-* snapshots, live accounts) build the same type.
 *
 * @param stackName   {@code <project>-<environment>}, the prefix of resource names and tags
 * @param servicePort port the application listens on; the security-group chain admits only it
 * @param databasePort port of the database; the data tier admits only it
 * @param attachments where addresses live: NAT, bastion and endpoint interfaces, and the places of the front door,
 *                    app tasks and database in their tiers
 * @param advice      what the user should know about this network (e.g. endpoints needed without NAT)
 * @param loadBalancers the load balancers whose interfaces are among the attachments, with their listeners
 */
public record Network(String project, Environment environment, String region, String stackName, Vpc vpc,
                      List<Az> azs, List<Subnet> subnets, List<RouteTable> routeTables, boolean internetGateway,
                      NatMode natMode, List<Nat> nats, List<Endpoint> endpoints, List<SecurityGroup> securityGroups,
                      List<NetworkAcl> networkAcls, Optional<FlowLogs> flowLogs, AccessMode access,
                      Optional<Bastion> bastion, int servicePort, int databasePort, List<Attachment> attachments,
                      List<String> advice, List<LoadBalancer> loadBalancers) {

    public Network {
        loadBalancers = List.copyOf(loadBalancers);
        azs = List.copyOf(azs);
        subnets = List.copyOf(subnets);
        routeTables = List.copyOf(routeTables);
        nats = List.copyOf(nats);
        endpoints = List.copyOf(endpoints);
        securityGroups = List.copyOf(securityGroups);
        networkAcls = List.copyOf(networkAcls);
        attachments = List.copyOf(attachments);
        advice = List.copyOf(advice);
    }

    /** A network whose load balancers (and so their listeners) are not known. */
    public Network(String project, Environment environment, String region, String stackName, Vpc vpc,
                   List<Az> azs, List<Subnet> subnets, List<RouteTable> routeTables, boolean internetGateway,
                   NatMode natMode, List<Nat> nats, List<Endpoint> endpoints, List<SecurityGroup> securityGroups,
                   List<NetworkAcl> networkAcls, Optional<FlowLogs> flowLogs, AccessMode access,
                   Optional<Bastion> bastion, int servicePort, int databasePort, List<Attachment> attachments,
                   List<String> advice) {
        this(project, environment, region, stackName, vpc, azs, subnets, routeTables, internetGateway, natMode, nats,
                endpoints, securityGroups, networkAcls, flowLogs, access, bastion, servicePort, databasePort, attachments,
                advice, List.of());
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
        return routeTables.stream().filter(t -> t.subnetNames().contains(subnetName)).findFirst();
    }

    public List<Attachment> attachmentsIn(String subnetName) {
        return attachments.stream().filter(a -> a.subnetName().equals(subnetName)).toList();
    }

    public Optional<NetworkAcl> networkAclOf(String subnetName) {
        return networkAcls.stream().filter(a -> a.subnetNames().contains(subnetName)).findFirst();
    }
}
