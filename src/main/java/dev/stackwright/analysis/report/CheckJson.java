package dev.stackwright.analysis.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.analysis.CheckReport;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.Severity;
import dev.stackwright.analysis.policy.Violation;
import dev.stackwright.analysis.reach.AddressSpace;
import dev.stackwright.analysis.reach.Exposure;
import dev.stackwright.analysis.reach.Interval;
import dev.stackwright.analysis.reach.IntervalSet;
import dev.stackwright.analysis.reach.Verdict;
import dev.stackwright.model.Attachment;
import java.util.List;

/** {@code stackwright check --format json}: the same facts as the text report, with stable field names. */
public final class CheckJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CheckJson() {}

    public static ObjectNode render(CheckReport r) {
        ObjectNode root = NODES.objectNode()
                .put("stackName", r.network().stackName())
                .put("vpcCidr", r.network().vpc().cidr().toString())
                .put("passed", r.passed());

        ObjectNode exposure = root.putObject("exposure");
        ArrayNode in = exposure.putArray("fromInternet");
        for (Exposure.Ingress i : r.exposure().fromInternet()) {
            ObjectNode o = in.addObject()
                    .put("resource", i.attachment().name())
                    .put("tier", i.tier().id())
                    .put("protocol", i.protocol().id());
            ports(o.putArray("ports"), i.ports());
            o.put("sources", i.describeSources()).put("openToWorld", i.openToWorld());
            if (!i.openToWorld()) {
                ArrayNode cidrs = o.putArray("sourceCidrs");
                for (Interval range : i.sources().intervals()) {
                    AddressSpace.cidrs(range).forEach(c -> cidrs.add(c.toString()));
                }
            }
        }
        egress(exposure.putArray("internetEgress"), r.exposure().toInternet(), false);
        egress(exposure.putArray("awsServices"), r.exposure().toServices(), true);
        if (!r.exposure().undecided().isEmpty()) {
            // Flows out whose way crosses a hop the model does not hold: a verdict of their own, never reachable or
            // blocked. Present only when there are some, so reports of fully modelled networks keep their shape.
            ArrayNode unknown = exposure.putArray("cannotTell");
            for (Exposure.Egress e : r.exposure().undecided()) {
                ObjectNode o = unknown.addObject()
                        .put("resource", e.attachment().name())
                        .put("tier", e.tier().id())
                        .put("destination", e.destination())
                        .put("protocol", e.protocol().id())
                        .put("verdict", Verdict.CANNOT_TELL.id());
                ports(o.putArray("ports"), e.ports());
                strings(o.putArray("unmodelled"), e.via().subList(1, e.via().size()));
            }
        }
        ArrayNode tiers = exposure.putArray("tierToTier");
        for (Summaries.TierFlow f : Summaries.tierFlows(r.exposure())) {
            ObjectNode o = tiers.addObject()
                    .put("from", f.from().id())
                    .put("to", f.to().id())
                    .put("protocol", f.protocol().id())
                    .put("fromGroup", f.fromLabel())
                    .put("toGroup", f.toLabel());
            ports(o.putArray("ports"), f.ports());
            o.put("pairs", f.pairs());
            strings(o.putArray("sources"), f.sources());
            strings(o.putArray("destinations"), f.destinations());
        }
        // Each entry: every resource of "from" reaches every other resource of "to" on those ports.
        ArrayNode flows = exposure.putArray("flows");
        for (Exposure.Connection c : r.exposure().connections()) {
            ObjectNode o = flows.addObject();
            strings(o.putArray("from"), c.from().stream().map(Attachment::name).toList());
            strings(o.putArray("to"), c.to().stream().map(Attachment::name).toList());
            o.put("protocol", c.protocol().id()).put("pairs", c.pairs());
            ports(o.putArray("ports"), c.ports());
        }

        ObjectNode policy = root.putObject("policy")
                .put("source", r.policy().source())
                .put("passed", r.violations().isEmpty());
        ArrayNode violations = policy.putArray("violations");
        for (Violation v : r.violations()) {
            ObjectNode o = violations
                    .addObject()
                    .put("rule", v.rule())
                    .put("resource", v.resource())
                    .put("message", v.message())
                    .put("fix", v.fix());
            if (v.rule().equals("guarded")) {
                // Every pair the text summarises: all sources and destinations, and how many pairs they make.
                strings(o.putArray("sources"), v.sources());
                strings(o.putArray("targets"), v.targets());
                o.put("pairs", v.pairs());
            }
        }

        ObjectNode lint = root.putObject("lint");
        for (Severity s : Severity.values()) {
            lint.put(s.id() + "s", r.count(s));
        }
        ArrayNode findings = lint.putArray("findings");
        for (Finding f : r.findings()) {
            ObjectNode o = findings.addObject()
                    .put("id", f.id())
                    .put("severity", f.severity().id())
                    .put("resource", f.resource())
                    .put("message", f.message())
                    .put("fix", f.fix());
            strings(o.putArray("cdkNag"), f.equivalents().cdkNag());
            strings(o.putArray("cfnNag"), f.equivalents().cfnNag());
            strings(o.putArray("checkov"), f.equivalents().checkov());
        }
        return root;
    }

    /** The check of imported networks: the input, its import findings and one check per VPC. */
    public static ObjectNode render(
            String input, List<CheckReport> reports, List<dev.stackwright.diag.Diagnostic> importFindings) {
        boolean errors = importFindings.stream().anyMatch(dev.stackwright.diag.Diagnostic::isError);
        ObjectNode root = NODES.objectNode()
                .put("input", input)
                .put("passed", !errors && !reports.isEmpty() && reports.stream().allMatch(CheckReport::passed));
        ArrayNode findings = root.putArray("importFindings");
        for (dev.stackwright.diag.Diagnostic d : importFindings) {
            ObjectNode o = findings.addObject()
                    .put("severity", d.severity().name().toLowerCase(java.util.Locale.ROOT))
                    .put("code", d.code())
                    .put("file", d.location().file())
                    .put("line", d.location().line())
                    .put("column", d.location().column())
                    .put("path", d.path() == null ? "" : d.path())
                    .put("message", d.message());
            if (d.got() != null) {
                o.put("got", d.got());
            }
            if (d.fix() != null) {
                o.put("fix", d.fix());
            }
        }
        ArrayNode vpcs = root.putArray("vpcs");
        reports.forEach(r -> vpcs.add(render(r)));
        return root;
    }

    private static void egress(ArrayNode out, List<Exposure.Egress> egress, boolean service) {
        for (Exposure.Egress e : egress) {
            ObjectNode o = out.addObject()
                    .put("resource", e.attachment().name())
                    .put("tier", e.tier().id());
            if (service) {
                o.put("service", e.destination());
            }
            o.put("protocol", e.protocol().id());
            ports(o.putArray("ports"), e.ports());
            strings(
                    o.putArray("via"),
                    e.via().stream().map(v -> v.replaceFirst("^via ", "")).toList());
        }
    }

    /** Ports as {from, to} ranges: one shape for single ports and ranges. */
    static void ports(ArrayNode out, IntervalSet ports) {
        for (Interval i : ports.intervals()) {
            out.addObject().put("from", i.lo()).put("to", i.hi());
        }
    }

    private static void strings(ArrayNode out, List<String> values) {
        values.forEach(out::add);
    }
}
