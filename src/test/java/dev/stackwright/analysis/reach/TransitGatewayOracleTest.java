package dev.stackwright.analysis.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.analysis.Networks;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.Network;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.RouteTarget;
import dev.stackwright.model.Subnet;
import dev.stackwright.model.TransitGateways;
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
 * address per subnet stands for all of it.
 */
class TransitGatewayOracleTest {
    static final Network A = Networks.plan("name: aa\nenvironment: prod\n"); // 10.0.0.0/16
    static final Network B = Networks.plan("name: bb\nenvironment: staging\n"); // 10.1.0.0/16

    static final String T1 = "tgw-1";
    static final String T2 = "tgw-2";

    enum Outcome {
        REACHABLE,
        BLOCKED,
        CANNOT_TELL
    }

    /** One random case: the two networks (their tables routing 10/8 to a gateway) and the gateways. */
    record Case(Network a, Network b, TransitGateways transit, String appA, String appB) {}

    @Test
    void engine_agreesWithThePlainEvaluator_onRandomTopologies() {
        Map<Outcome, Integer> seen = new TreeMap<>();
        Set<String> codes = new TreeSet<>();
        for (long seed = 1; seed <= 400; seed++) {
            // Consecutive seeds give java.util.Random correlated first draws: spread them.
            Case c = generate(new Random(seed * 0x9E3779B97F4A7C15L));
            Location.Resource from = app(c.a(), c.appA());
            Location.Resource to = app(c.b(), c.appB());
            CrossVpc.Result r = CrossVpc.evaluate(c.a(), from, c.b(), to, Protocol.TCP, PortRange.of(443), c.transit());
            Outcome engine = engineOutcome(r, codes);
            Outcome oracle = new Plain(c).flow(from.subnet(), to.subnet());
            assertThat(engine)
                    .as(
                            "seed %d: %s -> %s over %s\nengine: %s %s %s",
                            seed,
                            c.appA(),
                            c.appB(),
                            c.transit(),
                            r.linkPath(),
                            r.linkBlockers(),
                            r.leaving().answer().blockers())
                    .isEqualTo(oracle);
            seen.merge(oracle, 1, Integer::sum);
        }
        // Not vacuous: every verdict and every way the gateways stop a flow come up.
        assertThat(seen).containsKeys(Outcome.values());
        assertThat(seen.values()).allMatch(n -> n >= 5);
        assertThat(codes)
                .contains(
                        "tgw-not-attached",
                        "tgw-no-attachment-in-zone",
                        "tgw-not-associated",
                        "tgw-no-route",
                        "tgw-blackhole",
                        "tgw-wrong-vpc");
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

    private static Location.Resource app(Network n, String name) {
        return (Location.Resource) new Names(n, new AddressSpace(n))
                .destination(name).locations().stream()
                        .filter(l -> l instanceof Location.Resource)
                        .findFirst()
                        .orElseThrow();
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static List<String> subset(Random random, List<String> from) {
        return from.stream().filter(x -> random.nextInt(4) > 0).toList();
    }

    static Case generate(Random random) {
        boolean two = random.nextBoolean();
        String gwA = T1;
        String gwB = two ? T2 : T1;
        List<String> zonesA = appSubnets(A);
        List<String> zonesB = appSubnets(B);
        List<TransitGateways.Attachment> attachments = new ArrayList<>();
        if (random.nextInt(10) > 0) {
            attachments.add(vpc("att-a", gwA, A, subset(random, zonesA)));
        }
        if (random.nextInt(10) > 0) {
            attachments.add(vpc("att-b", gwB, B, subset(random, zonesB)));
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
        List<Cidr> destinations = List.of(
                Cidr.parse("10.0.0.0/16"),
                Cidr.parse("10.1.0.0/16"),
                Cidr.parse("10.0.0.0/8"),
                Cidr.parse("0.0.0.0/0"),
                A.subnet("app-a").orElseThrow().cidr(),
                B.subnet(appSubnets(B).getLast()).orElseThrow().cidr());
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
                Set<Cidr> used = new HashSet<>();
                for (int k = random.nextInt(4); k > 0; k--) {
                    Cidr d = pick(random, destinations);
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
        return new Case(a, b, transit, pick(random, zonesA), pick(random, zonesB));
    }

    private static List<String> appSubnets(Network n) {
        return n.subnets(dev.stackwright.model.Tier.APP).stream()
                .map(Subnet::name)
                .toList();
    }

    private static TransitGateways.Attachment vpc(String id, String gw, Network n, List<String> subnets) {
        return new TransitGateways.Attachment(
                id,
                gw,
                TransitGateways.Kind.VPC,
                Optional.of(n.stackName()),
                Optional.of(n.vpc().cidr()),
                subnets,
                Optional.empty());
    }

    private static Network routed(Network n, String gateway) {
        List<RouteTable> tables = new ArrayList<>();
        for (RouteTable t : n.routeTables()) {
            List<Route> routes = new ArrayList<>(t.routes());
            routes.add(Route.to(Cidr.parse("10.0.0.0/8"), new RouteTarget.TransitGateway(gateway)));
            tables.add(new RouteTable(t.name(), t.tier(), routes, t.subnetNames()));
        }
        return Networks.withRouteTables(n, tables);
    }

    /** The plain evaluator: one address, every route tried, peering followed until a gateway repeats. */
    static final class Plain {
        private final Case c;

        Plain(Case c) {
            this.c = c;
        }

        private enum Step {
            DELIVERED_A,
            DELIVERED_B,
            DROPPED,
            UNKNOWN
        }

        Outcome flow(Subnet from, Subnet to) {
            Step out = walk(c.a(), from, first(to.cidr()));
            Step back = walk(c.b(), to, first(from.cidr()));
            boolean outFails = out != Step.UNKNOWN && out != Step.DELIVERED_B;
            boolean backFails = back != Step.UNKNOWN && back != Step.DELIVERED_A;
            if (outFails || backFails) {
                return Outcome.BLOCKED;
            }
            return out == Step.UNKNOWN || back == Step.UNKNOWN ? Outcome.CANNOT_TELL : Outcome.REACHABLE;
        }

        private static long first(Cidr cidr) {
            return cidr.block().longValue() + 1;
        }

        private static boolean holds(Cidr cidr, long address) {
            long base = cidr.block().longValue();
            long size = 1L << (32 - cidr.prefixLength());
            long start = base - base % size;
            return address >= start && address < start + size;
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

        private Step walk(Network n, Subnet from, long address) {
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
                Cidr bestBlock = null;
                String bestTarget = null;
                boolean bgp = false;
                for (TransitGateways.StaticRoute r : table.routes()) {
                    if (holds(r.cidr(), address)
                            && (bestBlock == null || r.cidr().prefixLength() > bestBlock.prefixLength())) {
                        bestBlock = r.cidr();
                        bestTarget = r.attachmentId().orElse("");
                    }
                }
                for (String p : table.propagations()) {
                    TransitGateways.Attachment x = attachment(p);
                    if (x.kind() == TransitGateways.Kind.VPN) {
                        bgp = true;
                    }
                    if (x.kind() == TransitGateways.Kind.VPC) {
                        Cidr block = x.block().orElseThrow();
                        if (holds(block, address)
                                && (bestBlock == null || block.prefixLength() > bestBlock.prefixLength())) {
                            bestBlock = block;
                            bestTarget = x.id();
                        }
                    }
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
