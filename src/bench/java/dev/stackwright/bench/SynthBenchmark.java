package dev.stackwright.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.Stackwright;
import dev.stackwright.analysis.Analysis;
import dev.stackwright.analysis.policy.Policy;
import dev.stackwright.analysis.policy.Violation;
import dev.stackwright.cfn.NetworkTemplate;
import dev.stackwright.cfn.TemplateWriter;
import dev.stackwright.model.PlannedNetwork;
import dev.stackwright.plan.NetworkPlanner;
import dev.stackwright.spec.SpecLoader;
import dev.stackwright.spec.StackSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * In-process synth of one spec (by default the prod example), warmed up: the figure behind the "under 5 ms" target.
 * The spec text is read once in setup, so no benchmark touches the disk.
 *
 * <p>{@link #synthYaml} and {@link #synthJson} are the library's synth: parse, schema and semantic checks, plan,
 * render, serialize. {@link #synthYamlGated} adds the policy gate that {@code stackwright synth} runs before writing
 * (the built-in policy), so it is the command's work after start-up. {@link #planModel} stops at the network model.
 * The {@code stage*}
 * benchmarks time the remaining steps one at a time from prepared inputs, to show where a synth's time goes (one
 * fork each, to keep the whole run to a few minutes on two cores).
 *
 * <p>Another spec: {@code -Djmh.args="-jvmArgsAppend -Dstackwright.bench.spec=PATH dev.stackwright.bench"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class SynthBenchmark {
    static final String SPEC_PROPERTY = "stackwright.bench.spec";
    static final String DEFAULT_SPEC = "examples/prod-nat-instances/stackwright.yml";

    private String fileName;
    private String specText;
    private StackSpec spec;
    private PlannedNetwork network;
    private ObjectNode templateJson;

    @Setup(Level.Trial)
    public void setUp() {
        Path file = Path.of(System.getProperty(SPEC_PROPERTY, DEFAULT_SPEC));
        specText = read(file);
        fileName = file.toString();
        spec = SpecLoader.parse(fileName, specText);
        network = NetworkPlanner.plan(spec);
        templateJson = NetworkTemplate.render(network).toJson();
        if (!synthYaml().contains("AWS::EC2::VPC")) {
            throw new IllegalStateException("the synthesized template has no VPC: " + fileName);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the spec " + file.toAbsolutePath() + " (run from the project directory, or set -D"
                            + SPEC_PROPERTY + ")",
                    e);
        }
    }

    /** Spec text to YAML template text: the whole of an in-process synth. */
    @Benchmark
    public String synthYaml() {
        Stackwright.Result result = Stackwright.plan(fileName, specText);
        return TemplateWriter.write(result.networkTemplate().toJson(), TemplateWriter.Format.YAML);
    }

    /** What {@code stackwright synth} computes: the YAML synth plus the policy gate (built-in policy). */
    @Benchmark
    public String synthYamlGated() {
        Stackwright.Result result = Stackwright.plan(fileName, specText);
        List<Violation> violations = Analysis.gate(result.network(), Policy.defaults());
        if (!violations.isEmpty()) {
            throw new IllegalStateException("the spec breaks the built-in policy: " + violations);
        }
        return TemplateWriter.write(result.networkTemplate().toJson(), TemplateWriter.Format.YAML);
    }

    /** Spec text to JSON template text. */
    @Benchmark
    public String synthJson() {
        Stackwright.Result result = Stackwright.plan(fileName, specText);
        return TemplateWriter.write(result.networkTemplate().toJson(), TemplateWriter.Format.JSON);
    }

    /** Spec text to the network model: parse, check, plan; no template. */
    @Benchmark
    public PlannedNetwork planModel() {
        return NetworkPlanner.plan(SpecLoader.parse(fileName, specText));
    }

    /** Stage: spec text to checked spec (YAML parse with locations, JSON Schema, semantic checks). */
    @Benchmark
    @Fork(
            value = 1,
            jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
    public StackSpec stageParse() {
        return SpecLoader.parse(fileName, specText);
    }

    /** Stage: checked spec to network model. */
    @Benchmark
    @Fork(
            value = 1,
            jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
    public PlannedNetwork stagePlan() {
        return NetworkPlanner.plan(spec);
    }

    /** Stage: network model to the canonical template tree. */
    @Benchmark
    @Fork(
            value = 1,
            jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
    public ObjectNode stageRender() {
        return NetworkTemplate.render(network).toJson();
    }

    /** Stage: the policy gate (reachability analysis against the built-in policy) on the network model. */
    @Benchmark
    @Fork(
            value = 1,
            jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
    public List<Violation> stageGate() {
        return Analysis.gate(network.network(), Policy.defaults());
    }

    /** Stage: template tree to YAML text. */
    @Benchmark
    @Fork(
            value = 1,
            jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
    public String stageWriteYaml() {
        return TemplateWriter.write(templateJson, TemplateWriter.Format.YAML);
    }

    /** Stage: template tree to JSON text. */
    @Benchmark
    @Fork(
            value = 1,
            jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
    public String stageWriteJson() {
        return TemplateWriter.write(templateJson, TemplateWriter.Format.JSON);
    }
}
