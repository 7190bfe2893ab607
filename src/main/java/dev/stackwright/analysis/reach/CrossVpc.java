package dev.stackwright.analysis.reach;

import dev.stackwright.model.DualStack;
import dev.stackwright.model.IpPrefix;
import dev.stackwright.model.Ipv6Block;
import dev.stackwright.model.LongestPrefix;
import dev.stackwright.model.Network;
import dev.stackwright.model.Peer;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteDestination;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.RouteTarget;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.Subnet;
import dev.stackwright.model.TransitGateways;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * A flow between two VPCs, as two legs the engine already answers and the link between them: leaving the source's
 * VPC towards the destination's addresses (through a peering connection or transit gateway), the link itself (both
 * VPCs route through the same one, both ways, and their blocks do not overlap), and entering the destination's VPC
 * from the source's addresses, with its way back. Over a transit gateway the input describes (attachments, route
 * tables), the link is {@link TransitPath}'s walk both ways; over one it only names, an attachment is taken to
 * propagate its VPC's routes, which is AWS's default.
 */
public final class CrossVpc {
    private CrossVpc() {}

    /** One VPC's part of the flow. */
    public record Leg(Network network, Reachability reach, Answer answer) {}

    /** An address family, as the link checks take one: its own blocks, routes and addresses. */
    public enum Family {
        IPV4("IPv4"),
        IPV6("IPv6");

        private final String label;

        Family(String label) {
            this.label = label;
        }

        /** "IPv4", "IPv6". */
        public String label() {
            return label;
        }

        /** The family's part of a set of the line (IPv4 holds the AWS service points, reached over IPv4). */
        IntervalSet of(IntervalSet addresses) {
            Interval part = this == IPV6
                    ? new Interval(AddressSpace.IPV6_BASE, Long.MAX_VALUE)
                    : new Interval(0, AddressSpace.IPV6_BASE - 1);
            return addresses.intersect(part);
        }

        /** Whether a set holds some address of this family. */
        boolean in(IntervalSet addresses) {
            return !of(addresses).isEmpty();
        }
    }

    /**
     * The families a flow between two ends is checked in: each that both ends have addresses of, IPv4 first. Ends that
     * share none are checked in one, IPv6 when either has IPv6 addresses, else IPv4, and their legs name the end that
     * lacks it ({@code no-ipv6-address}). The one place that splits a flow by family.
     */
    public static List<Family> families(IntervalSet source, IntervalSet destination) {
        List<Family> shared = new ArrayList<>();
        for (Family f : Family.values()) {
            if (f.in(source) && f.in(destination)) {
                shared.add(f);
            }
        }
        if (!shared.isEmpty()) {
            return shared;
        }
        return List.of(Family.IPV6.in(source) || Family.IPV6.in(destination) ? Family.IPV6 : Family.IPV4);
    }

    /**
     * The flow across two VPCs in one family: the leg that leaves, the link, and the leg that enters.
     *
     * @param family       the family whose blocks and routes the link checks read, and whose addresses the legs carry
     *                     (both families' when the ends share only one)
     * @param link         the peering connection or transit gateway the source's route uses, when it has one
     * @param linkPath     what the transit gateways did, both ways (empty over a peering connection)
     * @param linkBlockers why the link does not carry the flow; empty when it does
     * @param linkUnknown  what the link crosses that the model does not hold (a VPN attachment); empty when nothing
     * @param unrouted     the link blocker that says the source's subnet has no route of this family towards the
     *                     other VPC at all, when that is so: the one thing to say of the family (its legs' blockers
     *                     only repeat it)
     */
    public record Result(
            Family family,
            Leg leaving,
            Optional<RouteTarget> link,
            List<String> linkPath,
            List<Blocker> linkBlockers,
            List<String> linkUnknown,
            Leg entering,
            Optional<Blocker> unrouted) {
        public Result {
            linkPath = List.copyOf(linkPath);
            linkBlockers = List.copyOf(linkBlockers);
            linkUnknown = List.copyOf(linkUnknown);
        }

        /** Whether the family's blocks of a VPC or subnet on the way are not in the input (Amazon-provided IPv6). */
        public boolean blocksUnknown() {
            return link.isEmpty() && linkBlockers.isEmpty() && !linkUnknown.isEmpty();
        }

        /** Whether the link carries the flow both ways, as far as the model tells. */
        public boolean linkCarries() {
            return linkBlockers.isEmpty() && linkUnknown.isEmpty() && delivered(linkPath);
        }

        /** The link's blockers as sentences. */
        public List<String> linkProblems() {
            return linkBlockers.stream().map(Blocker::message).toList();
        }

        public boolean reachable() {
            return verdict() == Verdict.REACHABLE;
        }

        /**
         * Blocked when the link or a leg blocks; else cannot tell when the link or a leg cannot; else reachable. When
         * the family's blocks are not in the input ({@link #blocksUnknown}), cannot tell: the legs place the other end
         * at addresses that stand in for it, so what they block is not known either.
         */
        public Verdict verdict() {
            if (blocksUnknown()) {
                return Verdict.CANNOT_TELL;
            }
            Verdict out = leaving.answer().verdict();
            Verdict in = entering.answer().verdict();
            if (!linkBlockers.isEmpty() || out == Verdict.BLOCKED || in == Verdict.BLOCKED) {
                return Verdict.BLOCKED;
            }
            return out == Verdict.REACHABLE && in == Verdict.REACHABLE && linkUnknown.isEmpty()
                    ? Verdict.REACHABLE
                    : Verdict.CANNOT_TELL;
        }

        /** Every blocker of this family's flow, once each, in path order: the leg out, the link, the leg in. */
        public List<Blocker> blockers() {
            LinkedHashSet<Blocker> all = new LinkedHashSet<>(leaving.answer().blockers());
            all.addAll(linkBlockers);
            all.addAll(entering.answer().blockers());
            return List.copyOf(all);
        }

        /** What the model does not hold on this family's flow, once each. */
        public List<String> unmodelled() {
            LinkedHashSet<String> all = new LinkedHashSet<>(leaving.answer().unmodelled());
            all.addAll(linkUnknown);
            all.addAll(entering.answer().unmodelled());
            return List.copyOf(all);
        }
    }

    /**
     * The flow between one pair of ends, in each family both have addresses of ({@link #families}). Like a flow within
     * one VPC, whose packets of either family may get through, it is reachable when some family reaches; blocked when
     * every family is; else cannot tell.
     *
     * @param families one result per family, IPv4 first
     */
    public record Pair(List<Result> families) {
        public Pair {
            families = List.copyOf(families);
            if (families.isEmpty()) {
                throw new IllegalArgumentException("a pair is checked in at least one family");
            }
        }

        public Verdict verdict() {
            List<Verdict> each = families.stream().map(Result::verdict).toList();
            if (each.contains(Verdict.REACHABLE)) {
                return Verdict.REACHABLE;
            }
            return each.stream().allMatch(v -> v == Verdict.BLOCKED) ? Verdict.BLOCKED : Verdict.CANNOT_TELL;
        }

        public boolean reachable() {
            return verdict() == Verdict.REACHABLE;
        }

        /** Whether the ends hold both families, so the answer says which get through. */
        public boolean dualStack() {
            return families.size() > 1;
        }

        /** The results of the families with that verdict. */
        public List<Result> with(Verdict verdict) {
            return families.stream().filter(r -> r.verdict() == verdict).toList();
        }
    }

    /** A flow between two VPCs whose transit gateways, if any, the input does not describe. */
    public static Pair evaluate(
            Network from,
            Location.Resource source,
            Network to,
            Location.Resource destination,
            Protocol protocol,
            PortRange ports) {
        return evaluate(from, source, to, destination, protocol, ports, TransitGateways.NONE);
    }

    /**
     * A flow between two VPCs over the input's transit gateways. Each end is named on its own network's line as
     * {@code new AddressSpace(network, transit)} draws it (as {@link Reachability} does), and put on the other's here.
     * The link is checked in each family the ends share, with the legs carrying that family's addresses only: a
     * dual-stack VPC routes each family by its own routes ("If you have a VPC peering connection between VPCs that have
     * associated IPv6 CIDR blocks, you can add a route to your route table that points to the IPv6 CIDR block of the
     * peer VPC": https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html), so one family may cross
     * where the other does not.
     */
    public static Pair evaluate(
            Network from,
            Location.Resource source,
            Network to,
            Location.Resource destination,
            Protocol protocol,
            PortRange ports,
            TransitGateways transit) {
        return evaluate(
                new Reachability(from, transit),
                source,
                new Reachability(to, transit),
                destination,
                protocol,
                ports,
                transit);
    }

    /**
     * The same over engines already made for the two VPCs, each {@code new Reachability(network, transit)} over the
     * same {@code transit}: {@code check} asks many flows between the same two VPCs ({@link BetweenVpcs}).
     */
    public static Pair evaluate(
            Reachability out,
            Location.Resource source,
            Reachability in,
            Location.Resource destination,
            Protocol protocol,
            PortRange ports,
            TransitGateways transit) {
        return evaluate(out, source, in, destination, protocol, ports, transit, true);
    }

    /**
     * The same; without {@code explain}, the legs carry their packets and what is not modelled but no hops (as
     * {@link Reachability#admitted} answers): the same packets and link checks, for {@code check}, which asks every
     * pair of groups that may meet and shows no hops ({@link BetweenVpcs}).
     */
    static Pair evaluate(
            Reachability out,
            Location.Resource source,
            Reachability in,
            Location.Resource destination,
            Protocol protocol,
            PortRange ports,
            TransitGateways transit,
            boolean explain) {
        Network from = out.network();
        Network to = in.network();
        List<Family> families = families(source.addresses(), destination.addresses());
        List<Result> results = new ArrayList<>();
        for (Family f : families) {
            // Ends that share one family keep all their addresses, so a leg names the end that lacks the other.
            Location.Resource s = families.size() == 1 ? source : restricted(source, f);
            Location.Resource d = families.size() == 1 ? destination : restricted(destination, f);
            results.add(inFamily(f, new Side(from, out, s), new Side(to, in, d), protocol, ports, transit, explain));
        }
        return new Pair(results);
    }

    /** One VPC, its engine, and the end of the flow in it. */
    private record Side(Network network, Reachability reach, Location.Resource end) {}

    /** An end with its addresses of one family only. */
    private static Location.Resource restricted(Location.Resource end, Family family) {
        return new Location.Resource(end.attachment(), end.subnet(), family.of(end.addresses()), end.byAddress());
    }

    /** The flow across in one family: the legs, then the link checks over that family's blocks. */
    private static Result inFamily(
            Family family,
            Side a,
            Side b,
            Protocol protocol,
            PortRange ports,
            TransitGateways transit,
            boolean explain) {
        Network from = a.network();
        Network to = b.network();
        Location.Resource source = a.end();
        Location.Resource destination = b.end();
        List<Blocker> problems = new ArrayList<>();
        List<String> path = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        Optional<Blocks> blocks = family == Family.IPV6
                ? Blocks.ipv6(from, source.subnet(), to, destination.subnet(), problems, unknown)
                : Optional.of(Blocks.ipv4(from, source.subnet(), to, destination.subnet()));
        // Each leg sees the other end as one attachment of the other VPC, over the link the source's route takes
        // (the checks below say whether it carries the flow), so rules naming the other VPC's groups can match it.
        // Where the family's blocks are not all known, the route for the IPv4 block stands in, as it always has.
        IpPrefix toward = blocks.map(Blocks::toSubnet)
                .orElseGet(() -> IpPrefix.of(destination.subnet().cidr()));
        // Without the source VPC's route tables, which link its subnets route through is not known: the legs then
        // see the other end over that unknown, so a reference to the other VPC's groups is cannot tell, not "no".
        Optional<RouteTarget> across = from.omits(Network.Omitted.ROUTE_TABLES)
                ? Optional.of(RouteTarget.Unresolved.omitted(Network.Omitted.ROUTE_TABLES))
                : linkRoute(from, source.subnet().name(), toward);
        Flow outward = new Flow(
                source,
                new Location.Outside(
                        destination.name() + " in " + to.stackName(),
                        a.reach().space().from(b.reach().space(), destination.addresses()),
                        Optional.of(new Location.Member(
                                to.stackName(), destination.attachment().securityGroupNames(), across))),
                protocol,
                ports);
        Answer leaving = a.reach().evaluate(outward, explain);
        Answer entering = b.reach()
                .evaluate(
                        new Flow(
                                new Location.Outside(
                                        source.name() + " in " + from.stackName(),
                                        b.reach().space().from(a.reach().space(), source.addresses()),
                                        Optional.of(new Location.Member(
                                                from.stackName(),
                                                source.attachment().securityGroupNames(),
                                                across))),
                                destination,
                                protocol,
                                ports),
                        explain);
        Leg out = new Leg(from, a.reach(), leaving);
        Leg in = new Leg(to, b.reach(), entering);
        Optional<RouteTarget.Unresolved> unresolved = across.filter(t -> t instanceof RouteTarget.Unresolved)
                .map(RouteTarget.Unresolved.class::cast)
                .or(() -> to.omits(Network.Omitted.ROUTE_TABLES)
                        ? Optional.of(RouteTarget.Unresolved.omitted(Network.Omitted.ROUTE_TABLES))
                        : Optional.empty());
        if (unresolved.isPresent()) {
            // A VPC's route tables left out of the input, or a route towards the other VPC to a target the model
            // does not hold: whether a link carries the flow is not known, so cannot tell, unless a leg blocks on
            // its own.
            unknown.add(unresolved.get().description());
            return new Result(
                    family, out, Optional.of(unresolved.get()), path, problems, unknown, in, Optional.empty());
        }
        if (blocks.isEmpty()) {
            // Blocks not in the input: no route can be told to lead to them, unless none of the source's leads out.
            Optional<Blocker> unrouted = Optional.empty();
            if (!unknown.isEmpty() && !routesIpv6Out(from, source.subnet())) {
                unrouted = Optional.of(noLink("no route from " + source.subnet().name() + " sends IPv6 to a peering"
                        + " connection or transit gateway, so none leads towards " + to.stackName()));
                problems.add(unrouted.get());
                unknown.clear();
            } else if (!unknown.isEmpty()
                    && !(mayAdmitIpv6(from, source, true, protocol, to, destination)
                            && mayAdmitIpv6(to, destination, false, protocol, from, source))) {
                // An end's groups admit no IPv6 of this protocol from any address: its leg's blocker stands.
                unknown.clear();
            }
            return new Result(family, out, Optional.empty(), path, problems, unknown, in, unrouted);
        }
        Blocks bl = blocks.get();
        if (bl.fromVpc().overlaps(bl.toVpc())) {
            problems.add(noLink(from.stackName() + " (" + bl.fromVpc() + ") and " + to.stackName() + " (" + bl.toVpc()
                    + ") overlap, so no route between them can be told from the local one"));
        }
        Optional<RouteTarget> link = across;
        Optional<Blocker> unrouted = Optional.empty();
        if (link.isEmpty()) {
            unrouted = Optional.of(noLink("no route from " + source.subnet().name() + " towards " + to.stackName()
                    + "'s " + family.label() + " blocks (none sends " + bl.toSubnet()
                    + " to a peering connection or transit gateway)"));
            problems.add(unrouted.get());
        } else if (link.get() instanceof RouteTarget.TransitGateway t && transit.describes(t.transitGatewayId())) {
            Optional<RouteTarget> back = linkRoute(to, destination.subnet().name(), bl.fromSubnet());
            List<Blocker> forward = new ArrayList<>();
            List<String> forwardUnknown = new ArrayList<>();
            overTransit(transit, t, from, source.subnet(), to, bl.toSubnet(), new Walk(path, forward, forwardUnknown));
            // The leaving leg walks the same gateways and already names what stops it there.
            // Its blockers are known only when explained: asked again, here only (same packets either way).
            Answer explained = explain ? leaving : a.reach().evaluate(outward, true);
            forward.stream().filter(x -> !explained.blockers().contains(x)).forEach(problems::add);
            forwardUnknown.stream()
                    .filter(u -> !explained.unmodelled().contains(u))
                    .forEach(unknown::add);
            if (back.isPresent() && back.get() instanceof RouteTarget.Unresolved u) {
                unknown.add(u.description());
            } else if (back.isEmpty() || !(back.get() instanceof RouteTarget.TransitGateway r)) {
                problems.add(noLink("the way back from " + destination.subnet().name() + " to " + bl.fromSubnet()
                        + " is not through a transit gateway"
                        + back.map(x -> " but " + x.describe()).orElse(": it has no such route")
                        + ", so replies take another path or none"));
            } else {
                overTransit(
                        transit, r, to, destination.subnet(), from, bl.fromSubnet(), new Walk(path, problems, unknown));
            }
        } else {
            RouteTarget l = link.get();
            Optional<RouteTarget> back = linkRoute(to, destination.subnet().name(), bl.fromSubnet());
            boolean otherEnd = to.routeTables().stream()
                            .flatMap(t -> t.routes().stream())
                            .anyMatch(r -> r.target().equals(l))
                    || to.ipv6().stream()
                            .flatMap(d -> d.routes().stream())
                            .anyMatch(r -> r.routeTarget().equals(l));
            if (!otherEnd) {
                problems.add(noLink(l.describe() + " does not lead to " + to.stackName()
                        + ": none of its route tables uses it"
                        + (l instanceof RouteTarget.Peering ? " (a peering connection joins exactly two VPCs)" : "")));
            } else if (back.orElse(null) instanceof RouteTarget.Unresolved u) {
                unknown.add(u.description());
            } else if (!back.equals(link)) {
                problems.add(noLink("the way back from " + destination.subnet().name() + " to " + bl.fromSubnet()
                        + " is not through " + l.describe() + ", so replies take another path or none"));
            }
        }
        return new Result(family, out, link, path, problems, unknown, in, unrouted);
    }

    /**
     * Whether an end's security groups may let the other end's IPv6 packets of a protocol through, whatever its
     * addresses: they are not all in the input (or there are none), or one has an IPv6 rule of the protocol, or a rule
     * naming the other end's group across the link. The same reading as {@link BetweenVpcs}' candidates.
     */
    static boolean mayAdmitIpv6(
            Network owner,
            Location.Resource end,
            boolean egress,
            Protocol protocol,
            Network other,
            Location.Resource otherEnd) {
        List<String> names = end.attachment().securityGroupNames();
        if (names.isEmpty()
                || names.stream().anyMatch(n -> owner.securityGroup(n).isEmpty())) {
            return true;
        }
        List<String> theirs = otherEnd.attachment().securityGroupNames();
        for (String name : names) {
            boolean ipv6 = owner.ipv6().stream()
                    .flatMap(d -> d.rulesOf(name, egress).stream())
                    .anyMatch(r -> Reachability.protocolMatches(r.protocol(), protocol));
            SecurityGroup g = owner.securityGroup(name).orElseThrow();
            boolean named = (egress ? g.egress() : g.ingress())
                    .stream()
                            .anyMatch(r -> Reachability.protocolMatches(r.protocol(), protocol)
                                    && r.peer() instanceof Peer.OtherVpcGroup ref
                                    && theirs.contains(ref.groupName())
                                    && (!ref.inInput() || ref.vpc().equals(other.stackName())));
            if (ipv6 || named) {
                return true;
            }
        }
        return false;
    }

    /** Whether the subnet's route table has an IPv6 route to a peering connection or transit gateway. */
    private static boolean routesIpv6Out(Network n, Subnet subnet) {
        return n.routeTableOf(subnet.name())
                .map(t -> n.ipv6().map(d -> d.routesOf(t.name())).orElse(List.of()).stream()
                        .anyMatch(r -> Links.isLink(r.routeTarget())))
                .orElse(false);
    }

    /** The blocks of the flow's family that the link checks compare and route: each VPC's and each end's subnet's. */
    private record Blocks(IpPrefix fromVpc, IpPrefix toVpc, IpPrefix fromSubnet, IpPrefix toSubnet) {
        static Blocks ipv4(Network from, Subnet source, Network to, Subnet destination) {
            return new Blocks(
                    IpPrefix.of(from.vpc().cidr()),
                    IpPrefix.of(to.vpc().cidr()),
                    IpPrefix.of(source.cidr()),
                    IpPrefix.of(destination.cidr()));
        }

        /**
         * The IPv6 blocks, when the input gives them all. A subnet without one is a {@code no-link}; a block that is
         * not in the input (Amazon-provided) leaves the link unknown, as no route can be told to lead to it.
         */
        static Optional<Blocks> ipv6(
                Network from,
                Subnet source,
                Network to,
                Subnet destination,
                List<Blocker> problems,
                List<String> unknown) {
            List<Optional<Ipv6Block>> found = List.of(
                    from.ipv6().map(DualStack::vpcBlock),
                    to.ipv6().map(DualStack::vpcBlock),
                    from.ipv6().flatMap(d -> d.subnet(source.name())).map(DualStack.SubnetBlock::block),
                    to.ipv6().flatMap(d -> d.subnet(destination.name())).map(DualStack.SubnetBlock::block));
            List<String> names = List.of(from.stackName(), to.stackName(), source.name(), destination.name());
            for (int i = 0; i < found.size(); i++) {
                if (found.get(i).isEmpty()) {
                    problems.add(noLink(names.get(i) + " has no IPv6 block, so no IPv6 route leads to or from it"));
                    return Optional.empty();
                }
            }
            for (int i = 0; i < found.size(); i++) {
                if (found.get(i).get().standIn()) {
                    unknown.add("the IPv6 block of " + names.get(i) + " (Amazon-provided, not in the input)");
                    return Optional.empty();
                }
            }
            List<IpPrefix> b = found.stream()
                    .map(x -> new IpPrefix(x.orElseThrow().addresses()))
                    .toList();
            return Optional.of(new Blocks(b.get(0), b.get(1), b.get(2), b.get(3)));
        }
    }

    /** Marks the line of {@link Result#linkPath} where a walk over transit gateways ends without delivering. */
    public static final String STOPPED = "  stopped: ";

    /** Whether every walk over the link delivered (the link's own blockers aside). */
    static boolean delivered(List<String> path) {
        return path.stream().noneMatch(l -> l.startsWith(STOPPED));
    }

    private static Blocker noLink(String message) {
        return new Blocker("no-link", "the link between the VPCs", message);
    }

    /** What walks over transit gateways report: the path's lines, the blockers and what the model holds not. */
    private record Walk(List<String> path, List<Blocker> problems, List<String> unknown) {}

    /**
     * One direction over transit gateways: from {@code start} (a subnet of {@code from}) to {@code end}, the block of
     * the other end's subnet, which must be handed to {@code to}'s attachment. Requests may enter {@code to} in any
     * zone; the replies' walk, which starts in the other end's zone, is where a zone without an attachment stops the
     * flow.
     */
    private static void overTransit(
            TransitGateways transit,
            RouteTarget.TransitGateway gateway,
            Network from,
            Subnet start,
            Network to,
            IpPrefix end,
            Walk into) {
        TransitPath.End walk = TransitPath.follow(transit, gateway.transitGatewayId(), from, start, end);
        into.path().add(start.name() + " -> " + end + ":");
        walk.hops().forEach(h -> into.path().add("  " + h));
        switch (walk) {
            case TransitPath.Stopped s -> {
                into.path().add(STOPPED + s.blocker().code());
                into.problems().add(s.blocker());
            }
            case TransitPath.Unknown u -> {
                into.path().add(STOPPED + "cannot tell: " + u.what() + " not modelled");
                into.unknown().add(u.what());
            }
            case TransitPath.Delivered d -> {
                String component = "transit gateway " + d.attachment().gatewayId();
                if (!d.attachment().vpc().filter(to.stackName()::equals).isPresent()) {
                    into.problems()
                            .add(new Blocker(
                                    "tgw-wrong-vpc",
                                    component,
                                    "the transit gateways hand " + end + " to "
                                            + d.attachment().describe() + " of "
                                            + d.attachment().vpc().orElse("another VPC") + ", not to "
                                            + to.stackName()));
                }
            }
        }
    }

    /** A route of a table as the link checks read it: its block (either family) and its target. */
    private record LinkRoute(IpPrefix block, RouteTarget target) {}

    /**
     * The peering, transit gateway or unresolved route (a target the model does not hold, which may lead anywhere) a
     * subnet's table uses for a block of either family: the most specific that holds it ({@link LongestPrefix}), among
     * the table's IPv4 routes, its IPv6 ones and the local route over the VPC's IPv6 blocks. "If you have a VPC peering connection between VPCs that have associated IPv6 CIDR blocks, you
     * can add a route to your route table that points to the IPv6 CIDR block of the peer VPC"
     * (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html).
     */
    static Optional<RouteTarget> linkRoute(Network n, String subnet, IpPrefix block) {
        Optional<RouteTable> table = n.routeTableOf(subnet);
        if (table.isEmpty()) {
            return Optional.empty();
        }
        List<LinkRoute> routes = new ArrayList<>();
        for (Route r : table.get().routes()) {
            if (r.destination() instanceof RouteDestination.Block b) {
                routes.add(new LinkRoute(IpPrefix.of(b.cidr()), r.target()));
            }
        }
        n.ipv6().ifPresent(d -> {
            routes.add(new LinkRoute(new IpPrefix(d.vpcBlock().addresses()), new RouteTarget.Local()));
            d.subnets()
                    .forEach(s ->
                            routes.add(new LinkRoute(new IpPrefix(s.block().addresses()), new RouteTarget.Local())));
            for (DualStack.Ipv6Route r : d.routesOf(table.get().name())) {
                IpPrefix.tryParse(r.destination())
                        .filter(IpPrefix::ipv6)
                        .ifPresent(b -> routes.add(new LinkRoute(b, r.routeTarget())));
            }
        });
        return LongestPrefix.match(routes, LinkRoute::block, block)
                .map(LinkRoute::target)
                .filter(t -> Links.isLink(t) || t instanceof RouteTarget.Unresolved);
    }
}
