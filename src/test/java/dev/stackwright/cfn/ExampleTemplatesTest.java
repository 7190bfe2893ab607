package dev.stackwright.cfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.stackwright.Golden;
import dev.stackwright.Stackwright;
import dev.stackwright.cfnspec.ResourceSpecCheck;
import dev.stackwright.report.PlanJson;
import dev.stackwright.report.PlanText;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped examples: golden templates and plans, byte-identical across runs, valid against AWS's spec. */
class ExampleTemplatesTest {

    static Stream<String> examples() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of("examples"))) {
            return dirs.filter(d -> Files.exists(d.resolve("stackwright.yml")))
                    .map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    private static Stackwright.Result plan(String example) {
        return Stackwright.plan(Path.of("examples", example, "stackwright.yml"));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void synth_example_matchesGoldenYamlAndJson(String example) throws IOException {
        JsonNode template = plan(example).networkTemplate().toJson();
        Golden.assertMatches(example + "/network.template.yaml", TemplateWriter.write(template, TemplateWriter.Format.YAML));
        Golden.assertMatches(example + "/network.template.json", TemplateWriter.write(template, TemplateWriter.Format.JSON));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void plan_example_matchesGoldenTextAndJson(String example) throws IOException {
        Stackwright.Result r = plan(example);
        Golden.assertMatches(example + "/plan.txt", PlanText.render(r.network(), r.networkTemplate()));
        Golden.assertMatches(example + "/plan.json",
                TemplateWriter.write(PlanJson.render(r.network(), r.networkTemplate()), TemplateWriter.Format.JSON));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void synth_example_isByteIdenticalAcrossRuns(String example) {
        for (TemplateWriter.Format format : TemplateWriter.Format.values()) {
            String first = TemplateWriter.write(plan(example).networkTemplate().toJson(), format);
            String second = TemplateWriter.write(plan(example).networkTemplate().toJson(), format);
            assertThat(second).isEqualTo(first);
            assertThat(first).endsWith("\n").doesNotContain("\r");
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void synth_example_passesResourceSpecification(String example) {
        ResourceSpecCheck.load().strictTypes().assertValid(plan(example).networkTemplate().toJson());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void synth_example_yamlAndJsonSayTheSame(String example) throws IOException {
        JsonNode template = plan(example).networkTemplate().toJson();
        JsonNode fromYaml = new YAMLMapper().readTree(TemplateWriter.write(template, TemplateWriter.Format.YAML));
        JsonNode fromJson = new ObjectMapper().readTree(TemplateWriter.write(template, TemplateWriter.Format.JSON));
        assertThat(fromJson).isEqualTo(template);
        // YAML quotes numbers-as-strings and reads them back as text; compare the text forms.
        assertThat(fromYaml.toString().replaceAll("\"(-?\\d+)\"", "$1"))
                .isEqualTo(fromJson.toString().replaceAll("\"(-?\\d+)\"", "$1"));
    }
}
