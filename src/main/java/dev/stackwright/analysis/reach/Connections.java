package dev.stackwright.analysis.reach;

import dev.stackwright.model.Attachment;
import dev.stackwright.model.Network;
import dev.stackwright.model.Peer;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.model.Subnet;
import dev.stackwright.model.Tier;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The flows between groups of attachments, without asking the engine about every pair. Every hop of a flow between
 * two attachments keeps the packets in a fixed region, so the packets that pass are those the two subnets' network
 * ACLs and routes let through ({@link Reachability#betweenSubnets}, once per pair of subnets), that an egress rule of
 * the source admits and that an ingress rule of the destination admits. Egress rules constrain only the destination
 * address and port, ingress rules only the source address and port: over one box of the subnets' packets, the ports
 * that pass are the box's ports that an egress rule matching its destinations (by address, or the destination's
 * groups) and an ingress rule matching its sources both open. {@code ExposurePropertiesTest} holds this to the
 * engine's answers pair by pair.
 *
 * <p>The connections come as rectangles between two sets of security groups ({@link #all}): what decides the ports
 * is the sets, the subnets and the ports their ACLs let through, so groups alike in those are one row.
 */
final class Connections {
    private final Reachability reach;
    private final List<Group> groups;
    private final Exposure.Scope scope;
    /** Per group: its set of security groups and its subnet as small numbers, for the caches' keys. */
    private final int[] groupSet;

    private final int[] subnet;
    private final List<List<String>> sets = new ArrayList<>();
    private final List<Subnet> subnets = new ArrayList<>();
    /** Each subnet's addresses, by its number: worked out once (the address library's bounds are slow to ask). */
    private final Interval[] subnetAddresses;
    /**
     * Per owner's rules (set, direction, protocol, as {@link #opened} numbers them): its rules, and the ports they open to each
     * subnet and to each set of groups (asked hundreds of thousands of times on a large account: an index and a small
     * table per owner are cheaper than one hash table of every answer).
     */
    private final @Nullable Opened[] opened;

    private final LongKeyed<Path> paths = new LongKeyed<>();
    /** Per group: whether it names a security group the input does not hold (none when the network has none). */
    private final boolean[] missing;

    Connections(Reachability reach, List<Group> groups, Exposure.Scope scope) {
        this.reach = reach;
        this.groups = groups;
        this.scope = scope;
        this.groupSet = new int[groups.size()];
        this.subnet = new int[groups.size()];
        Map<List<String>, Integer> setIds = new HashMap<>();
        Map<Subnet, Integer> subnetIds = new HashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            Group g = groups.get(i);
            groupSet[i] = setIds.computeIfAbsent(g.key.securityGroups(), k -> {
                sets.add(k);
                return sets.size() - 1;
            });
            subnet[i] = subnetIds.computeIfAbsent(g.place.subnet(), k -> {
                subnets.add(k);
                return subnets.size() - 1;
            });
        }
        this.missing = new boolean[groups.size()];
        if (reach.anyMissingGroup()) {
            for (int i = 0; i < groups.size(); i++) {
                missing[i] =
                        !reach.missingGroups(groups.get(i).place.attachment()).isEmpty();
            }
        }
        this.opened = new Opened[sets.size() * 4];
        this.subnetAddresses = new Interval[subnets.size()];
        for (int i = 0; i < subnets.size(); i++) {
            subnetAddresses[i] = AddressSpace.ipv4(subnets.get(i).cidr());
        }
    }

    /**
     * Every pair of groups that connects, with the destinations the scope asks for, as rectangles: each connection
     * says that every member of some groups of one set of security groups reaches every member of some groups of
     * another set on the same ports. Ordered by first source group, then first destination group, then protocol.
     *
     * <p>Sources are looked up from the destination's ingress rules (members of the groups they reference, subnets
     * their blocks overlap), so pairs nothing admits are never visited. Between two sets of security groups the ports
     * depend on a source group only through what the destination set's ingress rules open to it, and on a
     * destination group only through what the source set's egress rules open to it, where the subnets' ACLs and routes
     * let everything through ({@link #rectangles}): a large account's hundreds of thousands of pairs of groups are
     * worked out, and read by the policy and the reports, as tens of thousands of pairs of sets.
     */
    List<Exposure.Connection> all() {
        Candidates candidates = new Candidates();
        Rows rows = new Rows();
        // The destinations of each set of security groups, in network order of the set's first group; a load
        // balancer's interfaces (listeners, target groups) pair by pair.
        Map<Integer, List<Integer>> plainBySet = new LinkedHashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            if (rows.ends.into.get(i).isEmpty()) {
                continue;
            }
            if (plain(i)) {
                plainBySet.computeIfAbsent(groupSet[i], k -> new ArrayList<>()).add(i);
                continue;
            }
            for (Protocol p : Exposure.PROTOCOLS) {
                BitSet sources = candidates.withClientsOf(i, p);
                for (int j = sources.nextSetBit(0); j >= 0; j = sources.nextSetBit(j + 1)) {
                    pairRow(j, i, p, rows);
                }
            }
        }
        for (List<Integer> into : plainBySet.values()) {
            for (Protocol p : Exposure.PROTOCOLS) {
                intoSet(into, p, candidates, rows);
            }
        }
        return rows.inOrder();
    }

    /**
     * The rows into the destination groups of one set over one protocol: pair by pair from load balancers, from the
     * set itself and wherever the subnets' ACLs decide; as rectangles from each other set.
     */
    private void intoSet(List<Integer> into, Protocol p, Candidates candidates, Rows rows) {
        for (int d : into) {
            // Network Load Balancers that forward with their clients' addresses, which the set's rules need not name.
            BitSet clients = candidates.withClientsOf(d, p);
            BitSet named = candidates.of(d, p);
            for (int j = clients.nextSetBit(0); j >= 0 && clients != named; j = clients.nextSetBit(j + 1)) {
                if (!named.get(j)) {
                    pairRow(j, d, p, rows);
                }
            }
        }
        int anyInto = into.getFirst();
        BitSet sources = candidates.of(anyInto, p);
        Map<Integer, List<Integer>> bySet = new LinkedHashMap<>();
        for (int j = sources.nextSetBit(0); j >= 0; j = sources.nextSetBit(j + 1)) {
            if (!Exposure.initiates(groups.get(j).place.attachment())) {
                continue;
            }
            if (!plain(j) || groupSet[j] == groupSet[anyInto] || reach.aclsOmitted()) {
                for (int d : into) {
                    pairRow(j, d, p, rows);
                }
            } else {
                bySet.computeIfAbsent(groupSet[j], k -> new ArrayList<>()).add(j);
            }
        }
        bySet.values().forEach(from -> rectangles(from, into, p, rows));
    }

    /**
     * The rows between the groups of two different sets of security groups, neither a load balancer's. The
     * destination set's ingress rules open the same ports to every source group in subnets their blocks meet alike,
     * and the source set's egress rules the same to every destination group alike: sources alike (and in one tier)
     * times destinations alike make one row, split further by what the subnets' ACLs and routes let through
     * ({@link #acrossPaths}).
     */
    private void rectangles(List<Integer> from, List<Integer> into, Protocol p, Rows rows) {
        int anyFrom = from.getFirst();
        int anyInto = into.getFirst();
        List<Alike> sources = alike(from, anyInto, true, p);
        List<Alike> destinations = alike(into, anyFrom, false, p);
        for (Alike a : sources) {
            for (Alike b : destinations) {
                IntervalSet ports = a.opens.intersect(b.opens);
                if (ports.isEmpty()) {
                    continue;
                }
                acrossPaths(a.groups, b.groups, p, ports, rows);
            }
        }
    }

    /**
     * The rows between sources and destinations that the rules open the same ports to ({@code open}): the subnets'
     * ACLs and routes then decide. Sources whose paths to each destination let the same ports through go together,
     * and with them the destinations their paths let the same ports through to; where a path depends on addresses
     * within the subnets ({@link Path#ports} null), that pair is worked out alone.
     */
    private void acrossPaths(List<Integer> from, List<Integer> into, Protocol p, IntervalSet open, Rows rows) {
        Map<List<@Nullable IntervalSet>, List<Integer>> bySources = new LinkedHashMap<>();
        for (int s : from) {
            List<@Nullable IntervalSet> across = new ArrayList<>(into.size());
            for (int d : into) {
                across.add(path(s, d, p).ports());
            }
            bySources.computeIfAbsent(across, k -> new ArrayList<>()).add(s);
        }
        bySources.forEach((across, sources) -> {
            Map<IntervalSet, List<Integer>> byPorts = new LinkedHashMap<>();
            for (int k = 0; k < into.size(); k++) {
                IntervalSet ports = across.get(k);
                if (ports == null) {
                    for (int s : sources) {
                        pairRow(s, into.get(k), p, rows);
                    }
                } else {
                    byPorts.computeIfAbsent(ports, x -> new ArrayList<>()).add(into.get(k));
                }
            }
            byPorts.forEach((ports, destinations) -> {
                IntervalSet through = open.intersect(ports);
                if (!through.isEmpty()) {
                    rows.add(sources, destinations, p, through);
                }
            });
        });
    }

    /** Groups of one set that the other end's rules open the same ports to, in one tier. */
    private record Alike(IntervalSet opens, Tier tier, List<Integer> groups) {}

    /**
     * The groups of one set, alike in what the owner's rules of one direction open to them: the part by their
     * subnet's addresses (one cached answer per set of blocks the subnet meets, hence compared as the same object
     * first) and, for all of them alike, the part by their security groups.
     */
    private List<Alike> alike(List<Integer> members, int owner, boolean ingress, Protocol p) {
        if (sets.get(groupSet[owner]).isEmpty()) {
            return alike(members, g -> Reachability.EVERY_PORT);
        }
        Opened o = opened(owner, ingress, p);
        IntervalSet byGroups = byGroups(o, members.getFirst());
        List<Alike> byAddress = alike(members, g -> byAddress(o, g));
        List<Alike> out = new ArrayList<>(byAddress.size());
        for (Alike a : byAddress) {
            out.add(new Alike(a.opens.union(byGroups), a.tier, a.groups));
        }
        return out;
    }

    private List<Alike> alike(List<Integer> members, java.util.function.IntFunction<IntervalSet> opens) {
        List<Alike> out = new ArrayList<>();
        for (int g : members) {
            IntervalSet open = opens.apply(g);
            Tier tier = groups.get(g).tier();
            Alike same = null;
            for (Alike a : out) {
                if (a.tier == tier && (a.opens == open || a.opens.equals(open))) {
                    same = a;
                    break;
                }
            }
            if (same == null) {
                same = new Alike(open, tier, new ArrayList<>());
                out.add(same);
            }
            same.groups.add(g);
        }
        return out;
    }

    /** The row of one pair of groups over one protocol, if they connect. */
    private void pairRow(int s, int d, Protocol p, Rows rows) {
        if (!mayPair(s, d, rows.ends.into.get(d))) {
            return;
        }
        if (acrossOmittedAcls(s, d)) {
            return; // cannot tell: untold()
        }
        IntervalSet ports = ports(s, d, p);
        if (!ports.isEmpty()) {
            rows.add(List.of(s), List.of(d), p, ports);
        }
    }

    /**
     * Whether group {@code s} may open connections to {@code to}, the members of group {@code d} asked about: it
     * starts connections, and a group paired with itself has two members to connect.
     */
    private boolean mayPair(int s, int d, List<Attachment> to) {
        Group source = groups.get(s);
        if (!Exposure.initiates(source.place.attachment())) {
            return false;
        }
        return s != d || to.stream().anyMatch(t -> source.members.stream().anyMatch(f -> !f.equals(t)));
    }

    /** Not a load balancer's interface whose listeners or targets the input gives: its security groups decide. */
    private boolean plain(int group) {
        return reach.decidedByGroups(groups.get(group).place.attachment());
    }

    /** Each group's members, and those of them the scope asks flows into (none when it takes no connections). */
    private final class Ends {
        final List<List<Attachment>> members =
                groups.stream().map(g -> List.copyOf(g.members)).toList();
        final List<List<Attachment>> into = new ArrayList<>();

        Ends() {
            for (int i = 0; i < groups.size(); i++) {
                into.add(destinations(groups.get(i), members.get(i)));
            }
        }
    }

    /** A connection and its place in the order of {@link #all}. */
    private record Keyed(long key, Exposure.Connection connection) {}

    /**
     * The connections as they are found, put in order at the end. A list of members is made once per list of groups,
     * so the readers that split a connection's ends (by label, by the policy's selections) split each list once.
     */
    private final class Rows {
        final Ends ends = new Ends();
        // One cache per end: a destination list holds only the members the scope asks about.
        private final Map<List<Integer>, List<Attachment>> fromLists = new HashMap<>();
        private final Map<List<Integer>, List<Attachment>> toLists = new HashMap<>();
        private final List<Keyed> found = new ArrayList<>();

        void add(List<Integer> from, List<Integer> to, Protocol p, IntervalSet ports) {
            int s = from.getFirst();
            int d = to.getFirst();
            found.add(new Keyed(
                    ((long) s * groups.size() + d) * 2 + p.ordinal() % 2,
                    new Exposure.Connection(
                            list(from, ends.members, fromLists),
                            groups.get(s).tier(),
                            list(to, ends.into, toLists),
                            groups.get(d).tier(),
                            p,
                            ports,
                            // Groups share no attachment: ends without a common group share none.
                            java.util.Collections.disjoint(from, to))));
        }

        private List<Attachment> list(
                List<Integer> of, List<List<Attachment>> lists, Map<List<Integer>, List<Attachment>> made) {
            if (of.size() == 1) {
                return lists.get(of.getFirst());
            }
            return made.computeIfAbsent(List.copyOf(of), k -> {
                List<Attachment> all = new ArrayList<>();
                k.forEach(g -> all.addAll(lists.get(g)));
                return List.copyOf(all);
            });
        }

        /** By first source group, then first destination group, then protocol. */
        List<Exposure.Connection> inOrder() {
            found.sort(Comparator.comparingLong(Keyed::key));
            return found.stream().map(Keyed::connection).toList();
        }
    }

    /**
     * The pairs of groups, one end of which names a security group the input does not hold, that may connect on ports
     * no known rule lets through: cannot tell, in the order of {@link #all}. Such a group may admit anything its
     * owner's other groups do not ({@link Reachability#untoldByGroups}), so its owner's rules of that direction open
     * every port here, and the ports that pass so, less those that pass on the known rules, are the flow's undecided
     * ports, as the engine answers it ({@code MissingGroupsCliTest} asks {@code why} about every row).
     */
    List<Exposure.UntoldConnection> untold() {
        if (!reach.anyMissingGroup() && !reach.aclsOmitted()) {
            return new ArrayList<>();
        }
        Candidates candidates = new Candidates();
        BitSet everyone = new BitSet();
        everyone.set(0, groups.size());
        // A missing group of the destination may admit any source; else its known rules pick them.
        return byPair((d, p) -> missing[d] ? everyone : candidates.withClientsOf(d, p), (s, d, p, from, to) -> {
            boolean acls = acrossOmittedAcls(s, d);
            if (!missing[d] && !missing[s] && !acls) {
                return null;
            }
            Untold u = acls ? acrossAcls(s, d, p) : untold(s, d, p);
            return u.ports().isEmpty()
                    ? null
                    : new Exposure.UntoldConnection(
                            new Exposure.Connection(
                                    from,
                                    groups.get(s).tier(),
                                    to,
                                    groups.get(d).tier(),
                                    p,
                                    u.ports(),
                                    s != d),
                            u.unmodelled());
        });
    }

    /** The candidate source groups of a destination group over one protocol. */
    private interface SourcesOf {
        BitSet of(int destination, Protocol p);
    }

    /** What one pair of groups gives over one protocol, between these members of each: a row, or none. */
    private interface PairRow<T> {
        @Nullable
        T of(int source, int destination, Protocol p, List<Attachment> from, List<Attachment> to);
    }

    /**
     * The rows of every pair of groups a destination's candidates name, ordered by source group, then destination
     * group, then protocol: destinations are visited in order, then protocols, so each source's list is in order and
     * the lists joined by source are too (no sort of every row). Sources that start no connection are skipped, and a
     * group paired with itself only where it has two members to connect.
     */
    private <T> List<T> byPair(SourcesOf sourcesOf, PairRow<T> row) {
        List<List<T>> bySource = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            bySource.add(new ArrayList<>());
        }
        Ends ends = new Ends();
        for (int i = 0; i < groups.size(); i++) {
            List<Attachment> to = ends.into.get(i);
            if (!to.isEmpty()) {
                intoOne(i, to, sourcesOf, row, ends.members, bySource);
            }
        }
        List<T> out = new ArrayList<>();
        bySource.forEach(out::addAll);
        return out;
    }

    /**
     * The rows into one destination group, added to their sources' lists. A method of its own rather than the body of
     * the loop over destinations: the JIT compiles it as an ordinary method, early with the analysis cache's training
     * profile, instead of replacing the running loop mid-way (docs/benchmarks.md).
     */
    private <T> void intoOne(
            int i,
            List<Attachment> to,
            SourcesOf sourcesOf,
            PairRow<T> row,
            List<List<Attachment>> members,
            List<List<T>> bySource) {
        for (Protocol p : Exposure.PROTOCOLS) {
            BitSet sources = sourcesOf.of(i, p);
            for (int j = sources.nextSetBit(0); j >= 0; j = sources.nextSetBit(j + 1)) {
                if (!mayPair(j, i, to)) {
                    continue;
                }
                T r = row.of(j, i, p, members.get(j), to);
                if (r != null) {
                    bySource.get(j).add(r);
                }
            }
        }
    }

    /** Ports a pair may connect on that the engine cannot tell, and what is not modelled. */
    private record Untold(IntervalSet ports, List<String> unmodelled) {}

    /**
     * Whether a flow between the two groups crosses a subnet's edge, where a network ACL the input leaves out decides:
     * "A network access control list (ACL) allows or denies specific inbound or outbound traffic at the subnet level"
     * (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html); within a subnet none applies.
     */
    private boolean acrossOmittedAcls(int s, int d) {
        return reach.aclsOmitted() && subnet[s] != subnet[d];
    }

    /**
     * A pair in different subnets of a network whose ACLs the input leaves out: every port the other hops let through
     * is cannot tell (the engine goes on past the ACLs, undecided), with what a missing group of either end adds.
     */
    private Untold acrossAcls(int s, int d, Protocol p) {
        Location.Resource from = groups.get(s).place;
        Location.Resource to = groups.get(d).place;
        if (!reach.forwarding(from.attachment(), to.attachment(), p).byClient().isEmpty()) {
            Answer answer = reach.evaluate(new Flow(from, to, p, PortRange.ALL), false);
            return new Untold(answer.undecided().project(Dim.DPORT), answer.unmodelled());
        }
        List<String> what = new ArrayList<>(List.of(Network.Omitted.NETWORK_ACLS.describe()));
        if (missing[s] || missing[d]) {
            untold(s, d, p).unmodelled().stream().filter(w -> !what.contains(w)).forEach(what::add);
        }
        return new Untold(ports(s, d, p, true), what);
    }

    private Untold untold(int s, int d, Protocol p) {
        Location.Resource from = groups.get(s).place;
        Location.Resource to = groups.get(d).place;
        if (s == d) {
            // Members of one group reach each other alike: the flow between two of them answers for all.
            to = reach.locate(groups.get(d).members.get(1)).orElseThrow();
        }
        if (!reach.forwarding(from.attachment(), to.attachment(), p).byClient().isEmpty()) {
            // The target sees the clients' addresses: the engine answers that flow itself.
            Answer answer = reach.evaluate(new Flow(from, to, p, PortRange.ALL), false);
            return new Untold(
                    answer.undecided()
                            .project(Dim.DPORT)
                            .minus(answer.admitted().project(Dim.DPORT)),
                    answer.unmodelled());
        }
        IntervalSet maybe = ports(s, d, p, true).minus(ports(s, d, p, false));
        List<String> what = new ArrayList<>();
        if (missing[s] && !maybe.minus(allowed(s, false, d, p)).isEmpty()) {
            what.add(Reachability.missingWhat(reach.missingGroups(from.attachment())));
        }
        String destination = Reachability.missingWhat(reach.missingGroups(to.attachment()));
        if (missing[d] && !maybe.minus(allowed(d, true, s, p)).isEmpty() && !what.contains(destination)) {
            what.add(destination);
        }
        return new Untold(maybe, what);
    }

    /**
     * The ports the owner's rules of one direction open to or from the peer group; with {@code untold}, every port
     * when the owner has a security group the input does not hold.
     */
    private IntervalSet opens(int owner, boolean ingress, int peer, Protocol p, boolean untold) {
        return untold && missing[owner] ? Reachability.EVERY_PORT : allowed(owner, ingress, peer, p);
    }

    private IntervalSet opens(int owner, boolean ingress, int peer, Protocol p, Interval where, boolean untold) {
        return untold && missing[owner] ? Reachability.EVERY_PORT : allowed(owner, ingress, peer, p, where);
    }

    /** The members of a group the scope asks flows into: none when it takes no connections. */
    private List<Attachment> destinations(Group d, List<Attachment> all) {
        if (!Exposure.accepts(d.place.attachment())) {
            return List.of();
        }
        return all.stream().allMatch(scope.internalTo())
                ? all
                : all.stream().filter(scope.internalTo()).toList();
    }

    /**
     * The packets two subnets let through; and, when every box of them spans both subnets whole, the destination
     * ports they let through (then only the rules and these ports decide, the same for every pair of groups in those
     * subnets), else null.
     */
    private record Path(PacketSet packets, @Nullable IntervalSet ports) {}

    /**
     * The destination ports of connections from any member of group {@code s} to any other member of group
     * {@code d}: over the boxes of packets the subnets let through, each box's ports that an egress rule matching its
     * destinations and an ingress rule matching its sources both open.
     */
    private IntervalSet ports(int s, int d, Protocol p) {
        return ports(s, d, p, false);
    }

    /** The same, with every port open to rules of a group missing from the input when {@code untold}. */
    private IntervalSet ports(int s, int d, Protocol p, boolean untold) {
        Reachability.Forwarding forwarding = reach.forwarding(
                groups.get(s).place.attachment(), groups.get(d).place.attachment(), p);
        if (!untold && !forwarding.byClient().isEmpty()) {
            // The target sees the clients' addresses, not the source's: the engine answers that flow itself.
            return reach.admitted(new Flow(groups.get(s).place, groups.get(d).place, p, PortRange.ALL))
                    .project(Dim.DPORT);
        }
        IntervalSet bound = opens(d, true, s, p, untold)
                .intersect(reach.listening(groups.get(d).place.attachment(), p))
                .intersect(forwarding.registered());
        if (bound.isEmpty()) {
            return bound;
        }
        bound = bound.intersect(opens(s, false, d, p, untold));
        if (bound.isEmpty()) {
            return bound;
        }
        Path path = path(s, d, p);
        if (path.ports() != null) {
            return bound.intersect(path.ports());
        }
        List<Interval> out = new ArrayList<>();
        for (Box b : path.packets().boxes()) {
            IntervalSet ports = IntervalSet.of(b.dport()).intersect(bound);
            if (!ports.isEmpty()) {
                ports = ports.intersect(opens(s, false, d, p, b.dst(), untold))
                        .intersect(opens(d, true, s, p, b.src(), untold));
                out.addAll(ports.intervals());
            }
        }
        return IntervalSet.of(out);
    }

    /** The packets the subnets of two groups let through between them: once per pair of subnets. */
    private Path path(int s, int d, Protocol p) {
        long key = ((long) subnet[s] * subnets.size() + subnet[d]) * 2 + p.ordinal() % 2;
        Path path = paths.get(key);
        if (path == null) {
            Subnet from = subnets.get(subnet[s]);
            Subnet to = subnets.get(subnet[d]);
            PacketSet packets = reach.betweenSubnets(from, to, p);
            Box all = new Box(
                    subnetAddresses[subnet[s]],
                    Reachability.EPHEMERAL,
                    subnetAddresses[subnet[d]],
                    Reachability.ALL_PORTS);
            path = new Path(packets, portsAcross(packets, all));
            paths.put(key, path);
        }
        return path;
    }

    /** The destination ports of packets whose every box spans both subnets ({@code all}'s addresses), or null. */
    private static @Nullable IntervalSet portsAcross(PacketSet packets, Box all) {
        if (packets.sameAs(PacketSet.of(all))) {
            return Reachability.EVERY_PORT;
        }
        List<Interval> ports = new ArrayList<>();
        for (Box b : packets.boxes()) {
            if (!b.src().equals(all.src()) || !b.dst().equals(all.dst())) {
                return null;
            }
            ports.add(b.dport());
        }
        return IntervalSet.of(ports);
    }

    /** The ports the owner's rules of one direction open to or from the peer group, anywhere in its subnet. */
    private IntervalSet allowed(int owner, boolean ingress, int peer, Protocol p) {
        if (sets.get(groupSet[owner]).isEmpty()) {
            return Reachability.EVERY_PORT;
        }
        Opened o = opened(owner, ingress, p);
        return byAddress(o, peer).union(byGroups(o, peer));
    }

    /** The ports the owner's rules open to the peer group's subnet by address. */
    private IntervalSet byAddress(Opened o, int peer) {
        // Looked up before computing: a computeIfAbsent here made capturing lambdas per call (hundreds of MB of
        // garbage on a 10,000-interface account), although nearly every call finds its answer.
        IntervalSet address = o.bySubnet[subnet[peer]];
        if (address == null) {
            address = o.rules.byAddress(subnetAddresses[subnet[peer]]);
            o.bySubnet[subnet[peer]] = address;
        }
        return address;
    }

    /** The ports the owner's rules of one direction open to the peer's security groups. */
    private IntervalSet byGroups(Opened o, int peer) {
        IntervalSet group = o.bySet.get(groupSet[peer]);
        if (group == null) {
            group = o.rules.byGroups(sets.get(groupSet[peer]));
            o.bySet.put(groupSet[peer], group);
        }
        return group;
    }

    /** The same for the peer's members at {@code where}: its groups, and those addresses. */
    private IntervalSet allowed(int owner, boolean ingress, int peer, Protocol p, Interval where) {
        if (sets.get(groupSet[owner]).isEmpty()) {
            return Reachability.EVERY_PORT;
        }
        Opened o = opened(owner, ingress, p);
        IntervalSet address = o.byBox.computeIfAbsent(where, k -> o.rules.byAddress(where));
        return address.union(byGroups(o, peer));
    }

    /**
     * One set's rules of one direction and protocol, and the ports they open by peer, filled as asked: by subnet in
     * an array (a VPC has a few hundred subnets at most), by the peer's set in a table of its own (an account may have
     * thousands of sets, and each owner meets only some), and to addresses of one box of packets.
     */
    private static final class Opened {
        final Rules rules;
        final @Nullable IntervalSet[] bySubnet;
        final LongKeyed<IntervalSet> bySet = new LongKeyed<>();
        final Map<Interval, IntervalSet> byBox = new HashMap<>();

        Opened(Rules rules, int subnets) {
            this.rules = rules;
            this.bySubnet = new IntervalSet[subnets];
        }
    }

    private Opened opened(int owner, boolean ingress, Protocol p) {
        // The owner's set of groups, the direction and the protocol's transport as one small number.
        int key = groupSet[owner] * 4 + (ingress ? 2 : 0) + p.ordinal() % 2;
        Opened o = opened[key];
        if (o == null) {
            o = new Opened(rules(groups.get(owner), ingress, p), subnets.size());
            opened[key] = o;
        }
        return o;
    }

    private Rules rules(int owner, boolean ingress, Protocol p) {
        return opened(owner, ingress, p).rules;
    }

    /** Which groups a destination's ingress rules can admit at all: by referenced group, or by subnet address. */
    private final class Candidates {
        private final Map<String, BitSet> bySecurityGroup = new HashMap<>();
        private final long[] subnetStarts;
        private final long[] subnetEnds;
        /** The highest end among the subnets up to each: subnets of imported networks may overlap. */
        private final long[] maxEnd;

        private final LongKeyed<BitSet> cache = new LongKeyed<>();
        private final BitSet[] inSubnet;
        private final BitSet everyone = new BitSet();
        /** The groups that are interfaces of load balancers that may forward with their clients' addresses. */
        private final List<Integer> balancers = new ArrayList<>();

        Candidates() {
            Map<Subnet, BitSet> bySubnet = new HashMap<>();
            for (int i = 0; i < groups.size(); i++) {
                Group g = groups.get(i);
                everyone.set(i);
                if (reach.mayForwardByClient(g.place.attachment())) {
                    balancers.add(i);
                }
                for (String sg : g.key.securityGroups()) {
                    bySecurityGroup.computeIfAbsent(sg, k -> new BitSet()).set(i);
                }
                bySubnet.computeIfAbsent(g.place.subnet(), k -> new BitSet()).set(i);
            }
            List<Subnet> subnets = new ArrayList<>(bySubnet.keySet());
            subnets.sort(Comparator.comparingLong(
                    sub -> AddressSpace.ipv4(sub.cidr()).lo()));
            subnetStarts = new long[subnets.size()];
            subnetEnds = new long[subnets.size()];
            inSubnet = new BitSet[subnets.size()];
            maxEnd = new long[subnets.size()];
            for (int i = 0; i < subnets.size(); i++) {
                Interval at = AddressSpace.ipv4(subnets.get(i).cidr());
                subnetStarts[i] = at.lo();
                subnetEnds[i] = at.hi();
                inSubnet[i] = bySubnet.get(subnets.get(i));
                maxEnd[i] = Math.max(at.hi(), i == 0 ? -1 : maxEnd[i - 1]);
            }
        }

        /**
         * {@link #of}, and the Network Load Balancers that forward to {@code d} with their clients' addresses, which
         * {@code d}'s rules need not name.
         */
        BitSet withClientsOf(int d, Protocol p) {
            BitSet out = null;
            for (int j : balancers) {
                Attachment lb = groups.get(j).place.attachment();
                if (!reach.forwarding(lb, groups.get(d).place.attachment(), p)
                        .byClient()
                        .isEmpty()) {
                    if (out == null) {
                        out = (BitSet) of(d, p).clone();
                    }
                    out.set(j);
                }
            }
            return out == null ? of(d, p) : out;
        }

        BitSet of(int d, Protocol p) {
            if (sets.get(groupSet[d]).isEmpty()) {
                return everyone;
            }
            return cache.computeIfAbsent(groupSet[d] * 2L + p.ordinal() % 2, k -> admissible(d, p));
        }

        private BitSet admissible(int d, Protocol p) {
            Rules r = rules(d, true, p);
            BitSet out = new BitSet();
            for (String sg : r.byGroup.keySet()) {
                BitSet members = bySecurityGroup.get(sg);
                if (members != null) {
                    out.or(members);
                }
            }
            for (Interval block : r.blocks) {
                long lo = block.lo();
                // Back from the last subnet that starts inside the block, until none before can reach into it.
                for (int i = upperBound(block.hi()) - 1; i >= 0 && maxEnd[i] >= lo; i--) {
                    if (subnetEnds[i] >= lo) {
                        out.or(inSubnet[i]);
                    }
                }
            }
            return out;
        }

        /** The number of subnets that start at or before {@code value}. */
        private int upperBound(long value) {
            int lo = 0;
            int hi = subnetStarts.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (subnetStarts[mid] <= value) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }

    /**
     * One set of security groups' rules of one direction and protocol: by CIDR (each block, and the ports it opens), and
     * by referenced group. The blocks are met by every subnet an owner meets, hundreds of thousands of times on a large
     * account, so the ports of each set of blocks met are merged once.
     */
    private static final class Rules {
        final Interval[] blocks;
        final IntervalSet[] blockPorts;
        final Map<String, IntervalSet> byGroup;
        /** The ports open to a set of blocks (bit i: block i), for rules of at most 64 blocks. */
        private final LongKeyed<IntervalSet> byBlocksMet = new LongKeyed<>();

        Rules(List<Interval> blocks, List<IntervalSet> blockPorts, Map<String, IntervalSet> byGroup) {
            this.blocks = blocks.toArray(Interval[]::new);
            this.blockPorts = blockPorts.toArray(IntervalSet[]::new);
            this.byGroup = byGroup;
        }

        IntervalSet byGroups(List<String> peerGroups) {
            List<Interval> ports = new ArrayList<>();
            for (String g : peerGroups) {
                IntervalSet open = byGroup.get(g);
                if (open != null) {
                    ports.addAll(open.intervals());
                }
            }
            return IntervalSet.of(ports);
        }

        IntervalSet byAddress(Interval subnet) {
            if (blocks.length > Long.SIZE) {
                List<Interval> ports = new ArrayList<>();
                for (int i = 0; i < blocks.length; i++) {
                    if (blocks[i].overlaps(subnet)) {
                        ports.addAll(blockPorts[i].intervals());
                    }
                }
                return IntervalSet.of(ports);
            }
            // Most subnets meet the same few blocks (the VPC's, the world): the ports are merged once per set of
            // blocks met, not once per subnet.
            long met = 0;
            for (int i = 0; i < blocks.length; i++) {
                if (blocks[i].overlaps(subnet)) {
                    met |= 1L << i;
                }
            }
            if (met == 0) {
                return IntervalSet.empty();
            }
            IntervalSet ports = byBlocksMet.get(met);
            if (ports == null) {
                List<Interval> open = new ArrayList<>();
                for (long rest = met; rest != 0; rest &= rest - 1) {
                    open.addAll(blockPorts[Long.numberOfTrailingZeros(rest)].intervals());
                }
                ports = IntervalSet.of(open);
                byBlocksMet.put(met, ports);
            }
            return ports;
        }
    }

    private Rules rules(Group owner, boolean ingress, Protocol p) {
        List<Interval> blocks = new ArrayList<>();
        List<IntervalSet> blockPorts = new ArrayList<>();
        Map<String, IntervalSet> byGroup = new HashMap<>();
        for (SecurityGroup g : reach.groupsOf(owner.place.attachment())) {
            for (SecurityGroupRule rule : ingress ? g.ingress() : g.egress()) {
                if (!Reachability.protocolMatches(rule.protocol(), p)) {
                    continue;
                }
                IntervalSet ports = rule.protocol() == Protocol.ALL
                        ? Reachability.EVERY_PORT
                        : IntervalSet.of(
                                new Interval(rule.ports().from(), rule.ports().to()));
                switch (rule.peer()) {
                    case Peer.Block b -> {
                        blocks.add(reach.space().of(b.cidr()));
                        blockPorts.add(ports);
                    }
                    case Peer.Group ref -> byGroup.merge(ref.groupName(), ports, IntervalSet::union);
                    // A prefix list's addresses are a service's, never a subnet's.
                    case Peer.PrefixList pl -> {}
                    // Another VPC's group: no attachment of this VPC carries it.
                    case Peer.OtherVpcGroup other -> {}
                }
            }
        }
        return new Rules(blocks, blockPorts, byGroup);
    }
}
