package dev.stackwright.starter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A real database server for the starters' own tests, on 127.0.0.1 and a free port, in a folder of its own: Debian's
 * PostgreSQL 15 or MariaDB. A missing server fails the test with the command that installs it (a database test that
 * skipped itself would let the starters' SQL go untested). {@link #close} stops the server and removes its folder.
 */
abstract sealed class LocalDatabase implements AutoCloseable {
    static final String USER = "app";
    static final String PASSWORD = "test-password";

    final Path dir;
    final int port;

    private LocalDatabase(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static LocalDatabase start(Database engine) {
        return switch (engine) {
            case POSTGRES -> Postgres.start();
            case MYSQL -> MariaDb.start();
            case NONE -> throw new IllegalArgumentException("no server for the in-memory variant");
        };
    }

    /** Creates a database owned by {@link #USER} and returns the DB_* variables that reach it. */
    Map<String, String> createDatabase(String name) {
        create(name);
        return Map.of(
                "DB_HOST", "127.0.0.1",
                "DB_PORT", String.valueOf(port),
                "DB_NAME", name,
                "DB_USERNAME", USER,
                "DB_PASSWORD", PASSWORD);
    }

    abstract void create(String name);

    abstract void stop();

    @Override
    public final void close() {
        try {
            stop();
        } finally {
            deleteTree(dir);
        }
    }

    /** PostgreSQL 15 from Debian's postgresql-15, run as an unprivileged user when we are root (it refuses root). */
    static final class Postgres extends LocalDatabase {
        private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
        private static final String INSTALL = "apt-get install -y postgresql-15 (Debian's PostgreSQL 15)";

        private Postgres(Path dir, int port) {
            super(dir, port);
        }

        static Postgres start() {
            for (String tool : List.of("initdb", "pg_ctl", "psql")) {
                requireBinary(BIN.resolve(tool), INSTALL);
            }
            Path dir = tempDir("stackwright-postgres-");
            Postgres db = new Postgres(dir, freePort());
            try {
                if (isRoot()) {
                    run(dir, List.of("chown", "-R", "nobody:", dir.toString()), 30);
                }
                run(
                        dir,
                        asUser(List.of(
                                BIN.resolve("initdb").toString(),
                                "-D",
                                dir.resolve("data").toString(),
                                "-U",
                                "postgres",
                                "--auth-local=trust",
                                "--auth-host=scram-sha-256",
                                "-E",
                                "UTF8",
                                "--no-sync")),
                        120);
                run(
                        dir,
                        asUser(List.of(
                                BIN.resolve("pg_ctl").toString(),
                                "-D",
                                dir.resolve("data").toString(),
                                "-l",
                                dir.resolve("server.log").toString(),
                                "-w",
                                "-t",
                                "60",
                                "-o",
                                "-p " + db.port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
                                "start")),
                        90);
                db.psql("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
                return db;
            } catch (RuntimeException | Error e) {
                db.close();
                throw e;
            }
        }

        @Override
        void create(String name) {
            psql("CREATE DATABASE " + name + " OWNER " + USER);
        }

        private void psql(String sql) {
            run(
                    dir,
                    List.of(
                            BIN.resolve("psql").toString(),
                            "-h",
                            dir.toString(),
                            "-p",
                            String.valueOf(port),
                            "-U",
                            "postgres",
                            "-d",
                            "postgres",
                            "-v",
                            "ON_ERROR_STOP=1",
                            "-q",
                            "-c",
                            sql),
                    60);
        }

        @Override
        void stop() {
            if (Files.exists(dir.resolve("data/postmaster.pid"))) {
                run(
                        dir,
                        asUser(List.of(
                                BIN.resolve("pg_ctl").toString(),
                                "-D",
                                dir.resolve("data").toString(),
                                "-m",
                                "immediate",
                                "-w",
                                "stop")),
                        60);
            }
        }

        private static List<String> asUser(List<String> command) {
            if (!isRoot()) {
                return command;
            }
            List<String> as = new ArrayList<>(List.of("runuser", "-u", "nobody", "--"));
            as.addAll(command);
            return as;
        }
    }

    /** MariaDB from Debian's mariadb-server; the starters' MySQL driver speaks to it as to MySQL. */
    static final class MariaDb extends LocalDatabase {
        private static final String INSTALL = "apt-get install -y mariadb-server (Debian's MariaDB)";
        private final Process server;

        private MariaDb(Path dir, int port, Process server) {
            super(dir, port);
            this.server = server;
        }

        static MariaDb start() {
            Path mariadbd = Path.of("/usr/sbin/mariadbd");
            requireBinary(mariadbd, INSTALL);
            requireBinary(Path.of("/usr/bin/mariadb-install-db"), INSTALL);
            requireBinary(Path.of("/usr/bin/mariadb"), INSTALL);
            Path dir = tempDir("stackwright-mariadb-");
            int port = freePort();
            List<String> user = isRoot() ? List.of("--user=root") : List.of();
            List<String> install = new ArrayList<>(List.of(
                    "/usr/bin/mariadb-install-db",
                    "--no-defaults",
                    "--datadir=" + dir.resolve("data"),
                    "--auth-root-authentication-method=normal",
                    "--skip-test-db"));
            install.addAll(user);
            run(dir, install, 120);
            List<String> command = new ArrayList<>(List.of(
                    mariadbd.toString(),
                    "--no-defaults",
                    "--datadir=" + dir.resolve("data"),
                    "--port=" + port,
                    "--bind-address=127.0.0.1",
                    "--socket=" + dir.resolve("sock"),
                    "--pid-file=" + dir.resolve("pid"),
                    "--log-error=" + dir.resolve("server.log"),
                    "--skip-log-bin",
                    "--innodb-buffer-pool-size=32M",
                    "--innodb-flush-log-at-trx-commit=0"));
            command.addAll(user);
            Process server;
            try {
                server = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("stdout.log").toFile())
                        .start();
            } catch (IOException e) {
                deleteTree(dir);
                throw new AssertionError("could not start mariadbd. Fix: " + INSTALL, e);
            }
            MariaDb db = new MariaDb(dir, port, server);
            try {
                db.awaitReady();
                db.sql("CREATE USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + PASSWORD + "';" + " CREATE USER '"
                        + USER + "'@'localhost' IDENTIFIED BY '" + PASSWORD + "';");
                return db;
            } catch (RuntimeException | Error e) {
                db.close();
                throw e;
            }
        }

        private void awaitReady() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                if (!server.isAlive()) {
                    throw new AssertionError("mariadbd stopped at start: " + tail(dir.resolve("server.log")));
                }
                if (Files.exists(dir.resolve("sock"))
                        && exitCode(List.of(
                                        "/usr/bin/mariadb",
                                        "--no-defaults",
                                        "--socket=" + dir.resolve("sock"),
                                        "-u",
                                        "root",
                                        "-e",
                                        "SELECT 1"))
                                == 0) {
                    return;
                }
                sleep(200);
            }
            throw new AssertionError("mariadbd did not answer within 60 s: " + tail(dir.resolve("server.log")));
        }

        @Override
        void create(String name) {
            sql("CREATE DATABASE " + name + ";"
                    + " GRANT ALL ON " + name + ".* TO '" + USER + "'@'127.0.0.1';"
                    + " GRANT ALL ON " + name + ".* TO '" + USER + "'@'localhost';");
        }

        private void sql(String sql) {
            run(
                    dir,
                    List.of(
                            "/usr/bin/mariadb",
                            "--no-defaults",
                            "--socket=" + dir.resolve("sock"),
                            "-u",
                            "root",
                            "-e",
                            sql),
                    60);
        }

        @Override
        void stop() {
            server.destroy(); // SIGTERM: mariadbd shuts down cleanly
            try {
                if (!server.waitFor(30, TimeUnit.SECONDS)) {
                    server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                server.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void requireBinary(Path binary, String install) {
        if (!Files.isExecutable(binary)) {
            throw new AssertionError(binary + " is missing: the starters' tests need a real database. Fix: " + install
                    + "; scripts/test.sh and .ci/run install it.");
        }
    }

    /** A folder under the system's temporary folder: PostgreSQL's unprivileged user must reach it. */
    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command and fails with its output unless it exits 0 within {@code seconds}. */
    static void run(Path dir, List<String> command, int seconds) {
        Path out = dir.resolve("command.log");
        int code = exitCode(command, out, seconds);
        if (code != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + code + "): " + tail(out));
        }
    }

    private static int exitCode(List<String> command) {
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int exitCode(List<String> command, Path out, int seconds) {
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new AssertionError("could not run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no " + file + ")";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static void deleteTree(@Nullable Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A socket file the server removes itself while we walk: what remains is in the temporary folder.
        }
    }
}
