package dev.stackwright.bench;

import dev.stackwright.analysis.Networks;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Az;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.Endpoint;
import dev.stackwright.model.Nat;
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
import dev.stackwright.model.Subnet;
import dev.stackwright.model.Tier;
import dev.stackwright.model.Vpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A synthetic account, the same for the same shape: one VPC of three tiers over three zones, with workloads (an
 * auto-scaling group, a service, a database cluster) whose network interfaces share the workload's security group and
 * spread over one subnet per zone of its tier. What the rules say:
 * <ul>
 *   <li>the expected chain: the internet to the front doors on 443 and 80, front doors to some apps on their port,
 *       apps to their callees and databases on theirs, a bastion from an office range;</li>
 *   <li>then, up to the rule count, the clutter of a real account: references to other workloads' groups on single
 *       ports and ranges (three in ten), blocks of a subnet or part of one (one in ten), office, partner and on-premises ranges (six in ten),
 *       one in 1,000 open to the whole VPC and one in 2,000 to the world; TCP mostly, some UDP and all traffic;</li>
 *   <li>one shared group (monitoring, say) on a fifth of the workloads;</li>
 *   <li>network ACLs on the public and data subnets (the data ones admit only database ports and replies), the
 *       default ACL elsewhere; a route table per zone for the app tier through a NAT gateway, an S3 gateway
 *       endpoint, and a few data subnets left on the main route table.</li>
 * </ul>
 * About 50 interfaces per /24 subnet and 10 per workload; the VPC grows (past AWS's /16 limit) to hold them all.
 *
 * <p>{@link #account} makes several such VPCs for a whole account, each at most a /16 so that it could exist, in
 * blocks of 10.0.0.0/8 that do not overlap, with names unique across the account. {@link SnapshotWriter} writes them
 * as {@code describe-*} outputs.
 */
public final class SyntheticAccount {
    private static final int[] SERVICE_PORTS = {443, 8080, 8443, 9090, 3000, 5000, 8000, 50051};
    private static final int[] DATABASE_PORTS = {5432, 3306, 6379, 27017, 9042};
    private static final int[] NOISE_PORTS = {22, 80, 443, 8080, 9100, 9200, 2049, 53, 123, 6443, 10250, 11211};
    private static final List<Cidr> OUTSIDE = List.of(
            Cidr.parse("203.0.113.0/24"),
            Cidr.parse("198.51.100.0/24"),
            Cidr.parse("192.0.2.10/32"),
            Cidr.parse("172.16.0.0/12"),
            Cidr.parse("100.64.0.0/10"));

    /** The first address of the first VPC; the others follow it. */
    private static final long BASE = 10L << 24;
    /** AWS's largest VPC block. */
    private static final int LARGEST_VPC = 16;

    private final SplittableRandom random;
    private final int enis;
    private final int ruleCount;
    /** Where this VPC's block starts, and what its names and stack name start or end with. */
    private final long base;

    private final String prefix;
    private final String stackSuffix;
    /** Whether one in eight clutter rules is an egress rule; without, groups keep the egress their role gives them. */
    private boolean egressClutter = true;

    private SyntheticAccount(int enis, int rules, long seed, long base, String prefix, String stackSuffix) {
        this.random = new SplittableRandom(seed);
        this.enis = enis;
        this.ruleCount = rules;
        this.base = base;
        this.prefix = prefix;
        this.stackSuffix = stackSuffix;
    }

    /**
     * A network with {@code enis} attachments (plus one NAT gateway per zone) and {@code rules} security-group
     * rules in all.
     */
    public static Network generate(int enis, int rules, long seed) {
        checkShape(enis, rules);
        return new SyntheticAccount(enis, rules, seed, BASE, "", "").build();
    }

    private static void checkShape(int enis, int rules) {
        if (enis < 10 || rules < enis / 10 * 3) {
            throw new IllegalArgumentException("at least 10 interfaces and 3 rules per workload (10 interfaces each)");
        }
    }

    /**
     * {@link #generate} with every clutter rule on ingress: the groups keep the egress their role gives them (most
     * allow everything out, as AWS's default does), which is how most real accounts look. The random draws are the
     * same, so the two shapes differ only in where those rules land.
     */
    public static Network generateWithDefaultEgress(int enis, int rules, long seed) {
        checkShape(enis, rules);
        SyntheticAccount a = new SyntheticAccount(enis, rules, seed, BASE, "", "");
        a.egressClutter = false;
        return a.build();
    }

    /**
     * An account of {@code vpcs} networks that share {@code enis} interfaces and {@code rules} rules as evenly as
     * they divide (the first VPCs take the remainders). The first VPC is {@code generate(its share, its share, seed)}
     * exactly, so {@code account(1, enis, rules, seed)} is {@code generate(enis, rules, seed)}; VPC {@code k > 0}
     * draws from its own seed, prefixes every name with {@code vk-} and is stack {@code synthetic-prod-vk}. The
     * VPCs' blocks are consecutive in 10.0.0.0/8, each the size of the first (the largest).
     *
     * @throws IllegalArgumentException when a VPC would get fewer than 10 interfaces or too few rules, would need
     *                                  a block larger than a /16, or the blocks do not fit in 10.0.0.0/8
     */
    public static List<Network> account(int vpcs, int enis, int rules, long seed) {
        if (vpcs < 1) {
            throw new IllegalArgumentException("at least one VPC");
        }
        if (enis / vpcs < 10) {
            throw new IllegalArgumentException(
                    "at least 10 interfaces per VPC: " + vpcs + " VPCs need " + 10L * vpcs + " or more");
        }
        int largest = vpcPrefix(share(enis, vpcs, 0));
        if (largest < LARGEST_VPC) {
            int fewest = vpcs;
            while (vpcPrefix(share(enis, fewest, 0)) < LARGEST_VPC) {
                fewest++;
            }
            throw new IllegalArgumentException(share(enis, vpcs, 0) + " interfaces in one VPC need a /" + largest
                    + ", larger than the /16 AWS allows: use at least " + fewest + " VPCs for " + enis + " interfaces");
        }
        long size = 1L << (32 - largest);
        if (vpcs * size > 1L << 24) {
            throw new IllegalArgumentException(vpcs + " VPCs of a /" + largest + " each do not fit in 10.0.0.0/8");
        }
        List<Network> out = new ArrayList<>();
        for (int k = 0; k < vpcs; k++) {
            int e = share(enis, vpcs, k);
            int r = share(rules, vpcs, k);
            if (r < e / 10 * 3) {
                throw new IllegalArgumentException("at least 3 rules per workload (10 interfaces each): VPC " + k
                        + " has " + e + " interfaces and " + r + " rules");
            }
            // VPC 0 is generate's network; the others get seeds of their own (SplittableRandom mixes nearby seeds
            // well).
            long s = seed + k * 0x9E3779B97F4A7C15L;
            out.add(new SyntheticAccount(e, r, s, BASE + k * size, k == 0 ? "" : "v" + k + "-", k == 0 ? "" : "-v" + k)
                    .build());
        }
        return out;
    }

    /**
     * The same networks with a peering connection between every pair of them, named {@code peer-A-to-B} by their
     * stack names, and routes to the other's block both ways in each VPC's public and app route tables (where the front
     * doors and the apps are; the data tier's ACL admits only its own VPC, as before). AWS refuses to peer overlapping
     * blocks ("You cannot create a VPC peering connection between VPCs that have matching or overlapping IPv4 or IPv6
     * CIDR blocks": https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html); {@link #account}'s
     * blocks never overlap, and other networks that do are refused.
     *
     * @throws IllegalArgumentException when two of the networks' blocks overlap
     */
    public static List<Network> peerAll(List<Network> networks) {
        List<List<Route>> extra = new ArrayList<>();
        networks.forEach(n -> extra.add(new ArrayList<>()));
        for (int i = 0; i < networks.size(); i++) {
            for (int j = i + 1; j < networks.size(); j++) {
                Network a = networks.get(i);
                Network b = networks.get(j);
                if (a.vpc().cidr().overlaps(b.vpc().cidr())) {
                    throw new IllegalArgumentException("cannot peer " + a.stackName() + " ("
                            + a.vpc().cidr() + ") and "
                            + b.stackName() + " (" + b.vpc().cidr() + "): their blocks overlap, and AWS refuses to"
                            + " peer overlapping VPCs");
                }
                RouteTarget.Peering p = new RouteTarget.Peering("peer-" + a.stackName() + "-to-" + b.stackName());
                extra.get(i).add(Route.to(b.vpc().cidr(), p));
                extra.get(j).add(Route.to(a.vpc().cidr(), p));
            }
        }
        List<Network> out = new ArrayList<>();
        for (int i = 0; i < networks.size(); i++) {
            Network n = networks.get(i);
            List<RouteTable> tables = new ArrayList<>();
            for (RouteTable t : n.routeTables()) {
                List<Route> routes = new ArrayList<>(t.routes());
                if (t.tier() != Tier.DATA) {
                    routes.addAll(extra.get(i));
                }
                tables.add(new RouteTable(t.name(), t.tier(), routes, t.subnetNames()));
            }
            out.add(Networks.withRouteTables(n, tables));
        }
        return out;
    }

    /** Part {@code k} of {@code total} split {@code parts} ways, the remainder going to the first parts. */
    private static int share(int total, int parts, int k) {
        return total / parts + (k < total % parts ? 1 : 0);
    }

    /** The prefix length of the VPC that {@link #build} makes for this many interfaces. */
    private static int vpcPrefix(int enis) {
        int subnetCount = subnetsPerTier(enis) * 6;
        int bits = 32 - Integer.numberOfLeadingZeros(subnetCount - 1);
        return Math.max(8, 24 - bits);
    }

    private static int subnetsPerTier(int enis) {
        return Math.max(1, (enis / 50 + 5) / 6);
    }

    private record Workload(String group, SecurityGroup.Role role, Tier tier, int port, List<Subnet> subnets) {}

    private Network build() {
        int perTier = subnetsPerTier(enis);
        int subnetCount = perTier * 6;
        Cidr vpc = Cidr.parse(address(base) + "/" + vpcPrefix(enis));
        List<Subnet> subnets = new ArrayList<>();
        List<List<Subnet>> byTier = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < subnetCount; i++) {
            Tier tier = i < perTier ? Tier.PUBLIC : i < perTier * 4 ? Tier.APP : Tier.DATA;
            Subnet s = new Subnet(
                    prefix + tier.id() + "-" + i, tier, new Az(i % 3), Cidr.parse(address(base + 256L * i) + "/24"));
            subnets.add(s);
            byTier.get(tier.ordinal()).add(s);
        }

        List<Attachment> attachments = new ArrayList<>();
        List<Nat> nats = new ArrayList<>();
        for (int az = 0; az < 3; az++) {
            Subnet where = inZone(byTier.getFirst(), az);
            nats.add(new Nat.Gateway(prefix + "nat-" + az, new Az(az), where.name()));
            attachments.add(
                    new Attachment(prefix + "nat-" + az, Attachment.Kind.NAT_GATEWAY, where.name(), List.of(), true));
        }

        int workloadCount = Math.max(6, enis / 10);
        List<Workload> workloads = new ArrayList<>();
        for (int i = 0; i < workloadCount; i++) {
            // One workload in 50 is a load balancer (open to the world, so to the whole VPC too), one in 5 a database.
            SecurityGroup.Role role = i % 50 == 0
                    ? SecurityGroup.Role.FRONT_DOOR
                    : i == 7
                            ? SecurityGroup.Role.BASTION
                            : i % 5 == 1 ? SecurityGroup.Role.DATABASE : SecurityGroup.Role.APP;
            Tier tier = switch (role) {
                case FRONT_DOOR, BASTION -> Tier.PUBLIC;
                case DATABASE -> Tier.DATA;
                default -> Tier.APP;
            };
            int port = role == SecurityGroup.Role.DATABASE
                    ? pick(DATABASE_PORTS)
                    : role == SecurityGroup.Role.BASTION ? 22 : pick(SERVICE_PORTS);
            List<Subnet> spread = new ArrayList<>();
            for (int az = 0; az < 3; az++) {
                List<Subnet> inTier = byTier.get(tier.ordinal());
                spread.add(
                        inZone(inTier.subList(0, inTier.size()), az, random.nextInt(Math.max(1, inTier.size() / 3))));
            }
            workloads.add(new Workload(prefix + String.format("wl-%05d", i), role, tier, port, spread));
        }

        // ENIs: each to a workload, in one of its subnets; a fifth of the workloads also carry the shared group.
        for (int i = 0; i < enis; i++) {
            int at = i < workloadCount ? i : random.nextInt(workloadCount);
            Workload w = workloads.get(at);
            Subnet where = w.subnets().get(random.nextInt(3));
            List<String> groups = at % 5 == 3 ? List.of(w.group(), prefix + "shared-monitoring") : List.of(w.group());
            Attachment.Kind kind = switch (w.role()) {
                case FRONT_DOOR -> Attachment.Kind.LOAD_BALANCER;
                case DATABASE -> Attachment.Kind.DATABASE;
                case BASTION -> Attachment.Kind.BASTION;
                default -> random.nextInt(3) == 0 ? Attachment.Kind.INSTANCE : Attachment.Kind.TASK;
            };
            boolean publicIp = w.tier() == Tier.PUBLIC;
            attachments.add(
                    new Attachment(prefix + String.format("eni-%06d", i), kind, where.name(), groups, publicIp));
        }

        List<List<SecurityGroupRule>> ingress = new ArrayList<>();
        List<List<SecurityGroupRule>> egress = new ArrayList<>();
        int rules = 0;
        List<Workload> apps = workloads.stream()
                .filter(w -> w.role() == SecurityGroup.Role.APP)
                .toList();
        List<Workload> doors = workloads.stream()
                .filter(w -> w.role() == SecurityGroup.Role.FRONT_DOOR)
                .toList();
        for (Workload w : workloads) {
            List<SecurityGroupRule> in = new ArrayList<>();
            List<SecurityGroupRule> out = new ArrayList<>();
            switch (w.role()) {
                case FRONT_DOOR -> {
                    in.add(SecurityGroupRule.tcp(443, new Peer.Block(Cidr.ANYWHERE), "https"));
                    in.add(SecurityGroupRule.tcp(80, new Peer.Block(Cidr.ANYWHERE), "http"));
                    out.add(SecurityGroupRule.all(new Peer.Block(vpc), "to the VPC"));
                }
                case BASTION -> {
                    in.add(SecurityGroupRule.tcp(22, new Peer.Block(OUTSIDE.getFirst()), "office"));
                    out.add(SecurityGroupRule.tcp(22, new Peer.Block(vpc), "ssh"));
                }
                case DATABASE -> {
                    in.add(SecurityGroupRule.tcp(
                            w.port(),
                            new Peer.Group(apps.get(random.nextInt(apps.size())).group()),
                            "client"));
                    out.add(SecurityGroupRule.tcp(443, new Peer.PrefixList("s3"), "backups"));
                }
                default -> {
                    Workload caller = random.nextInt(3) == 0
                            ? doors.get(random.nextInt(doors.size()))
                            : apps.get(random.nextInt(apps.size()));
                    in.add(SecurityGroupRule.tcp(w.port(), new Peer.Group(caller.group()), "caller"));
                    out.add(SecurityGroupRule.all(new Peer.Block(Cidr.ANYWHERE), "default"));
                }
            }
            rules += in.size() + out.size();
            ingress.add(in);
            egress.add(out);
        }
        List<SecurityGroupRule> shared = List.of(new SecurityGroupRule(
                Protocol.TCP,
                new PortRange(9100, 9199),
                new Peer.Block(byTier.get(1).getFirst().cidr()),
                "scrapers"));
        rules += shared.size() + 1; // and its one egress rule
        for (; rules < ruleCount; rules++) {
            int at = random.nextInt(workloads.size());
            boolean toEgress = random.nextInt(8) == 0;
            (toEgress && egressClutter ? egress : ingress).get(at).add(noise(workloads, subnets, vpc));
        }

        List<SecurityGroup> groups = new ArrayList<>();
        for (int i = 0; i < workloads.size(); i++) {
            Workload w = workloads.get(i);
            groups.add(new SecurityGroup(w.group(), w.role(), "workload " + i, ingress.get(i), egress.get(i)));
        }
        groups.add(new SecurityGroup(
                prefix + "shared-monitoring",
                SecurityGroup.Role.APP,
                "monitoring agents",
                shared,
                List.of(SecurityGroupRule.tcp(443, new Peer.Block(Cidr.ANYWHERE), "agent"))));

        List<RouteTable> tables = new ArrayList<>();
        tables.add(new RouteTable(
                prefix + "public",
                Tier.PUBLIC,
                List.of(
                        Route.to(vpc, new RouteTarget.Local()),
                        Route.to(Cidr.ANYWHERE, new RouteTarget.InternetGateway())),
                names(byTier.getFirst())));
        RouteDestination s3 = new RouteDestination.PrefixList("s3");
        List<String> endpointTables = new ArrayList<>();
        for (int az = 0; az < 3; az++) {
            int zone = az;
            tables.add(new RouteTable(
                    prefix + "app-" + az,
                    Tier.APP,
                    List.of(
                            Route.to(vpc, new RouteTarget.Local()),
                            Route.to(Cidr.ANYWHERE, new RouteTarget.NatGateway(prefix + "nat-" + az)),
                            new Route(s3, new RouteTarget.GatewayEndpoint("s3"))),
                    names(byTier.get(1).stream()
                            .filter(s -> s.az().index() == zone)
                            .toList())));
            endpointTables.add(prefix + "app-" + az);
        }
        tables.add(new RouteTable(
                prefix + "data",
                Tier.DATA,
                List.of(Route.to(vpc, new RouteTarget.Local()), new Route(s3, new RouteTarget.GatewayEndpoint("s3"))),
                names(byTier.get(2).stream()
                        .filter(s -> subnets.indexOf(s) % 7 != 0)
                        .toList())));
        endpointTables.add(prefix + "data");

        List<NetworkAcl> acls = List.of(
                new NetworkAcl(
                        prefix + "public",
                        Tier.PUBLIC,
                        List.of(
                                entry(100, false, true, Protocol.TCP, PortRange.of(443), Cidr.ANYWHERE),
                                entry(110, false, true, Protocol.TCP, PortRange.of(80), Cidr.ANYWHERE),
                                entry(120, false, true, Protocol.TCP, OUTSIDE.getFirst(), PortRange.of(22)),
                                entry(130, false, true, Protocol.TCP, PortRange.EPHEMERAL, Cidr.ANYWHERE),
                                entry(140, false, true, Protocol.ALL, PortRange.ALL, vpc),
                                entry(100, true, true, Protocol.ALL, PortRange.ALL, Cidr.ANYWHERE)),
                        names(byTier.getFirst())),
                new NetworkAcl(
                        prefix + "data",
                        Tier.DATA,
                        List.of(
                                entry(90, false, false, Protocol.TCP, PortRange.of(22), vpc),
                                entry(100, false, true, Protocol.TCP, new PortRange(3306, 9042), vpc),
                                entry(110, false, true, Protocol.TCP, PortRange.of(27017), vpc),
                                entry(120, false, true, Protocol.TCP, PortRange.EPHEMERAL, Cidr.ANYWHERE),
                                entry(100, true, true, Protocol.TCP, PortRange.EPHEMERAL, vpc),
                                entry(110, true, true, Protocol.TCP, PortRange.of(443), Cidr.ANYWHERE)),
                        names(byTier.get(2))));

        return new Network(
                "us-east-1",
                "synthetic-prod" + stackSuffix,
                new Vpc(vpc, true, true),
                List.of(new Az(0), new Az(1), new Az(2)),
                subnets,
                tables,
                true,
                nats,
                List.of(new Endpoint.Gateway("s3", endpointTables)),
                groups,
                acls,
                Optional.empty(),
                Optional.empty(),
                8080,
                5432,
                attachments,
                List.of(),
                Optional.empty());
    }

    /** One rule of the clutter. */
    private SecurityGroupRule noise(List<Workload> workloads, List<Subnet> subnets, Cidr vpc) {
        int kind = random.nextInt(2000);
        Protocol protocol =
                random.nextInt(10) == 0 ? Protocol.UDP : random.nextInt(20) == 0 ? Protocol.ALL : Protocol.TCP;
        int from = 1000 * random.nextInt(10);
        PortRange ports = random.nextInt(4) == 0
                ? new PortRange(from, from + random.nextInt(2000))
                : PortRange.of(pick(NOISE_PORTS));
        Peer peer;
        if (kind < 600) {
            peer = new Peer.Group(
                    workloads.get(random.nextInt(workloads.size())).group());
        } else if (kind < 800) {
            Cidr subnet = subnets.get(random.nextInt(subnets.size())).cidr();
            int prefix = 24 + random.nextInt(5);
            long base = subnet.block().getLower().longValue() + (random.nextInt(1 << (prefix - 24)) << (32 - prefix));
            peer = new Peer.Block(Cidr.parse(address(base) + "/" + prefix));
        } else if (kind < 1997) {
            peer = new Peer.Block(OUTSIDE.get(random.nextInt(OUTSIDE.size())));
        } else if (kind < 1999) {
            peer = new Peer.Block(vpc);
        } else {
            peer = new Peer.Block(Cidr.ANYWHERE);
        }
        return new SecurityGroupRule(protocol, protocol == Protocol.ALL ? PortRange.ALL : ports, peer, "");
    }

    private static NetworkAcl.Entry entry(
            int rule, boolean egress, boolean allow, Protocol protocol, PortRange ports, Cidr cidr) {
        return new NetworkAcl.Entry(rule, egress, allow, protocol, ports, cidr, "");
    }

    private static NetworkAcl.Entry entry(
            int rule, boolean egress, boolean allow, Protocol protocol, Cidr cidr, PortRange ports) {
        return entry(rule, egress, allow, protocol, ports, cidr);
    }

    private int pick(int[] values) {
        return values[random.nextInt(values.length)];
    }

    private static Subnet inZone(List<Subnet> subnets, int az) {
        return inZone(subnets, az, 0);
    }

    /** The n-th subnet of a zone among these (wrapping). */
    private static Subnet inZone(List<Subnet> subnets, int az, int n) {
        List<Subnet> zone = subnets.stream().filter(s -> s.az().index() == az).toList();
        return zone.isEmpty() ? subnets.get(n % subnets.size()) : zone.get(n % zone.size());
    }

    private static List<String> names(List<Subnet> subnets) {
        return subnets.stream().map(Subnet::name).toList();
    }

    private static String address(long value) {
        return (value >>> 24 & 255) + "." + (value >>> 16 & 255) + "." + (value >>> 8 & 255) + "." + (value & 255);
    }
}
