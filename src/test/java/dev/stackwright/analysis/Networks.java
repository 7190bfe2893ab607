package dev.stackwright.analysis;

import dev.stackwright.Stackwright;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.FlowLogs;
import dev.stackwright.model.Network;
import dev.stackwright.model.NetworkAcl;
import dev.stackwright.model.PlannedNetwork;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.model.Subnet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Planned networks and copies with one part changed, for hand-built test cases. */
public final class Networks {
    private Networks() {}

    /**
     * The network tier of a shipped example as the analysis tests know it: its network settings with Fargate tasks
     * behind an ALB, frozen here so that examples can show off app-tier options without moving these tests.
     */
    public static Network example(String name) {
        return examplePlanned(name).network();
    }

    /** The same frozen example with what its spec meant (environment, NAT and access mode). */
    public static PlannedNetwork examplePlanned(String name) {
        String spec = switch (name) {
            case "prod-nat-instances" -> """
                    name: orders-api
                    region: us-east-1
                    environment: prod
                    network: {azs: 3, nat: instance, access: ssm, endpoints: [s3, dynamodb], flowLogs: true, maxTasks: 200}
                    service: {port: 8080}
                    frontDoor:
                      type: alb
                      domain: api.orders.example.com
                      certificateArn: arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789
                    database: {engine: postgres, port: 5432}
                    """;
            case "staging-gateway-bastion" -> """
                    name: orders-api
                    region: us-west-2
                    environment: staging
                    network: {azs: 2, nat: gateway, access: bastion, bastionCidr: 203.0.113.0/24, bastionKeyName: ops, flowLogs: true}
                    service: {port: 8080}
                    database: {engine: postgres}
                    """;
            case "dev-isolated" -> """
                    name: orders-api
                    region: eu-west-1
                    environment: dev
                    network:
                      azs: 2
                      nat: none
                      access: ssm
                      endpoints: [s3, dynamodb, ecr.api, ecr.dkr, logs, ssm, ssmmessages, ec2messages]
                      maxTasks: 20
                    service: {port: 3000}
                    database: {engine: mysql}
                    """;
            default -> throw new IllegalArgumentException("no frozen network for example " + name);
        };
        return planned(spec);
    }

    /** The network without its interface endpoints: an isolated app tier with nowhere to go. */
    public static Network withoutInterfaceEndpoints(Network n) {
        return new Network(
                n.region(),
                n.stackName(),
                n.vpc(),
                n.azs(),
                n.subnets(),
                n.routeTables(),
                n.internetGateway(),
                n.nats(),
                n.endpoints().stream()
                        .filter(e -> !(e instanceof dev.stackwright.model.Endpoint.Interface))
                        .toList(),
                n.securityGroups().stream()
                        .filter(g -> g.role() != SecurityGroup.Role.ENDPOINT)
                        .toList(),
                n.networkAcls(),
                n.flowLogs(),
                n.bastion(),
                n.servicePort(),
                n.databasePort(),
                n.attachments().stream()
                        .filter(a -> a.kind() != Attachment.Kind.ENDPOINT)
                        .toList(),
                n.loadBalancers(),
                n.ipv6());
    }

    /**
     * Plans a spec in the layout these tests were written around: Fargate tasks behind an ALB, unless the spec says
     * otherwise (no ECS hosts, the front door in the public subnets).
     */
    public static Network plan(String yaml) {
        return planned(yaml).network();
    }

    /** As {@link #plan}, with what the spec meant. */
    public static PlannedNetwork planned(String yaml) {
        return Stackwright.plan("test.yml", albAndTasks(yaml)).planned();
    }

    public static String albAndTasks(String yaml) {
        String out = yaml.endsWith("\n") ? yaml : yaml + "\n";
        if (!out.contains("frontDoor")) {
            out += "frontDoor: alb\n";
        }
        if (!out.contains("compute:")) {
            if (out.contains("service: {")) {
                out = out.replace("service: {", "service: {compute: fargate, ");
            } else if (out.contains("service:\n")) {
                out = out.replace("service:\n", "service:\n  compute: fargate\n");
            } else {
                out += "service:\n  compute: fargate\n";
            }
        }
        return out;
    }

    public static Network withSubnets(Network n, List<Subnet> subnets) {
        return new Network(
                n.region(),
                n.stackName(),
                n.vpc(),
                n.azs(),
                subnets,
                n.routeTables(),
                n.internetGateway(),
                n.nats(),
                n.endpoints(),
                n.securityGroups(),
                n.networkAcls(),
                n.flowLogs(),
                n.bastion(),
                n.servicePort(),
                n.databasePort(),
                n.attachments(),
                n.loadBalancers(),
                n.ipv6());
    }

    public static Network withRouteTables(Network n, List<RouteTable> tables) {
        return new Network(
                n.region(),
                n.stackName(),
                n.vpc(),
                n.azs(),
                n.subnets(),
                tables,
                n.internetGateway(),
                n.nats(),
                n.endpoints(),
                n.securityGroups(),
                n.networkAcls(),
                n.flowLogs(),
                n.bastion(),
                n.servicePort(),
                n.databasePort(),
                n.attachments(),
                n.loadBalancers(),
                n.ipv6());
    }

    public static Network withInternetGateway(Network n, boolean igw) {
        return new Network(
                n.region(),
                n.stackName(),
                n.vpc(),
                n.azs(),
                n.subnets(),
                n.routeTables(),
                igw,
                n.nats(),
                n.endpoints(),
                n.securityGroups(),
                n.networkAcls(),
                n.flowLogs(),
                n.bastion(),
                n.servicePort(),
                n.databasePort(),
                n.attachments(),
                n.loadBalancers(),
                n.ipv6());
    }

    public static Network withGroups(Network n, List<SecurityGroup> groups) {
        return n.withSecurityGroups(groups);
    }

    public static Network withAcls(Network n, List<NetworkAcl> acls) {
        return new Network(
                n.region(),
                n.stackName(),
                n.vpc(),
                n.azs(),
                n.subnets(),
                n.routeTables(),
                n.internetGateway(),
                n.nats(),
                n.endpoints(),
                n.securityGroups(),
                acls,
                n.flowLogs(),
                n.bastion(),
                n.servicePort(),
                n.databasePort(),
                n.attachments(),
                n.loadBalancers(),
                n.ipv6());
    }

    public static Network withAttachments(Network n, List<Attachment> attachments) {
        return new Network(
                n.region(),
                n.stackName(),
                n.vpc(),
                n.azs(),
                n.subnets(),
                n.routeTables(),
                n.internetGateway(),
                n.nats(),
                n.endpoints(),
                n.securityGroups(),
                n.networkAcls(),
                n.flowLogs(),
                n.bastion(),
                n.servicePort(),
                n.databasePort(),
                attachments,
                n.loadBalancers(),
                n.ipv6());
    }

    public static Network withLoadBalancers(Network n, List<dev.stackwright.model.LoadBalancer> loadBalancers) {
        return new Network(
                n.region(),
                n.stackName(),
                n.vpc(),
                n.azs(),
                n.subnets(),
                n.routeTables(),
                n.internetGateway(),
                n.nats(),
                n.endpoints(),
                n.securityGroups(),
                n.networkAcls(),
                n.flowLogs(),
                n.bastion(),
                n.servicePort(),
                n.databasePort(),
                n.attachments(),
                loadBalancers,
                n.ipv6());
    }

    public static Network withIpv6(Network n, dev.stackwright.model.DualStack ipv6) {
        return new Network(
                n.region(),
                n.stackName(),
                n.vpc(),
                n.azs(),
                n.subnets(),
                n.routeTables(),
                n.internetGateway(),
                n.nats(),
                n.endpoints(),
                n.securityGroups(),
                n.networkAcls(),
                n.flowLogs(),
                n.bastion(),
                n.servicePort(),
                n.databasePort(),
                n.attachments(),
                n.loadBalancers(),
                Optional.of(ipv6));
    }

    /** Every load balancer of {@code n} with one more listener (an admin port, say). */
    public static Network addListener(Network n, dev.stackwright.model.LoadBalancer.Listener listener) {
        List<dev.stackwright.model.LoadBalancer> lbs = n.loadBalancers().stream()
                .map(lb -> {
                    List<dev.stackwright.model.LoadBalancer.Listener> listeners =
                            new java.util.ArrayList<>(lb.listeners());
                    listeners.add(listener);
                    return new dev.stackwright.model.LoadBalancer(
                            lb.name(), lb.type(), lb.internetFacing(), listeners, lb.interfaces(), lb.targetGroups());
                })
                .toList();
        return new Network(
                n.region(),
                n.stackName(),
                n.vpc(),
                n.azs(),
                n.subnets(),
                n.routeTables(),
                n.internetGateway(),
                n.nats(),
                n.endpoints(),
                n.securityGroups(),
                n.networkAcls(),
                n.flowLogs(),
                n.bastion(),
                n.servicePort(),
                n.databasePort(),
                n.attachments(),
                lbs,
                n.ipv6());
    }

    public static Network withFlowLogs(Network n, Optional<FlowLogs> flowLogs) {
        return new Network(
                n.region(),
                n.stackName(),
                n.vpc(),
                n.azs(),
                n.subnets(),
                n.routeTables(),
                n.internetGateway(),
                n.nats(),
                n.endpoints(),
                n.securityGroups(),
                n.networkAcls(),
                flowLogs,
                n.bastion(),
                n.servicePort(),
                n.databasePort(),
                n.attachments(),
                n.loadBalancers(),
                n.ipv6());
    }

    /** The network with one security group changed. */
    public static Network editGroup(Network n, String name, UnaryOperator<SecurityGroup> edit) {
        List<SecurityGroup> groups = new ArrayList<>();
        for (SecurityGroup g : n.securityGroups()) {
            groups.add(g.name().equals(name) ? edit.apply(g) : g);
        }
        return withGroups(n, groups);
    }

    public static SecurityGroup addIngress(SecurityGroup g, SecurityGroupRule rule) {
        List<SecurityGroupRule> in = new ArrayList<>(g.ingress());
        in.add(rule);
        return new SecurityGroup(g.name(), g.role(), g.description(), in, g.egress());
    }

    public static SecurityGroup addEgress(SecurityGroup g, SecurityGroupRule rule) {
        List<SecurityGroupRule> out = new ArrayList<>(g.egress());
        out.add(rule);
        return new SecurityGroup(g.name(), g.role(), g.description(), g.ingress(), out);
    }

    /** The network with one route table changed. */
    public static Network editTable(Network n, String name, UnaryOperator<RouteTable> edit) {
        List<RouteTable> tables = new ArrayList<>();
        for (RouteTable t : n.routeTables()) {
            tables.add(t.name().equals(name) ? edit.apply(t) : t);
        }
        return withRouteTables(n, tables);
    }

    /** The network with one attachment changed. */
    public static Network editAttachment(Network n, String name, UnaryOperator<Attachment> edit) {
        List<Attachment> out = new ArrayList<>();
        for (Attachment a : n.attachments()) {
            out.add(a.name().equals(name) ? edit.apply(a) : a);
        }
        return withAttachments(n, out);
    }

    public static Network addAttachment(Network n, Attachment attachment) {
        List<Attachment> out = new ArrayList<>(n.attachments());
        out.add(attachment);
        return withAttachments(n, out);
    }

    public static Network addAcl(Network n, NetworkAcl acl) {
        List<NetworkAcl> acls = new ArrayList<>(n.networkAcls());
        acls.add(acl);
        return withAcls(n, acls);
    }

    /**
     * The network with one more entry in a subnet's network ACL, first or last in its list; a subnet without an ACL
     * gets one of its own that allows everything else in both directions.
     */
    public static Network withAclEntry(Network n, Subnet subnet, NetworkAcl.Entry entry, boolean first) {
        List<NetworkAcl> acls = new ArrayList<>();
        boolean placed = false;
        for (NetworkAcl acl : n.networkAcls()) {
            if (acl.subnetNames().contains(subnet.name())) {
                List<NetworkAcl.Entry> entries = new ArrayList<>(acl.entries());
                if (first) {
                    entries.addFirst(entry);
                } else {
                    entries.add(entry);
                }
                acls.add(new NetworkAcl(acl.name(), acl.tier(), entries, acl.subnetNames()));
                placed = true;
            } else {
                acls.add(acl);
            }
        }
        if (!placed) {
            acls.add(new NetworkAcl(
                    "acl-" + subnet.name(),
                    subnet.tier(),
                    List.of(
                            entry,
                            new NetworkAcl.Entry(32000, false, true, Protocol.ALL, PortRange.ALL, Cidr.ANYWHERE, ""),
                            new NetworkAcl.Entry(32000, true, true, Protocol.ALL, PortRange.ALL, Cidr.ANYWHERE, "")),
                    List.of(subnet.name())));
        }
        return withAcls(n, acls);
    }
}
