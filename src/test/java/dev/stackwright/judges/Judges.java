package dev.stackwright.judges;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds AWS's validators on this machine and runs them. They are installed by {@code scripts/test.sh}; a test that
 * cannot find one fails with one line saying so: it never skips, so a green run always means they judged.
 */
final class Judges {
    /** Where scripts/test.sh installs the npm package that ships cfn-guard and the Control Tower rules. */
    static final String GUARD_PACKAGE = "@cdklabs/cdk-validator-cfnguard";

    private Judges() {}

    static Path cfnGuardPackage() {
        String configured = System.getenv("STACKWRIGHT_CFN_GUARD_HOME");
        Path home = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "stackwright", "cfn-guard");
        Path pkg = home.resolve("node_modules").resolve(GUARD_PACKAGE);
        if (!Files.isExecutable(pkg.resolve("bin/ubuntu/x86_64/cfn-guard"))
                && !Files.isExecutable(pkg.resolve("bin/ubuntu/aarch64/cfn-guard"))) {
            fail("cfn-guard is not installed in " + home + ". Fix: run scripts/test.sh, which installs " + GUARD_PACKAGE
                    + " there with npm (or set STACKWRIGHT_CFN_GUARD_HOME to a folder holding it).");
        }
        return pkg;
    }

    static Path cfnGuardBinary() {
        Path pkg = cfnGuardPackage();
        String arch = System.getProperty("os.arch").contains("aarch64") ? "aarch64" : "x86_64";
        return pkg.resolve("bin/ubuntu/" + arch + "/cfn-guard");
    }

    static List<String> cfnLint() {
        List<String> cmd = List.of("cfn-lint", "--version");
        Result r = run(cmd, Path.of("."), 60);
        if (r.exit() != 0 || !r.stdout().startsWith("cfn-lint 1.")) {
            fail("cfn-lint 1.x is not on PATH (got: " + (r.stdout() + r.stderr()).strip()
                    + "). Fix: run scripts/test.sh, which installs it with pip.");
        }
        return List.of("cfn-lint");
    }

    record Result(int exit, String stdout, String stderr) {}

    /** Runs a command to its end, with its output in files so a large report cannot block it. */
    static Result run(List<String> command, Path dir, int timeoutSeconds) {
        try {
            Path out = Files.createTempFile("judge", ".out");
            Path err = Files.createTempFile("judge", ".err");
            try {
                Process p;
                try {
                    p = new ProcessBuilder(command)
                            .directory(dir.toFile())
                            .redirectOutput(out.toFile())
                            .redirectError(err.toFile())
                            .start();
                } catch (IOException e) {
                    return new Result(127, "", command.get(0) + ": " + e.getMessage());
                }
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail(String.join(" ", command.subList(0, Math.min(3, command.size()))) + " did not finish in "
                            + timeoutSeconds + " s");
                }
                return new Result(
                        p.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The files split in {@code parts} interleaved slices, one per core, for judges that run one file at a time. */
    static <T> List<List<T>> slices(List<T> items, int parts) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            out.add(new ArrayList<>());
        }
        for (int i = 0; i < items.size(); i++) {
            out.get(i % parts).add(items.get(i));
        }
        return out;
    }
}
