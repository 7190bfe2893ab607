package dev.stackwright.analysis.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.analysis.Networks;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.LoadBalancer;
import dev.stackwright.model.Network;
import dev.stackwright.model.Peer;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A Network Load Balancer's targets and the address they see, and targets that receive no new connections, each case
 * pinned to what the Elastic Load Balancing guide says.
 *
 * <p>"Network Load Balancers can preserve the source IP addresses of clients when routing requests to backend
 * targets. When you disable client IP preservation, the source IP address is the private IP address of the Network
 * Load Balancer." "Default settings: Instance type target groups: Enabled; IP type target groups (UDP, TCP_UDP, QUIC,
 * TCP_QUIC): Enabled; IP type target groups (TCP, TLS): Disabled":
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#client-ip-preservation
 */
class ClientIpPreservationTest {
    /** The planned production network's front door turned into a Network Load Balancer forwarding to app-a. */
    private static Network nlb(LoadBalancer.TargetGroup group, Peer appAdmits) {
        Network n = ReachabilityTest.PROD;
        List<LoadBalancer> lbs = n.loadBalancers().stream()
                .map(lb -> new LoadBalancer(
                        lb.name(),
                        LoadBalancer.Type.NETWORK,
                        lb.internetFacing(),
                        List.of(new LoadBalancer.Listener(443, LoadBalancer.Scheme.TCP, false)),
                        lb.interfaces(),
                        List.of(group)))
                .toList();
        List<SecurityGroup> groups = n.securityGroups().stream()
                .map(g -> g.name().equals("app")
                        ? new SecurityGroup(
                                g.name(),
                                g.role(),
                                g.description(),
                                List.of(
                                        SecurityGroupRule.tcp(8080, appAdmits, "from the load balancer"),
                                        new SecurityGroupRule(
                                                Protocol.UDP, PortRange.of(8080), appAdmits, "from the load balancer")),
                                g.egress())
                        : g)
                .toList();
        return Networks.withGroups(Networks.withLoadBalancers(n, lbs), groups);
    }

    private static LoadBalancer.TargetGroup group(
            LoadBalancer.TargetType type,
            LoadBalancer.Scheme protocol,
            Optional<Boolean> attribute,
            LoadBalancer.Health health) {
        return new LoadBalancer.TargetGroup(
                "web",
                protocol,
                type,
                List.of(new LoadBalancer.Target("app-a", 8080, health)),
                List.of(8080),
                true,
                attribute);
    }

    private static final Peer LB_SUBNETS = new Peer.Block(Cidr.parse("10.0.128.0/23"));

    private static Answer ask(Network n, Protocol protocol) {
        Reachability r = new Reachability(n);
        Names names = new Names(n, r.space());
        Location s = names.source("front-door-a").locations().getFirst();
        Location d = names.destination("app-a").locations().getFirst();
        return r.evaluate(new Flow(s, d, protocol, PortRange.of(8080)));
    }

    private static String seen(Answer a) {
        return a.branches().stream()
                .flatMap(b -> b.hops().stream())
                .filter(h -> h.component().equals("address app-a sees"))
                .flatMap(h -> h.admittedBy().stream())
                .findFirst()
                .orElse("");
    }

    @Test
    void instanceTargets_seeTheClient_soAGroupAdmittingOnlyTheLoadBalancersSubnets_admitsNoInternetClient() {
        Answer a = ask(
                nlb(
                        group(
                                LoadBalancer.TargetType.INSTANCE,
                                LoadBalancer.Scheme.TCP,
                                Optional.empty(),
                                LoadBalancer.Health.NOT_GIVEN),
                        LB_SUBNETS),
                Protocol.TCP);
        assertThat(seen(a))
                .startsWith("the client's address: client IP preservation is on for target group web, so its group");
        // Only clients inside the load balancer's own subnets remain: nobody on the internet.
        assertThat(a.admitted().project(Dim.SRC)).isEqualTo(IntervalSet.of(new Interval(0x0A008000L, 0x0A0081FFL)));
    }

    @Test
    void ipTargetsOverTcp_seeTheLoadBalancer_byDefault() {
        Answer a = ask(
                nlb(
                        group(
                                LoadBalancer.TargetType.IP,
                                LoadBalancer.Scheme.TCP,
                                Optional.empty(),
                                LoadBalancer.Health.NOT_GIVEN),
                        LB_SUBNETS),
                Protocol.TCP);
        assertThat(a.reachable()).isTrue();
        assertThat(seen(a)).isEqualTo("front-door's own address: client IP preservation is off for target group web");
        assertThat(a.admitted().project(Dim.SRC)).isEqualTo(IntervalSet.of(new Interval(0x0A008000L, 0x0A0080FFL)));
    }

    @Test
    void theAttribute_turnsPreservationOnForIpTargets_andOffForInstanceTargets() {
        Answer on = ask(
                nlb(
                        group(
                                LoadBalancer.TargetType.IP,
                                LoadBalancer.Scheme.TCP,
                                Optional.of(true),
                                LoadBalancer.Health.NOT_GIVEN),
                        new Peer.Block(Cidr.parse("203.0.113.0/24"))),
                Protocol.TCP);
        assertThat(on.reachable()).isTrue();
        assertThat(on.admitted().project(Dim.SRC)).isEqualTo(IntervalSet.of(new Interval(0xCB007100L, 0xCB0071FFL)));
        Answer off = ask(
                nlb(
                        group(
                                LoadBalancer.TargetType.INSTANCE,
                                LoadBalancer.Scheme.TCP,
                                Optional.of(false),
                                LoadBalancer.Health.NOT_GIVEN),
                        new Peer.Block(Cidr.parse("203.0.113.0/24"))),
                Protocol.TCP);
        assertThat(off.reachable()).isFalse();
        assertThat(ReachabilityTest.codes(off)).containsExactly("sg-ingress-denied");
    }

    @Test
    void udpGroups_alwaysPreserve_whateverTheAttributeSays() {
        // "client IP preservation is enabled (and can't be disabled) for instance and IP type target groups with UDP,
        // TCP_UDP, QUIC, and TCP_QUIC protocols"
        Answer a = ask(
                nlb(
                        group(
                                LoadBalancer.TargetType.IP,
                                LoadBalancer.Scheme.UDP,
                                Optional.of(false),
                                LoadBalancer.Health.NOT_GIVEN),
                        new Peer.Block(Cidr.parse("203.0.113.0/24"))),
                Protocol.UDP);
        assertThat(seen(a)).startsWith("the client's address: client IP preservation is on");
        // The app's group admits the clients in 203.0.113.0/24; only the front door's own egress (TCP) stops UDP.
        assertThat(ReachabilityTest.codes(a)).containsExactly("sg-egress-denied");
    }

    @Test
    void aTargetGroupAdmittingTheLoadBalancersGroup_admitsItsClientsToo() {
        // "Referencing the security group associated with your Network Load Balancer in the security groups associated
        // with your targets ensures that your targets accept traffic from your Network Load Balancer even if you enable
        // client IP preservation":
        // https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html
        Answer a = ask(
                nlb(
                        group(
                                LoadBalancer.TargetType.INSTANCE,
                                LoadBalancer.Scheme.TCP,
                                Optional.empty(),
                                LoadBalancer.Health.NOT_GIVEN),
                        new Peer.Group("front-door")),
                Protocol.TCP);
        assertThat(a.reachable()).isTrue();
        assertThat(a.admitted().project(Dim.SRC)).isEqualTo(IntervalSet.of(new Interval(0, AddressSpace.IPV4_END)));
    }

    @Test
    void aBlockedClient_isNamedAsTheClients_notTheLoadBalancer() {
        Answer a = ask(
                nlb(
                        group(
                                LoadBalancer.TargetType.INSTANCE,
                                LoadBalancer.Scheme.TCP,
                                Optional.empty(),
                                LoadBalancer.Health.NOT_GIVEN),
                        new Peer.Group("nat")),
                Protocol.TCP);
        assertThat(a.reachable()).isFalse();
        assertThat(ReachabilityTest.codes(a)).containsExactly("sg-ingress-denied");
        assertThat(a.blockers().getFirst().message())
                .isEqualTo("security group app allows tcp 8080 only from sg nat, not the clients of front-door,"
                        + " whose addresses it sees");
    }

    @Test
    void drainingAndUnusedTargets_getNoNewConnections_andSayWhy() {
        // "The load balancer stops sending requests to targets that are deregistering":
        // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DeregisterTargets.html
        for (LoadBalancer.Health h : List.of(
                new LoadBalancer.Health("draining", "Target.DeregistrationInProgress"),
                new LoadBalancer.Health("unused", "Target.NotInUse"))) {
            Answer a = ask(
                    nlb(group(LoadBalancer.TargetType.IP, LoadBalancer.Scheme.TCP, Optional.empty(), h), LB_SUBNETS),
                    Protocol.TCP);
            assertThat(a.reachable()).isFalse();
            assertThat(ReachabilityTest.codes(a)).containsExactly("target-not-in-service");
            assertThat(a.blockers().getFirst().message())
                    .isEqualTo("app-a is " + h.state() + " (" + h.reason() + ") in target group web of front-door"
                            + ": the load balancer sends it no new connections");
        }
    }

    @Test
    void unhealthyTargets_mayStillGetConnections_forTheLoadBalancerFailsOpen() {
        // "If a target group contains only unhealthy registered targets, the load balancer routes requests to all
        // those targets, regardless of their health status":
        // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
        Answer a = ask(
                nlb(
                        group(
                                LoadBalancer.TargetType.IP,
                                LoadBalancer.Scheme.TCP,
                                Optional.empty(),
                                new LoadBalancer.Health("unhealthy", "Target.FailedHealthChecks")),
                        LB_SUBNETS),
                Protocol.TCP);
        assertThat(a.reachable()).isTrue();
    }

    @Test
    void aTargetWhoseHealthIsUnavailable_cannotBeTold() {
        // "Elb.InternalError - Target health is unavailable due to an internal error":
        // https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html
        Answer a = ask(
                nlb(
                        group(
                                LoadBalancer.TargetType.IP,
                                LoadBalancer.Scheme.TCP,
                                Optional.empty(),
                                new LoadBalancer.Health("unavailable", "Elb.InternalError")),
                        LB_SUBNETS),
                Protocol.TCP);
        assertThat(a.verdict()).isEqualTo(Verdict.CANNOT_TELL);
        assertThat(a.branches().getFirst().unmodelled())
                .containsExactly(
                        "whether app-a receives connections: it is unavailable (Elb.InternalError) in target group web");
    }

    @Test
    void plannedNetworks_haveApplicationLoadBalancersOnly_whoseTargetsSeeTheLoadBalancer() {
        for (Network n : List.of(ReachabilityTest.PROD, ReachabilityTest.STAGING)) {
            assertThat(n.loadBalancers()).isNotEmpty();
            for (LoadBalancer lb : n.loadBalancers()) {
                assertThat(lb.type()).isEqualTo(LoadBalancer.Type.APPLICATION);
                assertThat(lb.targetGroups()).noneMatch(lb::preservesClientIp);
            }
        }
    }
}
