package dev.stackwright.starter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.cli.CliTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every starter language with every database choice, as a user gets it: {@code stackwright init --starter} into an
 * empty folder, {@code validate} and {@code synth} of the stackwright.yml it wrote, then the starter's own tests (the
 * {@code test} command of its starter.properties) in that folder, offline, against a real PostgreSQL 15 or MariaDB
 * this harness starts on 127.0.0.1 (one server per engine, one database per project).
 *
 * <p>Dependencies come from the local caches: scripts/test.sh and .ci/run run each starter's {@code prefetch} command
 * first. The variable {@code STACKWRIGHT_STARTERS_ONLY=java} narrows the run to one language while working on it; by
 * default every language
 * Stackwright ships runs, and a missing one fails.
 */
class StarterProjectsTest {
    private static final Path STARTERS = Path.of("src/main/resources/dev/stackwright/starters");

    @TempDir
    static Path work;

    private static final Map<Database, LocalDatabase> SERVERS = new EnumMap<>(Database.class);

    /**
     * The starter languages shipped under src/main/resources: every one Stackwright offers, or the one
     * STACKWRIGHT_STARTERS_ONLY names while working on it.
     */
    static List<String> shippedLanguages() throws IOException {
        List<String> shipped;
        try (Stream<Path> dirs = Files.list(STARTERS)) {
            shipped = dirs.filter(Files::isDirectory)
                    .map(d -> d.getFileName().toString())
                    .filter(n -> !n.equals(Starter.COMMON))
                    .sorted()
                    .toList();
        }
        String only = System.getenv().getOrDefault("STACKWRIGHT_STARTERS_ONLY", "");
        if (only.isEmpty()) {
            assertThat(shipped)
                    .as("the starter folders are the languages init --starter offers")
                    .containsExactlyInAnyOrderElementsOf(Starter.LANGUAGES);
            return shipped;
        }
        assertThat(shipped)
                .as("STACKWRIGHT_STARTERS_ONLY names a shipped starter")
                .contains(only);
        return List.of(only);
    }

    static Stream<Arguments> projects() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (String language : shippedLanguages()) {
            for (Database db : Database.values()) {
                cases.add(Arguments.of(language, db));
            }
        }
        return cases.stream();
    }

    @AfterAll
    static void stopServers() {
        // Each server stops even when another fails to.
        List<Throwable> failures = new ArrayList<>();
        for (LocalDatabase server : SERVERS.values()) {
            try {
                server.close();
            } catch (RuntimeException | Error e) {
                failures.add(e);
            }
        }
        SERVERS.clear();
        if (!failures.isEmpty()) {
            throw new AssertionError("a database server did not stop", failures.getFirst());
        }
    }

    @ParameterizedTest(name = "{0} starter with {1}")
    @MethodSource("projects")
    void theStarter_isWritten_deploysOnPaper_andItsOwnTestsPass(String language, Database db) throws Exception {
        Path project = work.resolve(language + "-" + db.id());
        Path spec = project.resolve("stackwright.yml");
        String name = "shop-" + language + "-" + db.id();

        CliTest.Run init = CliTest.run(
                "init", "--starter", language, "--database", db.id(), "--name", name, "-f", spec.toString());
        assertThat(init.code()).as(init.err()).isZero();
        assertThat(init.out()).contains("wrote the " + language + " starter");

        CliTest.Run validate = CliTest.run("validate", "-f", spec.toString());
        assertThat(validate.code()).as(validate.err()).isZero();
        CliTest.Run synth = CliTest.run(
                "synth",
                "-f",
                spec.toString(),
                "-o",
                work.resolve("synth-" + name).toString());
        assertThat(synth.code()).as(synth.err()).isZero();
        String app = Files.readString(work.resolve("synth-" + name).resolve(name + "-app.template.yaml"));
        assertThat(app).contains("ContainerPort: 8080").contains("Image:");
        assertThat(Files.readString(spec))
                .contains("healthCheckPath: " + starter(language).healthPath())
                .contains("compute: fargate")
                .doesNotContainPattern("(?m)^\\s*image:");
        assertThat(app.contains("AWS::RDS::DBInstance")).isEqualTo(db != Database.NONE);

        Starter starter = starter(language);
        Map<String, String> env = new HashMap<>();
        if (db != Database.NONE) {
            env.putAll(server(db).createDatabase(("starter_" + language + "_" + db.id())));
        }
        Path log = work.resolve(name + ".log");
        int code = runShell(starter.testCommand(), project, env, log);
        assertThat(code)
                .as(
                        "`%s` in %s exited %d; its output:%n%s",
                        starter.testCommand(), project, code, LocalDatabase.tail(log))
                .isZero();
        if (language.equals("java")) {
            // Surefire wrote a report per test class: the tests ran, not just the build.
            try (Stream<Path> reports = Files.list(project.resolve("target/surefire-reports"))) {
                assertThat(reports.filter(p -> p.getFileName().toString().startsWith("TEST-")))
                        .hasSize(db == Database.NONE ? 2 : 4);
            }
        }
    }

    private static synchronized LocalDatabase server(Database db) {
        return SERVERS.computeIfAbsent(db, LocalDatabase::start);
    }

    static Starter starter(String language) throws IOException {
        return Starter.parse(language, resource(language, "starter.properties"), resource(language, "files.txt"));
    }

    private static String resource(String language, String file) throws IOException {
        try (InputStream in =
                StarterProjectsTest.class.getResourceAsStream("/dev/stackwright/starters/" + language + "/" + file)) {
            assertThat(in).as(language + "/" + file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Runs a starter's command with bash in its folder, with the JDK running these tests (Java 21+) first on the PATH
     * and the DB_* variables given (none other inherited), offline; output to {@code log}.
     */
    static int runShell(String command, Path dir, Map<String, String> env, Path log)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("DB_") || k.equals("PORT"));
        String javaHome = System.getProperty("java.home");
        pb.environment().put("JAVA_HOME", javaHome);
        pb.environment().put("PATH", javaHome + "/bin:" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
