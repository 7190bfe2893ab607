package dev.stackwright.analysis.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.analysis.Networks;
import dev.stackwright.model.Network;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IPv6 in the engine on the planner's own dual-stack network ({@code network.ipv6: true}): the front door open on
 * {@code ::/0} for 80 and 443, the app tier out over IPv6 through the egress-only internet gateway and never reached
 * from the IPv6 internet, the data tier with no IPv6 way out.
 */
class Ipv6ReachabilityTest {
    static final Network DUAL = Networks.plan("""
            name: shop
            environment: prod
            region: us-east-1
            network: {nat: gateway, ipv6: true}
            service: {compute: fargate, port: 8080}
            frontDoor: {type: alb, domain: api.example.com, certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"}
            database: {engine: postgres}
            """);

    static Answer ask(Network n, String from, String to, int port) {
        Reachability r = new Reachability(n);
        Names names = new Names(n, r.space());
        Location s = names.source(from).locations().getFirst();
        Location d = names.destination(to).locations().getFirst();
        return r.evaluate(new Flow(s, d, Protocol.TCP, PortRange.of(port)));
    }

    static Branch ipv6Branch(Answer a) {
        return a.branches().stream()
                .filter(b -> b.via().contains("IPv6") || b.via().contains("::/0"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no IPv6 way in " + a.branches()));
    }

    static List<String> codes(Branch b) {
        return b.blockers().stream().map(Blocker::code).toList();
    }

    @Test
    void frontDoor_isReachableFromTheIpv6Internet_on80And443() {
        for (int port : List.of(80, 443)) {
            Branch b = ipv6Branch(ask(DUAL, "internet", "front-door-a", port));
            assertThat(b.reachable()).as("port " + port).isTrue();
            assertThat(b.via()).isEqualTo("from the IPv6 internet through the internet gateway");
            assertThat(b.hops().stream().flatMap(h -> h.admittedBy().stream()))
                    .anyMatch(r -> r.contains("from anywhere (::/0)"))
                    .anyMatch(r -> r.equals("::/0 -> internet gateway"));
        }
        Branch closed = ipv6Branch(ask(DUAL, "internet", "front-door-a", 22));
        assertThat(codes(closed)).contains("sg-ingress-denied");
    }

    @Test
    void exposure_listsWhatTheIpv6InternetReaches_andOnlyThat() {
        Reachability r = new Reachability(DUAL);
        Exposure e = Exposure.of(r);
        IntervalSet v6 = r.space().internet6();
        assertThat(v6.isEmpty()).isFalse();
        List<Exposure.Ingress> fromV6 = e.fromInternet().stream()
                .filter(i -> !i.sources().intersect(v6).isEmpty())
                .toList();
        assertThat(fromV6).isNotEmpty();
        assertThat(fromV6).allMatch(i -> i.attachment().name().startsWith("front-door-"));
        assertThat(fromV6)
                .allMatch(i -> i.ports().equals(IntervalSet.of(Interval.of(80), Interval.of(443)))
                        && i.sources().containsAll(v6)
                        && i.openToWorld());
    }

    /**
     * "An egress-only internet gateway is used to enable outbound communication over IPv6 from instances in your VPC to
     * the internet, and prevents hosts outside of your VPC from initiating an IPv6 connection with your instance."
     * (Amazon VPC User Guide, Egress-only internet gateways; CreateEgressOnlyInternetGateway)
     */
    @Test
    void appTier_reachesTheIpv6InternetThroughTheEgressOnlyGateway_butIsNeverReachedFromIt() {
        Branch out = ipv6Branch(ask(DUAL, "app-a", "internet", 443));
        assertThat(out.reachable()).isTrue();
        assertThat(out.via()).isEqualTo("via ::/0 -> egress-only internet gateway egress-only");
        Exposure e = Exposure.of(new Reachability(DUAL));
        assertThat(e.toInternet())
                .filteredOn(g -> g.attachment().name().equals("app-a"))
                .anyMatch(g -> g.via().contains("via ::/0 -> egress-only internet gateway egress-only"));

        Branch in = ipv6Branch(ask(DUAL, "internet", "app-a", 8080));
        assertThat(in.reachable()).isFalse();
        assertThat(codes(in)).contains("egress-only");
        // Even with the app group open to ::/0, the egress-only gateway keeps the internet from starting a connection.
        Network open = Networks.plan("""
                name: shop
                environment: prod
                region: us-east-1
                network: {nat: gateway, ipv6: true}
                service: {compute: fargate, port: 8080}
                frontDoor: alb
                """);
        dev.stackwright.model.DualStack d = open.ipv6().orElseThrow();
        List<dev.stackwright.model.DualStack.Ipv6Rule> rules = new java.util.ArrayList<>(d.rules());
        rules.add(new dev.stackwright.model.DualStack.Ipv6Rule(
                "app", false, Protocol.TCP, PortRange.of(8080), "::/0", "wide open"));
        Network widened = withIpv6(open, rules);
        Answer a = ask(widened, "internet", "app-a", 8080);
        assertThat(a.reachable()).isFalse();
        assertThat(codes(ipv6Branch(a))).containsExactly("egress-only");
    }

    /**
     * Exposure asks the way out once per subnet, sender addresses and public address, then narrows it by each group's
     * egress rules: on dual-stack networks, where an interface's IPv6 addresses are its own, every sender's internet
     * egress must still be the whole answer for that sender.
     */
    @Test
    void internetEgress_isEachSendersWholeAnswer_onDualStackNetworks() {
        Network natInstances = Networks.plan("""
                name: shop
                environment: staging
                region: us-east-1
                network: {nat: instance, ipv6: true, access: bastion, bastionCidr: 203.0.113.0/24}
                service: {compute: ecs-ec2, port: 8080}
                frontDoor: alb
                database: {engine: postgres}
                """);
        for (Network n : List.of(DUAL, natInstances)) {
            Reachability r = new Reachability(n);
            Exposure e = Exposure.of(r);
            Location.Outside internet =
                    new Location.Outside(Names.INTERNET, r.space().internet());
            int withIpv6 = 0;
            for (dev.stackwright.model.Attachment a : n.attachments()) {
                if (!Exposure.initiates(a)) {
                    continue;
                }
                Location.Resource at = r.locate(a).orElseThrow();
                withIpv6 += r.space().ipv6Of(a, at.subnet()).isPresent() ? 1 : 0;
                for (Protocol p : Exposure.PROTOCOLS) {
                    IntervalSet whole = r.evaluate(new Flow(at, internet, p, PortRange.ALL))
                            .admitted()
                            .project(Dim.DPORT);
                    IntervalSet listed = e.toInternet().stream()
                            .filter(g -> g.attachment().equals(a) && g.protocol() == p)
                            .map(Exposure.Egress::ports)
                            .reduce(IntervalSet.empty(), IntervalSet::union);
                    assertThat(listed)
                            .as("%s %s in %s", a.name(), p, n.stackName())
                            .isEqualTo(whole);
                }
            }
            assertThat(withIpv6)
                    .as("senders with IPv6 addresses in " + n.stackName())
                    .isPositive();
        }
    }

    /**
     * A sender without an IPv6 address listed first in app-a's subnet, under a group whose egress rules are app's:
     * the same subnet and rules, different addresses, so neither may take the other's way out.
     */
    @Test
    void aSenderWithoutIpv6_doesNotLendItsWayOut_toOneWithIpv6InTheSameSubnet() {
        dev.stackwright.model.Attachment app = DUAL.attachments().stream()
                .filter(a -> a.name().equals("app-a"))
                .findFirst()
                .orElseThrow();
        dev.stackwright.model.SecurityGroup appGroup = DUAL.securityGroups().stream()
                .filter(g -> g.name().equals(app.securityGroupNames().getFirst()))
                .findFirst()
                .orElseThrow();
        List<dev.stackwright.model.SecurityGroup> groups = new java.util.ArrayList<>(DUAL.securityGroups());
        groups.add(new dev.stackwright.model.SecurityGroup(
                "worker", appGroup.role(), "a worker", appGroup.ingress(), appGroup.egress()));
        List<dev.stackwright.model.Attachment> attachments = new java.util.ArrayList<>();
        attachments.add(new dev.stackwright.model.Attachment(
                "worker-a",
                dev.stackwright.model.Attachment.Kind.INSTANCE,
                app.subnetName(),
                List.of("worker"),
                false));
        attachments.addAll(DUAL.attachments());
        dev.stackwright.model.DualStack d = DUAL.ipv6().orElseThrow();
        List<dev.stackwright.model.DualStack.Ipv6Interface> interfaces = new java.util.ArrayList<>(d.interfaces());
        interfaces.add(new dev.stackwright.model.DualStack.Ipv6Interface("worker-a", false, List.of()));
        // The worker's group has app's IPv6 rules too: the two differ in addresses only.
        List<dev.stackwright.model.DualStack.Ipv6Rule> rules = new java.util.ArrayList<>(d.rules());
        for (dev.stackwright.model.DualStack.Ipv6Rule rule : d.rules()) {
            if (rule.groupName().equals(appGroup.name())) {
                rules.add(new dev.stackwright.model.DualStack.Ipv6Rule(
                        "worker", rule.egress(), rule.protocol(), rule.ports(), rule.cidr(), rule.description()));
            }
        }
        Network n = withIpv6(
                Networks.withAttachments(Networks.withGroups(DUAL, groups), attachments),
                new dev.stackwright.model.DualStack(
                        d.vpcBlock(),
                        d.subnets(),
                        d.routes(),
                        d.egressOnlyGateways(),
                        rules,
                        d.aclEntries(),
                        interfaces));
        Reachability r = new Reachability(n);
        Exposure e = Exposure.of(r);
        assertThat(r.space()
                        .ipv6Of(
                                attachments.getFirst(),
                                r.locate(app).orElseThrow().subnet()))
                .isEmpty();
        assertThat(e.toInternet())
                .filteredOn(g -> g.attachment().name().equals("app-a"))
                .anyMatch(g -> g.via().contains("via ::/0 -> egress-only internet gateway egress-only"));
        assertThat(e.toInternet())
                .filteredOn(g -> g.attachment().name().equals("worker-a"))
                .isNotEmpty()
                .noneMatch(g -> g.via().stream().anyMatch(v -> v.contains("::/0")));
    }

    @Test
    void dataTier_hasNoIpv6WayOut_andNoIpv6Address() {
        Answer a = ask(DUAL, "database-a", "internet", 443);
        assertThat(a.reachable()).isFalse();
        Exposure e = Exposure.of(new Reachability(DUAL));
        assertThat(e.toInternet()).noneMatch(g -> g.attachment().name().startsWith("database"));
        Branch in = ipv6Branch(ask(DUAL, "internet", "database-a", 5432));
        assertThat(codes(in)).contains("no-ipv6-address");
    }

    @Test
    void ipv4OnlyNetwork_hasNoIpv6Line_andAnswersAsBefore() {
        Network v4 = Networks.example("prod-nat-instances");
        Reachability r = new Reachability(v4);
        assertThat(r.space().dualStack()).isFalse();
        assertThat(r.space().internet6().isEmpty()).isTrue();
        assertThat(r.space().all().hi()).isLessThan(AddressSpace.IPV6_BASE);
        Answer a = ask(v4, "internet", "front-door-a", 443);
        assertThat(a.branches()).hasSize(1);
        assertThat(a.branches().getFirst().via()).isEqualTo("from the internet through the internet gateway");
    }

    @Test
    void ipv6Address_ofANetworkWithoutIpv6_isAnErrorWithAFix() {
        Network v4 = Networks.example("prod-nat-instances");
        Names names = new Names(v4, new AddressSpace(v4));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> names.destination("2600:1f18::10"))
                .isInstanceOf(Names.Unresolved.class)
                .hasMessageContaining("no IPv6");
    }

    @Test
    void lint_readsIpv6_routesOutOfDataSubnets_andADefaultGroupsIpv6Rules() {
        dev.stackwright.model.DualStack d = DUAL.ipv6().orElseThrow();
        assertThat(lint(DUAL)).noneMatch(f -> f.id().equals("SW008") || f.id().equals("SW006"));
        List<dev.stackwright.model.DualStack.Ipv6Route> routes = new java.util.ArrayList<>(d.routes());
        routes.add(new dev.stackwright.model.DualStack.Ipv6Route(
                "data", "::/0", dev.stackwright.model.DualStack.Target.EGRESS_ONLY_INTERNET_GATEWAY));
        List<dev.stackwright.model.DualStack.Ipv6Rule> rules = new java.util.ArrayList<>(d.rules());
        rules.add(new dev.stackwright.model.DualStack.Ipv6Rule(
                "database", false, Protocol.TCP, PortRange.of(5432), "::/0", "open"));
        Network changed = withIpv6(
                DUAL,
                new dev.stackwright.model.DualStack(
                        d.vpcBlock(),
                        d.subnets(),
                        routes,
                        d.egressOnlyGateways(),
                        rules,
                        d.aclEntries(),
                        d.interfaces()));
        List<dev.stackwright.analysis.lint.Finding> findings = lint(changed);
        assertThat(findings)
                .anyMatch(f ->
                        f.id().equals("SW008") && f.message().contains("routes ::/0 to egress-only internet gateway"));
        assertThat(findings).anyMatch(f -> f.id().equals("SW006") && f.message().contains("from anywhere (::/0)"));
    }

    static List<dev.stackwright.analysis.lint.Finding> lint(Network n) {
        return dev.stackwright.analysis.lint.Lint.run(dev.stackwright.analysis.lint.LintContext.of(
                n, java.util.Optional.empty(), java.util.OptionalInt.empty()));
    }

    static Network withIpv6(Network n, List<dev.stackwright.model.DualStack.Ipv6Rule> rules) {
        dev.stackwright.model.DualStack d = n.ipv6().orElseThrow();
        return withIpv6(
                n,
                new dev.stackwright.model.DualStack(
                        d.vpcBlock(),
                        d.subnets(),
                        d.routes(),
                        d.egressOnlyGateways(),
                        rules,
                        d.aclEntries(),
                        d.interfaces()));
    }

    static Network withIpv6(Network n, dev.stackwright.model.DualStack d) {
        return Networks.withIpv6(n, d);
    }
}
