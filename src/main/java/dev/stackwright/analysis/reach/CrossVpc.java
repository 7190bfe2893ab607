package dev.stackwright.analysis.reach;

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
import java.util.Comparator;
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
        Answer leaving = out.evaluate(new Flow(
                source,
                new Location.Outside(destination.name() + " in " + to.stackName(), destination.addresses()),
                protocol,
                ports));
        Answer entering = in.evaluate(new Flow(
                new Location.Outside(source.name() + " in " + from.stackName(), source.addresses()),
                destination,
                protocol,
                ports));

        List<Blocker> problems = new ArrayList<>();
        List<String> path = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        if (from.vpc().cidr().overlaps(to.vpc().cidr())) {
            problems.add(noLink(from.stackName() + " (" + from.vpc().cidr() + ") and " + to.stackName() + " ("
                    + to.vpc().cidr() + ") overlap, so no route between them can be told from the local one"));
        }
        Optional<RouteTarget> link =
                linkRoute(from, source.subnet().name(), destination.subnet().cidr());
        if (link.isEmpty()) {
            problems.add(noLink("no route of " + source.subnet().name() + " sends "
                    + destination.subnet().cidr() + " to a peering connection or transit gateway"));
        } else if (link.get() instanceof RouteTarget.TransitGateway t && transit.describes(t.transitGatewayId())) {
            Optional<RouteTarget> back =
                    linkRoute(to, destination.subnet().name(), source.subnet().cidr());
            List<Blocker> forward = new ArrayList<>();
            List<String> forwardUnknown = new ArrayList<>();
            overTransit(transit, t, from, source.subnet(), to, destination.subnet(), path, forward, forwardUnknown);
            // The leaving leg walks the same gateways and already names what stops it there.
            forward.stream().filter(b -> !leaving.blockers().contains(b)).forEach(problems::add);
            forwardUnknown.stream()
                    .filter(u -> !leaving.unmodelled().contains(u))
                    .forEach(unknown::add);
            if (back.isEmpty() || !(back.get() instanceof RouteTarget.TransitGateway b)) {
                problems.add(noLink("the way back from " + destination.subnet().name() + " to "
                        + source.subnet().cidr() + " is not through a transit gateway"
                        + back.map(r -> " but " + r.describe()).orElse(": it has no such route")
                        + ", so replies take another path or none"));
            } else {
                overTransit(transit, b, to, destination.subnet(), from, source.subnet(), path, problems, unknown);
            }
        } else {
            RouteTarget l = link.get();
            boolean otherEnd = to.routeTables().stream()
                    .flatMap(t -> t.routes().stream())
                    .anyMatch(r -> r.target().equals(l));
            if (!otherEnd) {
                problems.add(noLink(l.describe() + " does not lead to " + to.stackName()
                        + ": none of its route tables uses it"
                        + (l instanceof RouteTarget.Peering ? " (a peering connection joins exactly two VPCs)" : "")));
            } else if (!linkRoute(
                            to, destination.subnet().name(), source.subnet().cidr())
                    .equals(link)) {
                problems.add(noLink("the way back from " + destination.subnet().name() + " to "
                        + source.subnet().cidr() + " is not through " + l.describe()
                        + ", so replies take another path or none"));
            }
        }
        return new Result(new Leg(from, out, leaving), link, path, problems, unknown, new Leg(to, in, entering));
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

    /**
     * One direction over transit gateways: from {@code start} (a subnet of {@code from}) to {@code end}'s block,
     * which must be handed to {@code to}'s attachment. Requests may enter {@code to} in any zone; the replies'
     * walk, which starts in {@code end}'s zone, is where a zone without an attachment stops the flow.
     */
    private static void overTransit(
            TransitGateways transit,
            RouteTarget.TransitGateway gateway,
            Network from,
            Subnet start,
            Network to,
            Subnet end,
            List<String> path,
            List<Blocker> problems,
            List<String> unknown) {
        TransitPath.End walk = TransitPath.follow(transit, gateway.transitGatewayId(), from, start, end.cidr());
        path.add(start.name() + " -> " + end.cidr() + ":");
        walk.hops().forEach(h -> path.add("  " + h));
        switch (walk) {
            case TransitPath.Stopped s -> {
                path.add(STOPPED + s.blocker().code());
                problems.add(s.blocker());
            }
            case TransitPath.Unknown u -> {
                path.add(STOPPED + "cannot tell: " + u.what() + " not modelled");
                unknown.add(u.what());
            }
            case TransitPath.Delivered d -> {
                String component = "transit gateway " + d.attachment().gatewayId();
                if (!d.attachment().vpc().filter(to.stackName()::equals).isPresent()) {
                    problems.add(new Blocker(
                            "tgw-wrong-vpc",
                            component,
                            "the transit gateways hand " + end.cidr() + " to "
                                    + d.attachment().describe() + " of "
                                    + d.attachment().vpc().orElse("another VPC") + ", not to " + to.stackName()));
                }
            }
        }
    }

    /** The peering or transit gateway route a subnet's table uses for a block: the longest prefix that holds it. */
    static Optional<RouteTarget> linkRoute(Network n, String subnet, dev.stackwright.model.Cidr block) {
        Optional<RouteTable> table = n.routeTableOf(subnet);
        if (table.isEmpty()) {
            return Optional.empty();
        }
        return table.get().routes().stream()
                .filter(r -> r.destination() instanceof RouteDestination.Block b
                        && b.cidr().contains(block))
                .max(Comparator.comparingInt(
                        r -> ((RouteDestination.Block) r.destination()).cidr().prefixLength()))
                .map(Route::target)
                .filter(t -> t instanceof RouteTarget.Peering || t instanceof RouteTarget.TransitGateway);
    }
}
