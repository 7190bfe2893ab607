package dev.stackwright.analysis.reach;

import dev.stackwright.model.Attachment;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.DualStack;
import dev.stackwright.model.IpPrefix;
import dev.stackwright.model.LoadBalancer;
import dev.stackwright.model.LongestPrefix;
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
import dev.stackwright.model.TransitGateways;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates flows hop by hop over one network, as AWS forwards packets: the source's security group (egress), its
 * subnet's network ACL (outbound), its route table (longest prefix match), then NAT, the internet gateway or the
 * destination's network ACL (inbound) and security group (ingress), and for the stateless components (network ACLs
 * and routes) the replies too.
 *
 * <p>Each hop filters a {@link PacketSet}: the set of request packets (source address and port, destination address
 * and port) still alive. A flow is reachable exactly when some packet survives every hop; ports and addresses the
 * caller leaves open (the client's ephemeral port, a NAT's port, which address of a subnet or range) are chosen
 * existentially, so "reachable" means some connection can succeed. When a hop admits nothing, it is reported and the
 * evaluation goes on with the packets it was given, so every component that blocks on its own is found, not just the
 * first.
 *
 * <p>Assumptions, stated once: public addresses arrive only through the internet gateway and private addresses from
 * outside the VPC only through a peering or transit gateway route of the destination's subnet (replies must leave the
 * way requests came in); peering and transit gateways are followed to the VPC's edge, not beyond; NAT instances have
 * source/destination checking off; AWS services are points only their prefix lists and {@code 0.0.0.0/0} cover.
 */
public final class Reachability {
    /**
     * The ports clients and NAT devices pick for their side of a connection: the widest range AWS lists (NAT gateways,
     * load balancers and Lambda use all of it): https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html
     */
    public static final Interval EPHEMERAL = new Interval(PortRange.EPHEMERAL.from(), PortRange.EPHEMERAL.to());

    static final Interval ALL_PORTS = new Interval(0, 65535);

    /** Every port as a set: the answer for most interfaces, asked for every connection, so made once. */
    static final IntervalSet EVERY_PORT = IntervalSet.of(ALL_PORTS);

    /** How a hop says a Network Load Balancer's target sees its clients' addresses (client IP preservation). */
    public static final String CLIENT_ADDRESS = "the client's address";

    private final Network network;
    private final AddressSpace space;
    private final Box full;

    // Lookups by name, first match winning as in Network's own finders, so large imported networks stay fast.
    private final Map<String, Subnet> subnetsByName = new HashMap<>();
    private final Map<String, SecurityGroup> groupsByName = new HashMap<>();
    private final Map<String, RouteTable> tablesBySubnet = new HashMap<>();
    private final Map<String, NetworkAcl> aclsBySubnet = new HashMap<>();
    private final Map<String, Nat> natsByName = new HashMap<>();
    private final Map<String, Attachment> natDevices = new HashMap<>();
    private final Map<String, LoadBalancer> loadBalancersByInterface = new HashMap<>();
    /** Per attachment, the target groups it is registered in and on which port ("lb/group:port"), sorted. */
    private final Map<String, List<String>> registrations = new HashMap<>();
    /** A dual-stack network's security group rules on IPv6 blocks, by group name and "/in" or "/out". */
    private final Map<String, List<DualStack.Ipv6Rule>> rules6ByGroup = new HashMap<>();

    /** What the input says of transit gateways; without it, one is followed to the VPC's edge and no further. */
    private final TransitGateways transit;

    /** Whether some rule names another VPC's group, which a blocked security group hop then looks at again. */
    private final boolean otherVpcRules;

    /** Whether some attachment names a security group the input does not hold ({@link #missingGroups}). */
    private final boolean missingGroups;

    /** Whether the input leaves out the route tables, or the network ACLs ({@link Network#omits}): read once here. */
    private final boolean routesOmitted;

    private final boolean aclsOmitted;

    public Reachability(Network network) {
        this(network, TransitGateways.NONE);
    }

    public Reachability(Network network, TransitGateways transit) {
        this.network = network;
        this.transit = transit;
        this.space = new AddressSpace(network, transit);
        this.full = new Box(space.all(), ALL_PORTS, space.all(), ALL_PORTS);
        network.subnets().forEach(s -> subnetsByName.putIfAbsent(s.name(), s));
        network.securityGroups().forEach(g -> groupsByName.putIfAbsent(g.name(), g));
        routesOmitted = network.omits(Network.Omitted.ROUTE_TABLES);
        aclsOmitted = network.omits(Network.Omitted.NETWORK_ACLS);
        network.routeTables()
                .forEach(t ->
                        t.subnetNames().forEach(s -> tablesBySubnet.putIfAbsent(s, routesOmitted ? unknown(t) : t)));
        network.networkAcls().forEach(a -> a.subnetNames().forEach(s -> aclsBySubnet.putIfAbsent(s, a)));
        network.nats().forEach(n -> natsByName.putIfAbsent(n.name(), n));
        network.attachments().stream()
                .filter(a -> a.kind() == Attachment.Kind.NAT_INSTANCE || a.kind() == Attachment.Kind.NAT_GATEWAY)
                .forEach(a -> natDevices.putIfAbsent(a.name(), a));
        network.loadBalancers()
                .forEach(lb -> lb.interfaces().forEach(i -> loadBalancersByInterface.putIfAbsent(i, lb)));
        for (LoadBalancer lb : network.loadBalancers()) {
            for (LoadBalancer.TargetGroup g : lb.targetGroups()) {
                g.targets()
                        .forEach(t -> registrations
                                .computeIfAbsent(t.attachment(), k -> new ArrayList<>())
                                .add(lb.name() + "/" + g.name() + ":" + t.port()
                                        + (t.health().receives() == LoadBalancer.Receives.YES
                                                ? ""
                                                : " " + t.health().describe())));
            }
        }
        registrations.replaceAll((k, v) -> v.stream().sorted().distinct().toList());
        otherVpcRules = network.securityGroups().stream()
                .flatMap(SecurityGroup::rules)
                .anyMatch(r -> r.peer() instanceof Peer.OtherVpcGroup);
        missingGroups = network.attachments().stream()
                .anyMatch(a -> a.securityGroupNames().stream().anyMatch(n -> !groupsByName.containsKey(n)));
        network.ipv6()
                .ifPresent(d -> d.rules()
                        .forEach(r -> rules6ByGroup
                                .computeIfAbsent(r.groupName() + (r.egress() ? "/out" : "/in"), k -> new ArrayList<>())
                                .add(r)));
    }

    /**
     * What a load balancer does towards one attachment: the destination ports it opens connections to it on, for
     * sure, from its own address ({@code byBalancer}) or with the client's ({@code byClient}: a Network Load
     * Balancer's target group that preserves the client's address), and those it may (a target group whose targets
     * the input does not give, or a target whose health is unavailable: whether it gets connections cannot be told,
     * so neither can the flow). Health checks come from its own address; {@code healthChecksOnly} holds the ports,
     * among the others, on which it opens health checks and no traffic (a group's health check port of its own).
     */
    public record Forwarding(
            IntervalSet byBalancer, IntervalSet byClient, IntervalSet unknown, IntervalSet healthChecksOnly) {
        /** Every port it forwards to the attachment on, whichever address the attachment sees. */
        public IntervalSet registered() {
            return byBalancer.union(byClient);
        }
    }

    /** What anything but a load balancer does: the same answer for every pair, asked for every connection. */
    private static final Forwarding ANY_FORWARDING =
            new Forwarding(EVERY_PORT, IntervalSet.empty(), IntervalSet.empty(), IntervalSet.empty());

    /**
     * Where {@code from} opens connections to {@code to} over {@code protocol}. A load balancer forwards only to the
     * targets registered in its target groups, on the group's port or a target's own ("You register targets with a
     * target group ... each target group routes requests to one or more registered targets ... using the protocol and
     * port number that you specify":
     * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html), and
     * health-checks them from its own address on the group's health check port ("You must ensure that your load
     * balancer can communicate with registered targets on both the listener port and the health check port":
     * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html),
     * as {@link LoadBalancer.TargetGroup#opens} says; a Lambda target group connects to nothing (the function is
     * invoked). Anything else, and a load balancer of which the input gives neither listeners nor target groups, may
     * open connections on every port.
     */
    public Forwarding forwarding(Attachment from, Attachment to, Protocol protocol) {
        Optional<LoadBalancer> lb = loadBalancerOf(from).filter(Reachability::forwardingKnown);
        if (lb.isEmpty()) {
            // Nothing but its interfaces in the input (a snapshot without the elbv2 outputs): its groups decide, as
            // they decide what it accepts.
            return ANY_FORWARDING;
        }
        if (lb.get().forwardsNowhere()) {
            // Every listener and rule is in the input, and each answers with a fixed response or a redirect.
            return new Forwarding(IntervalSet.empty(), IntervalSet.empty(), IntervalSet.empty(), IntervalSet.empty());
        }
        if (lb.get().targetGroups().isEmpty()) {
            // Its listeners forward to target groups the input does not hold (another stack's, say).
            return new Forwarding(IntervalSet.empty(), IntervalSet.empty(), EVERY_PORT, IntervalSet.empty());
        }
        List<Interval> byBalancer = new ArrayList<>();
        List<Interval> byClient = new ArrayList<>();
        List<Interval> unknown = new ArrayList<>();
        List<Interval> traffic = new ArrayList<>();
        List<Interval> healthChecks = new ArrayList<>();
        for (LoadBalancer.TargetGroup g : lb.get().targetGroups()) {
            if (!g.targetsKnown()) {
                for (LoadBalancer.Opening o : g.opensOver(protocol)) {
                    unknown.add(portsOf(o));
                    (o.purpose() == LoadBalancer.Purpose.TRAFFIC ? traffic : healthChecks).add(portsOf(o));
                }
                continue;
            }
            boolean preserves = lb.get().preservesClientIp(g);
            for (LoadBalancer.Target t : g.targets()) {
                if (!t.attachment().equals(to.name())) {
                    continue;
                }
                List<LoadBalancer.Opening> opens = g.opens(t.port());
                for (LoadBalancer.Opening o : opens) {
                    // A health check on a port the target gets the group's traffic on over TCP is answered by that
                    // traffic: the flow's question is the traffic's (and, preserved, its clients').
                    if (o.transport() != protocol || o.healthCheckOnTrafficPort(opens)) {
                        continue;
                    }
                    Interval port = portsOf(o);
                    boolean isTraffic = o.purpose() == LoadBalancer.Purpose.TRAFFIC;
                    // A health check comes from the load balancer's own address, whatever the group preserves.
                    switch (t.health().receives()) {
                        case YES -> (isTraffic && preserves ? byClient : byBalancer).add(port);
                        case UNKNOWN -> unknown.add(port);
                        case NO -> {}
                    }
                    (isTraffic ? traffic : healthChecks).add(port);
                }
            }
        }
        if (lb.get().otherGroups()) {
            // A rule the input lacks may forward to another group, with this attachment in it on any port.
            unknown.add(ALL_PORTS);
        }
        IntervalSet registered = IntervalSet.of(byBalancer).union(IntervalSet.of(byClient));
        return new Forwarding(
                IntervalSet.of(byBalancer),
                IntervalSet.of(byClient),
                IntervalSet.of(unknown).minus(registered),
                IntervalSet.of(healthChecks).minus(IntervalSet.of(traffic)));
    }

    /** The ports of one opening: {@link LoadBalancer.Target#ANY_PORT} is every port. */
    private static Interval portsOf(LoadBalancer.Opening o) {
        return o.port() == LoadBalancer.Target.ANY_PORT ? ALL_PORTS : Interval.of(o.port());
    }

    /**
     * The registrations of {@code to} in {@code lb}'s target groups whose health answers {@code receives}
     * ({@link LoadBalancer.Health#receives}: no new connections, or cannot tell), each as "draining
     * (Target.DeregistrationInProgress) in target group web".
     */
    private static List<String> registrationsWhere(LoadBalancer lb, Attachment to, LoadBalancer.Receives receives) {
        List<String> out = new ArrayList<>();
        for (LoadBalancer.TargetGroup g : lb.targetGroups()) {
            for (LoadBalancer.Target t : g.targets()) {
                if (t.attachment().equals(to.name()) && t.health().receives() == receives) {
                    out.add(t.health().describe() + " in target group " + g.name());
                }
            }
        }
        return out.stream().distinct().toList();
    }

    /**
     * Who may be the client of a load balancer, as its targets see them when it preserves the client's address: any
     * IPv4 address for an internet-facing one; for an internal one, addresses of the VPC and private addresses
     * outside it (a peered VPC, a transit gateway, a VPN): the internet cannot address it.
     */
    IntervalSet clients(LoadBalancer lb) {
        IntervalSet v4 = AddressSpace.EVERY_IPV4;
        return lb.internetFacing()
                ? v4
                : v4.intersect(IntervalSet.of(space.vpc()).union(space.privateOutside()));
    }

    /**
     * Where a load balancer may open connections outside the VPC, besides nowhere: one part of addresses and ports,
     * and what the model does not hold there, so that every connection it allows is cannot tell.
     *
     * @param what  the part's connections in words, for the hop and the blocker: "an identity provider on tcp 443"
     * @param unmodelled what the model does not hold, as cannot tell says it ("... not modelled")
     */
    record Beyond(IntervalSet addresses, IntervalSet ports, String what, String unmodelled) {}

    /**
     * What a load balancer whose forwarding the input gives ({@link #forwardingKnown}) may open connections to outside
     * the VPC over {@code protocol}; nothing else outside it, and only {@link #forwarding}'s ports to attachments in it.
     * It opens connections to its registered targets, for requests and health checks ("You must ensure that your load
     * balancer can communicate with registered targets on both the listener port and the health check port", and the
     * recommended outbound rules are to the "instance security group" on the "instance listener" and "health check"
     * ports: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html).
     * Outside the VPC that leaves two things, neither of which the input holds, so both are cannot tell:
     *
     * <ul>
     *   <li>an Application Load Balancer's identity provider, over HTTPS and IPv4: a listener rule's authenticate
     *       action sends users to "an identity provider (IdP) that is OpenID Connect (OIDC) compliant" or an Amazon
     *       Cognito user pool (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-authenticate-users.html),
     *       and "The load balancer must be able to communicate with the IdP token endpoint (TokenEndpoint) and the IdP
     *       user info endpoint (UserInfoEndpoint). Application Load Balancers support only IPv4 when the load
     *       balancers communicate with these endpoints", with "an outbound rule to the load balancer security group
     *       that allows traffic to the IdP endpoints over HTTPS port 443"
     *       (https://repost.aws/knowledge-center/elb-configure-authentication-alb). Its endpoints may "resolve to
     *       private IP addresses", so any IPv4 address outside the VPC. Where the input gives every listener and rule
     *       and none authenticates, there is none ({@link LoadBalancer.Authentication#NONE}); where one does, where
     *       the endpoints are is not in the input; where the rules are not all given, whether one does is not;</li>
     *   <li>targets registered by IP address outside the VPC, which the model does not hold: an {@code ip} group's
     *       targets may be addresses "from the subnets of the virtual private cloud (VPC) for the target group, the
     *       RFC 1918 range (10.0.0.0/8, 172.16.0.0/12, and 192.168.0.0/16), and the RFC 6598 range (100.64.0.0/10).
     *       You can't specify publicly routable IP addresses"
     *       (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html): so
     *       private IPv4 addresses outside the VPC, on the group's ports. An {@code instance} or {@code alb} group's targets
     *       are in the VPC; a Lambda group's are invoked. Target groups the input does not hold may be of any kind.</li>
     * </ul>
     *
     * A Network or Gateway Load Balancer has no authenticate action, and no load balancer opens connections to an AWS
     * service through a gateway endpoint (its address is no IdP's and no target's).
     */
    List<Beyond> beyondTheVpc(LoadBalancer lb, Protocol protocol) {
        List<Beyond> out = new ArrayList<>();
        IntervalSet v4 = AddressSpace.EVERY_IPV4;
        if (lb.type() == LoadBalancer.Type.APPLICATION
                && protocol == Protocol.TCP
                && lb.authentication() != LoadBalancer.Authentication.NONE) {
            out.add(new Beyond(
                    v4.minus(IntervalSet.of(space.vpc())),
                    IntervalSet.of(Interval.of(443)),
                    "an identity provider on tcp 443 over IPv4",
                    lb.authentication() == LoadBalancer.Authentication.SOME
                            ? "the endpoints of the identity provider that " + lb.name()
                                    + "'s authenticate action connects to"
                            : "the listener rules of " + lb.name()
                                    + " (an authenticate action connects to an identity provider)"));
        }
        List<Interval> ports = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (LoadBalancer.TargetGroup g : lb.targetGroups()) {
            List<LoadBalancer.Opening> opens = g.opensOver(protocol);
            if (g.targetType() == LoadBalancer.TargetType.IP && !opens.isEmpty()) {
                groups.add(g.name());
                opens.forEach(o -> ports.add(portsOf(o)));
            }
        }
        if (lb.otherGroups() || (lb.targetGroups().isEmpty() && !lb.forwardsNowhere())) {
            ports.add(ALL_PORTS);
        }
        if (!ports.isEmpty()) {
            IntervalSet at = IntervalSet.of(ports);
            out.add(new Beyond(
                    space.privateOutside().intersect(v4),
                    at,
                    "targets registered by IP address outside the VPC on " + ports(protocol, at),
                    groups.isEmpty()
                            ? "what " + lb.name() + " forwards to"
                            : "the targets of target group" + (groups.size() == 1 ? " " : "s ")
                                    + String.join(", ", groups) + " outside the VPC"));
        }
        return out;
    }

    /**
     * Whether {@link #forwarding} from {@code a} can ever give its targets the clients' addresses: a load balancer
     * whose forwarding is known with a target group that preserves them. {@link Connections} asks this once per load
     * balancer rather than asking {@code forwarding} for every destination.
     */
    boolean mayForwardByClient(Attachment a) {
        return loadBalancerOf(a)
                .filter(Reachability::forwardingKnown)
                .filter(lb -> lb.targetGroups().stream().anyMatch(lb::preservesClientIp))
                .isPresent();
    }

    /**
     * Whether connections to and from {@code a} are decided by its security groups alone: it accepts on every port
     * ({@link #listening}) and may open connections anywhere ({@link #forwarding}), as anything but a load balancer
     * whose listeners or target groups the input gives.
     */
    boolean decidedByGroups(Attachment a) {
        return loadBalancerOf(a).filter(Reachability::forwardingKnown).isEmpty();
    }

    /** Whether the input says anything of what a load balancer forwards to: its target groups, or its listeners. */
    private static boolean forwardingKnown(LoadBalancer lb) {
        return !lb.targetGroups().isEmpty() || lb.listenersKnown();
    }

    /** Whether {@code to} is registered in a target group of {@code from}'s load balancer, on any port or protocol. */
    private boolean registeredTarget(LoadBalancer from, Attachment to) {
        return from.targetGroups().stream()
                .anyMatch(g -> g.targets().stream().anyMatch(t -> t.attachment().equals(to.name())));
    }

    /**
     * Every port a load balancer's target groups open over {@code protocol} (traffic and health checks), whoever their
     * targets are.
     */
    private static IntervalSet groupPorts(LoadBalancer lb, Protocol protocol) {
        return IntervalSet.of(lb.targetGroups().stream()
                .flatMap(g -> g.opensOver(protocol).stream())
                .map(Reachability::portsOf)
                .toList());
    }

    /** The target groups {@code a} is registered in, each as "load balancer/group:port", sorted; empty for none. */
    List<String> registrations(Attachment a) {
        return registrations.getOrDefault(a.name(), List.of());
    }

    /** The load balancer whose interface {@code a} is, if the network says. */
    public Optional<LoadBalancer> loadBalancerOf(Attachment a) {
        return a.kind() == Attachment.Kind.LOAD_BALANCER
                ? Optional.ofNullable(loadBalancersByInterface.get(a.name()))
                : Optional.empty();
    }

    /**
     * The destination ports {@code a} accepts connections on over {@code protocol}, whatever its groups say: a load
     * balancer only its listeners' (a listener "checks for connection requests using the protocol and port you
     * configure": https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html);
     * anything else, and a load balancer whose listeners the input does not give, every port. A gateway load balancer
     * takes every packet its route tables send it, so it has no ports of its own either.
     */
    public IntervalSet listening(Attachment a, Protocol protocol) {
        Optional<LoadBalancer> lb = loadBalancerOf(a);
        if (lb.isEmpty() || !lb.get().listenersKnown() || lb.get().type() == LoadBalancer.Type.GATEWAY) {
            return EVERY_PORT;
        }
        return IntervalSet.of(lb.get().listenerPorts(protocol).stream()
                .map(port -> Interval.of(port))
                .toList());
    }

    /**
     * The request packets from anywhere in {@code from} to anywhere in {@code to} (client ports ephemeral, any
     * destination port) that the two subnets' network ACLs and routes let through, both ways: the hops of a flow
     * between two attachments other than their security groups. Every hop keeps the packets in a fixed region, so
     * each subnet's part is worked out once and the pair's is their overlap. {@link Connections} adds the groups.
     */
    PacketSet betweenSubnets(Subnet from, Subnet to, Protocol protocol) {
        PacketSet initial = initial(
                IntervalSet.of(AddressSpace.ipv4(from.cidr())),
                IntervalSet.of(AddressSpace.ipv4(to.cidr())),
                PortRange.ALL);
        if (from.equals(to)) {
            return initial;
        }
        return initial.intersect(subnetRegion(from, protocol, true)).intersect(subnetRegion(to, protocol, false));
    }

    private final Map<List<Object>, PacketSet> regions = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * What a subnet's own hops let through of flows to another subnet of the VPC, as {@link #inside} applies them: as
     * the source's subnet, its ACL's outbound entries (destination and port), the local route, and its inbound
     * entries for the replies (destination and client port); as the destination's, its inbound entries (source and
     * port), its outbound entries for the replies (source and client port), and the local route back.
     */
    private PacketSet subnetRegion(Subnet subnet, Protocol protocol, boolean source) {
        return regions.computeIfAbsent(List.of(subnet.name(), protocol, source), k -> {
            Optional<NetworkAcl> acl = Optional.ofNullable(aclsBySubnet.get(subnet.name()));
            Dim remote = source ? Dim.DST : Dim.SRC;
            PacketSet region = PacketSet.of(full);
            region = aclFilter(acl, source, remote, Dim.DPORT, protocol, region, false)
                    .admitted();
            region = aclFilter(acl, !source, remote, Dim.SPORT, protocol, region, false)
                    .admitted();
            PacketSet local = PacketSet.empty();
            for (RoutePart part : routes(routeTableOf(subnet), remote, region)) {
                if (part.route() != null && part.route().target() instanceof RouteTarget.Local) {
                    local = local.union(part.packets());
                }
            }
            return local;
        });
    }

    /** The subnet of this name, as {@link Network#subnet} finds it. */
    public Optional<Subnet> subnet(String name) {
        return Optional.ofNullable(subnetsByName.get(name));
    }

    public Network network() {
        return network;
    }

    /** The input's transit gateways this engine follows ({@link TransitGateways#NONE} when it was given none). */
    public TransitGateways transit() {
        return transit;
    }

    public AddressSpace space() {
        return space;
    }

    /** An attachment as the end of a flow, anywhere in its subnet; empty if its subnet is not in the network. */
    public Optional<Location.Resource> locate(Attachment attachment) {
        return subnet(attachment.subnetName())
                .map(s -> new Location.Resource(attachment, s, space.interfaceAddresses(attachment, s)));
    }

    /** Whether {@code from} can open a connection to {@code to} on one port (no explanation is built). */
    public boolean reaches(Location from, Location to, Protocol protocol, int port) {
        return evaluate(new Flow(from, to, protocol, PortRange.of(port)), false).reachable();
    }

    /**
     * Answers one flow.
     *
     * @throws IllegalArgumentException when both ends are outside the VPC, or both are the same attachment
     */
    public Answer evaluate(Flow flow) {
        return evaluate(flow, true);
    }

    /**
     * The request packets of a flow that get through, as {@link #evaluate} finds them but without recording hops,
     * rules or blockers: for reports that ask many flows and need only what passes. Same packets as
     * {@code evaluate(flow).admitted()}.
     */
    public PacketSet admitted(Flow flow) {
        return evaluate(flow, false).admitted();
    }

    /**
     * Answers one flow; without {@code explain}, branches carry only their way and admitted packets (no hops), and
     * a way stops at the first hop that admits nothing.
     */
    Answer evaluate(Flow flow, boolean explain) {
        // An IPv4-only network meets IPv6 addresses only as the other end of a flow between VPCs.
        if (space.dualStack() || ipv6In(addressesOf(flow.source())) || ipv6In(addressesOf(flow.destination()))) {
            Optional<List<Branch>> none = noCommonFamily(flow);
            if (none.isPresent()) {
                return new Answer(flow, none.get());
            }
        }
        return switch (flow.source()) {
            case Location.Resource s ->
                switch (flow.destination()) {
                    case Location.Resource d -> new Answer(flow, inside(flow, s, d, explain));
                    case Location.Outside d -> new Answer(flow, outbound(flow, s, d, explain, true));
                };
            case Location.Outside s ->
                switch (flow.destination()) {
                    case Location.Resource d -> new Answer(flow, inbound(flow, s, d, explain));
                    case Location.Outside d ->
                        throw new IllegalArgumentException(
                                "neither " + s.name() + " nor " + d.name() + " is inside the VPC");
                };
        };
    }

    /**
     * The ways out of an outbound flow to a place outside the VPC, as if the source's security groups let everything
     * out; {@link #egressAdmits} is what they do let out. Every hop only narrows the packets, and egress rules
     * constrain only destinations and ports (which a NAT keeps), so the flow's admitted and undecided packets on each
     * way are that way's intersected with what the groups let out. The ways depend on the source through its subnet,
     * its public address and, through a NAT instance (whose ingress rules may name the sender's groups), those of its
     * groups the instance's rules name: Exposure asks the ways once per such key (EgressKeys) and the groups once per
     * set of egress rules; ExposurePropertiesTest holds the result to whole answers.
     */
    List<Branch> waysOut(Flow flow) {
        if (!(flow.source() instanceof Location.Resource s) || !(flow.destination() instanceof Location.Outside d)) {
            throw new IllegalArgumentException("not a flow from inside the VPC to outside it");
        }
        if (space.dualStack()) {
            Optional<List<Branch>> none = noCommonFamily(flow);
            if (none.isPresent()) {
                return none.get();
            }
        }
        return outbound(flow, s, d, false, false);
    }

    /** The packets of an outbound flow to a place outside the VPC that its source's security groups let out. */
    PacketSet egressAdmits(Flow flow) {
        if (!(flow.source() instanceof Location.Resource s) || !(flow.destination() instanceof Location.Outside d)) {
            throw new IllegalArgumentException("not a flow from inside the VPC to outside it");
        }
        PacketSet all = initial(s.addresses(), d.addresses(), flow.ports());
        return groupFilter(s, groupsOf(s.attachment()), false, d, Dim.DST, flow.protocol(), all, false)
                .admitted();
    }

    /**
     * The packets of an outbound flow that security groups of its source missing from the input may let out beyond
     * {@code known} (what {@link #egressAdmits} says the known groups do): empty when none is missing.
     */
    PacketSet egressUntold(Flow flow, PacketSet known) {
        if (!(flow.source() instanceof Location.Resource s) || !(flow.destination() instanceof Location.Outside d)) {
            throw new IllegalArgumentException("not a flow from inside the VPC to outside it");
        }
        List<String> missing = missingGroups(s.attachment());
        return missing.isEmpty()
                ? PacketSet.empty()
                : untoldByGroups(missing, initial(s.addresses(), d.addresses(), flow.ports()), known);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The three shapes of flow.

    private List<Branch> inside(Flow flow, Location.Resource s, Location.Resource d, boolean explain) {
        if (s.attachment().equals(d.attachment())) {
            throw new IllegalArgumentException(s.name() + " is both the source and the destination");
        }
        Chain c = new Chain(initial(s.addresses(), d.addresses(), flow.ports()), "", explain);
        source(c, s);
        targetGroups(c, s, d, flow.protocol());
        Optional<LoadBalancer> nlb = loadBalancerOf(s.attachment())
                .filter(Reachability::forwardingKnown)
                .filter(lb -> lb.type() == LoadBalancer.Type.NETWORK);
        if (nlb.isEmpty() || c.blockers() > 0) {
            return insideOnward(flow, c, s, d);
        }
        // A Network Load Balancer's target sees the client's address or the load balancer's, by target group: each
        // is its own way, and says which.
        LoadBalancer lb = nlb.get();
        Forwarding f = forwarding(s.attachment(), d.attachment(), flow.protocol());
        PacketSet byClient = c.current.restrict(Dim.DPORT, f.byClient());
        PacketSet byBalancer = c.current.restrict(Dim.DPORT, f.byBalancer().union(f.unknown()));
        List<Branch> out = new ArrayList<>();
        String component = "address " + d.name() + " sees";
        if (!byBalancer.isEmpty() || byClient.isEmpty()) {
            Chain own = c.fork(byBalancer.isEmpty() ? c.current : byBalancer, c.via);
            String off = groupsNamed(lb, d.attachment(), false);
            // Only preserving groups send it here: what comes from the load balancer's own address is their health
            // checks on a port of their own, which client IP preservation leaves alone.
            String why = off.isEmpty() && !byBalancer.isEmpty()
                    ? "the health checks" + groupsNamed(lb, d.attachment(), true) + " come from it"
                    : "client IP preservation is off" + off;
            own.apply(Hop.Direction.OUT, component, in -> all(in, lb.name() + "'s own address: " + why), in -> null);
            out.addAll(insideOnward(flow, own, s, d));
        }
        if (!byClient.isEmpty()) {
            Chain client = c.fork(
                    byClient.keep(EnumSet.of(Dim.SPORT, Dim.DST, Dim.DPORT), full)
                            .restrict(Dim.SRC, clients(lb)),
                    c.via);
            client.clientsOf = lb.name();
            client.apply(
                    Hop.Direction.OUT,
                    component,
                    in -> all(
                            in,
                            CLIENT_ADDRESS + ": client IP preservation is on" + groupsNamed(lb, d.attachment(), true)
                                    + ", so its group, its subnet's network ACL and the replies are checked against"
                                    + " the clients of " + lb.name()),
                    in -> null);
            out.addAll(insideOnward(flow, client, s, d));
        }
        return out;
    }

    /** " for target group web", " for target groups a, b": the groups of {@code lb} that forward to {@code to}. */
    private static String groupsNamed(LoadBalancer lb, Attachment to, boolean preserving) {
        List<String> names = lb.targetGroups().stream()
                .filter(g -> lb.preservesClientIp(g) == preserving)
                .filter(g -> g.targets().stream().anyMatch(t -> t.attachment().equals(to.name())))
                .map(LoadBalancer.TargetGroup::name)
                .distinct()
                .toList();
        return names.isEmpty() ? "" : " for target group" + (names.size() == 1 ? " " : "s ") + String.join(", ", names);
    }

    /** A flow between two attachments after the source's own hops: the rest of the way, and the way back. */
    private List<Branch> insideOnward(Flow flow, Chain c, Location.Resource s, Location.Resource d) {
        securityGroups(c, s, false, d, flow.protocol());
        if (s.subnet().equals(d.subnet())) {
            // Network ACLs filter traffic entering and leaving a subnet, not within it:
            // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
            c.via = "within subnet " + s.subnet().name() + " (no route or network ACL applies)";
            securityGroups(c, d, true, s, flow.protocol());
            target(c, d, flow.protocol());
            return List.of(c.finish());
        }
        networkAcl(c, Hop.Direction.OUT, s.subnet(), true, Dim.DST, Dim.DPORT, flow.protocol());
        RouteTable table = routeTableOf(s.subnet());
        List<Branch> out = new ArrayList<>();
        for (RoutePart part : routes(table, Dim.DST, c.current)) {
            Chain b = c.fork(part.packets(), via(part));
            RouteTarget target = part.route() == null ? null : part.route().target();
            // A route to a target the model does not hold (a middlebox, a dangling ID) may still deliver: the rest of
            // the way is evaluated as if it did, and the answer cannot be more than "cannot tell".
            boolean local = target instanceof RouteTarget.Local || target instanceof RouteTarget.Unresolved;
            b.apply(
                    Hop.Direction.OUT,
                    "route table " + table.name(),
                    in -> local ? all(in, label(part)) : none(),
                    in -> part.route() == null
                            ? noRoute(table, in)
                            : new Blocker(
                                    "route-diverted",
                                    "route table " + table.name(),
                                    "route table " + table.name()
                                            + " sends " + space.describe(in.project(Dim.DST)) + " to "
                                            + targetText(part)
                                            + " instead of delivering it inside the VPC"));
            if (target instanceof RouteTarget.Unresolved u) {
                b.unmodelled(Hop.Direction.OUT, u.description(), u.description());
            }
            networkAcl(b, Hop.Direction.OUT, d.subnet(), false, Dim.SRC, Dim.DPORT, flow.protocol());
            securityGroups(b, d, true, s, flow.protocol());
            target(b, d, flow.protocol());
            networkAcl(b, Hop.Direction.BACK, d.subnet(), true, Dim.SRC, Dim.SPORT, flow.protocol());
            if (b.clientsOf.isEmpty()) {
                returnRoute(b, d.subnet(), t -> t instanceof RouteTarget.Local, "the local route");
            } else {
                // AWS documents no route the target needs back to a client whose address it sees: the load
                // balancer, which tracks the connection, is taken to carry the replies.
                String lbName = b.clientsOf;
                b.apply(
                        Hop.Direction.BACK,
                        "replies to the clients",
                        in -> all(in, "return through " + lbName + ", which tracks the connection"),
                        in -> null);
            }
            networkAcl(b, Hop.Direction.BACK, s.subnet(), false, Dim.DST, Dim.SPORT, flow.protocol());
            out.add(b.finish());
        }
        return out;
    }

    private List<Branch> outbound(
            Flow flow, Location.Resource s, Location.Outside d, boolean explain, boolean withGroups) {
        Chain c = new Chain(initial(s.addresses(), d.addresses(), flow.ports()), "", explain);
        source(c, s);
        balancerBeyondTheVpc(c, s, flow.protocol());
        if (withGroups) {
            securityGroups(c, s, false, d, flow.protocol());
        }
        networkAcl(c, Hop.Direction.OUT, s.subnet(), true, Dim.DST, Dim.DPORT, flow.protocol());
        RouteTable table = routeTableOf(s.subnet());
        List<Branch> out = new ArrayList<>();
        for (RoutePart part : routes(table, Dim.DST, c.current)) {
            Chain b = c.fork(part.packets(), via(part));
            String component = "route table " + table.name();
            if (part.route() == null) {
                b.apply(Hop.Direction.OUT, component, in -> none(), in -> noRoute(table, in));
                out.add(b.finish());
                continue;
            }
            RouteTarget target = part.route().target();
            boolean leaves = !(target instanceof RouteTarget.Local);
            b.apply(
                    Hop.Direction.OUT,
                    component,
                    in -> leaves ? all(in, label(part)) : none(),
                    in -> new Blocker(
                            "route-diverted",
                            component,
                            "route table " + table.name() + " delivers " + space.describe(in.project(Dim.DST))
                                    + " inside the VPC, where nothing holds those addresses"));
            switch (target) {
                case RouteTarget.Local l -> out.add(b.finish());
                case RouteTarget.Unresolved u -> {
                    b.unmodelled(Hop.Direction.OUT, u.description(), u.description());
                    networkAcl(b, Hop.Direction.BACK, s.subnet(), false, Dim.DST, Dim.SPORT, flow.protocol());
                    out.add(b.finish());
                }
                case RouteTarget.InternetGateway g -> {
                    if (part.v6() != null) {
                        internetGateway6(b, part.v6());
                    } else {
                        internetGateway(b, s.attachment());
                    }
                    networkAcl(b, Hop.Direction.BACK, s.subnet(), false, Dim.DST, Dim.SPORT, flow.protocol());
                    out.add(b.finish());
                }
                case RouteTarget.NatInstance n -> out.addAll(viaNat(flow, b, s, d, n.natName()));
                case RouteTarget.NatGateway n -> out.addAll(viaNat(flow, b, s, d, n.natName()));
                case RouteTarget.GatewayEndpoint e -> {
                    // The route only matches the service's prefix list, so every packet here is for that service:
                    // https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html
                    b.apply(
                            Hop.Direction.OUT,
                            e.service() + " gateway endpoint",
                            in -> all(in, "delivers to " + e.service() + " without leaving the AWS network"),
                            in -> null);
                    networkAcl(b, Hop.Direction.BACK, s.subnet(), false, Dim.DST, Dim.SPORT, flow.protocol());
                    out.add(b.finish());
                }
                case RouteTarget.Peering p -> {
                    overPeering(b, d, p);
                    networkAcl(b, Hop.Direction.BACK, s.subnet(), false, Dim.DST, Dim.SPORT, flow.protocol());
                    out.add(b.finish());
                }
                case RouteTarget.TransitGateway t -> {
                    for (Chain w : transitGateway(b, t, s.subnet(), d)) {
                        networkAcl(w, Hop.Direction.BACK, s.subnet(), false, Dim.DST, Dim.SPORT, flow.protocol());
                        out.add(w.finish());
                    }
                }
            }
        }
        return out;
    }

    private List<Branch> inbound(Flow flow, Location.Outside s, Location.Resource d, boolean explain) {
        List<Branch> out = new ArrayList<>();
        IntervalSet fromInternet = s.addresses().intersect(space.internet4());
        // Private IPv4 addresses outside the VPC, and IPv6 blocks its tables route to a peering connection or transit
        // gateway, can only come in by one.
        IntervalSet fromPrivate = s.addresses().intersect(space.privateOutside().union(linked6()));
        IntervalSet fromInternet6 = s.addresses().intersect(space.internet6());
        if (s.internet()) {
            // Another VPC's IPv6 block is global unicast, but it is that VPC's, not the internet's: the internet as a
            // source leaves it out, as the internet as a destination does (intoAnotherVpc).
            fromPrivate = fromPrivate.minus(otherVpcs6());
            fromInternet6 = fromInternet6.minus(otherVpcs6());
        }
        boolean v4 =
                !d.addresses().intersect(new Interval(0, AddressSpace.IPV4_END)).isEmpty();
        if (!fromInternet.isEmpty() && v4) {
            Chain c = new Chain(
                    initial(fromInternet, d.addresses(), flow.ports()),
                    "from the internet through the internet gateway",
                    explain);
            // The internet gateway translates only to addresses that have a public IP:
            // https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html
            internetGatewayIn(c);
            if (d.byAddress()) {
                c.apply(
                        Hop.Direction.OUT,
                        "address " + space.describe(d.addresses()),
                        in -> none(),
                        in -> new Blocker(
                                "private-address",
                                "address " + space.describe(d.addresses()),
                                space.describe(d.addresses())
                                        + " is an address inside the VPC: traffic from the internet "
                                        + "is addressed to a public IP, never to a private one"));
            }
            c.apply(
                    Hop.Direction.OUT,
                    "public IP of " + d.name(),
                    in -> d.attachment().publicIp() ? all(in, d.name() + " has a public IP address") : none(),
                    in -> new Blocker(
                            "no-public-ip",
                            "public IP of " + d.name(),
                            d.name() + " has no public IP address, so the internet gateway has nothing to deliver to"));
            entering(flow, c, s, d, "the internet gateway", t -> t instanceof RouteTarget.InternetGateway);
            out.add(c.finish());
        }
        if (!fromInternet6.isEmpty()) {
            out.add(inbound6(flow, fromInternet6, d, explain));
        }
        if (!fromPrivate.isEmpty() && (!space.dualStack() || sharesFamily(fromPrivate, d.addresses()))) {
            Chain c = new Chain(
                    initial(fromPrivate, d.addresses(), flow.ports()),
                    "from " + space.describe(fromPrivate) + " through a peering or transit gateway route",
                    explain);
            entering(
                    flow,
                    c,
                    s,
                    d,
                    OUTSIDE_WAY_IN,
                    t -> t instanceof RouteTarget.Peering || t instanceof RouteTarget.TransitGateway);
            out.add(c.finish());
        }
        return out;
    }

    /** In through the internet gateway, either family: it must be attached to the VPC. */
    private void internetGatewayIn(Chain c) {
        c.apply(
                Hop.Direction.OUT,
                "internet gateway",
                in -> network.internetGateway() ? all(in, "attached to the VPC") : none(),
                in -> new Blocker("no-internet-gateway", "internet gateway", "the VPC has no internet gateway"));
    }

    /** The part of an inbound flow after it enters the VPC: the destination's subnet, group, and the way back. */
    private void entering(
            Flow flow, Chain c, Location.Outside s, Location.Resource d, String wayIn, Predicate<RouteTarget> wayBack) {
        networkAcl(c, Hop.Direction.OUT, d.subnet(), false, Dim.SRC, Dim.DPORT, flow.protocol());
        securityGroups(c, d, true, s, flow.protocol());
        target(c, d, flow.protocol());
        networkAcl(c, Hop.Direction.BACK, d.subnet(), true, Dim.SRC, Dim.SPORT, flow.protocol());
        returnRoute(c, d.subnet(), wayBack, wayIn);
    }

    /**
     * Through a NAT device: the first leg reaches the NAT with the client's addresses; the second leaves it with the
     * NAT's address and a port it picks; the two share only the destination. Replies come back both ways.
     * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html
     */
    private List<Branch> viaNat(Flow flow, Chain b, Location.Resource s, Location.Outside d, String natName) {
        Optional<Nat> nat = Optional.ofNullable(natsByName.get(natName));
        if (nat.isEmpty()) {
            b.apply(
                    Hop.Direction.OUT,
                    "NAT " + natName,
                    in -> none(),
                    in -> new Blocker(
                            "route-unresolved",
                            "NAT " + natName,
                            "the route targets NAT " + natName + ", which is not in the network"));
            return List.of(b.finish());
        }
        if (nat.get() instanceof Nat.RegionalGateway r) {
            // A regional NAT gateway lives in no subnet of ours and leaves through the VPC's internet gateway.
            internetDestination(
                    b,
                    "regional NAT gateway " + r.name(),
                    network.internetGateway(),
                    "translates to its public address and leaves through the internet gateway");
            networkAcl(b, Hop.Direction.BACK, s.subnet(), false, Dim.DST, Dim.SPORT, flow.protocol());
            return List.of(b.finish());
        }
        Optional<Attachment> device = Optional.ofNullable(natDevices.get(natName));
        Optional<Subnet> deviceSubnet = device.flatMap(a -> subnet(a.subnetName()));
        if (deviceSubnet.isEmpty()) {
            b.apply(
                    Hop.Direction.OUT,
                    "NAT " + natName,
                    in -> none(),
                    in -> new Blocker(
                            "route-unresolved",
                            "NAT " + natName,
                            "NAT " + natName + " has no network interface in a subnet of the VPC"));
            return List.of(b.finish());
        }
        Location.Resource natEnd = new Location.Resource(
                device.get(),
                deviceSubnet.get(),
                IntervalSet.of(AddressSpace.ipv4(deviceSubnet.get().cidr())));
        boolean sameSubnet = deviceSubnet.get().equals(s.subnet());
        if (!sameSubnet) {
            networkAcl(b, Hop.Direction.OUT, natEnd.subnet(), false, Dim.SRC, Dim.DPORT, flow.protocol());
        }
        if (nat.get() instanceof Nat.Instance) {
            securityGroups(b, natEnd, true, s, flow.protocol());
        }
        b.apply(
                Hop.Direction.OUT,
                Location.kind(device.get().kind()) + " " + natName,
                in -> all(in, "translates to its own address and a port of its choosing"),
                in -> null);

        PacketSet leg1 = b.current;
        PacketSet leg2 = leg1.keep(EnumSet.of(Dim.DST, Dim.DPORT), full)
                .intersect(new Box(natEnd.addresses().intervals().getFirst(), EPHEMERAL, space.all(), ALL_PORTS));
        Chain n = b.fork(leg2, b.via);
        n.leg = 2;
        if (nat.get() instanceof Nat.Instance) {
            securityGroups(n, natEnd, false, d, flow.protocol());
        }
        networkAcl(n, Hop.Direction.OUT, natEnd.subnet(), true, Dim.DST, Dim.DPORT, flow.protocol());
        RouteTable table = routeTableOf(natEnd.subnet());
        List<Branch> out = new ArrayList<>();
        for (RoutePart part : routes(table, Dim.DST, n.current)) {
            Chain m = n.fork(part.packets(), b.via + ", then " + withoutVia(via(part)));
            int blockersBefore = m.blockers();
            RouteTarget target = part.route() == null ? null : part.route().target();
            boolean onward = target instanceof RouteTarget.InternetGateway
                    || target instanceof RouteTarget.Peering
                    || target instanceof RouteTarget.TransitGateway
                    || target instanceof RouteTarget.GatewayEndpoint
                    || target instanceof RouteTarget.Unresolved;
            String component = "route table " + table.name();
            m.apply(
                    Hop.Direction.OUT,
                    component,
                    in -> onward ? all(in, label(part)) : none(),
                    in -> new Blocker(
                            "nat-no-route",
                            component,
                            "route table " + table.name() + " of NAT " + natName
                                    + (target == null
                                            ? " has no route to " + space.describe(in.project(Dim.DST))
                                            : " sends " + space.describe(in.project(Dim.DST)) + " to "
                                                    + target.describe() + ", not out of the VPC")));
            if (target instanceof RouteTarget.Unresolved u) {
                m.unmodelled(Hop.Direction.OUT, u.description(), u.description());
            } else if (target instanceof RouteTarget.InternetGateway) {
                internetGateway(m, device.get());
            } else if (target instanceof RouteTarget.Peering p) {
                overPeering(m, d, p);
            } else if (target instanceof RouteTarget.TransitGateway) {
                leaves(m, target);
            }
            networkAcl(m, Hop.Direction.BACK, natEnd.subnet(), false, Dim.DST, Dim.SPORT, flow.protocol());
            // Back on the first leg: only the destinations and ports the second leg gets through stay.
            boolean leg2Blocked = m.blockers() > blockersBefore;
            m.leg2Out = leg2Blocked ? PacketSet.empty() : m.current;
            m.current = leg2Blocked ? leg1 : leg1.intersect(m.current.keep(EnumSet.of(Dim.DST, Dim.DPORT), full));
            m.leg = 1;
            if (!sameSubnet) {
                networkAcl(m, Hop.Direction.BACK, natEnd.subnet(), true, Dim.SRC, Dim.SPORT, flow.protocol());
            }
            networkAcl(m, Hop.Direction.BACK, s.subnet(), false, Dim.DST, Dim.SPORT, flow.protocol());
            out.add(m.finish());
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Hops.

    private void source(Chain c, Location.Resource s) {
        Attachment.Kind kind = s.attachment().kind();
        // NAT gateways and interface endpoint ENIs only answer or forward; they open no connections of their own.
        boolean opens = kind != Attachment.Kind.NAT_GATEWAY && kind != Attachment.Kind.ENDPOINT;
        c.apply(
                Hop.Direction.OUT,
                s.name(),
                in -> opens ? all(in, s.describe()) : none(),
                in -> new Blocker(
                        "not-an-initiator",
                        s.name(),
                        s.name() + " is a " + Location.kind(kind) + ", which opens no connections of its own"));
    }

    /**
     * A load balancer as the source: it connects only to its registered targets, on their ports
     * ({@link #forwarding}). Where a target group's targets are not in the input and the flow is not to a known
     * target, the way goes on undecided: cannot tell.
     */
    private void targetGroups(Chain c, Location.Resource s, Location.Resource d, Protocol protocol) {
        Optional<LoadBalancer> lb = loadBalancerOf(s.attachment()).filter(Reachability::forwardingKnown);
        if (lb.isEmpty()) {
            return;
        }
        LoadBalancer balancer = lb.get();
        Forwarding f = forwarding(s.attachment(), d.attachment(), protocol);
        String component = "target groups of " + balancer.name();
        if (c.current.restrict(Dim.DPORT, f.registered()).isEmpty()
                && !c.current.restrict(Dim.DPORT, f.unknown()).isEmpty()) {
            List<String> groups = balancer.targetGroups().stream()
                    .filter(g -> !g.targetsKnown())
                    .map(LoadBalancer.TargetGroup::name)
                    .toList();
            List<String> unknownHealth = registrationsWhere(balancer, d.attachment(), LoadBalancer.Receives.UNKNOWN);
            String what = !unknownHealth.isEmpty()
                    ? "whether " + d.name() + " receives connections: it is " + String.join(", ", unknownHealth)
                    : !groups.isEmpty()
                            ? "the targets of target group" + (groups.size() == 1 ? " " : "s ")
                                    + String.join(", ", groups)
                            : balancer.otherGroups() && !balancer.targetGroups().isEmpty()
                                    ? "which target groups the listener rules of " + balancer.name() + " forward to"
                                    : "what " + balancer.name() + " forwards to";
            c.apply(
                    Hop.Direction.OUT,
                    component,
                    in -> {
                        PacketSet may = in.restrict(Dim.DPORT, f.unknown());
                        return new Eval(
                                may, List.of(new Part("may forward on " + ports(protocol, f.unknown()), may, true)));
                    },
                    in -> null);
            c.unmodelled(Hop.Direction.OUT, component, what);
            return;
        }
        IntervalSet ports = f.registered();
        IntervalSet traffic = ports.minus(f.healthChecksOnly());
        c.apply(
                Hop.Direction.OUT,
                component,
                in -> {
                    PacketSet ok = in.restrict(Dim.DPORT, ports);
                    return ok.isEmpty()
                            ? none()
                            : new Eval(ok, List.of(new Part(forwardsText(protocol, d, traffic, f, ok), ok, true)));
                },
                in -> notForwarded(component, balancer, d, protocol, ports, in));
    }

    /**
     * "forwards on tcp 80 to web, a registered target", with ", and health-checks it on tcp 8081 (...)" where the flow
     * asks for a port the load balancer opens only for health checks; "health-checks web, a registered target, on tcp
     * 8081 (...)" where it asks for such ports alone.
     */
    private static String forwardsText(
            Protocol protocol, Location.Resource d, IntervalSet traffic, Forwarding f, PacketSet ok) {
        IntervalSet asked = ok.project(Dim.DPORT);
        IntervalSet checks = asked.intersect(f.healthChecksOnly());
        String where = " on " + ports(protocol, checks) + " (its target group's health check port)";
        if (asked.intersect(traffic).isEmpty()) {
            return "health-checks " + d.name() + ", a registered target," + where;
        }
        return "forwards on " + ports(protocol, traffic) + " to " + d.name() + ", a registered target"
                + (checks.isEmpty() ? "" : ", and health-checks it" + where);
    }

    /**
     * A load balancer as the source of a flow out of the VPC: where the input gives its forwarding, it gets only as
     * far as {@link #beyondTheVpc} says, and every way that does is cannot tell; else its groups decide, as for any
     * interface.
     */
    private void balancerBeyondTheVpc(Chain c, Location.Resource s, Protocol protocol) {
        Optional<LoadBalancer> lb = loadBalancerOf(s.attachment()).filter(Reachability::forwardingKnown);
        if (lb.isEmpty()) {
            return;
        }
        LoadBalancer balancer = lb.get();
        List<Beyond> parts = beyondTheVpc(balancer, protocol);
        String component = "target groups of " + balancer.name();
        int blockersBefore = c.blockers();
        c.apply(
                Hop.Direction.OUT,
                component,
                in -> {
                    List<Part> matched = new ArrayList<>();
                    PacketSet admitted = PacketSet.empty();
                    for (Beyond b : parts) {
                        PacketSet may = in.restrict(Dim.DST, b.addresses()).restrict(Dim.DPORT, b.ports());
                        if (!may.isEmpty()) {
                            matched.add(new Part("may connect to " + b.what(), may, true));
                            admitted = admitted.union(may);
                        }
                    }
                    return new Eval(admitted, matched);
                },
                in -> {
                    IntervalSet asked = in.project(Dim.DST);
                    List<String> near = parts.stream()
                            .filter(b -> !b.addresses().intersect(asked).isEmpty())
                            .map(Beyond::what)
                            .toList();
                    return new Blocker(
                            "only-to-targets",
                            component,
                            balancer.name() + " opens connections only to its registered targets"
                                    + (near.isEmpty() ? "" : " (and at most to " + String.join(" or ", near) + ")")
                                    + ", not to " + space.describe(asked) + " on "
                                    + ports(protocol, in.project(Dim.DPORT)));
                });
        if (c.blockers() > blockersBefore) {
            return;
        }
        for (Beyond b : parts) {
            if (!c.current
                    .restrict(Dim.DST, b.addresses())
                    .restrict(Dim.DPORT, b.ports())
                    .isEmpty()) {
                c.unmodelled(Hop.Direction.OUT, component, b.unmodelled());
            }
        }
    }

    /**
     * Why a load balancer opens no connection to {@code d}: {@code no-target-group} when no target group of it uses
     * the port at all (or none speaks the protocol), {@code not-a-target} when some does but {@code d} is not
     * registered in it.
     */
    private Blocker notForwarded(
            String component,
            LoadBalancer lb,
            Location.Resource d,
            Protocol protocol,
            IntervalSet toTarget,
            PacketSet in) {
        IntervalSet asked = in.project(Dim.DPORT);
        List<String> outOfService = registrationsWhere(lb, d.attachment(), LoadBalancer.Receives.NO);
        if (!outOfService.isEmpty()) {
            return new Blocker(
                    "target-not-in-service",
                    component,
                    d.name() + " is " + String.join(", ", outOfService) + " of " + lb.name()
                            + ": the load balancer sends it no new connections");
        }
        if (lb.forwardsNowhere()) {
            return new Blocker(
                    "no-target-group",
                    component,
                    lb.name() + " forwards to no target group: its listeners and their rules answer with fixed"
                            + " responses or redirects, so it opens connections to nothing");
        }
        IntervalSet used = toTarget.isEmpty() ? groupPorts(lb, protocol) : toTarget;
        if (used.intersect(asked).isEmpty() || registeredTarget(lb, d.attachment())) {
            return new Blocker(
                    "no-target-group",
                    component,
                    lb.name() + " opens connections only to its targets, "
                            + (used.isEmpty() ? "and none over " + protocol.id() : "on " + ports(protocol, used))
                            + ", not on " + portList(asked));
        }
        return new Blocker(
                "not-a-target",
                component,
                d.name() + " is not a registered target of " + lb.name()
                        + ": a load balancer forwards only to the targets registered in its target groups");
    }

    private void target(Chain c, Location.Resource d, Protocol protocol) {
        Attachment.Kind kind = d.attachment().kind();
        boolean listens = Exposure.accepts(d.attachment());
        c.apply(
                Hop.Direction.OUT,
                d.name(),
                in -> listens ? all(in, d.describe()) : none(),
                in -> new Blocker(
                        "not-a-listener",
                        d.name(),
                        d.name()
                                + (kind == Attachment.Kind.FUNCTION
                                        ? " is a Lambda function: its interface carries only the connections the function opens"
                                        : " is a NAT gateway: it forwards connections its subnets open and accepts none")));
        Optional<LoadBalancer> lb = loadBalancerOf(d.attachment());
        if (lb.isEmpty() || listening(d.attachment(), protocol).equals(EVERY_PORT)) {
            return;
        }
        LoadBalancer balancer = lb.get();
        String component = "listeners of " + balancer.name();
        c.apply(
                Hop.Direction.OUT,
                component,
                in -> {
                    List<Part> parts = new ArrayList<>();
                    PacketSet admitted = PacketSet.empty();
                    for (LoadBalancer.Listener l : balancer.listeners()) {
                        if (!l.scheme().transports().contains(protocol)) {
                            continue;
                        }
                        PacketSet heard = in.restrict(Dim.DPORT, IntervalSet.of(Interval.of(l.port())));
                        if (!heard.isEmpty()) {
                            parts.add(new Part("listener " + l.scheme() + " " + l.port(), heard, true));
                            admitted = admitted.union(heard);
                        }
                    }
                    return admitted.isEmpty() ? none() : new Eval(admitted, parts);
                },
                in -> new Blocker(
                        "no-listener",
                        component,
                        balancer.name() + " has no listener on " + ports(protocol, in.project(Dim.DPORT))
                                + "; it listens on " + listenersDescribed(balancer)));
    }

    /** "HTTP 80, HTTPS 443", or "nothing" for a load balancer whose listeners are all of another protocol. */
    private static String listenersDescribed(LoadBalancer lb) {
        return String.join(
                ", ",
                lb.listeners().stream()
                        .map(l -> l.scheme() + " " + l.port())
                        .distinct()
                        .toList());
    }

    private void leaves(Chain c, RouteTarget target) {
        c.apply(
                Hop.Direction.OUT,
                target.describe(),
                in -> all(in, "leaves the VPC; what lies beyond is not evaluated"),
                in -> null);
    }

    /**
     * Towards the internet, what a link hands into another VPC stays in that VPC: a peering connection carries traffic
     * only between its two VPCs ({@code into} is every address), and a transit gateway that hands a VPC's own blocks
     * to that VPC's attachment delivers them there ({@code into} is those blocks). Those packets are not internet
     * egress, though an IPv6 block is global unicast: this is the one place that says so.
     */
    private void intoAnotherVpc(Chain c, Location.Outside d, String component, IntervalSet into, String vpc) {
        if (!d.internet()) {
            return;
        }
        c.apply(
                Hop.Direction.OUT,
                component,
                in -> {
                    PacketSet rest = in.minus(in.restrict(Dim.DST, into));
                    return rest.isEmpty() ? none() : all(rest, "beyond " + vpc);
                },
                in -> new Blocker(
                        "not-on-the-internet",
                        component,
                        component + " carries " + space.describe(in.project(Dim.DST)) + " into " + vpc
                                + ", not to the internet"));
    }

    /**
     * A peering connection delivers only into its peer VPC, whatever the route's prefix: AWS does not extend a peering
     * connection to the peer's internet gateway or NAT ("If VPC A has an internet gateway, resources in VPC B can't use
     * the internet gateway in VPC A to access the internet",
     * https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html). So the internet as a destination is
     * never reached this way, in either family. The flow leaves the VPC there.
     */
    private void overPeering(Chain c, Location.Outside d, RouteTarget.Peering p) {
        leaves(c, p);
        intoAnotherVpc(c, d, p.describe(), IntervalSet.of(space.all()), "its peer VPC");
    }

    /**
     * Leaving through a transit gateway the input describes: where its route tables send the destinations
     * ({@link TransitPath}). A VPN or Direct Connect attachment is not modelled, so the answer cannot be more than
     * "cannot tell"; a blackhole, a missing route or a zone without an attachment block. Into another VPC, or over a
     * gateway the input only names, the flow leaves the VPC and what lies beyond is not evaluated here.
     */
    private List<Chain> transitGateway(Chain c, RouteTarget.TransitGateway t, Subnet from, Location.Outside d) {
        String id = t.transitGatewayId();
        IntervalSet destinations = c.current.project(Dim.DST);
        if (!transit.describes(id) || destinations.isEmpty()) {
            leaves(c, t);
            return List.of(c);
        }
        if (!AddressSpace.isIpv6(destinations.intervals().getFirst().lo())) {
            Optional<Cidr> block = covering(destinations);
            if (block.isEmpty()) {
                leaves(c, t);
            } else {
                overTransit(
                        c,
                        t,
                        TransitPath.follow(transit, id, network, from, IpPrefix.of(block.get())),
                        block.get().toString(),
                        d);
            }
            return List.of(c);
        }
        // IPv6 sets are wide (an IPv6 internet, a peer's /56): the gateways may send parts of one different ways, so
        // each part cut at their blocks is walked, and the packets go on grouped by where they were sent.
        Map<TransitPath.End, List<Interval>> ways = new java.util.LinkedHashMap<>();
        for (Map.Entry<Interval, IpPrefix> piece : space.gatewayPieces6(destinations)) {
            ways.computeIfAbsent(
                            TransitPath.follow(transit, id, network, from, piece.getValue()), k -> new ArrayList<>())
                    .add(piece.getKey());
        }
        if (ways.size() == 1) {
            overTransit(c, t, ways.keySet().iterator().next(), space.describe(destinations), d);
            return List.of(c);
        }
        List<Chain> out = new ArrayList<>();
        for (Map.Entry<TransitPath.End, List<Interval>> way : ways.entrySet()) {
            IntervalSet part = IntervalSet.of(way.getValue());
            Chain w = c.fork(c.current.restrict(Dim.DST, part), c.via);
            overTransit(w, t, way.getKey(), space.describe(part), d);
            out.add(w);
        }
        return out;
    }

    /** The transit gateway hop of packets to {@code handed}, as the walk over the gateways ended. */
    private void overTransit(
            Chain c, RouteTarget.TransitGateway t, TransitPath.End end, String handed, Location.Outside d) {
        switch (end) {
            case TransitPath.Stopped stop ->
                c.apply(Hop.Direction.OUT, stop.blocker().component(), in -> none(), in -> stop.blocker());
            case TransitPath.Unknown u -> c.unmodelled(Hop.Direction.OUT, t.describe(), u.what());
            case TransitPath.Delivered delivered -> {
                TransitGateways.Attachment to = delivered.attachment();
                c.apply(
                        Hop.Direction.OUT,
                        t.describe(),
                        in -> all(
                                in,
                                "hands " + handed + " to " + to.describe()
                                        + to.vpc().map(v -> " of " + v).orElse("")
                                        + "; what lies beyond is not evaluated"),
                        in -> null);
                intoAnotherVpc(
                        c,
                        d,
                        t.describe(),
                        space.blocksOf(to),
                        to.vpc().map(v -> "VPC " + v).orElse(to.describe()));
            }
        }
    }

    /** The smallest IPv4 block that holds a set of addresses; empty for an empty set. */
    static Optional<Cidr> covering(IntervalSet addresses) {
        if (addresses.isEmpty() || addresses.intervals().getLast().hi() > AddressSpace.IPV4_END) {
            return Optional.empty();
        }
        long lo = addresses.intervals().getFirst().lo();
        long hi = addresses.intervals().getLast().hi();
        int prefix = lo == hi ? 32 : Long.numberOfLeadingZeros(lo ^ hi) - 32;
        long base = prefix == 0 ? 0 : lo & (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return Optional.of(Cidr.parse((base >>> 24) + "." + ((base >>> 16) & 255) + "." + ((base >>> 8) & 255) + "."
                + (base & 255) + "/" + prefix));
    }

    /** Leaving through the internet gateway: it must exist, the sender needs a public IP, the destination too. */
    private void internetGateway(Chain c, Attachment sender) {
        internetDestination(c, "internet gateway", network.internetGateway(), "attached to the VPC");
        c.apply(
                Hop.Direction.OUT,
                "public IP of " + sender.name(),
                in -> sender.publicIp() ? all(in, sender.name() + " has a public IP address") : none(),
                in -> new Blocker(
                        "no-public-ip",
                        "public IP of " + sender.name(),
                        sender.name() + " has no public IP address, so the internet gateway drops its traffic"));
    }

    /**
     * Out to the internet: the gateway must exist, and only public addresses (and AWS services' public endpoints)
     * are reachable through it.
     */
    private void internetDestination(Chain c, String component, boolean exists, String label) {
        IntervalSet reachable = space.internet().union(space.servicePoints());
        c.apply(
                Hop.Direction.OUT,
                component,
                in -> {
                    PacketSet ok = exists ? in.restrict(Dim.DST, reachable) : PacketSet.empty();
                    return ok.isEmpty() ? none() : new Eval(ok, List.of(new Part(label, ok, true)));
                },
                in -> exists
                        ? new Blocker(
                                "not-on-the-internet",
                                component,
                                space.describe(in.project(Dim.DST)) + " is not routed on the internet")
                        : new Blocker(
                                "no-internet-gateway",
                                component,
                                "the VPC has no internet gateway"
                                        + (component.equals("internet gateway")
                                                ? ""
                                                : " for " + component + " to use")));
    }

    private void securityGroups(Chain c, Location.Resource owner, boolean ingress, Location peer, Protocol protocol) {
        List<SecurityGroup> groups = groupsOf(owner.attachment());
        String component = groups.isEmpty()
                ? "security groups of " + owner.name()
                : (groups.size() == 1 ? "security group " : "security groups ")
                        + String.join(
                                ", ", groups.stream().map(SecurityGroup::name).toList());
        Dim peerDim = ingress ? Dim.SRC : Dim.DST;
        boolean explain = c.explain;
        String clientsOf = ingress ? c.clientsOf : "";
        List<String> untold = new ArrayList<>();
        List<String> missing = missingGroups(owner.attachment());
        List<PacketSet> byMissing = missing.isEmpty() ? List.of() : new ArrayList<>(1);
        c.apply(
                Hop.Direction.OUT,
                component,
                in -> {
                    Eval e = groupFilter(owner, groups, ingress, peer, peerDim, protocol, in, explain);
                    Eval known = e.admitted().isEmpty() && otherVpcRules
                            ? mayAdmit(groups, ingress, peer, peerDim, protocol, in, untold)
                            : e;
                    if (missing.isEmpty()) {
                        return known;
                    }
                    PacketSet rest = untoldByGroups(missing, in, known.admitted());
                    if (rest.isEmpty()) {
                        return known;
                    }
                    byMissing.add(rest);
                    List<Part> parts = new ArrayList<>(known.parts());
                    parts.add(new Part("rules not in the input (cannot tell)", rest, true));
                    return new Eval(known.admitted().union(rest), parts);
                },
                in -> groupBlocker(component, owner, groups, ingress, peer, peerDim, protocol, in, clientsOf));
        if (!untold.isEmpty()) {
            c.unmodelled(Hop.Direction.OUT, component, String.join(", ", untold));
        }
        if (!byMissing.isEmpty()) {
            c.untold(component, missingWhat(missing), byMissing.getFirst());
        }
    }

    /**
     * The packets of {@code in} that the security groups of an owner the input does not hold ({@code missing}) may
     * admit: all that its known groups do not ({@code known}), for "the rules from all the security groups associated
     * with the instance are aggregated" (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html).
     * Empty when none is missing.
     */
    static PacketSet untoldByGroups(List<String> missing, PacketSet in, PacketSet known) {
        return missing.isEmpty() ? PacketSet.empty() : in.minus(known);
    }

    /** "the rules of security group sg-0abc": what a group the input does not hold leaves untold. */
    static String missingWhat(List<String> missing) {
        return "the rules of security group" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing);
    }

    /**
     * The groups a {@link #missingWhat} text names, read back beside the one function that writes it (reports name a
     * hundred missing groups once each, not once per combination); none for any other cause.
     */
    public static List<String> groupsNamedBy(String unmodelled) {
        for (String prefix : List.of("the rules of security groups ", "the rules of security group ")) {
            if (unmodelled.startsWith(prefix)) {
                return List.of(unmodelled.substring(prefix.length()).split(", "));
            }
        }
        return List.of();
    }

    /**
     * The security groups {@code a} names that the input does not hold (another stack's, an unresolved reference):
     * they may admit anything its other groups do not, so what they decide is cannot tell, never an empty group.
     */
    List<String> missingGroups(Attachment a) {
        if (!missingGroups) {
            return List.of();
        }
        return a.securityGroupNames().stream()
                .filter(n -> !groupsByName.containsKey(n))
                .toList();
    }

    /** Whether some attachment of the network names a security group the input does not hold. */
    boolean anyMissingGroup() {
        return missingGroups;
    }

    /** Whether the input leaves out the network ACLs: every flow across a subnet's edge is then cannot tell. */
    boolean aclsOmitted() {
        return aclsOmitted;
    }

    /** Whether the input leaves out the route tables or the network ACLs. */
    boolean tablesOrAclsOmitted() {
        return routesOmitted || aclsOmitted;
    }

    /** Whether the input leaves out something that makes flows cannot tell: a security group, the tables or ACLs. */
    boolean anyOmitted() {
        return missingGroups || routesOmitted || aclsOmitted;
    }

    /**
     * Where no rule admits the flow for sure: the packets that rules naming another VPC's group may admit, as
     * {@link OtherVpcGroups} tells, with what the model does not hold about them added to {@code untold} (the way goes
     * on, undecided).
     */
    private Eval mayAdmit(
            List<SecurityGroup> groups,
            boolean ingress,
            Location peer,
            Dim peerDim,
            Protocol protocol,
            PacketSet in,
            List<String> untold) {
        if (!(peer instanceof Location.Outside o)) {
            return none();
        }
        List<Part> parts = new ArrayList<>();
        PacketSet may = PacketSet.empty();
        for (SecurityGroup g : groups) {
            for (SecurityGroupRule rule : ingress ? g.ingress() : g.egress()) {
                if (!(rule.peer() instanceof Peer.OtherVpcGroup ref) || !protocolMatches(rule.protocol(), protocol)) {
                    continue;
                }
                PacketSet matched = in.intersect(portsBox(rule));
                String what;
                if (o.member().isPresent()) {
                    if (!(OtherVpcGroups.member(ref, ingress, o.member().get(), transit, network.stackName())
                            instanceof OtherVpcGroups.Unknown u)) {
                        continue;
                    }
                    what = u.what();
                } else {
                    IntervalSet beyond = space.privateOutside().union(linked6());
                    matched = matched.restrict(peerDim, beyond);
                    what = OtherVpcGroups.unknownAddresses(ref, space.describe(matched.project(peerDim)));
                }
                if (!matched.isEmpty()) {
                    parts.add(new Part(g.name() + ": " + ruleLabel(rule, ingress) + " (cannot tell)", matched, true));
                    may = may.union(matched);
                    if (!untold.contains(what)) {
                        untold.add(what);
                    }
                }
            }
        }
        return new Eval(may, parts);
    }

    /**
     * Why an attachment has no security group, as the hop says: NAT gateways have none; a Network Load Balancer
     * created without one has none ("If you don't associate a security group with your load balancer when you create
     * it, you can't associate one later",
     * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html); anything
     * else has none in the input.
     */
    static String withoutGroups(Attachment a) {
        return switch (a.kind()) {
            case NAT_GATEWAY -> "NAT gateways have none";
            case LOAD_BALANCER -> "a load balancer created without one has none";
            default -> "the input gives it none";
        };
    }

    /**
     * Security groups are stateful: a rule in the direction of the request admits its replies too, so they are
     * checked once. Rules only allow; a packet passes when any rule of any group matches it:
     * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html
     */
    private Eval groupFilter(
            Location.Resource owner,
            List<SecurityGroup> groups,
            boolean ingress,
            Location peer,
            Dim peerDim,
            Protocol protocol,
            PacketSet in,
            boolean explain) {
        if (owner.attachment().securityGroupNames().isEmpty()) {
            return all(in, "no security group (" + withoutGroups(owner.attachment()) + ")");
        }
        List<Part> parts = new ArrayList<>();
        PacketSet admitted = PacketSet.empty();
        for (SecurityGroup g : groups) {
            for (SecurityGroupRule rule : ingress ? g.ingress() : g.egress()) {
                Optional<Box> box = ruleBox(rule, peer, peerDim, protocol);
                if (box.isEmpty()) {
                    continue;
                }
                PacketSet matched = in.intersect(box.get());
                if (!matched.isEmpty()) {
                    if (explain) {
                        parts.add(new Part(g.name() + ": " + ruleLabel(rule, ingress), matched, true));
                    }
                    admitted = admitted.union(matched);
                }
            }
            for (DualStack.Ipv6Rule rule : rules6(g, ingress)) {
                Optional<Box> box = ruleBox6(rule, peerDim, protocol);
                PacketSet matched = box.isEmpty() ? PacketSet.empty() : in.intersect(box.get());
                if (!matched.isEmpty()) {
                    if (explain) {
                        parts.add(new Part(g.name() + ": " + ruleLabel6(rule), matched, true));
                    }
                    admitted = admitted.union(matched);
                }
            }
        }
        return new Eval(admitted, parts);
    }

    /** The packets a rule's protocol and ports allow, from and to anywhere. */
    private Box portsBox(SecurityGroupRule rule) {
        return rule.protocol() == Protocol.ALL
                ? full
                : full.with(
                        Dim.DPORT,
                        new Interval(rule.ports().from(), rule.ports().to()));
    }

    private Optional<Box> ruleBox(SecurityGroupRule rule, Location peer, Dim peerDim, Protocol protocol) {
        if (!protocolMatches(rule.protocol(), protocol)) {
            return Optional.empty();
        }
        Box box = portsBox(rule);
        return switch (rule.peer()) {
            case Peer.Block b -> Optional.of(box.with(peerDim, space.of(b.cidr())));
            // A group reference matches the ENIs that carry the group, whatever their addresses.
            case Peer.Group g ->
                peer instanceof Location.Resource r
                                && r.attachment().securityGroupNames().contains(g.groupName())
                        ? Optional.of(box)
                        : Optional.empty();
            case Peer.PrefixList p -> space.service(p.service()).map(point -> box.with(peerDim, Interval.of(point)));
            // Another VPC's group: only an attachment of that VPC, across a link that lets the reference count.
            case Peer.OtherVpcGroup ref ->
                peer instanceof Location.Outside o
                                && o.member().isPresent()
                                && OtherVpcGroups.member(
                                                ref,
                                                peerDim == Dim.SRC,
                                                o.member().get(),
                                                transit,
                                                network.stackName())
                                        instanceof OtherVpcGroups.Yes
                        ? Optional.of(box)
                        : Optional.empty();
        };
    }

    private Blocker groupBlocker(
            String component,
            Location.Resource owner,
            List<SecurityGroup> groups,
            boolean ingress,
            Location peer,
            Dim peerDim,
            Protocol protocol,
            PacketSet in,
            String clientsOf) {
        String code = ingress ? "sg-ingress-denied" : "sg-egress-denied";
        String wanted = ports(protocol, in.project(Dim.DPORT));
        List<SecurityGroupRule> rules = groups.stream()
                .flatMap(g -> (ingress ? g.ingress() : g.egress()).stream())
                .toList();
        String peerText = peer instanceof Location.Resource r
                ? (clientsOf.isEmpty()
                        ? r.name() + groupSuffix(r.attachment())
                        : "the clients of " + clientsOf + ", whose addresses it sees")
                : space.describe(in.project(peerDim));
        List<DualStack.Ipv6Rule> rules6 =
                groups.stream().flatMap(g -> rules6(g, ingress).stream()).toList();
        if (rules.isEmpty() && rules6.isEmpty()) {
            return new Blocker(
                    code,
                    component,
                    component + " has no " + (ingress ? "ingress" : "egress") + " rules, so " + owner.name()
                            + (ingress ? " accepts no connections" : " can open no connections"));
        }
        IntervalSet ports = in.project(Dim.DPORT);
        List<String> allPeers = rules.stream()
                .filter(r -> protocolMatches(r.protocol(), protocol))
                .filter(r -> r.protocol() == Protocol.ALL
                        || ports.intersect(new Interval(
                                                r.ports().from(), r.ports().to()))
                                        .size()
                                > 0)
                .map(r -> r.peer().describe())
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        rules6.stream()
                .filter(r -> protocolMatches(r.protocol(), protocol))
                .filter(r -> r.protocol() == Protocol.ALL
                        || ports.intersect(new Interval(
                                                r.ports().from(), r.ports().to()))
                                        .size()
                                > 0)
                .forEach(r -> allPeers.add(peer6(r.cidr())));
        List<String> peers = allPeers.stream().distinct().toList();
        if (peers.isEmpty()) {
            List<String> labels = new ArrayList<>(
                    rules.stream().map(r -> ruleLabel(r, ingress)).toList());
            rules6.forEach(r -> labels.add(ruleLabel6(r)));
            String allowed = String.join("; ", labels.stream().distinct().toList());
            return new Blocker(
                    code,
                    component,
                    component + " has no " + (ingress ? "ingress" : "egress") + " rule for " + wanted + " (it allows "
                            + allowed + ")");
        }
        return new Blocker(
                code,
                component,
                component + " allows " + wanted + " only " + (ingress ? "from " : "to ") + String.join(", ", peers)
                        + ", not " + peerText + otherVpcReasons(rules, ingress, peer));
    }

    /** Why the rules naming another VPC's group did not admit the peer, where there is more to say than "not it". */
    private String otherVpcReasons(List<SecurityGroupRule> rules, boolean ingress, Location peer) {
        if (!(peer instanceof Location.Outside o) || o.member().isEmpty()) {
            return "";
        }
        List<String> reasons = rules.stream()
                .filter(r -> r.peer() instanceof Peer.OtherVpcGroup)
                .map(r -> OtherVpcGroups.member(
                        (Peer.OtherVpcGroup) r.peer(), ingress, o.member().get(), transit, network.stackName()))
                .filter(m -> m instanceof OtherVpcGroups.No no && !no.why().isEmpty())
                .map(m -> ((OtherVpcGroups.No) m).why())
                .distinct()
                .toList();
        return reasons.isEmpty() ? "" : " (" + String.join("; ", reasons) + ")";
    }

    private String groupSuffix(Attachment a) {
        return a.securityGroupNames().isEmpty() ? "" : " (sg " + String.join(", ", a.securityGroupNames()) + ")";
    }

    List<SecurityGroup> groupsOf(Attachment a) {
        List<SecurityGroup> out = new ArrayList<>();
        for (String name : a.securityGroupNames()) {
            SecurityGroup g = groupsByName.get(name);
            out.add(
                    g != null
                            ? g
                            : new SecurityGroup(
                                    name, SecurityGroup.Role.APP, "not in the network", List.of(), List.of()));
        }
        return out;
    }

    /**
     * A subnet's network ACL: entries by rule number, lowest first, the first that matches decides; anything no entry
     * matches is denied. Stateless, so replies are checked by the entries of the other direction. A subnet without
     * one uses the VPC's default ACL, which allows everything:
     * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html and
     * https://docs.aws.amazon.com/vpc/latest/userguide/default-network-acl.html
     *
     * @param egress which entries apply: outbound ones for packets leaving the subnet
     * @param remote the field the entries' CIDR matches: the source of packets coming in, the destination going out
     * @param port   the field the entries' port range matches: always the packet's destination port
     */
    private void networkAcl(
            Chain c, Hop.Direction direction, Subnet subnet, boolean egress, Dim remote, Dim port, Protocol protocol) {
        Optional<NetworkAcl> acl = Optional.ofNullable(aclsBySubnet.get(subnet.name()));
        if (aclsOmitted && acl.isEmpty()) {
            // Not the default ACL: the subnet has one the input does not give, which may deny anything.
            c.unmodelled(
                    direction,
                    "network ACL of " + subnet.name() + (egress ? ", outbound" : ", inbound"),
                    Network.Omitted.NETWORK_ACLS.describe());
            return;
        }
        String name = "network ACL " + acl.map(NetworkAcl::name).orElse("(default)") + " of " + subnet.name();
        String component = name + (egress ? ", outbound" : ", inbound");
        boolean explain = c.explain;
        c.apply(
                direction,
                component,
                in -> aclFilter(acl, egress, remote, port, protocol, in, explain),
                in -> aclBlocker(component, name, acl, direction, egress, remote, port, protocol, in));
    }

    /**
     * The (remote address, port) pairs a network ACL's entries of one direction admit, first match deciding: for
     * lint rules that reason about one ACL. In the result, {@link Dim#SRC} holds the remote address and
     * {@link Dim#DPORT} the port the entries match.
     */
    public PacketSet networkAclAdmits(
            NetworkAcl acl, boolean egress, Protocol protocol, IntervalSet remote, IntervalSet ports) {
        return aclFilter(Optional.of(acl), egress, Dim.SRC, Dim.DPORT, protocol, remoteAndPorts(remote, ports), false)
                .admitted();
    }

    /** Every packet from {@code remote} to {@code ports} (other fields open): what {@link #networkAclAdmits} asks. */
    public PacketSet remoteAndPorts(IntervalSet remote, IntervalSet ports) {
        List<Box> boxes = new ArrayList<>();
        for (Interval r : remote.intervals()) {
            for (Interval p : ports.intervals()) {
                boxes.add(full.with(Dim.SRC, r).with(Dim.DPORT, p));
            }
        }
        return PacketSet.union(boxes);
    }

    private Eval aclFilter(
            Optional<NetworkAcl> acl,
            boolean egress,
            Dim remote,
            Dim port,
            Protocol protocol,
            PacketSet in,
            boolean explain) {
        if (acl.isEmpty()) {
            return all(in, "default network ACL: allows all traffic");
        }
        List<Part> parts = new ArrayList<>();
        PacketSet admitted = PacketSet.empty();
        PacketSet remaining = in;
        for (NetworkAcl.Entry e : entries(acl.get(), egress)) {
            if (remaining.isEmpty()) {
                break;
            }
            if (!protocolMatches(e.protocol(), protocol)) {
                continue;
            }
            Box box = full.with(remote, space.of(e.cidr()));
            if (e.protocol() != Protocol.ALL) {
                box = box.with(port, new Interval(e.ports().from(), e.ports().to()));
            }
            PacketSet matched = remaining.intersect(box);
            if (!matched.isEmpty()) {
                if (explain) {
                    parts.add(new Part(entryLabel(e), matched, e.allow()));
                }
                if (e.allow()) {
                    admitted = admitted.union(matched);
                }
            }
            remaining = remaining.minus(box);
        }
        // IPv6 entries share the rule numbers but never match an IPv4 packet (nor IPv4 entries an IPv6 one), so
        // taking each family's entries in order after the other's decides every packet as the one sequence does.
        for (DualStack.AclEntry e : entries6(acl.get(), egress)) {
            if (remaining.isEmpty()) {
                break;
            }
            if (!protocolMatches(e.protocol(), protocol)) {
                continue;
            }
            Box box = full.with(remote, space.ipv6(e.block().addresses()));
            if (e.protocol() != Protocol.ALL) {
                box = box.with(port, new Interval(e.ports().from(), e.ports().to()));
            }
            PacketSet matched = remaining.intersect(box);
            if (!matched.isEmpty()) {
                if (explain) {
                    parts.add(new Part(entryLabel6(e), matched, e.allow()));
                }
                if (e.allow()) {
                    admitted = admitted.union(matched);
                }
            }
            remaining = remaining.minus(box);
        }
        if (!remaining.isEmpty() && explain) {
            parts.add(new Part("rule * deny all (no rule matched)", remaining, false));
        }
        return new Eval(admitted, parts);
    }

    private Blocker aclBlocker(
            String component,
            String name,
            Optional<NetworkAcl> acl,
            Hop.Direction direction,
            boolean egress,
            Dim remote,
            Dim port,
            Protocol protocol,
            PacketSet in) {
        List<String> deciding = acl.isEmpty()
                ? List.of()
                : aclFilter(acl, egress, remote, port, protocol, in, true).parts().stream()
                        .filter(p -> !p.allow())
                        .map(Part::rule)
                        .toList();
        String why = deciding.stream().allMatch(r -> r.startsWith("rule *"))
                ? "no rule allows it, so the final deny (*) applies"
                : String.join("; ", deciding);
        String where = space.describe(in.project(remote));
        String way = egress ? "outbound " : "inbound ";
        if (direction == Hop.Direction.BACK) {
            return new Blocker(
                    "nacl-return-denied",
                    component,
                    name + " denies the " + way + "replies "
                            + (egress ? "to " : "from ") + where + " on " + ports(protocol, in.project(port))
                            + " (" + why + "); network ACLs are stateless, so replies need rules of their own");
        }
        return new Blocker(
                egress ? "nacl-outbound-denied" : "nacl-inbound-denied",
                component,
                name + " denies " + way + ports(protocol, in.project(port)) + (egress ? " to " : " from ") + where
                        + " (" + why + ")");
    }

    private static List<NetworkAcl.Entry> entries(NetworkAcl acl, boolean egress) {
        return acl.entries().stream()
                .filter(e -> e.egress() == egress)
                .sorted(Comparator.comparingInt(NetworkAcl.Entry::ruleNumber))
                .toList();
    }

    /** How private addresses from outside the VPC come in, as far as the model holds them. */
    private static final String OUTSIDE_WAY_IN = "a peering connection or transit gateway";

    /** Replies leave the destination's subnet by its route table; they must go back the way the requests came. */
    private void returnRoute(Chain c, Subnet subnet, Predicate<RouteTarget> wayBack, String wayIn) {
        RouteTable table = routeTableOf(subnet);
        String component = "route table " + table.name();
        if (wayIn.equals(OUTSIDE_WAY_IN) || routesOmitted) {
            // Private addresses outside the VPC may come in by a way the model does not hold (a VPN, Direct Connect):
            // when the replies can only go back by such a route, nothing tells whether the requests came by it. So
            // too when the input leaves out the route tables: the replies' route is not known.
            List<RoutePart> parts = routes(table, Dim.SRC, c.current);
            boolean someWayBack = parts.stream()
                    .anyMatch(p -> p.route() != null && wayBack.test(p.route().target()));
            List<RoutePart> unresolved = parts.stream()
                    .filter(p -> p.route() != null && p.route().target() instanceof RouteTarget.Unresolved)
                    .toList();
            if (!someWayBack && !unresolved.isEmpty()) {
                PacketSet packets = PacketSet.empty();
                for (RoutePart p : unresolved) {
                    packets = packets.union(p.packets());
                }
                c.current = packets;
                // the filter above kept only parts with a route
                RouteTarget.Unresolved first = (RouteTarget.Unresolved)
                        java.util.Objects.requireNonNull(unresolved.getFirst().route())
                                .target();
                c.unmodelled(Hop.Direction.BACK, component, first.description());
                return;
            }
        }
        c.apply(
                Hop.Direction.BACK,
                component,
                in -> {
                    List<Part> parts = new ArrayList<>();
                    PacketSet admitted = PacketSet.empty();
                    for (RoutePart part : routes(table, Dim.SRC, in)) {
                        boolean ok = part.route() != null
                                && wayBack.test(part.route().target())
                                && !egressOnly(part);
                        parts.add(new Part(part.route() == null ? "no route" : label(part), part.packets(), ok));
                        if (ok) {
                            admitted = admitted.union(part.packets());
                        }
                    }
                    return new Eval(admitted, parts);
                },
                in -> {
                    List<RoutePart> parts = routes(table, Dim.SRC, in);
                    String where = space.describe(in.project(Dim.SRC));
                    if (parts.stream().allMatch(p -> p.route() == null)) {
                        return new Blocker(
                                "no-return-route",
                                component,
                                "route table " + table.name() + " has no route back to " + where);
                    }
                    Optional<RoutePart> egressOnly =
                            parts.stream().filter(Reachability::egressOnly).findFirst();
                    if (egressOnly.isPresent()) {
                        return egressOnlyBlocker(component, table, where, egressOnly.get());
                    }
                    String targets = String.join(
                            ", ",
                            parts.stream()
                                    .map(p -> p.route() == null ? "nowhere" : targetText(p))
                                    .distinct()
                                    .toList());
                    return new Blocker(
                            "asymmetric-return",
                            component,
                            "replies to " + where + " leave route table " + table.name() + " through " + targets
                                    + ", not " + wayIn + " the requests came by");
                });
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Routes.

    /**
     * A part of a packet set and the route that carries it (null: no route matches). An IPv6 route ({@code v6}) is
     * carried as the IPv4 model's route to the same kind of target (local, the internet gateway; the egress-only
     * gateway as the internet gateway, marked), so the hops read it alike; its label is its own.
     */
    private record RoutePart(
            @Nullable Route route,
            PacketSet packets,
            @Nullable Route6 v6) {
        RoutePart(@Nullable Route route, PacketSet packets) {
            this(route, packets, null);
        }
    }

    /**
     * Splits packets by the route each takes, over both families at once: the most specific route wins, and a prefix
     * list route (more specific than any CIDR for its service's point) beats {@code 0.0.0.0/0}:
     * https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html
     */
    private List<RoutePart> routes(RouteTable table, Dim dim, PacketSet in) {
        List<RoutePart> out = new ArrayList<>();
        PacketSet remaining = in;
        for (TableRoute r : lookup(table)) {
            Box box = full.with(dim, r.addresses());
            PacketSet matched = remaining.intersect(box);
            if (!matched.isEmpty()) {
                out.add(new RoutePart(r.route(), matched, r.v6()));
                remaining = remaining.minus(box);
            }
        }
        if (!remaining.isEmpty()) {
            out.add(new RoutePart(null, remaining));
        }
        return out;
    }

    /**
     * One route of a table as the lookup reads it: the addresses it matches and the route the hops read; an IPv6
     * route ({@code v6}) is carried as the IPv4 model's route to the same target, with its own label.
     */
    private record TableRoute(
            Interval addresses, Route route, @Nullable Route6 v6) {}

    private final Map<RouteTable, List<TableRoute>> lookups = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A table's routes of both families in the order the lookup tries them: the IPv4 routes most specific first, then
     * the IPv6 ones (the local route over the VPC's IPv6 blocks, then the table's), most specific first. The families
     * never share an address, so each packet meets its own family's routes by longest prefix, as AWS matches them.
     */
    private List<TableRoute> lookup(RouteTable table) {
        return lookups.computeIfAbsent(table, k -> {
            List<TableRoute> out = new ArrayList<>();
            table.routes().stream()
                    .sorted(LongestPrefix.mostSpecificFirst(Reachability::specificity))
                    .forEach(r -> destination(r).ifPresent(at -> out.add(new TableRoute(at, r, null))));
            if (network.ipv6().isPresent()) {
                routes6(table).forEach(r -> out.add(new TableRoute(r.addresses(), r.carrier(), r)));
            }
            return List.copyOf(out);
        });
    }

    private static int specificity(Route r) {
        return switch (r.destination()) {
            case RouteDestination.Block b -> b.cidr().prefixLength();
            case RouteDestination.PrefixList p -> 33;
        };
    }

    private Optional<Interval> destination(Route r) {
        return switch (r.destination()) {
            case RouteDestination.Block b -> Optional.of(space.of(b.cidr()));
            case RouteDestination.PrefixList p -> space.service(p.service()).map(Interval::of);
        };
    }

    /**
     * The route table of a subnet; one without an explicit association uses the VPC's main route table, which holds
     * only the local route unless changed: https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html
     */
    public RouteTable routeTableOf(Subnet subnet) {
        RouteTable t = tablesBySubnet.get(subnet.name());
        return t != null
                ? t
                : implicitMain.computeIfAbsent(subnet.tier(), tier -> {
                    RouteTable main = new RouteTable(
                            "main", tier, List.of(Route.to(network.vpc().cidr(), new RouteTarget.Local())), List.of());
                    return routesOmitted ? unknown(main) : main;
                });
    }

    /**
     * A table of an input without its route tables: the local route, which every table has ("Every route table
     * contains a local route for communication within the VPC",
     * https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html), and the rest of the addresses to a target
     * not modelled, so flows within the VPC are answered and flows beyond it are cannot tell.
     */
    private static RouteTable unknown(RouteTable t) {
        List<Route> routes = new ArrayList<>(t.routes());
        routes.add(Route.to(Cidr.ANYWHERE, RouteTarget.Unresolved.omitted(Network.Omitted.ROUTE_TABLES)));
        return new RouteTable(t.name(), t.tier(), routes, t.subnetNames());
    }

    /** The main route table as {@link #routeTableOf} makes it, one per tier, so its lookup is worked out once. */
    private final Map<dev.stackwright.model.Tier, RouteTable> implicitMain =
            new java.util.concurrent.ConcurrentHashMap<>();

    private Blocker noRoute(RouteTable table, PacketSet in) {
        return new Blocker(
                "no-route",
                "route table " + table.name(),
                "route table " + table.name() + " has no route to " + space.describe(in.project(Dim.DST)));
    }

    private static String via(RoutePart part) {
        return part.route() == null ? "with no route" : "via " + label(part);
    }

    /** A way's words without their leading "via " ("0.0.0.0/0 -> NAT instance nat-a"), for lists of ways. */
    public static String withoutVia(String via) {
        return via.startsWith("via ") ? via.substring("via ".length()) : via;
    }

    /** "0.0.0.0/0 -> NAT instance nat-a", "::/0 -> egress-only internet gateway eigw-1". */
    private static String label(RoutePart part) {
        return part.v6() != null
                ? part.v6().label()
                : routeLabel(java.util.Objects.requireNonNull(part.route())); // only called on parts with a route
    }

    /** Where a part's route sends it, in words. */
    private static String targetText(RoutePart part) {
        return part.v6() != null
                ? part.v6().targetText()
                : java.util.Objects.requireNonNull(part.route()).target().describe();
    }

    static String routeLabel(Route r) {
        return r.destination().describe() + " -> " + r.target().describe();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers.

    private PacketSet initial(IntervalSet sources, IntervalSet destinations, PortRange ports) {
        List<Box> boxes = new ArrayList<>();
        boolean dualStack = space.dualStack();
        for (Interval s : dualStack ? AddressSpace.byFamily(sources) : sources.intervals()) {
            for (Interval d : dualStack ? AddressSpace.byFamily(destinations) : destinations.intervals()) {
                // A packet's addresses are of one family: IPv4 to IPv4 (or an AWS service), IPv6 to IPv6.
                if (!dualStack || AddressSpace.sameFamily(s, d)) {
                    boxes.add(new Box(s, EPHEMERAL, d, new Interval(ports.from(), ports.to())));
                }
            }
        }
        if (boxes.isEmpty()) {
            throw new IllegalArgumentException("a flow needs at least one source and one destination address");
        }
        return PacketSet.union(boxes);
    }

    static boolean protocolMatches(Protocol rule, Protocol packet) {
        return rule == Protocol.ALL || rule == packet;
    }

    private static String ruleLabel(SecurityGroupRule r, boolean ingress) {
        String what =
                r.protocol() == Protocol.ALL ? "all traffic" : r.protocol().id() + " " + r.ports();
        return (ingress ? "in " : "out ")
                + what
                + (ingress ? " from " : " to ")
                + r.peer().describe()
                + (r.description().isEmpty() ? "" : " (" + r.description() + ")");
    }

    private static String entryLabel(NetworkAcl.Entry e) {
        String what = e.protocol() == Protocol.ALL ? "all" : e.protocol().id() + " " + e.ports();
        return "rule " + e.ruleNumber() + " " + (e.allow() ? "allow " : "deny ") + what
                + (e.egress() ? " to " : " from ") + e.cidr()
                + (e.description().isEmpty() ? "" : " (" + e.description() + ")");
    }

    /** "tcp 443", "tcp 80, 443", "udp 1024-65535", "tcp (all ports)". */
    public static String ports(Protocol protocol, IntervalSet ports) {
        return protocol.id() + " " + portList(ports);
    }

    static String ports(Protocol protocol, PortRange ports) {
        return ports(protocol, IntervalSet.of(new Interval(ports.from(), ports.to())));
    }

    /** "443", "80, 443", "1024-65535", "all ports", "none". */
    public static String portList(IntervalSet ports) {
        if (ports.isEmpty()) {
            return "none";
        }
        if (ports.equals(EVERY_PORT)) {
            return "(all ports)";
        }
        return String.join(
                ", ", ports.intervals().stream().map(Interval::toString).toList());
    }

    private static Eval all(PacketSet in, String rule) {
        return new Eval(in, List.of(new Part(rule, in, true)));
    }

    private static Eval none() {
        return new Eval(PacketSet.empty(), List.of());
    }

    /** A rule and the packets it decided, allowed or denied. */
    private record Part(String rule, PacketSet packets, boolean allow) {}

    /** What a hop did to the packets it was given. */
    private record Eval(PacketSet admitted, List<Part> parts) {}

    /** A hop as evaluated, before the final set is known. */
    private record HopRecord(
            Hop.Direction direction,
            String component,
            int leg,
            List<Part> parts,
            Optional<Blocker> blocker,
            Optional<String> note,
            Optional<String> unmodelled) {}

    /** The hops of one way so far, and the packets still alive on it. */
    private final class Chain {
        PacketSet current;
        String via;
        int leg = 1;
        /** Whether hops are recorded; without, the chain stops at the first blocking hop. */
        final boolean explain;

        int blocked;
        /** What left the NAT on the second leg, for attributing its hops once the way is known. */
        PacketSet leg2Out = PacketSet.empty();
        /** What the model does not hold on this way so far; the packets that cross it go on, undecided. */
        List<String> unmodelled = new ArrayList<>();
        /**
         * The packets a security group missing from the input decides ({@link #untold}), as the hop saw them, and
         * what is missing: only those of the packets that get through are undecided, the rest are not.
         */
        PacketSet untold = PacketSet.empty();

        /** Copied when written: chains fork often, and few carry one. */
        List<String> untoldWhat = List.of();
        /**
         * The load balancer whose clients' addresses the packets carry (client IP preservation); empty when they carry
         * the source's own.
         */
        String clientsOf = "";

        private final List<HopRecord> hops;

        Chain(PacketSet initial, String via, boolean explain) {
            this(initial, via, new ArrayList<>(), explain);
        }

        private Chain(PacketSet initial, String via, List<HopRecord> hops, boolean explain) {
            this.current = initial;
            this.via = via;
            this.hops = hops;
            this.explain = explain;
        }

        Chain fork(PacketSet part, String newVia) {
            Chain c = new Chain(part, newVia, new ArrayList<>(hops), explain);
            c.leg = leg;
            c.leg2Out = leg2Out;
            c.blocked = blocked;
            c.unmodelled = new ArrayList<>(unmodelled);
            c.untold = untold;
            c.untoldWhat = untoldWhat;
            c.clientsOf = clientsOf;
            return c;
        }

        int blockers() {
            return blocked;
        }

        /**
         * Runs one hop. When it admits nothing, it is recorded as a blocker and the chain goes on with the packets it
         * was given, so later components that would block on their own are reported too.
         */
        void apply(
                Hop.Direction direction,
                String component,
                Function<PacketSet, Eval> check,
                Function<PacketSet, Blocker> blocker) {
            if (!explain && blocked > 0) {
                return;
            }
            Eval e = check.apply(current);
            if (e.admitted().isEmpty()) {
                blocked++;
                if (!explain) {
                    return;
                }
                hops.add(new HopRecord(
                        direction,
                        component,
                        leg,
                        List.of(),
                        Optional.of(blocker.apply(current)),
                        Optional.empty(),
                        Optional.empty()));
                return;
            }
            if (explain) {
                hops.add(new HopRecord(
                        direction,
                        component,
                        leg,
                        e.parts().stream().filter(Part::allow).toList(),
                        Optional.empty(),
                        narrowing(direction, current, e.admitted()),
                        Optional.empty()));
            }
            current = e.admitted();
        }

        /**
         * A hop the model does not hold (a VPN or Direct Connect route, a target an importer could not resolve): the
         * packets go on, but whatever gets through the rest of the way is undecided, not reachable.
         */
        void unmodelled(Hop.Direction direction, String component, String what) {
            if (!explain && blocked > 0) {
                return;
            }
            if (!unmodelled.contains(what)) {
                unmodelled.add(what);
            }
            if (explain) {
                hops.add(new HopRecord(
                        direction, component, leg, List.of(), Optional.empty(), Optional.empty(), Optional.of(what)));
            }
        }

        /**
         * A security group the input does not hold, which may admit {@code packets} (those the known groups do not):
         * they go on, and whichever of them get through the rest of the way are undecided, the others reachable. On
         * the second leg of a NAT the packets carry the NAT's address, not the request's: the whole way is undecided.
         */
        void untold(String component, String what, PacketSet packets) {
            if (leg != 1) {
                unmodelled(Hop.Direction.OUT, component, what);
                return;
            }
            if (!explain && blocked > 0) {
                return;
            }
            untold = untold.union(packets);
            if (!untoldWhat.contains(what)) {
                List<String> more = new ArrayList<>(untoldWhat);
                more.add(what);
                untoldWhat = List.copyOf(more);
            }
            if (explain) {
                hops.add(new HopRecord(
                        Hop.Direction.OUT,
                        component,
                        leg,
                        List.of(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(what)));
            }
        }

        Branch finish() {
            boolean blocked = blockers() > 0;
            boolean undecided = !blocked && !unmodelled.isEmpty();
            PacketSet admitted = blocked || undecided ? PacketSet.empty() : current;
            PacketSet open = undecided ? current : PacketSet.empty();
            // What only a missing group may admit is undecided; what the known groups admit stays reachable.
            PacketSet byMissing = blocked || untold.isEmpty() ? PacketSet.empty() : current.intersect(untold);
            List<String> what = unmodelled;
            if (!byMissing.isEmpty()) {
                admitted = admitted.minus(byMissing);
                open = open.union(byMissing);
                what = new ArrayList<>(unmodelled);
                for (String w : untoldWhat) {
                    if (!what.contains(w)) {
                        what.add(w);
                    }
                }
            }
            if (!explain) {
                return new Branch(via, List.of(), admitted, open, what);
            }
            PacketSet passed = open.isEmpty() ? admitted : admitted.isEmpty() ? open : admitted.union(open);
            PacketSet leg2 = blocked || leg2Out.isEmpty()
                    ? PacketSet.empty()
                    : leg2Out.intersect(passed.keep(EnumSet.of(Dim.DST, Dim.DPORT), full));
            List<Hop> out = new ArrayList<>();
            for (HopRecord h : hops) {
                if (byMissing.isEmpty()
                        && h.unmodelled().isPresent()
                        && untoldWhat.contains(h.unmodelled().get())) {
                    // the missing group's packets do not get through: it decides nothing here
                    continue;
                }
                PacketSet scope = h.leg() == 1 ? passed : leg2;
                List<String> rules = h.parts().stream()
                        .filter(p -> blocked || !p.packets().intersect(scope).isEmpty())
                        .map(Part::rule)
                        .distinct()
                        .toList();
                out.add(new Hop(h.direction(), h.component(), rules, h.blocker(), h.note(), h.unmodelled()));
            }
            return new Branch(via, out, admitted, open, what);
        }
    }

    /** What a hop narrowed the flow to, in words: "only from 203.0.113.0/24", "replies on ports 32768-65535 only". */
    private Optional<String> narrowing(Hop.Direction direction, PacketSet before, PacketSet after) {
        List<String> notes = new ArrayList<>();
        for (Dim d : Dim.ALL) {
            IntervalSet was = before.project(d);
            IntervalSet is = after.project(d);
            if (is.equals(was)) {
                continue;
            }
            notes.add(
                    switch (d) {
                        case SRC ->
                            (direction == Hop.Direction.OUT ? "only from " : "only replies to ") + space.describe(is);
                        case DST ->
                            (direction == Hop.Direction.OUT ? "only to " : "only replies from ") + space.describe(is);
                        case DPORT -> "only ports " + portList(is);
                        case SPORT ->
                            "only " + (direction == Hop.Direction.OUT ? "client ports " : "replies to ports ")
                                    + portList(is);
                    });
        }
        return notes.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", notes));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // IPv6: the side of a dual-stack network (Network.ipv6()). Its addresses share the line with IPv4 (see
    // AddressSpace), so the hops above filter both families; what differs is here.

    /**
     * An IPv6 route as the engine follows it.
     *
     * @param carrier    the IPv4 model's route to the same kind of target (local, the internet gateway, a peering
     *                   connection, a transit gateway), which the hops read
     * @param egressOnly whether the target is the egress-only internet gateway
     */
    private record Route6(
            Interval addresses, int prefix, Route carrier, boolean egressOnly, String label, String targetText) {}

    /**
     * A table's IPv6 routes, most specific first (longest prefix match, as for IPv4, within the family): the local
     * route over the VPC's IPv6 blocks, which every table has as it has the IPv4 one, and the table's own routes.
     * https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html
     */
    private List<Route6> routes6(RouteTable table) {
        DualStack d = network.ipv6().orElseThrow(); // only asked of dual-stack networks
        Route local = Route.to(network.vpc().cidr(), new RouteTarget.Local());
        List<Route6> out = new ArrayList<>();
        List<inet.ipaddr.IPAddress> blocks = new ArrayList<>();
        blocks.add(d.vpcBlock().addresses());
        d.subnets().stream()
                .map(b -> b.block().addresses())
                .filter(b -> !blocks.getFirst().contains(b))
                .forEach(blocks::add);
        for (inet.ipaddr.IPAddress b : blocks) {
            Interval at = space.ipv6(b);
            out.add(new Route6(at, prefix(b), local, false, space.describe(IntervalSet.of(at)) + " -> local", "local"));
        }
        String eigw = d.egressOnlyGateways().isEmpty()
                ? "egress-only internet gateway"
                : "egress-only internet gateway " + d.egressOnlyGateways().getFirst();
        if (routesOmitted) {
            // As for IPv4 (unknown): the local routes, and the rest to a target not modelled.
            inet.ipaddr.IPAddress any =
                    AddressSpace.tryParse6(DualStack.Ipv6Route.ANYWHERE).orElseThrow();
            out.add(new Route6(
                    space.ipv6(any),
                    0,
                    Route.to(Cidr.ANYWHERE, RouteTarget.Unresolved.omitted(Network.Omitted.ROUTE_TABLES)),
                    false,
                    "::/0 -> not modelled",
                    "not modelled"));
        }
        for (DualStack.Ipv6Route r : d.routesOf(table.name())) {
            Optional<inet.ipaddr.IPAddress> block = AddressSpace.tryParse6(r.destination());
            if (block.isEmpty()) {
                continue; // importers report what they could not read
            }
            RouteTarget target = r.routeTarget();
            String text = switch (r.target()) {
                case EGRESS_ONLY_INTERNET_GATEWAY -> eigw;
                case UNMODELLED -> "a target not modelled for IPv6";
                default -> target.describe();
            };
            out.add(new Route6(
                    space.ipv6(block.get()),
                    prefix(block.get()),
                    Route.to(Cidr.ANYWHERE, target),
                    r.target() == DualStack.Target.EGRESS_ONLY_INTERNET_GATEWAY,
                    describe6(block.get()) + " -> "
                            + (r.target() == DualStack.Target.UNMODELLED ? "not modelled" : text),
                    text));
        }
        out.sort(LongestPrefix.mostSpecificFirst(Route6::prefix));
        return List.copyOf(out);
    }

    private @Nullable IntervalSet linked6;

    /** The IPv6 blocks some route table sends to a peering connection or transit gateway (none without IPv6). */
    private IntervalSet linked6() {
        IntervalSet out = linked6;
        if (out == null) {
            out = routed6(t -> t instanceof RouteTarget.Peering || t instanceof RouteTarget.TransitGateway);
            linked6 = out;
        }
        return out;
    }

    /** The IPv6 blocks some route table sends to a target {@code which} accepts (none without IPv6). */
    private IntervalSet routed6(Predicate<RouteTarget> which) {
        IntervalSet out = IntervalSet.empty();
        if (network.ipv6().isPresent()) {
            for (RouteTable t : network.routeTables()) {
                for (Route6 r : routes6(t)) {
                    if (which.test(r.carrier().target())) {
                        out = out.union(IntervalSet.of(r.addresses()));
                    }
                }
            }
        }
        return out;
    }

    private @Nullable IntervalSet otherVpcs6;

    /**
     * The IPv6 addresses known to be other VPCs': the blocks this VPC's tables route to a peering connection (which
     * joins two VPCs and nothing else), and the IPv6 blocks of the other VPCs attached to a transit gateway the input
     * describes. What {@link #intoAnotherVpc} stops as a destination, seen as a source.
     */
    private IntervalSet otherVpcs6() {
        IntervalSet out = otherVpcs6;
        if (out == null) {
            out = routed6(t -> t instanceof RouteTarget.Peering);
            if (network.ipv6().isPresent()) {
                for (TransitGateways.Attachment a : transit.attachments()) {
                    boolean another =
                            a.vpc().filter(v -> !v.equals(network.stackName())).isPresent();
                    if (another && transit.describes(a.gatewayId())) {
                        out = out.union(space.blocksOf(a).intersect(space.internet6()));
                    }
                }
            }
            otherVpcs6 = out;
        }
        return out;
    }

    /** A block as routes and rules write it: {@code ::/0}, {@code 2600:1f18::/56}. */
    private static String describe6(inet.ipaddr.IPAddress block) {
        return block.toCanonicalString();
    }

    private static int prefix(inet.ipaddr.IPAddress block) {
        Integer p = block.getNetworkPrefixLength();
        return p == null ? 128 : p;
    }

    private static boolean egressOnly(RoutePart part) {
        return part.v6() != null && part.v6().egressOnly();
    }

    /**
     * Out over IPv6: the gateway must be there, and only the IPv6 internet lies beyond it. No public IP is needed: a
     * VPC's IPv6 addresses are public. An egress-only internet gateway lets out connections started inside the VPC
     * and lets their replies in ("used to enable outbound communication over IPv6 from instances in your VPC to the
     * internet, and prevents hosts outside of your VPC from initiating an IPv6 connection with your instance":
     * CreateEgressOnlyInternetGateway, https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html).
     */
    private void internetGateway6(Chain c, Route6 r) {
        if (r.egressOnly()) {
            boolean exists =
                    network.ipv6().map(d -> !d.egressOnlyGateways().isEmpty()).orElse(false);
            internetDestination(
                    c,
                    r.targetText(),
                    exists,
                    "lets out connections started inside the VPC, and their replies back in");
        } else {
            internetDestination(c, "internet gateway", network.internetGateway(), "attached to the VPC");
        }
    }

    /**
     * From the IPv6 internet: through the internet gateway, straight to the destination's IPv6 address (it needs
     * one: an address in its subnet's /64), then as from the IPv4 internet; the replies must leave by the internet
     * gateway, not an egress-only one.
     */
    private Branch inbound6(Flow flow, IntervalSet sources, Location.Resource d, boolean explain) {
        IntervalSet at = d.addresses().minus(IntervalSet.of(new Interval(0, AddressSpace.IPV6_BASE - 1)));
        boolean has = !at.isEmpty();
        Optional<Interval> subnetBlock = space.subnetIpv6(d.subnet());
        IntervalSet target = has ? at : subnetBlock.map(IntervalSet::of).orElse(space.vpc6());
        Chain c = new Chain(
                initial(sources, target, flow.ports()), "from the IPv6 internet through the internet gateway", explain);
        internetGatewayIn(c);
        String component = "IPv6 address of " + d.name();
        c.apply(
                Hop.Direction.OUT,
                component,
                in -> has ? all(in, d.name() + " has an IPv6 address") : none(),
                in -> new Blocker(
                        "no-ipv6-address",
                        component,
                        d.name() + " has no IPv6 address"
                                + (subnetBlock.isEmpty()
                                        ? " (subnet " + d.subnet().name() + " has no IPv6 block)"
                                        : " (subnet " + d.subnet().name() + " does not assign one on creation)")
                                + ", so nothing reaches it over IPv6"));
        entering(
                flow,
                c,
                new Location.Outside(Names.INTERNET, sources),
                d,
                "the internet gateway",
                t -> t instanceof RouteTarget.InternetGateway);
        return c.finish();
    }

    private Blocker egressOnlyBlocker(String component, RouteTable table, String where, RoutePart part) {
        return new Blocker(
                "egress-only",
                component,
                "replies to " + where + " leave route table " + table.name() + " through " + targetText(part)
                        + ", which carries only connections started inside the VPC: the internet cannot open one");
    }

    /**
     * A flow whose ends share no address family (an end with IPv4 addresses only, the other IPv6 only) has no packet:
     * the answer names the end that lacks the family.
     */
    private Optional<List<Branch>> noCommonFamily(Flow flow) {
        IntervalSet from = addressesOf(flow.source());
        IntervalSet to = addressesOf(flow.destination());
        if (sharesFamily(from, to)) {
            return Optional.empty();
        }
        boolean toIsV6 =
                !to.isEmpty() && AddressSpace.isIpv6(to.intervals().getLast().hi());
        Location lacking = toIsV6 ? flow.source() : flow.destination();
        String family = toIsV6 ? "IPv6" : "IPv4";
        String component = family + " address of " + lacking.name();
        Blocker blocker = new Blocker(
                toIsV6 ? "no-ipv6-address" : "no-ipv4-address",
                component,
                lacking.name() + " has no " + family + " address, and "
                        + (toIsV6 ? flow.destination() : flow.source()).name() + " has no other");
        return Optional.of(List.of(new Branch(
                "with no address of one family at both ends",
                List.of(new Hop(Hop.Direction.OUT, component, List.of(), Optional.of(blocker), Optional.empty())),
                PacketSet.empty())));
    }

    private static boolean ipv6In(IntervalSet addresses) {
        return !addresses.isEmpty()
                && AddressSpace.isIpv6(addresses.intervals().getLast().hi());
    }

    private static boolean sharesFamily(IntervalSet from, IntervalSet to) {
        for (Interval a : AddressSpace.byFamily(from)) {
            for (Interval b : AddressSpace.byFamily(to)) {
                if (AddressSpace.sameFamily(a, b)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static IntervalSet addressesOf(Location l) {
        return switch (l) {
            case Location.Resource r -> r.addresses();
            case Location.Outside o -> o.addresses();
        };
    }

    /** A group's rules on IPv6 blocks in one direction. */
    private List<DualStack.Ipv6Rule> rules6(SecurityGroup g, boolean ingress) {
        return rules6ByGroup.isEmpty()
                ? List.of()
                : rules6ByGroup.getOrDefault(g.name() + (ingress ? "/in" : "/out"), List.of());
    }

    private Optional<Box> ruleBox6(DualStack.Ipv6Rule rule, Dim peerDim, Protocol protocol) {
        if (!protocolMatches(rule.protocol(), protocol)) {
            return Optional.empty();
        }
        Box box = rule.protocol() == Protocol.ALL
                ? full
                : full.with(
                        Dim.DPORT,
                        new Interval(rule.ports().from(), rule.ports().to()));
        return space.ipv6(rule.cidr()).map(at -> box.with(peerDim, at));
    }

    /** "anywhere (::/0)", the block, or what a stand-in block stands for (the VPC's, a subnet's). */
    public String peer6(String cidr) {
        if (cidr.strip().equals(DualStack.Ipv6Route.ANYWHERE)) {
            return "anywhere (::/0)";
        }
        return dev.stackwright.model.Ipv6Block.Known.tryParse(cidr)
                .filter(dev.stackwright.model.Ipv6Block::standIn)
                .map(k -> space.describe(IntervalSet.of(space.ipv6(k.block()))))
                .orElse(cidr.strip());
    }

    private String ruleLabel6(DualStack.Ipv6Rule r) {
        String what =
                r.protocol() == Protocol.ALL ? "all traffic" : r.protocol().id() + " " + r.ports();
        return (r.egress() ? "out " : "in ")
                + what
                + (r.egress() ? " to " : " from ")
                + peer6(r.cidr())
                + (r.description().isEmpty() ? "" : " (" + r.description() + ")");
    }

    private List<DualStack.AclEntry> entries6(NetworkAcl acl, boolean egress) {
        if (!space.dualStack()) {
            return List.of();
        }
        return network.ipv6().orElseThrow().aclEntries().stream()
                .filter(e -> e.aclName().equals(acl.name()) && e.egress() == egress)
                .sorted(Comparator.comparingInt(DualStack.AclEntry::ruleNumber))
                .toList();
    }

    private String entryLabel6(DualStack.AclEntry e) {
        String what = e.protocol() == Protocol.ALL ? "all" : e.protocol().id() + " " + e.ports();
        return "rule " + e.ruleNumber() + " " + (e.allow() ? "allow " : "deny ") + what
                + (e.egress() ? " to " : " from ")
                + (e.block().standIn()
                        ? space.describe(IntervalSet.of(space.ipv6(e.block().addresses())))
                        : e.block().addresses().toCanonicalString())
                + (e.description().isEmpty() ? "" : " (" + e.description() + ")");
    }

    /** The addresses two blocks share (a CIDR and a subnet). */
    static IntervalSet overlap(Cidr a, Cidr b) {
        return IntervalSet.of(AddressSpace.ipv4(a)).intersect(AddressSpace.ipv4(b));
    }
}
