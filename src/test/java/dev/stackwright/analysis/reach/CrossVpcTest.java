package dev.stackwright.analysis.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.analysis.Networks;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.Network;
import dev.stackwright.model.Peer;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.RouteTarget;
import dev.stackwright.model.SecurityGroupRule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flows between two VPCs: out of one, over a peering connection or transit gateway, into the other and back. */
class CrossVpcTest {
    static final Network A = Networks.plan("name: aa\nenvironment: prod\n"); // 10.0.0.0/16, app-a 10.0.0.0/24
    static final Network B = Networks.plan("name: bb\nenvironment: staging\n"); // 10.1.0.0/16

    private static Network route(Network n, String table, String cidr, RouteTarget target) {
        return Networks.editTable(n, table, t -> {
            List<Route> routes = new ArrayList<>(t.routes());
            routes.add(Route.to(Cidr.parse(cidr), target));
            return new RouteTable(t.name(), t.tier(), routes, t.subnetNames());
        });
    }

    /** B's app tier admits HTTPS from A's app-a subnet (a CIDR: groups of another VPC cannot be named here). */
    private static Network admitting(Network b) {
        Cidr from = A.subnet("app-a").orElseThrow().cidr();
        return Networks.editGroup(
                b, "app", g -> Networks.addIngress(g, SecurityGroupRule.tcp(443, new Peer.Block(from), "from aa")));
    }

    private static Location.Resource app(Network n) {
        return (Location.Resource) new Names(n, new AddressSpace(n))
                .destination("app-a").locations().stream()
                        .filter(l -> l instanceof Location.Resource)
                        .findFirst()
                        .orElseThrow();
    }

    private static CrossVpc.Result https(Network a, Network b) {
        return only(CrossVpc.Family.IPV4, CrossVpc.evaluate(a, app(a), b, app(b), Protocol.TCP, PortRange.of(443)));
    }

    /** The one family a pair of ends that share only it is checked in. */
    static CrossVpc.Result only(CrossVpc.Family family, CrossVpc.Pair pair) {
        assertThat(pair.families())
                .singleElement()
                .extracting(CrossVpc.Result::family)
                .isEqualTo(family);
        assertThat(pair.dualStack()).isFalse();
        assertThat(pair.verdict()).isEqualTo(pair.families().getFirst().verdict());
        return pair.families().getFirst();
    }

    /**
     * The one decision of the families a flow is checked in: each both ends have; ends that share none are checked in
     * one (IPv6 when either has it), so their legs name the end that lacks it.
     */
    @Test
    void families_areThoseBothEndsHave_orTheOneALegCanNameAsMissing() {
        IntervalSet v4 = IntervalSet.of(new Interval(10, 20));
        IntervalSet v6 = IntervalSet.of(new Interval(AddressSpace.IPV6_BASE + 3, AddressSpace.IPV6_BASE + 9));
        IntervalSet both = v4.union(v6);
        CrossVpc.Family four = CrossVpc.Family.IPV4;
        CrossVpc.Family six = CrossVpc.Family.IPV6;
        assertThat(CrossVpc.families(both, both)).containsExactly(four, six);
        assertThat(CrossVpc.families(both, v6)).containsExactly(six);
        assertThat(CrossVpc.families(v4, both)).containsExactly(four);
        assertThat(CrossVpc.families(v4, v4)).containsExactly(four);
        assertThat(CrossVpc.families(v4, v6)).containsExactly(six);
        assertThat(CrossVpc.families(v6, v4)).containsExactly(six);
        assertThat(CrossVpc.families(IntervalSet.empty(), v4)).containsExactly(four);
    }

    @Test
    void peeredBothWays_andAdmitted_isReachable() {
        RouteTarget pcx = new RouteTarget.Peering("pcx-1");
        CrossVpc.Result r =
                https(route(A, "app-a", "10.1.0.0/16", pcx), admitting(route(B, "app-a", "10.0.0.0/16", pcx)));
        assertThat(r.link()).contains(pcx);
        assertThat(r.linkProblems()).isEmpty();
        assertThat(r.leaving().answer().reachable()).isTrue();
        assertThat(r.entering().answer().reachable()).isTrue();
        assertThat(r.reachable()).isTrue();
    }

    @Test
    void throughOneTransitGateway_isReachable_too() {
        RouteTarget tgw = new RouteTarget.TransitGateway("tgw-1");
        assertThat(https(route(A, "app-a", "10.0.0.0/8", tgw), admitting(route(B, "app-a", "10.0.0.0/8", tgw)))
                        .reachable())
                .isTrue();
    }

    @Test
    void withoutTheRuleThatAdmitsIt_theEnteringLegIsBlockedByTheGroup() {
        RouteTarget pcx = new RouteTarget.Peering("pcx-1");
        CrossVpc.Result r = https(route(A, "app-a", "10.1.0.0/16", pcx), route(B, "app-a", "10.0.0.0/16", pcx));
        assertThat(r.reachable()).isFalse();
        assertThat(r.leaving().answer().reachable()).isTrue();
        assertThat(r.entering().answer().blockers())
                .anySatisfy(b -> assertThat(b.component()).contains("app"));
    }

    @Test
    void withoutTheWayBack_theLinkAndTheEnteringLegSaySo() {
        RouteTarget pcx = new RouteTarget.Peering("pcx-1");
        Network bElsewhere = admitting(
                route(route(B, "app-b", "10.0.0.0/16", pcx), "app-a", "10.0.0.0/16", new RouteTarget.Peering("pcx-9")));
        CrossVpc.Result r = https(route(A, "app-a", "10.1.0.0/16", pcx), bElsewhere);
        assertThat(r.reachable()).isFalse();
        assertThat(r.linkProblems())
                .singleElement()
                .asString()
                .contains("the way back from app-a to 10.0.0.0/24 is not through peering pcx-1");
    }

    @Test
    void aPeeringThatDoesNotReachTheOtherVpc_isNoLink() {
        CrossVpc.Result r = https(
                route(A, "app-a", "10.1.0.0/16", new RouteTarget.Peering("pcx-1")),
                admitting(route(B, "app-a", "10.0.0.0/16", new RouteTarget.Peering("pcx-2"))));
        assertThat(r.linkProblems())
                .singleElement()
                .asString()
                .contains("peering pcx-1 does not lead to bb-staging", "joins exactly two VPCs");
        assertThat(r.reachable()).isFalse();
    }

    @Test
    void noRouteAtAll_isBlockedOnBothCounts() {
        CrossVpc.Result r = https(A, admitting(B));
        assertThat(r.link()).isEmpty();
        assertThat(r.linkProblems())
                .singleElement()
                .asString()
                .contains("no route from app-a towards bb-staging's IPv4 blocks");
        assertThat(r.leaving().answer().reachable()).isFalse();
    }
}
