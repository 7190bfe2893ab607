package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.model.Environment;
import dev.stackwright.spec.SpecLoader;
import dev.stackwright.spec.StackSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline may promote only to environments the project has, one spec each beside the spec that writes the
 * pipeline: {@code deploy} refuses another with the entry's line and column, before it reaches AWS.
 */
class PipelineEnvironmentsTest {
    private static final String DEV = """
            name: shop
            region: us-east-1
            environment: dev
            pipeline:
              source: {provider: codecommit, repository: shop}
              environments:
                - dev
                - staging
                - prod
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void deploy_promotingToAnEnvironmentWithoutASpec_isOneLocatedLine_withTheFix() throws IOException {
        Path spec = write("stackwright.yml", DEV);
        write("stackwright.staging.yml", "name: shop\nenvironment: staging\n");
        write("other.yml", "name: not-shop\nenvironment: prod\n"); // another project's prod is not this one's

        CliTest.Run r = CliTest.run("deploy", "-f", spec.toString(), "--yes");

        assertThat(r.code()).as(r.err()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err().strip().lines())
                .containsExactly(
                        spec + ":9:7: pipeline.environments[2]: the project shop has no prod environment: no"
                                + " spec beside stackwright.yml says `name: shop` and `environment: prod` (the project has"
                                + " dev, staging) (got prod). Fix: write its spec beside this one (e.g."
                                + " `stackwright.prod.yml` with `name: shop` and `environment: prod`), or remove it from"
                                + " pipeline.environments.",
                        "1 problem found.");
        assertThat(r.err()).doesNotContain("Exception", "java.", "\tat ", "account");
    }

    @Test
    void theProject_isTheSpecsBesideIt_withItsName_whateverTheFilesAreCalled() throws IOException {
        Path spec = write("stackwright.yml", DEV);
        Path staging = write("staging.yaml", "name: shop\nenvironment: staging\n");
        Path prod = write("stackwright.prod.yml", "name: shop\nenvironment: prod\nregion: us-east-1\n");
        write("build.yml", "version: 0.2\nphases: {build: {commands: [make]}}\n");
        write("broken.yml", "name: shop\nenvironment: [prod\n");
        write("notes.txt", "name: shop\nenvironment: prod\n");

        StackSpec loaded = SpecLoader.load(spec);
        assertThat(ProjectEnvironments.find(loaded, spec))
                .isEqualTo(Map.of(Environment.DEV, spec, Environment.STAGING, staging, Environment.PROD, prod));
        ProjectEnvironments.checkPipeline(loaded, spec); // all three there: no complaint
    }
}
