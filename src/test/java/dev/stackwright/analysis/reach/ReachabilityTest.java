package dev.stackwright.analysis.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.analysis.Networks;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.Network;
import dev.stackwright.model.NetworkAcl;
import dev.stackwright.model.Peer;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteDestination;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.RouteTarget;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.model.Tier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine on hand-built cases, each pinned to an AWS behaviour the docs state. */
class ReachabilityTest {
    static final Network PROD = Networks.example("prod-nat-instances");
    static final Network STAGING = Networks.example("staging-gateway-bastion");

    static Answer ask(Network n, String from, String to, int port) {
        Reachability r = new Reachability(n);
        Names names = new Names(n, r.space());
        Location s = names.source(from).locations().getFirst();
        Location d = names.destination(to).locations().getFirst();
        return r.evaluate(new Flow(s, d, Protocol.TCP, PortRange.of(port)));
    }

    static List<String> codes(Answer a) {
        return a.blockers().stream().map(Blocker::code).toList();
    }

    static List<String> components(Branch b) {
        return b.hops().stream().map(Hop::component).toList();
    }

    @Test
    void internetToFrontDoor_isReachable_withTheRuleAtEachHop() {
        Answer a = ask(PROD, "internet", "front-door-a", 443);
        assertThat(a.reachable()).isTrue();
        Branch b = a.branches().getFirst();
        assertThat(b.via()).isEqualTo("from the internet through the internet gateway");
        assertThat(components(b))
                .containsExactly(
                        "internet gateway",
                        "public IP of front-door-a",
                        "network ACL (default) of public-a, inbound",
                        "security group front-door",
                        "front-door-a",
                        "listeners of front-door",
                        "network ACL (default) of public-a, outbound",
                        "route table public");
        assertThat(b.hops().get(3).admittedBy())
                .containsExactly("front-door: in tcp 443 from anywhere (0.0.0.0/0) (HTTPS from the internet)");
        assertThat(b.hops().getLast().admittedBy()).containsExactly("0.0.0.0/0 -> internet gateway");
        assertThat(b.hops().getLast().direction()).isEqualTo(Hop.Direction.BACK);
    }

    @Test
    void internetToApp_isBlocked_andEveryBlockingComponentIsNamed() {
        Answer a = ask(PROD, "internet", "app-a", 8080);
        assertThat(a.reachable()).isFalse();
        assertThat(codes(a)).containsExactly("no-public-ip", "sg-ingress-denied", "asymmetric-return");
        assertThat(a.blockers().get(1).message())
                .isEqualTo("security group app allows tcp 8080 only from sg front-door, not anywhere on the internet");
        assertThat(a.blockers().get(2).message()).contains("NAT instance nat-a", "not the internet gateway");
    }

    @Test
    void appToInternet_goesThroughItsZonesNat_thenTheInternetGateway() {
        Answer a = ask(PROD, "app-b", "internet", 443);
        assertThat(a.reachable()).isTrue();
        assertThat(a.branches())
                .singleElement()
                .extracting(Branch::via)
                .isEqualTo("via 0.0.0.0/0 -> NAT instance nat-b, then 0.0.0.0/0 -> internet gateway");
        assertThat(components(a.branches().getFirst()))
                .contains("security group nat", "NAT instance nat-b", "public IP of nat-b");
    }

    @Test
    void appToInternetOnPort80_isBlockedByItsOwnSecurityGroupOnly() {
        Answer a = ask(PROD, "app-a", "internet", 80);
        assertThat(codes(a)).containsExactly("sg-egress-denied");
        assertThat(a.blockers().getFirst().message())
                .startsWith("security group app has no egress rule for tcp 80 (it allows "
                        + "out tcp 443 to anywhere (0.0.0.0/0)");
    }

    @Test
    void databaseToInternet_isBlockedThreeTimesOver() {
        Answer a = ask(PROD, "database-a", "internet", 443);
        assertThat(codes(a)).containsExactly("sg-egress-denied", "nacl-outbound-denied", "no-route");
    }

    /** Security groups are stateful: the database group has no egress rules, yet the app gets its answers. */
    @Test
    void securityGroupsAreStateful_repliesNeedNoEgressRule() {
        assertThat(PROD.securityGroup("database").orElseThrow().egress()).isEmpty();
        assertThat(ask(PROD, "app-a", "database-a", 5432).reachable()).isTrue();
    }

    /** Network ACLs are stateless: without the entries for the replies, the request alone gets nowhere. */
    @Test
    void networkAclsAreStateless_withoutReturnEntries_theFlowIsBlocked() {
        NetworkAcl data = PROD.networkAclOf("data-a").orElseThrow();
        List<NetworkAcl.Entry> noReplies = data.entries().stream()
                .filter(e -> !(e.egress() && e.ruleNumber() < 200))
                .toList();
        Network n = Networks.withAcls(
                PROD, List.of(new NetworkAcl(data.name(), data.tier(), noReplies, data.subnetNames())));
        Answer a = ask(n, "app-a", "database-a", 5432);
        assertThat(codes(a)).containsExactly("nacl-return-denied");
        assertThat(a.blockers().getFirst().message())
                .contains(
                        "network ACL data of data-a denies the outbound replies to 10.0.0.0/24 on tcp 1024-65535",
                        "the final deny (*)");
    }

    @Test
    void returnEntriesForPartOfTheEphemeralRange_stillLetSomeClientsThrough_andSaySo() {
        NetworkAcl data = PROD.networkAclOf("data-a").orElseThrow();
        List<NetworkAcl.Entry> entries = new ArrayList<>();
        for (NetworkAcl.Entry e : data.entries()) {
            entries.add(
                    e.egress() && e.ruleNumber() == 100
                            ? new NetworkAcl.Entry(
                                    100,
                                    true,
                                    true,
                                    Protocol.TCP,
                                    new PortRange(32768, 65535),
                                    e.cidr(),
                                    e.description())
                            : e);
        }
        Network n =
                Networks.withAcls(PROD, List.of(new NetworkAcl(data.name(), data.tier(), entries, data.subnetNames())));
        Answer a = ask(n, "app-a", "database-a", 5432);
        assertThat(a.reachable()).isTrue();
        Hop replies = a.branches().getFirst().hops().stream()
                .filter(h ->
                        h.direction() == Hop.Direction.BACK && h.component().startsWith("network ACL data"))
                .findFirst()
                .orElseThrow();
        assertThat(replies.note()).contains("only replies to ports 32768-65535");
    }

    /** The first entry that matches decides, whatever comes after it. */
    @Test
    void networkAclEntries_firstMatchByRuleNumberDecides() {
        NetworkAcl data = PROD.networkAclOf("data-a").orElseThrow();
        List<NetworkAcl.Entry> entries = new ArrayList<>(data.entries());
        entries.add(new NetworkAcl.Entry(
                50, false, false, Protocol.TCP, PortRange.of(5432), Cidr.parse("10.0.0.0/24"), "deny app-a"));
        Network n =
                Networks.withAcls(PROD, List.of(new NetworkAcl(data.name(), data.tier(), entries, data.subnetNames())));
        assertThat(codes(ask(n, "app-a", "database-a", 5432))).containsExactly("nacl-inbound-denied");
        assertThat(ask(n, "app-a", "database-a", 5432).blockers().getFirst().message())
                .contains("rule 50 deny");
        assertThat(ask(n, "app-b", "database-a", 5432).reachable())
                .as("other sources are not affected")
                .isTrue();
    }

    /** ACLs filter traffic entering and leaving a subnet, not traffic within it. */
    @Test
    void withinOneSubnet_noNetworkAclApplies() {
        Network n = Networks.addAttachment(
                PROD, new Attachment("worker-a", Attachment.Kind.TASK, "app-a", List.of("app"), false));
        n = Networks.editGroup(
                n,
                "app",
                g -> Networks.addEgress(
                        Networks.addIngress(g, SecurityGroupRule.tcp(9000, new Peer.Group("app"), "peers")),
                        SecurityGroupRule.tcp(9000, new Peer.Group("app"), "peers")));
        n = Networks.addAcl(n, new NetworkAcl("closed", Tier.APP, List.of(), List.of("app-a")));
        Answer a = ask(n, "app-a", "worker-a", 9000);
        assertThat(a.reachable()).isTrue();
        assertThat(a.branches().getFirst().via()).startsWith("within subnet app-a");
        assertThat(ask(n, "app-b", "worker-a", 9000).reachable())
                .as("from another subnet the ACL applies")
                .isFalse();
    }

    /**
     * The most specific route wins: a /24 to a peering beats 0.0.0.0/0 to NAT for its addresses only. Those addresses
     * go into the peer VPC, never to the internet through it: "If VPC A has an internet gateway, resources in VPC B
     * can't use the internet gateway in VPC A to access the internet"
     * (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html, "Edge to edge routing through a gateway
     * or private connection").
     */
    @Test
    void longestPrefixMatch_splitsTheFlowIntoBranches_andPeeringIsNoWayToTheInternet() {
        Network n = withRoute(PROD, "app-a", "203.0.113.0/24", new RouteTarget.Peering("pcx-1"));
        Answer a = ask(n, "app-a", "internet", 443);
        assertThat(a.branches())
                .extracting(Branch::via)
                .containsExactly(
                        "via 203.0.113.0/24 -> peering pcx-1",
                        "via 0.0.0.0/0 -> NAT instance nat-a, then 0.0.0.0/0 -> internet gateway");
        Branch peering = a.branches().getFirst();
        assertThat(peering.hops())
                .anySatisfy(h -> assertThat(h.admittedBy())
                        .containsExactly("leaves the VPC; what lies beyond is not evaluated"));
        assertThat(peering.admitted().isEmpty()).isTrue();
        assertThat(peering.blockers())
                .singleElement()
                .satisfies(b -> assertThat(b.code()).isEqualTo("not-on-the-internet"))
                .satisfies(b -> assertThat(b.message())
                        .isEqualTo("peering pcx-1 carries 203.0.113.0/24 into its peer VPC, not to the internet"));
        // The rest of the internet still goes out through the NAT: reachable, not the peering's part.
        assertThat(a.reachable()).isTrue();
        IntervalSet throughNat = a.branches().get(1).admitted().project(Dim.DST);
        assertThat(throughNat.contains(
                        AddressSpace.ipv4(Cidr.parse("203.0.112.0/24")).lo()))
                .isTrue();
        assertThat(throughNat
                        .intersect(IntervalSet.of(AddressSpace.ipv4(Cidr.parse("203.0.113.0/24"))))
                        .isEmpty())
                .isTrue();
        // A public address of the peer VPC's own (not the internet as a whole) is still followed to the edge.
        assertThat(ask(n, "app-a", "203.0.113.0/24", 443).reachable()).isTrue();
    }

    /** A default route to a peering connection takes nothing to the internet, on the way out of a NAT either. */
    @Test
    void defaultRouteToPeering_reachesNoInternet_directlyOrAfterTheNat() {
        Network direct = withRoute(PROD, "app-a", "0.0.0.0/0", new RouteTarget.Peering("pcx-1"));
        Answer a = ask(direct, "app-a", "internet", 443);
        assertThat(a.reachable()).isFalse();
        assertThat(codes(a)).containsExactly("not-on-the-internet");

        Network afterNat = withRoute(PROD, "public", "0.0.0.0/0", new RouteTarget.Peering("pcx-1"));
        Answer b = ask(afterNat, "app-a", "internet", 443);
        assertThat(b.branches())
                .extracting(Branch::via)
                .containsExactly("via 0.0.0.0/0 -> NAT instance nat-a, then 0.0.0.0/0 -> peering pcx-1");
        assertThat(b.reachable()).isFalse();
        assertThat(codes(b)).containsExactly("not-on-the-internet");
    }

    /** {@code n} with one more route in route table {@code table}, replacing one to the same destination. */
    private static Network withRoute(Network n, String table, String cidr, RouteTarget target) {
        return Networks.editTable(
                n,
                table,
                t -> new RouteTable(
                        t.name(),
                        t.tier(),
                        append(
                                t.routes().stream()
                                        .filter(r -> !r.destination().describe().equals(cidr))
                                        .toList(),
                                Route.to(Cidr.parse(cidr), target)),
                        t.subnetNames()));
    }

    /** A gateway endpoint's prefix list route beats 0.0.0.0/0 for its service; without it S3 goes through NAT. */
    @Test
    void s3_goesThroughTheGatewayEndpoint_orThroughNatWithoutIt() {
        Answer a = ask(PROD, "app-a", "service:s3", 443);
        assertThat(a.branches()).singleElement().extracting(Branch::via).isEqualTo("via pl-s3 -> s3 gateway endpoint");
        Network n = Networks.editTable(
                PROD,
                "app-a",
                t -> new RouteTable(
                        t.name(),
                        t.tier(),
                        t.routes().stream()
                                .filter(r -> !(r.destination() instanceof RouteDestination.PrefixList))
                                .toList(),
                        t.subnetNames()));
        assertThat(ask(n, "app-a", "service:s3", 443).branches())
                .singleElement()
                .extracting(Branch::via)
                .asString()
                .startsWith("via 0.0.0.0/0 -> NAT instance nat-a");
    }

    @Test
    void privateRangeFromOutside_entersThroughTheTransitGatewayTheSubnetRoutesItTo() {
        Network n = Networks.editTable(
                PROD,
                "app-a",
                t -> new RouteTable(
                        t.name(),
                        t.tier(),
                        append(
                                t.routes(),
                                Route.to(Cidr.parse("192.168.0.0/16"), new RouteTarget.TransitGateway("tgw-1"))),
                        t.subnetNames()));
        n = Networks.editGroup(
                n,
                "app",
                g -> Networks.addIngress(
                        g, SecurityGroupRule.tcp(8080, new Peer.Block(Cidr.parse("192.168.0.0/16")), "on-premises")));
        Answer a = ask(n, "192.168.1.0/24", "app-a", 8080);
        assertThat(a.reachable()).isTrue();
        assertThat(a.branches().getFirst().via())
                .isEqualTo("from 192.168.1.0/24 through a peering or transit gateway route");
        assertThat(codes(ask(n, "192.168.1.0/24", "app-b", 8080)))
                .as("app-b's replies go to its NAT")
                .containsExactly("asymmetric-return");
    }

    @Test
    void unresolvedRouteTargets_cannotBeTold_andMissingNats_block_andSaySo() {
        Network n = Networks.editTable(
                PROD,
                "app-a",
                t -> new RouteTable(
                        t.name(),
                        t.tier(),
                        t.routes().stream()
                                .map(r -> r.target() instanceof RouteTarget.NatInstance
                                        ? Route.to(Cidr.ANYWHERE, new RouteTarget.Unresolved("eni-0abc"))
                                        : r)
                                .toList(),
                        t.subnetNames()));
        Answer unresolved = ask(n, "app-a", "internet", 443);
        assertThat(codes(unresolved)).isEmpty();
        assertThat(unresolved.verdict()).isEqualTo(Verdict.CANNOT_TELL);
        assertThat(unresolved.cannotTellReason()).isEqualTo("cannot tell: eni-0abc not modelled");
        Network missing = Networks.editTable(
                PROD,
                "app-a",
                t -> new RouteTable(
                        t.name(),
                        t.tier(),
                        t.routes().stream()
                                .map(r -> r.target() instanceof RouteTarget.NatInstance
                                        ? Route.to(Cidr.ANYWHERE, new RouteTarget.NatInstance("nat-z"))
                                        : r)
                                .toList(),
                        t.subnetNames()));
        assertThat(ask(missing, "app-a", "internet", 443).blockers())
                .singleElement()
                .satisfies(b -> assertThat(b.message()).contains("nat-z", "not in the network"));
    }

    @Test
    void withoutAnInternetGateway_nothingComesIn_andNatTrafficGoesNowhere() {
        Network n = Networks.withInternetGateway(PROD, false);
        assertThat(codes(ask(n, "internet", "front-door-a", 443))).containsExactly("no-internet-gateway");
        assertThat(codes(ask(n, "app-a", "internet", 443))).containsExactly("no-internet-gateway");
    }

    /** A NAT device without a public IP, and an ACL that denies the replies: both are reported. */
    @Test
    void natPath_reportsEveryBlockerOnBothLegs() {
        Network n = Networks.editAttachment(
                PROD, "nat-a", a -> new Attachment(a.name(), a.kind(), a.subnetName(), a.securityGroupNames(), false));
        n = Networks.addAcl(
                n,
                new NetworkAcl(
                        "public-a",
                        Tier.PUBLIC,
                        List.of(
                                new NetworkAcl.Entry(
                                        100,
                                        false,
                                        true,
                                        Protocol.TCP,
                                        PortRange.of(443),
                                        Cidr.parse("10.0.0.0/16"),
                                        ""),
                                new NetworkAcl.Entry(100, true, true, Protocol.ALL, PortRange.ALL, Cidr.ANYWHERE, "")),
                        List.of("public-a")));
        assertThat(codes(ask(n, "app-a", "internet", 443))).containsExactly("no-public-ip", "nacl-return-denied");
    }

    @Test
    void natGateways_neitherListenNorOpenConnections() {
        assertThat(codes(ask(STAGING, "app-a", "nat-a", 443))).containsExactly("not-a-listener");
        assertThat(codes(ask(STAGING, "nat-a", "app-a", 8080))).contains("not-an-initiator");
        assertThat(ask(STAGING, "app-b", "internet", 443).branches().getFirst().via())
                .isEqualTo("via 0.0.0.0/0 -> NAT gateway nat-a, then 0.0.0.0/0 -> internet gateway");
    }

    @Test
    void regionalNatGateway_leavesThroughTheInternetGateway() {
        Network n = Networks.plan("name: reg\nnetwork:\n  nat: regional-gateway\n");
        Answer a = ask(n, "app-b", "internet", 443);
        assertThat(a.reachable()).isTrue();
        assertThat(a.branches().getFirst().via()).isEqualTo("via 0.0.0.0/0 -> NAT gateway nat");
        assertThat(codes(ask(Networks.withInternetGateway(n, false), "app-b", "internet", 443)))
                .containsExactly("no-internet-gateway");
    }

    @Test
    void bastion_isReachableOnlyFromItsRange() {
        Answer a = ask(STAGING, "internet", "bastion", 22);
        assertThat(a.reachable()).isTrue();
        Reachability r = new Reachability(STAGING);
        assertThat(r.space().describe(a.admitted().project(Dim.SRC))).isEqualTo("203.0.113.0/24");
        assertThat(ask(STAGING, "198.51.100.0/24", "bastion", 22).reachable()).isFalse();
    }

    @Test
    void privateAddressesThroughTheInternetGateway_areNotOnTheInternet() {
        Network n = Networks.editGroup(
                STAGING,
                "bastion",
                g -> Networks.addEgress(
                        g, SecurityGroupRule.tcp(22, new Peer.Block(Cidr.parse("192.168.0.0/16")), "")));
        assertThat(codes(ask(n, "bastion", "192.168.1.0/24", 22))).containsExactly("not-on-the-internet");
    }

    @Test
    void aSecurityGroupReference_matchesMembers_notAddresses() {
        // database admits sg app; a task in an app subnet without the app group is not admitted.
        Network n = Networks.addAttachment(
                PROD, new Attachment("other-a", Attachment.Kind.TASK, "app-a", List.of("front-door"), false));
        n = Networks.editGroup(
                n,
                "front-door",
                g -> Networks.addEgress(g, SecurityGroupRule.tcp(5432, new Peer.Group("database"), "")));
        assertThat(codes(ask(n, "other-a", "database-a", 5432))).containsExactly("sg-ingress-denied");
    }

    @Test
    void aGroupWithNoEgressRules_isReportedAsSuch() {
        SecurityGroup db = PROD.securityGroup("database").orElseThrow();
        assertThat(db.egress()).isEmpty();
        assertThat(ask(PROD, "database-a", "app-a", 8080).blockers().getFirst().message())
                .isEqualTo("security group database has no egress rules, so database-a can open no connections");
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }
}
