package dev.stackwright.analysis.reach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.analysis.Networks;
import dev.stackwright.model.DualStack;
import dev.stackwright.model.IpPrefix;
import dev.stackwright.model.LongestPrefix;
import dev.stackwright.model.Network;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.Subnet;
import dev.stackwright.model.TransitGateways;
import dev.stackwright.model.TransitGateways.Ipv6Support;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * IPv6 over transit gateway route tables, case by case from AWS's documentation.
 *
 * <ul>
 *   <li>"A route table inside the transit gateway allows for both IPv4 or IPv6 CIDRs and targets"
 *       (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html): one table, one lookup.
 *   <li>{@code Ipv6Support}: "When you enable route propagation, IPv6 VPC CIDRs propagate to the transit gateway route
 *       tables. When disabled, the network interface does not receive an IPv6 address, and IPv6 routes do not
 *       propagate. The setting does not filter IPv6 traffic. The default is disable."
 *       (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTransitGatewayVpcAttachmentRequestOptions.html)
 *   <li>"Static routes take precedence over propagated routes" for the same destination, and the most specific route
 *       wins (https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html, "Route evaluation order").
 *   <li>"If you have a VPC peering connection between VPCs that have associated IPv6 CIDR blocks, you can add a route
 *       to your route table that points to the IPv6 CIDR block of the peer VPC"
 *       (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html).
 * </ul>
 */
class TransitPathIpv6Test {
    static final Network A = TransitGatewayOracleTest.A6; // 10.0.0.0/16, 2600:1f18:0:a00::/56
    static final Network B = TransitGatewayOracleTest.B6; // 10.1.0.0/16, 2600:1f18:0:b00::/56
    static final IpPrefix B_BLOCK = IpPrefix.parse(TransitGatewayOracleTest.B6_BLOCK);
    /** B's app-a /64: 2600:1f18:0:b10::/64, the planner's slot 16. */
    static final IpPrefix B_APP = new IpPrefix(
            B.ipv6().orElseThrow().subnet("app-a").orElseThrow().block().addresses());

    private static Subnet appA() {
        return A.subnet("app-a").orElseThrow();
    }

    private static TransitGateways.Attachment attach(String id, Network n, Ipv6Support support) {
        return new TransitGateways.Attachment(
                id,
                "tgw-1",
                TransitGateways.Kind.VPC,
                Optional.of(n.stackName()),
                Optional.of(n.vpc().cidr()),
                n.subnets().stream().map(Subnet::name).toList(),
                Optional.empty(),
                List.of(new IpPrefix(n.ipv6().orElseThrow().vpcBlock().addresses())),
                false,
                support);
    }

    /** tgw-1 with A and B attached, one table both are associated with and both propagate to, and static routes. */
    private static TransitGateways transit(Ipv6Support a, Ipv6Support b, TransitGateways.StaticRoute... routes) {
        return new TransitGateways(
                List.of(new TransitGateways.Gateway("tgw-1")),
                List.of(attach("att-a", A, a), attach("att-b", B, b)),
                List.of(new TransitGateways.RouteTable(
                        "rtb-1", "tgw-1", List.of("att-a", "att-b"), List.of("att-a", "att-b"), List.of(routes))));
    }

    private static TransitPath.End walk(TransitGateways transit, IpPrefix destination) {
        return TransitPath.follow(transit, "tgw-1", A, appA(), destination);
    }

    @Test
    void anAttachmentWithIpv6SupportEnabled_propagatesItsVpcsIpv6Block() {
        TransitPath.End end = walk(transit(Ipv6Support.ENABLED, Ipv6Support.ENABLED), B_APP);
        assertThat(end).isInstanceOf(TransitPath.Delivered.class);
        assertThat(((TransitPath.Delivered) end).attachment().id()).isEqualTo("att-b");
        assertThat(end.hops())
                .containsExactly("transit gateway tgw-1: route table rtb-1, 2600:1f18:0:b00::/56 -> VPC attachment"
                        + " att-b (propagated)");
    }

    @Test
    void anAttachmentWithIpv6SupportDisabled_propagatesNoIpv6Block_soTheTableHasNoRoute_andSaysWhy() {
        TransitPath.End end = walk(transit(Ipv6Support.ENABLED, Ipv6Support.DISABLED), B_APP);
        assertThat(end).isInstanceOf(TransitPath.Stopped.class);
        Blocker b = ((TransitPath.Stopped) end).blocker();
        assertThat(b.code()).isEqualTo("tgw-ipv6-disabled");
        assertThat(b.message())
                .isEqualTo("route table rtb-1 of transit gateway tgw-1 has no route to 2600:1f18:0:b10::/64: VPC"
                        + " attachment att-b of bb-staging propagates to it, but its Ipv6Support option is disabled"
                        + " (AWS's default), so the VPC's IPv6 blocks do not propagate; enable Ipv6Support on the"
                        + " attachment");
        // IPv4 over the same attachment still propagates.
        assertThat(walk(
                        transit(Ipv6Support.ENABLED, Ipv6Support.DISABLED),
                        IpPrefix.of(B.vpc().cidr())))
                .isInstanceOf(TransitPath.Delivered.class);
    }

    /** "The setting does not filter IPv6 traffic": what a disabled attachment does with IPv6 sent in is not said. */
    @Test
    void ipv6SentIntoAnAttachmentWithoutIpv6Support_cannotBeTold_neverBlockedOrReachableByAGuess() {
        for (Ipv6Support entry : List.of(Ipv6Support.DISABLED, Ipv6Support.NOT_IN_INPUT)) {
            TransitPath.End end = walk(transit(entry, Ipv6Support.ENABLED), B_APP);
            assertThat(end).as(entry.name()).isInstanceOf(TransitPath.Unknown.class);
            assertThat(((TransitPath.Unknown) end).what()).startsWith("IPv6 over VPC attachment att-a, whose ");
        }
        // A static route hands IPv6 to B's attachment, whose option is disabled: not said either.
        TransitPath.End handed = walk(
                transit(
                        Ipv6Support.ENABLED,
                        Ipv6Support.DISABLED,
                        new TransitGateways.StaticRoute(B_BLOCK, Optional.of("att-b"))),
                B_APP);
        assertThat(handed).isInstanceOf(TransitPath.Unknown.class);
    }

    /** Whether B propagates its IPv6 block is not in the input, and that block would decide: cannot tell. */
    @Test
    void aPropagationTheInputDoesNotSettle_isCannotTell_onlyWhereItWouldDecide() {
        TransitPath.End open = walk(transit(Ipv6Support.ENABLED, Ipv6Support.NOT_IN_INPUT), B_APP);
        assertThat(open).isInstanceOf(TransitPath.Unknown.class);
        assertThat(((TransitPath.Unknown) open).what())
                .isEqualTo("whether VPC attachment att-b propagates its VPC's IPv6 block (the input does not give its"
                        + " Options.Ipv6Support)");
        // A static route as specific as the block decides without it.
        TransitPath.End settled = walk(
                transit(
                        Ipv6Support.ENABLED,
                        Ipv6Support.NOT_IN_INPUT,
                        new TransitGateways.StaticRoute(B_APP, Optional.empty())),
                B_APP);
        assertThat(settled).isInstanceOf(TransitPath.Stopped.class);
        assertThat(((TransitPath.Stopped) settled).blocker().code()).isEqualTo("tgw-blackhole");
    }

    @Test
    void theMostSpecificIpv6Route_wins_andAStaticOneBeatsAPropagatedOneOfTheSameLength() {
        TransitPath.End narrower = walk(
                transit(
                        Ipv6Support.ENABLED,
                        Ipv6Support.ENABLED,
                        new TransitGateways.StaticRoute(B_APP, Optional.empty())),
                B_APP);
        assertThat(((TransitPath.Stopped) narrower).blocker().message())
                .isEqualTo("route table rtb-1 of transit gateway tgw-1 drops 2600:1f18:0:b10::/64 (a blackhole"
                        + " route)");
        TransitPath.End sameLength = walk(
                transit(
                        Ipv6Support.ENABLED,
                        Ipv6Support.ENABLED,
                        new TransitGateways.StaticRoute(B_BLOCK, Optional.empty())),
                B_APP);
        assertThat(((TransitPath.Stopped) sameLength).blocker().code()).isEqualTo("tgw-blackhole");
        TransitPath.End wider = walk(
                transit(
                        Ipv6Support.ENABLED,
                        Ipv6Support.ENABLED,
                        new TransitGateways.StaticRoute(IpPrefix.parse("2600:1f18::/32"), Optional.empty())),
                B_APP);
        assertThat(wider).isInstanceOf(TransitPath.Delivered.class);
    }

    /** One table holds both families; a route of one never matches the other's addresses. */
    @Test
    void anIpv6DefaultRoute_doesNotCatchIpv4_andAnIpv4DefaultRouteDoesNotCatchIpv6() {
        TransitGateways drops6 = transit(
                Ipv6Support.ENABLED,
                Ipv6Support.DISABLED,
                new TransitGateways.StaticRoute(IpPrefix.parse("::/0"), Optional.empty()));
        assertThat(walk(drops6, IpPrefix.parse("10.9.0.0/16"))).isInstanceOf(TransitPath.Stopped.class);
        assertThat(((TransitPath.Stopped) walk(drops6, IpPrefix.parse("10.9.0.0/16")))
                        .blocker()
                        .code())
                .isEqualTo("tgw-no-route");
        assertThat(((TransitPath.Stopped) walk(drops6, B_APP)).blocker().code()).isEqualTo("tgw-blackhole");
        TransitGateways drops4 = transit(
                Ipv6Support.ENABLED,
                Ipv6Support.ENABLED,
                new TransitGateways.StaticRoute(IpPrefix.parse("0.0.0.0/0"), Optional.empty()));
        assertThat(walk(drops4, B_APP)).isInstanceOf(TransitPath.Delivered.class);
    }

    @Test
    void ipPrefix_parsesBothFamilies_andRefusesWhatIsNoBlock() {
        assertThat(IpPrefix.parse("2600:1f18:0:b01::20/56")).isEqualTo(IpPrefix.parse("2600:1f18:0:b00::/56"));
        assertThat(IpPrefix.parse("10.0.0.7/24").toString()).isEqualTo("10.0.0.0/24");
        for (String bad : List.of("2600:1f18::/129", "10.0.0.0/33", "2600:1f18::g/64", "", "*", "1-2::/64")) {
            assertThat(IpPrefix.tryParse(bad)).as(bad).isEmpty();
            assertThatThrownBy(() -> IpPrefix.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(IpPrefix.parse("::/0").contains(IpPrefix.parse("10.0.0.0/8")))
                .isFalse();
        assertThat(IpPrefix.parse("0.0.0.0/0").contains(IpPrefix.parse("2600::/16")))
                .isFalse();
    }

    @Test
    void longestPrefix_takesTheMostSpecificHoldingBlock_firstGivenOnATie() {
        record R(String block, String name) {}
        List<R> routes = List.of(
                new R("::/0", "default"),
                new R("2600::/16", "first"),
                new R("2600::/16", "second"),
                new R("2600:1::/32", "narrow"));
        assertThat(LongestPrefix.match(routes, r -> IpPrefix.parse(r.block()), IpPrefix.parse("2600:0:5::/48"))
                        .map(R::name))
                .contains("first");
        assertThat(LongestPrefix.match(routes, r -> IpPrefix.parse(r.block()), IpPrefix.parse("2600:1:5::/48"))
                        .map(R::name))
                .contains("narrow");
        // A destination wider than every route but the default is matched by the default only.
        assertThat(LongestPrefix.match(routes, r -> IpPrefix.parse(r.block()), IpPrefix.parse("2000::/3"))
                        .map(R::name))
                .contains("default");
        assertThat(LongestPrefix.match(routes, r -> IpPrefix.parse(r.block()), IpPrefix.parse("10.0.0.0/8")))
                .isEmpty();
    }

    // Cross-VPC link checks over IPv6.

    /** A and B with IPv6 routes to a peering connection pcx-1 for the other's /56, both ways unless {@code back}. */
    private static Network peered(Network n, String otherBlock) {
        DualStack d = n.ipv6().orElseThrow();
        List<DualStack.Ipv6Route> routes = new ArrayList<>(d.routes());
        for (RouteTable t : n.routeTables()) {
            routes.add(new DualStack.Ipv6Route(t.name(), otherBlock, DualStack.Target.PEERING, "pcx-1"));
        }
        return Ipv6ReachabilityTest.withIpv6(
                n,
                new DualStack(
                        d.vpcBlock(),
                        d.subnets(),
                        routes,
                        d.egressOnlyGateways(),
                        d.rules(),
                        d.aclEntries(),
                        d.interfaces()));
    }

    /** The network with app-a's first group admitting tcp 443 from every IPv6 address. */
    private static Network admitting443(Network n) {
        DualStack d = n.ipv6().orElseThrow();
        String group = app6(n).attachment().securityGroupNames().getFirst();
        List<DualStack.Ipv6Rule> rules = new ArrayList<>(d.rules());
        rules.add(new DualStack.Ipv6Rule(group, false, Protocol.TCP, PortRange.of(443), "::/0", "any IPv6 client"));
        return Ipv6ReachabilityTest.withIpv6(
                n,
                new DualStack(
                        d.vpcBlock(),
                        d.subnets(),
                        d.routes(),
                        d.egressOnlyGateways(),
                        rules,
                        d.aclEntries(),
                        d.interfaces()));
    }

    private static Location.Resource app6(Network n) {
        Reachability reach = new Reachability(n);
        Location.Resource r = (Location.Resource) new Names(n, reach.space())
                .destination("app-a").locations().stream()
                        .filter(l -> l instanceof Location.Resource)
                        .findFirst()
                        .orElseThrow();
        return new Location.Resource(
                r.attachment(),
                r.subnet(),
                IntervalSet.of(reach.space().subnetIpv6(r.subnet()).orElseThrow()));
    }

    private static CrossVpc.Result cross(Network a, Network b) {
        return CrossVpcTest.only(
                CrossVpc.Family.IPV6, CrossVpc.evaluate(a, app6(a), b, app6(b), Protocol.TCP, PortRange.of(443)));
    }

    @Test
    void overIpv6Peering_theLinkChecks_routeTheIpv6Blocks_bothWays() {
        Network a = peered(A, TransitGatewayOracleTest.B6_BLOCK);
        Network b = peered(B, TransitGatewayOracleTest.A6_BLOCK);
        CrossVpc.Result both = cross(a, b);
        assertThat(both.linkBlockers()).isEmpty();
        assertThat(both.link()).hasValueSatisfying(l -> assertThat(l.describe()).isEqualTo("peering pcx-1"));

        CrossVpc.Result oneWay = cross(a, B);
        assertThat(oneWay.linkProblems())
                .containsExactly("peering pcx-1 does not lead to bb-staging: none of its route tables uses it (a"
                        + " peering connection joins exactly two VPCs)");

        CrossVpc.Result none = cross(A, b);
        assertThat(none.linkProblems())
                .containsExactly(
                        "no route from app-a towards bb-staging's IPv6 blocks (none sends 2600:1f18:0:b10::/64 to a"
                                + " peering connection or transit gateway)");
    }

    /** The IPv4 blocks differ but the IPv6 ones overlap: an IPv6 flow cannot be told from the local route. */
    @Test
    void overIpv6_overlappingIpv6Blocks_areNoLink_evenWhenTheIpv4BlocksDiffer() {
        Network b = peered(
                TransitGatewayOracleTest.known6(
                        Networks.plan("name: bb\nenvironment: staging\nnetwork: {ipv6: true}\n"),
                        TransitGatewayOracleTest.A6_BLOCK),
                TransitGatewayOracleTest.A6_BLOCK);
        CrossVpc.Result r = cross(peered(A, TransitGatewayOracleTest.A6_BLOCK), b);
        assertThat(r.linkProblems())
                .contains("aa-prod (2600:1f18:0:a00::/56) and bb-staging (2600:1f18:0:a00::/56) overlap, so no route"
                        + " between them can be told from the local one");
        assertThat(r.verdict()).isEqualTo(Verdict.BLOCKED);
    }

    /**
     * Blocks the input does not give (Amazon-provided) cannot be routed by address: where the source's table sends
     * IPv6 to a peering connection, cannot tell, not a guess (its legs place the other end at stand-in addresses, so
     * what they block is not known either); where it sends none there, no IPv6 route leads to the other VPC at all.
     */
    @Test
    void overIpv6_blocksNotInTheInput_leaveTheLinkUnknown() {
        Network a = Networks.plan("name: aa\nenvironment: prod\nnetwork: {ipv6: true}\n");
        Network b = Networks.plan("name: bb\nenvironment: staging\nnetwork: {ipv6: true}\n");
        CrossVpc.Result closed = cross(peered(a, "::/0"), peered(b, "::/0"));
        assertThat(closed.linkUnknown())
                .as("app-a's groups admit no IPv6 from another VPC, whatever its block: their blocker stands")
                .isEmpty();
        assertThat(closed.verdict()).isEqualTo(Verdict.BLOCKED);

        CrossVpc.Result r = cross(peered(a, "::/0"), admitting443(peered(b, "::/0")));
        assertThat(r.linkBlockers()).isEmpty();
        assertThat(r.linkUnknown()).containsExactly("the IPv6 block of aa-prod (Amazon-provided, not in the input)");
        assertThat(r.blocksUnknown()).isTrue();
        assertThat(r.verdict()).isEqualTo(Verdict.CANNOT_TELL);

        CrossVpc.Result unrouted = cross(a, b);
        assertThat(unrouted.linkUnknown()).isEmpty();
        assertThat(unrouted.linkProblems())
                .containsExactly("no route from app-a sends IPv6 to a peering connection or transit gateway, so none"
                        + " leads towards bb-staging");
        assertThat(unrouted.unrouted()).isPresent();
        assertThat(unrouted.verdict()).isEqualTo(Verdict.BLOCKED);
    }
}
