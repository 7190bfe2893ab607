package dev.stackwright.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.analysis.Analysis;
import dev.stackwright.analysis.policy.Policy;
import dev.stackwright.analysis.policy.Violation;
import dev.stackwright.cfn.NetworkTemplate;
import dev.stackwright.cfn.TemplateWriter;
import dev.stackwright.cli.Main;
import dev.stackwright.model.Network;
import dev.stackwright.model.PlannedNetwork;
import dev.stackwright.plan.NetworkPlanner;
import dev.stackwright.spec.SpecLoader;
import dev.stackwright.spec.StackSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a short command-line run spends its time after the JVM has booted: each stage of the first synth in a fresh
 * JVM, timed on its own, then the same synth again once the code has run. Not a JMH benchmark: a cold start happens
 * once per process, so scripts/bench.sh starts this many times (with the launcher's JVM flags) and takes medians.
 *
 * <p>{@code FirstCall stages SPEC}: prints {@code read parse plan render gate write second third} in ms, one line;
 * gate is the policy gate {@code synth} runs (built-in policy); second and third are whole synths, gate included.
 * {@code FirstCall cli SPEC OUTDIR}: the whole command, {@code Main.run(synth -f SPEC -o OUTDIR)}, in-process;
 * prints {@code first second} in ms.
 */
public final class FirstCall {
    private FirstCall() {}

    public static void main(String[] args) throws IOException {
        if (args.length >= 2 && args[0].equals("stages")) {
            stages(Path.of(args[1]));
        } else if (args.length >= 3 && args[0].equals("cli")) {
            cli(args[1], args[2]);
        } else {
            System.err.println("usage: FirstCall stages SPEC | FirstCall cli SPEC OUTDIR");
            System.exit(2);
        }
    }

    private static void stages(Path file) throws IOException {
        long t0 = System.nanoTime();
        String text = Files.readString(file);
        long t1 = System.nanoTime();
        StackSpec spec = SpecLoader.parse(file.toString(), text);
        long t2 = System.nanoTime();
        PlannedNetwork network = NetworkPlanner.plan(spec);
        long t3 = System.nanoTime();
        ObjectNode json = NetworkTemplate.render(network).toJson();
        long t4 = System.nanoTime();
        gate(network.network());
        long t5 = System.nanoTime();
        String yaml = TemplateWriter.write(json, TemplateWriter.Format.YAML);
        long t6 = System.nanoTime();
        String second = synth(file, text);
        long t7 = System.nanoTime();
        String third = synth(file, text);
        long t8 = System.nanoTime();
        if (!yaml.equals(second) || !yaml.equals(third)) {
            throw new IllegalStateException("synth is not deterministic");
        }
        System.out.printf(
                "%.2f %.2f %.2f %.2f %.2f %.2f %.2f %.2f%n",
                ms(t0, t1), ms(t1, t2), ms(t2, t3), ms(t3, t4), ms(t4, t5), ms(t5, t6), ms(t6, t7), ms(t7, t8));
    }

    private static String synth(Path file, String text) {
        PlannedNetwork network = NetworkPlanner.plan(SpecLoader.parse(file.toString(), text));
        gate(network.network());
        return TemplateWriter.write(NetworkTemplate.render(network).toJson(), TemplateWriter.Format.YAML);
    }

    private static void gate(Network network) {
        List<Violation> violations = Analysis.gate(network, Policy.defaults());
        if (!violations.isEmpty()) {
            throw new IllegalStateException("the spec breaks the built-in policy: " + violations);
        }
    }

    private static void cli(String spec, String outDir) {
        String[] args = {"synth", "-f", spec, "-o", outDir};
        PrintWriter sink = new PrintWriter(new StringWriter());
        long t0 = System.nanoTime();
        int first = Main.run(args, sink, sink);
        long t1 = System.nanoTime();
        int second = Main.run(args, sink, sink);
        long t2 = System.nanoTime();
        if (first != 0 || second != 0) {
            throw new IllegalStateException("synth failed: exit codes " + first + ", " + second);
        }
        System.out.printf("%.2f %.2f%n", ms(t0, t1), ms(t1, t2));
    }

    private static double ms(long from, long to) {
        return (to - from) / 1e6;
    }
}
