package dev.stackwright.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stackwright.Stackwright;
import dev.stackwright.analysis.Analysis;
import dev.stackwright.analysis.CheckReport;
import dev.stackwright.analysis.lint.Lint;
import dev.stackwright.analysis.policy.Policy;
import dev.stackwright.analysis.reach.Answer;
import dev.stackwright.analysis.reach.Flow;
import dev.stackwright.analysis.reach.Names;
import dev.stackwright.analysis.reach.Reachability;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The check report as text, JSON and SARIF, and the why answer as text. */
class ReportsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Flow logs off (a warning) and the app tier with nowhere to go (an error): findings to render. */
    static final String SPEC = "name: shop\nnetwork:\n  nat: none\n  flowLogs: false\nservice:\n  port: 9000\n";

    static Stackwright.Result planned() {
        // The planner adds the endpoints an isolated app tier needs; without them the tier has nowhere to go.
        Stackwright.Result r = Stackwright.plan("stackwright.yml", dev.stackwright.analysis.Networks.albAndTasks(SPEC));
        return new Stackwright.Result(
                r.spec(),
                new dev.stackwright.model.PlannedNetwork(
                        dev.stackwright.analysis.Networks.withoutInterfaceEndpoints(r.network()), r.intent()),
                r.application(),
                r.networkTemplate(),
                r.appTemplate());
    }

    @Test
    void sarif_isVersion210_withEveryRule_andResultsLocatedInTheSpec() throws Exception {
        Stackwright.Result result = planned();
        CheckReport report = checkPlanned(result, Policy.defaults());
        JsonNode sarif = JSON.readTree(JSON.writeValueAsString(
                CheckSarif.render(report, "infra/stackwright.yml", result.spec().source()::keyLocation)));
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.path("$schema").asText()).isEqualTo(CheckSarif.SCHEMA);
        JsonNode run = sarif.path("runs").get(0);
        assertThat(run.path("tool").path("driver").path("name").asText()).isEqualTo("Stackwright");
        List<String> ids = new ArrayList<>();
        run.path("tool")
                .path("driver")
                .path("rules")
                .forEach(r -> ids.add(r.path("id").asText()));
        assertThat(ids)
                .hasSize(Lint.RULES.size() + 4)
                .contains("SW001", "SW011", "policy/internet-ingress", "policy/internet-egress");
        JsonNode results = run.path("results");
        assertThat(results.size()).isGreaterThanOrEqualTo(3);
        for (JsonNode r : results) {
            assertThat(ids.get(r.path("ruleIndex").asInt()))
                    .isEqualTo(r.path("ruleId").asText());
            assertThat(r.path("level").asText()).isIn("error", "warning", "note");
            JsonNode where = r.path("locations").get(0).path("physicalLocation");
            assertThat(where.path("artifactLocation").path("uri").asText()).isEqualTo("infra/stackwright.yml");
            assertThat(where.path("region").path("startLine").asInt()).isPositive();
            assertThat(r.path("partialFingerprints").path("stackwright/v1").asText())
                    .hasSize(32);
        }
        JsonNode flowLogs = find(results, "SW007");
        assertThat(flowLogs.path("level").asText()).isEqualTo("warning");
        assertThat(flowLogs.path("locations")
                        .get(0)
                        .path("physicalLocation")
                        .path("region")
                        .path("startLine")
                        .asInt())
                .as("the line of network.flowLogs")
                .isEqualTo(4);
        assertThat(find(results, "SW001")
                        .path("locations")
                        .get(0)
                        .path("physicalLocation")
                        .path("region")
                        .path("startLine")
                        .asInt())
                .as("the line of network.nat")
                .isEqualTo(3);
        JsonNode vpc7 = null;
        for (JsonNode r : run.path("tool").path("driver").path("rules")) {
            if (r.path("id").asText().equals("SW007")) {
                vpc7 = r;
            }
        }
        assertThat(vpc7).isNotNull();
        assertThat(vpc7.path("properties").path("cdk-nag").get(0).asText()).isEqualTo("AwsSolutions-VPC7");
    }

    private static JsonNode find(JsonNode results, String ruleId) {
        for (JsonNode r : results) {
            if (r.path("ruleId").asText().equals(ruleId)) {
                return r;
            }
        }
        throw new AssertionError("no result for " + ruleId);
    }

    @Test
    void json_carriesTheVerdict_theExposure_andTheFindings() throws Exception {
        CheckReport report = checkPlanned(planned(), Policy.defaults());
        JsonNode json = JSON.readTree(JSON.writeValueAsString(CheckJson.render(report)));
        assertThat(json.path("passed").asBoolean()).isFalse();
        assertThat(json.path("policy").path("passed").asBoolean()).isTrue();
        assertThat(json.path("lint").path("errors").asInt()).isEqualTo(2);
        assertThat(json.path("lint").path("warnings").asInt())
                .isEqualTo(2); // flow logs off (SW007), HTTP-only ALB in dev (SW015)
        JsonNode in = json.path("exposure").path("fromInternet").get(0);
        assertThat(in.path("resource").asText()).isEqualTo("front-door-a");
        assertThat(in.path("ports").get(0).path("from").asInt()).isEqualTo(80);
        assertThat(in.path("openToWorld").asBoolean()).isTrue();
        JsonNode row = json.path("exposure").path("tierToTier").get(0);
        assertThat(row.path("pairs").asLong()).isPositive();
        assertThat(row.path("sources").size()).isPositive();
        assertThat(row.path("destinations").size()).isPositive();
        // Grouped flows stand for exactly the pairs the exposure holds, and rows add up to the same number.
        long flowPairs = 0;
        for (JsonNode f : json.path("exposure").path("flows")) {
            assertThat(f.path("from").size()).isPositive();
            assertThat(f.path("to").size()).isPositive();
            flowPairs += f.path("pairs").asLong();
        }
        long rowPairs = 0;
        for (JsonNode r : json.path("exposure").path("tierToTier")) {
            rowPairs += r.path("pairs").asLong();
        }
        assertThat(flowPairs).isEqualTo(report.exposure().internal().size()).isEqualTo(rowPairs);
    }

    @Test
    void text_showsEverySection_andTheResult() {
        String text = CheckText.render(checkPlanned(planned(), Policy.defaults()));
        // A dev ALB without a certificate: port 80 only, and SW015 warns of it.
        assertThat(text)
                .contains(
                        "Reachable from the internet",
                        "front-door-a  public  tcp    80     anywhere on the internet",
                        "Internet egress by tier",
                        "app     -          -      none",
                        "Tier to tier",
                        "front-door -> app (4 pairs)",
                        "Policy (built-in): passed",
                        "Lint: 2 errors, 2 warnings",
                        "SW007 warning  vpc: VPC flow logs are off",
                        "SW015 warning  load balancer front-door: load balancer front-door faces the internet with HTTP only (port 80)",
                        "(cdk-nag AwsSolutions-VPC7; cfn_nag W60; Checkov CKV2_AWS_11)",
                        "Check failed: 2 lint errors.");
        assertThat(text.lines()).anyMatch(l -> l.matches("  public +app +tcp +9000 +front-door -> app \\(4 pairs\\)"));
        assertThat(text).doesNotContain("\r").endsWith("\n");
        assertThat(text.lines()).noneMatch(l -> l.endsWith(" "));
    }

    @Test
    void everyFormat_isTheSameBytesOnEveryRun() throws Exception {
        Stackwright.Result result = Stackwright.plan(Path.of("examples/prod-nat-instances/stackwright.yml"));
        CheckReport a = checkPlanned(result, Policy.defaults());
        CheckReport b = checkPlanned(
                Stackwright.plan(Path.of("examples/prod-nat-instances/stackwright.yml")), Policy.defaults());
        assertThat(CheckText.render(a)).isEqualTo(CheckText.render(b));
        assertThat(JSON.writeValueAsString(CheckJson.render(a)))
                .isEqualTo(JSON.writeValueAsString(CheckJson.render(b)));
        assertThat(JSON.writeValueAsString(
                        CheckSarif.render(a, "s.yml", result.spec().source()::keyLocation)))
                .isEqualTo(JSON.writeValueAsString(
                        CheckSarif.render(b, "s.yml", result.spec().source()::keyLocation)));
    }

    @Test
    void why_showsEveryHop_andNamesEachBlocker() {
        var network = Stackwright.plan(Path.of("examples/prod-nat-instances/stackwright.yml"))
                .network();
        Reachability reach = new Reachability(network);
        Names names = new Names(network, reach.space());
        Names.Resolved from = names.source("internet");
        Names.Resolved to = names.destination("app-a");
        Answer answer = reach.evaluate(
                new Flow(from.locations().getFirst(), to.locations().getFirst(), Protocol.TCP, PortRange.of(8080)));
        String text = WhyText.render(reach, from, to, WhyText.ports(Protocol.TCP, 8080), List.of(answer));
        assertThat(text)
                .startsWith("why internet -> app-a (tcp 8080)\n  internet = the internet (any public address)\n")
                .contains(
                        "internet -> app-a  tcp 8080: BLOCKED by 3 components",
                        "BLOCKED no-public-ip: app-a has no public IP address",
                        "BLOCKED asymmetric-return:")
                .endsWith("\nBlocked.\n");
        Set<String> arrows = Set.copyOf(text.lines()
                .filter(l -> l.startsWith("    "))
                .map(l -> l.substring(4, 7))
                .toList());
        assertThat(arrows).containsExactlyInAnyOrder("-> ", "<- ");
    }

    @Test
    void longResourceLists_areShortenedInText_withTheCount() {
        assertThat(Summaries.abbreviate(List.of("a", "b", "c"), 3)).isEqualTo("a, b, c");
        assertThat(Summaries.abbreviate(List.of("a", "b", "c", "d", "e"), 3)).isEqualTo("a, b, c and 2 more (5)");
    }

    /** The full check of a planned spec: the network, with the spec's peak tasks per app subnet. */
    private static CheckReport checkPlanned(Stackwright.Result r, Policy policy) {
        return Analysis.check(
                r.network(),
                java.util.Optional.of(r.intent()),
                java.util.OptionalInt.of(r.spec().network().maxTasks()),
                policy);
    }
}
