package dev.stackwright.analysis.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.model.LoadBalancer;
import dev.stackwright.model.Network;
import dev.stackwright.model.NetworkAcl;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The engine against {@link BruteForce} on random small networks: the two must always agree on whether a flow is
 * reachable; a reachable answer's sample packet must get through packet by packet; a blocked answer must name at
 * least one blocker; and a flow over all ports must admit exactly the ports that single-port questions find open.
 */
class ReachabilityPropertiesTest {

    @Provide
    Arbitrary<List<Integer>> tapes() {
        return Arbitraries.integers().between(0, 999).list().ofMaxSize(180);
    }

    @Property(tries = 1000)
    void engine_agreesWithBruteForce_onEveryFlow(@ForAll("tapes") List<Integer> tape) {
        agree(RandomNetworks.build(tape));
    }

    @Property(tries = 500)
    void engine_agreesWithBruteForce_onPerturbedPlannedNetworks(@ForAll("tapes") List<Integer> tape) {
        agree(PerturbedNetworks.build(tape));
    }

    private static void agree(RandomNetworks.Case c) {
        Reachability engine = new Reachability(c.network());
        BruteForce brute = new BruteForce(c.network());
        BruteForce ifUnmodelledPasses = new BruteForce(c.network(), true);
        Names names = new Names(c.network(), engine.space());
        for (RandomNetworks.Question q : c.questions()) {
            for (Location s : RandomNetworks.ends(names, q.from(), false)) {
                for (Location d : RandomNetworks.ends(names, q.to(), true)) {
                    if (s instanceof Location.Outside && d instanceof Location.Outside) {
                        continue;
                    }
                    Answer answer = engine.evaluate(new Flow(s, d, q.protocol(), PortRange.of(q.port())));
                    boolean expected = brute.reachable(s, d, q.protocol(), q.port());
                    assertThat(answer.reachable())
                            .as("%s -> %s %s %d", s.name(), d.name(), q.protocol(), q.port())
                            .isEqualTo(expected);
                    // Cannot tell exactly when no packet gets through for sure, but one would if what the model
                    // does not hold delivered it.
                    boolean possible = !expected && ifUnmodelledPasses.reachable(s, d, q.protocol(), q.port());
                    assertThat(answer.verdict() == Verdict.CANNOT_TELL)
                            .as("cannot tell %s -> %s %s %d", s.name(), d.name(), q.protocol(), q.port())
                            .isEqualTo(possible);
                    if (answer.reachable()) {
                        Box witness = answer.admitted().sample().orElseThrow();
                        assertThat(brute.walk(
                                        s,
                                        d,
                                        q.protocol(),
                                        witness.src().lo(),
                                        (int) witness.sport().lo(),
                                        witness.dst().lo(),
                                        (int) witness.dport().lo()))
                                .as("witness %s of %s -> %s", witness, s.name(), d.name())
                                .isTrue();
                    } else if (!possible) {
                        assertThat(answer.blockers())
                                .as("blockers of %s -> %s", s.name(), d.name())
                                .isNotEmpty();
                    }
                }
            }
        }
    }

    @Property(tries = 300)
    void allPortsAnswer_admitsExactlyTheOpenPorts(@ForAll("tapes") List<Integer> tape) {
        RandomNetworks.Case c = RandomNetworks.build(tape);
        Reachability engine = new Reachability(c.network());
        BruteForce brute = new BruteForce(c.network());
        Names names = new Names(c.network(), engine.space());
        List<Integer> ports = portCuts(c);
        for (RandomNetworks.Question q : c.questions()) {
            for (Location s : RandomNetworks.ends(names, q.from(), false)) {
                for (Location d : RandomNetworks.ends(names, q.to(), true)) {
                    if (s instanceof Location.Outside && d instanceof Location.Outside) {
                        continue;
                    }
                    IntervalSet open = engine.evaluate(new Flow(s, d, q.protocol(), PortRange.ALL))
                            .admitted()
                            .project(Dim.DPORT);
                    for (int port : ports) {
                        assertThat(open.contains(port))
                                .as("%s -> %s %s %d", s.name(), d.name(), q.protocol(), port)
                                .isEqualTo(brute.reachable(s, d, q.protocol(), port));
                    }
                }
            }
        }
    }

    /**
     * Every load balancer towards every target registered in it, on every port: with a Network Load Balancer that
     * preserves the client's address (instance groups by default, UDP always, TCP as the attribute says), the target's
     * group and subnet see the clients, which the brute force walks one client address at a time; a target whose
     * health takes no new connections gets none.
     */
    @Property(tries = 300)
    void loadBalancerToItsTargets_agreesWithBruteForce(
            @ForAll("tapes") List<Integer> tape, @ForAll("tapes") List<Integer> draws) {
        RandomNetworks.Case c = RandomNetworks.build(tape);
        targetsAgree(c, c.network());
        // The same network with every load balancer interface a Network Load Balancer of its own.
        targetsAgree(c, RandomNetworks.withNetworkLoadBalancers(c.network(), draws));
    }

    private static void targetsAgree(RandomNetworks.Case c, Network network) {
        Reachability engine = new Reachability(network);
        BruteForce brute = new BruteForce(network);
        List<Integer> ports = new java.util.ArrayList<>(portCuts(c));
        ports.addAll(List.of(443, 444, 5432, 5433, 8080, 8081));
        for (LoadBalancer lb : network.loadBalancers()) {
            for (String from : lb.interfaces()) {
                for (LoadBalancer.TargetGroup g : lb.targetGroups()) {
                    for (LoadBalancer.Target t : g.targets()) {
                        Location s = locate(engine, from);
                        Location d = locate(engine, t.attachment());
                        for (Protocol protocol : List.of(Protocol.TCP, Protocol.UDP)) {
                            Answer answer = engine.evaluate(new Flow(s, d, protocol, PortRange.ALL));
                            IntervalSet open = answer.admitted().project(Dim.DPORT);
                            for (int port : ports) {
                                assertThat(open.contains(port))
                                        .as("%s -> %s %s %d", s.name(), d.name(), protocol, port)
                                        .isEqualTo(brute.reachable(s, d, protocol, port));
                            }
                            // And from which addresses: the load balancer's own, or clients in and out of the VPC.
                            PacketSet admitted = answer.admitted();
                            for (int port : List.of(443, 5432, 8080)) {
                                for (long client : clientSamples(s)) {
                                    assertThat(!admitted.restrict(Dim.DPORT, IntervalSet.of(Interval.of(port)))
                                                    .restrict(Dim.SRC, IntervalSet.of(Interval.of(client)))
                                                    .isEmpty())
                                            .as("%s -> %s %s %d from %d", s.name(), d.name(), protocol, port, client)
                                            .isEqualTo(brute.reachableFrom(s, d, protocol, port, client));
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** The first address of the source's subnet, and addresses on the internet and in private ranges outside. */
    private static List<Long> clientSamples(Location s) {
        long own = ((Location.Resource) s).addresses().intervals().getFirst().lo();
        return List.of(own, 0xCB007105L, 0x08080808L, 0xC0A80101L, 0x0A000005L, 0x0A000105L);
    }

    private static Location locate(Reachability engine, String attachment) {
        return engine.locate(engine.network().attachments().stream()
                        .filter(a -> a.name().equals(attachment))
                        .findFirst()
                        .orElseThrow())
                .orElseThrow();
    }

    /** Every port where some rule's answer can change: enough to cover each stretch of ports once. */
    private static List<Integer> portCuts(RandomNetworks.Case c) {
        TreeSet<Integer> cuts = new TreeSet<>(List.of(0, 65535));
        for (SecurityGroup g : c.network().securityGroups()) {
            for (SecurityGroupRule r : g.ingress()) {
                cuts.add(r.ports().from());
                cuts.add(Math.min(65535, r.ports().to() + 1));
            }
            for (SecurityGroupRule r : g.egress()) {
                cuts.add(r.ports().from());
                cuts.add(Math.min(65535, r.ports().to() + 1));
            }
        }
        for (NetworkAcl acl : c.network().networkAcls()) {
            for (NetworkAcl.Entry e : acl.entries()) {
                cuts.add(e.ports().from());
                cuts.add(Math.min(65535, e.ports().to() + 1));
            }
        }
        for (LoadBalancer lb : c.network().loadBalancers()) {
            for (LoadBalancer.Listener l : lb.listeners()) {
                cuts.add(l.port());
                cuts.add(Math.min(65535, l.port() + 1));
            }
            for (LoadBalancer.TargetGroup g : lb.targetGroups()) {
                for (int port : g.ports()) {
                    cuts.add(port);
                    cuts.add(Math.min(65535, port + 1));
                }
                if (g.healthCheckPort() instanceof LoadBalancer.HealthCheckPort.PortNumber(int port)) {
                    cuts.add(port);
                    cuts.add(Math.min(65535, port + 1));
                }
                for (LoadBalancer.Target t : g.targets()) {
                    if (t.port() != LoadBalancer.Target.ANY_PORT) {
                        cuts.add(t.port());
                        cuts.add(Math.min(65535, t.port() + 1));
                    }
                }
            }
        }
        return List.copyOf(cuts);
    }
}
