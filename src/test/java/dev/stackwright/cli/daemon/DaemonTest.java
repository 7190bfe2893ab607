package dev.stackwright.cli.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.cli.CliTest;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as the launcher uses it: the client ({@link Client#run}) in this JVM, the daemon a real process started
 * by it from this build's classes. What a command prints through the daemon must be what it prints in a JVM of its
 * own, byte for byte, with the same exit code.
 */
class DaemonTest {
    private static final Path GOOD = Path.of("src/test/resources/import/snapshot/good");
    private static final Path BROKEN = Path.of("src/test/resources/import/snapshot/broken");
    private static final Path PEERED_DB = Path.of("src/test/resources/between/peered-db");
    private static final Path PROD = Path.of("examples/prod-nat-instances/stackwright.yml");
    private static final Pattern PID = Pattern.compile("pid (\\d+), serving (\\S+) since");

    @TempDir
    Path temp;

    /** The daemons' folder; the client makes it, as the launcher's first command does. */
    private Path daemons() {
        return temp.resolve("daemons");
    }

    @AfterEach
    void stopDaemons() throws IOException {
        for (Path socket : Daemons.sockets(daemons())) {
            Daemons.stop(socket);
        }
    }

    /** How the launcher starts a daemon, with this test's class path; {@code extra} goes after {@code __serve}. */
    private static List<String> server(String... extra) {
        List<String> argv = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.stackwright.cli.Main",
                "__serve"));
        argv.addAll(List.of(extra));
        return argv;
    }

    private CliTest.Run client(List<String> server, String... args) {
        return client(daemons(), "60", server, args);
    }

    private static CliTest.Run client(Path dir, String idle, List<String> server, String... args) {
        List<String> argv = new ArrayList<>(List.of(dir.toString(), idle, String.valueOf(server.size())));
        argv.addAll(server);
        argv.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Client.run(argv.toArray(String[]::new), out, err);
        return new CliTest.Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path onlySocket() throws IOException {
        List<Path> sockets = Daemons.sockets(daemons());
        assertThat(sockets).hasSize(1);
        return sockets.getFirst();
    }

    private long pid() throws IOException {
        Daemons.Answer status = Daemons.status(onlySocket());
        assertThat(status.answered()).as(status.text()).isTrue();
        Matcher m = PID.matcher(status.text());
        assertThat(m.find()).as(status.text()).isTrue();
        assertThat(m.group(2)).isEqualTo(Path.of("").toAbsolutePath().toString());
        return Long.parseLong(m.group(1));
    }

    private static final String STARTING = "stackwright: starting a background JVM";

    @Test
    void commands_printThroughTheDaemon_whatTheyPrintInAJvmOfTheirOwn() throws IOException {
        Path badSpec = temp.resolve("bad.yml");
        Files.writeString(badSpec, "name: shop\nnetwork:\n  azs: 9\n");
        Path out = temp.resolve("out");
        List<String[]> commands = List.of(
                new String[] {"check", "--snapshot", GOOD.toString()},
                new String[] {"check", "--snapshot", PEERED_DB.toString(), "--format", "json"},
                new String[] {"check", "--snapshot", BROKEN.toString()},
                new String[] {"why", "internet", "nobody-here", "22", "--snapshot", GOOD.toString()},
                new String[] {"plan", "-f", PROD.toString()},
                new String[] {"validate", "-f", badSpec.toString()},
                new String[] {"synth", "-f", PROD.toString(), "-o", out.toString()},
                new String[] {"check", "--no-such-option"});
        List<String> server = server();
        CliTest.Run first = client(server, "validate", "-f", PROD.toString());
        assertThat(first.err()).startsWith(STARTING);
        assertThat(first.code()).isZero();
        long pid = pid();
        List<Integer> codes = new ArrayList<>();
        for (String[] command : commands) {
            CliTest.Run viaDaemon = client(server, command);
            if (command[0].equals("synth")) {
                // Written by the daemon; written again below by the in-process run, which needs --force then.
                assertThat(out).isNotEmptyDirectory();
                command = List.of("synth", "-f", PROD.toString(), "-o", out.toString(), "--force")
                        .toArray(String[]::new);
                viaDaemon = client(server, command);
            }
            CliTest.Run own = CliTest.run(command);
            assertThat(viaDaemon).as(String.join(" ", command)).isEqualTo(own);
            codes.add(own.code());
        }
        // The cases cover success, findings, bad input and a usage error, so the exit codes are carried too.
        assertThat(codes).contains(0, 1, 2);
        assertThat(pid()).as("one daemon served them all").isEqualTo(pid);
        assertThat(Daemons.status(onlySocket()).text()).contains((commands.size() + 2) + " commands");
    }

    @Test
    void aRequestFromAnotherFolder_isRefused_andTheDaemonGoesOn() throws IOException {
        assertThat(client(server(), "validate", "-f", PROD.toString()).code()).isZero();
        try (SocketChannel channel = Client.connect(onlySocket())) {
            assertThat(channel).isNotNull();
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel));
            new Wire.Request(Wire.Kind.RUN, "/somewhere/else", "UTF-8", List.of("plan", "-f", PROD.toString()))
                    .write(out);
            DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
            assertThat(in.readByte()).isEqualTo(Wire.REFUSED);
            assertThat(new String(Wire.readBytes(in), StandardCharsets.UTF_8))
                    .isEqualTo("this daemon serves " + Path.of("").toAbsolutePath());
        }
        assertThat(client(server(), "validate", "-f", PROD.toString()))
                .isEqualTo(CliTest.run("validate", "-f", PROD.toString()));
    }

    @Test
    void aRebuiltJar_stopsTheDaemon_andTheCommandRunsInANewOne() throws IOException {
        Path jar = Files.writeString(temp.resolve("stackwright.jar"), "a jar");
        List<String> server = server("--watch", jar.toString());
        assertThat(client(server, "validate", "-f", PROD.toString()).code()).isZero();
        long before = pid();
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        CliTest.Run after = client(server, "validate", "-f", PROD.toString());
        assertThat(after.err()).startsWith(STARTING);
        assertThat(after.out())
                .isEqualTo(CliTest.run("validate", "-f", PROD.toString()).out());
        assertThat(pid()).isNotEqualTo(before);
        ProcessHandle.of(before)
                .ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
        assertThat(Files.readString(
                        daemons().resolve(onlySocket().getFileName().toString().replace(".sock", ".log"))))
                .contains("stopping: the jar changed");
    }

    @Test
    void anIdleDaemon_stops_andTakesItsSocketWithIt() throws IOException, InterruptedException {
        assertThat(client(daemons(), "1", server(), "validate", "-f", PROD.toString())
                        .code())
                .isZero();
        Path socket = onlySocket();
        long pid = pid();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (Files.exists(socket) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(socket).doesNotExist();
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        assertThat(Files.readString(
                        daemons().resolve(socket.getFileName().toString().replace(".sock", ".log"))))
                .contains("stopping: idle for 1 s (1 commands served)");
    }

    @Test
    void aDaemonKilledOutright_isReplaced_byTheNextCommand() throws IOException {
        List<String> server = server();
        assertThat(client(server, "validate", "-f", PROD.toString()).code()).isZero();
        Path socket = onlySocket();
        ProcessHandle killed = ProcessHandle.of(pid()).orElseThrow();
        killed.destroyForcibly();
        killed.onExit().join();
        assertThat(socket).as("a dead daemon's socket stays behind").exists();
        CliTest.Run next = client(server, "plan", "-f", PROD.toString());
        assertThat(next.err()).startsWith(STARTING);
        assertThat(next.out())
                .isEqualTo(CliTest.run("plan", "-f", PROD.toString()).out());
        assertThat(pid()).isNotEqualTo(killed.pid());
    }

    @Test
    void twoClientsAtOnce_eachGetTheirOwnAnswer() throws IOException {
        List<String> server = server();
        assertThat(client(server, "validate", "-f", PROD.toString()).code()).isZero();
        CompletableFuture<CliTest.Run> plan =
                CompletableFuture.supplyAsync(() -> client(server, "plan", "-f", PROD.toString()));
        CompletableFuture<CliTest.Run> check =
                CompletableFuture.supplyAsync(() -> client(server, "check", "--snapshot", PEERED_DB.toString()));
        assertThat(plan.join()).isEqualTo(CliTest.run("plan", "-f", PROD.toString()));
        assertThat(check.join()).isEqualTo(CliTest.run("check", "--snapshot", PEERED_DB.toString()));
    }

    @Test
    void aClientThatGoesAway_leavesTheDaemonServing() throws IOException {
        List<String> server = server();
        assertThat(client(server, "validate", "-f", PROD.toString()).code()).isZero();
        try (SocketChannel channel = Client.connect(onlySocket())) {
            assertThat(channel).isNotNull();
            new Wire.Request(
                            Wire.Kind.RUN,
                            Path.of("").toAbsolutePath().toString(),
                            "UTF-8",
                            List.of("check", "--snapshot", PEERED_DB.toString()))
                    .write(new DataOutputStream(Channels.newOutputStream(channel)));
        } // closed before a byte of the answer is read
        assertThat(client(server, "plan", "-f", PROD.toString())).isEqualTo(CliTest.run("plan", "-f", PROD.toString()));
    }

    @Test
    void aFolderOthersCanOpen_isNotUsed_andNothingRuns() throws IOException {
        Files.createDirectory(
                daemons(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(daemons(), PosixFilePermissions.fromString("rwxrwxrwx"));
        CliTest.Run r = client(server(), "plan", "-f", PROD.toString());
        assertThat(r.code()).isEqualTo(Client.NOT_SERVED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("must belong to you alone", "rwxrwxrwx", "STACKWRIGHT_DAEMON=off");
        assertThat(Daemons.sockets(daemons())).isEmpty();
    }

    @Test
    void aLinkInPlaceOfTheFolder_isNotUsed() throws IOException {
        Path real = Files.createDirectory(temp.resolve("real"));
        Files.createSymbolicLink(daemons(), real);
        CliTest.Run r = client(server(), "plan", "-f", PROD.toString());
        assertThat(r.code()).isEqualTo(Client.NOT_SERVED);
        assertThat(r.err()).contains("is not a folder");
        assertThat(Daemons.sockets(real)).isEmpty();
    }

    @Test
    void aDaemonThatCannotStart_leavesTheCommandToTheLauncher() {
        List<String> broken =
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+NoSuchOption");
        CliTest.Run r = client(broken, "plan", "-f", PROD.toString());
        assertThat(r.code()).isEqualTo(Client.NOT_SERVED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("the background JVM did not start (see ", ".log); running without it");
    }

    /**
     * A daemon that dies half-way through a command. Played by a socket of the test's own: a real daemon cannot be
     * made to die between two frames on cue.
     */
    @Test
    void anAnswerCutOff_isAnErrorThatNamesTheLog_notARunAgain() throws Exception {
        Files.createDirectory(
                daemons(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        List<String> server = server();
        Path socket = daemons()
                .resolve(Client.key(server, Path.of("").toAbsolutePath().toString()) + ".sock");
        try (ServerSocketChannel fake = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            fake.bind(UnixDomainSocketAddress.of(socket));
            CompletableFuture<Void> answer = CompletableFuture.runAsync(() -> {
                try (SocketChannel c = fake.accept()) {
                    Wire.Request.read(new DataInputStream(Channels.newInputStream(c)));
                    DataOutputStream out = new DataOutputStream(Channels.newOutputStream(c));
                    byte[] half = "half of a report\n".getBytes(StandardCharsets.UTF_8);
                    Wire.writeFrame(out, Wire.OUT, half, 0, half.length);
                    out.flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            CliTest.Run r = client(server, "plan", "-f", PROD.toString());
            answer.join();
            assertThat(r.code()).isEqualTo(70);
            assertThat(r.out()).isEqualTo("half of a report\n");
            assertThat(r.err())
                    .contains(
                            "the background JVM stopped before the command finished", ".log", "STACKWRIGHT_DAEMON=off");
        }
    }

    @Test
    void aFolderWhosePathIsTooLongForASocket_isNotUsed() {
        Path deep = temp.resolve("d".repeat(100));
        CliTest.Run r = client(deep, "60", server(), "plan", "-f", PROD.toString());
        assertThat(r.code()).isEqualTo(Client.NOT_SERVED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .contains("its socket's path would be", "Fix: set STACKWRIGHT_DAEMON_DIR to a shorter folder");
    }

    @Test
    void daemonCommand_listsAndStops_theDaemonsOfItsFolder() throws IOException {
        assertThat(CliTest.run("daemon", "status", "--dir", daemons().toString())
                        .out())
                .isEqualTo("No background JVM is running.\n");
        assertThat(client(server(), "validate", "-f", PROD.toString()).code()).isZero();
        Path socket = onlySocket();
        CliTest.Run status = CliTest.run("daemon", "status", "--dir", daemons().toString());
        assertThat(status.code()).isZero();
        assertThat(status.out()).startsWith(socket.getFileName() + ": pid " + pid() + ", serving ");
        CliTest.Run stop = CliTest.run("daemon", "stop", "--dir", daemons().toString());
        assertThat(stop).isEqualTo(new CliTest.Run(0, "Stopped 1 background JVM.\n", ""));
        assertThat(Daemons.sockets(daemons())).isEmpty();
        assertThat(CliTest.run("daemon", "stop", "--dir", daemons().toString()).out())
                .isEqualTo("No background JVM was running.\n");
    }

    @Test
    void daemonCommand_onAFile_isAUserMistake() throws IOException {
        Path file = Files.writeString(temp.resolve("file"), "x");
        CliTest.Run r = CliTest.run("daemon", "status", "--dir", file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(file + ":1:1: not a folder", "Fix: give the daemons' folder with --dir");
    }

    @Test
    void theDaemonsCommandLines_areHiddenFromHelp() {
        assertThat(CliTest.run("--help").out()).contains("daemon").doesNotContain("__serve");
    }

    @Test
    void keys_differByBuildOptionsAndFolder() {
        List<String> a = List.of("java", "-cp", "x.jar", "Main", "__serve");
        assertThat(Client.key(a, "/p")).hasSize(32).isEqualTo(Client.key(a, "/p"));
        assertThat(Client.key(a, "/q")).isNotEqualTo(Client.key(a, "/p"));
        assertThat(Client.key(List.of("java", "-cp", "y.jar", "Main", "__serve"), "/p"))
                .isNotEqualTo(Client.key(a, "/p"));
        assertThat(Client.key(List.of("ab", "c"), "/p")).isNotEqualTo(Client.key(List.of("a", "bc"), "/p"));
    }
}
