package dev.stackwright.report;

import dev.stackwright.cfn.Template;
import dev.stackwright.model.Endpoint;
import dev.stackwright.model.Nat;
import dev.stackwright.model.Network;
import dev.stackwright.model.NetworkAcl;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.model.Subnet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The plan as a terminal reads it: what will be built, at a glance. */
public final class PlanText {
    private PlanText() {
    }

    /** Both stacks: the network, then the app on it. */
    public static String render(Network n, Template networkTemplate, dev.stackwright.model.app.Application app, Template appTemplate) {
        return render(n, networkTemplate) + "\n" + AppPlanText.render(app, n, appTemplate);
    }

    /** The network stack alone. */
    public static String render(Network n, Template template) {
        StringBuilder out = new StringBuilder();
        out.append(n.stackName()).append("  ").append(n.region()).append("  VPC ").append(n.vpc().cidr())
                .append("  ").append(n.azs().size()).append(" zones  NAT: ").append(natSummary(n)).append("\n\n");

        out.append("Subnets\n");
        Table subnets = new Table("TIER", "ZONE", "NAME", "CIDR", "USABLE IPS", "ROUTE TABLE");
        for (Subnet s : n.subnets()) {
            subnets.row(s.tier().id(), s.az().nameIn(n.region()), s.name(), s.cidr().toString(),
                    String.valueOf(s.usableIps()), n.routeTableOf(s.name()).map(RouteTable::name).orElse("main"));
        }
        subnets.rightAlign(4);
        out.append(subnets.render("  "));

        out.append("\nRoute tables\n");
        for (RouteTable table : n.routeTables()) {
            out.append("  ").append(table.name()).append("  (").append(String.join(", ", table.subnetNames())).append(")\n");
            Table routes = new Table("DESTINATION", "TARGET");
            for (Route r : table.routes()) {
                routes.row(r.destination().describe(), "-> " + r.target().describe());
            }
            out.append(routes.renderRows("    "));
        }

        out.append("\nEndpoints\n");
        for (Endpoint e : n.endpoints()) {
            switch (e) {
                case Endpoint.Gateway g -> out.append("  gateway    ").append(pad(g.service(), 14))
                        .append("free; on route tables ").append(String.join(", ", g.routeTableNames())).append('\n');
                case Endpoint.Interface i -> out.append("  interface  ").append(pad(i.service(), 14))
                        .append("in ").append(String.join(", ", i.subnetNames())).append(", private DNS\n");
            }
        }

        out.append("\nSecurity groups\n");
        Table rules = new Table("GROUP", "DIR", "PROTO", "PORT", "PEER", "WHY");
        for (SecurityGroup g : n.securityGroups()) {
            String name = g.name();
            for (SecurityGroupRule r : g.ingress()) {
                rules.row(name, "in", r.protocol().id(), r.ports().toString(), "from " + r.peer().describe(), r.description());
                name = "";
            }
            if (g.egress().isEmpty()) {
                rules.row(name, "out", "-", "-", "none", "no egress");
            }
            for (SecurityGroupRule r : g.egress()) {
                rules.row(name, "out", r.protocol().id(), r.ports().toString(), "to " + r.peer().describe(), r.description());
                name = "";
            }
        }
        out.append(rules.render("  "));

        for (NetworkAcl acl : n.networkAcls()) {
            out.append("\nNetwork ACL ").append(acl.name()).append("  (").append(String.join(", ", acl.subnetNames()))
                    .append("; everything not listed is denied)\n");
            Table entries = new Table("DIR", "RULE", "ACTION", "PROTO", "PORT", "CIDR", "WHY");
            for (NetworkAcl.Entry e : acl.entries()) {
                entries.row(e.egress() ? "out" : "in", String.valueOf(e.ruleNumber()), e.allow() ? "allow" : "deny",
                        e.protocol().id(), e.ports().toString(), e.cidr().toString(), e.description());
            }
            out.append(entries.render("  "));
        }

        out.append("\nAccess      ").append(switch (n.access()) {
            case SSM -> "Session Manager (no open ports)";
            case BASTION -> n.bastion().map(b -> "bastion host in the public subnets, SSH from " + b.allowedCidr()).orElse("bastion");
            case NONE -> "none";
        }).append('\n');
        out.append("Flow logs   ").append(n.flowLogs().map(f -> "all traffic to CloudWatch Logs, kept " + f.retentionDays() + " days")
                .orElse("off")).append('\n');

        Map<String, Integer> byType = new TreeMap<>();
        template.resources().values().forEach(r -> byType.merge(r.path("Type").asText(), 1, Integer::sum));
        out.append("Resources   ").append(template.resourceCount()).append(" in the network stack\n");
        Table counts = new Table("TYPE", "COUNT");
        byType.forEach((type, count) -> counts.row(type, String.valueOf(count)));
        counts.rightAlign(1);
        out.append(counts.renderRows("              "));

        if (!n.advice().isEmpty()) {
            out.append("\nNotes\n");
            for (String a : n.advice()) {
                out.append("  - ").append(a).append('\n');
            }
        }
        return out.toString();
    }

    static String natSummary(Network n) {
        return switch (n.natMode()) {
            case INSTANCE -> {
                String type = n.nats().stream().filter(x -> x instanceof Nat.Instance).map(x -> ((Nat.Instance) x).instanceType())
                        .findFirst().orElse("?");
                yield n.nats().size() + " NAT instance" + (n.nats().size() == 1 ? "" : "s") + " (" + type
                        + (n.nats().size() == 1 && n.azs().size() > 1 ? ", shared" : ", one per zone") + ")";
            }
            case GATEWAY -> "1 NAT gateway (shared)";
            case GATEWAY_PER_AZ -> n.nats().size() + " NAT gateways (one per zone)";
            case REGIONAL_GATEWAY -> "regional NAT gateway";
            case NONE -> "none (app tier isolated)";
        };
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }

    /** Columns padded to their widest cell. */
    static final class Table {
        private final String[] header;
        private final List<String[]> rows = new ArrayList<>();
        private final boolean[] right;

        Table(String... header) {
            this.header = header;
            this.right = new boolean[header.length];
        }

        void row(String... cells) {
            rows.add(cells);
        }

        void rightAlign(int column) {
            right[column] = true;
        }

        String render(String indent) {
            return format(indent, true);
        }

        String renderRows(String indent) {
            return format(indent, false);
        }

        private String format(String indent, boolean withHeader) {
            int[] width = new int[header.length];
            List<String[]> all = new ArrayList<>();
            if (withHeader) {
                all.add(header);
            }
            all.addAll(rows);
            for (String[] r : all) {
                for (int i = 0; i < r.length; i++) {
                    width[i] = Math.max(width[i], r[i].length());
                }
            }
            StringBuilder out = new StringBuilder();
            for (String[] r : all) {
                StringBuilder line = new StringBuilder(indent);
                for (int i = 0; i < r.length; i++) {
                    String cell = r[i];
                    String fill = " ".repeat(width[i] - cell.length());
                    line.append(right[i] ? fill + cell : cell + (i == r.length - 1 ? "" : fill));
                    if (i < r.length - 1) {
                        line.append("  ");
                    }
                }
                out.append(line.toString().stripTrailing()).append('\n');
            }
            return out.toString();
        }
    }
}
