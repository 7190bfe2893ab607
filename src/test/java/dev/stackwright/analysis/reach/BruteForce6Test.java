package dev.stackwright.analysis.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.analysis.Networks;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.DualStack;
import dev.stackwright.model.IpPrefix;
import dev.stackwright.model.Ipv6Block;
import dev.stackwright.model.LoadBalancer;
import dev.stackwright.model.Network;
import dev.stackwright.model.NetworkAcl;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.Subnet;
import dev.stackwright.model.TransitGateways;
import inet.ipaddr.IPAddress;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The engine's IPv6 answers against a brute force written the plain way: concrete IPv6 packets (addresses as
 * {@link BigInteger}, at every boundary of every IPv6 block of the network), the AWS rules one packet at a time, with no
 * packet sets, no address classes and no route partitions. Random dual-stack networks are made from the planner's by
 * random IPv6 rules, ACL entries, routes (to the internet gateway, the egress-only one, a peering connection and a
 * transit gateway), interface addresses and the internet gateway's presence; for every resource and a few ports, the
 * two must agree on "reachable from the IPv6 internet" and "reaches the IPv6 internet".
 */
class BruteForce6Test {
    static final Network BASE = Networks.plan("""
            name: shop
            environment: prod
            region: us-east-1
            network: {nat: gateway, ipv6: true}
            service: {compute: fargate, port: 8080}
            frontDoor: {type: alb, domain: api.example.com, certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"}
            database: {engine: postgres}
            """);

    static final List<String> BLOCKS = List.of("::/0", "2001:db8::/32", "2600::/16", "2001:db8:1::/48");
    static final List<Integer> PORTS = List.of(22, 80, 443, 5432, 8080);

    @Test
    void engineAgreesWithTheBruteForce_onRandomDualStackNetworks() {
        Random random = new Random(6);
        int reachableIn = 0;
        int linkedIn = 0;
        int reachableOut = 0;
        int compared = 0;
        for (int round = 0; round < 40; round++) {
            Network n = randomize(BASE, random);
            Reachability reach = new Reachability(n);
            Plain plain = new Plain(n);
            Location.Outside internet6 =
                    new Location.Outside("internet6", reach.space().internet6());
            for (Attachment a : n.attachments()) {
                Location.Resource at = reach.locate(a).orElseThrow();
                for (int port : PORTS) {
                    boolean engineIn = reach.reaches(internet6, at, Protocol.TCP, port);
                    boolean plainIn = plain.inbound(a, port);
                    assertThat(engineIn)
                            .as("round %d: IPv6 internet -> %s tcp %d", round, a.name(), port)
                            .isEqualTo(plainIn);
                    boolean engineOut = reach.reaches(at, internet6, Protocol.TCP, port);
                    boolean plainOut = plain.outbound(a, port);
                    assertThat(engineOut)
                            .as("round %d: %s -> IPv6 internet tcp %d", round, a.name(), port)
                            .isEqualTo(plainOut);
                    reachableIn += plainIn ? 1 : 0;
                    linkedIn += plainIn && !n.internetGateway() ? 1 : 0;
                    reachableOut += plainOut ? 1 : 0;
                    compared += 2;
                }
            }
        }
        // Not vacuous: both answers occur, both ways.
        assertThat(reachableIn).isPositive().isLessThan(compared / 2);
        assertThat(linkedIn)
                .as("reachable over a peering connection or transit gateway route, with no internet gateway")
                .isPositive();
        assertThat(reachableOut).isPositive().isLessThan(compared / 2);
    }

    /**
     * The same, with transit gateway tgw-1 described: this VPC's attachment (in random zones, its {@code Ipv6Support}
     * enabled, disabled or not in the input), another VPC's holding 2001:db8:1::/48, a VPN attachment, and one route
     * table with random IPv6 static routes, blackholes and propagations. Going out over the gateway, each concrete
     * address takes the table's most specific route; only a VPC attachment that carries IPv6 delivers it.
     */
    @Test
    void engineAgreesWithTheBruteForce_overADescribedTransitGateway() {
        Random random = new Random(66);
        int reachableOut = 0;
        int overTheGateway = 0;
        int compared = 0;
        for (int round = 0; round < 60; round++) {
            Network n = overTheGateway(randomize(BASE, random));
            TransitGateways transit = randomTransit(n, random);
            Reachability reach = new Reachability(n, transit);
            Plain plain = new Plain(n, transit);
            Location.Outside internet6 =
                    new Location.Outside("internet6", reach.space().internet6());
            for (Attachment a : n.attachments()) {
                Location.Resource at = reach.locate(a).orElseThrow();
                for (int port : PORTS) {
                    boolean engineOut = reach.reaches(at, internet6, Protocol.TCP, port);
                    boolean plainOut = plain.outbound(a, port);
                    assertThat(engineOut)
                            .as(
                                    "round %d: %s -> IPv6 internet tcp %d over %s\n%s",
                                    round,
                                    a.name(),
                                    port,
                                    transit,
                                    reach.evaluate(new Flow(at, internet6, Protocol.TCP, PortRange.of(port))))
                            .isEqualTo(plainOut);
                    reachableOut += plainOut ? 1 : 0;
                    overTheGateway += plain.deliveredOverTheGateway ? 1 : 0;
                    plain.deliveredOverTheGateway = false;
                    compared++;
                }
            }
        }
        assertThat(reachableOut).isPositive().isLessThan(compared);
        assertThat(overTheGateway)
                .as("some flow gets out only over the gateway")
                .isPositive();
    }

    /** The network with every table sending 2001:db8::/32 to tgw-1 (in place of what it sent there). */
    static Network overTheGateway(Network n) {
        DualStack d = n.ipv6().orElseThrow();
        List<DualStack.Ipv6Route> routes = new ArrayList<>(d.routes().stream()
                .filter(r -> !r.destination().equals("2001:db8::/32"))
                .toList());
        for (RouteTable t : n.routeTables()) {
            routes.add(new DualStack.Ipv6Route(t.name(), "2001:db8::/32", DualStack.Target.TRANSIT_GATEWAY, "tgw-1"));
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

    static TransitGateways randomTransit(Network n, Random random) {
        List<TransitGateways.Ipv6Support> supports = List.of(
                TransitGateways.Ipv6Support.ENABLED,
                TransitGateways.Ipv6Support.ENABLED,
                TransitGateways.Ipv6Support.ENABLED,
                TransitGateways.Ipv6Support.DISABLED,
                TransitGateways.Ipv6Support.NOT_IN_INPUT);
        List<String> subnets = n.subnets().stream()
                .map(Subnet::name)
                .filter(x -> random.nextInt(3) > 0)
                .toList();
        List<TransitGateways.Attachment> attachments = List.of(
                new TransitGateways.Attachment(
                        "att-own",
                        "tgw-1",
                        TransitGateways.Kind.VPC,
                        Optional.of(n.stackName()),
                        Optional.of(n.vpc().cidr()),
                        subnets,
                        Optional.empty(),
                        List.of(new IpPrefix(n.ipv6().orElseThrow().vpcBlock().addresses())),
                        false,
                        supports.get(random.nextInt(supports.size()))),
                new TransitGateways.Attachment(
                        "att-other",
                        "tgw-1",
                        TransitGateways.Kind.VPC,
                        Optional.of("other"),
                        Optional.of(dev.stackwright.model.Cidr.parse("10.99.0.0/16")),
                        List.of(),
                        Optional.empty(),
                        List.of(IpPrefix.parse("2001:db8:1::/48")),
                        false,
                        supports.get(random.nextInt(supports.size()))),
                new TransitGateways.Attachment(
                        "att-vpn",
                        "tgw-1",
                        TransitGateways.Kind.VPN,
                        Optional.empty(),
                        Optional.empty(),
                        List.of(),
                        Optional.empty()));
        List<TransitGateways.StaticRoute> routes = new ArrayList<>();
        for (String block : BLOCKS) {
            if (random.nextBoolean()) {
                String target = List.of("att-other", "att-vpn", "att-own", "").get(random.nextInt(4));
                routes.add(new TransitGateways.StaticRoute(
                        IpPrefix.parse(block), target.isEmpty() ? Optional.empty() : Optional.of(target)));
            }
        }
        List<String> propagations = List.of("att-own", "att-other", "att-vpn").stream()
                .filter(x -> random.nextBoolean())
                .toList();
        List<String> associations = random.nextInt(10) == 0 ? List.of() : List.of("att-own");
        return new TransitGateways(
                List.of(new TransitGateways.Gateway("tgw-1")),
                attachments,
                List.of(new TransitGateways.RouteTable("tgw-rtb-1", "tgw-1", associations, propagations, routes)));
    }

    static Network randomize(Network n, Random random) {
        DualStack d = n.ipv6().orElseThrow();
        List<DualStack.Ipv6Rule> rules = new ArrayList<>(d.rules());
        for (int i = random.nextInt(6); i > 0; i--) {
            SecurityGroup g =
                    n.securityGroups().get(random.nextInt(n.securityGroups().size()));
            boolean all = random.nextInt(4) == 0;
            rules.add(new DualStack.Ipv6Rule(
                    g.name(),
                    random.nextBoolean(),
                    all ? Protocol.ALL : Protocol.TCP,
                    all ? PortRange.ALL : PortRange.of(PORTS.get(random.nextInt(PORTS.size()))),
                    BLOCKS.get(random.nextInt(BLOCKS.size())),
                    ""));
        }
        List<DualStack.AclEntry> entries = new ArrayList<>(d.aclEntries());
        for (int i = random.nextInt(5); i > 0; i--) {
            boolean all = random.nextBoolean();
            entries.add(new DualStack.AclEntry(
                    "data",
                    10 + random.nextInt(400),
                    random.nextBoolean(),
                    random.nextInt(3) > 0,
                    all ? Protocol.ALL : Protocol.TCP,
                    all ? PortRange.ALL : random.nextBoolean() ? PortRange.EPHEMERAL : PortRange.of(5432),
                    Ipv6Block.Known.parse(BLOCKS.get(random.nextInt(BLOCKS.size()))),
                    ""));
        }
        List<DualStack.Ipv6Route> routes = new ArrayList<>();
        List<String> eigws = random.nextInt(4) == 0 ? List.of() : d.egressOnlyGateways();
        for (RouteTable t : n.routeTables()) {
            switch (random.nextInt(4)) {
                case 0 -> {}
                case 1 -> routes.add(new DualStack.Ipv6Route(t.name(), "::/0", DualStack.Target.INTERNET_GATEWAY));
                default ->
                    routes.add(
                            new DualStack.Ipv6Route(t.name(), "::/0", DualStack.Target.EGRESS_ONLY_INTERNET_GATEWAY));
            }
            if (random.nextInt(3) == 0) {
                DualStack.Target target = List.of(
                                DualStack.Target.INTERNET_GATEWAY,
                                DualStack.Target.EGRESS_ONLY_INTERNET_GATEWAY,
                                DualStack.Target.PEERING,
                                DualStack.Target.TRANSIT_GATEWAY)
                        .get(random.nextInt(4));
                String id = target == DualStack.Target.PEERING
                        ? "pcx-1"
                        : target == DualStack.Target.TRANSIT_GATEWAY ? "tgw-1" : "";
                routes.add(new DualStack.Ipv6Route(t.name(), "2001:db8::/32", target, id));
            }
        }
        List<DualStack.Ipv6Interface> interfaces = new ArrayList<>();
        for (Attachment a : n.attachments()) {
            if (random.nextInt(3) == 0) {
                interfaces.add(new DualStack.Ipv6Interface(a.name(), random.nextBoolean(), List.of()));
            }
        }
        Network withIgw = Networks.withInternetGateway(n, random.nextInt(5) > 0);
        return Ipv6ReachabilityTest.withIpv6(
                withIgw, new DualStack(d.vpcBlock(), d.subnets(), routes, eigws, rules, entries, interfaces));
    }

    /** The AWS rules for IPv6, one concrete packet at a time. */
    static final class Plain {
        private final Network n;
        private final DualStack d;
        private final List<BigInteger> candidates;
        private final List<Integer> ephemeral = new ArrayList<>();
        private final List<IPAddress> vpcBlocks = new ArrayList<>();
        private static final IPAddress GLOBAL = parse("2000::/3");

        private final TransitGateways transit;
        /** Set when an outbound packet got out over the described transit gateway (for the non-vacuity check). */
        boolean deliveredOverTheGateway;

        Plain(Network n) {
            this(n, TransitGateways.NONE);
        }

        Plain(Network n, TransitGateways transit) {
            this.transit = transit;
            this.n = n;
            this.d = n.ipv6().orElseThrow();
            vpcBlocks.add(d.vpcBlock().addresses());
            d.subnets().forEach(s -> vpcBlocks.add(s.block().addresses()));
            TreeSet<BigInteger> cuts = new TreeSet<>();
            List<IPAddress> blocks = new ArrayList<>(vpcBlocks);
            blocks.add(GLOBAL);
            BLOCKS.forEach(b -> blocks.add(parse(b)));
            d.rules().forEach(r -> blocks.add(parse(r.cidr())));
            d.aclEntries().forEach(e -> blocks.add(e.block().addresses()));
            d.routes().forEach(r -> blocks.add(parse(r.destination())));
            for (IPAddress b : blocks) {
                cuts.add(b.getLower().getValue());
                cuts.add(b.getUpper().getValue().add(BigInteger.ONE));
                cuts.add(b.getUpper().getValue());
            }
            this.candidates = cuts.stream().filter(this::internet).toList();
            TreeSet<Integer> ports = new TreeSet<>(List.of(1024, 65535));
            d.aclEntries().forEach(e -> {
                ports.add(e.ports().from());
                ports.add(Math.min(65535, e.ports().to() + 1));
            });
            ports.stream().filter(p -> p >= 1024).forEach(ephemeral::add);
        }

        static IPAddress parse(String cidr) {
            return Ipv6Block.Known.parse(cidr).block();
        }

        boolean internet(BigInteger a) {
            return contains(GLOBAL, a) && vpcBlocks.stream().noneMatch(b -> contains(b, a));
        }

        static boolean contains(IPAddress block, BigInteger a) {
            return block.getLower().getValue().compareTo(a) <= 0
                    && block.getUpper().getValue().compareTo(a) >= 0;
        }

        boolean inbound(Attachment dst, int port) {
            Subnet s = n.subnet(dst.subnetName()).orElseThrow();
            if (!hasIpv6(dst, s) || !accepts(dst, port)) {
                return false;
            }
            for (BigInteger a : candidates) {
                if (!acl(s, false, a, port) || !group(dst, true, a, port)) {
                    continue;
                }
                // Replies leave by the route for the source: the internet gateway the request came through, or a
                // peering connection or transit gateway, which the request then came through (no internet gateway
                // needed).
                Optional<DualStack.Target> back = route(s, a);
                boolean wayBack = back.isPresent()
                        && switch (back.get()) {
                            case INTERNET_GATEWAY -> n.internetGateway();
                            case PEERING, TRANSIT_GATEWAY -> true;
                            case EGRESS_ONLY_INTERNET_GATEWAY, UNMODELLED -> false;
                        };
                if (!wayBack) {
                    continue;
                }
                for (int p : ephemeral) {
                    if (acl(s, true, a, p)) {
                        return true;
                    }
                }
            }
            return false;
        }

        boolean outbound(Attachment src, int port) {
            Subnet s = n.subnet(src.subnetName()).orElseThrow();
            boolean opens = src.kind() != Attachment.Kind.NAT_GATEWAY && src.kind() != Attachment.Kind.ENDPOINT;
            if (!opens || !hasIpv6(src, s) || !forwards(src, port)) {
                return false;
            }
            for (BigInteger x : candidates) {
                if (!group(src, false, x, port) || !acl(s, true, x, port)) {
                    continue;
                }
                Optional<DualStack.Target> way = route(s, x);
                boolean out = way.isPresent()
                        && switch (way.get()) {
                            case INTERNET_GATEWAY -> n.internetGateway();
                            case EGRESS_ONLY_INTERNET_GATEWAY ->
                                !d.egressOnlyGateways().isEmpty();
                            // A peering connection or transit gateway takes it to the edge of the VPC: "You can
                            // add a route for the IPv6 CIDR block of the peer VPC".
                            case PEERING -> true;
                            case TRANSIT_GATEWAY -> overTheGateway(s, x);
                            case UNMODELLED -> false;
                        };
                if (!out) {
                    continue;
                }
                for (int p : ephemeral) {
                    if (acl(s, false, x, p)) {
                        return true;
                    }
                }
            }
            return false;
        }

        boolean hasIpv6(Attachment a, Subnet s) {
            Optional<DualStack.SubnetBlock> block = d.subnet(s.name());
            for (DualStack.Ipv6Interface i : d.interfaces()) {
                if (i.attachmentName().equals(a.name())) {
                    return i.hasAddress() && block.isPresent();
                }
            }
            return block.map(DualStack.SubnetBlock::assignOnCreation).orElse(false);
        }

        /** A load balancer takes connections on its listeners only; NAT gateways and functions take none. */
        boolean accepts(Attachment a, int port) {
            if (a.kind() == Attachment.Kind.NAT_GATEWAY || a.kind() == Attachment.Kind.FUNCTION) {
                return false;
            }
            for (LoadBalancer lb : n.loadBalancers()) {
                if (lb.interfaces().contains(a.name()) && !lb.listeners().isEmpty()) {
                    return lb.listeners().stream().anyMatch(l -> l.port() == port);
                }
            }
            return true;
        }

        /**
         * A load balancer whose listeners or target groups the input gives opens connections only to its registered
         * targets, and an {@code ip} group's may not be "publicly routable IP addresses"; an Application Load
         * Balancer's identity provider it reaches over IPv4 only ("Application Load Balancers support only IPv4 when
         * the load balancers communicate with these endpoints"). So none of them opens one to the IPv6 internet. One
         * the input gives nothing about opens what its groups let it.
         */
        boolean forwards(Attachment a, int port) {
            for (LoadBalancer lb : n.loadBalancers()) {
                if (lb.interfaces().contains(a.name())) {
                    return lb.targetGroups().isEmpty() && lb.listeners().isEmpty();
                }
            }
            return true;
        }

        boolean group(Attachment a, boolean ingress, BigInteger peer, int port) {
            if (a.securityGroupNames().isEmpty()) {
                return true;
            }
            for (DualStack.Ipv6Rule r : d.rules()) {
                if (a.securityGroupNames().contains(r.groupName())
                        && r.egress() != ingress
                        && (r.protocol() == Protocol.ALL || r.ports().contains(port))
                        && contains(parse(r.cidr()), peer)) {
                    return true;
                }
            }
            return false;
        }

        boolean acl(Subnet s, boolean egress, BigInteger remote, int port) {
            Optional<NetworkAcl> acl = n.networkAclOf(s.name());
            if (acl.isEmpty()) {
                return true;
            }
            List<DualStack.AclEntry> entries = d.aclEntries().stream()
                    .filter(e -> e.aclName().equals(acl.get().name()) && e.egress() == egress)
                    .sorted(Comparator.comparingInt(DualStack.AclEntry::ruleNumber))
                    .toList();
            for (DualStack.AclEntry e : entries) {
                if ((e.protocol() == Protocol.ALL || e.ports().contains(port))
                        && contains(e.block().addresses(), remote)) {
                    return e.allow();
                }
            }
            return false;
        }

        /**
         * Whether tgw-1 delivers the address to a VPC attachment (beyond which nothing is evaluated); always, when the
         * input does not describe it. Not delivered: dropped, or not told (a VPN, IPv6 support not enabled or not
         * known where it decides).
         */
        boolean overTheGateway(Subnet s, BigInteger a) {
            if (transit.attachments().isEmpty()) {
                return true;
            }
            TransitGateways.Attachment own = transit.attachments().getFirst();
            boolean zoned =
                    own.subnets().stream().map(x -> n.subnet(x).orElseThrow()).anyMatch(x -> x.az().equals(s.az()));
            if (!zoned || own.ipv6Support() != TransitGateways.Ipv6Support.ENABLED) {
                return false;
            }
            TransitGateways.RouteTable table = transit.routeTables().getFirst();
            if (!table.associations().contains(own.id())) {
                return false;
            }
            IPAddress bestBlock = null;
            String bestTarget = null;
            for (TransitGateways.StaticRoute r : table.routes()) {
                IPAddress b = r.destination().block();
                if (contains(b, a) && (bestBlock == null || length(b) > length(bestBlock))) {
                    bestBlock = b;
                    bestTarget = r.attachmentId().orElse("");
                }
            }
            boolean unsure = false;
            for (String p : table.propagations()) {
                TransitGateways.Attachment x = transit.attachments().stream()
                        .filter(y -> y.id().equals(p))
                        .findFirst()
                        .orElseThrow();
                for (IpPrefix b6 : x.ipv6Blocks()) {
                    IPAddress b = b6.block();
                    if (!contains(b, a)) {
                        continue;
                    }
                    switch (x.ipv6Support()) {
                        case ENABLED -> {
                            if (bestBlock == null || length(b) > length(bestBlock)) {
                                bestBlock = b;
                                bestTarget = x.id();
                            }
                        }
                        case NOT_IN_INPUT -> unsure |= bestBlock == null || length(b) > length(bestBlock);
                        case DISABLED -> {} // "IPv6 routes do not propagate"
                    }
                }
            }
            if (unsure || bestBlock == null || bestTarget == null || bestTarget.isEmpty()) {
                return false;
            }
            String target = bestTarget;
            TransitGateways.Attachment next = transit.attachments().stream()
                    .filter(y -> y.id().equals(target))
                    .findFirst()
                    .orElseThrow();
            boolean delivered = next.kind() == TransitGateways.Kind.VPC
                    && next.ipv6Support() == TransitGateways.Ipv6Support.ENABLED;
            deliveredOverTheGateway |= delivered;
            return delivered;
        }

        private static int length(IPAddress block) {
            Integer l = block.getNetworkPrefixLength();
            return l == null ? 128 : l;
        }

        /** The longest IPv6 route for an address outside the VPC (the local route never matches one). */
        Optional<DualStack.Target> route(Subnet s, BigInteger a) {
            Optional<RouteTable> t = n.routeTableOf(s.name());
            if (t.isEmpty()) {
                return Optional.empty();
            }
            DualStack.Ipv6Route best = null;
            int bestLength = -1;
            for (DualStack.Ipv6Route r : d.routesOf(t.get().name())) {
                IPAddress block = parse(r.destination());
                Integer length = block.getNetworkPrefixLength();
                int l = length == null ? 128 : length;
                if (contains(block, a) && l > bestLength) {
                    best = r;
                    bestLength = l;
                }
            }
            return Optional.ofNullable(best).map(DualStack.Ipv6Route::target);
        }
    }
}
