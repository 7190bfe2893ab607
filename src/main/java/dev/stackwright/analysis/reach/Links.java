package dev.stackwright.analysis.reach;

import dev.stackwright.model.DualStack;
import dev.stackwright.model.Network;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.RouteTarget;
import dev.stackwright.model.TransitGateways;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which links the VPCs of one input route through, and which pairs of VPCs they join: the one reading that
 * {@code check}'s flows between VPCs ({@link BetweenVpcs}), the lint rules about connected VPCs and the diagram share.
 *
 * <p>A link is a peering connection or transit gateway that a VPC's route tables send traffic to, by an IPv4 route or
 * an IPv6 one ({@code ::/0} or a block): "If you have a VPC peering connection between VPCs that have associated IPv6
 * CIDR blocks, you can add a route to your route table that points to the IPv6 CIDR block of the peer VPC"
 * (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html). Two VPCs are joined by each link both
 * route through, and by two transit gateways, one each, that peering attachments of the input connect: "you must add
 * a static route to the transit gateway route table that points to the transit gateway peering attachment"
 * (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-peering-add-route.html), so traffic crosses from one to the other.
 * Whether a flow gets through is {@link CrossVpc}'s to say; a join only says the flow is worth asking about.
 */
public final class Links {
    /** The gateways each transit gateway peering attachment of the input connects, both ways, in ID order. */
    private final Map<String, Set<String>> peered = new HashMap<>();
    /** Each network's {@link #targets}, read once: a caller asks about every pair. */
    private final Map<Network, List<RouteTarget>> targets = new IdentityHashMap<>();

    private Links(TransitGateways transit) {
        for (TransitGateways.Attachment a : transit.attachments()) {
            if (a.kind() == TransitGateways.Kind.PEERING
                    && a.peerGatewayId().isPresent()
                    && !a.peerGatewayId().get().equals(a.gatewayId())) {
                String other = a.peerGatewayId().get();
                peered.computeIfAbsent(a.gatewayId(), k -> new TreeSet<>()).add(other);
                peered.computeIfAbsent(other, k -> new TreeSet<>()).add(a.gatewayId());
            }
        }
    }

    /**
     * One way two VPCs are joined.
     *
     * @param name  how reports name it: "peering pcx-1", "transit gateway tgw-2", "transit gateways tgw-a and tgw-b
     *              (peered)"
     * @param mine  the link the first VPC's route tables send to
     * @param theirs the link the second VPC's route tables send to (the same one, unless two gateways are peered)
     */
    public record Join(String name, RouteTarget mine, RouteTarget theirs) {}

    /**
     * The peering connections and transit gateways a network's route tables send traffic to, by an IPv4 or an IPv6
     * route, each once, by {@link RouteTarget#describe()} ("peering pcx-1" before "transit gateway tgw-2").
     */
    public static List<RouteTarget> targets(Network n) {
        Map<String, RouteTarget> out = new TreeMap<>();
        for (RouteTable table : n.routeTables()) {
            for (Route r : table.routes()) {
                add(r.target(), out);
            }
        }
        for (DualStack.Ipv6Route r : n.ipv6().map(DualStack::routes).orElse(List.of())) {
            add(r.routeTarget(), out);
        }
        return List.copyOf(out.values());
    }

    private static void add(RouteTarget t, Map<String, RouteTarget> out) {
        if (isLink(t)) {
            out.putIfAbsent(t.describe(), t);
        }
    }

    /** Whether a route target leaves the VPC for another one: a peering connection or a transit gateway. */
    public static boolean isLink(RouteTarget t) {
        return t instanceof RouteTarget.Peering || t instanceof RouteTarget.TransitGateway;
    }

    /** "peering pcx-1", "transit gateway tgw-2": the names of {@link #targets}, in order. */
    public static Set<String> names(Network n) {
        Set<String> out = new TreeSet<>();
        targets(n).forEach(t -> out.add(t.describe()));
        return out;
    }

    /** The reading over an input's transit gateways, for callers that ask about many pairs of its networks. */
    public static Links over(TransitGateways transit) {
        return new Links(transit);
    }

    /** What joins two networks of an input, over its transit gateways: see {@link Join}. */
    public static List<Join> joins(Network a, Network b, TransitGateways transit) {
        return over(transit).joins(a, b);
    }

    /** What joins two networks: see {@link Join}. */
    public List<Join> joins(Network a, Network b) {
        return joins(targets.computeIfAbsent(a, Links::targets), targets.computeIfAbsent(b, Links::targets));
    }

    /**
     * The pairs of networks that some link joins, or may join, in input order, each with what joins it. Where the input
     * leaves out a network's route tables, which links it routes through is not known, so it may be joined to every
     * other network: that pair gets one join named for what is missing ({@link #UNKNOWN}), whose flows are cannot tell.
     */
    public static List<BetweenVpcs.Link> pairs(List<Network> networks, TransitGateways transit) {
        Links links = new Links(transit);
        List<List<RouteTarget>> each = networks.stream().map(Links::targets).toList();
        List<Boolean> routesOmitted = networks.stream()
                .map(n -> n.omits(Network.Omitted.ROUTE_TABLES))
                .toList();
        List<BetweenVpcs.Link> out = new ArrayList<>();
        for (int i = 0; i < networks.size(); i++) {
            if (each.get(i).isEmpty() && !routesOmitted.get(i)) {
                continue;
            }
            for (int j = i + 1; j < networks.size(); j++) {
                List<Join> joins = routesOmitted.get(i) || routesOmitted.get(j)
                        ? List.of(UNKNOWN)
                        : links.joins(each.get(i), each.get(j));
                if (!joins.isEmpty()) {
                    out.add(new BetweenVpcs.Link(networks.get(i), networks.get(j), joins));
                }
            }
        }
        return out;
    }

    /**
     * The join of two networks one of which the input gives without its route tables: "unknown links (no
     * describe-route-tables output)", over the unresolved target {@link CrossVpc} gives such a flow's link.
     */
    static final Join UNKNOWN = new Join(
            "unknown links (no " + Network.Omitted.ROUTE_TABLES.command() + " output)",
            RouteTarget.Unresolved.omitted(Network.Omitted.ROUTE_TABLES),
            RouteTarget.Unresolved.omitted(Network.Omitted.ROUTE_TABLES));

    /**
     * The links both lists hold, then each pair of transit gateways, one only the first routes to and one only the
     * second does, that peering attachments connect (as {@link TransitPath} crosses them: at most
     * {@link TransitPath#MAX_GATEWAYS} gateways).
     */
    private List<Join> joins(List<RouteTarget> a, List<RouteTarget> b) {
        List<Join> out = new ArrayList<>();
        for (RouteTarget t : a) {
            if (b.contains(t)) {
                out.add(new Join(t.describe(), t, t));
            }
        }
        if (peered.isEmpty()) {
            return out;
        }
        for (RouteTarget t : a) {
            if (!(t instanceof RouteTarget.TransitGateway mine) || b.contains(t)) {
                continue;
            }
            for (RouteTarget u : b) {
                if (u instanceof RouteTarget.TransitGateway theirs && !a.contains(u)) {
                    path(mine.transitGatewayId(), theirs.transitGatewayId())
                            .ifPresent(between -> out.add(new Join(
                                    "transit gateways " + mine.transitGatewayId() + " and "
                                            + theirs.transitGatewayId() + " (peered"
                                            + (between.isEmpty() ? "" : " through " + String.join(", ", between))
                                            + ")",
                                    t,
                                    u)));
                }
            }
        }
        return out;
    }

    /** The gateways between two peered ones (none when peered directly), by the fewest peerings; empty when none. */
    private Optional<List<String>> path(String from, String to) {
        // Each gateway reached, with the gateways crossed between the first and it.
        Map<String, List<String>> reached = new HashMap<>(Map.of(from, List.of()));
        Deque<String> queue = new ArrayDeque<>(List.of(from));
        while (!queue.isEmpty()) {
            String at = queue.removeFirst();
            List<String> between = reached.getOrDefault(at, List.of());
            if (at.equals(to)) {
                return Optional.of(between);
            }
            if (between.size() + 2 >= TransitPath.MAX_GATEWAYS) {
                continue;
            }
            List<String> through = new ArrayList<>(between);
            if (!at.equals(from)) {
                through.add(at);
            }
            for (String next : peered.getOrDefault(at, Set.of())) {
                if (reached.putIfAbsent(next, List.copyOf(through)) == null) {
                    queue.addLast(next);
                }
            }
        }
        return Optional.empty();
    }
}
