package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line through picocli, with captured streams: exit codes, stdout for results, stderr for problems. */
public class CliTest {
    @TempDir
    Path dir;

    /** What one command line printed and returned; shared by the command tests of every package. */
    public record Run(int code, String out, String err) {}

    /** Runs the command line in-process with captured stdout and stderr. */
    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private Path spec(String yaml) throws IOException {
        Path file = dir.resolve("stackwright.yml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void help_listsTheCommands_andExitsZero() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains(
                        "init",
                        "validate",
                        "plan",
                        "synth",
                        "schema",
                        "diff",
                        "deploy",
                        "status",
                        "drift",
                        "destroy",
                        "whoami")
                .doesNotContain("__train");
        assertThat(run("synth", "--help").out()).contains("--output", "--format", "--force");
    }

    @Test
    void version_printsTheVersion() {
        assertThat(run("--version").out()).startsWith("stackwright ");
    }

    @Test
    void unknownOption_isAUsageError_withASuggestion() {
        Run r = run("plan", "--formt", "json");
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("Unknown option", "--format", "stackwright plan --help");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unknownCommand_isAUsageError() {
        Run r = run("deplyo");
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("deplyo");
    }

    @Test
    void validate_goodSpec_saysOk() throws IOException {
        Run r = run("validate", "-f", spec("name: shop\n").toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("ok (shop-dev, 10.2.0.0/16, 2 zones)");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void validate_badSpec_exitsOne_withMessagesOnStderr_andNoStackTrace() throws IOException {
        Path file = spec("name: shop\nnetwork:\n  azs: 7\n  nat: gatway\n");
        Run r = run("validate", "-f", file.toString());
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .contains(file + ":3:8: network.azs:", file + ":4:8: network.nat:", "2 problems found.")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void missingFile_exitsOne_andSaysHowToStart() {
        Run r = run("plan", "-f", dir.resolve("nope.yml").toString());
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err()).contains("file not found", "stackwright init");
    }

    @Test
    void plan_text_showsTiersRoutesAndGroups() throws IOException {
        Run r = run(
                "plan",
                "-f",
                spec("name: shop\nenvironment: prod\ndatabase: {engine: postgres}\n")
                        .toString());
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains(
                        "shop-prod",
                        "10.0.0.0/16",
                        "3 zones",
                        "Subnets",
                        "app-c",
                        "Route tables",
                        "-> NAT instance nat-a",
                        "Security groups",
                        "from sg app",
                        "Network ACL data",
                        "Resources",
                        "Cost        $");
    }

    @Test
    void plan_json_isParseable_andCarriesTheSubnets() throws IOException {
        Run r = run("plan", "--format", "json", "-f", spec("name: shop\n").toString());
        assertThat(r.code()).isZero();
        JsonNode plan = new ObjectMapper().readTree(r.out());
        assertThat(plan.path("stackName").asText()).isEqualTo("shop-dev");
        assertThat(plan.path("subnets")).hasSize(6);
        assertThat(plan.path("resources").path("total").asInt()).isPositive();
    }

    @Test
    void synth_writesTheTemplate_andPrintsItsPath() throws IOException {
        Path out = dir.resolve("out");
        Run r = run("synth", "-f", spec("name: shop\n").toString(), "-o", out.toString(), "--format", "json");
        assertThat(r.code()).isZero();
        Path template = out.resolve("shop-network.template.json");
        Path registry = out.resolve("shop-registry.template.json");
        Path app = out.resolve("shop-app.template.json");
        assertThat(r.out().lines()).containsExactly(template.toString(), registry.toString(), app.toString());
        assertThat(Files.readString(template)).contains("\"AWSTemplateFormatVersion\": \"2010-09-09\"");
        assertThat(Files.readString(registry)).contains("AWS::ECR::Repository", "Generated by Stackwright");
        assertThat(Files.readString(app)).contains("Fn::ImportValue").contains("Generated by Stackwright");
        try (var files = Files.list(out)) {
            assertThat(files).as("no temporary files left behind").containsExactlyInAnyOrder(template, registry, app);
        }
    }

    @Test
    void synth_overwritesItsOwnOutput_butNotAFileItDidNotWrite() throws IOException {
        Path out = dir.resolve("out");
        Path file = spec("name: shop\n");
        assertThat(run("synth", "-f", file.toString(), "-o", out.toString()).code())
                .isZero();
        assertThat(run("synth", "-f", file.toString(), "-o", out.toString()).code())
                .isZero();

        Path mine = out.resolve("shop-network.template.yaml");
        Files.writeString(mine, "my hand-written template\n");
        Run refused = run("synth", "-f", file.toString(), "-o", out.toString());
        assertThat(refused.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(refused.err()).contains("was not written by Stackwright", "--force");
        assertThat(Files.readString(mine)).isEqualTo("my hand-written template\n");

        assertThat(run("synth", "-f", file.toString(), "-o", out.toString(), "--force")
                        .code())
                .isZero();
        assertThat(Files.readString(mine)).contains("Generated by Stackwright");
    }

    @Test
    void init_writesAStarterThatValidates_andRefusesToOverwrite() throws IOException {
        Path file = dir.resolve("stackwright.yml");
        Run first = run("init", "-f", file.toString(), "--name", "orders");
        assertThat(first.code()).isZero();
        assertThat(Files.readString(file)).startsWith("# stackwright.yml").contains("name: orders");
        assertThat(run("validate", "-f", file.toString()).code()).isZero();

        Files.writeString(file, "name: mine\n");
        Run again = run("init", "-f", file.toString());
        assertThat(again.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(again.err()).contains("already exists", "--force");
        assertThat(Files.readString(file)).isEqualTo("name: mine\n");

        assertThat(run("init", "-f", file.toString(), "--force", "--name", "orders")
                        .code())
                .isZero();
        assertThat(Files.readString(file)).contains("name: orders");
    }

    @Test
    void theStarter_isPlannedAndPricedInFull_asANewUserFirstSeesIt() throws IOException {
        Path file = dir.resolve("stackwright.yml");
        assertThat(run("init", "-f", file.toString(), "--name", "orders").code())
                .isZero();
        Run plan = run("plan", "-f", file.toString());
        assertThat(plan.code()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("Cost        $").doesNotContain("unpriced");
        Run check = run("check", "-f", file.toString());
        assertThat(check.code()).as(check.out()).isZero();
    }

    @Test
    void init_derivesAValidNameFromTheDirectory() {
        assertThat(InitCommand.projectNameFrom(Path.of("/home/me/My_Cool.App"))).isEqualTo("my-cool-app");
        assertThat(InitCommand.projectNameFrom(Path.of("/x/2024"))).isEqualTo("my-app");
        assertThat(InitCommand.projectNameFrom(Path.of("/x/" + "a".repeat(40)))).hasSize(32);
    }

    @Test
    void schema_printsTheJsonSchema() throws IOException {
        Run r = run("schema");
        assertThat(r.code()).isZero();
        JsonNode schema = new ObjectMapper().readTree(r.out());
        assertThat(schema.path("properties").path("network").path("properties").has("maxTasks"))
                .isTrue();
    }

    @Test
    void everyShippedExample_plansCleanly() throws IOException {
        // Every spec of every example: stackwright.yml and a project's other environments beside it.
        try (var files = Files.walk(Path.of("examples"), 2)) {
            List<Path> specs = files.filter(f -> f.getFileName().toString().matches("stackwright(\\..+)?\\.yml"))
                    .sorted()
                    .toList();
            assertThat(specs).contains(Path.of("examples/dev-pipeline/stackwright.prod.yml"));
            for (Path example : specs) {
                Run r = run("plan", "-f", example.toString());
                assertThat(r.code()).as(example.toString()).isZero();
                assertThat(r.err()).as(example.toString()).isEmpty();
            }
        }
    }

    @Test
    void synth_refusesANetworkThatBreaksTheUsersPolicy_andWritesNothing() throws IOException {
        Path file = spec("name: shop\nfrontDoor: alb\n");
        Path policy = dir.resolve("policy.yml");
        Files.writeString(policy, """
                                  allow:
                                    - {from: internet, to: role:front-door, ports: [443]}
                                    - {from: role:front-door, to: role:app, ports: [service]}
                                  """);
        Path out = dir.resolve("out");
        Run r = run("synth", "-f", file.toString(), "-o", out.toString(), "--policy", policy.toString());
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err()).contains("the planned network breaks the policy", "80");
        assertThat(out).doesNotExist();
        assertThat(run("plan", "-f", file.toString(), "--policy", policy.toString())
                        .code())
                .isEqualTo(Main.INPUT_PROBLEM);
        assertThat(run("synth", "-f", file.toString(), "-o", out.toString()).code())
                .as("the built-in policy accepts it")
                .isZero();
    }
}
