package dev.stackwright.moto;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A local AWS for the tests: moto's server, started through {@code src/test/resources/moto/moto_launcher.py} (which
 * patches moto where it differs from AWS; docs/deploy.md lists the gaps) on 127.0.0.1 and a port the launcher picks.
 * It stops when {@link #close} closes its standard input, and with the JVM if the tests die first.
 *
 * <p>A machine without python3 or moto fails the test with one line saying how to get them: a local AWS that is
 * silently skipped would let the deploy path go untested.
 */
public final class MotoServer implements AutoCloseable {
    static final String MISSING = "python3 with moto 5.2.1 is needed for the local AWS of this test. "
            + "Fix: run the tests with scripts/test.sh, which installs moto[server]==5.2.1 and cfn-lint.";

    private final Process process;
    private final String endpoint;

    private MotoServer(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts moto and waits until it answers; the server's log goes to {@code log}. */
    public static MotoServer start(Path log) {
        return start(log, java.util.Map.of());
    }

    /**
     * Starts moto with extra environment variables, moto's own settings such as {@code MOTO_ECS_SERVICE_RUNNING}
     * (how many tasks a new ECS service reports running).
     */
    public static MotoServer start(Path log, java.util.Map<String, String> settings) {
        requireMoto();
        ProcessBuilder pb = new ProcessBuilder(
                        "python3", resource("moto_launcher.py").toString())
                .redirectError(ProcessBuilder.Redirect.to(log.toFile()));
        // Both moto and boto3 read these; the tests must never reach a real account.
        pb.environment().put("AWS_ACCESS_KEY_ID", "stackwright-test");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "stackwright-test");
        pb.environment().putAll(settings);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError(MISSING, e);
        }
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String line;
        try {
            line = first.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new AssertionError("moto did not start within 60 s; its log: " + tail(log), e);
        }
        if (line == null || !line.startsWith("moto listening on ")) {
            p.destroyForcibly();
            throw new AssertionError("moto did not start (" + line + "); its log: " + tail(log));
        }
        return new MotoServer(
                p,
                "http://127.0.0.1:"
                        + line.substring("moto listening on ".length()).strip());
    }

    /**
     * What points the AWS CLI (and boto3) at this server and at no real account: its endpoint, the tests' keys, the
     * region, and configuration and credentials files in {@code dir} that do not exist, so that nothing of this
     * machine's is read.
     */
    public java.util.Map<String, String> cliEnvironment(Path dir) {
        return java.util.Map.of(
                "AWS_ENDPOINT_URL",
                endpoint,
                "AWS_ACCESS_KEY_ID",
                "stackwright-test",
                "AWS_SECRET_ACCESS_KEY",
                "stackwright-test",
                "AWS_DEFAULT_REGION",
                "us-east-1",
                "AWS_CONFIG_FILE",
                dir.resolve("no-aws-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE",
                dir.resolve("no-aws-credentials").toString());
    }

    /** {@code http://127.0.0.1:PORT}, for {@code --endpoint-url}. */
    public String endpoint() {
        return endpoint;
    }

    /**
     * Runs a Python helper from {@code src/test/resources/moto/} with boto3 against this server (an AWS reader that
     * is not Stackwright's); fails with its output unless it exits 0. Returns what it printed.
     */
    public String python(String script, String... args) {
        List<String> command =
                new ArrayList<>(List.of("python3", resource(script).toString(), endpoint));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(script + " failed: " + output);
            }
            return output.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + script, e);
        }
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }

    private static void requireMoto() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import moto, boto3, werkzeug")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(MISSING);
            }
        } catch (IOException e) {
            throw new AssertionError(MISSING, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(MISSING, e);
        }
    }

    /** A file of {@code src/test/resources/moto/}, as the test classpath holds it. */
    public static Path resource(String name) {
        URL url = MotoServer.class.getResource("/moto/" + name);
        if (url == null) {
            throw new IllegalStateException("src/test/resources/moto/" + name + " is not on the test classpath");
        }
        try {
            return Paths.get(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
