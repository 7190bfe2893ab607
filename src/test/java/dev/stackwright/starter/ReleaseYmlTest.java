package dev.stackwright.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stackwright.moto.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * release.yml's commands, run as CodeBuild runs them (every phase in order, in bash, stopping at the first failure)
 * with the installed AWS CLI against a local AWS (moto, {@link MotoServer}), on two app stacks boto3 created through
 * CloudFormation (an ECS service and a Lambda function, each with the parameters ImageTag and NetworkStack, the second
 * left at its default); boto3 then reads the stacks back.
 *
 * <p>What moto does not do, and how this test meets it (the checks stay those AWS would pass):
 *
 * <ul>
 *   <li>On a change of ImageTag alone, moto updates the stack's parameter and reports UPDATE_COMPLETE, but the service
 *       keeps its task definition and the function its image (AWS registers a revision and deploys it, or updates the
 *       function's code). So the test checks what release.yml decides, the stack's parameters; the rollout itself is
 *       CloudFormation's (docs/deploy.md).
 *   <li>moto has no deployment circuit breaker and no failed updates, so the branch that reports a rolled-back update
 *       is not reached here.
 *   <li>moto loses a defaulted parameter on UsePreviousValue; the launcher's patch 19 keeps it, as AWS does.
 * </ul>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseYmlTest {
    private static final Path RELEASE = Path.of("src/main/resources/dev/stackwright/starters/common/release.yml");
    private static final String NEW_TAG = "4f53cda";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PIPELINE_VARIABLES =
            Set.of("APP_STACK", "IMAGE_TAG", "IMAGE_DETAIL_ARTIFACT", "CODEBUILD_SRC_DIR_BuildOutput");

    @TempDir
    static Path work;

    private static MotoServer moto;
    private static JsonNode names;

    @BeforeAll
    static void startMotoAndSetUp() throws IOException {
        moto = MotoServer.start(work.resolve("moto.log"), Map.of("MOTO_ECS_SERVICE_RUNNING", "1"));
        names = JSON.readTree(moto.python("release_fixture.py", "setup"));
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    @Order(1)
    void ecs_theStackRunsTheBuiltTag_everyOtherParameterKept() throws Exception {
        JsonNode before = stack("ecsStack");
        Path artifact = Files.createDirectories(work.resolve("build-output"));
        Path source = Files.createDirectories(work.resolve("ecs"));
        // What build.yml hands on: imageDetail.json in the build's output artifact, the release's second input.
        Files.writeString(
                artifact.resolve("imageDetail.json"),
                "{\"ImageURI\":\"" + names.path("repository").asText() + "@sha256:4f53cda18c2b\",\"ImageTag\":\""
                        + NEW_TAG + "\"}\n");

        Result r = release(
                source,
                Map.of(
                        "APP_STACK",
                        text("ecsStack"),
                        "IMAGE_DETAIL_ARTIFACT",
                        "BuildOutput",
                        "CODEBUILD_SRC_DIR_BuildOutput",
                        artifact.toString()));

        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output()).contains("updating shop-dev-app from ImageTag old to " + NEW_TAG, "released " + NEW_TAG);
        JsonNode after = stack("ecsStack");
        assertThat(after.path("status").asText()).isEqualTo("UPDATE_COMPLETE");
        assertThat(after.path("parameters").path("ImageTag").asText()).isEqualTo(NEW_TAG);
        for (String kept : new String[] {"NetworkStack", "SubnetId", "GroupId"}) {
            assertThat(after.path("parameters").path(kept))
                    .as(kept)
                    .isEqualTo(before.path("parameters").path(kept));
        }
        assertThat(before.path("parameters").path("ImageTag").asText()).isEqualTo("old");
    }

    @Test
    @Order(2)
    void lambda_theStackRunsTheTagNamedByImageTag_andAgainChangesNothing() throws Exception {
        Path dir = Files.createDirectories(work.resolve("lambda"));
        Map<String, String> variables = Map.of("APP_STACK", text("lambdaStack"), "IMAGE_TAG", NEW_TAG);
        Result r = release(dir, variables);
        assertThat(r.code()).as(r.output()).isZero();
        JsonNode after = stack("lambdaStack");
        assertThat(after.path("parameters").path("ImageTag").asText()).isEqualTo(NEW_TAG);
        assertThat(after.path("parameters").path("NetworkStack").asText()).isEqualTo("shop-fn-network");

        Result again = release(dir, variables);
        assertThat(again.code()).as(again.output()).isZero();
        assertThat(again.output()).contains("runs " + NEW_TAG + " already").doesNotContain("updating");
    }

    @Test
    @Order(3)
    void anEnvironmentWithoutItsAppStack_isNotAFailure_deployCreatesIt() throws Exception {
        Result r = release(
                Files.createDirectories(work.resolve("new")),
                Map.of("APP_STACK", "shop-prod-app", "IMAGE_TAG", NEW_TAG));
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output())
                .contains("the app stack shop-prod-app is not created yet; stackwright deploy creates it with this "
                        + "image (stackwright deploy --image-tag " + NEW_TAG);
    }

    @Test
    @Order(4)
    void mistakes_stopTheRelease_withWhatToSet() throws Exception {
        Path empty = Files.createDirectories(work.resolve("empty"));
        Result nothing = release(empty, Map.of());
        assertThat(nothing.code()).isNotZero();
        assertThat(nothing.output()).contains("set APP_STACK");

        Result noImage = release(empty, Map.of("APP_STACK", text("ecsStack")));
        assertThat(noImage.code()).isNotZero();
        assertThat(noImage.output()).contains("neither IMAGE_TAG nor ./imageDetail.json");
        assertThat(stack("ecsStack").path("parameters").path("ImageTag").asText())
                .as("nothing changed")
                .isEqualTo(NEW_TAG);
    }

    private record Result(int code, String output) {}

    /** release.yml's commands in {@code dir} (the input artifact), with the pipeline's variables and moto's endpoint. */
    private static Result release(Path dir, Map<String, String> variables) throws IOException, InterruptedException {
        Path script = dir.resolve("release.sh");
        Files.writeString(script, Buildspec.script(Files.readString(RELEASE)));
        Path log = dir.resolve("release-" + System.nanoTime() + ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        // Only what the pipeline would set: nothing of this machine's, and never a real account.
        env.keySet().removeIf(k -> k.startsWith("AWS_") || PIPELINE_VARIABLES.contains(k));
        env.putAll(moto.cliEnvironment(dir));
        env.putAll(variables);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("bash is needed to run release.yml's commands", e);
        }
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("release.yml did not finish in 5 minutes: " + Files.readString(log));
        }
        String output = Files.readString(log);
        if (output.contains("aws: command not found") || output.contains("jq: command not found")) {
            throw new AssertionError("release.yml needs the AWS CLI and jq. Fix: run the tests with scripts/test.sh,"
                    + " which installs them (awscli with pip, jq from Debian); output: " + output);
        }
        return new Result(p.exitValue(), output);
    }

    /** The stack's status and parameters, read by boto3. */
    private static JsonNode stack(String key) throws IOException {
        return JSON.readTree(moto.python("release_fixture.py", "show"))
                .path("stacks")
                .path(text(key));
    }

    private static String text(String key) {
        return names.path(key).asText();
    }
}
