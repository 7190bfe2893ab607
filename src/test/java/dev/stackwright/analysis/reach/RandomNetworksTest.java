package dev.stackwright.analysis.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.model.PortRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The property tests are only as good as the networks they see: this keeps the generator honest, so a change that
 * makes every flow blocked (and the engine and brute force trivially agree) fails here.
 */
class RandomNetworksTest {

    @Test
    void generator_coversEveryKindOfPath_andEveryBlocker() {
        Random random = new Random(20260101L);
        int flows = 0;
        int reachable = 0;
        int cannotTell = 0;
        Set<String> ways = new TreeSet<>();
        Set<String> codes = new TreeSet<>();
        for (int i = 0; i < 300; i++) {
            List<Integer> tape = new ArrayList<>();
            for (int j = 0; j < 180; j++) {
                tape.add(random.nextInt(1000));
            }
            RandomNetworks.Case c = RandomNetworks.build(tape);
            Reachability engine = new Reachability(c.network());
            Names names = new Names(c.network(), engine.space());
            for (RandomNetworks.Question q : c.questions()) {
                for (Location s : RandomNetworks.ends(names, q.from(), false)) {
                    for (Location d : RandomNetworks.ends(names, q.to(), true)) {
                        if (s instanceof Location.Outside && d instanceof Location.Outside) {
                            continue;
                        }
                        Answer a = engine.evaluate(new Flow(s, d, q.protocol(), PortRange.of(q.port())));
                        flows++;
                        if (a.reachable()) {
                            reachable++;
                            a.branches().stream().filter(Branch::reachable).forEach(b -> {
                                ways.add(kind(b.via()));
                                b.hops().forEach(h -> {
                                    if (h.component().startsWith("listeners of ")) {
                                        ways.add("through a listener");
                                    } else if (h.component().startsWith("target groups of ")) {
                                        ways.add("through a target group");
                                    }
                                });
                            });
                        }
                        a.blockers().forEach(b -> codes.add(b.code()));
                        if (a.verdict() == Verdict.CANNOT_TELL) {
                            cannotTell++;
                            if (a.unmodelled().stream().anyMatch(u -> u.startsWith("the targets of target group"))) {
                                ways.add("to targets the input does not give");
                            }
                        }
                    }
                }
            }
        }
        assertThat(reachable).as("reachable flows of %d", flows).isGreaterThan(flows / 10);
        assertThat(cannotTell).as("flows the engine cannot tell, of %d", flows).isPositive();
        assertThat(ways)
                .contains(
                        "within subnet",
                        "local",
                        "internet gateway",
                        "NAT instance, then internet gateway",
                        "NAT gateway, then internet gateway",
                        "regional NAT",
                        "gateway endpoint",
                        "peering",
                        "transit gateway",
                        "in from the internet",
                        "in through peering or transit gateway");
        assertThat(codes)
                .contains(
                        "sg-ingress-denied",
                        "sg-egress-denied",
                        "nacl-inbound-denied",
                        "nacl-outbound-denied",
                        "nacl-return-denied",
                        "no-route",
                        "route-diverted",
                        "no-internet-gateway",
                        "no-public-ip",
                        "not-on-the-internet",
                        "asymmetric-return",
                        "no-return-route",
                        "nat-no-route",
                        "not-a-listener",
                        "not-an-initiator",
                        "no-listener",
                        "no-target-group",
                        "not-a-target");
        assertThat(ways)
                .as("load balancers let some flows through their listeners and target groups")
                .contains("through a listener", "through a target group", "to targets the input does not give");
    }

    private static String kind(String via) {
        if (via.startsWith("within")) {
            return "within subnet";
        }
        if (via.startsWith("from the internet")) {
            return "in from the internet";
        }
        if (via.startsWith("from")) {
            return "in through peering or transit gateway";
        }
        if (via.contains("NAT instance") && via.contains("then") && via.endsWith("internet gateway")) {
            return "NAT instance, then internet gateway";
        }
        if (via.contains("NAT gateway") && via.contains("then") && via.endsWith("internet gateway")) {
            return "NAT gateway, then internet gateway";
        }
        if (via.contains("NAT gateway") && !via.contains("then")) {
            return "regional NAT";
        }
        for (String k : List.of("local", "internet gateway", "gateway endpoint", "peering", "transit gateway")) {
            if (via.endsWith(k) || via.contains(k + " ") || via.matches(".*" + k + "( \\S+)?$")) {
                return k;
            }
        }
        return via;
    }
}
