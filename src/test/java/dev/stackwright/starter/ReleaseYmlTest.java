package dev.stackwright.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stackwright.moto.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
 * with the installed AWS CLI against a local AWS (moto, {@link MotoServer}), on an ECS service and a Lambda function
 * that boto3 set up; boto3 then reads what runs.
 *
 * <p>What moto does not do, and how this test meets it (the checks stay those AWS would pass):
 *
 * <ul>
 *   <li>moto runs no ECS tasks. A new service reports {@code MOTO_ECS_SERVICE_RUNNING} tasks running, set here to its
 *       desired count (1), and update-service starts no new deployment: the one PRIMARY deployment keeps its counts.
 *       So {@code aws ecs wait services-stable} (one deployment, running = desired) passes at its first poll; on AWS
 *       it waits until the new revision's tasks run. release.yml then checks that the service runs the new revision,
 *       which moto reports as AWS does.
 *   <li>moto has no deployment circuit breaker, so the rolled-back branch (the service stable on the old revision)
 *       is not reached here.
 *   <li>Lambda: moto marks an update Successful at once, so {@code aws lambda wait function-updated} passes at its
 *       first poll.
 * </ul>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseYmlTest {
    private static final Path RELEASE = Path.of("src/main/resources/dev/stackwright/starters/common/release.yml");
    private static final String NEW_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop-dev@sha256:"
            + "4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PIPELINE_VARIABLES =
            Set.of("CLUSTER", "SERVICE", "FUNCTION_NAME", "IMAGE_URI", "APP_CONTAINER");

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
    void ecs_theServiceRunsANewRevision_withOnlyTheAppImageChanged() throws Exception {
        JsonNode before = show();
        Path artifact = Files.createDirectories(work.resolve("ecs"));
        // What build.yml hands on: imageDetail.json in the build's output artifact.
        Files.writeString(artifact.resolve("imageDetail.json"), "{\"ImageURI\":\"" + NEW_IMAGE + "\"}\n");

        Result r = release(artifact, Map.of("CLUSTER", text("cluster"), "SERVICE", text("service")));

        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output()).contains("released " + NEW_IMAGE);
        JsonNode after = show();
        assertThat(after.path("revision").asInt())
                .isEqualTo(before.path("revision").asInt() + 1);
        assertThat(after.path("images").path("app").asText()).isEqualTo(NEW_IMAGE);
        assertThat(after.path("images").path("log-router"))
                .isEqualTo(before.path("images").path("log-router"));
        for (String kept : new String[] {"environment", "cpu", "memory", "executionRoleArn", "taskRoleArn", "tags"}) {
            assertThat(after.path(kept)).as(kept).isEqualTo(before.path(kept));
        }
        assertThat(after.path("tags").toString()).contains("stackwright:project");
    }

    @Test
    @Order(2)
    void lambda_theFunctionRunsTheImageNamedByImageUri() throws Exception {
        assertThat(show().path("functionImage").asText()).isNotEqualTo(NEW_IMAGE);
        Result r = release(
                Files.createDirectories(work.resolve("lambda")),
                Map.of("FUNCTION_NAME", text("function"), "IMAGE_URI", NEW_IMAGE));
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(show().path("functionImage").asText()).isEqualTo(NEW_IMAGE);
    }

    @Test
    @Order(3)
    void mistakes_stopTheRelease_withWhatToSet() throws Exception {
        Path empty = Files.createDirectories(work.resolve("empty"));
        Result nothing = release(empty, Map.of());
        assertThat(nothing.code()).isNotZero();
        assertThat(nothing.output()).contains("set SERVICE and CLUSTER (ECS) or FUNCTION_NAME (Lambda)");

        Result noImage = release(empty, Map.of("CLUSTER", text("cluster"), "SERVICE", text("service")));
        assertThat(noImage.code()).isNotZero();
        assertThat(noImage.output()).contains("neither IMAGE_URI nor imageDetail.json");

        Result noCluster = release(empty, Map.of("SERVICE", text("service"), "IMAGE_URI", NEW_IMAGE));
        assertThat(noCluster.code()).isNotZero();
        assertThat(noCluster.output()).contains("SERVICE is set but CLUSTER is not");

        int revision = show().path("revision").asInt();
        Result wrongContainer = release(
                empty,
                Map.of(
                        "CLUSTER",
                        text("cluster"),
                        "SERVICE",
                        text("service"),
                        "IMAGE_URI",
                        NEW_IMAGE,
                        "APP_CONTAINER",
                        "web"));
        assertThat(wrongContainer.code()).isNotZero();
        assertThat(wrongContainer.output()).contains("has no container named web");
        assertThat(show().path("revision").asInt()).as("no revision registered").isEqualTo(revision);
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
        Map<String, String> aws = new HashMap<>(Map.of(
                "AWS_ENDPOINT_URL",
                moto.endpoint(),
                "AWS_ACCESS_KEY_ID",
                "stackwright-test",
                "AWS_SECRET_ACCESS_KEY",
                "stackwright-test",
                "AWS_DEFAULT_REGION",
                "us-east-1",
                "AWS_CONFIG_FILE",
                dir.resolve("no-aws-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE",
                dir.resolve("no-aws-credentials").toString()));
        env.putAll(aws);
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

    private static JsonNode show() throws IOException {
        return JSON.readTree(
                moto.python("release_fixture.py", "show", text("cluster"), text("service"), text("function")));
    }

    private static String text(String key) {
        return names.path(key).asText();
    }
}
