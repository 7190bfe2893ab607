package dev.stackwright.analysis.reach;

import dev.stackwright.model.DualStack;
import dev.stackwright.model.IpPrefix;
import dev.stackwright.model.Ipv6Block;
import dev.stackwright.model.LongestPrefix;
import dev.stackwright.model.Network;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteDestination;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.RouteTarget;
import dev.stackwright.model.Subnet;
import dev.stackwright.model.TransitGateways;
import java.util.ArrayList;
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

    /**
     * The flow across two VPCs: the leg that leaves, the link, and the leg that enters.
     *
     * @param link         the peering connection or transit gateway the source's route uses, when it has one
     * @param linkPath     what the transit gateways did, both ways (empty over a peering connection)
     * @param linkBlockers why the link does not carry the flow; empty when it does
     * @param linkUnknown  what the link crosses that the model does not hold (a VPN attachment); empty when nothing
     */
    public record Result(
            Leg leaving,
            Optional<RouteTarget> link,
            List<String> linkPath,
            List<Blocker> linkBlockers,
            List<String> linkUnknown,
            Leg entering) {
        public Result {
            linkPath = List.copyOf(linkPath);
            linkBlockers = List.copyOf(linkBlockers);
            linkUnknown = List.copyOf(linkUnknown);
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

        /** Blocked when the link or a leg blocks; else cannot tell when the link or a leg cannot; else reachable. */
        public Verdict verdict() {
            Verdict out = leaving.answer().verdict();
            Verdict in = entering.answer().verdict();
            if (!linkBlockers.isEmpty() || out == Verdict.BLOCKED || in == Verdict.BLOCKED) {
                return Verdict.BLOCKED;
            }
            return out == Verdict.REACHABLE && in == Verdict.REACHABLE && linkUnknown.isEmpty()
                    ? Verdict.REACHABLE
                    : Verdict.CANNOT_TELL;
        }
    }

    /** A flow between two VPCs whose transit gateways, if any, the input does not describe. */
    public static Result evaluate(
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
     * The link is checked in the flow's family: IPv6 when an end is named by IPv6 addresses only, else IPv4.
     */
    public static Result evaluate(
            Network from,
            Location.Resource source,
            Network to,
            Location.Resource destination,
            Protocol protocol,
            PortRange ports,
            TransitGateways transit) {
        Reachability out = new Reachability(from, transit);
        Reachability in = new Reachability(to, transit);
        // Each leg sees the other end as one attachment of the other VPC, over the link the source's route takes
        // (the checks below say whether it carries the flow), so rules naming the other VPC's groups can match it.
        Optional<RouteTarget> across = linkRoute(
                from, source.subnet().name(), IpPrefix.of(destination.subnet().cidr()));
        Answer leaving = out.evaluate(new Flow(
                source,
                new Location.Outside(
                        destination.name() + " in " + to.stackName(),
                        out.space().from(in.space(), destination.addresses()),
                        Optional.of(new Location.Member(
                                to.stackName(), destination.attachment().securityGroupNames(), across))),
                protocol,
                ports));
        Answer entering = in.evaluate(new Flow(
                new Location.Outside(
                        source.name() + " in " + from.stackName(),
                        in.space().from(out.space(), source.addresses()),
                        Optional.of(new Location.Member(
                                from.stackName(), source.attachment().securityGroupNames(), across))),
                destination,
                protocol,
                ports));

        List<Blocker> problems = new ArrayList<>();
        List<String> path = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        boolean v6 = onlyIpv6(source.addresses()) || onlyIpv6(destination.addresses());
        Optional<Blocks> blocks = v6
                ? Blocks.ipv6(from, source.subnet(), to, destination.subnet(), problems, unknown)
                : Optional.of(Blocks.ipv4(from, source.subnet(), to, destination.subnet()));
        if (blocks.isEmpty()) {
            return new Result(
                    new Leg(from, out, leaving), Optional.empty(), path, problems, unknown, new Leg(to, in, entering));
        }
        Blocks b = blocks.get();
        if (b.fromVpc().overlaps(b.toVpc())) {
            problems.add(noLink(from.stackName() + " (" + b.fromVpc() + ") and " + to.stackName() + " (" + b.toVpc()
                    + ") overlap, so no route between them can be told from the local one"));
        }
        Optional<RouteTarget> link = linkRoute(from, source.subnet().name(), b.toSubnet());
        if (link.isEmpty()) {
            problems.add(noLink("no route of " + source.subnet().name() + " sends " + b.toSubnet()
                    + " to a peering connection or transit gateway"));
        } else if (link.get() instanceof RouteTarget.TransitGateway t && transit.describes(t.transitGatewayId())) {
            Optional<RouteTarget> back = linkRoute(to, destination.subnet().name(), b.fromSubnet());
            List<Blocker> forward = new ArrayList<>();
            List<String> forwardUnknown = new ArrayList<>();
            overTransit(transit, t, from, source.subnet(), to, b.toSubnet(), new Walk(path, forward, forwardUnknown));
            // The leaving leg walks the same gateways and already names what stops it there.
            forward.stream().filter(x -> !leaving.blockers().contains(x)).forEach(problems::add);
            forwardUnknown.stream()
                    .filter(u -> !leaving.unmodelled().contains(u))
                    .forEach(unknown::add);
            if (back.isEmpty() || !(back.get() instanceof RouteTarget.TransitGateway r)) {
                problems.add(noLink("the way back from " + destination.subnet().name() + " to " + b.fromSubnet()
                        + " is not through a transit gateway"
                        + back.map(x -> " but " + x.describe()).orElse(": it has no such route")
                        + ", so replies take another path or none"));
            } else {
                overTransit(
                        transit, r, to, destination.subnet(), from, b.fromSubnet(), new Walk(path, problems, unknown));
            }
        } else {
            RouteTarget l = link.get();
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
            } else if (!linkRoute(to, destination.subnet().name(), b.fromSubnet())
                    .equals(link)) {
                problems.add(noLink("the way back from " + destination.subnet().name() + " to " + b.fromSubnet()
                        + " is not through " + l.describe() + ", so replies take another path or none"));
            }
        }
        return new Result(new Leg(from, out, leaving), link, path, problems, unknown, new Leg(to, in, entering));
    }

    /** Whether a set holds IPv6 addresses only (the line puts IPv6 last, so its first value says). */
    private static boolean onlyIpv6(IntervalSet addresses) {
        return !addresses.isEmpty()
                && AddressSpace.isIpv6(addresses.intervals().getFirst().lo());
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
     * The peering or transit gateway route a subnet's table uses for a block of either family: the most specific that
     * holds it ({@link LongestPrefix}), among the table's IPv4 routes, its IPv6 ones and the local route over the
     * VPC's IPv6 blocks. "If you have a VPC peering connection between VPCs that have associated IPv6 CIDR blocks, you
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
                .filter(t -> t instanceof RouteTarget.Peering || t instanceof RouteTarget.TransitGateway);
    }
}
