package dev.stackwright.analysis.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.analysis.BetweenReport;
import dev.stackwright.analysis.CheckReport;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.Lint;
import dev.stackwright.analysis.lint.LintRule;
import dev.stackwright.analysis.lint.Severity;
import dev.stackwright.analysis.policy.Violation;
import dev.stackwright.analysis.reach.BetweenVpcs;
import dev.stackwright.analysis.reach.Exposure;
import dev.stackwright.analysis.reach.Reachability;
import dev.stackwright.analysis.reach.Verdict;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.SourceLocation;
import dev.stackwright.meta.Sha256;
import dev.stackwright.meta.Version;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code stackwright check --format sarif}: SARIF 2.1.0, as GitHub code scanning reads it. Every lint rule and policy
 * part is a rule of the run; each finding and violation is a result located in stackwright.yml (at the key its fix is
 * about where there is one), so code scanning annotates the spec:
 * https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning
 */
public final class CheckSarif {
    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What each policy part checks, for the rules list. */
    static final Map<String, String> POLICY_RULES = Map.of(
            "internet-ingress", "Only flows the policy allows reach resources from the internet.",
            "open-to-world", "SSH, RDP and database ports are never reachable from every internet address.",
            "guarded", "Guarded resources are reached only by the sources and ports the policy allows.",
            "internet-egress", "Resources the policy isolates reach nothing on the internet.");

    private CheckSarif() {}

    /** The rule id of import findings (what a template or snapshot importer could not resolve or read). */
    public static final String IMPORT_RULE = "import";

    /** The rule of the policy's notes: a name it uses that some VPCs of the input do not have. */
    public static final String POLICY_NOTE_RULE = "policy/name-not-in-vpc";

    /** The rule of flows the engine cannot tell: their way crosses a hop the model does not hold. */
    public static final String CANNOT_TELL_RULE = "reach/cannot-tell";

    /**
     * The check report as SARIF, for code-scanning tools.
     *
     * @param specUri   stackwright.yml as the repository sees it (a relative path with forward slashes)
     * @param locations where a spec key is, e.g. {@code spec.source()::keyLocation}
     */
    public static ObjectNode render(CheckReport r, String specUri, Function<String, SourceLocation> locations) {
        return CheckJson.tree(g -> write(r, specUri, locations, g));
    }

    /** The same, written to {@code g} as it is made. */
    public static void write(
            CheckReport r, String specUri, Function<String, SourceLocation> locations, JsonGenerator g) {
        run(g, false, List.of(r), false, false, results -> {
            for (Finding f : r.findings()) {
                results.finding(f, specUri, locations.apply(f.specPath().orElse("")));
            }
            for (Violation v : r.violations()) {
                results.violation(
                        v, specUri, locations.apply(v.rule().equals("open-to-world") ? "network.bastionCidr" : ""));
            }
            cannotTell(results, r, e -> specUri, e -> locations.apply(""));
            untold(results, r, name -> specUri, name -> locations.apply(""));
        });
    }

    /**
     * The check of imported networks (a template's or a snapshot's VPCs): every VPC's findings and violations, and the
     * import's own findings, each located in the input file where the resource is declared.
     *
     * @param places where a resource of the networks is declared, by its name; empty when unknown
     * @param uri    a file as code scanning sees it
     */
    public static ObjectNode render(
            List<CheckReport> reports,
            List<Diagnostic> importFindings,
            Function<String, Optional<SourceLocation>> places,
            SourceLocation fallback,
            Function<String, String> uri) {
        return CheckJson.tree(g -> write(reports, importFindings, places, fallback, uri, g));
    }

    /**
     * The same, written to {@code g} as it is made: a 50,000-interface account has hundreds of thousands of results,
     * which as one tree took over 4 GB of memory.
     */
    public static void write(
            List<CheckReport> reports,
            List<Diagnostic> importFindings,
            Function<String, Optional<SourceLocation>> places,
            SourceLocation fallback,
            Function<String, String> uri,
            JsonGenerator g) {
        write(reports, importFindings, BetweenReport.NONE, places, fallback, uri, g);
    }

    /** The same, with the policy's violations between the input's VPCs and the flows between them it cannot tell. */
    public static void write(
            List<CheckReport> reports,
            List<Diagnostic> importFindings,
            BetweenReport between,
            Function<String, Optional<SourceLocation>> places,
            SourceLocation fallback,
            Function<String, String> uri,
            JsonGenerator g) {
        boolean untold = between.flows().rows().stream().anyMatch(r -> r.verdict() == Verdict.CANNOT_TELL);
        boolean notes = importFindings.stream().anyMatch(Diagnostic::isNote);
        run(g, true, reports, untold, notes, results -> {
            for (Diagnostic d : importFindings) {
                // Notes are the policy's (a name some VPCs lack), located in the policy file like import findings.
                results.add(result(
                        results.ids,
                        d.isNote() ? POLICY_NOTE_RULE : IMPORT_RULE,
                        d.isError() ? "error" : d.isNote() ? "note" : "warning",
                        d.format(),
                        d.path() == null || d.path().isEmpty() ? d.location().file() : d.path(),
                        uri.apply(d.location().file()),
                        d.location()));
            }
            for (CheckReport r : reports) {
                SourceLocation vpc = places.apply(r.network().stackName()).orElse(fallback);
                for (Finding f : r.findings()) {
                    SourceLocation at = locate(f.resource(), places).orElse(vpc);
                    results.finding(f, uri.apply(at.file()), at);
                }
                for (Violation v : r.violations()) {
                    SourceLocation at = locate(v.resource(), places).orElse(vpc);
                    results.violation(v, uri.apply(at.file()), at);
                }
                cannotTell(
                        results,
                        r,
                        e -> uri.apply(locate(e.attachment().name(), places)
                                .orElse(vpc)
                                .file()),
                        e -> locate(e.attachment().name(), places).orElse(vpc));
                untold(
                        results,
                        r,
                        name -> uri.apply(locate(name, places).orElse(vpc).file()),
                        name -> locate(name, places).orElse(vpc));
            }
            for (Violation v : between.violations()) {
                SourceLocation at = locate(v.resource(), places).orElse(fallback);
                results.violation(v, uri.apply(at.file()), at);
            }
            for (BetweenVpcs.Row row : between.flows().rows()) {
                if (row.verdict() != Verdict.CANNOT_TELL) {
                    continue;
                }
                String resource = row.destinations().getFirst().name();
                SourceLocation at = locate(resource, places)
                        .or(() -> places.apply(row.to().stackName()))
                        .orElse(fallback);
                String message = "cannot tell whether "
                        + row.sources().getFirst().name() + " (" + row.from().stackName()
                        + ") reaches " + resource + " (" + row.to().stackName() + ") on "
                        + Reachability.ports(row.protocol(), row.ports()) + ": "
                        + String.join(", ", row.unmodelled()) + " not modelled. Fix: check this path by hand; `"
                        + between.why(row) + "` shows it.";
                ObjectNode result =
                        result(results.ids, CANNOT_TELL_RULE, "note", message, resource, uri.apply(at.file()), at);
                ObjectNode props = result.putObject("properties").put("verdict", Verdict.CANNOT_TELL.id());
                row.unmodelled().forEach(props.putArray("unmodelled")::add);
                results.add(result);
            }
        });
    }

    /** The results of a run as they are written, and the rule ids their indexes count in. */
    private static final class Results {
        final List<String> ids;
        private final JsonGenerator g;

        Results(List<String> ids, JsonGenerator g) {
            this.ids = ids;
            this.g = g;
        }

        /** A lint finding, located at {@code at} in {@code file}. */
        void finding(Finding f, String file, SourceLocation at) {
            add(result(
                    ids, f.id(), f.severity().id(), f.message() + ". Fix: " + f.fix() + ".", f.resource(), file, at));
        }

        /** A policy violation, located at {@code at} in {@code file}. */
        void violation(Violation v, String file, SourceLocation at) {
            add(result(
                    ids,
                    "policy/" + v.rule(),
                    Severity.ERROR.id(),
                    v.message() + ". Fix: " + v.fix() + ".",
                    v.resource(),
                    file,
                    at));
        }

        void add(ObjectNode result) {
            try {
                g.writeTree(result);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * One run: the tool and its rules (the import rule when the input was imported, the cannot-tell rule when some
     * flow is one, so the SARIF of a fully modelled network keeps its shape), then the results as {@code body} makes
     * them.
     */
    private static void run(
            JsonGenerator g,
            boolean imported,
            List<CheckReport> reports,
            boolean cannotTellBetween,
            boolean policyNotes,
            Consumer<Results> body) {
        ObjectNode tool = NODES.objectNode();
        List<String> ids = rules(tool);
        ArrayNode rules = (ArrayNode) tool.path("driver").path("rules");
        if (imported) {
            rule(
                    rules,
                    IMPORT_RULE,
                    "import",
                    "Every part of the input with network meaning is read and resolved; what is not is reported instead of guessed.",
                    "warning");
            ids.add(IMPORT_RULE);
        }
        if (policyNotes) {
            rule(
                    rules,
                    POLICY_NOTE_RULE,
                    "policy-name-not-in-vpc",
                    "A name the policy uses that some VPCs of the input do not have selects nothing in them; "
                            + "`vpc:NAME/` before it says which VPC it is meant for.",
                    "note");
            ids.add(POLICY_NOTE_RULE);
        }
        if (cannotTellBetween || reports.stream().anyMatch(r -> r.exposure().cannotTellAny())) {
            rule(
                    rules,
                    CANNOT_TELL_RULE,
                    "cannot-tell",
                    "Flows whose way crosses a hop Stackwright does not model (a VPN or Direct Connect route, an "
                            + "unresolved target, a security group the input does not hold) get the verdict cannot "
                            + "tell, never reachable or blocked.",
                    "note");
            ids.add(CANNOT_TELL_RULE);
        }
        try {
            g.writeStartObject();
            g.writeStringField("$schema", SCHEMA);
            g.writeStringField("version", "2.1.0");
            g.writeArrayFieldStart("runs");
            g.writeStartObject();
            g.writeFieldName("tool");
            g.writeTree(tool);
            g.writeArrayFieldStart("results");
            body.accept(new Results(ids, g));
            g.writeEndArray();
            g.writeStringField("columnKind", "unicodeCodePoints");
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void rule(ArrayNode rules, String id, String name, String text, String level) {
        ObjectNode rule = rules.addObject().put("id", id).put("name", name);
        rule.putObject("shortDescription").put("text", text);
        rule.putObject("fullDescription").put("text", text);
        rule.putObject("help").put("text", text + " See docs/analysis.md.");
        rule.putObject("defaultConfiguration").put("level", level);
    }

    /**
     * Flows out that cross a hop the model does not hold, as notes with the verdict in their properties: neither a
     * pass nor a failure, so code scanning shows them without failing a check.
     */
    private static void cannotTell(
            Results results,
            CheckReport r,
            Function<Exposure.Egress, String> uri,
            Function<Exposure.Egress, SourceLocation> at) {
        for (Exposure.Egress e : r.exposure().undecided()) {
            List<String> unmodelled = e.via().subList(1, e.via().size());
            String message = "cannot tell whether " + e.attachment().name() + " reaches " + e.destination() + " on "
                    + Reachability.ports(e.protocol(), e.ports()) + ": "
                    + String.join(", ", unmodelled) + ". Fix: check this path by hand.";
            ObjectNode result = result(
                    results.ids,
                    CANNOT_TELL_RULE,
                    "note",
                    message,
                    e.attachment().name(),
                    uri.apply(e),
                    at.apply(e));
            ObjectNode props = result.putObject("properties").put("verdict", Verdict.CANNOT_TELL.id());
            unmodelled.forEach(props.putArray("unmodelled")::add);
            results.add(result);
        }
    }

    /**
     * Flows from the internet and between tiers that a security group missing from the input leaves untold, as notes
     * like {@link #cannotTell}'s, located at the resource they reach (by name).
     */
    private static void untold(
            Results results, CheckReport r, Function<String, String> uri, Function<String, SourceLocation> at) {
        for (Exposure.UntoldIngress u : r.exposure().untold().fromInternet()) {
            Exposure.Ingress i = u.ingress();
            String name = i.attachment().name();
            untoldResult(
                    results,
                    "cannot tell whether the internet reaches " + name + " on "
                            + Reachability.ports(i.protocol(), i.ports()) + " (from " + i.describeSources() + ")",
                    u.unmodelled(),
                    name,
                    uri,
                    at);
        }
        for (Summaries.UntoldTierFlow u : Summaries.untoldTierFlows(r.exposure())) {
            Summaries.TierFlow f = u.flow();
            String name = f.destinations().getFirst();
            untoldResult(
                    results,
                    "cannot tell whether " + f.fromLabel() + " (" + f.from().id() + ") reaches " + f.toLabel() + " ("
                            + f.to().id() + ") on " + Reachability.ports(f.protocol(), f.ports()) + " ("
                            + f.pairs() + (f.pairs() == 1 ? " pair)" : " pairs)"),
                    u.unmodelled(),
                    name,
                    uri,
                    at);
        }
    }

    private static void untoldResult(
            Results results,
            String what,
            List<String> unmodelled,
            String resource,
            Function<String, String> uri,
            Function<String, SourceLocation> at) {
        ObjectNode result = result(
                results.ids,
                CANNOT_TELL_RULE,
                "note",
                what + ": " + String.join(", ", unmodelled) + " not modelled. Fix: add "
                        + (unmodelled.stream()
                                        .allMatch(u ->
                                                Reachability.groupsNamedBy(u).isEmpty())
                                ? "what is missing"
                                : "the security group")
                        + " to the input, or check this path by hand.",
                resource,
                uri.apply(resource),
                at.apply(resource));
        ObjectNode props = result.putObject("properties").put("verdict", Verdict.CANNOT_TELL.id());
        unmodelled.forEach(props.putArray("unmodelled")::add);
        results.add(result);
    }

    /** "subnet SubnetAppA" and "SubnetAppA" both find SubnetAppA. */
    private static Optional<SourceLocation> locate(String resource, Function<String, Optional<SourceLocation>> places) {
        Optional<SourceLocation> at = places.apply(resource);
        if (at.isEmpty() && resource.contains(" ")) {
            at = places.apply(resource.substring(resource.lastIndexOf(' ') + 1));
        }
        return at;
    }

    private static List<String> rules(ObjectNode tool) {
        ObjectNode driver = tool.putObject("driver")
                .put("name", "Stackwright")
                .put("version", Version.current())
                .put("semanticVersion", semver(Version.current()));
        ArrayNode rules = driver.putArray("rules");
        List<String> ids = new ArrayList<>();
        for (LintRule rule : Lint.RULES) {
            ids.add(rule.id());
            ObjectNode o = rules.addObject().put("id", rule.id()).put("name", rule.name());
            o.putObject("shortDescription").put("text", rule.summary());
            o.putObject("fullDescription").put("text", rule.summary());
            o.putObject("help").put("text", rule.summary() + " See docs/analysis.md.");
            o.putObject("defaultConfiguration").put("level", rule.severity().id());
            ObjectNode props = o.putObject("properties");
            props.putArray("tags").add("security").add("network").add("aws");
            equivalents(props, "cdk-nag", rule.equivalents().cdkNag());
            equivalents(props, "cfn_nag", rule.equivalents().cfnNag());
            equivalents(props, "checkov", rule.equivalents().checkov());
        }
        for (String part : Violation.RULES) {
            String id = "policy/" + part;
            ids.add(id);
            ObjectNode o = rules.addObject().put("id", id).put("name", "policy-" + part);
            o.putObject("shortDescription").put("text", POLICY_RULES.get(part));
            o.putObject("fullDescription").put("text", POLICY_RULES.get(part));
            o.putObject("help").put("text", POLICY_RULES.get(part) + " See docs/analysis.md.");
            o.putObject("defaultConfiguration").put("level", "error");
            o.putObject("properties")
                    .putArray("tags")
                    .add("security")
                    .add("network")
                    .add("policy");
        }

        return ids;
    }

    private static void equivalents(ObjectNode props, String tool, List<String> ids) {
        if (!ids.isEmpty()) {
            ArrayNode out = props.putArray(tool);
            ids.forEach(out::add);
        }
    }

    private static ObjectNode result(
            List<String> ids,
            String ruleId,
            String level,
            String message,
            String resource,
            String specUri,
            SourceLocation at) {
        ObjectNode o = NODES.objectNode()
                .put("ruleId", ruleId)
                .put("ruleIndex", ids.indexOf(ruleId))
                .put("level", level);
        o.putObject("message").put("text", message);
        ObjectNode location = o.putArray("locations").addObject();
        ObjectNode physical = location.putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", specUri);
        physical.putObject("region").put("startLine", at.line()).put("startColumn", at.column());
        location.putArray("logicalLocations").addObject().put("name", resource).put("kind", "resource");
        // Stable across runs and unrelated edits, so code scanning tracks a result instead of reopening it.
        o.putObject("partialFingerprints")
                .put(
                        "stackwright/v1",
                        Sha256.hex(ruleId + "\n" + resource + "\n" + message).substring(0, 32));
        return o;
    }

    private static String semver(String version) {
        return version.matches("\\d+\\.\\d+\\.\\d+.*") ? version : "0.0.0-" + version;
    }
}
