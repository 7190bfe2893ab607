package dev.stackwright.analysis.reach;

import dev.stackwright.model.Network;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteDestination;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.RouteTarget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A flow between two VPCs, as two legs the engine already answers and the link between them: leaving the source's
 * VPC towards the destination's addresses (through a peering connection or transit gateway), the link itself (both
 * VPCs route through the same one, both ways, and their blocks do not overlap), and entering the destination's VPC
 * from the source's addresses, with its way back. Transit gateway route tables are not in the model: an attachment
 * is taken to propagate its VPC's routes, which is AWS's default.
 */
public final class CrossVpc {
    private CrossVpc() {}

    /** One VPC's part of the flow. */
    public record Leg(Network network, Reachability reach, Answer answer) {}

    /**
     * The flow across two VPCs: the leg that leaves, the link, and the leg that enters.
     *
     * @param link         the peering connection or transit gateway the source's route uses, when it has one
     * @param linkProblems why the link does not carry the flow; empty when it does
     */
    public record Result(Leg leaving, Optional<RouteTarget> link, List<String> linkProblems, Leg entering) {
        public Result {
            linkProblems = List.copyOf(linkProblems);
        }

        public boolean reachable() {
            return leaving.answer().reachable()
                    && linkProblems.isEmpty()
                    && entering.answer().reachable();
        }

        /** Blocked when the link or a leg blocks; else cannot tell when a leg cannot; else reachable. */
        public Verdict verdict() {
            Verdict out = leaving.answer().verdict();
            Verdict in = entering.answer().verdict();
            if (!linkProblems.isEmpty() || out == Verdict.BLOCKED || in == Verdict.BLOCKED) {
                return Verdict.BLOCKED;
            }
            return out == Verdict.REACHABLE && in == Verdict.REACHABLE ? Verdict.REACHABLE : Verdict.CANNOT_TELL;
        }
    }

    public static Result evaluate(
            Network from,
            Location.Resource source,
            Network to,
            Location.Resource destination,
            Protocol protocol,
            PortRange ports) {
        Reachability out = new Reachability(from);
        Reachability in = new Reachability(to);
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

        List<String> problems = new ArrayList<>();
        if (from.vpc().cidr().overlaps(to.vpc().cidr())) {
            problems.add(from.stackName() + " (" + from.vpc().cidr() + ") and " + to.stackName() + " ("
                    + to.vpc().cidr() + ") overlap, so no route between them can be told from the local one");
        }
        Optional<RouteTarget> link =
                linkRoute(from, source.subnet().name(), destination.subnet().cidr());
        if (link.isEmpty()) {
            problems.add("no route of " + source.subnet().name() + " sends "
                    + destination.subnet().cidr() + " to a peering connection or transit gateway");
        } else {
            RouteTarget l = link.get();
            boolean otherEnd = to.routeTables().stream()
                    .flatMap(t -> t.routes().stream())
                    .anyMatch(r -> r.target().equals(l));
            if (!otherEnd) {
                problems.add(l.describe() + " does not lead to " + to.stackName() + ": none of its route tables uses it"
                        + (l instanceof RouteTarget.Peering ? " (a peering connection joins exactly two VPCs)" : ""));
            } else if (!linkRoute(
                            to, destination.subnet().name(), source.subnet().cidr())
                    .equals(link)) {
                problems.add("the way back from " + destination.subnet().name() + " to "
                        + source.subnet().cidr() + " is not through " + l.describe()
                        + ", so replies take another path or none");
            }
        }
        return new Result(new Leg(from, out, leaving), link, problems, new Leg(to, in, entering));
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
