package dev.stackwright.judges;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * AWS's CloudFormation linter over every template of the option matrix ({@link JudgedTemplates}): no error, no
 * warning, no informational finding, except the rules switched off with their reason in
 * {@code src/test/resources/judges/cfnlintrc.yaml}.
 */
class CfnLintTest {
    static final Path CONFIG =
            Path.of("src/test/resources/judges/cfnlintrc.yaml").toAbsolutePath();

    @Test
    void everyTemplateOfTheMatrix_hasNoCfnLintFinding() throws Exception {
        List<String> lint = Judges.cfnLint();
        List<JudgedTemplates.Judged> templates = JudgedTemplates.all();
        assertThat(templates).as("templates judged").hasSizeGreaterThan(200);

        // cfn-lint is single-threaded: one process per core.
        List<CompletableFuture<Judges.Result>> runs = new ArrayList<>();
        for (List<JudgedTemplates.Judged> slice : Judges.slices(templates, 2)) {
            List<String> cmd = new ArrayList<>(lint);
            cmd.addAll(List.of("--config-file", CONFIG.toString(), "--format", "json", "--"));
            slice.forEach(j -> cmd.add(j.file().toString()));
            runs.add(CompletableFuture.supplyAsync(() -> Judges.run(cmd, Path.of("."), 600)));
        }
        java.util.Map<String, List<String>> findings = new java.util.TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        for (CompletableFuture<Judges.Result> run : runs) {
            Judges.Result r = run.get();
            // Exit codes are a bit mask of the levels found (2 error, 4 warning, 8 informational); 1 is a crash.
            assertThat(r.exit() & 1).as("cfn-lint crashed: %s", r.stderr()).isZero();
            for (JsonNode m : json.readTree(r.stdout().isBlank() ? "[]" : r.stdout())) {
                String file = m.path("Filename").asText();
                String what = m.path("Rule").path("Id").asText() + " at "
                        + m.path("Location").path("Path") + ": "
                        + m.path("Message").asText();
                findings.computeIfAbsent(what, k -> new ArrayList<>())
                        .add(JudgedTemplates.caseOf(Path.of(file)) + " ("
                                + Path.of(file).getFileName() + ":"
                                + m.path("Location")
                                        .path("Start")
                                        .path("LineNumber")
                                        .asInt() + ")");
            }
        }
        List<String> summary = findings.entrySet().stream()
                .map(e -> e.getKey() + " -- " + e.getValue().size() + " templates, e.g. "
                        + e.getValue().get(0))
                .toList();
        assertThat(summary)
                .as("cfn-lint findings over %d templates (files in %s)", templates.size(), JudgedTemplates.DIR)
                .isEmpty();
    }

    /** A self-made template with a known mistake: proves the judge runs and that its findings reach the assertion. */
    @Test
    void cfnLint_reportsAKnownMistake() throws Exception {
        Path bad = java.nio.file.Files.createTempFile("bad", ".template.yaml");
        java.nio.file.Files.writeString(bad, """
                AWSTemplateFormatVersion: '2010-09-09'
                Resources:
                  Group:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: "the app's group"
                """);
        List<String> cmd = new ArrayList<>(Judges.cfnLint());
        cmd.addAll(List.of("--config-file", CONFIG.toString(), "--format", "json", "--", bad.toString()));
        Judges.Result r = Judges.run(cmd, Path.of("."), 120);
        java.nio.file.Files.delete(bad);
        assertThat(new ObjectMapper().readTree(r.stdout()).findValuesAsText("Id"))
                .contains("E3031");
    }
}
