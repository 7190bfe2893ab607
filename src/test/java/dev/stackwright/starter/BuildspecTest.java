package dev.stackwright.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The starters' build.yml and the common release.yml against the buildspec format ({@link Buildspec}). */
class BuildspecTest {
    private static final Path STARTERS = Path.of("src/main/resources/dev/stackwright/starters");

    static Stream<Path> buildspecs() throws IOException {
        return Stream.concat(
                StarterProjectsTest.shippedLanguages().stream()
                        .map(l -> STARTERS.resolve(l).resolve("build.yml")),
                Stream.of(STARTERS.resolve("common/release.yml")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("buildspecs")
    void shippedBuildspec_followsTheFormat_andNamesWhatThePipelineSets(Path file) throws IOException {
        assertThat(Buildspec.problems(file.toString(), Files.readString(file))).isEmpty();
    }

    @Test
    void buildYml_pushesTheImage_andHandsItsDigestToRelease() throws IOException {
        for (String language : StarterProjectsTest.shippedLanguages()) {
            String text = Files.readString(STARTERS.resolve(language).resolve("build.yml"));
            assertThat(text)
                    .as(language)
                    .contains("REPOSITORY_URI", "CODEBUILD_RESOLVED_SOURCE_VERSION", "imagedefinitions.json")
                    .contains("imageDetail.json", "\"ImageTag\"");
            assertThat(Buildspec.parse(text).path("artifacts").path("files").toString())
                    .contains("imagedefinitions.json", "imageDetail.json");
        }
        // release.yml reads the tag build.yml wrote and rolls it out through the app stack, nothing else.
        String release = Files.readString(STARTERS.resolve("common/release.yml"));
        assertThat(release)
                .contains("imageDetail.json", ".ImageTag")
                .contains("aws cloudformation update-stack", "--use-previous-template", "UsePreviousValue=true")
                .contains("aws cloudformation wait stack-update-complete")
                .doesNotContain("aws ecs update-service", "aws lambda update-function-code");
    }

    @Test
    void checker_findsWhatCodeBuildWouldRefuse() {
        String good = """
                # Reads NAME.
                version: 0.2
                env:
                  shell: bash
                  exported-variables: [OUT]
                phases:
                  build:
                    commands:
                      - OUT="$NAME"
                      - echo "$OUT" > out.txt
                artifacts:
                  files: [out.txt]
                """;
        assertThat(Buildspec.problems("good.yml", good)).isEmpty();

        assertThat(Buildspec.problems("v.yml", good.replace("version: 0.2", "version: 0.1")))
                .containsExactly("v.yml: version: must be 0.2 (got 0.1)");
        assertThat(Buildspec.problems("p.yml", good.replace("  build:", "  deploy:")))
                .anyMatch(p -> p.contains("phases.deploy: not a phase"));
        assertThat(Buildspec.problems("m.yml", good.replace("    commands:", "    run-as: root\n    commands:")))
                .isEmpty();
        assertThat(Buildspec.problems("o.yml", "version: 0.2\nphases:\n  build:\n    on-failure: ABORT\n"))
                .containsExactly("o.yml: phases.build: has no commands");
        assertThat(Buildspec.problems("c.yml", good.replace("- OUT=\"$NAME\"", "- echo \"result: $NAME\"")))
                .anyMatch(p -> p.contains("is not a string (quote a command that holds ': ')"));
        assertThat(Buildspec.problems("f.yml", good.replace("    commands:", "    on-failure: STOP\n    commands:")))
                .containsExactly("f.yml: phases.build.on-failure: must be ABORT or CONTINUE (got STOP)");
        assertThat(Buildspec.problems("r.yml", good.replace("  build:", "  build:\n    runtime-versions: {java: x}")))
                .containsExactly("r.yml: phases.build.runtime-versions: only the install phase has it");
        assertThat(Buildspec.problems("e.yml", good.replace("[OUT]", "[OUT, NEVER]")))
                .containsExactly("e.yml: env.exported-variables: NEVER is exported but no command sets it");
        assertThat(Buildspec.problems("a.yml", good.replace("[out.txt]", "[out.txt, missing.json]")))
                .containsExactly("a.yml: artifacts.files: no command writes missing.json");
        assertThat(Buildspec.problems("h.yml", good.replace("# Reads NAME.", "# Reads nothing.")))
                .singleElement()
                .asString()
                .contains("read [NAME] without setting them");
        assertThat(Buildspec.problems("b.yml", good.replace("\"$NAME\"", "\"$NAME $CODEBUILD_BUILD_ID\"")))
                .as("CodeBuild's own variables need no mention")
                .isEmpty();
        assertThat(Buildspec.problems("k.yml", good + "deploy: true\n"))
                .singleElement()
                .asString()
                .contains("deploy: not a buildspec key");
        assertThat(Buildspec.problems("n.yml", good.replace("phases:", "phase:")))
                .anyMatch(p -> p.contains("phases: required"));
    }

    @Test
    void script_runsThePhasesInCodeBuildsOrder() {
        String text = """
                version: 0.2
                phases:
                  post_build: {commands: [echo 4]}
                  build: {commands: [echo 3]}
                  install: {commands: [echo 1]}
                  pre_build: {commands: [echo 2]}
                """;
        assertThat(Buildspec.script(text).lines().toList())
                .isEqualTo(List.of("set -eo pipefail", "echo 1", "echo 2", "echo 3", "echo 4"));
    }

    @Test
    void script_setsTheBuildspecsVariables_beforeTheFirstCommand() {
        String text = """
                version: 0.2
                env:
                  variables:
                    DB_HOST: "127.0.0.1"
                    NOTE: "it's $HOME"
                phases:
                  build: {commands: [echo 1]}
                """;
        assertThat(Buildspec.script(text).lines().toList())
                .isEqualTo(List.of(
                        "set -eo pipefail", "export DB_HOST='127.0.0.1'", "export NOTE='it'\\''s $HOME'", "echo 1"));
    }
}
