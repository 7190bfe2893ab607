package dev.stackwright.starter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.cli.CliTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** The JDK running these tests (Java 21+), which the starters' commands and the images' java run with. */
    private static final String JAVA_HOME = System.getProperty("java.home");

    private static final String PATH_WITH_JDK =
            JAVA_HOME + "/bin:" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin");

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
        theImage_builds_andAnswersItsHealthCheck(language, project, env, work.resolve("image-" + name));
    }

    /**
     * What each starter's Dockerfile does that {@link ImageRecipe} cannot carry out here, and why: a new instruction of
     * that kind fails this test until it is added here, after a look at what it does.
     */
    private static final Map<String, List<String>> NOT_CARRIED_OUT = Map.of(
            "java",
            List.of(
                    "FROM public.ecr.aws/docker/library/maven:3.9-eclipse-temurin-21 AS build",
                    "FROM public.ecr.aws/docker/library/eclipse-temurin:21-jre-alpine",
                    "RUN addgroup -S app && adduser -S -G app app",
                    "USER app",
                    "HEALTHCHECK CMD wget -q -O /dev/null \"http://127.0.0.1:${PORT}/health\" || exit 1"),
            "node",
            List.of(
                    "FROM node:20-alpine AS dependencies",
                    "FROM node:20-alpine",
                    "ADD https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem"
                            + " /etc/ssl/certs/rds-global-bundle.pem",
                    "COPY /lambda-adapter /opt/extensions/lambda-adapter",
                    "USER node",
                    "HEALTHCHECK CMD [\"node\", \"-e\", \"fetch('http://127.0.0.1:' + (process.env.PORT || 8080)"
                            + " + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))\"]"));

    /**
     * The project's Dockerfile, carried out without Docker ({@link ImageRecipe}: no daemon and no registry here): its
     * build stages run offline, with Maven's dependencies fetched by the Dockerfile's own {@code dependency:go-offline}
     * into an empty local repository (from this machine's, as the only remote) and npm's from its cache; then the last
     * stage's command starts in that stage's folder with the database's settings, and {@code GET /health} answers 200.
     */
    private static void theImage_builds_andAnswersItsHealthCheck(
            String language, Path project, Map<String, String> database, Path into) throws Exception {
        Starter starter = starter(language);
        ImageRecipe recipe = ImageRecipe.parse(Files.readString(project.resolve("Dockerfile")));
        Files.createDirectories(into);
        Path log = into.resolve("build.log");
        ImageRecipe.Image image;
        try {
            image = recipe.build(project, into, offlineTools(into, recipe.text()), log);
        } catch (ImageRecipe.BuildFailed e) {
            throw new AssertionError(e.getMessage() + "\n" + LocalDatabase.tail(log), e);
        }
        assertThat(recipe.notCarriedOut().stream()
                        .map(s -> s.instruction().keyword() + " "
                                + s.instruction().arguments()))
                .as("the instructions the emulation leaves out (see ImageRecipe)")
                .containsExactlyElementsOf(NOT_CARRIED_OUT.get(language));
        assertThat(image.exposed()).containsExactly(starter.port());

        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(image.command());
        if (command.getFirst().equals("java")) {
            command.set(0, JAVA_HOME + "/bin/java");
        }
        Path runLog = into.resolve("run.log");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(image.workdir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(runLog.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("DB_") || k.equals("PORT"));
        pb.environment().putAll(image.env());
        pb.environment().putAll(database);
        pb.environment().put("PORT", Integer.toString(port));
        pb.environment().put("PATH", PATH_WITH_JDK);
        Process app = pb.start();
        try {
            int status = health(app, port, starter.healthPath());
            assertThat(status)
                    .as(
                            "GET %s of `%s` (the image's command); its output:%n%s",
                            starter.healthPath(), String.join(" ", image.command()), LocalDatabase.tail(runLog))
                    .isEqualTo(200);
        } finally {
            app.destroy();
            if (!app.waitFor(20, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    /**
     * The environment of the Dockerfile's RUN commands: the JDK running these tests; the Maven of the build image's tag
     * ({@link #imageMaven}) with an empty local repository whose only remote is this machine's repository (a file:
     * mirror standing in for Maven Central, so nothing is downloaded, and what the build fetches must be there); npm
     * from its cache only.
     */
    private static Map<String, String> offlineTools(Path into, String dockerfile) throws Exception {
        Path settings = into.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <mirrors>
                    <mirror><id>this-machine</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                </settings>
                """.formatted(MACHINE_REPOSITORY.toUri()));
        String path = PATH_WITH_JDK;
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", JAVA_HOME);
        env.put("npm_config_offline", "true");
        Matcher maven = Pattern.compile("FROM \\S*/maven:(\\d+\\.\\d+)-").matcher(dockerfile);
        if (maven.find()) {
            Path home = imageMaven(maven.group(1), into);
            path = home.resolve("bin") + ":" + path;
            env.put("MAVEN_ARGS", "-s " + settings + " -Dmaven.repo.local=" + into.resolve("repository"));
        }
        env.put("PATH", path);
        return env;
    }

    private static final Path MACHINE_REPOSITORY = Path.of(System.getProperty("user.home"), ".m2", "repository");

    /**
     * The newest Maven of the build image's line ({@code 3.9} for {@code maven:3.9-...}) that
     * scripts/prefetch-starters.sh put in this machine's repository, unpacked into {@code into}. Not the machine's own
     * Maven: 3.8 puts other plugins on the class path than 3.9, and so fails on its own way.
     */
    private static Path imageMaven(String line, Path into) throws Exception {
        Path versions = MACHINE_REPOSITORY.resolve("org/apache/maven/apache-maven");
        List<String> found;
        try (Stream<Path> dirs = Files.exists(versions) ? Files.list(versions) : Stream.empty()) {
            found = dirs.map(d -> d.getFileName().toString())
                    .filter(v -> v.matches(Pattern.quote(line) + "\\.\\d+"))
                    .filter(v -> Files.exists(versions.resolve(v + "/apache-maven-" + v + "-bin.tar.gz")))
                    .sorted(Comparator.comparingInt((String v) -> Integer.parseInt(v.substring(line.length() + 1))))
                    .toList();
        }
        assertThat(found)
                .as("Maven %s.x, the build image's, in %s: run scripts/prefetch-starters.sh", line, versions)
                .isNotEmpty();
        String version = found.getLast();
        Path log = into.resolve("maven-unpack.log");
        int code = runShell(
                "tar xzf " + versions.resolve(version + "/apache-maven-" + version + "-bin.tar.gz"),
                into,
                Map.of(),
                log);
        assertThat(code).as(LocalDatabase.tail(log)).isZero();
        return into.resolve("apache-maven-" + version);
    }

    /** The status of the health endpoint once the app listens (up to a minute), or -1 if it stopped first. */
    private static int health(Process app, int port, String path) throws InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline && app.isAlive()) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
            } catch (IOException notYet) {
                Thread.sleep(250);
            }
        }
        return -1;
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
        pb.environment().put("JAVA_HOME", JAVA_HOME);
        pb.environment().put("PATH", PATH_WITH_JDK);
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
