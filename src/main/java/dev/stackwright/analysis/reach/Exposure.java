package dev.stackwright.analysis.reach;

import dev.stackwright.model.Attachment;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.Subnet;
import dev.stackwright.model.Tier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * What can reach what, over all ports and both protocols: every attachment and port reachable from the internet (and
 * from where), what each attachment reaches on the internet and at the gateway-endpoint services, and every pair of
 * attachments that can connect. Computed with the same engine as {@code why}, so the two never disagree.
 *
 * <p>Attachments that the engine cannot tell apart (same subnet, same set of security groups, same public IP and the
 * same part in connections) are evaluated once, as a {@link Group}; flows between attachments are kept per pair of
 * groups ({@link #connections}), and {@link #internal} lists them pair by pair. Real accounts have thousands of
 * ENIs in a few hundred such groups.
 *
 * @param ends      the attachments analysed (those in a subnet of the network), in network order
 * @param undecided flows to the internet or an AWS service that cross a hop the model does not hold (a VPN or Direct
 *                  Connect route, an unresolved target, a security group missing from the input): their {@code via}
 *                  says what, and the engine cannot tell whether they get through
 * @param untold    flows from the internet and between attachments that a security group missing from the input
 *                  leaves untold
 */
public record Exposure(
        List<Attachment> ends,
        List<Ingress> fromInternet,
        List<Egress> toInternet,
        List<Egress> toServices,
        List<Connection> connections,
        List<Egress> undecided,
        Untold untold) {

    static final List<Protocol> PROTOCOLS = List.of(Protocol.TCP, Protocol.UDP);

    public Exposure {
        ends = List.copyOf(ends);
        fromInternet = List.copyOf(fromInternet);
        toInternet = List.copyOf(toInternet);
        toServices = List.copyOf(toServices);
        connections = List.copyOf(connections);
        undecided = List.copyOf(undecided);
    }

    public Exposure(
            List<Attachment> ends,
            List<Ingress> fromInternet,
            List<Egress> toInternet,
            List<Egress> toServices,
            List<Connection> connections,
            List<Egress> undecided) {
        this(ends, fromInternet, toInternet, toServices, connections, undecided, Untold.NONE);
    }

    public Exposure(
            List<Attachment> ends,
            List<Ingress> fromInternet,
            List<Egress> toInternet,
            List<Egress> toServices,
            List<Connection> connections) {
        this(ends, fromInternet, toInternet, toServices, connections, List.of());
    }

    /** Whether some flow of this exposure is cannot tell. */
    public boolean cannotTellAny() {
        return !undecided.isEmpty()
                || !untold.fromInternet().isEmpty()
                || !untold.connections().isEmpty();
    }

    /**
     * What security groups the input names but does not hold leave untold, beyond what the known groups admit: "the
     * rules from all the security groups associated with the instance are aggregated"
     * (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html), so such a group may admit whatever
     * the other hops let through. Each row is the engine's answer to the same flow as {@code why} asks it.
     *
     * @param fromInternet ports and sources of the internet that may reach an attachment, and what is not modelled
     * @param connections  ports on which pairs of attachments may connect (none reachable for sure), and what is not
     *                     modelled
     */
    public record Untold(List<UntoldIngress> fromInternet, List<UntoldConnection> connections) {
        public static final Untold NONE = new Untold(List.of(), List.of());

        public Untold {
            fromInternet = List.copyOf(fromInternet);
            connections = List.copyOf(connections);
        }
    }

    /** Ingress from the internet that the engine cannot tell, and what is not modelled ("the rules of ..."). */
    public record UntoldIngress(Ingress ingress, List<String> unmodelled) {
        public UntoldIngress {
            unmodelled = List.copyOf(unmodelled);
        }
    }

    /** Connections between attachments that the engine cannot tell, and what is not modelled. */
    public record UntoldConnection(Connection connection, List<String> unmodelled) {
        public UntoldConnection {
            unmodelled = List.copyOf(unmodelled);
        }
    }

    /**
     * Ports of one attachment the internet reaches from one set of sources.
     *
     * @param sources     the internet addresses that get through
     * @param openToWorld whether every internet address gets through
     */
    public record Ingress(
            Attachment attachment,
            Tier tier,
            Protocol protocol,
            IntervalSet ports,
            IntervalSet sources,
            boolean openToWorld,
            String describeSources) {}

    /**
     * Ports an attachment reaches at a destination outside the VPC (the internet, or an AWS service).
     *
     * @param via the ways that work, e.g. "via 0.0.0.0/0 -> NAT instance nat-a, then 0.0.0.0/0 -> internet gateway"
     */
    public record Egress(
            Attachment attachment,
            Tier tier,
            String destination,
            Protocol protocol,
            IntervalSet ports,
            List<String> via) {
        public Egress {
            via = List.copyOf(via);
        }

        /** Whether the engine cannot tell if these ports are reached: the way crosses a hop the model does not hold. */
        public boolean cannotTell() {
            return !via.isEmpty() && via.getFirst().equals(CANNOT_TELL);
        }
    }

    /** Ports one attachment reaches on another. */
    public record Internal(
            Attachment from, Tier fromTier, Attachment to, Tier toTier, Protocol protocol, IntervalSet ports) {}

    /**
     * Ports every attachment of {@code from} reaches on every attachment of {@code to} other than itself. Each end is
     * the members of one or more groups with the same security groups (or some of them); the two ends are the same
     * group when attachments of one group reach each other.
     *
     * @param disjoint whether no attachment is at both ends, so that every pair counts without comparing attachments
     *                 (the reports and the policy count pairs for every connection)
     */
    public record Connection(
            List<Attachment> from,
            Tier fromTier,
            List<Attachment> to,
            Tier toTier,
            Protocol protocol,
            IntervalSet ports,
            boolean disjoint) {
        public Connection {
            from = List.copyOf(from);
            to = List.copyOf(to);
        }

        /** A connection whose ends may share attachments: pairs are counted attachment by attachment. */
        public Connection(
                List<Attachment> from,
                Tier fromTier,
                List<Attachment> to,
                Tier toTier,
                Protocol protocol,
                IntervalSet ports) {
            this(from, fromTier, to, toTier, protocol, ports, false);
        }

        /** The number of attachment pairs this stands for. */
        public long pairs() {
            return pairs(from, to);
        }

        /** The pairs between part of {@code from} and part of {@code to}. */
        public long pairs(List<Attachment> fromPart, List<Attachment> toPart) {
            return disjoint ? (long) fromPart.size() * toPart.size() : Exposure.pairs(fromPart, toPart);
        }
    }

    /**
     * The pairs of different attachments between two lists, which may share attachments (a group reaching its own
     * members, or parts of one group). Reports and the policy ask this per connection, so small lists are counted
     * without building a set.
     */
    public static long pairs(List<Attachment> from, List<Attachment> to) {
        long all = (long) from.size() * to.size();
        if (from == to) {
            return all - from.size();
        }
        // Equal attachments have equal names: names (whose hashes strings keep) rule out most pairs before the
        // attachments' own equals and hash, which walk every field.
        if (all <= 64) {
            // Indexed loops: the lists are random-access, and an iterator per source showed up as garbage.
            for (int i = 0; i < from.size(); i++) {
                Attachment f = from.get(i);
                int name = f.name().hashCode();
                for (int j = 0; j < to.size(); j++) {
                    Attachment t = to.get(j);
                    if (t.name().hashCode() == name && f.equals(t)) {
                        all--;
                        break;
                    }
                }
            }
            return all;
        }
        Set<String> names = new HashSet<>();
        for (Attachment t : to) {
            names.add(t.name());
        }
        for (Attachment f : from) {
            if (names.contains(f.name()) && to.contains(f)) {
                all--;
            }
        }
        return all;
    }

    /**
     * Which parts to compute: all of them for the report; a policy needs only flows into the destinations it guards,
     * internet egress of what it isolates, and no AWS services. Ingress from the internet is always computed.
     *
     * @param internalTo   the destinations whose incoming flows from other attachments are wanted
     * @param internetFrom the sources whose internet egress is wanted
     * @param services     whether egress to the gateway-endpoint services is wanted
     */
    public record Scope(Predicate<Attachment> internalTo, Predicate<Attachment> internetFrom, boolean services) {
        public static final Scope EVERYTHING = new Scope(a -> true, a -> true, true);
    }

    /**
     * Every flow between attachments, pair by pair, in network order of the source, then of the destination, then
     * TCP before UDP. Quadratic in the attachments: on large networks read {@link #connections} instead.
     */
    public List<Internal> internal() {
        Map<Attachment, Integer> index = new HashMap<>();
        for (int i = 0; i < ends.size(); i++) {
            index.putIfAbsent(ends.get(i), i);
        }
        record Keyed(int from, int to, int protocol, Internal flow) {}
        List<Keyed> out = new ArrayList<>();
        for (Connection c : connections) {
            for (Attachment f : c.from()) {
                for (Attachment t : c.to()) {
                    if (!f.equals(t)) {
                        out.add(new Keyed(
                                java.util.Objects.requireNonNull(index.get(f)),
                                java.util.Objects.requireNonNull(index.get(t)),
                                c.protocol().ordinal(),
                                new Internal(f, c.fromTier(), t, c.toTier(), c.protocol(), c.ports())));
                    }
                }
            }
        }
        out.sort(
                Comparator.comparingInt(Keyed::from).thenComparingInt(Keyed::to).thenComparingInt(Keyed::protocol));
        return out.stream().map(Keyed::flow).toList();
    }

    /** Evaluates every question over the network. */
    public static Exposure of(Reachability reach) {
        return of(reach, Scope.EVERYTHING);
    }

    /** Evaluates the questions {@code scope} asks; the parts it leaves out are empty. */
    public static Exposure of(Reachability reach, Scope scope) {
        AddressSpace space = reach.space();
        List<Attachment> ends = new ArrayList<>();
        Map<Group.Key, Group> byKey = new LinkedHashMap<>();
        Map<Attachment, Group> groupOf = new HashMap<>();
        for (Attachment a : reach.network().attachments()) {
            Optional<Location.Resource> at = reach.locate(a);
            if (at.isEmpty()) {
                continue;
            }
            ends.add(a);
            Group g = byKey.computeIfAbsent(Group.key(a, at.get(), reach), k -> new Group(k, at.get()));
            g.members.add(a);
            groupOf.putIfAbsent(a, g);
        }
        List<Group> groups = List.copyOf(byKey.values());
        Location.Outside internet = new Location.Outside(Names.INTERNET, space.internet());

        List<Ingress> fromInternet = new ArrayList<>();
        Map<Group, List<List<Ingress>>> ingress = new HashMap<>();
        Map<Group, List<UntoldIngress>> untoldIngress = new HashMap<>();
        for (Group d : groups) {
            List<List<Ingress>> perProtocol = new ArrayList<>();
            // A missing group, or route tables or network ACLs the input leaves out, leave some of it cannot tell.
            boolean missing = !reach.missingGroups(d.place.attachment()).isEmpty() || reach.tablesOrAclsOmitted();
            for (Protocol p : PROTOCOLS) {
                Flow flow = new Flow(internet, d.place, p, PortRange.ALL);
                PacketSet admitted;
                if (missing) {
                    // The same answer as `why internet` gives: what the known groups admit, and what only the
                    // missing ones might.
                    Answer answer = reach.evaluate(flow, false);
                    admitted = answer.admitted();
                    for (Ingress row :
                            ingressRows(space, d, p, answer.undecided().minus(admitted))) {
                        untoldIngress
                                .computeIfAbsent(d, k -> new ArrayList<>())
                                .add(new UntoldIngress(row, answer.unmodelled()));
                    }
                } else {
                    admitted = reach.admitted(flow);
                }
                perProtocol.add(ingressRows(space, d, p, admitted));
            }
            ingress.put(d, perProtocol);
        }

        List<Egress> toInternet = new ArrayList<>();
        List<Egress> toServices = new ArrayList<>();
        Map<Group, List<Egress>> internetEgress = new HashMap<>();
        Map<Group, List<Egress>> serviceEgress = new HashMap<>();
        // Outside the VPC there are no groups to refer to: what leaves depends on the subnet, the public address and
        // the
        // groups' egress rules alone. Groups alike in those are asked once (most accounts keep AWS's allow-all egress).
        EgressKeys keys = new EgressKeys(reach.network());
        Map<EgressKeys.Key, List<Egress>> internetByKey = new HashMap<>();
        Map<EgressKeys.Key, List<Egress>> serviceByKey = new HashMap<>();
        Map<WayKey, List<Branch>> ways = new HashMap<>();
        for (Group s : groups) {
            if (!initiates(s.place.attachment())) {
                continue;
            }
            EgressKeys.Key key = keys.of(s.key);
            if (s.members.stream().anyMatch(scope.internetFrom())) {
                internetEgress.put(s, internetByKey.computeIfAbsent(key, k -> {
                    List<Egress> rows = new ArrayList<>();
                    for (Protocol p : PROTOCOLS) {
                        egress(reach, s.place, key, internet, p, rows, ways);
                    }
                    return rows;
                }));
            }
            if (scope.services()) {
                serviceEgress.put(s, serviceByKey.computeIfAbsent(key, k -> {
                    List<Egress> rows = new ArrayList<>();
                    for (String service : AddressSpace.GATEWAY_SERVICES) {
                        Location.Outside point = new Location.Outside(
                                service,
                                IntervalSet.of(
                                        Interval.of(space.service(service).orElseThrow())));
                        egress(reach, s.place, key, point, Protocol.TCP, rows, ways);
                    }
                    return rows;
                }));
            }
        }
        List<Egress> undecided = new ArrayList<>();
        List<UntoldIngress> untoldFromInternet = new ArrayList<>();
        for (Attachment a : ends) {
            Group g = groupOf.get(a);
            for (List<Ingress> rows :
                    java.util.Objects.requireNonNull(ingress.get(g))) { // every end has its group's rows
                rows.forEach(r -> fromInternet.add(as(a, r)));
            }
            untoldIngress
                    .getOrDefault(g, List.of())
                    .forEach(u -> untoldFromInternet.add(new UntoldIngress(as(a, u.ingress()), u.unmodelled())));
            if (scope.internetFrom().test(a)) {
                internetEgress
                        .getOrDefault(g, List.of())
                        .forEach(r -> (r.cannotTell() ? undecided : toInternet).add(as(a, r)));
            }
            serviceEgress
                    .getOrDefault(g, List.of())
                    .forEach(r -> (r.cannotTell() ? undecided : toServices).add(as(a, r)));
        }
        Connections connections = new Connections(reach, groups, scope);
        Untold untold = reach.anyOmitted() ? new Untold(untoldFromInternet, connections.untold()) : Untold.NONE;
        return new Exposure(ends, fromInternet, toInternet, toServices, connections.all(), undecided, untold);
    }

    /** Rows of ingress from the internet to the members of {@code d}, one per set of ports the same sources reach. */
    private static List<Ingress> ingressRows(AddressSpace space, Group d, Protocol p, PacketSet packets) {
        List<Ingress> rows = new ArrayList<>();
        for (Map.Entry<IntervalSet, IntervalSet> e : portsBySources(packets).entrySet()) {
            IntervalSet sources = e.getValue();
            rows.add(new Ingress(
                    d.place.attachment(),
                    d.tier(),
                    p,
                    e.getKey(),
                    sources,
                    space.wholeInternet(sources),
                    space.describe(sources)));
        }
        return rows;
    }

    private static Egress as(Attachment a, Egress e) {
        return new Egress(a, e.tier(), e.destination(), e.protocol(), e.ports(), e.via());
    }

    private static Ingress as(Attachment a, Ingress r) {
        return new Ingress(a, r.tier(), r.protocol(), r.ports(), r.sources(), r.openToWorld(), r.describeSources());
    }

    /** NAT gateways and interface endpoints open no connections of their own. */
    static boolean initiates(Attachment a) {
        return a.kind() != Attachment.Kind.NAT_GATEWAY && a.kind() != Attachment.Kind.ENDPOINT;
    }

    /**
     * NAT gateways only forward, and a Lambda function's interface only carries the connections the function opens
     * (the function runs in a VPC of the Lambda service): neither accepts connections.
     * https://docs.aws.amazon.com/lambda/latest/dg/foundation-networking.html
     */
    static boolean accepts(Attachment a) {
        return a.kind() != Attachment.Kind.NAT_GATEWAY && a.kind() != Attachment.Kind.FUNCTION;
    }

    /**
     * The ports {@code s} reaches at {@code d}, and those it might reach past a hop the model does not hold (a row whose
     * {@code via} is {@link #CANNOT_TELL} and what is not modelled), added to {@code rows}.
     */
    private static void egress(
            Reachability reach,
            Location.Resource s,
            EgressKeys.Key key,
            Location.Outside d,
            Protocol p,
            List<Egress> rows,
            Map<WayKey, List<Branch>> ways) {
        // The ways out are the same for every group with the same way (EgressKeys.Way); each group's egress rules
        // only narrow them (Reachability#waysOut), so the network ACLs and NATs are walked once per subnet instead of
        // once per set of rules.
        Flow flow = new Flow(s, d, p, PortRange.ALL);
        List<Branch> out = ways.computeIfAbsent(new WayKey(key.way(), d.name(), p), k -> reach.waysOut(flow));
        PacketSet groups = reach.egressAdmits(flow);
        // What a security group missing from the input may let out beyond the known groups: cannot tell, wherever
        // the way lets it through.
        List<String> missing = reach.missingGroups(s.attachment());
        PacketSet untold = missing.isEmpty() ? PacketSet.empty() : reach.egressUntold(flow, groups);
        PacketSet admitted = PacketSet.empty();
        PacketSet undecided = PacketSet.empty();
        Set<String> reachedVia = new TreeSet<>();
        Set<String> unmodelled = new LinkedHashSet<>();
        for (Branch way : out) {
            PacketSet passes = way.admitted().intersect(groups);
            if (!passes.isEmpty()) {
                admitted = admitted.union(passes);
                reachedVia.add(way.via());
            }
            PacketSet open = way.undecided().intersect(groups);
            if (!open.isEmpty()) {
                undecided = undecided.union(open);
                unmodelled.addAll(way.unmodelled());
            }
            PacketSet maybe = untold.isEmpty()
                    ? PacketSet.empty()
                    : way.admitted().union(way.undecided()).intersect(untold);
            if (!maybe.isEmpty()) {
                undecided = undecided.union(maybe);
                unmodelled.addAll(way.unmodelled());
                unmodelled.add(Reachability.missingWhat(missing));
            }
        }
        IntervalSet ports = admitted.project(Dim.DPORT);
        Subnet subnet = s.subnet();
        if (!ports.isEmpty()) {
            rows.add(new Egress(s.attachment(), subnet.tier(), d.name(), p, ports, new ArrayList<>(reachedVia)));
        }
        IntervalSet maybe = undecided.project(Dim.DPORT).minus(ports);
        if (!maybe.isEmpty()) {
            List<String> via = new ArrayList<>(List.of(CANNOT_TELL));
            unmodelled.forEach(u -> via.add(u + " not modelled"));
            rows.add(new Egress(s.attachment(), subnet.tier(), d.name(), p, maybe, via));
        }
    }

    /** One way out to one destination over one protocol. */
    private record WayKey(EgressKeys.Way way, String destination, Protocol protocol) {}

    /** The first {@code via} of an egress row whose answer is cannot tell. */
    public static final String CANNOT_TELL = "cannot tell";

    /**
     * Splits admitted packets into groups of ports that the same sources reach: "80, 443 from anywhere" and "22 from
     * 203.0.113.0/24" stay apart. Ports are cut where any box starts or ends, so each piece has one source set.
     */
    static Map<IntervalSet, IntervalSet> portsBySources(PacketSet admitted) {
        TreeSet<Long> cuts = new TreeSet<>();
        for (Box b : admitted.boxes()) {
            cuts.add(b.dport().lo());
            cuts.add(b.dport().hi() + 1);
        }
        Map<IntervalSet, List<Interval>> bySources = new LinkedHashMap<>();
        Long previous = null;
        for (Long cut : cuts) {
            if (previous != null) {
                Interval piece = new Interval(previous, cut - 1);
                IntervalSet sources =
                        admitted.restrict(Dim.DPORT, IntervalSet.of(piece)).project(Dim.SRC);
                if (!sources.isEmpty()) {
                    bySources.computeIfAbsent(sources, k -> new ArrayList<>()).add(piece);
                }
            }
            previous = cut;
        }
        Map<IntervalSet, IntervalSet> out = new LinkedHashMap<>();
        bySources.forEach((sources, pieces) -> out.put(IntervalSet.of(pieces), sources));
        return out;
    }
}
