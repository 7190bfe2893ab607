package dev.stackwright.cli;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.cli.CliTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry stack from the command line: what synth writes, and the deploy flags a spec cannot use. */
class RegistryCliTest {
    @TempDir
    Path dir;

    private Path spec(String yaml) throws IOException {
        Path file = dir.resolve("stackwright.yml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void synth_ofAnImageElsewhere_writesNoRegistryTemplate() throws IOException {
        Path out = dir.resolve("out");
        Run r = run(
                "synth",
                "-f",
                spec("name: shop\nservice: {image: 'nginx:1.27'}\n").toString(),
                "-o",
                out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).doesNotContain("registry");
        assertThat(out.resolve("shop-registry.template.yaml")).doesNotExist();
        assertThat(out.resolve("shop-app.template.yaml")).exists();
    }

    /** A foreign file where the registry template goes: refused before any template is written. */
    @Test
    void synth_refusesToOverwriteAForeignRegistryTemplate_andWritesNothing() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("shop-registry.template.yaml"), "mine\n");
        Run r = run("synth", "-f", spec("name: shop\n").toString(), "-o", out.toString());
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err()).contains("shop-registry.template.yaml", "was not written by Stackwright");
        assertThat(out.resolve("shop-network.template.yaml")).doesNotExist();
    }

    @Test
    void plan_showsTheRegistryStackAndItsRepository() throws IOException {
        Run r = run("plan", "-f", spec("name: shop\n").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "shop-registry  (one for every environment of shop)",
                        "Repository   ECR shop: immutable tags",
                        "shop-dev-app  (imports the exports of shop-dev-network and shop-registry)");
    }

    @Test
    void deploy_build_withAnImageElsewhere_isAMistake_withTheFix_beforeAnyAwsCall() throws IOException {
        Run r = run(
                "deploy",
                "--build",
                "-f",
                spec("name: shop\nservice: {image: 'nginx:1.27'}\n").toString(),
                "--endpoint-url",
                "http://127.0.0.1:9");
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err())
                .contains(
                        "--build pushes to the project's registry (ECR shop), but service.image `nginx:1.27` is elsewhere",
                        "Fix: drop --build, or leave service.image out to run from the registry")
                .doesNotContain("internal error");
    }

    @Test
    void deploy_imageTag_withAnImageElsewhere_orNotATag_isAMistake() throws IOException {
        Run elsewhere = run(
                "deploy",
                "--image-tag",
                "v2",
                "-f",
                spec("name: shop\nservice: {image: 'nginx:1.27'}\n").toString(),
                "--endpoint-url",
                "http://127.0.0.1:9");
        assertThat(elsewhere.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(elsewhere.err()).contains("--image-tag names a tag in the project's registry");

        Run badTag = run(
                "deploy",
                "--image-tag",
                "v2:latest",
                "-f",
                spec("name: shop\n").toString(),
                "--endpoint-url",
                "http://127.0.0.1:9");
        assertThat(badTag.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(badTag.err()).contains("--image-tag `v2:latest` is not an image tag", "Fix: use up to 128 letters");
    }
}
