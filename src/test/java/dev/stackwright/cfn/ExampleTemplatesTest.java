package dev.stackwright.cfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.stackwright.Golden;
import dev.stackwright.Stackwright;
import dev.stackwright.cfnspec.ResourceSpecCheck;
import dev.stackwright.report.PlanJson;
import dev.stackwright.report.PlanText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped examples: golden templates and plans, byte-identical across runs, valid against AWS's spec. */
class ExampleTemplatesTest {

    static Stream<String> examples() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of("examples"))) {
            return dirs
                    .filter(d -> Files.exists(d.resolve("stackwright.yml")))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    private static Stackwright.Result plan(String example) {
        return Stackwright.plan(Path.of("examples", example, "stackwright.yml"));
    }

    /** Each example's stacks: network, registry (when the app runs from the project's repository), app, and the
     * pipeline where the example has one. */
    static Stream<org.junit.jupiter.params.provider.Arguments> stacks() throws IOException {
        return examples()
                .flatMap(e -> Stream.of("network", "registry", "app", "pipeline")
                        .filter(s -> switch (s) {
                            case "registry" -> plan(e).registryTemplate().isPresent();
                            case "pipeline" -> plan(e).pipelineTemplate().isPresent();
                            default -> true;
                        })
                        .map(s -> org.junit.jupiter.params.provider.Arguments.of(e, s)));
    }

    private static JsonNode template(String example, String stack) {
        Stackwright.Result r = plan(example);
        return switch (stack) {
            case "network" -> r.networkTemplate().toJson();
            case "registry" -> r.registryTemplate().orElseThrow().toJson();
            case "pipeline" -> r.pipelineTemplate().orElseThrow().toJson();
            default -> r.appTemplate().toJson();
        };
    }

    @Test
    void examples_includeAPipeline() throws IOException {
        assertThat(stacks().map(a -> a.get()[1])).contains("pipeline");
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void synth_example_matchesGoldenYamlAndJson(String example, String stack) throws IOException {
        JsonNode template = template(example, stack);
        Golden.assertMatches(
                example + "/" + stack + ".template.yaml", TemplateWriter.write(template, TemplateWriter.Format.YAML));
        Golden.assertMatches(
                example + "/" + stack + ".template.json", TemplateWriter.write(template, TemplateWriter.Format.JSON));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void plan_example_matchesGoldenTextAndJson(String example) throws IOException {
        Stackwright.Result r = plan(example);
        Golden.assertMatches(
                example + "/plan.txt",
                PlanText.render(r.planned(), r.networkTemplate(), r.application(), r.appTemplate()));
        Golden.assertMatches(
                example + "/plan.json",
                TemplateWriter.write(
                        PlanJson.render(r.planned(), r.networkTemplate(), r.application(), r.appTemplate()),
                        TemplateWriter.Format.JSON));
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void synth_example_isByteIdenticalAcrossRuns(String example, String stack) {
        for (TemplateWriter.Format format : TemplateWriter.Format.values()) {
            String first = TemplateWriter.write(template(example, stack), format);
            String second = TemplateWriter.write(template(example, stack), format);
            assertThat(second).isEqualTo(first);
            assertThat(first).endsWith("\n").doesNotContain("\r");
        }
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void synth_example_passesResourceSpecification(String example, String stack) {
        ResourceSpecCheck.load().strictTypes().assertValid(template(example, stack));
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void synth_example_yamlAndJsonSayTheSame(String example, String stack) throws IOException {
        JsonNode template = template(example, stack);
        JsonNode fromYaml = new YAMLMapper().readTree(TemplateWriter.write(template, TemplateWriter.Format.YAML));
        JsonNode fromJson = new ObjectMapper().readTree(TemplateWriter.write(template, TemplateWriter.Format.JSON));
        assertThat(fromJson).isEqualTo(template);
        // YAML quotes numbers-as-strings and reads them back as text; compare the text forms.
        assertThat(fromYaml.toString().replaceAll("\"(-?\\d+)\"", "$1"))
                .isEqualTo(fromJson.toString().replaceAll("\"(-?\\d+)\"", "$1"));
    }
}
