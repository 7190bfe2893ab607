package dev.stackwright.bench;

import dev.stackwright.cli.Main;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole {@code stackwright check --snapshot DIR} command, as the command line runs it (reading the describe-*
 * files, the analysis, the text report of about 30 MB written to nowhere), in one JVM run after run: what a warm JVM
 * takes, beside the whole process ({@code scripts/bench-jq.sh}), whose difference is the JIT compiling the code on
 * the way. The account is the one {@code scripts/synthetic-account.sh DIR --vpcs 1 --enis N} writes (seed 1), so the
 * files are byte for byte those the whole-process figures read. Single shots: each run is seconds long.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 6)
@Measurement(iterations = 8)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmn600m", "-XX:+UseSerialGC"})
public class SnapshotCheckBenchmark {
    @Param({"10000"})
    int enis;

    private Path dir;

    @Setup(Level.Trial)
    public void writeAccount() throws IOException {
        dir = Files.createTempDirectory("stackwright-bench-account");
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        int code = SyntheticSnapshot.run(
                new String[] {dir.toString(), "--vpcs", "1", "--enis", Integer.toString(enis), "--force"},
                quiet,
                quiet);
        if (code != 0) {
            throw new IllegalStateException("writing the account failed: exit " + code);
        }
    }

    @TearDown(Level.Trial)
    public void removeAccount() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Exit 1: the synthetic account violates the built-in policy on purpose. */
    @Benchmark
    public int check() {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        return Main.run(new String[] {"check", "--snapshot", dir.toString()}, nowhere, nowhere);
    }
}
