package dev.stackwright.analysis;

import dev.stackwright.Stackwright;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.FlowLogs;
import dev.stackwright.model.Network;
import dev.stackwright.model.NetworkAcl;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.model.Subnet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Planned networks and copies with one part changed, for hand-built test cases. */
public final class Networks {
    private Networks() {
    }

    public static Network example(String name) {
        return Stackwright.plan(Path.of("examples", name, "stackwright.yml")).network();
    }

    public static Network plan(String yaml) {
        return Stackwright.plan("test.yml", yaml).network();
    }

    public static Network withSubnets(Network n, List<Subnet> subnets) {
        return new Network(n.project(), n.environment(), n.region(), n.stackName(), n.vpc(), n.azs(), subnets,
                n.routeTables(), n.internetGateway(), n.natMode(), n.nats(), n.endpoints(), n.securityGroups(),
                n.networkAcls(), n.flowLogs(), n.access(), n.bastion(), n.servicePort(), n.databasePort(), n.attachments(),
                n.advice());
    }

    public static Network withRouteTables(Network n, List<RouteTable> tables) {
        return new Network(n.project(), n.environment(), n.region(), n.stackName(), n.vpc(), n.azs(), n.subnets(),
                tables, n.internetGateway(), n.natMode(), n.nats(), n.endpoints(), n.securityGroups(),
                n.networkAcls(), n.flowLogs(), n.access(), n.bastion(), n.servicePort(), n.databasePort(), n.attachments(),
                n.advice());
    }

    public static Network withInternetGateway(Network n, boolean igw) {
        return new Network(n.project(), n.environment(), n.region(), n.stackName(), n.vpc(), n.azs(), n.subnets(),
                n.routeTables(), igw, n.natMode(), n.nats(), n.endpoints(), n.securityGroups(),
                n.networkAcls(), n.flowLogs(), n.access(), n.bastion(), n.servicePort(), n.databasePort(), n.attachments(),
                n.advice());
    }

    public static Network withGroups(Network n, List<SecurityGroup> groups) {
        return new Network(n.project(), n.environment(), n.region(), n.stackName(), n.vpc(), n.azs(), n.subnets(),
                n.routeTables(), n.internetGateway(), n.natMode(), n.nats(), n.endpoints(), groups,
                n.networkAcls(), n.flowLogs(), n.access(), n.bastion(), n.servicePort(), n.databasePort(), n.attachments(),
                n.advice());
    }

    public static Network withAcls(Network n, List<NetworkAcl> acls) {
        return new Network(n.project(), n.environment(), n.region(), n.stackName(), n.vpc(), n.azs(), n.subnets(),
                n.routeTables(), n.internetGateway(), n.natMode(), n.nats(), n.endpoints(), n.securityGroups(),
                acls, n.flowLogs(), n.access(), n.bastion(), n.servicePort(), n.databasePort(), n.attachments(),
                n.advice());
    }

    public static Network withAttachments(Network n, List<Attachment> attachments) {
        return new Network(n.project(), n.environment(), n.region(), n.stackName(), n.vpc(), n.azs(), n.subnets(),
                n.routeTables(), n.internetGateway(), n.natMode(), n.nats(), n.endpoints(), n.securityGroups(),
                n.networkAcls(), n.flowLogs(), n.access(), n.bastion(), n.servicePort(), n.databasePort(), attachments,
                n.advice());
    }

    public static Network withFlowLogs(Network n, Optional<FlowLogs> flowLogs) {
        return new Network(n.project(), n.environment(), n.region(), n.stackName(), n.vpc(), n.azs(), n.subnets(),
                n.routeTables(), n.internetGateway(), n.natMode(), n.nats(), n.endpoints(), n.securityGroups(),
                n.networkAcls(), flowLogs, n.access(), n.bastion(), n.servicePort(), n.databasePort(), n.attachments(),
                n.advice());
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
}
