package dev.stackwright.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.cfn.Template;
import dev.stackwright.flows.FlowLogTable;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.DualStack;
import dev.stackwright.model.Endpoint;
import dev.stackwright.model.FlowLogs;
import dev.stackwright.model.Intent;
import dev.stackwright.model.Ipv6Block;
import dev.stackwright.model.Nat;
import dev.stackwright.model.Network;
import dev.stackwright.model.NetworkAcl;
import dev.stackwright.model.PlannedNetwork;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.model.Subnet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The plan as JSON for scripts: the same facts as the text plan, with stable field names. */
public final class PlanJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PlanJson() {}

    /** Both stacks: the network's facts with the app's under {@code app}. */
    public static ObjectNode render(
            PlannedNetwork planned,
            Template networkTemplate,
            dev.stackwright.model.app.Application app,
            Template appTemplate) {
        ObjectNode root = render(planned, networkTemplate);
        root.set("app", AppPlanJson.render(app, appTemplate));
        return root;
    }

    /** The network stack alone. */
    public static ObjectNode render(PlannedNetwork planned, Template template) {
        Network n = planned.network();
        Intent intent = planned.intent();
        ObjectNode root = NODES.objectNode()
                .put("stackName", n.stackName())
                .put("project", intent.project())
                .put("environment", intent.environment().id())
                .put("region", n.region())
                .put("vpcCidr", n.vpc().cidr().toString())
                .put("zones", n.azs().size())
                .put("nat", intent.natMode().id())
                .put("access", intent.access().id())
                .put("servicePort", n.servicePort());
        if (n.databasePort() > 0) {
            root.put("databasePort", n.databasePort());
        }
        ArrayNode subnets = root.putArray("subnets");
        for (Subnet s : n.subnets()) {
            subnets.addObject()
                    .put("name", s.name())
                    .put("tier", s.tier().id())
                    .put("zone", s.az().letter())
                    .put("cidr", s.cidr().toString())
                    .put("usableIps", s.usableIps())
                    .put(
                            "routeTable",
                            n.routeTableOf(s.name()).map(RouteTable::name).orElse("main"));
        }
        ArrayNode tables = root.putArray("routeTables");
        for (RouteTable t : n.routeTables()) {
            ObjectNode o = tables.addObject()
                    .put("name", t.name())
                    .put("tier", t.tier().id());
            strings(o.putArray("subnets"), t.subnetNames());
            ArrayNode routes = o.putArray("routes");
            for (Route r : t.routes()) {
                routes.addObject()
                        .put("destination", r.destination().describe())
                        .put("target", r.target().describe());
            }
        }
        n.ipv6().ifPresent(v6 -> root.set("ipv6", ipv6(v6)));
        ArrayNode nats = root.putArray("natDevices");
        for (Nat nat : n.nats()) {
            ObjectNode o = nats.addObject().put("name", nat.name());
            switch (nat) {
                case Nat.Instance i ->
                    o.put("kind", "instance")
                            .put("zone", i.az().letter())
                            .put("subnet", i.subnetName())
                            .put("instanceType", i.instanceType());
                case Nat.Gateway g ->
                    o.put("kind", "gateway").put("zone", g.az().letter()).put("subnet", g.subnetName());
                case Nat.RegionalGateway r -> o.put("kind", "regional-gateway");
            }
        }
        ArrayNode endpoints = root.putArray("endpoints");
        for (Endpoint e : n.endpoints()) {
            ObjectNode o = endpoints.addObject().put("service", e.service());
            switch (e) {
                case Endpoint.Gateway g ->
                    strings(o.put("type", "gateway").putArray("routeTables"), g.routeTableNames());
                case Endpoint.Interface i -> strings(o.put("type", "interface").putArray("subnets"), i.subnetNames());
            }
        }
        ArrayNode groups = root.putArray("securityGroups");
        for (SecurityGroup g : n.securityGroups()) {
            ObjectNode o = groups.addObject()
                    .put("name", g.name())
                    .put("role", g.role().name().toLowerCase(java.util.Locale.ROOT))
                    .put("description", g.description());
            rules(o.putArray("ingress"), g.ingress());
            rules(o.putArray("egress"), g.egress());
        }
        ArrayNode acls = root.putArray("networkAcls");
        for (NetworkAcl acl : n.networkAcls()) {
            ObjectNode o = acls.addObject()
                    .put("name", acl.name())
                    .put("tier", acl.tier().id());
            strings(o.putArray("subnets"), acl.subnetNames());
            ArrayNode entries = o.putArray("entries");
            for (NetworkAcl.Entry e : acl.entries()) {
                entries.addObject()
                        .put("rule", e.ruleNumber())
                        .put("direction", e.egress() ? "egress" : "ingress")
                        .put("action", e.allow() ? "allow" : "deny")
                        .put("protocol", e.protocol().id())
                        .put("ports", e.ports().toString())
                        .put("cidr", e.cidr().toString())
                        .put("description", e.description());
            }
        }
        ArrayNode attachments = root.putArray("attachments");
        for (Attachment a : n.attachments()) {
            ObjectNode o = attachments
                    .addObject()
                    .put("name", a.name())
                    .put("kind", a.kind().name().toLowerCase(java.util.Locale.ROOT))
                    .put("subnet", a.subnetName())
                    .put("publicIp", a.publicIp());
            strings(o.putArray("securityGroups"), a.securityGroupNames());
        }
        n.flowLogs().ifPresent(f -> {
            ObjectNode flowLogs = root.putObject("flowLogs").put("retentionDays", f.retentionDays());
            if (f.destination() == FlowLogs.Destination.S3) {
                FlowLogTable athena = FlowLogTable.of(intent.project(), intent.environment());
                flowLogs.put("destination", f.destination().id())
                        .put("database", athena.database())
                        .put("table", athena.table())
                        .put("workgroup", athena.workgroup());
            }
        });
        n.bastion()
                .ifPresent(b -> root.putObject("bastion")
                        .put("instanceType", b.instanceType())
                        .put("allowedCidr", b.allowedCidr().toString()));
        ObjectNode resources = root.putObject("resources").put("total", template.resourceCount());
        Map<String, Integer> byType = new TreeMap<>();
        template.resources().values().forEach(r -> byType.merge(r.path("Type").asText(), 1, Integer::sum));
        ObjectNode types = resources.putObject("byType");
        byType.forEach(types::put);
        strings(root.putArray("notes"), intent.advice());
        return root;
    }

    private static void rules(ArrayNode out, List<SecurityGroupRule> rules) {
        for (SecurityGroupRule r : rules) {
            out.addObject()
                    .put("protocol", r.protocol().id())
                    .put("ports", r.ports().toString())
                    .put("peer", r.peer().describe())
                    .put("description", r.description());
        }
    }

    private static void strings(ArrayNode out, List<String> values) {
        values.forEach(out::add);
    }

    /** The IPv6 side of a dual-stack network; absent from the plan of an IPv4-only one. */
    private static ObjectNode ipv6(DualStack v6) {
        ObjectNode o = NODES.objectNode().put("vpcBlock", v6.vpcBlock().describe());
        ArrayNode subnets = o.putArray("subnets");
        for (DualStack.SubnetBlock b : v6.subnets()) {
            ObjectNode s = subnets.addObject()
                    .put("name", b.subnetName())
                    .put("block", b.block().describe());
            if (b.block() instanceof Ipv6Block.VpcSlot slot) {
                s.put("index", slot.index());
            }
            s.put("assignOnCreation", b.assignOnCreation());
        }
        ArrayNode routes = o.putArray("routes");
        for (DualStack.Ipv6Route r : v6.routes()) {
            routes.addObject()
                    .put("routeTable", r.routeTableName())
                    .put("destination", r.destination())
                    .put("target", r.target().describe());
        }
        strings(o.putArray("egressOnlyGateways"), v6.egressOnlyGateways());
        ArrayNode rules = o.putArray("securityGroupRules");
        for (DualStack.Ipv6Rule r : v6.rules()) {
            rules.addObject()
                    .put("group", r.groupName())
                    .put("direction", r.egress() ? "egress" : "ingress")
                    .put("protocol", r.protocol().id())
                    .put("ports", r.ports().toString())
                    .put("cidr", r.cidr())
                    .put("description", r.description());
        }
        ArrayNode acl = o.putArray("networkAclEntries");
        for (DualStack.AclEntry e : v6.aclEntries()) {
            acl.addObject()
                    .put("acl", e.aclName())
                    .put("ruleNumber", e.ruleNumber())
                    .put("direction", e.egress() ? "egress" : "ingress")
                    .put("action", e.allow() ? "allow" : "deny")
                    .put("protocol", e.protocol().id())
                    .put("ports", e.ports().toString())
                    .put("block", e.block().describe())
                    .put("description", e.description());
        }
        return o;
    }
}
