package dev.stackwright.analysis.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.Stackwright;
import dev.stackwright.analysis.Analysis;
import dev.stackwright.analysis.CheckReport;
import dev.stackwright.analysis.Networks;
import dev.stackwright.analysis.reach.AddressSpace;
import dev.stackwright.analysis.reach.Names;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.LoadBalancer;
import dev.stackwright.model.Network;
import dev.stackwright.model.Peer;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.RouteTarget;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.plan.NetworkCombinations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in policy over what Stackwright plans, violations when a network strays, and policy files. */
class PolicyTest {
    static final Network PROD = Networks.example("prod-nat-instances");
    static final Network STAGING = Networks.example("staging-gateway-bastion");

    static List<String> violations(Network n) {
        return Analysis.gate(n, Policy.defaults()).stream()
                .map(v -> v.rule() + " " + v.resource())
                .toList();
    }

    @Test
    void everyShippedExample_passesTheDefaultPolicy() throws IOException {
        List<Path> examples;
        try (var dirs = Files.list(Path.of("examples"))) {
            examples = dirs.map(d -> d.resolve("stackwright.yml"))
                    .filter(Files::exists)
                    .sorted()
                    .toList();
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(3);
        for (Path example : examples) {
            Stackwright.Result result = Stackwright.plan(example);
            assertThat(Analysis.gate(result.network(), Policy.defaults()))
                    .as(example.toString())
                    .isEmpty();
            CheckReport report = checkPlanned(result, Policy.defaults());
            assertThat(report.passed())
                    .as(example + ": " + report.violations() + " " + report.findings())
                    .isTrue();
        }
    }

    @Test
    void everyPlannedCombination_passesTheDefaultPolicy() {
        for (NetworkCombinations.Case c : NetworkCombinations.all()) {
            assertThat(violations(Networks.plan(c.yaml()))).as(c.label()).isEmpty();
        }
    }

    @Test
    void aPortOpenedOnTheFrontDoor_isNoViolation_whileNoListenerTakesIt() {
        // "A listener is a process that checks for connection requests, using the protocol and port that you
        // configure": https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html
        Network n = Networks.editGroup(
                PROD,
                "front-door",
                g -> Networks.addIngress(g, SecurityGroupRule.tcp(8443, new Peer.Block(Cidr.ANYWHERE), "admin")));
        assertThat(Analysis.gate(n, Policy.defaults())).isEmpty();
    }

    @Test
    void aPortOpenedOnTheFrontDoor_withAListenerOnIt_isAnInternetIngressViolation() {
        Network n = Networks.editGroup(
                Networks.addListener(PROD, new LoadBalancer.Listener(8443, LoadBalancer.Scheme.HTTPS, false)),
                "front-door",
                g -> Networks.addIngress(g, SecurityGroupRule.tcp(8443, new Peer.Block(Cidr.ANYWHERE), "admin")));
        List<Violation> v = Analysis.gate(n, Policy.defaults());
        assertThat(v).extracting(Violation::rule).containsOnly("internet-ingress");
        assertThat(v).extracting(Violation::resource).containsExactly("front-door-a", "front-door-b", "front-door-c");
        assertThat(v.getFirst().message())
                .isEqualTo("front-door-a is reachable from the internet on tcp 8443 "
                        + "(from anywhere on the internet); the policy allows no such flow");
        assertThat(v.getFirst().fix())
                .contains("security group front-door", "stackwright why internet front-door-a 8443");
    }

    /**
     * SSH opened to 0.0.0.0/0 on the app group: the internet cannot route to the tasks (no public IP), so there is no
     * internet-ingress violation, but the NAT instances can, and the app is guarded.
     */
    @Test
    void sshOpenToTheWorldOnTheAppGroup_isCaughtThroughTheNatInstances_notTheInternet() {
        Network n = Networks.editGroup(
                PROD, "app", g -> Networks.addIngress(g, SecurityGroupRule.tcp(22, new Peer.Block(Cidr.ANYWHERE), "")));
        List<Violation> v = Analysis.gate(n, Policy.defaults());
        assertThat(v).extracting(Violation::rule).containsOnly("guarded");
        assertThat(v).extracting(Violation::message).allMatch(m -> m.contains("from nat-") && m.contains("tcp 22"));
    }

    @Test
    void aBastionOpenToTheWorld_violatesNeverOpenToWorld() {
        Network n = Networks.editGroup(
                STAGING,
                "bastion",
                g -> new SecurityGroup(
                        g.name(),
                        g.role(),
                        g.description(),
                        List.of(SecurityGroupRule.tcp(22, new Peer.Block(Cidr.ANYWHERE), "")),
                        g.egress()));
        assertThat(violations(n)).containsExactly("open-to-world bastion");
    }

    @Test
    void aGuardedDestination_reachedByAnotherSource_isAViolation() {
        Network n = Networks.editGroup(
                PROD, "app", g -> Networks.addIngress(g, SecurityGroupRule.tcp(22, new Peer.Group("nat"), "")));
        // Nine pairs (three NAT instances, three app places), one rule to fix: one violation that counts them.
        List<Violation> v = Analysis.gate(n, Policy.defaults());
        assertThat(v).hasSize(1);
        assertThat(v.getFirst().rule()).isEqualTo("guarded");
        assertThat(v.getFirst().resource()).isEqualTo("app-a");
        assertThat(v.getFirst().message())
                .isEqualTo("app-a, app-b and app-c are reachable from nat-a, nat-b and nat-c on tcp 22 "
                        + "(9 pairs); they are guarded and no allow entry admits those sources on that port");
        assertThat(v.getFirst().fix())
                .isEqualTo("remove the rule that admits them in security group app, or add an allow entry; "
                        + "`stackwright why nat-a app-a 22` shows one of the paths");
    }

    @Test
    void oneSourceIntoOneGuardedDestination_namesThePair() {
        // Only app-a keeps a place in the app tier, and only nat-a's group is admitted on 22.
        Network one = Networks.withAttachments(
                PROD,
                PROD.attachments().stream()
                        .filter(a -> !a.name().equals("app-b") && !a.name().equals("app-c"))
                        .toList());
        Network n = Networks.editGroup(
                one,
                "app",
                g -> Networks.addIngress(
                        g,
                        SecurityGroupRule.tcp(
                                22,
                                new Peer.Block(
                                        PROD.subnet("public-a").orElseThrow().cidr()),
                                "")));
        List<Violation> v = Analysis.gate(n, Policy.defaults());
        assertThat(v)
                .extracting(Violation::message)
                .containsExactly("app-a is reachable from nat-a on tcp 22; app-a is guarded "
                        + "and no allow entry lets nat-a in on that port");
        assertThat(v.getFirst().fix())
                .isEqualTo("remove the rule that admits it, or add an allow entry; "
                        + "`stackwright why nat-a app-a 22` shows the path");
    }

    @Test
    void dataTierInternetEgress_isAViolation() {
        Network n = Networks.editTable(PROD, "data", t -> {
            List<Route> routes = new ArrayList<>(t.routes());
            routes.add(Route.to(Cidr.ANYWHERE, new RouteTarget.NatInstance("nat-a")));
            return new RouteTable(t.name(), t.tier(), routes, t.subnetNames());
        });
        n = Networks.editGroup(
                n,
                "database",
                g -> Networks.addEgress(g, SecurityGroupRule.tcp(443, new Peer.Block(Cidr.ANYWHERE), "")));
        n = Networks.withAcls(n, List.of());
        n = Networks.editGroup(
                n,
                "nat",
                g -> Networks.addIngress(g, SecurityGroupRule.all(new Peer.Block(Cidr.parse("10.0.160.0/19")), "")));
        assertThat(violations(n))
                .contains("internet-egress database-a", "internet-egress database-b", "internet-egress database-c");
    }

    // Policy files.

    static Names names(Network n) {
        return new Names(n, new AddressSpace(n));
    }

    @Test
    void aPolicyFile_replacesTheSectionsItHas_andKeepsTheOthers() {
        Policy p = PolicyLoader.parse("policy.yml", """
                allow:
                  - from: internet
                    to: role:front-door
                    ports: [443]
                """, names(PROD));
        assertThat(p.source()).isEqualTo("policy.yml");
        assertThat(p.allow()).hasSize(1);
        assertThat(p.guarded()).isEqualTo(Policy.defaults().guarded());
        assertThat(p.neverOpenToWorld()).isEqualTo(Policy.defaults().neverOpenToWorld());
        List<Violation> v = new PolicyCheck(PROD, names(PROD), p)
                .check(dev.stackwright.analysis.reach.Exposure.of(
                        new dev.stackwright.analysis.reach.Reachability(PROD)));
        assertThat(v)
                .extracting(Violation::message)
                .contains("front-door-a is reachable from the internet on tcp 80 "
                        + "(from anywhere on the internet); the policy allows no such flow");
        assertThat(v)
                .extracting(Violation::rule)
                .as("front-door -> app is no longer allowed")
                .contains("guarded");
    }

    @Test
    void policyValues_acceptRangesNamedPortsListsAndProtocols() {
        Policy p = PolicyLoader.parse("policy.yml", """
                allow:
                  - {from: [internet, 203.0.113.0], to: front-door, ports: [80, "1024-2048", all], protocol: any}
                guarded: app
                noInternetEgress: [tier:data, role:app]
                neverOpenToWorld: [22, database, service]
                """.replace(", 203.0.113.0", ""), names(PROD));
        assertThat(p.allow().getFirst().ports())
                .containsExactly(
                        Policy.Ports.of(80), new Policy.Ports.Range(1024, 2048), new Policy.Ports.Range(0, 65535));
        assertThat(p.allow().getFirst().protocol()).isEqualTo(Policy.Proto.ANY);
        assertThat(p.guarded()).containsExactly("app");
        assertThat(p.neverOpenToWorld())
                .containsExactly(Policy.Ports.of(22), new Policy.Ports.Database(), new Policy.Ports.Service());
    }

    @Test
    void aBadPolicyFile_getsEveryProblemAtItsLineAndColumn_withAFix() {
        String text = """
                alow: []
                allow:
                  - from: internet
                    to: front-dor
                    ports: [70000, "http"]
                    protocol: tpc
                  - from: role:app
                    ports: [database]
                  - {from: app, to: internet, ports: [443]}
                guarded: [role:app]
                """;
        assertThatThrownBy(() -> PolicyLoader.parse("policy.yml", text, names(PROD)))
                .isInstanceOf(InputException.class)
                .satisfies(
                        e -> assertThat(((InputException) e).diagnostics())
                                .extracting(Diagnostic::format)
                                .containsExactly(
                                        "policy.yml:1:1: alow: is not a key a policy knows. Fix: did you mean `allow`? Rename it.",
                                        "policy.yml:4:9: allow[0].to: `front-dor` is not a resource, security group, subnet, tier or role of "
                                                + "this network. Fix: did you mean `front-door`?",
                                        "policy.yml:5:13: allow[0].ports[0]: is not a port: ports are 0 to 65535 (got 70000). Fix: use a port "
                                                + "(0-65535), a range such as 1024-65535, `service`, `database` or `all`.",
                                        "policy.yml:5:20: allow[0].ports[1]: is not a port or port range (got `http`). Fix: use a port (0-65535), "
                                                + "a range such as 1024-65535, `service`, `database` or `all`.",
                                        "policy.yml:6:15: allow[0].protocol: is not a protocol (got `tpc`). Fix: did you mean `tcp`?",
                                        "policy.yml:7:5: allow[1]: has no `to`. Fix: add `to: ...` to the entry.",
                                        "policy.yml:9:21: allow[2].to: `internet` can only be a source (`from`) (got `internet`). Fix: name "
                                                + "resources of this network here; to forbid internet egress use noInternetEgress."));
    }

    /** The example in docs/analysis.md parses, and does what it says: port 80 on the front door becomes a violation. */
    @Test
    void theDocumentedExamplePolicy_parses_andForbidsPort80() throws IOException {
        String doc = Files.readString(Path.of("docs/analysis.md"));
        int start = doc.indexOf("```yaml\n# Every flow from the internet");
        assertThat(start).as("the example policy in docs/analysis.md").isPositive();
        String yaml = doc.substring(start + "```yaml\n".length(), doc.indexOf("```", start + 7));
        for (Network n : List.of(PROD, STAGING)) {
            Policy p = PolicyLoader.parse("analysis.md", yaml, names(n));
            List<Violation> v = new PolicyCheck(n, names(n), p)
                    .check(dev.stackwright.analysis.reach.Exposure.of(
                            new dev.stackwright.analysis.reach.Reachability(n)));
            assertThat(v).as(n.stackName()).isNotEmpty().allSatisfy(x -> {
                assertThat(x.rule()).isEqualTo("internet-ingress");
                assertThat(x.message()).contains("tcp 80 ");
            });
        }
    }

    @Test
    void emptyOrShapelessPolicyFiles_sayWhatAPolicyHolds() {
        assertThatThrownBy(() -> PolicyLoader.parse("p.yml", "\n", names(PROD)))
                .hasMessageContaining("the policy file is empty")
                .hasMessageContaining("allow, guarded");
        assertThatThrownBy(() -> PolicyLoader.parse("p.yml", "- allow\n", names(PROD)))
                .hasMessageContaining("a policy file must be a YAML mapping of sections");
    }

    @Test
    void aMissingPolicyFile_saysHowToGoOn(@org.junit.jupiter.api.io.TempDir Path dir) {
        assertThatThrownBy(() -> PolicyLoader.load(dir.resolve("nope.yml"), names(PROD)))
                .hasMessageContaining("policy file not found")
                .hasMessageContaining("--policy");
    }

    /** The full check of a planned spec: the network, with the spec's peak tasks per app subnet. */
    private static CheckReport checkPlanned(Stackwright.Result r, Policy policy) {
        return Analysis.check(
                r.network(),
                java.util.Optional.of(r.intent()),
                java.util.OptionalInt.of(r.spec().network().maxTasks()),
                policy);
    }
}
