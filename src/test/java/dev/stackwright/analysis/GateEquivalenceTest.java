package dev.stackwright.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Stackwright;
import dev.stackwright.analysis.policy.Policy;
import dev.stackwright.analysis.policy.Violation;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.LoadBalancer;
import dev.stackwright.model.Network;
import dev.stackwright.model.Peer;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.RouteTarget;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.plan.NetworkCombinations;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Analysis#gate} computes only the flows the policy judges; it must find exactly the violations the full
 * {@link Analysis#check} finds, in the same order: on every planned combination, and on networks broken on purpose
 * in each way a policy part can catch, under the built-in policy and one that guards and isolates other things.
 */
class GateEquivalenceTest {
    static final Network PROD = Networks.example("prod-nat-instances");
    static final Network STAGING = Networks.example("staging-gateway-bastion");

    /** Guards the front door and the NAT devices, isolates the app tier, allows little: many more violations. */
    static final Policy STRICT = new Policy(
            "strict.yml",
            List.of(
                    new Policy.Allow(
                            List.of("internet"),
                            List.of("role:front-door"),
                            List.of(Policy.Ports.of(443)),
                            Policy.Proto.TCP),
                    new Policy.Allow(
                            List.of("tier:public"),
                            List.of("role:app"),
                            List.of(new Policy.Ports.Service()),
                            Policy.Proto.ANY)),
            List.of("role:front-door", "role:nat", "tier:data", "role:app"),
            List.of("tier:app", "role:bastion"),
            List.of(Policy.Ports.of(22), new Policy.Ports.Range(80, 80)));

    static List<NetworkCombinations.Case> combinations() {
        return NetworkCombinations.all();
    }

    @ParameterizedTest
    @MethodSource("combinations")
    void everyCombination_gateEqualsCheck(NetworkCombinations.Case c) {
        Network n = Stackwright.plan("stackwright.yml", c.yaml()).network();
        same(n, Policy.defaults());
        same(n, STRICT);
    }

    @Test
    void brokenNetworks_gateEqualsCheck_andTheBreaksAreFound() {
        List<Network> broken = broken();
        List<String> rules = new ArrayList<>();
        for (Network n : broken) {
            rules.addAll(
                    same(n, Policy.defaults()).stream().map(Violation::rule).toList());
            same(n, STRICT);
        }
        assertThat(rules)
                .as("each policy part is caught on some broken network")
                .containsAll(Violation.RULES);
    }

    static List<Network> broken() {
        List<Network> out = new ArrayList<>();
        // An admin listener on 8443, and its port opened to the world on the front door's group.
        out.add(Networks.editGroup(
                Networks.addListener(PROD, new LoadBalancer.Listener(8443, LoadBalancer.Scheme.HTTPS, false)),
                "front-door",
                g -> Networks.addIngress(g, SecurityGroupRule.tcp(8443, new Peer.Block(Cidr.ANYWHERE), "admin"))));
        out.add(Networks.editGroup(
                PROD,
                "app",
                g -> Networks.addIngress(g, SecurityGroupRule.tcp(22, new Peer.Block(Cidr.ANYWHERE), ""))));
        out.add(Networks.editGroup(
                PROD,
                "app",
                g -> Networks.addIngress(g, SecurityGroupRule.all(new Peer.Block(Cidr.parse("10.0.0.0/16")), ""))));
        out.add(Networks.editGroup(
                PROD,
                "database",
                g -> Networks.addIngress(
                        g, new SecurityGroupRule(Protocol.UDP, new PortRange(1000, 6000), new Peer.Group("nat"), ""))));
        out.add(Networks.editGroup(
                STAGING,
                "bastion",
                g -> new SecurityGroup(
                        g.name(),
                        g.role(),
                        g.description(),
                        List.of(SecurityGroupRule.tcp(22, new Peer.Block(Cidr.ANYWHERE), "")),
                        g.egress())));
        Network egress = Networks.editTable(PROD, "data", t -> {
            List<Route> routes = new ArrayList<>(t.routes());
            routes.add(Route.to(Cidr.ANYWHERE, new RouteTarget.NatInstance("nat-a")));
            return new RouteTable(t.name(), t.tier(), routes, t.subnetNames());
        });
        egress = Networks.editGroup(
                egress,
                "database",
                g -> Networks.addEgress(g, SecurityGroupRule.tcp(443, new Peer.Block(Cidr.ANYWHERE), "")));
        egress = Networks.withAcls(egress, List.of());
        egress = Networks.editGroup(
                egress,
                "nat",
                g -> Networks.addIngress(g, SecurityGroupRule.all(new Peer.Block(Cidr.parse("10.0.160.0/19")), "")));
        out.add(egress);
        // Extra attachments sharing groups and subnets with planned ones, and one with a public IP in the app tier.
        Network crowded = PROD;
        for (Attachment a : PROD.attachments()) {
            crowded = Networks.addAttachment(
                    crowded,
                    new Attachment(a.name() + "-2", a.kind(), a.subnetName(), a.securityGroupNames(), a.publicIp()));
        }
        Attachment app = PROD.attachments().stream()
                .filter(a -> a.name().equals("app-a"))
                .findFirst()
                .orElseThrow();
        crowded = Networks.addAttachment(
                crowded,
                new Attachment(
                        "exposed", Attachment.Kind.INSTANCE, app.subnetName(), List.of("app", "front-door"), true));
        out.add(crowded);
        return out;
    }

    private static List<Violation> same(Network n, Policy policy) {
        List<Violation> gate = Analysis.gate(n, policy);
        List<Violation> check = Analysis.check(n, java.util.Optional.empty(), OptionalInt.empty(), policy)
                .violations();
        assertThat(gate).isEqualTo(check);
        return gate;
    }
}
