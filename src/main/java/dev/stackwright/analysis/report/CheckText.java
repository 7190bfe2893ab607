package dev.stackwright.analysis.report;

import dev.stackwright.analysis.Analysis;
import dev.stackwright.analysis.BetweenReport;
import dev.stackwright.analysis.CheckReport;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.Severity;
import dev.stackwright.analysis.policy.Violation;
import dev.stackwright.analysis.reach.Exposure;
import dev.stackwright.analysis.reach.Names;
import dev.stackwright.analysis.reach.Reachability;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Tier;
import dev.stackwright.render.Counted;
import dev.stackwright.render.TextTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code stackwright check} for a terminal: exposure, policy verdict, lint findings, and the result. */
public final class CheckText {
    /** Resources named in one cell before the rest are counted: the JSON report lists them all. */
    private static final int SHOWN = 12;
    /**
     * Characters gathered before they are handed to the output: a report of a large account runs to tens of MB (30 MB
     * at 10,000 interfaces), which is written as it is made rather than held as one string and copied to the output.
     */
    private static final int CHUNK = 1 << 16;

    private CheckText() {}

    public static String render(CheckReport r) {
        StringBuilder out = new StringBuilder();
        render(r, out, null);
        return out.toString();
    }

    /** The report of one network, written to {@code sink} as it is made. */
    public static void render(CheckReport r, Appendable sink) {
        StringBuilder out = new StringBuilder();
        render(r, out, sink);
        spill(out, sink, true);
    }

    /**
     * Appends the report of one network to {@code out}, handing it to {@code sink} (when there is one) each time it
     * has grown past {@link #CHUNK}.
     */
    private static void render(CheckReport r, StringBuilder out, @Nullable Appendable sink) {
        out.append(r.network().stackName())
                .append("  VPC ")
                .append(r.network().vpc().cidr())
                .append("  policy: ")
                .append(r.policy().source())
                .append("\n\n");

        out.append("Reachable from the internet\n");
        TextTable in = TextTable.withHeader("RESOURCE", "TIER", "PROTO", "PORTS", "FROM");
        for (Exposure.Ingress i : r.exposure().fromInternet()) {
            in.row(
                    i.attachment().name(),
                    i.tier().id(),
                    i.protocol().id(),
                    Reachability.portList(i.ports()),
                    i.describeSources());
        }
        List<Exposure.UntoldIngress> untoldIn = r.exposure().untold().fromInternet();
        List<Summaries.UntoldSum> inSums = List.of();
        if (untoldIn.size() > Summaries.UNTOLD_LISTED) {
            inSums = Summaries.untoldIngressSums(r.exposure());
            for (Summaries.UntoldSum u : inSums) {
                in.row(
                        Counted.of(u.destinations(), "resource"),
                        u.from().id(),
                        u.protocol().id(),
                        Reachability.portList(u.ports()),
                        "the internet (cannot tell, see below)");
            }
        } else {
            for (Exposure.UntoldIngress u : untoldIn) {
                Exposure.Ingress i = u.ingress();
                in.row(
                        i.attachment().name(),
                        i.tier().id(),
                        i.protocol().id(),
                        Reachability.portList(i.ports()),
                        i.describeSources() + " (" + Summaries.cannotTell(u.unmodelled()) + ")");
            }
        }
        table(in, out);
        summarised(untoldIn.size(), "per tier and protocol", inSums, out);

        out.append("\nInternet egress by tier\n");
        TextTable egress = TextTable.withHeader("TIER", "RESOURCES", "PROTO", "PORTS", "VIA");
        List<Summaries.EgressRow> rows = Summaries.egress(r.exposure().toInternet());
        for (Tier tier : Tier.values()) {
            List<Summaries.EgressRow> mine =
                    rows.stream().filter(e -> e.tier() == tier).toList();
            if (mine.isEmpty()) {
                if (hasResources(r, tier)) {
                    boolean unknown = r.exposure().undecided().stream()
                            .anyMatch(e -> e.tier() == tier && e.destination().equals(Names.INTERNET));
                    egress.row(tier.id(), "-", "-", unknown ? "cannot tell" : "none", "-");
                }
                continue;
            }
            for (Summaries.EgressRow e : mine) {
                egress.row(
                        tier.id(),
                        Summaries.abbreviate(e.resources(), SHOWN),
                        e.protocol().id(),
                        Reachability.portList(e.ports()),
                        Summaries.via(e.via()));
            }
        }
        table(egress, out);

        out.append("\nS3 and DynamoDB (gateway endpoint services)\n");
        TextTable services = TextTable.withHeader("TIER", "RESOURCES", "SERVICE", "PORTS", "VIA");
        for (Summaries.EgressRow e : Summaries.egress(r.exposure().toServices())) {
            services.row(
                    e.tier().id(),
                    Summaries.abbreviate(e.resources(), SHOWN),
                    e.destination(),
                    Reachability.ports(e.protocol(), e.ports()),
                    Summaries.via(e.via()));
        }
        table(services, out);

        if (!r.exposure().undecided().isEmpty()) {
            // Shown only when some flow crosses what the model does not hold: neither reachable nor blocked.
            out.append("\nCannot tell (the way crosses a hop Stackwright does not model)\n");
            TextTable unknown = TextTable.withHeader("TIER", "RESOURCES", "TO", "PORTS", "NOT MODELLED");
            List<Summaries.EgressRow> undecided = Summaries.egress(r.exposure().undecided());
            if (undecided.size() > Summaries.UNTOLD_LISTED) {
                List<Summaries.UntoldSum> sums = Summaries.undecidedSums(undecided);
                for (Summaries.UntoldSum u : sums) {
                    unknown.row(
                            u.from().id(),
                            Counted.of(u.sources(), "resource"),
                            u.destination(),
                            Reachability.ports(u.protocol(), u.ports()),
                            "see below");
                }
                unknown.renderTo(out, "  ");
                summarised(undecided.size(), "per tier, destination and protocol", sums, out);
            } else {
                for (Summaries.EgressRow e : undecided) {
                    unknown.row(
                            e.tier().id(),
                            Summaries.abbreviate(e.resources(), SHOWN),
                            e.destination(),
                            Reachability.ports(e.protocol(), e.ports()),
                            String.join(", ", e.via().subList(1, e.via().size())));
                }
                unknown.renderTo(out, "  ");
            }
        }

        out.append("\nTier to tier\n");
        TextTable tiers = TextTable.withHeader("FROM", "TO", "PROTO", "PORTS", "WHO");
        for (Summaries.TierFlow f : Summaries.tierFlows(r.exposure())) {
            tiers.row(
                    f.from().id(),
                    f.to().id(),
                    f.protocol().id(),
                    Reachability.portList(f.ports()),
                    f.fromLabel() + " -> " + f.toLabel() + " (" + f.pairs() + (f.pairs() == 1 ? " pair)" : " pairs)"));
        }
        int untoldConnections = r.exposure().untold().connections().size();
        List<Summaries.UntoldSum> tierSums = List.of();
        if (untoldConnections > Summaries.UNTOLD_LISTED) {
            // Summed straight from the engine's flows: the rows it would list are not worked out only to be counted.
            tierSums = Summaries.untoldConnectionSums(r.exposure());
            for (Summaries.UntoldSum u : tierSums) {
                tiers.row(
                        u.from().id(),
                        u.to() == null ? "" : u.to().id(),
                        u.protocol().id(),
                        Reachability.portList(u.ports()),
                        Counted.of(u.sources(), "resource") + " -> " + Counted.of(u.destinations(), "resource") + " ("
                                + Counted.of(u.pairs(), "pair") + "; cannot tell, see below)");
            }
        } else {
            for (Summaries.UntoldTierFlow u : Summaries.untoldTierFlows(r.exposure())) {
                Summaries.TierFlow f = u.flow();
                tiers.row(
                        f.from().id(),
                        f.to().id(),
                        f.protocol().id(),
                        Reachability.portList(f.ports()),
                        f.fromLabel() + " -> " + f.toLabel() + " (" + f.pairs()
                                + (f.pairs() == 1 ? " pair; " : " pairs; ") + Summaries.cannotTell(u.unmodelled())
                                + ")");
            }
        }
        table(tiers, out);
        summarised(untoldConnections, "per pair of tiers and protocol", tierSums, out);
        spill(out, sink, false);

        policy("Policy", r.policy().source(), r.violations(), out, () -> spill(out, sink, false));

        out.append("\nLint: ");
        if (r.findings().isEmpty()) {
            out.append("no findings\n");
        } else {
            List<String> counts = new ArrayList<>();
            for (Severity s : Severity.values()) {
                long n = r.count(s);
                if (n > 0) {
                    counts.add(n + " " + s.id() + (n == 1 ? "" : "s"));
                }
            }
            out.append(String.join(", ", counts)).append('\n');
            for (Finding f : r.findings()) {
                out.append("  ")
                        .append(f.id())
                        .append(' ')
                        .append(f.severity().id())
                        .append("  ")
                        .append(f.resource())
                        .append(": ")
                        .append(f.message())
                        .append(".\n")
                        .append("    Fix: ")
                        .append(f.fix())
                        .append('.');
                String also = also(f);
                if (!also.isEmpty()) {
                    out.append(" (").append(also).append(')');
                }
                out.append('\n');
                spill(out, sink, false);
            }
        }

        out.append('\n');
        if (r.passed()) {
            out.append("Check passed.\n");
        } else {
            List<String> why = new ArrayList<>();
            if (!r.violations().isEmpty()) {
                why.add(r.violations().size()
                        + (r.violations().size() == 1 ? " policy violation" : " policy violations"));
            }
            long errors = r.count(Severity.ERROR);
            if (errors > 0) {
                why.add(errors + (errors == 1 ? " lint error" : " lint errors"));
            }
            out.append("Check failed: ").append(String.join(", ", why)).append(".\n");
        }
    }

    /**
     * The check of imported networks: what the import could not read or resolve, then one section per VPC, then the
     * overall result (failed when any VPC fails or part of the input could not be read).
     */
    public static String render(String input, List<CheckReport> reports, List<Diagnostic> importFindings) {
        StringBuilder out = new StringBuilder();
        render(input, reports, importFindings, null, out, null);
        return out.toString();
    }

    /** The same, written to {@code sink} as it is made. */
    public static void render(
            String input, List<CheckReport> reports, List<Diagnostic> importFindings, Appendable sink) {
        StringBuilder out = new StringBuilder();
        render(input, reports, importFindings, null, out, sink);
        spill(out, sink, true);
    }

    /** The same, with the flows between the input's VPCs after the VPCs' own reports (when it has several). */
    public static void render(
            String input,
            List<CheckReport> reports,
            List<Diagnostic> importFindings,
            BetweenReport between,
            Appendable sink) {
        StringBuilder out = new StringBuilder();
        render(input, reports, importFindings, between, out, sink);
        spill(out, sink, true);
    }

    private static void render(
            String input,
            List<CheckReport> reports,
            List<Diagnostic> importFindings,
            @Nullable BetweenReport between,
            StringBuilder out,
            @Nullable Appendable sink) {
        out.append(input)
                .append(": ")
                .append(reports.size())
                .append(reports.size() == 1 ? " VPC" : " VPCs")
                .append('\n');
        long errors = importFindings.stream().filter(Diagnostic::isError).count();
        Diagnostic.Split split = Diagnostic.Split.of(importFindings);
        List<Diagnostic> notes = split.notes();
        List<Diagnostic> found = split.findings();
        if (!found.isEmpty()) {
            out.append("\nImport findings (").append(found.size()).append(")\n");
            found.forEach(d -> out.append("  ").append(d.format()).append('\n'));
        }
        if (!notes.isEmpty()) {
            out.append("\nNotes (").append(notes.size()).append(")\n");
            notes.forEach(d -> out.append("  ").append(d.format()).append('\n'));
        }
        int i = 0;
        for (CheckReport r : reports) {
            i++;
            out.append("\n=== VPC ")
                    .append(r.network().stackName())
                    .append(" (")
                    .append(i)
                    .append(" of ")
                    .append(reports.size())
                    .append(") ===\n");
            render(r, out, sink);
        }
        // Callers that did not ask about the flows between VPCs (the overloads without them) get no such part.
        if (between != null && reports.size() > 1) {
            BetweenText.render(between, out);
        }
        long failed = reports.stream().filter(r -> !r.passed()).count();
        int across = between == null ? 0 : between.violations().size();
        out.append('\n');
        if (Analysis.passed(errors > 0, reports, between == null ? BetweenReport.NONE : between)) {
            out.append(reports.size() == 1 ? "The VPC passed" : "All " + reports.size() + " VPCs passed")
                    .append(
                            found.isEmpty()
                                    ? ".\n"
                                    : " (" + Counted.of(found.size(), "import warning") + "; see above).\n");
        } else {
            List<String> why = new ArrayList<>();
            if (failed > 0) {
                why.add(failed + " of " + reports.size() + (reports.size() == 1 ? " VPC failed" : " VPCs failed"));
            }
            if (across > 0) {
                why.add(across + (across == 1 ? " policy violation" : " policy violations") + " between VPCs");
            }
            if (errors > 0) {
                why.add(errors + (errors == 1 ? " import error" : " import errors"));
            }
            if (reports.isEmpty()) {
                why.add("no VPC to check");
            }
            out.append("Check failed: ").append(String.join(", ", why)).append(".\n");
        }
    }

    /** A policy verdict: "passed", or each violation with its fix; {@code after} runs after each one. */
    static void policy(String heading, String source, List<Violation> violations, StringBuilder out, Runnable after) {
        out.append("\n").append(heading).append(" (").append(source).append("): ");
        if (violations.isEmpty()) {
            out.append("passed\n");
            return;
        }
        out.append(violations.size()).append(violations.size() == 1 ? " violation\n" : " violations\n");
        for (Violation v : violations) {
            out.append("  ")
                    .append(v.rule())
                    .append("  ")
                    .append(v.message())
                    .append(".\n")
                    .append("    Fix: ")
                    .append(v.fix())
                    .append(".\n");
            after.run();
        }
    }

    /** Hands what {@code out} holds to {@code sink}, when there is one and {@code out} is full or the report done. */
    private static void spill(StringBuilder out, @Nullable Appendable sink, boolean done) {
        if (sink == null || (!done && out.length() < CHUNK)) {
            return;
        }
        try {
            sink.append(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.setLength(0);
    }

    /**
     * Under a table whose cannot-tell rows were summed ({@code sums} not empty): how many flows they stand for, where
     * each is listed, and what is not modelled, each cause once.
     */
    private static void summarised(int flows, String how, List<Summaries.UntoldSum> sums, StringBuilder out) {
        if (sums.isEmpty()) {
            return;
        }
        out.append("  Cannot tell: ")
                .append(Counted.of(flows, "flow"))
                .append(", too many to list (more than ")
                .append(Summaries.UNTOLD_LISTED)
                .append("), summed ")
                .append(how)
                .append("; `--format json` lists every one.\n  Not modelled: ")
                .append(Summaries.causes(sums, SHOWN))
                .append(".\n");
    }

    /** A table indented under its heading, or "nothing" when it has no rows. */
    private static void table(TextTable table, StringBuilder out) {
        if (table.isEmpty()) {
            out.append("  nothing\n");
        } else {
            table.renderTo(out, "  ");
        }
    }

    /** "cdk-nag AwsSolutions-VPC7; cfn_nag W60; Checkov CKV2_AWS_11". */
    static String also(Finding f) {
        List<String> parts = new ArrayList<>();
        if (!f.equivalents().cdkNag().isEmpty()) {
            parts.add("cdk-nag " + String.join(", ", f.equivalents().cdkNag()));
        }
        if (!f.equivalents().cfnNag().isEmpty()) {
            parts.add("cfn_nag " + String.join(", ", f.equivalents().cfnNag()));
        }
        if (!f.equivalents().checkov().isEmpty()) {
            parts.add("Checkov " + String.join(", ", f.equivalents().checkov()));
        }
        return String.join("; ", parts);
    }

    private static boolean hasResources(CheckReport r, Tier tier) {
        for (Attachment a : r.network().attachments()) {
            if (r.network().subnet(a.subnetName()).map(s -> s.tier() == tier).orElse(false)) {
                return true;
            }
        }
        return false;
    }
}
