package dev.stackwright.analysis.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.analysis.Networks;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.DualStack;
import dev.stackwright.model.IpPrefix;
import dev.stackwright.model.Ipv6Block;
import dev.stackwright.model.Network;
import dev.stackwright.model.Peer;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.RouteTarget;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.model.Subnet;
import dev.stackwright.model.TransitGateways;
import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv6.IPv6Address;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The differential test for transit gateways: on random topologies (two VPCs, one or two gateways, attachments in
 * random zones, peering, a VPN attachment, default or own route tables with random associations, propagations, static
 * routes and blackholes), the verdict of a flow between the VPCs' app subnets, as far as the gateways decide it,
 * agrees with a plain evaluator written here without the engine's classes: it routes one concrete address at a time,
 * tries every route of a table for it, and follows peering with a set of visited gateways rather than a count.
 *
 * <p>Every route in the generated tables is a /24 or coarser and subnets are /24s or finer inside them, so one
 * address per subnet stands for all of it. The IPv6 run does the same over dual-stack VPCs whose IPv6 blocks are known
 * (routes of /56 or coarser, /64 subnets), with each VPC attachment's {@code Ipv6Support} enabled, disabled or not in
 * the input: "When you enable route propagation, IPv6 VPC CIDRs propagate to the transit gateway route tables. When
 * disabled, the network interface does not receive an IPv6 address, and IPv6 routes do not propagate. The setting does
 * not filter IPv6 traffic." (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTransitGatewayVpcAttachmentRequestOptions.html)
 * The plain evaluator takes a disabled or unknown attachment as "cannot tell" for IPv6 sent through it or handed to
 * it, and a propagation it cannot tell as "cannot tell" where it would decide.
 */
class TransitGatewayOracleTest {
    static final Network A = Networks.plan("name: aa\nenvironment: prod\n"); // 10.0.0.0/16
    static final Network B = Networks.plan("name: bb\nenvironment: staging\n"); // 10.1.0.0/16
    static final String A6_BLOCK = "2600:1f18:0:a00::/56";
    static final String B6_BLOCK = "2600:1f18:0:b00::/56";
    static final Network A6 = known6(Networks.plan("name: aa\nenvironment: prod\nnetwork: {ipv6: true}\n"), A6_BLOCK);
    static final Network B6 =
            known6(Networks.plan("name: bb\nenvironment: staging\nnetwork: {ipv6: true}\n"), B6_BLOCK);

    static final String T1 = "tgw-1";
    static final String T2 = "tgw-2";

    enum Outcome {
        REACHABLE,
        BLOCKED,
        CANNOT_TELL
    }

    /**
     * The families the flow's ends are named by: IPv4 between IPv4-only VPCs; between dual-stack VPCs, IPv6 (the ends'
     * IPv6 addresses only) or both (the resources, as {@code why web ledger 443} names them).
     */
    enum Ends {
        IPV4,
        IPV6,
        BOTH
    }

    /**
     * One random case: the two networks (their tables routing 10/8, and 2600:1f18::/32 when dual-stack, to a gateway),
     * the gateways, and the families of the flow's ends.
     */
    record Case(Network a, Network b, TransitGateways transit, String appA, String appB, Ends ends) {
        boolean dualStack() {
            return ends != Ends.IPV4;
        }
    }

    @Test
    void engine_agreesWithThePlainEvaluator_onRandomTopologies() {
        Set<String> codes = agree(Ends.IPV4);
        assertThat(codes)
                .contains(
                        "tgw-not-attached",
                        "tgw-no-attachment-in-zone",
                        "tgw-not-associated",
                        "tgw-no-route",
                        "tgw-blackhole",
                        "tgw-wrong-vpc");
    }

    @Test
    void engine_agreesWithThePlainEvaluator_overIpv6_onRandomTopologies() {
        Set<String> codes = agree(Ends.IPV6);
        assertThat(codes)
                .contains(
                        "tgw-not-attached",
                        "tgw-no-attachment-in-zone",
                        "tgw-not-associated",
                        "tgw-no-route",
                        "tgw-blackhole",
                        "tgw-wrong-vpc",
                        "tgw-ipv6-disabled");
    }

    /**
     * Dual-stack ends named by resource: the link is checked per family, each family's against the plain evaluator
     * over that family's addresses, routes and attachments' {@code Ipv6Support}; and the pair, with the destination's
     * group admitting both families, is reachable when some family is, blocked when both are, else cannot tell. The
     * gateways' tables hold static routes of both families. "If you have a VPC peering connection between VPCs that
     * have associated IPv6 CIDR blocks, you can add a route to your route table that points to the IPv6 CIDR block of
     * the peer VPC" (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html): each family has its own
     * routes, so one may cross where the other does not.
     */
    @Test
    void engine_agreesWithThePlainEvaluator_perFamily_betweenDualStackEnds() {
        Set<String> codes = agree(Ends.BOTH);
        assertThat(codes).contains("tgw-no-route", "tgw-blackhole", "tgw-ipv6-disabled");
    }

    /** Runs 400 random cases of one kind of ends; returns the codes the engine gave. */
    private static Set<String> agree(Ends ends) {
        Map<Outcome, Integer> seen = new TreeMap<>();
        Map<String, Integer> pairs = new TreeMap<>();
        Set<String> codes = new TreeSet<>();
        for (long seed = 1; seed <= 400; seed++) {
            // Consecutive seeds give java.util.Random correlated first draws: spread them.
            Case c = generate(new Random(seed * 0x9E3779B97F4A7C15L), ends);
            Location.Resource from = app(c.a(), c.appA(), c);
            Location.Resource to = app(c.b(), c.appB(), c);
            CrossVpc.Pair pair =
                    CrossVpc.evaluate(c.a(), from, c.b(), to, Protocol.TCP, PortRange.of(443), c.transit());
            List<CrossVpc.Family> families = switch (ends) {
                case IPV4 -> List.of(CrossVpc.Family.IPV4);
                case IPV6 -> List.of(CrossVpc.Family.IPV6);
                case BOTH -> List.of(CrossVpc.Family.IPV4, CrossVpc.Family.IPV6);
            };
            assertThat(pair.families().stream().map(CrossVpc.Result::family).toList())
                    .as("seed %d", seed)
                    .isEqualTo(families);
            List<Outcome> each = new ArrayList<>();
            for (CrossVpc.Result r : pair.families()) {
                Outcome engine = engineOutcome(r, codes);
                Outcome oracle = new Plain(c, r.family() == CrossVpc.Family.IPV6).flow(from.subnet(), to.subnet());
                assertThat(engine)
                        .as(
                                "seed %d, %s: %s -> %s over %s\nengine: %s %s %s",
                                seed,
                                r.family(),
                                c.appA(),
                                c.appB(),
                                c.transit(),
                                r.linkPath(),
                                r.linkBlockers(),
                                r.leaving().answer().blockers())
                        .isEqualTo(oracle);
                seen.merge(oracle, 1, Integer::sum);
                each.add(oracle);
            }
            if (ends == Ends.BOTH) {
                // With every group admitting both families, the gateways alone decide each family.
                Network b = admittingBoth(c.b());
                CrossVpc.Pair open = CrossVpc.evaluate(
                        c.a(), from, b, app(b, c.appB(), c), Protocol.TCP, PortRange.of(443), c.transit());
                assertThat(open.verdict().name())
                        .as("seed %d, the pair: %s", seed, each)
                        .isEqualTo(pairOutcome(each).name());
                pairs.merge(each.toString(), 1, Integer::sum);
            }
            if (ends == Ends.IPV4) {
                Outcome oracle = each.getFirst();
                // The destination's group admits the source's group by reference, an inbound rule over a transit
                // gateway: AWS allows it between VPCs attached to the same gateway ("reference security groups
                // defined in other Amazon VPCs attached to a transit gateway within the same AWS Region":
                // https://aws.amazon.com/blogs/networking-and-content-delivery/introducing-security-group-referencing-for-aws-transit-gateway/),
                // so not over a gateway peering, and where the gateway's and attachments' security group referencing
                // options are on, which these inputs do not give: wherever the gateways carry the flow between VPCs
                // of one gateway, it cannot tell; across two gateways the reference admits nothing.
                Network b = referencing(c.b(), c.a());
                CrossVpc.Result ref = CrossVpcTest.only(
                        CrossVpc.Family.IPV4,
                        CrossVpc.evaluate(c.a(), from, b, to, Protocol.TCP, PortRange.of(443), c.transit()));
                boolean oneGateway = c.transit()
                        .attachment("att-a")
                        .map(TransitGateways.Attachment::gatewayId)
                        .equals(c.transit().attachment("att-b").map(TransitGateways.Attachment::gatewayId));
                assertThat(ref.verdict().name())
                        .as(
                                "seed %d with a reference: %s %s",
                                seed,
                                ref.linkBlockers(),
                                ref.entering().answer().blockers())
                        .isEqualTo(oracle == Outcome.BLOCKED || !oneGateway ? "BLOCKED" : "CANNOT_TELL");
                if (oracle != Outcome.BLOCKED && !oneGateway) {
                    assertThat(ref.entering().answer().blockers())
                            .anySatisfy(
                                    x -> assertThat(x.message()).contains("(not across a transit gateway peering)"));
                }
                if (oracle != Outcome.BLOCKED && oneGateway) {
                    assertThat(ref.entering().answer().unmodelled())
                            .anySatisfy(u -> assertThat(u).startsWith("the security group referencing support of"));
                }
            }
        }
        // Not vacuous: every verdict and every way the gateways stop a flow come up.
        assertThat(seen).containsKeys(Outcome.values());
        assertThat(seen.values()).allMatch(n -> n >= 5);
        if (ends == Ends.BOTH) {
            // ... and one family crossing where the other does not, both ways round.
            assertThat(pairs)
                    .containsKeys(
                            "[REACHABLE, BLOCKED]",
                            "[BLOCKED, REACHABLE]",
                            "[REACHABLE, REACHABLE]",
                            "[BLOCKED, BLOCKED]",
                            "[BLOCKED, CANNOT_TELL]",
                            "[REACHABLE, CANNOT_TELL]");
        }
        return codes;
    }

    /** The pair's verdict from its families': reachable when one is, blocked when all are, else cannot tell. */
    private static Outcome pairOutcome(List<Outcome> families) {
        if (families.contains(Outcome.REACHABLE)) {
            return Outcome.REACHABLE;
        }
        return families.stream().allMatch(o -> o == Outcome.BLOCKED) ? Outcome.BLOCKED : Outcome.CANNOT_TELL;
    }

    /** The network with its app group admitting tcp 443 from the other network's app group only, by reference. */
    private static Network referencing(Network n, Network other) {
        SecurityGroupRule rule = SecurityGroupRule.tcp(
                443, new Peer.OtherVpcGroup(other.stackName(), "app", true, Optional.empty()), "from the other app");
        return Networks.editGroup(
                n, "app", g -> new SecurityGroup(g.name(), g.role(), g.description(), List.of(rule), g.egress()));
    }

    /** The network with its app group admitting tcp 443 from 10.0.0.0/8 and 2600:1f18::/32: both families. */
    private static Network admittingBoth(Network n) {
        Network v4 = Networks.editGroup(
                n,
                "app",
                g -> Networks.addIngress(
                        g, SecurityGroupRule.tcp(443, new Peer.Block(Cidr.parse("10.0.0.0/8")), "from the other VPC")));
        DualStack d = v4.ipv6().orElseThrow();
        List<DualStack.Ipv6Rule> rules = new ArrayList<>(d.rules());
        rules.add(new DualStack.Ipv6Rule(
                "app", false, Protocol.TCP, PortRange.of(443), "2600:1f18::/32", "from the other VPC over IPv6"));
        return Ipv6ReachabilityTest.withIpv6(
                v4,
                new DualStack(
                        d.vpcBlock(),
                        d.subnets(),
                        d.routes(),
                        d.egressOnlyGateways(),
                        rules,
                        d.aclEntries(),
                        d.interfaces()));
    }

    /** The gateways' part of the engine's answer: their blockers (on the link or the legs), else what they hold not. */
    private static Outcome engineOutcome(CrossVpc.Result r, Set<String> codes) {
        List<Blocker> all = new ArrayList<>(r.linkBlockers());
        all.addAll(r.leaving().answer().blockers());
        all.addAll(r.entering().answer().blockers());
        List<String> transitCodes = all.stream()
                .map(Blocker::code)
                .filter(code -> code.startsWith("tgw-") || code.equals("no-link"))
                .toList();
        codes.addAll(transitCodes);
        if (!transitCodes.isEmpty()) {
            return Outcome.BLOCKED;
        }
        return r.linkUnknown().isEmpty() && r.leaving().answer().unmodelled().isEmpty()
                ? Outcome.REACHABLE
                : Outcome.CANNOT_TELL;
    }

    /** The app resource of a subnet, named on the line CrossVpc reads it on; over IPv6, by its IPv6 addresses only. */
    private static Location.Resource app(Network n, String name, Case c) {
        AddressSpace space = new AddressSpace(n, c.transit());
        Location.Resource r = (Location.Resource) new Names(n, space)
                .destination(name).locations().stream()
                        .filter(l -> l instanceof Location.Resource)
                        .findFirst()
                        .orElseThrow();
        if (c.ends() != Ends.IPV6) {
            return r;
        }
        return new Location.Resource(
                r.attachment(),
                r.subnet(),
                IntervalSet.of(space.subnetIpv6(r.subnet()).orElseThrow()));
    }

    /** The network with its Amazon-provided /56 replaced by a known one, each subnet's /64 at its slot in it. */
    static Network known6(Network n, String block) {
        DualStack d = n.ipv6().orElseThrow();
        IPAddress base = Ipv6Block.Known.parse(block).block();
        List<DualStack.SubnetBlock> subnets = new ArrayList<>();
        for (DualStack.SubnetBlock s : d.subnets()) {
            int index = ((Ipv6Block.VpcSlot) s.block()).index();
            BigInteger start = base.getValue().add(BigInteger.valueOf(index).shiftLeft(64));
            subnets.add(new DualStack.SubnetBlock(
                    s.subnetName(),
                    Ipv6Block.Known.parse(new IPv6Address(start).toCanonicalString() + "/64"),
                    s.assignOnCreation()));
        }
        return Ipv6ReachabilityTest.withIpv6(
                n,
                new DualStack(
                        Ipv6Block.Known.parse(block),
                        subnets,
                        d.routes(),
                        d.egressOnlyGateways(),
                        d.rules(),
                        d.aclEntries(),
                        d.interfaces()));
    }

    private static IpPrefix subnet6(Network n, String subnet) {
        return new IpPrefix(
                n.ipv6().orElseThrow().subnet(subnet).orElseThrow().block().addresses());
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static List<String> subset(Random random, List<String> from) {
        return from.stream().filter(x -> random.nextInt(4) > 0).toList();
    }

    static Case generate(Random random, Ends ends) {
        boolean v6 = ends != Ends.IPV4;
        Network A = v6 ? A6 : TransitGatewayOracleTest.A;
        Network B = v6 ? B6 : TransitGatewayOracleTest.B;
        boolean two = random.nextBoolean();
        String gwA = T1;
        String gwB = two ? T2 : T1;
        List<String> zonesA = appSubnets(A);
        List<String> zonesB = appSubnets(B);
        List<TransitGateways.Attachment> attachments = new ArrayList<>();
        if (random.nextInt(10) > 0) {
            attachments.add(vpc("att-a", gwA, A, subset(random, zonesA), support(random, v6)));
        }
        if (random.nextInt(10) > 0) {
            attachments.add(vpc("att-b", gwB, B, subset(random, zonesB), support(random, v6)));
        }
        if (two && random.nextInt(5) > 0) {
            attachments.add(new TransitGateways.Attachment(
                    "att-peer",
                    T1,
                    TransitGateways.Kind.PEERING,
                    Optional.empty(),
                    Optional.empty(),
                    List.of(),
                    Optional.of(T2)));
        }
        if (random.nextBoolean()) {
            attachments.add(new TransitGateways.Attachment(
                    "att-vpn",
                    pick(random, List.of(T1, gwB)),
                    TransitGateways.Kind.VPN,
                    Optional.empty(),
                    Optional.empty(),
                    List.of(),
                    Optional.empty()));
        }
        List<TransitGateways.RouteTable> tables = new ArrayList<>();
        List<IpPrefix> destinations = new ArrayList<>();
        if (ends != Ends.IPV6) {
            destinations.addAll(List.of(
                    IpPrefix.parse("10.0.0.0/16"),
                    IpPrefix.parse("10.1.0.0/16"),
                    IpPrefix.parse("10.0.0.0/8"),
                    IpPrefix.parse("0.0.0.0/0"),
                    IpPrefix.of(A.subnet("app-a").orElseThrow().cidr()),
                    IpPrefix.of(B.subnet(appSubnets(B).getLast()).orElseThrow().cidr())));
        }
        if (v6) {
            destinations.addAll(List.of(
                    IpPrefix.parse(A6_BLOCK),
                    IpPrefix.parse(B6_BLOCK),
                    IpPrefix.parse("2600:1f18::/32"),
                    IpPrefix.parse("::/0"),
                    subnet6(A, "app-a"),
                    subnet6(B, appSubnets(B).getLast())));
        }
        for (String gw : two ? List.of(T1, T2) : List.of(T1)) {
            if (random.nextInt(3) == 0) {
                continue; // AWS's default table
            }
            List<String> mine = attachments.stream()
                    .filter(x -> x.on(gw))
                    .map(TransitGateways.Attachment::id)
                    .toList();
            int count = 1 + random.nextInt(2);
            List<List<String>> associations = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                associations.add(new ArrayList<>());
            }
            for (String x : mine) {
                int slot = random.nextInt(count + 1); // one in count+1: associated with none
                if (slot < count) {
                    associations.get(slot).add(x);
                }
            }
            for (int i = 0; i < count; i++) {
                List<TransitGateways.StaticRoute> routes = new ArrayList<>();
                Set<IpPrefix> used = new HashSet<>();
                for (int k = random.nextInt(ends == Ends.BOTH ? 6 : 4); k > 0; k--) {
                    IpPrefix d = pick(random, destinations);
                    if (used.add(d)) {
                        List<String> targets = new ArrayList<>(mine);
                        targets.add("");
                        String t = pick(random, targets);
                        routes.add(new TransitGateways.StaticRoute(d, t.isEmpty() ? Optional.empty() : Optional.of(t)));
                    }
                }
                tables.add(new TransitGateways.RouteTable(
                        gw + "-rtb-" + i, gw, associations.get(i), subset(random, mine), routes));
            }
        }
        if (attachments.stream().noneMatch(x -> x.on(T1))
                && tables.stream().noneMatch(t -> t.gatewayId().equals(T1))) {
            // A gateway the input only names is followed the old way (to the VPC's edge); here T1 is described.
            attachments.add(new TransitGateways.Attachment(
                    "att-vpn",
                    T1,
                    TransitGateways.Kind.VPN,
                    Optional.empty(),
                    Optional.empty(),
                    List.of(),
                    Optional.empty()));
        }
        TransitGateways transit = new TransitGateways(
                List.of(new TransitGateways.Gateway(T1), new TransitGateways.Gateway(T2)), attachments, tables);
        // Now and then a VPC routes to the gateway it is not attached to.
        Network a = routed(A, random.nextInt(8) == 0 ? (gwA.equals(T1) ? T2 : T1) : gwA);
        Network b = routed(B, random.nextInt(8) == 0 && two ? (gwB.equals(T1) ? T2 : T1) : gwB);
        if (!transit.describes(T2)) {
            a = routed(A, T1);
            b = routed(B, T1);
        }
        return new Case(a, b, transit, pick(random, zonesA), pick(random, zonesB), ends);
    }

    /** An attachment's IPv6 support: mostly enabled, now and then disabled or not in the input. */
    private static TransitGateways.Ipv6Support support(Random random, boolean v6) {
        if (!v6) {
            return TransitGateways.Ipv6Support.NOT_IN_INPUT;
        }
        int draw = random.nextInt(10);
        return draw < 6
                ? TransitGateways.Ipv6Support.ENABLED
                : draw < 8 ? TransitGateways.Ipv6Support.DISABLED : TransitGateways.Ipv6Support.NOT_IN_INPUT;
    }

    private static List<String> appSubnets(Network n) {
        return n.subnets(dev.stackwright.model.Tier.APP).stream()
                .map(Subnet::name)
                .toList();
    }

    private static TransitGateways.Attachment vpc(
            String id, String gw, Network n, List<String> subnets, TransitGateways.Ipv6Support support) {
        return new TransitGateways.Attachment(
                id,
                gw,
                TransitGateways.Kind.VPC,
                Optional.of(n.stackName()),
                Optional.of(n.vpc().cidr()),
                subnets,
                Optional.empty(),
                n.ipv6()
                        .map(d -> List.of(new IpPrefix(d.vpcBlock().addresses())))
                        .orElse(List.of()),
                false,
                support);
    }

    private static Network routed(Network n, String gateway) {
        List<RouteTable> tables = new ArrayList<>();
        for (RouteTable t : n.routeTables()) {
            List<Route> routes = new ArrayList<>(t.routes());
            routes.add(Route.to(Cidr.parse("10.0.0.0/8"), new RouteTarget.TransitGateway(gateway)));
            tables.add(new RouteTable(t.name(), t.tier(), routes, t.subnetNames()));
        }
        Network out = Networks.withRouteTables(n, tables);
        if (n.ipv6().isEmpty()) {
            return out;
        }
        DualStack d = n.ipv6().orElseThrow();
        List<DualStack.Ipv6Route> routes6 = new ArrayList<>(d.routes());
        for (RouteTable t : n.routeTables()) {
            routes6.add(new DualStack.Ipv6Route(t.name(), "2600:1f18::/32", DualStack.Target.TRANSIT_GATEWAY, gateway));
        }
        return Ipv6ReachabilityTest.withIpv6(
                out,
                new DualStack(
                        d.vpcBlock(),
                        d.subnets(),
                        routes6,
                        d.egressOnlyGateways(),
                        d.rules(),
                        d.aclEntries(),
                        d.interfaces()));
    }

    /** The plain evaluator: one address, every route tried, peering followed until a gateway repeats. */
    static final class Plain {
        private final Case c;
        /** The family of the flow: its addresses, and whether an attachment's Ipv6Support matters. */
        private final boolean v6;

        Plain(Case c, boolean v6) {
            this.c = c;
            this.v6 = v6;
        }

        private enum Step {
            DELIVERED_A,
            DELIVERED_B,
            DROPPED,
            UNKNOWN
        }

        Outcome flow(Subnet from, Subnet to) {
            Step out = walk(c.a(), from, first(c.b(), to));
            Step back = walk(c.b(), to, first(c.a(), from));
            boolean outFails = out != Step.UNKNOWN && out != Step.DELIVERED_B;
            boolean backFails = back != Step.UNKNOWN && back != Step.DELIVERED_A;
            if (outFails || backFails) {
                return Outcome.BLOCKED;
            }
            return out == Step.UNKNOWN || back == Step.UNKNOWN ? Outcome.CANNOT_TELL : Outcome.REACHABLE;
        }

        /** An address of the subnet in the flow's family: the block's first plus one. */
        private IPAddress first(Network n, Subnet s) {
            IPAddress block = v6
                    ? n.ipv6()
                            .orElseThrow()
                            .subnet(s.name())
                            .orElseThrow()
                            .block()
                            .addresses()
                    : s.cidr().block();
            return block.getLower().withoutPrefixLength().increment(1);
        }

        private static boolean holds(IpPrefix block, IPAddress address) {
            return block.block().getIPVersion() == address.getIPVersion()
                    && block.block().contains(address);
        }

        private boolean carries6(TransitGateways.Attachment x) {
            return !v6 || x.ipv6Support() == TransitGateways.Ipv6Support.ENABLED;
        }

        /** The gateway the subnet's table sends 10/8 to (every generated table has exactly that route). */
        private static String gatewayOf(Network n, Subnet s) {
            for (RouteTable t : n.routeTables()) {
                if (t.subnetNames().contains(s.name())) {
                    for (Route r : t.routes()) {
                        if (r.target() instanceof RouteTarget.TransitGateway g) {
                            return g.transitGatewayId();
                        }
                    }
                }
            }
            throw new AssertionError("no route to a gateway for " + s.name());
        }

        private int zoneOf(Network n, String subnet) {
            for (Subnet s : n.subnets()) {
                if (s.name().equals(subnet)) {
                    return s.az().index();
                }
            }
            return -1;
        }

        private Step walk(Network n, Subnet from, IPAddress address) {
            String gw = gatewayOf(n, from);
            TransitGateways.Attachment in = null;
            for (TransitGateways.Attachment x : c.transit().attachments()) {
                if (x.kind() == TransitGateways.Kind.VPC
                        && x.gatewayId().equals(gw)
                        && x.vpc().orElse("").equals(n.stackName())) {
                    in = x;
                }
            }
            if (in == null) {
                return Step.DROPPED;
            }
            boolean zoned = false;
            for (String s : in.subnets()) {
                zoned |= zoneOf(n, s) == from.az().index();
            }
            if (!zoned) {
                return Step.DROPPED;
            }
            if (!carries6(in)) {
                return Step.UNKNOWN;
            }
            Set<String> visited = new HashSet<>();
            while (visited.add(gw + "/" + in.id())) {
                TransitGateways.RouteTable table = null;
                for (TransitGateways.RouteTable t : tables(gw)) {
                    if (t.associations().contains(in.id())) {
                        table = t;
                    }
                }
                if (table == null) {
                    return Step.DROPPED;
                }
                // Every candidate: static ones first, so a propagated one of the same length never displaces them.
                IpPrefix bestBlock = null;
                String bestTarget = null;
                boolean bgp = false;
                for (TransitGateways.StaticRoute r : table.routes()) {
                    if (holds(r.destination(), address)
                            && (bestBlock == null || r.destination().prefixLength() > bestBlock.prefixLength())) {
                        bestBlock = r.destination();
                        bestTarget = r.attachmentId().orElse("");
                    }
                }
                boolean unsure = false;
                for (String p : table.propagations()) {
                    TransitGateways.Attachment x = attachment(p);
                    if (x.kind() == TransitGateways.Kind.VPN) {
                        bgp = true;
                    }
                    if (x.kind() == TransitGateways.Kind.VPC) {
                        List<IpPrefix> blocks = new ArrayList<>();
                        blocks.add(IpPrefix.of(x.block().orElseThrow()));
                        for (IpPrefix b6 : x.ipv6Blocks()) {
                            switch (x.ipv6Support()) {
                                case ENABLED -> blocks.add(b6);
                                case DISABLED -> {} // not learned: "IPv6 routes do not propagate"
                                case NOT_IN_INPUT -> unsure |= holds(b6, address);
                            }
                        }
                        for (IpPrefix block : blocks) {
                            if (holds(block, address)
                                    && (bestBlock == null || block.prefixLength() > bestBlock.prefixLength())) {
                                bestBlock = block;
                                bestTarget = x.id();
                            }
                        }
                    }
                }
                // A block the input does not say propagates: it decides unless a route as specific already does
                // (every VPC block here is a /56 and no static route is finer than a /64 inside one).
                if (unsure && (bestBlock == null || bestBlock.prefixLength() < 56)) {
                    return Step.UNKNOWN;
                }
                if (bestBlock == null) {
                    return bgp ? Step.UNKNOWN : Step.DROPPED;
                }
                if (bestTarget == null || bestTarget.isEmpty()) {
                    return Step.DROPPED;
                }
                TransitGateways.Attachment next = attachment(bestTarget);
                switch (next.kind()) {
                    case VPC -> {
                        if (!carries6(next)) {
                            return Step.UNKNOWN;
                        }
                        return next.vpc().orElseThrow().equals(c.a().stackName()) ? Step.DELIVERED_A : Step.DELIVERED_B;
                    }
                    case PEERING -> {
                        gw = next.gatewayId().equals(gw) ? next.peerGatewayId().orElseThrow() : next.gatewayId();
                        in = next;
                    }
                    default -> {
                        return Step.UNKNOWN;
                    }
                }
            }
            return Step.DROPPED; // a loop
        }

        private TransitGateways.Attachment attachment(String id) {
            for (TransitGateways.Attachment x : c.transit().attachments()) {
                if (x.id().equals(id)) {
                    return x;
                }
            }
            throw new AssertionError(id);
        }

        /** The gateway's tables; none given: every attachment associated, all but peerings propagating. */
        private List<TransitGateways.RouteTable> tables(String gw) {
            List<TransitGateways.RouteTable> own = new ArrayList<>();
            for (TransitGateways.RouteTable t : c.transit().routeTables()) {
                if (t.gatewayId().equals(gw)) {
                    own.add(t);
                }
            }
            if (!own.isEmpty()) {
                return own;
            }
            List<String> all = new ArrayList<>();
            List<String> propagating = new ArrayList<>();
            for (TransitGateways.Attachment x : c.transit().attachments()) {
                if (x.gatewayId().equals(gw) || x.peerGatewayId().orElse("").equals(gw)) {
                    all.add(x.id());
                    if (x.kind() != TransitGateways.Kind.PEERING) {
                        propagating.add(x.id());
                    }
                }
            }
            return List.of(new TransitGateways.RouteTable("default", gw, all, propagating, List.of()));
        }
    }
}
