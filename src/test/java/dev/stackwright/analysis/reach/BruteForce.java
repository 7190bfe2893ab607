package dev.stackwright.analysis.reach;

import dev.stackwright.model.Attachment;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.LoadBalancer;
import dev.stackwright.model.Nat;
import dev.stackwright.model.Network;
import dev.stackwright.model.NetworkAcl;
import dev.stackwright.model.Peer;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteDestination;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.RouteTarget;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.model.Subnet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The reference the engine is tested against: the same AWS rules written the plain way, one concrete packet at a
 * time, with no packet sets, no route partitions and no first-match subtraction. It tries every combination of
 * source address, destination address, client port and NAT port that could behave differently: the boundaries of
 * every CIDR and port range in the network, since every rule's answer is constant between two boundaries.
 */
final class BruteForce {
    private static final int EPHEMERAL_FROM = 1024;

    private final Network n;
    private final AddressSpace space;
    private final TreeSet<Long> addressCuts = new TreeSet<>();
    private final List<Integer> ephemeralCandidates;
    /**
     * Whether a route to a target the model does not hold ({@link RouteTarget.Unresolved}) is taken to deliver: with
     * it, a packet that gets through answers "some connection might succeed", which the engine calls cannot tell.
     */
    private final boolean unmodelledPasses;

    BruteForce(Network network) {
        this(network, false);
    }

    BruteForce(Network network, boolean unmodelledPasses) {
        this.unmodelledPasses = unmodelledPasses;
        this.n = network;
        this.space = new AddressSpace(network);
        TreeSet<Integer> portCuts = new TreeSet<>(List.of(0, EPHEMERAL_FROM, 65535));
        List<Cidr> cidrs = new ArrayList<>(AddressSpace.NOT_INTERNET);
        cidrs.add(network.vpc().cidr());
        network.subnets().forEach(s -> cidrs.add(s.cidr()));
        for (SecurityGroup g : network.securityGroups()) {
            for (SecurityGroupRule r : concat(g.ingress(), g.egress())) {
                if (r.peer() instanceof Peer.Block b) {
                    cidrs.add(b.cidr());
                }
                portCuts.add(r.ports().from());
                portCuts.add(Math.min(65535, r.ports().to() + 1));
            }
        }
        for (NetworkAcl acl : network.networkAcls()) {
            for (NetworkAcl.Entry e : acl.entries()) {
                cidrs.add(e.cidr());
                portCuts.add(e.ports().from());
                portCuts.add(Math.min(65535, e.ports().to() + 1));
            }
        }
        for (RouteTable t : network.routeTables()) {
            for (Route r : t.routes()) {
                if (r.destination() instanceof RouteDestination.Block b) {
                    cidrs.add(b.cidr());
                }
            }
        }
        addressCuts.add(0L);
        for (Cidr c : cidrs) {
            addressCuts.add(lo(c));
            addressCuts.add(hi(c) + 1);
        }
        for (String s : space.services()) {
            addressCuts.add(space.service(s).orElseThrow());
        }
        this.ephemeralCandidates =
                portCuts.stream().filter(p -> p >= EPHEMERAL_FROM).toList();
    }

    /** Can {@code from} open a connection to {@code to} on {@code port}: is there one packet that gets through? */
    boolean reachable(Location from, Location to, Protocol protocol, int port) {
        for (long a : candidates(addresses(from))) {
            for (long x : candidates(addresses(to))) {
                for (int p : ephemeralCandidates) {
                    if (walk(from, to, protocol, a, p, x, port)) {
                        return true;
                    }
                }
            }
        }
        if (from instanceof Location.Resource s
                && to instanceof Location.Resource d
                && forwardsTo(s.attachment(), d.attachment(), protocol, port, true)) {
            // A Network Load Balancer that preserves the client's address: the target sees a client's.
            LoadBalancer lb = java.util.Objects.requireNonNull(balancerOf(s.attachment()));
            for (long a : candidates(IntervalSet.of(new Interval(0, AddressSpace.IPV4_END)))) {
                if (!clientOf(lb, a)) {
                    continue;
                }
                for (long x : candidates(addresses(to))) {
                    for (int p : ephemeralCandidates) {
                        if (insideWithClient(s, d, protocol, a, p, x, port)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /** Whether some packet from address {@code a} (any client port) to {@code to} gets through. */
    boolean reachableFrom(Location from, Location to, Protocol protocol, int port, long a) {
        for (long x : candidates(addresses(to))) {
            for (int p : ephemeralCandidates) {
                if (walk(from, to, protocol, a, p, x, port)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Who can be a load balancer's client: anyone for an internet-facing one; for an internal one, addresses of the
     * VPC and private addresses outside it.
     */
    private boolean clientOf(LoadBalancer lb, long addr) {
        return lb.internetFacing() || covers(n.vpc().cidr(), addr) || isPrivateOutside(addr);
    }

    /**
     * From a Network Load Balancer to its target, with the client's address {@code a}: the load balancer's own hops
     * as always; the target's group, its subnet's ACL both ways see the client; the replies go back through the load
     * balancer, whatever the target's routes say.
     */
    private boolean insideWithClient(
            Location.Resource s, Location.Resource d, Protocol proto, long a, int p, long x, int port) {
        if (!listens(d.attachment()) || !listenerTakes(d.attachment(), proto, port)) {
            return false;
        }
        if (!sg(s.attachment(), false, proto, port, x, d.attachment())) {
            return false;
        }
        if (s.subnet().equals(d.subnet())) {
            return sg(d.attachment(), true, proto, port, a, s.attachment());
        }
        Route r = lpm(s.subnet(), x);
        return nacl(s.subnet(), true, proto, x, port)
                && r != null
                && (r.target() instanceof RouteTarget.Local
                        || (unmodelledPasses && r.target() instanceof RouteTarget.Unresolved))
                && nacl(d.subnet(), false, proto, a, port)
                && sg(d.attachment(), true, proto, port, a, s.attachment())
                && nacl(d.subnet(), true, proto, a, p)
                && nacl(s.subnet(), false, proto, x, p);
    }

    /** Whether this exact packet (a:p -> x:port) and its replies get through. */
    boolean walk(Location from, Location to, Protocol proto, long a, int p, long x, int port) {
        if (from instanceof Location.Resource s && to instanceof Location.Resource d) {
            LoadBalancer lb = balancerOf(s.attachment());
            // The source's own address, or (through a Network Load Balancer that preserves it) a client's.
            return (s.addresses().contains(a) && inside(s, d, proto, a, p, x, port))
                    || (lb != null
                            && forwardsTo(s.attachment(), d.attachment(), proto, port, true)
                            && clientOf(lb, a)
                            && insideWithClient(s, d, proto, a, p, x, port));
        }
        if (from instanceof Location.Resource s && to instanceof Location.Outside o) {
            return outbound(s, proto, a, p, x, port, o.internet());
        }
        if (from instanceof Location.Outside && to instanceof Location.Resource d) {
            return inbound(d, proto, a, p, port);
        }
        return false;
    }

    private boolean inside(Location.Resource s, Location.Resource d, Protocol proto, long a, int p, long x, int port) {
        if (!initiates(s.attachment()) || !listens(d.attachment())) {
            return false;
        }
        if (!listenerTakes(d.attachment(), proto, port)
                || !forwardsTo(s.attachment(), d.attachment(), proto, port, false)) {
            return false;
        }
        if (!sg(s.attachment(), false, proto, port, x, d.attachment())) {
            return false;
        }
        if (s.subnet().equals(d.subnet())) {
            return sg(d.attachment(), true, proto, port, a, s.attachment());
        }
        Route r = lpm(s.subnet(), x);
        Route back = lpm(d.subnet(), a);
        return nacl(s.subnet(), true, proto, x, port)
                && r != null
                && (r.target() instanceof RouteTarget.Local
                        || (unmodelledPasses && r.target() instanceof RouteTarget.Unresolved))
                && nacl(d.subnet(), false, proto, a, port)
                && sg(d.attachment(), true, proto, port, a, s.attachment())
                && nacl(d.subnet(), true, proto, a, p)
                && back != null
                && back.target() instanceof RouteTarget.Local
                && nacl(s.subnet(), false, proto, x, p);
    }

    /**
     * @param toInternet the destination is the internet as a whole, which a peering connection never reaches: it
     *                   delivers into its peer VPC only, never to that VPC's gateways
     *                   (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html)
     */
    private boolean outbound(Location.Resource s, Protocol proto, long a, int p, long x, int port, boolean toInternet) {
        if (!initiates(s.attachment())
                || !balancerMayOpen(s.attachment(), proto, x, port)
                || !sg(s.attachment(), false, proto, port, x, null)
                || !nacl(s.subnet(), true, proto, x, port)) {
            return false;
        }
        Route r = lpm(s.subnet(), x);
        if (r == null) {
            return false;
        }
        boolean repliesIn = nacl(s.subnet(), false, proto, x, p);
        return switch (r.target()) {
            case RouteTarget.Local l -> false;
            case RouteTarget.Unresolved u -> unmodelledPasses && repliesIn;
            case RouteTarget.InternetGateway g ->
                n.internetGateway() && internetAddress(x) && s.attachment().publicIp() && repliesIn;
            case RouteTarget.GatewayEndpoint e -> repliesIn;
            case RouteTarget.Peering e -> !toInternet && repliesIn;
            case RouteTarget.TransitGateway e -> repliesIn;
            case RouteTarget.NatInstance i -> nat(i.natName(), s, proto, a, p, x, port, toInternet) && repliesIn;
            case RouteTarget.NatGateway g -> nat(g.natName(), s, proto, a, p, x, port, toInternet) && repliesIn;
        };
    }

    private boolean nat(
            String name, Location.Resource s, Protocol proto, long a, int p, long x, int port, boolean toInternet) {
        Optional<Nat> nat = n.nats().stream().filter(v -> v.name().equals(name)).findFirst();
        if (nat.isEmpty()) {
            return false;
        }
        if (nat.get() instanceof Nat.RegionalGateway) {
            return n.internetGateway() && internetAddress(x);
        }
        Optional<Attachment> device = n.attachments().stream()
                .filter(v -> v.name().equals(name)
                        && (v.kind() == Attachment.Kind.NAT_INSTANCE || v.kind() == Attachment.Kind.NAT_GATEWAY))
                .findFirst();
        Optional<Subnet> where = device.flatMap(v -> n.subnet(v.subnetName()));
        if (where.isEmpty()) {
            return false;
        }
        Subnet ns = where.get();
        boolean instance = nat.get() instanceof Nat.Instance;
        boolean same = ns.equals(s.subnet());
        if (!same && !(nacl(ns, false, proto, a, port) && nacl(ns, true, proto, a, p))) {
            return false;
        }
        if (instance
                && !(sg(device.get(), true, proto, port, a, s.attachment())
                        && sg(device.get(), false, proto, port, x, null))) {
            return false;
        }
        if (!nacl(ns, true, proto, x, port)) {
            return false;
        }
        Route out = lpm(ns, x);
        if (out == null) {
            return false;
        }
        boolean onward = switch (out.target()) {
            case RouteTarget.InternetGateway g ->
                n.internetGateway() && device.get().publicIp() && internetAddress(x);
            case RouteTarget.Peering e -> !toInternet;
            case RouteTarget.TransitGateway e -> true;
            case RouteTarget.GatewayEndpoint e -> true;
            case RouteTarget.Unresolved u -> unmodelledPasses;
            default -> false;
        };
        if (!onward) {
            return false;
        }
        for (int q : ephemeralCandidates) {
            if (nacl(ns, false, proto, x, q)) {
                return true;
            }
        }
        return false;
    }

    private boolean inbound(Location.Resource d, Protocol proto, long a, int p, int port) {
        if (!listens(d.attachment()) || !listenerTakes(d.attachment(), proto, port)) {
            return false;
        }
        Route back = lpm(d.subnet(), a);
        boolean entered;
        if (isPublic(a)) {
            // The internet addresses an interface by its public IP only; a private address it cannot name.
            entered = !d.byAddress()
                    && n.internetGateway()
                    && d.attachment().publicIp()
                    && back != null
                    && back.target() instanceof RouteTarget.InternetGateway;
        } else if (isPrivateOutside(a)) {
            entered = back != null
                    && (back.target() instanceof RouteTarget.Peering
                            || back.target() instanceof RouteTarget.TransitGateway
                            || (unmodelledPasses && back.target() instanceof RouteTarget.Unresolved));
        } else {
            entered = false;
        }
        return entered
                && nacl(d.subnet(), false, proto, a, port)
                && sg(d.attachment(), true, proto, port, a, null)
                && nacl(d.subnet(), true, proto, a, p);
    }

    // The AWS rules, one packet at a time.

    private boolean sg(
            Attachment owner,
            boolean ingress,
            Protocol proto,
            int port,
            long peer,
            @Nullable Attachment peerAttachment) {
        if (owner.securityGroupNames().isEmpty()) {
            return true;
        }
        for (String name : owner.securityGroupNames()) {
            Optional<SecurityGroup> g = n.securityGroup(name);
            if (g.isEmpty()) {
                continue;
            }
            for (SecurityGroupRule r : ingress ? g.get().ingress() : g.get().egress()) {
                if (!protocol(r.protocol(), proto)
                        || (r.protocol() != Protocol.ALL && !r.ports().contains(port))) {
                    continue;
                }
                boolean match = switch (r.peer()) {
                    case Peer.Block b -> covers(b.cidr(), peer);
                    case Peer.Group gr ->
                        peerAttachment != null
                                && peerAttachment.securityGroupNames().contains(gr.groupName());
                    case Peer.PrefixList pl ->
                        space.service(pl.service()).map(v -> v == peer).orElse(false);
                    // Within one VPC, no attachment carries another VPC's group.
                    case Peer.OtherVpcGroup o -> false;
                };
                if (match) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean nacl(Subnet subnet, boolean egress, Protocol proto, long remote, int port) {
        Optional<NetworkAcl> acl = n.networkAclOf(subnet.name());
        if (acl.isEmpty()) {
            return true;
        }
        List<NetworkAcl.Entry> entries = acl.get().entries().stream()
                .filter(e -> e.egress() == egress)
                .sorted(Comparator.comparingInt(NetworkAcl.Entry::ruleNumber))
                .toList();
        for (NetworkAcl.Entry e : entries) {
            if (!protocol(e.protocol(), proto)
                    || !covers(e.cidr(), remote)
                    || (e.protocol() != Protocol.ALL && !e.ports().contains(port))) {
                continue;
            }
            return e.allow();
        }
        return false;
    }

    private @Nullable Route lpm(Subnet subnet, long addr) {
        RouteTable t = n.routeTableOf(subnet.name())
                .orElse(new RouteTable(
                        "main", subnet.tier(), List.of(Route.to(n.vpc().cidr(), new RouteTarget.Local())), List.of()));
        Route best = null;
        int bestLength = -1;
        for (Route r : t.routes()) {
            int length;
            boolean match;
            switch (r.destination()) {
                case RouteDestination.Block b -> {
                    length = b.cidr().prefixLength();
                    match = covers(b.cidr(), addr);
                }
                case RouteDestination.PrefixList pl -> {
                    length = 33;
                    match = space.service(pl.service()).map(v -> v == addr).orElse(false);
                }
            }
            if (match && length > bestLength) {
                best = r;
                bestLength = length;
            }
        }
        return best;
    }

    private static boolean protocol(Protocol rule, Protocol packet) {
        return rule == Protocol.ALL || rule == packet;
    }

    /** 0.0.0.0/0 covers everything, AWS services included; any other block only its own IPv4 addresses. */
    private static boolean covers(Cidr c, long addr) {
        return c.prefixLength() == 0 || (addr >= lo(c) && addr <= hi(c));
    }

    private boolean isPublic(long addr) {
        if (addr > AddressSpace.IPV4_END || covers(n.vpc().cidr(), addr)) {
            return false;
        }
        return AddressSpace.NOT_INTERNET.stream().noneMatch(c -> covers(c, addr));
    }

    private boolean isPrivateOutside(long addr) {
        return addr <= AddressSpace.IPV4_END
                && !isPublic(addr)
                && !covers(n.vpc().cidr(), addr);
    }

    /** What the internet gateway can reach: public addresses and AWS services' public endpoints. */
    private boolean internetAddress(long addr) {
        return addr > AddressSpace.IPV4_END || isPublic(addr);
    }

    private static boolean initiates(Attachment a) {
        return a.kind() != Attachment.Kind.NAT_GATEWAY && a.kind() != Attachment.Kind.ENDPOINT;
    }

    /**
     * A load balancer interface takes a connection only on a listener's port and protocol: "a listener is a process
     * that checks for connection requests, using the protocol and port that you configure". One whose listeners are
     * not given, and a gateway load balancer (no ports of its own), takes what its groups let in.
     */
    private boolean listenerTakes(Attachment a, Protocol proto, int port) {
        LoadBalancer lb = balancerOf(a);
        if (lb == null || lb.listeners().isEmpty() || lb.type() == LoadBalancer.Type.GATEWAY) {
            return true;
        }
        for (LoadBalancer.Listener l : lb.listeners()) {
            if (l.port() == port && carries(l.scheme(), proto)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A load balancer opens connections only to the targets registered in its target groups, each on its own port,
     * over the group's protocol: "each target group routes requests to one or more registered targets ... using the
     * protocol and port number that you specify"; a Lambda group opens none. Where the input does not give a group's
     * targets (or any group, though it gives listeners), the load balancer may open connections on the group's port
     * (any, when that is not given either): only when what the model does not hold is taken to deliver. One of which
     * the input gives neither listeners nor groups opens what its security groups let it.
     *
     * <p>It also health-checks every target it would connect to, over TCP whatever the group's protocol ("The GENEVE,
     * TLS, UDP, and TCP_UDP protocols are not supported for health checks"), from its own address, on the group's
     * {@code HealthCheckPort}: "The default is to use the port on which each target receives traffic from the load
     * balancer", except "If the protocol is GENEVE, the default is port 80". A health check on a port the target gets
     * the group's TCP traffic on is left to that traffic (whose address the target may see is the client's).
     */
    private boolean forwardsTo(Attachment a, Attachment to, Protocol proto, int port, boolean withClientAddress) {
        LoadBalancer lb = balancerOf(a);
        if (lb == null || (lb.targetGroups().isEmpty() && lb.listeners().isEmpty())) {
            return !withClientAddress;
        }
        if (lb.targetGroups().isEmpty()) {
            return !withClientAddress && unmodelledPasses;
        }
        for (LoadBalancer.TargetGroup g : lb.targetGroups()) {
            if (healthChecks(g, to, proto, port, withClientAddress)) {
                return true;
            }
            if (g.targetType() == LoadBalancer.TargetType.LAMBDA || !carries(g.protocol(), proto)) {
                continue;
            }
            if (!g.targetsKnown()) {
                if (!withClientAddress
                        && unmodelledPasses
                        && (g.ports().isEmpty() || g.ports().contains(port))) {
                    return true;
                }
                continue;
            }
            for (LoadBalancer.Target t : g.targets()) {
                if (!t.attachment().equals(to.name())
                        || (t.port() != LoadBalancer.Target.ANY_PORT && t.port() != port)) {
                    continue;
                }
                String state = t.health().state();
                boolean receives =
                        List.of("", "healthy", "initial", "unhealthy").contains(state);
                boolean never =
                        List.of("unused", "draining", "unhealthy.draining").contains(state);
                if (!receives && !never && !withClientAddress && unmodelledPasses) {
                    // A health that cannot tell: it may receive connections, as the load balancer's own.
                    return true;
                }
                if (receives && preserves(lb, g) == withClientAddress) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code g}'s health checks reach {@code to} on {@code port}, as {@link #forwardsTo} states them. */
    private boolean healthChecks(
            LoadBalancer.TargetGroup g, Attachment to, Protocol proto, int port, boolean withClientAddress) {
        if (g.targetType() == LoadBalancer.TargetType.LAMBDA || proto != Protocol.TCP || withClientAddress) {
            return false;
        }
        if (!g.targetsKnown()) {
            List<Integer> trafficPorts = g.ports().isEmpty() ? List.of(LoadBalancer.Target.ANY_PORT) : g.ports();
            return unmodelledPasses && trafficPorts.stream().anyMatch(p -> checkedOn(g, p, port));
        }
        for (LoadBalancer.Target t : g.targets()) {
            boolean tcpTrafficThere = carries(g.protocol(), Protocol.TCP) && t.port() == healthCheckPort(g, t.port());
            if (!t.attachment().equals(to.name()) || tcpTrafficThere || !checkedOn(g, t.port(), port)) {
                continue;
            }
            String state = t.health().state();
            if (List.of("", "healthy", "initial", "unhealthy").contains(state)) {
                return true;
            }
            if (!List.of("unused", "draining", "unhealthy.draining").contains(state) && unmodelledPasses) {
                return true;
            }
        }
        return false;
    }

    /** Whether a target receiving traffic on {@code trafficPort} (-1: any) is health-checked on {@code port}. */
    private static boolean checkedOn(LoadBalancer.TargetGroup g, int trafficPort, int port) {
        int checked = healthCheckPort(g, trafficPort);
        return checked == LoadBalancer.Target.ANY_PORT || checked == port;
    }

    /** The health check port of a target receiving traffic on {@code trafficPort}, as the API reference states it. */
    private static int healthCheckPort(LoadBalancer.TargetGroup g, int trafficPort) {
        return switch (g.healthCheckPort()) {
            case LoadBalancer.HealthCheckPort.PortNumber n -> n.port();
            case LoadBalancer.HealthCheckPort.TrafficPort traffic -> trafficPort;
            case LoadBalancer.HealthCheckPort.NotGiven none ->
                g.protocol() == LoadBalancer.Scheme.GENEVE ? 80 : trafficPort;
        };
    }

    /**
     * Whether a load balancer may open a connection to {@code x} outside the VPC. One whose listeners or target groups
     * the input gives connects only to its registered targets (and health-checks them): an {@code ip} target group's
     * targets may be private addresses outside the VPC ("the RFC 1918 range ... and the RFC 6598 range ... You can't
     * specify publicly routable IP addresses"), which the input does not hold; target groups the input does not hold
     * may be such a group. An Application Load Balancer also connects to the identity provider of an authenticate
     * action, "over HTTPS port 443", and "only IPv4", at any address (the IdP's names "must be publicly resolvable,
     * even if they resolve to private IP addresses"), unless the input gives every listener and rule and none
     * authenticates; where one does, the endpoints are not in the input. Neither is known, so both
     * get through only when what the model does not hold is taken to deliver. An AWS service is neither. Anything
     * else, and a load balancer the input gives nothing about, opens what its groups let it.
     */
    private boolean balancerMayOpen(Attachment a, Protocol proto, long x, int port) {
        LoadBalancer lb = balancerOf(a);
        if (lb == null || (lb.targetGroups().isEmpty() && lb.listeners().isEmpty())) {
            return true;
        }
        if (x > AddressSpace.IPV4_END) {
            return false; // an AWS service's point
        }
        // No identity provider where the input gives every listener and rule and none authenticates.
        boolean identityProvider = lb.type() == LoadBalancer.Type.APPLICATION
                && lb.authentication() != LoadBalancer.Authentication.NONE
                && proto == Protocol.TCP
                && port == 443;
        boolean ipTarget = isPrivateOutside(x)
                && (lb.targetGroups().isEmpty()
                        || lb.targetGroups().stream()
                                .anyMatch(g -> g.targetType() == LoadBalancer.TargetType.IP
                                        && ((carries(g.protocol(), proto)
                                                        && (g.ports().isEmpty()
                                                                || g.ports().contains(port)))
                                                || (proto == Protocol.TCP
                                                        && (g.ports().isEmpty()
                                                                        ? List.of(LoadBalancer.Target.ANY_PORT)
                                                                        : g.ports())
                                                                .stream().anyMatch(p -> checkedOn(g, p, port))))));
        return unmodelledPasses && (identityProvider || ipTarget);
    }

    /**
     * Client IP preservation as the ELB guide states it: a Network Load Balancer's instance and IP groups; always for
     * UDP and TCP_UDP; for TCP and TLS as {@code preserve_client_ip.enabled} says, by default on for instance targets
     * and off for IP targets.
     */
    private static boolean preserves(LoadBalancer lb, LoadBalancer.TargetGroup g) {
        if (lb.type() != LoadBalancer.Type.NETWORK) {
            return false;
        }
        boolean instance = g.targetType() == LoadBalancer.TargetType.INSTANCE;
        if (!instance && g.targetType() != LoadBalancer.TargetType.IP) {
            return false;
        }
        if (g.protocol() == LoadBalancer.Scheme.UDP || g.protocol() == LoadBalancer.Scheme.TCP_UDP) {
            return true;
        }
        return g.preserveClientIp().orElse(instance);
    }

    private static boolean carries(LoadBalancer.Scheme scheme, Protocol proto) {
        if (scheme == LoadBalancer.Scheme.TCP_UDP || scheme == LoadBalancer.Scheme.OTHER) {
            return true;
        }
        boolean udp = scheme == LoadBalancer.Scheme.UDP || scheme == LoadBalancer.Scheme.GENEVE;
        return proto == (udp ? Protocol.UDP : Protocol.TCP);
    }

    private @Nullable LoadBalancer balancerOf(Attachment a) {
        if (a.kind() != Attachment.Kind.LOAD_BALANCER) {
            return null;
        }
        for (LoadBalancer lb : n.loadBalancers()) {
            if (lb.interfaces().contains(a.name())) {
                return lb;
            }
        }
        return null;
    }

    /** NAT gateways forward and Lambda functions' interfaces only carry what the function opens. */
    private static boolean listens(Attachment a) {
        return a.kind() != Attachment.Kind.NAT_GATEWAY && a.kind() != Attachment.Kind.FUNCTION;
    }

    private static IntervalSet addresses(Location l) {
        return switch (l) {
            case Location.Resource r -> r.addresses();
            case Location.Outside o -> o.addresses();
        };
    }

    private List<Long> candidates(IntervalSet set) {
        TreeSet<Long> out = new TreeSet<>();
        for (Interval i : set.intervals()) {
            out.add(i.lo());
            out.addAll(addressCuts.subSet(i.lo(), true, i.hi(), true));
        }
        return List.copyOf(out);
    }

    private static long lo(Cidr c) {
        return c.block().getLower().longValue();
    }

    private static long hi(Cidr c) {
        return c.block().getUpper().longValue();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
