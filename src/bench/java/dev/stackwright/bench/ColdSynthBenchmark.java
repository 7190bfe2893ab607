package dev.stackwright.bench;

import dev.stackwright.Stackwright;
import dev.stackwright.cfn.TemplateWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The first synth in a fresh JVM, with the launcher's JVM flags but without its start-up cache: class loading,
 * static set-up (Jackson, SnakeYAML, the JSON Schema) and interpreted code. One call per fork, many forks. This is
 * the part of a command-line run that is not JVM boot; the warmed-up figure is {@link SynthBenchmark#synthYaml}.
 *
 * <p>The JMH harness has already loaded some JDK classes a real run would load too, so this slightly understates
 * the first call of the command line.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1, batchSize = 1)
@Fork(
        value = 15,
        jvmArgsAppend = {"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData"})
public class ColdSynthBenchmark {
    private String fileName;
    private String specText;

    @Setup(Level.Trial)
    public void setUp() {
        Path file = Path.of(System.getProperty(SynthBenchmark.SPEC_PROPERTY, SynthBenchmark.DEFAULT_SPEC));
        specText = SynthBenchmark.read(file);
        fileName = file.toString();
    }

    /** Spec text to YAML template text, once, in a JVM that has not run any Stackwright code yet. */
    @Benchmark
    public String firstSynthYaml() {
        Stackwright.Result result = Stackwright.plan(fileName, specText);
        return TemplateWriter.write(result.networkTemplate().toJson(), TemplateWriter.Format.YAML);
    }
}
