package dev.stackwright.analysis.reach;

import dev.stackwright.analysis.Networks;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.Network;
import dev.stackwright.model.NetworkAcl;
import dev.stackwright.model.Peer;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.RouteTarget;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.model.Subnet;
import java.util.ArrayList;
import java.util.List;

/**
 * Planned networks, which mostly work, with one to three things changed: a network ACL entry, a security group rule
 * added or removed, a route, a public IP, the internet gateway. Flows in them sit right at the edge between
 * reachable and blocked, where the random networks of {@link RandomNetworks} rarely go (a working NAT path whose
 * return traffic one ACL entry breaks, say). Read from a tape like {@link RandomNetworks}.
 */
final class PerturbedNetworks {
    static final List<Network> BASES = List.of(
            Networks.example("prod-nat-instances"),
            Networks.example("staging-gateway-bastion"),
            Networks.example("dev-isolated"),
            Networks.plan("""
                          name: reg
                          network:
                            nat: regional-gateway
                            access: bastion
                            bastionCidr: 198.51.100.0/24
                          database: {engine: mysql}
                          """));
    static final List<Cidr> CIDRS = List.of(
            Cidr.ANYWHERE,
            Cidr.parse("203.0.113.0/24"),
            Cidr.parse("192.168.0.0/16"),
            Cidr.parse("0.0.0.0/1"),
            Cidr.parse("128.0.0.0/1"),
            Cidr.parse("10.0.0.0/8"));
    static final List<PortRange> PORTS = List.of(
            PortRange.ALL,
            PortRange.EPHEMERAL,
            new PortRange(32768, 65535),
            PortRange.of(443),
            PortRange.of(22),
            new PortRange(0, 1023),
            new PortRange(1024, 40000));

    private final List<Integer> tape;
    private int at;

    private PerturbedNetworks(List<Integer> tape) {
        this.tape = tape;
    }

    static RandomNetworks.Case build(List<Integer> tape) {
        return new PerturbedNetworks(tape).build();
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

    private RandomNetworks.Case build() {
        Network n = BASES.get(next(BASES.size()));
        int changes = 1 + next(3);
        for (int i = 0; i < changes; i++) {
            n = change(n);
        }
        List<String> ends = new ArrayList<>();
        List<Attachment> attachments = n.attachments();
        // One task always, so "app -> internet" (through NAT) is always asked.
        attachments.stream()
                .filter(a -> a.kind() == Attachment.Kind.TASK)
                .skip(next(2))
                .findFirst()
                .ifPresent(a -> ends.add(a.name()));
        int count = Math.min(4, attachments.size());
        for (int i = 0; i < count; i++) {
            String name = attachments.get(next(attachments.size())).name();
            if (!ends.contains(name)) {
                ends.add(name);
            }
        }
        ends.addAll(List.of("internet", "203.0.113.0/24", "192.168.1.0/24", "service:s3"));
        List<Integer> ports = List.of(n.servicePort(), Math.max(1, n.databasePort()), 443, 22, 80, 2000);
        List<RandomNetworks.Question> questions = new ArrayList<>();
        for (String from : ends) {
            for (String to : ends) {
                boolean fromInside = !from.contains("/") && !from.equals("internet") && !from.startsWith("service:");
                boolean toInside = !to.contains("/") && !to.equals("internet") && !to.startsWith("service:");
                if (from.equals(to) || from.startsWith("service:") || (!fromInside && !toInside)) {
                    continue;
                }
                questions.add(
                        new RandomNetworks.Question(from, to, next(4) == 3 ? Protocol.UDP : Protocol.TCP, pick(ports)));
            }
        }
        return new RandomNetworks.Case(n, questions);
    }

    private Network change(Network n) {
        return switch (next(7)) {
            case 0 -> aclEntry(n);
            case 1 -> removeRule(n);
            case 2 -> addRule(n);
            case 3 -> route(n);
            case 4 ->
                Networks.editAttachment(
                        n,
                        pick(n.attachments()).name(),
                        a -> new Attachment(a.name(), a.kind(), a.subnetName(), a.securityGroupNames(), !a.publicIp()));
            case 5 -> Networks.withInternetGateway(n, false);
            default -> moveSubnetToAcl(n);
        };
    }

    private Cidr cidr(Network n) {
        List<Cidr> pool = new ArrayList<>(CIDRS);
        n.subnets().forEach(s -> pool.add(s.cidr()));
        return pick(pool);
    }

    /**
     * An entry in a subnet's ACL; a subnet without one gets an ACL that allows everything at its end. Entries lean
     * towards the mistakes people make (denying or narrowing the ephemeral range, from anywhere) and towards the
     * subnets where they hurt (those holding NAT devices).
     */
    private Network aclEntry(Network n) {
        List<Subnet> natSubnets = n.subnets().stream()
                .filter(s -> n.attachmentsIn(s.name()).stream()
                        .anyMatch(a ->
                                a.kind() == Attachment.Kind.NAT_INSTANCE || a.kind() == Attachment.Kind.NAT_GATEWAY))
                .toList();
        Subnet subnet = !natSubnets.isEmpty() && next(2) == 0 ? pick(natSubnets) : pick(n.subnets());
        PortRange ports = next(5) < 2 ? pick(List.of(PortRange.EPHEMERAL, new PortRange(32768, 65535))) : pick(PORTS);
        Cidr cidr = next(2) == 0 ? Cidr.ANYWHERE : cidr(n);
        Protocol protocol = next(2) == 0 ? Protocol.TCP : pick(List.of(Protocol.ALL, Protocol.TCP, Protocol.UDP));
        NetworkAcl.Entry entry =
                new NetworkAcl.Entry(1 + next(400), next(2) == 1, next(3) == 0, protocol, ports, cidr, "");
        return Networks.withAclEntry(n, subnet, entry, false);
    }

    private Network moveSubnetToAcl(Network n) {
        if (n.networkAcls().isEmpty()) {
            return n;
        }
        Subnet subnet = pick(n.subnets());
        NetworkAcl target = pick(n.networkAcls());
        List<NetworkAcl> acls = new ArrayList<>();
        for (NetworkAcl acl : n.networkAcls()) {
            List<String> subnets = new ArrayList<>(acl.subnetNames());
            subnets.remove(subnet.name());
            if (acl.name().equals(target.name())) {
                subnets.add(subnet.name());
            }
            acls.add(new NetworkAcl(acl.name(), acl.tier(), acl.entries(), subnets));
        }
        return Networks.withAcls(n, acls);
    }

    private Network removeRule(Network n) {
        SecurityGroup g = pick(n.securityGroups());
        boolean ingress = next(2) == 0;
        List<SecurityGroupRule> rules = new ArrayList<>(ingress ? g.ingress() : g.egress());
        if (rules.isEmpty()) {
            return n;
        }
        rules.remove(next(rules.size()));
        return Networks.editGroup(
                n,
                g.name(),
                old -> new SecurityGroup(
                        old.name(),
                        old.role(),
                        old.description(),
                        ingress ? rules : old.ingress(),
                        ingress ? old.egress() : rules));
    }

    private Network addRule(Network n) {
        SecurityGroup g = pick(n.securityGroups());
        Peer peer = switch (next(3)) {
            case 0 -> new Peer.Block(cidr(n));
            case 1 -> new Peer.Group(pick(n.securityGroups()).name());
            default -> new Peer.PrefixList("s3");
        };
        Protocol protocol = pick(List.of(Protocol.TCP, Protocol.ALL, Protocol.UDP));
        SecurityGroupRule rule =
                new SecurityGroupRule(protocol, protocol == Protocol.ALL ? PortRange.ALL : pick(PORTS), peer, "");
        return Networks.editGroup(
                n, g.name(), old -> next(2) == 0 ? Networks.addIngress(old, rule) : Networks.addEgress(old, rule));
    }

    /** A route added to a table, replacing one to the same destination. */
    private Network route(Network n) {
        RouteTable table = pick(n.routeTables());
        Cidr dest = pick(List.of(
                Cidr.ANYWHERE,
                Cidr.parse("203.0.113.0/24"),
                Cidr.parse("192.168.0.0/16"),
                pick(n.subnets()).cidr()));
        RouteTarget target = switch (next(5)) {
            case 0 -> new RouteTarget.InternetGateway();
            case 1 ->
                n.nats().isEmpty()
                        ? new RouteTarget.Peering("pcx-1")
                        : new RouteTarget.NatGateway(pick(n.nats()).name());
            case 2 -> new RouteTarget.Peering("pcx-1");
            case 3 -> new RouteTarget.TransitGateway("tgw-1");
            default -> new RouteTarget.GatewayEndpoint("s3");
        };
        return Networks.editTable(n, table.name(), t -> {
            List<Route> routes = new ArrayList<>(t.routes().stream()
                    .filter(r -> !r.destination().describe().equals(dest.toString()))
                    .toList());
            routes.add(Route.to(dest, target));
            return new RouteTable(t.name(), t.tier(), routes, t.subnetNames());
        });
    }
}
