package dev.stackwright.analysis.reach;

import dev.stackwright.analysis.Networks;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Az;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.LoadBalancer;
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

/**
 * Small random networks for property tests, read from a tape of numbers: every choice takes the next number, and 0
 * is always the simplest choice, so when jqwik shrinks the tape towards zeros the network shrinks with it. Choices
 * come from small pools of CIDRs and ports that overlap in every way that matters: nested, adjacent, inside and
 * outside the VPC, public and private.
 */
final class RandomNetworks {
    static final Cidr VPC = Cidr.parse("10.0.0.0/16");
    static final List<Cidr> SUBNETS = List.of(
            Cidr.parse("10.0.0.0/24"),
            Cidr.parse("10.0.1.0/24"),
            Cidr.parse("10.0.2.0/25"),
            Cidr.parse("10.0.2.128/25"));
    static final List<Cidr> CIDRS = List.of(
            Cidr.parse("0.0.0.0/0"),
            Cidr.parse("10.0.0.0/16"),
            Cidr.parse("10.0.0.0/24"),
            Cidr.parse("10.0.1.0/24"),
            Cidr.parse("10.0.2.0/24"),
            Cidr.parse("10.0.2.0/25"),
            Cidr.parse("10.0.0.0/25"),
            Cidr.parse("203.0.113.0/24"),
            Cidr.parse("203.0.0.0/16"),
            Cidr.parse("192.168.0.0/16"),
            Cidr.parse("192.168.1.0/24"),
            Cidr.parse("8.8.8.0/24"),
            Cidr.parse("0.0.0.0/1"),
            Cidr.parse("128.0.0.0/1"));
    static final List<Cidr> ROUTE_CIDRS = List.of(
            Cidr.parse("0.0.0.0/0"),
            Cidr.parse("192.168.0.0/16"),
            Cidr.parse("203.0.113.0/24"),
            Cidr.parse("10.0.1.0/24"),
            Cidr.parse("8.0.0.0/8"),
            Cidr.parse("0.0.0.0/1"));
    static final List<PortRange> PORTS = List.of(
            PortRange.ALL,
            PortRange.of(443),
            PortRange.of(22),
            PortRange.of(80),
            PortRange.of(5432),
            new PortRange(0, 1023),
            PortRange.EPHEMERAL,
            new PortRange(32768, 65535),
            new PortRange(1024, 2047),
            new PortRange(443, 8443));
    static final List<Protocol> PROTOCOLS = List.of(Protocol.ALL, Protocol.TCP, Protocol.UDP, Protocol.ICMP);
    static final List<Attachment.Kind> KINDS = List.of(
            Attachment.Kind.INSTANCE,
            Attachment.Kind.TASK,
            Attachment.Kind.DATABASE,
            Attachment.Kind.LOAD_BALANCER,
            Attachment.Kind.INSTANCE,
            Attachment.Kind.ENDPOINT,
            Attachment.Kind.FUNCTION);
    /** Ports flows are asked about. */
    static final List<Integer> FLOW_PORTS = List.of(443, 22, 80, 5432, 1024, 8080, 65535, 2000);

    private final List<Integer> tape;
    private int at;

    private RandomNetworks(List<Integer> tape) {
        this.tape = tape;
    }

    /** A network and the questions to ask about it. */
    record Case(Network network, List<Question> questions) {
        @Override
        public String toString() {
            return "network with " + network.subnets().size() + " subnets, "
                    + network.attachments().size() + " attachments";
        }
    }

    /** Ends are given by name so cases print readably; {@link #ends} turns them into locations. */
    record Question(String from, String to, Protocol protocol, int port) {}

    static Case build(List<Integer> tape) {
        return new RandomNetworks(tape).build();
    }

    private int next(int bound) {
        if (at >= tape.size()) {
            return 0;
        }
        return Math.floorMod(tape.get(at++), bound);
    }

    private <T> T pick(List<T> from) {
        return from.get(next(from.size()));
    }

    /** Half the time the first (most permissive) choice, else any: keeps a fair share of flows reachable. */
    private <T> T lean(List<T> from) {
        return next(2) == 0 ? from.getFirst() : pick(from);
    }

    static final List<LoadBalancer.Listener> LISTENERS = List.of(
            new LoadBalancer.Listener(443, LoadBalancer.Scheme.HTTPS, false),
            new LoadBalancer.Listener(80, LoadBalancer.Scheme.HTTP, true),
            new LoadBalancer.Listener(22, LoadBalancer.Scheme.TCP, false),
            new LoadBalancer.Listener(5432, LoadBalancer.Scheme.UDP, false),
            new LoadBalancer.Listener(8080, LoadBalancer.Scheme.TCP_UDP, false),
            new LoadBalancer.Listener(443, LoadBalancer.Scheme.TLS, false));
    /** Target groups as protocol, type and port (0: the input does not give it); targets are drawn per network. */
    record GroupShape(String name, LoadBalancer.Scheme protocol, LoadBalancer.TargetType type, List<Integer> ports) {}

    static final List<GroupShape> TARGET_GROUPS = List.of(
            new GroupShape("web", LoadBalancer.Scheme.HTTP, LoadBalancer.TargetType.IP, List.of(8080)),
            new GroupShape("db", LoadBalancer.Scheme.UDP, LoadBalancer.TargetType.IP, List.of(5432)),
            new GroupShape("fn", LoadBalancer.Scheme.HTTP, LoadBalancer.TargetType.LAMBDA, List.of()),
            new GroupShape("any", LoadBalancer.Scheme.TCP, LoadBalancer.TargetType.INSTANCE, List.of()));

    /** Ports a target may be registered on, beside its group's. */
    static final List<Integer> TARGET_PORTS = List.of(22, 443, 8080);

    /**
     * Drawn after everything else, so older tapes keep their networks: each load balancer interface is either not
     * described (its groups alone decide, as before) or its own load balancer, of a random type, with up to three
     * listeners and up to two target groups. A group's targets are mostly known: some of the other attachments, each
     * on the group's port or one of its own; now and then the input does not give them.
     */
    private List<LoadBalancer> loadBalancers(List<Attachment> attachments) {
        List<LoadBalancer> out = new ArrayList<>();
        for (Attachment a : attachments) {
            if (a.kind() != Attachment.Kind.LOAD_BALANCER || next(3) == 0) {
                continue;
            }
            List<LoadBalancer.Listener> listeners = new ArrayList<>();
            for (int i = next(4); i > 0; i--) {
                listeners.add(pick(LISTENERS));
            }
            List<GroupShape> shapes = new ArrayList<>();
            for (int i = next(3); i > 0; i--) {
                shapes.add(pick(TARGET_GROUPS));
            }
            List<LoadBalancer.TargetGroup> groups = new ArrayList<>();
            for (GroupShape g : shapes) {
                boolean known = next(4) != 0;
                List<LoadBalancer.Target> targets = new ArrayList<>();
                for (Attachment t : attachments) {
                    if (!t.equals(a) && next(2) == 0) {
                        int port = next(3) == 0
                                ? pick(TARGET_PORTS)
                                : g.ports().isEmpty()
                                        ? LoadBalancer.Target.ANY_PORT
                                        : g.ports().getFirst();
                        targets.add(new LoadBalancer.Target(t.name(), port));
                    }
                }
                List<Integer> ports = new ArrayList<>(g.ports());
                targets.stream()
                        .map(LoadBalancer.Target::port)
                        .filter(p -> p != LoadBalancer.Target.ANY_PORT && !ports.contains(p) && !ports.isEmpty())
                        .forEach(ports::add);
                groups.add(new LoadBalancer.TargetGroup(
                        g.name(), g.protocol(), g.type(), known ? targets : List.of(), ports, known));
            }
            out.add(new LoadBalancer(
                    "lb-" + a.name(),
                    pick(List.of(LoadBalancer.Type.APPLICATION, LoadBalancer.Type.NETWORK, LoadBalancer.Type.GATEWAY)),
                    a.publicIp(),
                    listeners,
                    List.of(a.name()),
                    groups,
                    // Drawn from the name, not the generator, so the networks other draws make stay the same.
                    LoadBalancer.Authentication.values()[Math.floorMod(a.name().hashCode(), 3)],
                    // No group drawn stands for groups the input does not hold, as the brute force takes it (a load
                    // balancer known to forward nowhere is LoadBalancerForwardingKnownCliTest's).
                    groups.isEmpty()));
        }
        return withAttributes(out);
    }

    /** The states describe-target-health reports, and one it might report that the reader does not know. */
    static final List<String> HEALTH = List.of("healthy", "unhealthy", "initial", "unused", "draining", "unavailable");

    /**
     * Health check ports a group may have: not given, traffic-port, or a port of its own (one that is also a target's
     * port, or none's).
     */
    static final List<LoadBalancer.HealthCheckPort> HEALTH_CHECK_PORTS = List.of(
            LoadBalancer.HealthCheckPort.NOT_GIVEN,
            LoadBalancer.HealthCheckPort.TRAFFIC_PORT,
            new LoadBalancer.HealthCheckPort.PortNumber(8081),
            new LoadBalancer.HealthCheckPort.PortNumber(443));

    /**
     * Drawn after every load balancer, so older tapes keep their networks: each group's client IP preservation (as the
     * input gives it, or not), each target's health, mostly none, and then the group's health check port.
     */
    private List<LoadBalancer> withAttributes(List<LoadBalancer> balancers) {
        List<LoadBalancer> out = new ArrayList<>();
        for (LoadBalancer lb : balancers) {
            List<LoadBalancer.TargetGroup> groups = new ArrayList<>();
            for (LoadBalancer.TargetGroup g : lb.targetGroups()) {
                int attribute = next(3);
                List<LoadBalancer.Target> targets = new ArrayList<>();
                for (LoadBalancer.Target t : g.targets()) {
                    LoadBalancer.Health health =
                            next(3) == 0 ? new LoadBalancer.Health(pick(HEALTH), "") : LoadBalancer.Health.NOT_GIVEN;
                    targets.add(new LoadBalancer.Target(t.attachment(), t.port(), health));
                }
                LoadBalancer.HealthCheckPort healthCheckPort = pick(HEALTH_CHECK_PORTS);
                groups.add(new LoadBalancer.TargetGroup(
                        g.name(),
                        g.protocol(),
                        g.targetType(),
                        targets,
                        g.ports(),
                        g.targetsKnown(),
                        attribute == 0 ? Optional.empty() : Optional.of(attribute == 1),
                        healthCheckPort));
            }
            out.add(new LoadBalancer(
                    lb.name(),
                    lb.type(),
                    lb.internetFacing(),
                    lb.listeners(),
                    lb.interfaces(),
                    groups,
                    lb.authentication(),
                    lb.otherGroups()));
        }
        return out;
    }

    /**
     * {@code n} with every load balancer interface a Network Load Balancer of its own (the first attachment made one
     * when none is), whose groups register the other attachments, each drawn from {@code draws}: by instance (client
     * IP preserved unless the attribute says not), by IP over TCP (not preserved unless the attribute says so) and
     * over UDP (always preserved), each target with a health drawn from what describe-target-health reports.
     */
    static Network withNetworkLoadBalancers(Network n, List<Integer> draws) {
        RandomNetworks r = new RandomNetworks(draws);
        List<Attachment> attachments = new ArrayList<>(n.attachments());
        if (!attachments.isEmpty() && attachments.stream().noneMatch(a -> a.kind() == Attachment.Kind.LOAD_BALANCER)) {
            Attachment first = attachments.getFirst();
            attachments.set(
                    0,
                    new Attachment(
                            first.name(),
                            Attachment.Kind.LOAD_BALANCER,
                            first.subnetName(),
                            first.securityGroupNames(),
                            first.publicIp(),
                            first.aliases()));
        }
        List<GroupShape> shapes = List.of(
                new GroupShape("by-instance", LoadBalancer.Scheme.TCP, LoadBalancer.TargetType.INSTANCE, List.of(8080)),
                new GroupShape("by-ip", LoadBalancer.Scheme.TCP, LoadBalancer.TargetType.IP, List.of(443)),
                new GroupShape("udp", LoadBalancer.Scheme.UDP, LoadBalancer.TargetType.IP, List.of(5432)));
        List<LoadBalancer> balancers = new ArrayList<>();
        for (Attachment a : attachments) {
            if (a.kind() != Attachment.Kind.LOAD_BALANCER) {
                continue;
            }
            List<LoadBalancer.TargetGroup> groups = new ArrayList<>();
            for (GroupShape shape : shapes) {
                List<LoadBalancer.Target> targets = new ArrayList<>();
                for (Attachment t : attachments) {
                    if (!t.equals(a) && r.next(2) == 0) {
                        LoadBalancer.Health health = r.next(3) == 0
                                ? new LoadBalancer.Health(r.pick(HEALTH), "")
                                : LoadBalancer.Health.NOT_GIVEN;
                        targets.add(
                                new LoadBalancer.Target(t.name(), shape.ports().getFirst(), health));
                    }
                }
                int attribute = r.next(3);
                groups.add(new LoadBalancer.TargetGroup(
                        shape.name(),
                        shape.protocol(),
                        shape.type(),
                        targets,
                        shape.ports(),
                        true,
                        attribute == 0 ? Optional.empty() : Optional.of(attribute == 1),
                        r.pick(HEALTH_CHECK_PORTS)));
            }
            balancers.add(new LoadBalancer(
                    "nlb-" + a.name(), LoadBalancer.Type.NETWORK, a.publicIp(), List.of(), List.of(a.name()), groups));
        }
        return Networks.withLoadBalancers(Networks.withAttachments(n, attachments), balancers);
    }

    private Case build() {
        int subnetCount = 2 + next(3);
        List<Subnet> subnets = new ArrayList<>();
        for (int i = 0; i < subnetCount; i++) {
            subnets.add(new Subnet("net" + i, Tier.values()[next(3)], new Az(i % 2), SUBNETS.get(i)));
        }
        boolean igw = next(4) != 3;

        int groupCount = 1 + next(3);
        List<String> groupNames = new ArrayList<>();
        for (int i = 0; i < groupCount; i++) {
            groupNames.add("g" + i);
        }
        List<SecurityGroup> groups = new ArrayList<>();
        for (String g : groupNames) {
            groups.add(new SecurityGroup(
                    g,
                    SecurityGroup.Role.values()[next(SecurityGroup.Role.values().length)],
                    "",
                    rules(groupNames),
                    egress(groupNames)));
        }

        List<Nat> nats = new ArrayList<>();
        List<Attachment> attachments = new ArrayList<>();
        int natCount = next(4) == 0 ? 0 : 1 + next(2);
        for (int i = 0; i < natCount; i++) {
            String name = "nat" + i;
            Subnet where = pick(subnets);
            switch (next(4)) {
                case 0, 1 -> {
                    String sg = pick(groupNames);
                    nats.add(new Nat.Instance(name, where.az(), where.name(), "t4g.nano", sg));
                    attachments.add(new Attachment(
                            name, Attachment.Kind.NAT_INSTANCE, where.name(), List.of(sg), next(5) != 4));
                }
                case 2 -> {
                    nats.add(new Nat.Gateway(name, where.az(), where.name()));
                    attachments.add(
                            new Attachment(name, Attachment.Kind.NAT_GATEWAY, where.name(), List.of(), next(5) != 4));
                }
                default -> nats.add(new Nat.RegionalGateway(name));
            }
        }

        int attachmentCount = 2 + next(3);
        for (int i = 0; i < attachmentCount; i++) {
            List<String> sgs = new ArrayList<>();
            int count = next(3);
            for (int j = 0; j < count; j++) {
                String g = pick(groupNames);
                if (!sgs.contains(g)) {
                    sgs.add(g);
                }
            }
            if (sgs.isEmpty()) {
                sgs.add(groupNames.getFirst());
            }
            attachments.add(new Attachment("r" + i, pick(KINDS), pick(subnets).name(), sgs, next(3) != 2));
        }

        int tableCount = 1 + next(2);
        List<List<String>> associated = new ArrayList<>();
        for (int i = 0; i < tableCount; i++) {
            associated.add(new ArrayList<>());
        }
        for (Subnet s : subnets) {
            // Mostly associated; now and then left to the main route table.
            if (next(5) != 4) {
                associated.get(next(tableCount)).add(s.name());
            }
        }
        List<RouteTable> tables = new ArrayList<>();
        for (int i = 0; i < tableCount; i++) {
            List<Route> routes = new ArrayList<>();
            routes.add(Route.to(VPC, new RouteTarget.Local()));
            int count = 1 + next(3);
            for (int j = 0; j < count; j++) {
                RouteDestination dest = next(4) == 3
                        ? new RouteDestination.PrefixList(next(2) == 0 ? "s3" : "dynamodb")
                        : new RouteDestination.Block(lean(ROUTE_CIDRS));
                routes.add(new Route(dest, target(nats)));
            }
            tables.add(new RouteTable("t" + i, Tier.APP, routes, associated.get(i)));
        }

        // Half the time, the classic shape: the NAT devices' subnets get a public table (0.0.0.0/0 to the internet
        // gateway) and the first table sends 0.0.0.0/0 to a NAT, so NAT paths that work are common, not rare.
        List<String> natSubnets = attachments.stream()
                .filter(a -> a.kind() == Attachment.Kind.NAT_INSTANCE || a.kind() == Attachment.Kind.NAT_GATEWAY)
                .map(Attachment::subnetName)
                .distinct()
                .toList();
        if (!natSubnets.isEmpty() && next(2) == 0) {
            List<RouteTable> reshaped = new ArrayList<>();
            for (RouteTable t : tables) {
                List<Route> routes = new ArrayList<>(t.routes());
                if (reshaped.isEmpty()) {
                    routes.add(1, Route.to(Cidr.ANYWHERE, natTarget(nats.get(next(nats.size())))));
                }
                reshaped.add(new RouteTable(
                        t.name(),
                        t.tier(),
                        routes,
                        t.subnetNames().stream()
                                .filter(n -> !natSubnets.contains(n))
                                .toList()));
            }
            reshaped.add(new RouteTable(
                    "public",
                    Tier.PUBLIC,
                    List.of(
                            Route.to(VPC, new RouteTarget.Local()),
                            Route.to(Cidr.ANYWHERE, new RouteTarget.InternetGateway())),
                    natSubnets));
            tables = reshaped;
        }

        int aclCount = next(2) == 0 ? 0 : next(3);
        List<List<String>> aclSubnets = new ArrayList<>();
        for (int i = 0; i < aclCount; i++) {
            aclSubnets.add(new ArrayList<>());
        }
        for (Subnet s : subnets) {
            int a = next(aclCount + 1);
            if (a < aclCount) {
                aclSubnets.get(a).add(s.name());
            }
        }
        List<NetworkAcl> acls = new ArrayList<>();
        for (int i = 0; i < aclCount; i++) {
            List<NetworkAcl.Entry> entries = new ArrayList<>();
            int count = next(7);
            for (int j = 0; j < count; j++) {
                entries.add(new NetworkAcl.Entry(
                        100 + 10 * next(8), next(2) == 1, next(5) != 4, lean(PROTOCOLS), lean(PORTS), lean(CIDRS), ""));
            }
            acls.add(new NetworkAcl("acl" + i, Tier.APP, entries, aclSubnets.get(i)));
        }

        List<LoadBalancer> loadBalancers = loadBalancers(attachments);
        Network network = new Network(
                "us-east-1",
                "rand-dev",
                new Vpc(VPC, true, true),
                List.of(new Az(0), new Az(1)),
                subnets,
                tables,
                igw,
                nats,
                List.of(),
                groups,
                acls,
                Optional.empty(),
                Optional.empty(),
                8080,
                5432,
                attachments,
                loadBalancers,
                Optional.empty());

        List<String> ends = new ArrayList<>();
        attachments.forEach(a -> ends.add(a.name()));
        ends.addAll(List.of("internet", "203.0.113.0/24", "192.168.1.0/24", "service:s3"));
        List<Question> questions = new ArrayList<>();
        for (String from : ends) {
            for (String to : ends) {
                boolean fromInside = !from.contains("/") && !from.equals("internet") && !from.startsWith("service:");
                boolean toInside = !to.contains("/") && !to.equals("internet") && !to.startsWith("service:");
                if (from.equals(to) || from.startsWith("service:") || (!fromInside && !toInside)) {
                    continue;
                }
                questions.add(new Question(from, to, next(3) == 2 ? Protocol.UDP : Protocol.TCP, pick(FLOW_PORTS)));
            }
        }
        return new Case(network, questions);
    }

    private RouteTarget target(List<Nat> nats) {
        return switch (next(11)) {
            case 0, 1, 2 -> new RouteTarget.InternetGateway();
            case 3, 4, 5 -> nats.isEmpty() ? new RouteTarget.InternetGateway() : natTarget(pick(nats));
            case 6 -> new RouteTarget.GatewayEndpoint("s3");
            case 7 -> new RouteTarget.Peering("pcx-1");
            case 8 -> new RouteTarget.TransitGateway("tgw-1");
            case 9 -> new RouteTarget.Unresolved("eni-123");
            default -> next(2) == 0 ? new RouteTarget.NatInstance("nowhere") : new RouteTarget.NatGateway("missing");
        };
    }

    private static RouteTarget natTarget(Nat nat) {
        return nat instanceof Nat.Instance
                ? new RouteTarget.NatInstance(nat.name())
                : new RouteTarget.NatGateway(nat.name());
    }

    /** Egress as AWS creates it (all traffic anywhere) half the time, else random rules. */
    private List<SecurityGroupRule> egress(List<String> groupNames) {
        return next(2) == 0 ? List.of(SecurityGroupRule.all(new Peer.Block(Cidr.ANYWHERE), "")) : rules(groupNames);
    }

    private List<SecurityGroupRule> rules(List<String> groupNames) {
        List<SecurityGroupRule> rules = new ArrayList<>();
        int count = 1 + next(3);
        for (int i = 0; i < count; i++) {
            Peer peer = switch (next(4)) {
                case 0, 1 -> new Peer.Block(lean(CIDRS));
                case 2 -> new Peer.Group(pick(groupNames));
                default -> new Peer.PrefixList(next(2) == 0 ? "s3" : "dynamodb");
            };
            Protocol protocol = lean(PROTOCOLS);
            rules.add(
                    new SecurityGroupRule(protocol, protocol == Protocol.ALL ? PortRange.ALL : lean(PORTS), peer, ""));
        }
        return rules;
    }

    /** The locations a question's names stand for, resolved as {@code why} does. */
    static List<Location> ends(Names names, String name, boolean destination) {
        return (destination ? names.destination(name) : names.source(name)).locations();
    }
}
