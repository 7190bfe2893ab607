package dev.stackwright.diagram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stackwright.analysis.Analysis;
import dev.stackwright.analysis.BetweenReport;
import dev.stackwright.analysis.CheckReport;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.policy.Violation;
import dev.stackwright.analysis.reach.BetweenVpcs;
import dev.stackwright.analysis.reach.Exposure;
import dev.stackwright.analysis.reach.Names;
import dev.stackwright.analysis.report.BetweenText;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Network;
import dev.stackwright.model.NetworkAcl;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteDestination;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.model.Subnet;
import dev.stackwright.model.Tier;
import dev.stackwright.model.TransitGateways;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code stackwright report}: one self-contained HTML page (inline CSS and SVG, nothing fetched, no JavaScript) that a
 * user can attach to a pull request: the diagram, the plan as tables, the reachability matrix whose cells open their
 * paths, lint findings with their fixes, and the monthly cost with its alternatives. Pure: same input, same bytes.
 */
public final class HtmlReport {
    private static final List<Flows.End> ENDS =
            List.of(Flows.End.INTERNET, Flows.End.of(Tier.PUBLIC), Flows.End.of(Tier.APP), Flows.End.of(Tier.DATA));

    private HtmlReport() {}

    /**
     * The page.
     *
     * @param title    what the page is about: the spec or the imported file
     * @param costJson the estimate as {@code stackwright cost --format json} prints it, when there is one (a spec)
     * @param whyArguments the options that name the input, for the {@code stackwright why} commands the page suggests
     */
    public static String render(String title, List<Diagram.Vpc> vpcs, Optional<String> costJson, String whyArguments) {
        return render(title, vpcs, costJson, whyArguments, Optional.empty());
    }

    /**
     * The page, with what a deploy of this plan would change in the account the user named.
     *
     * @param deployed per stack, as {@code stackwright diff} shows it
     */
    public static String render(
            String title,
            List<Diagram.Vpc> vpcs,
            Optional<String> costJson,
            String whyArguments,
            Optional<List<StackChanges>> deployed) {
        return render(title, vpcs, costJson, whyArguments, deployed, Optional.empty());
    }

    /**
     * The page, with the traffic in flow logs.
     *
     * @param flowsJson the answers as {@code stackwright flows --format json} prints them
     */
    public static String render(
            String title,
            List<Diagram.Vpc> vpcs,
            Optional<String> costJson,
            String whyArguments,
            Optional<List<StackChanges>> deployed,
            Optional<String> flowsJson) {
        return render(
                title,
                vpcs,
                costJson,
                whyArguments,
                deployed,
                flowsJson,
                List.of(),
                TransitGateways.NONE,
                BetweenReport.NONE);
    }

    /**
     * The page of an imported template or snapshot: with what reading it found (as {@code check} prints it first, and
     * counts an error as a failed check) and its transit gateways, so the diagram names the VPCs behind each.
     *
     * @param importFindings the import's findings, in the order {@code check} prints them, and the policy's notes
     * @param between        the flows between the input's VPCs and the policy's verdict on them, as {@code check}
     *                       shows them; {@link BetweenReport#NONE} for one VPC
     */
    public static String render(
            String title,
            List<Diagram.Vpc> vpcs,
            Optional<String> costJson,
            String whyArguments,
            Optional<List<StackChanges>> deployed,
            Optional<String> flowsJson,
            List<Diagnostic> importFindings,
            TransitGateways transit,
            BetweenReport between) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<!-- ")
                .append(Diagram.GENERATED)
                .append(" (stackwright report): regenerate it rather than edit it. -->\n")
                .append("<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Stackwright report: ")
                .append(esc(title))
                .append("</title>\n")
                .append(STYLE)
                .append("</head>\n<body>\n");
        h.append("<h1>Stackwright report: ").append(esc(title)).append("</h1>\n");
        boolean passed = Analysis.passed(
                importFindings.stream().anyMatch(Diagnostic::isError),
                vpcs.stream().map(Diagram.Vpc::report).toList(),
                between);
        int across = between.violations().size();
        h.append("<p class=\"verdict ")
                .append(passed ? "ok\">Check passed" : "failed\">Check failed")
                .append(" for ")
                .append(vpcs.size())
                .append(vpcs.size() == 1 ? " VPC" : " VPCs")
                .append(" (")
                .append(esc(policyName(vpcs)))
                .append(")")
                .append(
                        across == 0
                                ? ""
                                : ", " + across + (across == 1 ? " policy violation" : " policy violations")
                                        + " between VPCs")
                .append(".</p>\n");
        boolean several = between.flows() != BetweenVpcs.NONE;
        h.append("<nav><ul>\n");
        Diagnostic.Split split = Diagnostic.Split.of(importFindings);
        List<Diagnostic> found = split.findings();
        List<Diagnostic> notes = split.notes();
        if (!found.isEmpty()) {
            h.append("<li><a href=\"#import-findings\">Import findings</a></li>\n");
        }
        if (!notes.isEmpty()) {
            h.append("<li><a href=\"#notes\">Notes</a></li>\n");
        }
        h.append("<li><a href=\"#diagram\">Diagram</a></li>\n");
        for (int i = 0; i < vpcs.size(); i++) {
            h.append("<li><a href=\"#v")
                    .append(i + 1)
                    .append("\">VPC ")
                    .append(esc(vpcs.get(i).network().stackName()))
                    .append("</a></li>\n");
        }
        if (several) {
            h.append("<li><a href=\"#between\">Between VPCs</a></li>\n");
        }
        costJson.ifPresent(c -> h.append("<li><a href=\"#cost\">Monthly cost</a></li>\n"));
        deployed.ifPresent(d -> h.append("<li><a href=\"#deployed\">Deployed vs this plan</a></li>\n"));
        flowsJson.ifPresent(f -> h.append("<li><a href=\"#flows\">Traffic (flow logs)</a></li>\n"));
        h.append("</ul></nav>\n");
        importFindings(h, found);
        notes(h, notes);
        h.append("<section id=\"diagram\">\n<h2>Diagram</h2>\n<div class=\"picture\">\n")
                .append(Diagram.inline(vpcs, transit, between))
                .append("</div>\n</section>\n");
        for (int i = 0; i < vpcs.size(); i++) {
            String vpcOption =
                    vpcs.size() > 1 ? " --vpc " + vpcs.get(i).network().stackName() : "";
            vpc(h, "v" + (i + 1), vpcs.get(i), whyArguments + vpcOption);
        }
        if (several) {
            between(h, between);
        }
        costJson.ifPresent(c -> cost(h, c));
        deployed.ifPresent(d -> deployed(h, d));
        flowsJson.ifPresent(f -> TrafficSection.render(h, f));
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    /**
     * What reading the template or snapshot found, each as {@code check} prints it: a reviewer of the page sees a
     * missing file or a dangling reference as a reader of check's output does.
     */
    private static void importFindings(StringBuilder h, List<Diagnostic> findings) {
        if (findings.isEmpty()) {
            return;
        }
        long errors = findings.stream().filter(Diagnostic::isError).count();
        h.append("<section id=\"import-findings\">\n<h2>Import findings (")
                .append(findings.size())
                .append(errors == 0 ? "" : ", " + errors + (errors == 1 ? " error" : " errors"))
                .append(")</h2>\n<ul>\n");
        for (Diagnostic d : findings) {
            h.append("<li")
                    .append(d.isError() ? " class=\"error\"" : "")
                    .append("><code>")
                    .append(esc(d.format()))
                    .append("</code></li>\n");
        }
        h.append("</ul>\n</section>\n");
    }

    /** The policy's notes, each as {@code check} prints it under "Notes". */
    private static void notes(StringBuilder h, List<Diagnostic> notes) {
        if (notes.isEmpty()) {
            return;
        }
        h.append("<section id=\"notes\">\n<h2>Notes (").append(notes.size()).append(")</h2>\n<ul>\n");
        for (Diagnostic d : notes) {
            h.append("<li><code>").append(esc(d.format())).append("</code></li>\n");
        }
        h.append("</ul>\n</section>\n");
    }

    /** The policy the VPCs were checked against, as check names it: the built-in one or the --policy file. */
    private static String policyName(List<Diagram.Vpc> vpcs) {
        String source =
                vpcs.isEmpty() ? "built-in" : vpcs.getFirst().report().policy().source();
        return source.equals("built-in") ? "built-in policy" : "policy " + source;
    }

    private static final String STYLE = """
            <style>
            body { font-family: Helvetica, Arial, sans-serif; font-size: 14px; color: #232f3e; margin: 24px; max-width: 1600px; }
            h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #d5dbdb; } h3 { font-size: 15px; }
            table { border-collapse: collapse; margin: 8px 0 16px; }
            th, td { border: 1px solid #d5dbdb; padding: 4px 8px; text-align: left; vertical-align: top; }
            th { background: #f2f3f3; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            .verdict.ok { color: #1d8102; font-weight: bold; } .verdict.failed { color: #d13212; font-weight: bold; }
            .picture { overflow-x: auto; border: 1px solid #d5dbdb; }
            .matrix td a { text-decoration: none; } .matrix td.none { color: #879596; }
            .warning { color: #d13212; font-weight: bold; }
            .error { color: #d13212; } .note { color: #545b64; }
            details { margin: 4px 0; } summary { cursor: pointer; }
            code { background: #f2f3f3; padding: 0 3px; }
            .why:target { outline: 2px solid #0073bb; }
            .chart-axis { fill: none; stroke: #232f3e; } .chart-grid { fill: none; stroke: #eaeded; }
            .chart-tick, .chart-entry, .chart-axis-title { font-size: 11px; fill: #232f3e; }
            .chart-plan { fill: none; stroke-width: 3; } .chart-option { fill: none; stroke-width: 1.5; }
            .chart-swatch { fill: none; stroke-width: 3; } .chart-dashed { stroke-dasharray: 6 3; }
            .chart-now { fill: #ffffff; stroke: #232f3e; stroke-width: 2; } .chart-break-even { stroke: #232f3e; }
            </style>
            """;

    private static void vpc(StringBuilder h, String id, Diagram.Vpc v, String whyArguments) {
        Network n = v.network();
        CheckReport r = v.report();
        h.append("<section id=\"")
                .append(id)
                .append("\">\n<h2>VPC ")
                .append(esc(n.stackName()))
                .append(" (")
                .append(esc(n.vpc().cidr().toString()))
                .append(", ")
                .append(esc(n.region()))
                .append(")</h2>\n");

        h.append("<h3 id=\"")
                .append(id)
                .append("-subnets\">Subnets</h3>\n<table>\n<tr><th>Subnet</th><th>Tier</th><th>Zone</th>"
                        + "<th>CIDR</th><th>Usable addresses</th><th>Resources</th></tr>\n");
        for (Subnet s : n.subnets()) {
            row(
                    h,
                    List.of(
                            s.name(),
                            s.tier().id(),
                            s.az().nameIn(n.region()),
                            s.cidr().toString(),
                            String.valueOf(s.usableIps()),
                            String.join(
                                    ", ",
                                    n.attachmentsIn(s.name()).stream()
                                            .map(Attachment::name)
                                            .toList())));
        }
        h.append("</table>\n");

        h.append("<h3 id=\"")
                .append(id)
                .append("-routes\">Route tables</h3>\n<table>\n<tr><th>Route table</th><th>Subnets</th>"
                        + "<th>Destination</th><th>Target</th></tr>\n");
        for (RouteTable t : n.routeTables()) {
            for (Route route : t.routes()) {
                row(
                        h,
                        List.of(
                                t.name(),
                                String.join(", ", t.subnetNames()),
                                destination(route.destination()),
                                route.target().describe()));
            }
        }
        h.append("</table>\n");

        h.append("<h3 id=\"")
                .append(id)
                .append("-groups\">Security groups</h3>\n<table>\n<tr><th>Group</th><th>Direction</th>"
                        + "<th>Protocol</th><th>Ports</th><th>Peer</th><th>Description</th></tr>\n");
        for (SecurityGroup g : n.securityGroups()) {
            for (SecurityGroupRule rule : g.ingress()) {
                row(
                        h,
                        List.of(
                                g.name(),
                                "in",
                                rule.protocol().id(),
                                rule.ports().toString(),
                                rule.peer().describe(),
                                rule.description()));
            }
            for (SecurityGroupRule rule : g.egress()) {
                row(
                        h,
                        List.of(
                                g.name(),
                                "out",
                                rule.protocol().id(),
                                rule.ports().toString(),
                                rule.peer().describe(),
                                rule.description()));
            }
            if (g.ingress().isEmpty() && g.egress().isEmpty()) {
                row(h, List.of(g.name(), "-", "-", "-", "no rules", ""));
            }
        }
        h.append("</table>\n");

        h.append("<h3 id=\"").append(id).append("-nacls\">Network ACLs</h3>\n");
        if (n.networkAcls().isEmpty()) {
            h.append("<p>None: every subnet has the VPC's default ACL, which allows all traffic.</p>\n");
        } else {
            h.append(
                    "<table>\n<tr><th>ACL</th><th>Subnets</th><th>Rule</th><th>Direction</th><th>Action</th><th>Protocol</th>"
                            + "<th>Ports</th><th>CIDR</th></tr>\n");
            for (NetworkAcl a : n.networkAcls()) {
                for (NetworkAcl.Entry e : a.entries()) {
                    row(
                            h,
                            List.of(
                                    a.name(),
                                    String.join(", ", a.subnetNames()),
                                    String.valueOf(e.ruleNumber()),
                                    e.egress() ? "out" : "in",
                                    e.allow() ? "allow" : "deny",
                                    e.protocol().id(),
                                    e.protocol() == Protocol.ALL
                                            ? "all"
                                            : e.ports().toString(),
                                    e.cidr().toString()));
                }
            }
            h.append("</table>\n");
        }

        matrix(h, id, r, whyArguments);

        h.append("<h3 id=\"").append(id).append("-findings\">Policy and lint findings</h3>\n");
        if (r.violations().isEmpty() && r.findings().isEmpty()) {
            h.append("<p>No policy violation and no lint finding.</p>\n");
        } else {
            h.append("<table>\n<tr><th>Rule</th><th>Severity</th><th>Resource</th><th>Finding</th><th>Fix</th></tr>\n");
            r.violations().forEach(viol -> violation(h, viol));
            for (Finding f : r.findings()) {
                h.append("<tr><td>")
                        .append(esc(f.id()))
                        .append("</td><td class=\"")
                        .append(f.severity().id())
                        .append("\">")
                        .append(esc(f.severity().id()))
                        .append("</td><td>")
                        .append(esc(f.resource()))
                        .append("</td><td>")
                        .append(esc(f.message()))
                        .append("</td><td>")
                        .append(esc(f.fix()))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("</section>\n");
    }

    /**
     * What {@code check} lists between the input's VPCs, in the same lines: the links, the flows from one VPC into
     * another with the {@code why} command of each, those it cannot tell about, and the policy's verdict on them.
     */
    private static void between(StringBuilder h, BetweenReport r) {
        h.append("<section id=\"between\">\n<h2>Between VPCs</h2>\n");
        BetweenVpcs flows = r.flows();
        if (flows.links().isEmpty()) {
            h.append("<p>").append(esc(BetweenText.NO_LINKS)).append("</p>\n</section>\n");
            return;
        }
        h.append("<h3 id=\"between-links\">Links</h3>\n<table>\n<tr><th>Via</th><th>VPCs</th></tr>\n");
        BetweenText.links(flows).forEach((via, vpcs) -> row(h, List.of(via, BetweenText.vpcs(vpcs))));
        h.append("</table>\n");
        BetweenText.Cells cells = BetweenText.cells(r);
        h.append("<h3 id=\"between-flows\">Flows from one VPC into another</h3>\n");
        if (cells.reached().isEmpty()) {
            h.append("<p>Nothing.</p>\n");
        } else {
            flowTable(h, "Via", cells.reached());
        }
        if (!cells.untold().isEmpty()) {
            h.append("<h3 id=\"between-untold\">Cannot tell between VPCs (the way crosses what Stackwright does not"
                    + " model)</h3>\n");
            flowTable(h, "Not modelled", cells.untold());
        }
        h.append("<h3 id=\"between-policy\">Policy between VPCs (")
                .append(esc(r.policySource()))
                .append(")</h3>\n");
        if (r.violations().isEmpty()) {
            h.append("<p>Passed.</p>\n");
        } else {
            h.append("<table>\n<tr><th>Rule</th><th>Severity</th><th>Resource</th><th>Finding</th><th>Fix</th></tr>\n");
            r.violations().forEach(v -> violation(h, v));
            h.append("</table>\n");
        }
        h.append("</section>\n");
    }

    /** A policy violation as a row of a findings table: rule, severity, resource, finding, fix. */
    private static void violation(StringBuilder h, Violation v) {
        h.append("<tr><td>")
                .append(esc(v.rule()))
                .append("</td><td class=\"error\">policy</td><td>")
                .append(esc(v.resource()))
                .append("</td><td>")
                .append(esc(v.message()))
                .append("</td><td>")
                .append(esc(v.fix()))
                .append("</td></tr>\n");
    }

    private static void flowTable(StringBuilder h, String wayHeading, List<List<String>> rows) {
        h.append("<table>\n<tr><th>Flow</th><th>Protocol</th><th>Ports</th><th>")
                .append(wayHeading)
                .append("</th><th>Check with</th></tr>\n");
        for (List<String> cells : rows) {
            h.append("<tr><td>")
                    .append(esc(cells.get(0)))
                    .append("</td><td>")
                    .append(esc(cells.get(1)))
                    .append("</td><td>")
                    .append(esc(cells.get(2)))
                    .append("</td><td>")
                    .append(esc(cells.get(3)))
                    .append("</td><td><code>")
                    .append(esc(cells.get(4)))
                    .append("</code></td></tr>\n");
        }
        h.append("</table>\n");
    }

    /**
     * What can reach what, tier by tier and the internet: each cell shows the ports and links to the paths behind it
     * (the resource pairs and, for the internet, the routes out), under the table.
     */
    private static void matrix(StringBuilder h, String id, CheckReport r, String whyArguments) {
        List<Flows.Arrow> arrows = Flows.of(r);
        h.append("<h3 id=\"")
                .append(id)
                .append("-matrix\">Reachability matrix</h3>\n")
                .append("<p>Rows are sources, columns destinations; each cell is what the analysis proved can connect. "
                        + "Follow a cell to its paths.")
                .append(
                        arrows.stream().anyMatch(Flows.Arrow::untold)
                                ? " In italics: flows it cannot tell, since a hop it does not model (a security group"
                                        + " the input does not hold) may or may not let them through."
                                : "")
                .append("</p>\n<table class=\"matrix\">\n<tr><th>from \\ to</th>");
        for (Flows.End to : ENDS) {
            h.append("<th>").append(to.label()).append("</th>");
        }
        h.append("</tr>\n");
        for (Flows.End from : ENDS) {
            h.append("<tr><th>").append(from.label()).append("</th>");
            for (Flows.End to : ENDS) {
                List<Flows.Arrow> cell = cell(arrows, from, to, false);
                List<Flows.Arrow> untold = cell(arrows, from, to, true);
                boolean warning = cell.stream().anyMatch(Flows.Arrow::warning);
                if (from.equals(Flows.End.INTERNET) && to.equals(Flows.End.INTERNET)) {
                    h.append("<td class=\"none\">-</td>");
                } else if (cell.isEmpty() && untold.isEmpty()) {
                    h.append("<td class=\"none\">nothing</td>");
                } else {
                    h.append("<td>");
                    if (!cell.isEmpty()) {
                        h.append("<a href=\"#")
                                .append(anchor(id, from, to))
                                .append("\"")
                                .append(warning ? " class=\"warning\"" : "")
                                .append(">")
                                .append(esc(ports(cell)))
                                .append(warning ? " (open to the world)" : "")
                                .append("</a>");
                    }
                    if (!untold.isEmpty()) {
                        h.append(cell.isEmpty() ? "" : "<br>")
                                .append("<a href=\"#")
                                .append(untoldAnchor(id, from, to))
                                .append("\" class=\"cannot-tell\" style=\"")
                                .append(UNTOLD_STYLE)
                                .append("\">cannot tell: ")
                                .append(esc(ports(untold)))
                                .append("</a>");
                    }
                    h.append("</td>");
                }
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        for (Flows.End from : ENDS) {
            for (Flows.End to : ENDS) {
                List<Flows.Arrow> cell = cell(arrows, from, to, false);
                if (cell.isEmpty()) {
                    continue;
                }
                h.append("<details class=\"why\" id=\"")
                        .append(anchor(id, from, to))
                        .append("\" open>\n<summary>Why ")
                        .append(from.label())
                        .append(" reaches ")
                        .append(to.label())
                        .append(": ")
                        .append(esc(ports(cell)))
                        .append("</summary>\n<ul>\n");
                for (String line : why(r, cell.getFirst(), whyArguments)) {
                    h.append("<li>").append(esc(line)).append("</li>\n");
                }
                h.append("</ul>\n</details>\n");
            }
        }
        for (Flows.End from : ENDS) {
            for (Flows.End to : ENDS) {
                List<Flows.Arrow> untold = cell(arrows, from, to, true);
                if (untold.isEmpty()) {
                    continue;
                }
                h.append("<details class=\"why cannot-tell\" id=\"")
                        .append(untoldAnchor(id, from, to))
                        .append("\" style=\"")
                        .append(UNTOLD_STYLE)
                        .append("\">\n<summary>Cannot tell whether ")
                        .append(from.label())
                        .append(" reaches ")
                        .append(to.label())
                        .append(": ")
                        .append(esc(ports(untold)))
                        .append("</summary>\n<p>Not modelled: ")
                        .append(esc(untold.getFirst().cannotTell()))
                        .append(". The analysis neither proves nor rules out these flows.</p>\n<ul>\n");
                for (String line : untoldPaths(r, untold.getFirst())) {
                    h.append("<li>").append(esc(line)).append("</li>\n");
                }
                h.append("</ul>\n</details>\n");
            }
        }
    }

    /** How a cannot-tell cell and its paths look: set apart from proved flows without a style sheet entry. */
    private static final String UNTOLD_STYLE = "color: #8d6e00; font-style: italic";

    /** Paths listed under a cannot-tell cell before the rest are counted: {@code check --format json} has them all. */
    private static final int UNTOLD_PATHS = 50;

    /** The cannot-tell paths behind one cell, each with what is not modelled, at most {@link #UNTOLD_PATHS}. */
    private static List<String> untoldPaths(CheckReport r, Flows.Arrow a) {
        List<String> out = new ArrayList<>();
        Optional<Tier> from = a.from().tier();
        Optional<Tier> to = a.to().tier();
        int total = 0;
        if (from.isEmpty()) {
            for (Exposure.UntoldIngress u : r.exposure().untold().fromInternet()) {
                Exposure.Ingress i = u.ingress();
                if (to.isPresent() && to.get() == i.tier() && total++ < UNTOLD_PATHS) {
                    out.add(line(i) + ": cannot tell, " + String.join(", ", u.unmodelled()) + " not modelled");
                }
            }
        } else if (to.isPresent()) {
            for (Exposure.UntoldConnection u : r.exposure().untold().connections()) {
                Exposure.Connection c = u.connection();
                if (c.fromTier() == from.get() && c.toTier() == to.get() && total++ < UNTOLD_PATHS) {
                    out.add(line(c) + ": cannot tell, " + String.join(", ", u.unmodelled()) + " not modelled");
                }
            }
        }
        if (total > UNTOLD_PATHS) {
            out.add("and " + (total - UNTOLD_PATHS) + " more; `stackwright check --format json` lists every one");
        }
        return out;
    }

    /** The arrows of one cell: the proved ones, or with {@code untold} the cannot-tell ones. */
    private static List<Flows.Arrow> cell(List<Flows.Arrow> arrows, Flows.End from, Flows.End to, boolean untold) {
        return arrows.stream()
                .filter(a -> a.from().equals(from) && a.to().equals(to) && a.untold() == untold)
                .toList();
    }

    static String untoldAnchor(String id, Flows.End from, Flows.End to) {
        return anchor(id, from, to) + "-cannot-tell";
    }

    /** "tcp 80, 443; tcp 22 from 203.0.113.0/24": the ports of a cell's arrows, with their sources when not everyone. */
    private static String ports(List<Flows.Arrow> cell) {
        return String.join(
                "; ",
                cell.stream()
                        .map(a -> a.ports() + (a.sources().isEmpty() ? "" : " from " + a.sources()))
                        .toList());
    }

    /** The paths behind one cell: the resources and ports at each end, and for the internet the routes taken. */
    private static List<String> why(CheckReport r, Flows.Arrow a, String whyArguments) {
        List<String> out = new ArrayList<>();
        Optional<Tier> from = a.from().tier();
        Optional<Tier> to = a.to().tier();
        if (from.isEmpty()) {
            for (Exposure.Ingress i : r.exposure().fromInternet()) {
                if (to.get() == i.tier()) {
                    out.add(line(i)
                            + (i.attachment().publicIp() ? ": it has a public address" : "")
                            + " and its security groups ("
                            + String.join(", ", i.attachment().securityGroupNames()) + ") admit it");
                }
            }
        } else if (to.isEmpty()) {
            for (Exposure.Egress e : r.exposure().toInternet()) {
                if (from.get() == e.tier()) {
                    out.add(e.attachment().name() + " -> internet on "
                            + dev.stackwright.analysis.reach.Reachability.ports(e.protocol(), e.ports()) + " "
                            + String.join("; ", e.via()));
                }
            }
        } else {
            for (Exposure.Connection c : r.exposure().connections()) {
                if (c.fromTier() == from.get() && c.toTier() == to.get()) {
                    out.add(line(c));
                }
            }
        }
        example(r, a)
                .ifPresent(command -> out.add("Each hop, rule by rule, for one of these: " + command + whyArguments));
        return out;
    }

    /** "internet (SOURCES) -> NAME on PORTS": a path from the internet, in a cell's proved and cannot-tell lists. */
    private static String line(Exposure.Ingress i) {
        return "internet (" + i.describeSources() + ") -> " + i.attachment().name() + " on "
                + dev.stackwright.analysis.reach.Reachability.ports(i.protocol(), i.ports());
    }

    /** "A, B -> C on PORTS (N pairs)": a connection between tiers, in a cell's proved and cannot-tell lists. */
    private static String line(Exposure.Connection c) {
        return String.join(", ", c.from().stream().map(Attachment::name).toList()) + " -> "
                + String.join(", ", c.to().stream().map(Attachment::name).toList()) + " on "
                + dev.stackwright.analysis.reach.Reachability.ports(c.protocol(), c.ports()) + " ("
                + c.pairs() + (c.pairs() == 1 ? " pair)" : " pairs)");
    }

    /** A {@code stackwright why} command for the first flow of a cell: its first pair and its lowest port. */
    private static Optional<String> example(CheckReport r, Flows.Arrow a) {
        Optional<Tier> from = a.from().tier();
        Optional<Tier> to = a.to().tier();
        if (from.isEmpty()) {
            return r.exposure().fromInternet().stream()
                    .filter(i -> i.tier() == to.get())
                    .findFirst()
                    .map(i -> why(Names.INTERNET, i.attachment().name(), i.protocol(), i.ports()));
        }
        if (to.isEmpty()) {
            return r.exposure().toInternet().stream()
                    .filter(e -> e.tier() == from.get())
                    .findFirst()
                    .map(e -> why(e.attachment().name(), Names.INTERNET, e.protocol(), e.ports()));
        }
        for (Exposure.Connection c : r.exposure().connections()) {
            if (c.fromTier() == from.get() && c.toTier() == to.get()) {
                for (Attachment f : c.from()) {
                    for (Attachment t : c.to()) {
                        if (!f.equals(t)) {
                            return Optional.of(why(f.name(), t.name(), c.protocol(), c.ports()));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String why(
            String from, String to, Protocol protocol, dev.stackwright.analysis.reach.IntervalSet ports) {
        // A range that holds HTTPS is asked about HTTPS; otherwise its first port (port 0 is not a port one asks
        // about).
        long port = ports.contains(443) ? 443 : Math.max(1, ports.first().orElse(1L));
        return "stackwright why " + from + " " + to + " " + port + (protocol == Protocol.UDP ? " --protocol udp" : "");
    }

    static String anchor(String id, Flows.End from, Flows.End to) {
        return id + "-why-" + from.label() + "-" + to.label();
    }

    private static void cost(StringBuilder h, String json) {
        JsonNode c;
        try {
            c = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        h.append("<section id=\"cost\">\n<h2>Monthly cost</h2>\n<p>Total: <strong>$")
                .append(money(c.path("monthlyTotal")))
                .append("</strong> a month in ")
                .append(esc(c.path("region").asText()))
                .append(" (prices: ")
                .append(esc(c.path("prices").path("origin").asText()))
                .append(")")
                .append(
                        c.path("unpricedLines").asInt() == 0
                                ? ""
                                : ", plus " + c.path("unpricedLines").asInt()
                                        + " unpriced line(s), left out of the total, not $0")
                .append(".</p>\n");
        h.append(
                "<table>\n<tr><th>Tier</th><th>Resource</th><th>Item</th><th>Monthly</th><th></th><th>Formula</th></tr>\n");
        java.math.BigDecimal largest = java.math.BigDecimal.ZERO;
        for (JsonNode l : c.path("lines")) {
            if (l.path("monthly").isNumber()) {
                largest = largest.max(l.path("monthly").decimalValue());
            }
        }
        for (JsonNode l : c.path("lines")) {
            h.append("<tr><td>")
                    .append(esc(l.path("tier").asText()))
                    .append("</td><td>")
                    .append(esc(l.path("resource").asText()))
                    .append("</td><td>")
                    .append(esc(l.path("item").asText()));
            if (l.path("monthly").isNumber()) {
                h.append("</td><td class=\"num\">$")
                        .append(money(l.path("monthly")))
                        .append("</td><td>")
                        .append(bar(l.path("monthly").decimalValue(), largest));
            } else {
                // No confirmed price: said so, never drawn as $0 (the price book's note is in `stackwright cost`).
                h.append("</td><td class=\"num\">unpriced</td><td>");
            }
            h.append("</td><td>").append(esc(l.path("formula").asText())).append("</td></tr>\n");
        }
        h.append("</table>\n");
        if (c.path("alternatives").size() > 0) {
            h.append("<details open>\n<summary>Alternatives on the same traffic</summary>\n<table>\n<tr><th>Option</th>"
                    + "<th>Monthly</th><th>Difference</th><th>Break-even</th></tr>\n");
            for (JsonNode a : c.path("alternatives")) {
                h.append("<tr><td>")
                        .append(esc(a.path("label").asText()))
                        .append(a.path("plan").asBoolean() ? " (the plan)" : "")
                        .append("</td><td class=\"num\">$")
                        .append(money(a.path("monthly")))
                        .append("</td><td class=\"num\">")
                        .append(money(a.path("difference")))
                        .append("</td><td>")
                        .append(esc(a.path("breakEven").asText()))
                        .append("</td></tr>\n");
            }
            h.append("</table>\n</details>\n");
            natChart(h, c);
        }
        frontDoor(h, c.path("frontDoor"));
        h.append("</section>\n");
    }

    /**
     * One stack's difference from the plan, as {@code stackwright diff} prints it.
     *
     * @param summary  {@code 1 to add, 2 to modify}, {@code no changes}, or what a deploy would do instead
     * @param changes  one row per resource: the diff's word for the change, logical id, type, changed properties
     * @param warnings replacements and data at risk
     */
    public record StackChanges(String stackName, String summary, List<List<String>> changes, List<String> warnings) {
        public StackChanges {
            changes = changes.stream().map(List::copyOf).toList();
            warnings = List.copyOf(warnings);
        }
    }

    private static void deployed(StringBuilder h, List<StackChanges> stacks) {
        h.append("<section id=\"deployed\">\n<h2>Deployed vs this plan</h2>\n<p>What a deploy of this plan would "
                + "change, from change sets made and deleted, as <code>stackwright diff</code> shows it.</p>\n");
        for (StackChanges s : stacks) {
            h.append("<h3>")
                    .append(esc(s.stackName()))
                    .append(": ")
                    .append(esc(s.summary()))
                    .append("</h3>\n");
            if (!s.changes().isEmpty()) {
                h.append("<table>\n<tr><th>Change</th><th>Resource</th><th>Type</th><th>Properties</th></tr>\n");
                s.changes().forEach(row -> row(h, row));
                h.append("</table>\n");
            }
            for (String w : s.warnings()) {
                h.append("<p class=\"warning\">").append(esc(w)).append("</p>\n");
            }
        }
        h.append("</section>\n");
    }

    /** Every way out of the app tier against the traffic through NAT, each break-even with the plan marked. */
    private static void natChart(StringBuilder h, JsonNode c) {
        List<CostChart.Series> series = new ArrayList<>();
        List<CostChart.Mark> marks = new ArrayList<>();
        for (JsonNode a : c.path("alternatives")) {
            if (!a.has("curve")) {
                return;
            }
            int unpriced = a.path("unpricedLines").asInt();
            series.add(new CostChart.Series(
                    a.path("label").asText()
                            + (unpriced == 0 ? "" : " (" + unpriced + " unpriced left out)")
                            + (a.path("carriesAllTraffic").asBoolean(true) ? "" : " (cannot carry it all)"),
                    CostChart.curve(a.path("curve")),
                    a.path("plan").asBoolean(),
                    !a.path("carriesAllTraffic").asBoolean(true)));
            if (a.path("breakEvenGbPerMonth").isNumber()) {
                marks.add(new CostChart.Mark(
                        a.path("label").asText() + ": " + a.path("breakEven").asText(),
                        series.size() - 1,
                        a.path("breakEvenGbPerMonth").decimalValue()));
            }
        }
        String unit = c.path("alternatives").path(0).path("curve").path("unit").asText();
        h.append("<h3 id=\"cost-nat-chart\">Ways out against traffic</h3>\n<p>The whole network's monthly cost with "
                        + "each way out of the app tier, as the traffic through NAT grows (the rest of the traffic as "
                        + "planned); a dot where an option breaks even with the plan.</p>\n<div class=\"picture\">\n")
                .append(CostChart.svg(
                        "chart-nat",
                        "Ways out of the app tier: monthly cost against traffic",
                        unit,
                        series,
                        marks,
                        c.path("alternativesGbPerMonthThroughNat").decimalValue(),
                        BigDecimal.valueOf(100)))
                .append("</div>\n");
    }

    /** The front door the plan has against the other two, on the same request profile, with their break-evens. */
    private static void frontDoor(StringBuilder h, JsonNode f) {
        if (f.isMissingNode() || !f.has("curves")) {
            return;
        }
        String planned = f.path("planned").asText();
        List<String[]> options = List.of(
                new String[] {"alb", "Application Load Balancer", "alb"},
                new String[] {"httpApi", "API Gateway HTTP API", "api-gateway"},
                new String[] {"restApi", "API Gateway REST API", "-"});
        h.append("<h3 id=\"cost-front-door\">Front door against requests</h3>\n<table>\n<tr><th>Front door</th>"
                        + "<th>Monthly at ")
                .append(esc(CostChart.volume(f.path("requestsPerMonth").decimalValue())))
                .append(" requests</th></tr>\n");
        List<CostChart.Series> series = new ArrayList<>();
        for (String[] o : options) {
            boolean plan = o[2].equals(planned);
            h.append("<tr><td>")
                    .append(esc(o[1]))
                    .append(plan ? " (the plan)" : "")
                    .append("</td><td class=\"num\">$")
                    .append(money(f.path(o[0])))
                    .append("</td></tr>\n");
            series.add(
                    new CostChart.Series(o[1], CostChart.curve(f.path("curves").path(o[0])), plan, false));
        }
        h.append("</table>\n<p>The same request profile at every volume: the load balancer's fixed hours and "
                + "capacity units against API Gateway's price per request, in its volume tiers. Below a break-even, "
                + "the API Gateway type is cheaper.</p>\n");
        List<CostChart.Mark> marks = new ArrayList<>();
        for (int api = 1; api <= 2; api++) {
            JsonNode at = f.path("breakEven" + (api == 1 ? "HttpApi" : "RestApi") + "RequestsPerMonth");
            if (at.isNumber()) {
                marks.add(new CostChart.Mark(
                        "ALB and " + options.get(api)[1] + " cost the same at " + CostChart.volume(at.decimalValue())
                                + " requests/month",
                        0,
                        at.decimalValue()));
            }
        }
        h.append("<div class=\"picture\">\n")
                .append(CostChart.svg(
                        "chart-front-door",
                        "Front door: monthly cost against requests",
                        f.path("curves").path("alb").path("unit").asText(),
                        series,
                        marks,
                        f.path("requestsPerMonth").decimalValue(),
                        BigDecimal.valueOf(1_000_000)))
                .append("</div>\n");
    }

    /** A line's share of the largest line as an inline bar, so the lines that matter stand out at a glance. */
    private static String bar(java.math.BigDecimal amount, java.math.BigDecimal largest) {
        int width = largest.signum() <= 0
                ? 0
                : amount.multiply(java.math.BigDecimal.valueOf(BAR_W))
                        .divide(largest, 0, java.math.RoundingMode.HALF_UP)
                        .intValue();
        return "<svg class=\"bar\" width=\"" + BAR_W + "\" height=\"10\" role=\"img\" aria-label=\""
                + width * 100 / BAR_W + "% of the largest line\"><rect width=\"" + Math.max(0, width)
                + "\" height=\"10\" fill=\"#0073bb\"/></svg>";
    }

    private static final int BAR_W = 120;

    /** Dollars to the cent, as the cost command's text shows them. */
    private static String money(JsonNode amount) {
        return amount.decimalValue().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static void row(StringBuilder h, List<String> cells) {
        h.append("<tr>");
        cells.forEach(c -> h.append("<td>").append(esc(c)).append("</td>"));
        h.append("</tr>\n");
    }

    private static String destination(RouteDestination d) {
        return switch (d) {
            case RouteDestination.Block b -> b.cidr().toString();
            case RouteDestination.PrefixList p -> "pl-" + p.service();
        };
    }

    static String esc(String s) {
        return Svg.escape(s);
    }
}
