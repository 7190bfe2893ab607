package dev.stackwright.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.stackwright.cli.CliTest;
import dev.stackwright.moto.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each starter's build.yml, run as CodeBuild runs it (its variables, then every phase in order, in bash, stopping at
 * the first failure) in a project {@code init --starter} wrote, with the installed AWS CLI against a local AWS (moto,
 * {@link MotoServer}) that holds the project's ECR repository.
 *
 * <p>No Docker engine runs on this machine, and the project's tests need the database container: {@code docker},
 * {@code mvn} and {@code npm} are stand-ins ({@code src/test/resources/moto/build_tools.py}, which says what each
 * refuses as the real one would). {@link StarterProjectsTest} runs the project's tests for real and builds its image
 * from the Dockerfile. What this test holds is the build's plumbing, which no other test reaches: the login to the
 * repository's registry, the database container started and waited for before the tests, with the settings the tests
 * read, the image built and pushed under the commit's tag, and the digest the registry gives written for release.yml
 * under the container name the app template uses.
 */
class BuildYmlTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMMIT = "4f53cda9e1b2c3d4e5f60718293a4b5c6d7e8f90";
    private static final String TAG = COMMIT.substring(0, 7);

    @TempDir
    static Path work;

    private static MotoServer moto;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start(work.resolve("moto.log"));
    }

    @AfterAll
    static void stopMoto() {
        if (moto != null) {
            moto.close();
        }
    }

    static Stream<Arguments> projects() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (String language : StarterProjectsTest.shippedLanguages()) {
            for (Database db : Database.values()) {
                cases.add(Arguments.of(language, db));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} starter with {1}")
    @MethodSource("projects")
    void buildYml_testsAgainstItsDatabase_pushesTheImage_andHandsItsDigestToRelease(String language, Database db)
            throws Exception {
        String name = "build-" + language + "-" + db.id();
        Path project = work.resolve(name);
        CliTest.Run init = CliTest.run(
                "init",
                "--starter",
                language,
                "--database",
                db.id(),
                "--name",
                name,
                "-f",
                project.resolve("stackwright.yml").toString());
        assertThat(init.code()).as(init.err()).isZero();
        String repository = moto.python("build_tools.py", "create-repository", name);

        Build build = build(project, repository);

        assertThat(build.code()).as(build.output()).isZero();
        List<JsonNode> calls = build.calls();
        List<String> docker = calls.stream()
                .filter(c -> c.path("tool").asText().equals("docker"))
                .map(c -> c.path("args").path(0).asText())
                .toList();
        String registry = repository.substring(0, repository.indexOf('/'));
        assertThat(argsOf(calls, "docker", "login"))
                .containsExactly("login", "--username", "AWS", "--password-stdin", registry);

        // The tests ran once, after the database answered, with the settings the database was started with.
        String runner = language.equals("java") ? "mvn" : "npm";
        String goal = language.equals("java") ? "verify" : "test";
        int tests = -1;
        for (int i = 0; i < calls.size() && tests < 0; i++) {
            JsonNode c = calls.get(i);
            if (c.path("tool").asText().equals(runner)
                    && c.path("args").toString().contains("\"" + goal + "\"")) {
                tests = i;
            }
        }
        assertThat(tests).as("the tests ran: " + calls).isNotNegative();
        JsonNode seen = calls.get(tests).path("env");
        assertThat(seen.path("DB_HOST").asText()).isEqualTo("127.0.0.1");
        assertThat(seen.has("DB_PORT"))
                .as("the engine's own port, as the container publishes it")
                .isFalse();
        List<String> run = argsOf(calls, "docker", "run");
        switch (db) {
            case NONE -> assertThat(docker).doesNotContain("run", "exec");
            case POSTGRES -> {
                assertThat(run)
                        .containsSequence("-p", "127.0.0.1:5432:5432")
                        .contains("POSTGRES_USER=" + seen.path("DB_USERNAME").asText())
                        .contains(
                                "POSTGRES_PASSWORD=" + seen.path("DB_PASSWORD").asText())
                        .contains("POSTGRES_DB=" + seen.path("DB_NAME").asText())
                        .last()
                        .asString()
                        .startsWith("public.ecr.aws/docker/library/postgres:");
                assertThat(lastIndexOf(calls, "docker", "exec"))
                        .as("ready before the tests")
                        .isLessThan(tests);
            }
            case MYSQL -> {
                assertThat(run)
                        .containsSequence("-p", "127.0.0.1:3306:3306")
                        .contains("MARIADB_USER=" + seen.path("DB_USERNAME").asText())
                        .contains("MARIADB_PASSWORD=" + seen.path("DB_PASSWORD").asText())
                        .contains("MARIADB_DATABASE=" + seen.path("DB_NAME").asText())
                        .last()
                        .asString()
                        .startsWith("public.ecr.aws/docker/library/mariadb:");
                assertThat(lastIndexOf(calls, "docker", "exec"))
                        .as("ready before the tests")
                        .isLessThan(tests);
            }
        }
        if (db != Database.NONE) {
            assertThat(docker.stream().filter("exec"::equals).count())
                    .as("waited while the database was starting")
                    .isEqualTo(2);
        }
        assertThat(indexOf(calls, "docker", "build"))
                .as("the image is built after the tests")
                .isGreaterThan(tests);
        assertThat(argsOf(calls, "docker", "push")).containsExactly("push", repository + ":" + TAG);

        // The digest the registry holds for the tag, read by boto3, is what release.yml gets.
        String digest = moto.python("build_tools.py", "digest", name, TAG);
        assertThat(digest).startsWith("sha256:");
        String image = repository + "@" + digest;
        JsonNode definitions =
                JSON.readTree(project.resolve("imagedefinitions.json").toFile());
        assertThat(definitions.size()).isEqualTo(1);
        assertThat(definitions.path(0).path("imageUri").asText()).isEqualTo(image);
        assertThat(definitions.path(0).path("name").asText()).isEqualTo(containerName(project, name));
        JsonNode detail = JSON.readTree(project.resolve("imageDetail.json").toFile());
        assertThat(detail.path("ImageURI").asText()).isEqualTo(image);
        assertThat(detail.path("ImageTag").asText()).isEqualTo(TAG);
        assertThat(build.output()).contains("exported IMAGE_URI=" + image, "exported IMAGE_TAG=" + TAG);
    }

    /** The stand-in refuses what a Docker engine and a registry would, so the test above cannot pass by leniency. */
    @Test
    void theDockerStandIn_refusesWhatDockerWould() throws Exception {
        Path dir = Files.createDirectories(work.resolve("refusals"));
        String repository = moto.python("build_tools.py", "create-repository", "refusals");
        String image = repository + ":" + TAG;

        Build noLogin = commands(dir, "docker push " + image);
        assertThat(noLogin.code()).isNotZero();
        assertThat(noLogin.output()).contains("no basic auth credentials");

        Build noDockerfile = commands(dir, "docker build --tag " + image + " .");
        assertThat(noDockerfile.code()).isNotZero();
        assertThat(noDockerfile.output()).contains("failed to read dockerfile");

        Build notBuilt = commands(
                dir,
                "aws ecr get-login-password | docker login --username AWS --password-stdin "
                        + repository.substring(0, repository.indexOf('/')),
                "docker push " + image);
        assertThat(notBuilt.code()).isNotZero();
        assertThat(notBuilt.output()).contains("An image does not exist locally with the tag: " + image);

        Build noContainer = commands(dir, "docker exec test-db pg_isready");
        assertThat(noContainer.code()).isNotZero();
        assertThat(noContainer.output()).contains("No such container: test-db");
    }

    private record Build(int code, String output, Path log) {
        /** What the stand-ins were asked, in order. */
        List<JsonNode> calls() throws IOException {
            if (!Files.exists(log)) {
                return List.of();
            }
            List<JsonNode> out = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                out.add(JSON.readTree(line));
            }
            return out;
        }
    }

    /** build.yml's commands in the project, then each exported variable's value as CodeBuild would read it. */
    private static Build build(Path project, String repository) throws Exception {
        String text = Files.readString(project.resolve("build.yml"));
        StringBuilder script = new StringBuilder(Buildspec.script(text));
        for (JsonNode exported : Buildspec.parse(text).path("env").path("exported-variables")) {
            String v = exported.asText();
            script.append("printf 'exported %s=%s\\n' ")
                    .append(v)
                    .append(" \"${")
                    .append(v)
                    .append("-}\"\n");
        }
        return run(project, script.toString(), Map.of("REPOSITORY_URI", repository));
    }

    /** Commands with the stand-ins and the AWS CLI, as build.yml's run. */
    private static Build commands(Path dir, String... lines) throws Exception {
        return run(dir, "set -eo pipefail\n" + String.join("\n", lines) + "\n", Map.of());
    }

    private static Build run(Path dir, String script, Map<String, String> variables) throws Exception {
        Path bin = standIns(dir.resolve(".stand-ins"));
        Path file = dir.resolve(".build-" + System.nanoTime() + ".sh");
        Files.writeString(file, script);
        Path log = file.resolveSibling(file.getFileName() + ".log");
        Path calls = file.resolveSibling(file.getFileName() + ".calls");
        ProcessBuilder pb = new ProcessBuilder("bash", file.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        // Only what CodeBuild and the pipeline would set: nothing of this machine's, and never a real account.
        env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("DB_") || k.startsWith("CODEBUILD_"));
        env.putAll(moto.cliEnvironment(dir));
        env.putAll(Map.of(
                "CODEBUILD_RESOLVED_SOURCE_VERSION",
                COMMIT,
                "BUILD_TOOLS_LOG",
                calls.toString(),
                "PATH",
                bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));
        env.putAll(variables);
        Process p = pb.start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("build.yml did not finish in 3 minutes: " + Files.readString(log));
        }
        String output = Files.readString(log);
        if (output.contains("aws: command not found")) {
            throw new AssertionError("build.yml needs the AWS CLI. Fix: run the tests with scripts/test.sh, which"
                    + " installs it; output: " + output);
        }
        return new Build(p.exitValue(), output, calls);
    }

    /** A folder with {@code docker}, {@code mvn} and {@code npm}, each the stand-in of build_tools.py. */
    private static Path standIns(Path bin) throws IOException {
        Files.createDirectories(bin);
        Path tools = MotoServer.resource("build_tools.py");
        for (String tool : List.of("docker", "mvn", "npm")) {
            Path f = bin.resolve(tool);
            Files.writeString(f, "#!/bin/sh\nexec python3 '" + tools + "' " + tool + " \"$@\"\n");
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin;
    }

    /** The name of the app's container in the ECS task definition of the app template that synth writes. */
    private static String containerName(Path project, String name) throws IOException {
        Path out = project.resolve("synth");
        CliTest.Run synth =
                CliTest.run("synth", "-f", project.resolve("stackwright.yml").toString(), "-o", out.toString());
        assertThat(synth.code()).as(synth.err()).isZero();
        JsonNode resources = new ObjectMapper(new YAMLFactory())
                .readTree(out.resolve(name + "-app.template.yaml").toFile())
                .path("Resources");
        List<String> names = new ArrayList<>();
        resources.forEach(r -> {
            if (r.path("Type").asText().equals("AWS::ECS::TaskDefinition")) {
                r.path("Properties")
                        .path("ContainerDefinitions")
                        .forEach(c -> names.add(c.path("Name").asText()));
            }
        });
        assertThat(names).as("the app template's containers").hasSize(1);
        return names.getFirst();
    }

    private static int indexOf(List<JsonNode> calls, String tool, String first) {
        for (int i = 0; i < calls.size(); i++) {
            if (is(calls.get(i), tool, first)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastIndexOf(List<JsonNode> calls, String tool, String first) {
        for (int i = calls.size() - 1; i >= 0; i--) {
            if (is(calls.get(i), tool, first)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean is(JsonNode call, String tool, String first) {
        return call.path("tool").asText().equals(tool)
                && call.path("args").path(0).asText().equals(first);
    }

    private static List<String> argsOf(List<JsonNode> calls, String tool, String first) {
        int i = indexOf(calls, tool, first);
        List<String> out = new ArrayList<>();
        if (i >= 0) {
            calls.get(i).path("args").forEach(a -> out.add(a.asText()));
        }
        return out;
    }
}
