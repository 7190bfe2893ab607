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
import org.junit.jupiter.api.Test;

/**
 * What the planned front door opens connections to outside the VPC when its security group lets everything out: the
 * same answer for {@code why} and for {@code check}'s egress rows, since both come from
 * {@link Reachability#beyondTheVpc}.
 *
 * <p>"You must ensure that your load balancer can communicate with registered targets on both the listener port and
 * the health check port"
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html); an
 * Application Load Balancer's authenticate action needs "an outbound rule to the load balancer security group that
 * allows traffic to the IdP endpoints over HTTPS port 443", and "Application Load Balancers support only IPv4 when the
 * load balancers communicate with these endpoints" (https://repost.aws/knowledge-center/elb-configure-authentication-alb).
 */
class LoadBalancerSourceTest {
    private static final SecurityGroupRule EVERYTHING_OUT =
            new SecurityGroupRule(Protocol.ALL, PortRange.ALL, new Peer.Block(Cidr.ANYWHERE), "everything out");

    /** The production plan with the front door's group letting everything out, its load balancer of this type. */
    private static Network allOut(LoadBalancer.Type type) {
        Network n = ReachabilityTest.PROD;
        List<SecurityGroup> groups = n.securityGroups().stream()
                .map(g -> g.name().equals("front-door")
                        ? new SecurityGroup(g.name(), g.role(), g.description(), g.ingress(), List.of(EVERYTHING_OUT))
                        : g)
                .toList();
        List<LoadBalancer> lbs = n.loadBalancers().stream()
                .map(lb -> new LoadBalancer(
                        lb.name(), type, lb.internetFacing(), lb.listeners(), lb.interfaces(), lb.targetGroups()))
                .toList();
        return Networks.withGroups(Networks.withLoadBalancers(n, lbs), groups);
    }

    @Test
    void anAlb_toTheInternet_cannotTellOnHttpsOnly_inWhyAndInCheck() {
        Network n = allOut(LoadBalancer.Type.APPLICATION);
        Answer https = ReachabilityTest.ask(n, "front-door-a", "internet", 443);
        assertThat(https.verdict()).as(https.toString()).isEqualTo(Verdict.CANNOT_TELL);
        assertThat(https.unmodelled())
                .containsExactly("the listener rules of front-door (an authenticate action connects to an identity"
                        + " provider)");
        Answer http = ReachabilityTest.ask(n, "front-door-a", "internet", 80);
        assertThat(http.verdict()).isEqualTo(Verdict.BLOCKED);
        assertThat(ReachabilityTest.codes(http)).containsExactly("only-to-targets");

        Exposure e = Exposure.of(new Reachability(n));
        assertThat(e.toInternet()).noneMatch(r -> r.attachment().name().startsWith("front-door"));
        assertThat(e.toServices()).noneMatch(r -> r.attachment().name().startsWith("front-door"));
        List<Exposure.Egress> undecided = e.undecided().stream()
                .filter(r -> r.attachment().name().startsWith("front-door"))
                .toList();
        assertThat(undecided).isNotEmpty().allSatisfy(r -> {
            assertThat(r.destination()).isEqualTo(Names.INTERNET);
            assertThat(r.protocol()).isEqualTo(Protocol.TCP);
            assertThat(r.ports()).isEqualTo(IntervalSet.of(Interval.of(443)));
        });
    }

    /** The planned network, its front door of this authentication. */
    private static Network authenticating(LoadBalancer.Authentication authentication) {
        Network n = allOut(LoadBalancer.Type.APPLICATION);
        return Networks.withLoadBalancers(
                n,
                n.loadBalancers().stream()
                        .map(lb -> lb.withAuthentication(authentication))
                        .toList());
    }

    /**
     * Where the input gives every listener and rule and no action authenticates, there is no identity provider: the
     * flow is blocked, in why and in check alike.
     */
    @Test
    void anAlbWhoseRulesAreKnown_andNoneAuthenticates_opensNothingOutsideTheVpc() {
        Network n = authenticating(LoadBalancer.Authentication.NONE);
        Answer https = ReachabilityTest.ask(n, "front-door-a", "internet", 443);
        assertThat(https.verdict()).as(https.toString()).isEqualTo(Verdict.BLOCKED);
        assertThat(ReachabilityTest.codes(https)).containsExactly("only-to-targets");
        assertThat(https.blockers().getFirst().message()).doesNotContain("identity provider");
        Exposure e = Exposure.of(new Reachability(n));
        assertThat(e.toInternet()).noneMatch(r -> r.attachment().name().startsWith("front-door"));
        assertThat(e.undecided()).noneMatch(r -> r.attachment().name().startsWith("front-door"));
    }

    /** An authenticate action: the identity provider's endpoints are not in the input, so HTTPS out is cannot tell. */
    @Test
    void anAlbThatAuthenticates_toTheInternetOnHttps_cannotTell_whereItsIdentityProviderIs() {
        Network n = authenticating(LoadBalancer.Authentication.SOME);
        Answer https = ReachabilityTest.ask(n, "front-door-a", "internet", 443);
        assertThat(https.verdict()).isEqualTo(Verdict.CANNOT_TELL);
        assertThat(https.unmodelled())
                .containsExactly("the endpoints of the identity provider that front-door's authenticate action"
                        + " connects to");
        assertThat(ReachabilityTest.ask(n, "front-door-a", "internet", 80).verdict())
                .isEqualTo(Verdict.BLOCKED);
        Exposure e = Exposure.of(new Reachability(n));
        assertThat(e.undecided())
                .filteredOn(r -> r.attachment().name().startsWith("front-door"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.ports()).isEqualTo(IntervalSet.of(Interval.of(443))));
    }

    @Test
    void anNlb_reachesNothingOutsideTheVpc_andCheckListsNothingOfIt() {
        Network n = allOut(LoadBalancer.Type.NETWORK);
        Answer https = ReachabilityTest.ask(n, "front-door-a", "internet", 443);
        assertThat(https.verdict()).isEqualTo(Verdict.BLOCKED);
        assertThat(ReachabilityTest.codes(https)).containsExactly("only-to-targets");
        Exposure e = Exposure.of(new Reachability(n));
        assertThat(e.toInternet()).noneMatch(r -> r.attachment().name().startsWith("front-door"));
        assertThat(e.toServices()).noneMatch(r -> r.attachment().name().startsWith("front-door"));
        assertThat(e.undecided()).noneMatch(r -> r.attachment().name().startsWith("front-door"));
    }

    @Test
    void withoutListenersOrTargetGroupsInTheInput_itsGroupsDecide_asForAnyInterface() {
        Network bare = Networks.withLoadBalancers(
                allOut(LoadBalancer.Type.APPLICATION),
                ReachabilityTest.PROD.loadBalancers().stream()
                        .map(lb -> new LoadBalancer(
                                lb.name(), lb.type(), lb.internetFacing(), List.of(), lb.interfaces(), List.of()))
                        .toList());
        assertThat(ReachabilityTest.ask(bare, "front-door-a", "internet", 80).reachable())
                .isTrue();
        Exposure e = Exposure.of(new Reachability(bare));
        assertThat(e.toInternet())
                .anyMatch(r -> r.attachment().name().equals("front-door-a")
                        && r.protocol() == Protocol.TCP
                        && r.ports().contains(80));
    }
}
