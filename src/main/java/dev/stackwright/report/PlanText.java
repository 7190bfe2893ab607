package dev.stackwright.report;

import dev.stackwright.cfn.Template;
import dev.stackwright.flows.FlowLogTable;
import dev.stackwright.model.DualStack;
import dev.stackwright.model.Endpoint;
import dev.stackwright.model.Intent;
import dev.stackwright.model.Nat;
import dev.stackwright.model.NatMode;
import dev.stackwright.model.Network;
import dev.stackwright.model.NetworkAcl;
import dev.stackwright.model.PlannedNetwork;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.model.Subnet;
import dev.stackwright.render.TextTable;
import java.util.Map;
import java.util.TreeMap;

/** The plan as a terminal reads it: what will be built, at a glance. */
public final class PlanText {
    private PlanText() {}

    /** Both stacks: the network, then the app on it. */
    public static String render(
            PlannedNetwork planned,
            Template networkTemplate,
            dev.stackwright.model.app.Application app,
            Template appTemplate) {
        return render(planned, networkTemplate) + "\n" + AppPlanText.render(app, planned.network(), appTemplate);
    }

    /** The network stack alone. */
    public static String render(PlannedNetwork planned, Template template) {
        Network n = planned.network();
        Intent intent = planned.intent();
        StringBuilder out = new StringBuilder();
        out.append(n.stackName())
                .append("  ")
                .append(n.region())
                .append("  VPC ")
                .append(n.vpc().cidr())
                .append("  ")
                .append(n.azs().size())
                .append(" zones  NAT: ")
                .append(natSummary(n, intent.natMode()))
                .append("\n\n");

        out.append("Subnets\n");
        TextTable subnets = TextTable.withHeader("TIER", "ZONE", "NAME", "CIDR", "USABLE IPS", "ROUTE TABLE")
                .rightAlign(4);
        for (Subnet s : n.subnets()) {
            subnets.row(
                    s.tier().id(),
                    s.az().nameIn(n.region()),
                    s.name(),
                    s.cidr().toString(),
                    String.valueOf(s.usableIps()),
                    n.routeTableOf(s.name()).map(RouteTable::name).orElse("main"));
        }
        out.append(subnets.render("  "));

        out.append("\nRoute tables\n");
        for (RouteTable table : n.routeTables()) {
            out.append("  ")
                    .append(table.name())
                    .append("  (")
                    .append(String.join(", ", table.subnetNames()))
                    .append(")\n");
            TextTable routes = TextTable.withColumns(2);
            for (Route r : table.routes()) {
                routes.row(r.destination().describe(), "-> " + r.target().describe());
            }
            out.append(routes.render("    "));
        }

        n.ipv6().ifPresent(v6 -> out.append(ipv6(v6)));

        out.append("\nEndpoints\n");
        for (Endpoint e : n.endpoints()) {
            switch (e) {
                case Endpoint.Gateway g ->
                    out.append("  gateway    ")
                            .append(TextTable.pad(g.service() + " ", 14))
                            .append("free; on route tables ")
                            .append(String.join(", ", g.routeTableNames()))
                            .append('\n');
                case Endpoint.Interface i ->
                    out.append("  interface  ")
                            .append(TextTable.pad(i.service() + " ", 14))
                            .append("in ")
                            .append(String.join(", ", i.subnetNames()))
                            .append(", private DNS\n");
            }
        }

        out.append("\nSecurity groups\n");
        TextTable rules = TextTable.withHeader("GROUP", "DIR", "PROTO", "PORT", "PEER", "WHY");
        for (SecurityGroup g : n.securityGroups()) {
            String name = g.name();
            for (SecurityGroupRule r : g.ingress()) {
                rules.row(
                        name,
                        "in",
                        r.protocol().id(),
                        r.ports().toString(),
                        "from " + r.peer().describe(),
                        r.description());
                name = "";
            }
            if (g.egress().isEmpty()) {
                rules.row(name, "out", "-", "-", "none", "no egress");
            }
            for (SecurityGroupRule r : g.egress()) {
                rules.row(
                        name,
                        "out",
                        r.protocol().id(),
                        r.ports().toString(),
                        "to " + r.peer().describe(),
                        r.description());
                name = "";
            }
        }
        out.append(rules.render("  "));

        for (NetworkAcl acl : n.networkAcls()) {
            out.append("\nNetwork ACL ")
                    .append(acl.name())
                    .append("  (")
                    .append(String.join(", ", acl.subnetNames()))
                    .append("; everything not listed is denied)\n");
            TextTable entries = TextTable.withHeader("DIR", "RULE", "ACTION", "PROTO", "PORT", "CIDR", "WHY");
            for (NetworkAcl.Entry e : acl.entries()) {
                entries.row(
                        e.egress() ? "out" : "in",
                        String.valueOf(e.ruleNumber()),
                        e.allow() ? "allow" : "deny",
                        e.protocol().id(),
                        e.ports().toString(),
                        e.cidr().toString(),
                        e.description());
            }
            out.append(entries.render("  "));
        }

        out.append("\nAccess      ")
                .append(
                        switch (intent.access()) {
                            case SSM -> "Session Manager (no open ports)";
                            case BASTION ->
                                n.bastion()
                                        .map(b -> "bastion host in the public subnets, SSH from " + b.allowedCidr())
                                        .orElse("bastion");
                            case NONE -> "none";
                        })
                .append('\n');
        out.append("Flow logs   ")
                .append(n.flowLogs()
                        .map(f -> switch (f.destination()) {
                            case CLOUDWATCH_LOGS ->
                                "all traffic to CloudWatch Logs, kept " + f.retentionDays() + " days";
                            case S3 -> {
                                FlowLogTable athena = FlowLogTable.of(intent.project(), intent.environment());
                                yield "all traffic to an S3 bucket, kept " + f.retentionDays() + " days; Athena table "
                                        + athena.database() + "." + athena.table() + ", workgroup "
                                        + athena.workgroup();
                            }
                        })
                        .orElse("off"))
                .append('\n');

        Map<String, Integer> byType = new TreeMap<>();
        template.resources().values().forEach(r -> byType.merge(r.path("Type").asText(), 1, Integer::sum));
        out.append("Resources   ").append(template.resourceCount()).append(" in the network stack\n");
        TextTable counts = TextTable.withColumns(2).rightAlign(1);
        byType.forEach((type, count) -> counts.row(type, String.valueOf(count)));
        out.append(counts.render("              "));

        if (!intent.advice().isEmpty()) {
            out.append("\nNotes\n");
            for (String a : intent.advice()) {
                out.append("  - ").append(a).append('\n');
            }
        }
        return out.toString();
    }

    /** The IPv6 side of a dual-stack network: blocks, routes out, the egress-only gateway and the rules on IPv6. */
    private static String ipv6(DualStack v6) {
        StringBuilder out = new StringBuilder("\nIPv6 (dual stack; DNS64 and NAT64 off)\n");
        out.append("  VPC  ").append(v6.vpcBlock().describe()).append('\n');
        TextTable blocks = TextTable.withHeader("SUBNET", "IPV6 BLOCK", "ADDRESSES ON LAUNCH");
        for (DualStack.SubnetBlock b : v6.subnets()) {
            blocks.row(b.subnetName(), b.block().describe(), b.assignOnCreation() ? "yes" : "no");
        }
        out.append(blocks.render("  "));
        TextTable routes = TextTable.withColumns(3);
        for (DualStack.Ipv6Route r : v6.routes()) {
            routes.row(r.routeTableName(), r.destination(), "-> " + r.target().describe());
        }
        out.append("  Routes out (tables not listed have none)\n").append(routes.render("    "));
        for (String eigw : v6.egressOnlyGateways()) {
            out.append("  egress-only internet gateway ")
                    .append(eigw)
                    .append(": out only, no hourly or per-GB charge\n");
        }
        TextTable rules = TextTable.withHeader("RULE", "DIR", "PROTO", "PORT", "PEER", "WHY");
        for (DualStack.Ipv6Rule r : v6.rules()) {
            rules.row(
                    "sg " + r.groupName(),
                    r.egress() ? "out" : "in",
                    r.protocol().id(),
                    r.ports().toString(),
                    (r.egress() ? "to " : "from ") + r.cidr(),
                    r.description());
        }
        for (DualStack.AclEntry e : v6.aclEntries()) {
            rules.row(
                    "nacl " + e.aclName() + " #" + e.ruleNumber(),
                    e.egress() ? "out" : "in",
                    e.protocol().id(),
                    e.ports().toString(),
                    (e.egress() ? "to " : "from ") + e.block().describe(),
                    e.description());
        }
        out.append(rules.render("  "));
        return out.toString();
    }

    static String natSummary(Network n, NatMode mode) {
        return switch (mode) {
            case INSTANCE -> {
                String type = n.nats().stream()
                        .filter(x -> x instanceof Nat.Instance)
                        .map(x -> ((Nat.Instance) x).instanceType())
                        .findFirst()
                        .orElse("?");
                yield n.nats().size() + " NAT instance" + (n.nats().size() == 1 ? "" : "s") + " (" + type
                        + (n.nats().size() == 1 && n.azs().size() > 1 ? ", shared" : ", one per zone") + ")";
            }
            case GATEWAY -> "1 NAT gateway (shared)";
            case GATEWAY_PER_AZ -> n.nats().size() + " NAT gateways (one per zone)";
            case REGIONAL_GATEWAY -> "regional NAT gateway";
            case NONE -> "none (app tier isolated)";
        };
    }
}
