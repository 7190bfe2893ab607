package dev.stackwright.bench;

import dev.stackwright.analysis.Analysis;
import dev.stackwright.analysis.policy.Policy;
import dev.stackwright.analysis.reach.Answer;
import dev.stackwright.analysis.reach.Exposure;
import dev.stackwright.analysis.reach.Flow;
import dev.stackwright.analysis.reach.Location;
import dev.stackwright.analysis.reach.Names;
import dev.stackwright.analysis.reach.Reachability;
import dev.stackwright.analysis.report.CheckText;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Network;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The analysis on large synthetic accounts ({@link SyntheticAccount}: {@code enis} interfaces, twice as many
 * security-group rules). Targets on the 2-core machine: the exposure report for 10,000 ENIs and 20,000 rules under
 * 2 s; one {@code why} under 10 ms. Pick sizes with {@code -p enis=1000,10000}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx12g", "-XX:+UseSerialGC"})
public class ScaleBenchmark {
    @Param({"1000", "10000", "100000"})
    int enis;

    /**
     * {@code clutter}: one in eight clutter rules is egress, so nearly every group has egress of its own;
     * {@code default}: groups keep the egress their role gives them, mostly allow-all, as in most real accounts.
     */
    @Param({"clutter", "default"})
    String egress;

    private Network network;
    private Reachability reach;
    private String source;
    private String destination;
    private Flow flow;

    @Setup(Level.Trial)
    public void setUp() {
        network = egress.equals("default")
                ? SyntheticAccount.generateWithDefaultEgress(enis, 2 * enis, 1)
                : SyntheticAccount.generate(enis, 2 * enis, 1);
        reach = new Reachability(network);
        // An app interface and a database interface: workloads 2 and 1 (the first interfaces are one per workload).
        source = network.attachments().stream()
                .filter(a -> a.kind() == Attachment.Kind.TASK || a.kind() == Attachment.Kind.INSTANCE)
                .map(Attachment::name)
                .findFirst()
                .orElseThrow();
        destination = network.attachments().stream()
                .filter(a -> a.kind() == Attachment.Kind.DATABASE)
                .map(Attachment::name)
                .findFirst()
                .orElseThrow();
        Names names = new Names(network, reach.space());
        flow = new Flow(
                names.source(source).locations().getFirst(),
                names.destination(destination).locations().getFirst(),
                Protocol.TCP,
                PortRange.of(5432));
    }

    /** The full exposure report: internet ingress, internet and service egress, every connection. */
    @Benchmark
    public Exposure exposure() {
        return Exposure.of(new Reachability(network));
    }

    /**
     * What {@code stackwright check} computes on the account: the exposure, the built-in policy's verdict, every lint
     * rule, and the text report.
     */
    @Benchmark
    public String check() {
        return CheckText.render(
                Analysis.check(network, java.util.Optional.empty(), OptionalInt.empty(), Policy.defaults()));
    }

    /** What {@code why SRC DST 5432} computes: the engine over the network, both names resolved, one explained flow. */
    @Benchmark
    public Answer why() {
        Reachability r = new Reachability(network);
        Names names = new Names(network, r.space());
        Location from = names.source(source).locations().getFirst();
        Location to = names.destination(destination).locations().getFirst();
        return r.evaluate(new Flow(from, to, Protocol.TCP, PortRange.of(5432)));
    }

    /** One explained flow on an engine already built. */
    @Benchmark
    public Answer whyFlow() {
        return reach.evaluate(flow);
    }
}
