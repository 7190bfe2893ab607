package dev.stackwright.analysis.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.analysis.CheckReport;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.Lint;
import dev.stackwright.analysis.lint.LintRule;
import dev.stackwright.analysis.lint.Severity;
import dev.stackwright.analysis.policy.Violation;
import dev.stackwright.analysis.reach.Exposure;
import dev.stackwright.analysis.reach.Verdict;
import dev.stackwright.diag.SourceLocation;
import dev.stackwright.meta.Sha256;
import dev.stackwright.meta.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /**
     * The check report as SARIF, for code-scanning tools.
     *
     * @param specUri   stackwright.yml as the repository sees it (a relative path with forward slashes)
     * @param locations where a spec key is, e.g. {@code spec.source()::keyLocation}
     */
    public static ObjectNode render(CheckReport r, String specUri, Function<String, SourceLocation> locations) {
        ObjectNode root = NODES.objectNode().put("$schema", SCHEMA).put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        List<String> ids = rules(run);
        ArrayNode results = run.putArray("results");
        for (Finding f : r.findings()) {
            result(
                    results,
                    f.id(),
                    ids.indexOf(f.id()),
                    f.severity().id(),
                    f.message() + ". Fix: " + f.fix() + ".",
                    f.resource(),
                    specUri,
                    locations.apply(f.specPath().orElse("")));
        }
        for (Violation v : r.violations()) {
            String id = "policy/" + v.rule();
            result(
                    results,
                    id,
                    ids.indexOf(id),
                    Severity.ERROR.id(),
                    v.message() + ". Fix: " + v.fix() + ".",
                    v.resource(),
                    specUri,
                    locations.apply(v.rule().equals("open-to-world") ? "network.bastionCidr" : ""));
        }
        cannotTell(run, ids, results, r, e -> specUri, e -> locations.apply(""));
        run.put("columnKind", "unicodeCodePoints");
        return root;
    }

    /** The rule id of import findings (what a template or snapshot importer could not resolve or read). */
    public static final String IMPORT_RULE = "import";

    /**
     * The check of imported networks (a template's or a snapshot's VPCs): every VPC's findings and violations, and the
     * import's own findings, each located in the input file where the resource is declared.
     *
     * @param places where a resource of the networks is declared, by its name; empty when unknown
     * @param uri    a file as code scanning sees it
     */
    public static ObjectNode render(
            List<CheckReport> reports,
            List<dev.stackwright.diag.Diagnostic> importFindings,
            Function<String, java.util.Optional<SourceLocation>> places,
            SourceLocation fallback,
            Function<String, String> uri) {
        ObjectNode root = NODES.objectNode().put("$schema", SCHEMA).put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        List<String> ids = rules(run);
        ArrayNode rules = (ArrayNode) run.path("tool").path("driver").path("rules");
        ObjectNode importRule = rules.addObject().put("id", IMPORT_RULE).put("name", "import");
        String text =
                "Every part of the input with network meaning is read and resolved; what is not is reported instead of guessed.";
        importRule.putObject("shortDescription").put("text", text);
        importRule.putObject("fullDescription").put("text", text);
        importRule.putObject("help").put("text", text + " See docs/analysis.md.");
        importRule.putObject("defaultConfiguration").put("level", "warning");
        ids.add(IMPORT_RULE);
        ArrayNode results = run.putArray("results");
        for (dev.stackwright.diag.Diagnostic d : importFindings) {
            result(
                    results,
                    IMPORT_RULE,
                    ids.indexOf(IMPORT_RULE),
                    d.isError() ? "error" : "warning",
                    d.format(),
                    d.path() == null || d.path().isEmpty() ? d.location().file() : d.path(),
                    uri.apply(d.location().file()),
                    d.location());
        }
        for (CheckReport r : reports) {
            SourceLocation vpc = places.apply(r.network().stackName()).orElse(fallback);
            for (Finding f : r.findings()) {
                SourceLocation at = locate(f.resource(), places).orElse(vpc);
                result(
                        results,
                        f.id(),
                        ids.indexOf(f.id()),
                        f.severity().id(),
                        f.message() + ". Fix: " + f.fix() + ".",
                        f.resource(),
                        uri.apply(at.file()),
                        at);
            }
            for (Violation v : r.violations()) {
                String id = "policy/" + v.rule();
                SourceLocation at = locate(v.resource(), places).orElse(vpc);
                result(
                        results,
                        id,
                        ids.indexOf(id),
                        Severity.ERROR.id(),
                        v.message() + ". Fix: " + v.fix() + ".",
                        v.resource(),
                        uri.apply(at.file()),
                        at);
            }
            cannotTell(
                    run,
                    ids,
                    results,
                    r,
                    e -> uri.apply(
                            locate(e.attachment().name(), places).orElse(vpc).file()),
                    e -> locate(e.attachment().name(), places).orElse(vpc));
        }
        run.put("columnKind", "unicodeCodePoints");
        return root;
    }

    /** The rule of flows the engine cannot tell: their way crosses a hop the model does not hold. */
    public static final String CANNOT_TELL_RULE = "reach/cannot-tell";

    /**
     * Flows out that cross a hop the model does not hold, as notes with the verdict in their properties: neither a
     * pass nor a failure, so code scanning shows them without failing a check. The rule is listed only when used, so
     * the SARIF of a fully modelled network keeps its shape.
     */
    private static void cannotTell(
            ObjectNode run,
            List<String> ids,
            ArrayNode results,
            CheckReport r,
            Function<Exposure.Egress, String> uri,
            Function<Exposure.Egress, SourceLocation> at) {
        if (r.exposure().undecided().isEmpty()) {
            return;
        }
        if (!ids.contains(CANNOT_TELL_RULE)) {
            String text = "Flows whose way crosses a hop Stackwright does not model (a VPN or Direct Connect route, an "
                    + "unresolved target) get the verdict cannot tell, never reachable or blocked.";
            ObjectNode rule = ((ArrayNode) run.path("tool").path("driver").path("rules"))
                    .addObject()
                    .put("id", CANNOT_TELL_RULE)
                    .put("name", "cannot-tell");
            rule.putObject("shortDescription").put("text", text);
            rule.putObject("fullDescription").put("text", text);
            rule.putObject("help").put("text", text + " See docs/analysis.md.");
            rule.putObject("defaultConfiguration").put("level", "note");
            ids.add(CANNOT_TELL_RULE);
        }
        for (Exposure.Egress e : r.exposure().undecided()) {
            List<String> unmodelled = e.via().subList(1, e.via().size());
            String message = "cannot tell whether " + e.attachment().name() + " reaches " + e.destination() + " on "
                    + dev.stackwright.analysis.reach.Reachability.ports(e.protocol(), e.ports()) + ": "
                    + String.join(", ", unmodelled) + ". Fix: check this path by hand.";
            result(
                    results,
                    CANNOT_TELL_RULE,
                    ids.indexOf(CANNOT_TELL_RULE),
                    "note",
                    message,
                    e.attachment().name(),
                    uri.apply(e),
                    at.apply(e));
            ObjectNode props = ((ObjectNode) results.get(results.size() - 1))
                    .putObject("properties")
                    .put("verdict", Verdict.CANNOT_TELL.id());
            unmodelled.forEach(props.putArray("unmodelled")::add);
        }
    }

    /** "subnet SubnetAppA" and "SubnetAppA" both find SubnetAppA. */
    private static java.util.Optional<SourceLocation> locate(
            String resource, Function<String, java.util.Optional<SourceLocation>> places) {
        java.util.Optional<SourceLocation> at = places.apply(resource);
        if (at.isEmpty() && resource.contains(" ")) {
            at = places.apply(resource.substring(resource.lastIndexOf(' ') + 1));
        }
        return at;
    }

    private static List<String> rules(ObjectNode run) {
        ObjectNode driver = run.putObject("tool")
                .putObject("driver")
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

    private static void result(
            ArrayNode results,
            String ruleId,
            int index,
            String level,
            String message,
            String resource,
            String specUri,
            SourceLocation at) {
        ObjectNode o = results.addObject()
                .put("ruleId", ruleId)
                .put("ruleIndex", index)
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
    }

    private static String semver(String version) {
        return version.matches("\\d+\\.\\d+\\.\\d+.*") ? version : "0.0.0-" + version;
    }
}
