package dev.stackwright.analysis.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.analysis.Analysis;
import dev.stackwright.analysis.BetweenReport;
import dev.stackwright.analysis.CheckReport;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.Severity;
import dev.stackwright.analysis.policy.Violation;
import dev.stackwright.analysis.reach.AddressSpace;
import dev.stackwright.analysis.reach.Exposure;
import dev.stackwright.analysis.reach.Interval;
import dev.stackwright.analysis.reach.IntervalSet;
import dev.stackwright.analysis.reach.Reachability;
import dev.stackwright.analysis.reach.Verdict;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.model.Attachment;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * {@code stackwright check --format json}: the same facts as the text report, with stable field names. Written to a
 * generator as it is made: the report of a 10,000-interface account runs to hundreds of MB (its flows alone are
 * 755,000 entries), which as a tree and then one string took several GB of memory.
 */
public final class CheckJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CheckJson() {}

    /** The report of one network as a tree (for callers that want one; the command streams it). */
    public static ObjectNode render(CheckReport r) {
        return tree(g -> write(r, g));
    }

    /** The check of imported networks as a tree. */
    public static ObjectNode render(String input, List<CheckReport> reports, List<Diagnostic> importFindings) {
        return tree(g -> write(input, reports, importFindings, g));
    }

    /** Writes the report of one network to {@code g}. */
    public static void write(CheckReport r, JsonGenerator g) {
        try {
            report(r, g);
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the check of imported networks to {@code g}: the input, its import findings and one check per VPC. */
    public static void write(
            String input, List<CheckReport> reports, List<Diagnostic> importFindings, JsonGenerator g) {
        imported(input, reports, importFindings, null, g);
    }

    /** The same, with the flows between the input's VPCs after the VPCs (when it has several). */
    public static void write(
            String input,
            List<CheckReport> reports,
            List<Diagnostic> importFindings,
            BetweenReport between,
            JsonGenerator g) {
        imported(input, reports, importFindings, between, g);
    }

    private static void imported(
            String input,
            List<CheckReport> reports,
            List<Diagnostic> importFindings,
            @Nullable BetweenReport between,
            JsonGenerator g) {
        try {
            boolean errors = importFindings.stream().anyMatch(Diagnostic::isError);
            g.writeStartObject();
            g.writeStringField("input", input);
            g.writeBooleanField(
                    "passed", Analysis.passed(errors, reports, between == null ? BetweenReport.NONE : between));
            g.writeArrayFieldStart("importFindings");
            for (Diagnostic d : importFindings.stream().filter(d -> !d.isNote()).toList()) {
                diagnostic(d, g);
            }
            g.writeEndArray();
            // Notes (a policy name some VPCs lack), only when there are some: nothing was wrong with the import.
            List<Diagnostic> notes =
                    importFindings.stream().filter(Diagnostic::isNote).toList();
            if (!notes.isEmpty()) {
                g.writeArrayFieldStart("notes");
                for (Diagnostic d : notes) {
                    diagnostic(d, g);
                }
                g.writeEndArray();
            }
            g.writeArrayFieldStart("vpcs");
            for (CheckReport r : reports) {
                report(r, g);
            }
            g.writeEndArray();
            if (between != null && reports.size() > 1) {
                BetweenJson.write(between, g);
            }
            g.writeEndObject();
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A located finding about the input: severity, code, where, what and how to fix it. */
    private static void diagnostic(Diagnostic d, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("severity", d.severity().name().toLowerCase(Locale.ROOT));
        g.writeStringField("code", d.code());
        g.writeStringField("file", d.location().file());
        g.writeNumberField("line", d.location().line());
        g.writeNumberField("column", d.location().column());
        g.writeStringField("path", d.path() == null ? "" : d.path());
        g.writeStringField("message", d.message());
        if (d.got() != null) {
            g.writeStringField("got", d.got());
        }
        if (d.fix() != null) {
            g.writeStringField("fix", d.fix());
        }
        g.writeEndObject();
    }

    private static void report(CheckReport r, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("stackName", r.network().stackName());
        g.writeStringField("vpcCidr", r.network().vpc().cidr().toString());
        g.writeBooleanField("passed", r.passed());

        g.writeObjectFieldStart("exposure");
        g.writeArrayFieldStart("fromInternet");
        for (Exposure.Ingress i : r.exposure().fromInternet()) {
            g.writeStartObject();
            g.writeStringField("resource", i.attachment().name());
            g.writeStringField("tier", i.tier().id());
            g.writeStringField("protocol", i.protocol().id());
            ports(g, i.ports());
            g.writeStringField("sources", i.describeSources());
            g.writeBooleanField("openToWorld", i.openToWorld());
            if (!i.openToWorld()) {
                List<String> cidrs = new ArrayList<>();
                for (Interval range : i.sources().intervals()) {
                    AddressSpace.cidrs(range).forEach(c -> cidrs.add(c.toString()));
                }
                strings(g, "sourceCidrs", cidrs);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        egress(g, "internetEgress", r.exposure().toInternet(), false);
        egress(g, "awsServices", r.exposure().toServices(), true);
        if (!r.exposure().undecided().isEmpty()) {
            // Flows out whose way crosses a hop the model does not hold: a verdict of their own, never reachable or
            // blocked. Present only when there are some, so reports of fully modelled networks keep their shape.
            g.writeArrayFieldStart("cannotTell");
            for (Exposure.Egress e : r.exposure().undecided()) {
                g.writeStartObject();
                g.writeStringField("resource", e.attachment().name());
                g.writeStringField("tier", e.tier().id());
                g.writeStringField("destination", e.destination());
                g.writeStringField("protocol", e.protocol().id());
                g.writeStringField("verdict", Verdict.CANNOT_TELL.id());
                ports(g, e.ports());
                strings(g, "unmodelled", e.via().subList(1, e.via().size()));
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        untold(g, r.exposure());
        g.writeArrayFieldStart("tierToTier");
        for (Summaries.TierFlow f : Summaries.tierFlows(r.exposure())) {
            g.writeStartObject();
            g.writeStringField("from", f.from().id());
            g.writeStringField("to", f.to().id());
            g.writeStringField("protocol", f.protocol().id());
            g.writeStringField("fromGroup", f.fromLabel());
            g.writeStringField("toGroup", f.toLabel());
            ports(g, f.ports());
            g.writeNumberField("pairs", f.pairs());
            strings(g, "sources", f.sources());
            strings(g, "destinations", f.destinations());
            g.writeEndObject();
        }
        g.writeEndArray();
        // Each entry: every resource of "from" reaches every other resource of "to" on those ports.
        g.writeArrayFieldStart("flows");
        for (Exposure.Connection c : r.exposure().connections()) {
            g.writeStartObject();
            names(g, "from", c.from());
            names(g, "to", c.to());
            g.writeStringField("protocol", c.protocol().id());
            g.writeNumberField("pairs", c.pairs());
            ports(g, c.ports());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();

        g.writeObjectFieldStart("policy");
        g.writeStringField("source", r.policy().source());
        g.writeBooleanField("passed", r.violations().isEmpty());
        g.writeArrayFieldStart("violations");
        for (Violation v : r.violations()) {
            g.writeStartObject();
            g.writeStringField("rule", v.rule());
            g.writeStringField("resource", v.resource());
            g.writeStringField("message", v.message());
            g.writeStringField("fix", v.fix());
            if (v.rule().equals("guarded")) {
                // Every pair the text summarises: all sources and destinations, and how many pairs they make.
                strings(g, "sources", v.sources());
                strings(g, "targets", v.targets());
                g.writeNumberField("pairs", v.pairs());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();

        g.writeObjectFieldStart("lint");
        for (Severity s : Severity.values()) {
            g.writeNumberField(s.id() + "s", r.count(s));
        }
        g.writeArrayFieldStart("findings");
        for (Finding f : r.findings()) {
            g.writeStartObject();
            g.writeStringField("id", f.id());
            g.writeStringField("severity", f.severity().id());
            g.writeStringField("resource", f.resource());
            g.writeStringField("message", f.message());
            g.writeStringField("fix", f.fix());
            strings(g, "cdkNag", f.equivalents().cdkNag());
            strings(g, "cfnNag", f.equivalents().cfnNag());
            strings(g, "checkov", f.equivalents().checkov());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    /**
     * Flows from the internet and between tiers that a security group missing from the input leaves untold: present
     * only when there are some, so reports of networks whose groups are all in the input keep their shape.
     */
    private static void untold(JsonGenerator g, Exposure exposure) throws IOException {
        if (!exposure.untold().fromInternet().isEmpty()) {
            g.writeArrayFieldStart("cannotTellFromInternet");
            for (Exposure.UntoldIngress u : exposure.untold().fromInternet()) {
                Exposure.Ingress i = u.ingress();
                g.writeStartObject();
                g.writeStringField("resource", i.attachment().name());
                g.writeStringField("tier", i.tier().id());
                g.writeStringField("protocol", i.protocol().id());
                g.writeStringField("verdict", Verdict.CANNOT_TELL.id());
                ports(g, i.ports());
                g.writeStringField("sources", i.describeSources());
                g.writeBooleanField("openToWorld", i.openToWorld());
                strings(g, "unmodelled", u.unmodelled());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        List<Summaries.UntoldTierFlow> tiers = Summaries.untoldTierFlows(exposure);
        if (!tiers.isEmpty()) {
            g.writeArrayFieldStart("cannotTellTierToTier");
            for (Summaries.UntoldTierFlow u : tiers) {
                Summaries.TierFlow f = u.flow();
                g.writeStartObject();
                g.writeStringField("from", f.from().id());
                g.writeStringField("to", f.to().id());
                g.writeStringField("protocol", f.protocol().id());
                g.writeStringField("fromGroup", f.fromLabel());
                g.writeStringField("toGroup", f.toLabel());
                g.writeStringField("verdict", Verdict.CANNOT_TELL.id());
                ports(g, f.ports());
                g.writeNumberField("pairs", f.pairs());
                strings(g, "sources", f.sources());
                strings(g, "destinations", f.destinations());
                strings(g, "unmodelled", u.unmodelled());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }

    private static void egress(JsonGenerator g, String field, List<Exposure.Egress> egress, boolean service)
            throws IOException {
        g.writeArrayFieldStart(field);
        for (Exposure.Egress e : egress) {
            g.writeStartObject();
            g.writeStringField("resource", e.attachment().name());
            g.writeStringField("tier", e.tier().id());
            if (service) {
                g.writeStringField("service", e.destination());
            }
            g.writeStringField("protocol", e.protocol().id());
            ports(g, e.ports());
            strings(g, "via", e.via().stream().map(Reachability::withoutVia).toList());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** Ports as {from, to} ranges: one shape for single ports and ranges. */
    private static void ports(JsonGenerator g, IntervalSet ports) throws IOException {
        g.writeArrayFieldStart("ports");
        for (Interval i : ports.intervals()) {
            g.writeStartObject();
            g.writeNumberField("from", i.lo());
            g.writeNumberField("to", i.hi());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void names(JsonGenerator g, String field, List<Attachment> attachments) throws IOException {
        g.writeArrayFieldStart(field);
        for (Attachment a : attachments) {
            g.writeString(a.name());
        }
        g.writeEndArray();
    }

    /** What a writer would stream, read back as a tree (the reports' trees are made this way, from their writers). */
    static ObjectNode tree(Consumer<JsonGenerator> writer) {
        try {
            StringWriter text = new StringWriter();
            try (JsonGenerator g = MAPPER.createGenerator(text)) {
                writer.accept(g);
            }
            return (ObjectNode) MAPPER.readTree(text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
