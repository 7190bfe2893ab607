package dev.stackwright.analysis.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.analysis.Networks;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Network;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random networks in which some attachments carry a security group the network does not hold (beside their own, or in
 * their place): the grouped exposure's rows are the engine's answers, flow by flow. What is reachable is what the
 * known groups admit; what only the missing group might admit is a cannot-tell row, of internet ingress, of egress, or
 * of a pair inside the VPC, exactly where the engine's answer is undecided.
 */
class MissingGroupsPropertiesTest {
    private static final String GONE = "sg-0000000000000dead";

    @Provide
    Arbitrary<List<Integer>> tapes() {
        return Arbitraries.integers().between(0, 999).list().ofMaxSize(180);
    }

    @Property(tries = 250)
    void untoldRows_areTheEnginesUndecidedAnswers(
            @ForAll("tapes") List<Integer> tape, @ForAll("tapes") List<Integer> draws) {
        same(tape, draws);
    }

    static void same(List<Integer> tape, List<Integer> draws) {
        Network n = RandomNetworks.build(tape).network();
        List<Attachment> changed = new ArrayList<>();
        for (int i = 0; i < n.attachments().size(); i++) {
            Attachment a = n.attachments().get(i);
            int draw = draws.isEmpty() ? i : draws.get(i % draws.size());
            List<String> groups = new ArrayList<>(a.securityGroupNames());
            switch (draw % 3) {
                case 1 -> groups.add(GONE);
                case 2 -> groups = List.of(GONE);
                default -> {}
            }
            changed.add(new Attachment(a.name(), a.kind(), a.subnetName(), groups, a.publicIp()));
        }
        Network m = Networks.withAttachments(n, changed);
        Reachability reach = new Reachability(m);
        Exposure grouped = Exposure.of(reach);
        StraightforwardExposure.Report plain = StraightforwardExposure.of(reach);
        assertThat(grouped.fromInternet()).isEqualTo(plain.fromInternet());
        assertThat(grouped.toInternet()).isEqualTo(plain.toInternet());
        assertThat(grouped.toServices()).isEqualTo(plain.toServices());
        assertThat(grouped.internal()).isEqualTo(plain.internal());
        assertThat(withoutOrder(grouped.undecided())).isEqualTo(withoutOrder(plain.undecided()));

        Location.Outside internet =
                new Location.Outside(Names.INTERNET, reach.space().internet());
        // Flows that a hop besides a missing group leaves undecided (a load balancer's unknown targets, say) are not
        // this table's: only those whose answer names nothing but missing groups are compared.
        Set<List<Object>> other = new HashSet<>();
        Map<List<Object>, IntervalSet> expectedIn = new LinkedHashMap<>();
        Map<List<Object>, IntervalSet> expectedPairs = new LinkedHashMap<>();
        for (Attachment d : grouped.ends()) {
            Optional<Location.Resource> to = reach.locate(d);
            boolean dMissing = !reach.missingGroups(d).isEmpty();
            for (Protocol p : Exposure.PROTOCOLS) {
                if (dMissing) {
                    Answer a = reach.evaluate(new Flow(internet, to.orElseThrow(), p, PortRange.ALL));
                    if (onlyMissingGroups(a)) {
                        Exposure.portsBySources(a.undecided().minus(a.admitted()))
                                .forEach((ports, sources) -> expectedIn.put(List.of(d.name(), p, ports), sources));
                    } else {
                        other.add(List.of(d.name(), p));
                    }
                }
                if (!Exposure.accepts(d)) {
                    continue;
                }
                for (Attachment s : grouped.ends()) {
                    if (s.equals(d)
                            || !Exposure.initiates(s)
                            || (!dMissing && reach.missingGroups(s).isEmpty())) {
                        continue;
                    }
                    Answer a =
                            reach.evaluate(new Flow(reach.locate(s).orElseThrow(), to.orElseThrow(), p, PortRange.ALL));
                    IntervalSet maybe =
                            a.undecided().project(Dim.DPORT).minus(a.admitted().project(Dim.DPORT));
                    if (!onlyMissingGroups(a)) {
                        other.add(List.of(s.name(), d.name(), p));
                    } else if (!maybe.isEmpty()) {
                        expectedPairs.put(List.of(s.name(), d.name(), p), maybe);
                    }
                }
            }
        }
        Map<List<Object>, IntervalSet> actualIn = new LinkedHashMap<>();
        for (Exposure.UntoldIngress u : grouped.untold().fromInternet()) {
            Exposure.Ingress i = u.ingress();
            assertThat(u.unmodelled()).isNotEmpty();
            if (!other.contains(List.of(i.attachment().name(), i.protocol()))) {
                actualIn.put(List.of(i.attachment().name(), i.protocol(), i.ports()), i.sources());
            }
        }
        assertThat(actualIn).isEqualTo(expectedIn);
        Map<List<Object>, IntervalSet> actualPairs = new LinkedHashMap<>();
        for (Exposure.UntoldConnection u : grouped.untold().connections()) {
            Exposure.Connection c = u.connection();
            assertThat(u.unmodelled()).isNotEmpty();
            for (Attachment f : c.from()) {
                for (Attachment t : c.to()) {
                    if (!f.equals(t) && !other.contains(List.of(f.name(), t.name(), c.protocol()))) {
                        actualPairs.merge(List.of(f.name(), t.name(), c.protocol()), c.ports(), IntervalSet::union);
                    }
                }
            }
        }
        assertThat(actualPairs).isEqualTo(expectedPairs);
    }

    private static boolean onlyMissingGroups(Answer a) {
        return a.unmodelled().stream().allMatch(u -> u.startsWith("the rules of security group"));
    }

    /** Egress rows with what is not modelled as a set: the order of several unmodelled hops may differ. */
    private static List<List<Object>> withoutOrder(List<Exposure.Egress> rows) {
        List<List<Object>> out = new ArrayList<>();
        for (Exposure.Egress e : rows) {
            out.add(List.of(e.attachment().name(), e.destination(), e.protocol(), e.ports(), new HashSet<>(e.via())));
        }
        return out;
    }
}
