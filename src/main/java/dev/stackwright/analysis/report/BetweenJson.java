package dev.stackwright.analysis.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.stackwright.analysis.BetweenReport;
import dev.stackwright.analysis.policy.Violation;
import dev.stackwright.analysis.reach.BetweenVpcs;
import dev.stackwright.analysis.reach.Interval;
import dev.stackwright.model.Attachment;
import java.io.IOException;
import java.util.List;

/**
 * The flows between VPCs in {@code check --format json}: {@code betweenVpcs}, one entry per row (every resource of
 * {@code from.resources} reaches every resource of {@code to.resources} on {@code ports}, or cannot tell), and
 * {@code betweenVpcsPolicy}, the verdict on them.
 */
final class BetweenJson {
    private BetweenJson() {}

    static void write(BetweenReport r, JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("betweenVpcs");
        for (BetweenVpcs.Row row : r.flows().rows()) {
            g.writeStartObject();
            end(g, "from", row.from().stackName(), row.fromTier().id(), row.sources());
            end(g, "to", row.to().stackName(), row.toTier().id(), row.destinations());
            g.writeStringField("protocol", row.protocol().id());
            g.writeArrayFieldStart("ports");
            for (Interval i : row.ports().intervals()) {
                g.writeStartObject();
                g.writeNumberField("from", i.lo());
                g.writeNumberField("to", i.hi());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("verdict", row.verdict().id());
            CheckJson.strings(g, "via", row.via());
            if (!row.unmodelled().isEmpty()) {
                CheckJson.strings(g, "unmodelled", row.unmodelled());
            }
            g.writeNumberField("pairs", row.pairs());
            g.writeStringField("why", r.why(row));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("betweenVpcsPolicy");
        g.writeStringField("source", r.policySource());
        g.writeBooleanField("passed", r.passed());
        g.writeArrayFieldStart("violations");
        for (Violation v : r.violations()) {
            g.writeStartObject();
            g.writeStringField("rule", v.rule());
            g.writeStringField("resource", v.resource());
            g.writeStringField("message", v.message());
            g.writeStringField("fix", v.fix());
            CheckJson.strings(g, "sources", v.sources());
            CheckJson.strings(g, "targets", v.targets());
            g.writeNumberField("pairs", v.pairs());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void end(JsonGenerator g, String field, String vpc, String tier, List<Attachment> resources)
            throws IOException {
        g.writeObjectFieldStart(field);
        g.writeStringField("vpc", vpc);
        g.writeStringField("tier", tier);
        CheckJson.strings(
                g, "resources", resources.stream().map(Attachment::name).toList());
        g.writeEndObject();
    }
}
