package dev.stackwright.analysis.reach;

import dev.stackwright.model.Attachment;
import dev.stackwright.model.Network;
import dev.stackwright.model.Peer;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.RouteTarget;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.model.Tier;
import dev.stackwright.model.TransitGateways;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code check} lists between the VPCs of one input: for each pair of VPCs that a link joins ({@link Links}: a
 * peering connection or transit gateway both route through, over IPv4 or IPv6, or two peered transit gateways), the
 * flows from resources of one into resources of the other, each
 * answered by {@link CrossVpc} as {@code why} answers it, so a {@code why} of any row agrees with the row.
 *
 * <p>As within one VPC ({@link Exposure}), attachments the engine cannot tell apart are asked once, as a {@link Group},
 * and the sources asked about a destination are those its groups' inbound rules can admit at all: blocks that overlap
 * the source's addresses, and references to the source's groups across the link ({@link OtherVpcGroups} decides
 * whether one counts). A destination with no security group, or one whose groups the input does not hold, is asked
 * about every source. Pairs of VPCs that no link joins are not asked about: nothing routes between them.
 *
 * @param links the pairs of VPCs of the input that a link joins, in input order
 * @param rows  the flows, by link, then source VPC, source group, destination group and protocol; per pair of groups
 *              and protocol, the ports that are reachable and those the engine cannot tell about
 */
public record BetweenVpcs(List<Link> links, List<Row> rows) {
    public static final BetweenVpcs NONE = new BetweenVpcs(List.of(), List.of());

    public BetweenVpcs {
        links = List.copyOf(links);
        rows = List.copyOf(rows);
    }

    /**
     * Two VPCs of the input and what joins them ({@link Links}).
     *
     * @param joins each way they are joined, with the link each routes to
     */
    public record Link(Network a, Network b, List<Links.Join> joins) {
        public Link {
            joins = List.copyOf(joins);
        }

        /** "peering pcx-1", "transit gateway tgw-2", "transit gateways tgw-a and tgw-b (peered)": how each is named. */
        public List<String> via() {
            return joins.stream().map(Links.Join::name).toList();
        }

        /** The name of the join whose link {@code from}'s route tables send to; the link's own name when none. */
        String named(Network from, RouteTarget link) {
            return joins.stream()
                    .filter(j -> (from == a ? j.mine() : j.theirs()).equals(link))
                    .map(Links.Join::name)
                    .findFirst()
                    .orElse(link.describe());
        }
    }

    /**
     * Ports every one of {@code sources} (in VPC {@code from}) reaches on every one of {@code destinations} (in VPC
     * {@code to}), or that the engine cannot tell about.
     *
     * @param verdict    {@link Verdict#REACHABLE} or {@link Verdict#CANNOT_TELL}
     * @param via        what joins the VPCs that the flow crosses ("peering pcx-1", "transit gateways tgw-a and tgw-b
     *                   (peered)")
     * @param unmodelled for a cannot-tell row, what the model does not hold on the way
     */
    public record Row(
            Network from,
            List<Attachment> sources,
            Tier fromTier,
            Network to,
            List<Attachment> destinations,
            Tier toTier,
            Protocol protocol,
            IntervalSet ports,
            Verdict verdict,
            List<String> via,
            List<String> unmodelled) {
        public Row {
            sources = List.copyOf(sources);
            destinations = List.copyOf(destinations);
            via = List.copyOf(via);
            unmodelled = List.copyOf(unmodelled);
        }

        /** The {@code why} command that answers this row for its first source, destination and port. */
        public String why() {
            return "stackwright why " + Names.shellWord(sources.getFirst().name()) + " "
                    + Names.shellWord(destinations.getFirst().name()) + " " + firstPort(ports)
                    + (protocol == Protocol.UDP ? " --protocol udp" : "");
        }

        /** How many (source, destination) pairs the row stands for. */
        public long pairs() {
            return (long) sources.size() * destinations.size();
        }
    }

    /** The links and rows that touch the VPC named {@code vpc}: what crosses into it or out of it. */
    public BetweenVpcs touching(String vpc) {
        return new BetweenVpcs(
                links.stream()
                        .filter(l -> l.a().stackName().equals(vpc)
                                || l.b().stackName().equals(vpc))
                        .toList(),
                rows.stream()
                        .filter(r -> r.from().stackName().equals(vpc)
                                || r.to().stackName().equals(vpc))
                        .toList());
    }

    /** The first port of a set that {@code why} takes (1-65535): port 0 is no port a flow is asked on. */
    public static long firstPort(IntervalSet ports) {
        return ports.intersect(new Interval(1, 65535)).first().or(ports::first).orElseThrow();
    }

    /** The flows between the linked VPCs of an input; {@link #NONE} with fewer than two VPCs. */
    public static BetweenVpcs of(List<Network> networks, TransitGateways transit) {
        List<Link> links = Links.pairs(networks, transit);
        if (links.isEmpty()) {
            return networks.size() < 2 ? NONE : new BetweenVpcs(List.of(), List.of());
        }
        Map<Network, Side> sides = new IdentityHashMap<>();
        List<Row> rows = new ArrayList<>();
        for (Link l : links) {
            Side a = sides.computeIfAbsent(l.a(), n -> new Side(new Reachability(n, transit)));
            Side b = sides.computeIfAbsent(l.b(), n -> new Side(new Reachability(n, transit)));
            new Direction(a, b, l, transit).rows(rows);
            new Direction(b, a, l, transit).rows(rows);
        }
        return new BetweenVpcs(links, rows);
    }

    /** One VPC: its engine and its attachments grouped as {@link Exposure} groups them. */
    private static final class Side {
        final Reachability reach;
        final List<Group> groups;

        Side(Reachability reach) {
            this.reach = reach;
            Map<Group.Key, Group> byKey = new LinkedHashMap<>();
            for (Attachment a : reach.network().attachments()) {
                Optional<Location.Resource> at = reach.locate(a);
                if (at.isPresent()) {
                    byKey.computeIfAbsent(Group.key(a, at.get(), reach), k -> new Group(k, at.get()))
                            .members
                            .add(a);
                }
            }
            this.groups = List.copyOf(byKey.values());
        }

        Network network() {
            return reach.network();
        }
    }

    /** The flows from one VPC's groups into the other's. */
    private static final class Direction {
        private final Side from;
        private final Side to;
        private final Link link;
        private final TransitGateways transit;
        /** The sources that the destinations' inbound rules can admit, by destination group. */
        private final Candidates admittedBy;
        /** The destinations that the sources' outbound rules can send to, by source group. */
        private final Candidates sentBy;

        Direction(Side from, Side to, Link link, TransitGateways transit) {
            this.from = from;
            this.to = to;
            this.link = link;
            this.transit = transit;
            this.admittedBy = new Candidates(to, from, true);
            this.sentBy = new Candidates(from, to, false);
        }

        void rows(List<Row> out) {
            // Per source group, so rows come by source, then destination, then protocol.
            List<List<Row>> bySource = new ArrayList<>();
            from.groups.forEach(g -> bySource.add(new ArrayList<>()));
            for (int i = 0; i < to.groups.size(); i++) {
                Group d = to.groups.get(i);
                if (!Exposure.accepts(d.place.attachment())) {
                    continue;
                }
                for (Protocol p : Exposure.PROTOCOLS) {
                    BitSet sources = admittedBy.of(d, p);
                    for (int j = sources.nextSetBit(0); j >= 0; j = sources.nextSetBit(j + 1)) {
                        Group s = from.groups.get(j);
                        if (Exposure.initiates(s.place.attachment())
                                && sentBy.of(s, p).get(i)) {
                            rows(s, d, p, bySource.get(j));
                        }
                    }
                }
            }
            bySource.forEach(out::addAll);
        }

        /**
         * The rows of one pair of groups and protocol: the flow over every port, asked as {@code why} asks it, then
         * read port by port as {@link CrossVpc.Result#verdict} reads one port. A family's port is reachable when both
         * legs admit it and the link carries it; cannot tell when neither leg blocks it, the link does not, and one of
         * them cannot tell. The pair reaches a port when some family does.
         */
        private void rows(Group s, Group d, Protocol p, List<Row> out) {
            // Unexplained, as why's answer without its hops: check shows none, and asks thousands of pairs.
            CrossVpc.Pair pair =
                    CrossVpc.evaluate(from.reach, s.place, to.reach, d.place, p, PortRange.ALL, transit, false);
            IntervalSet reached = IntervalSet.empty();
            IntervalSet untold = IntervalSet.empty();
            Set<String> via = new LinkedHashSet<>();
            Set<String> viaUntold = new LinkedHashSet<>();
            Set<String> unmodelled = new LinkedHashSet<>();
            for (CrossVpc.Result r : pair.families()) {
                if (!r.linkBlockers().isEmpty()) {
                    continue;
                }
                Answer leaving = r.leaving().answer();
                Answer entering = r.entering().answer();
                IntervalSet outYes = leaving.admitted().project(Dim.DPORT);
                IntervalSet inYes = entering.admitted().project(Dim.DPORT);
                IntervalSet yes = r.linkUnknown().isEmpty() ? outYes.intersect(inYes) : IntervalSet.empty();
                // Blocks not in the input: every port is cannot tell, as why's verdict says.
                IntervalSet maybe = r.blocksUnknown()
                        ? IntervalSet.of(new Interval(PortRange.ALL.from(), PortRange.ALL.to()))
                        : outYes.union(leaving.undecided().project(Dim.DPORT))
                                .intersect(inYes.union(entering.undecided().project(Dim.DPORT)))
                                .minus(yes);
                Optional<String> crossed = r.link().map(t -> link.named(from.network(), t));
                if (!yes.isEmpty()) {
                    reached = reached.union(yes);
                    crossed.ifPresent(via::add);
                }
                if (!maybe.isEmpty()) {
                    untold = untold.union(maybe);
                    crossed.ifPresent(viaUntold::add);
                    unmodelled.addAll(r.unmodelled());
                }
            }
            untold = untold.minus(reached);
            if (!reached.isEmpty()) {
                out.add(row(s, d, p, reached, Verdict.REACHABLE, via, List.of()));
            }
            if (!untold.isEmpty()) {
                out.add(row(s, d, p, untold, Verdict.CANNOT_TELL, viaUntold, List.copyOf(unmodelled)));
            }
        }

        private Row row(
                Group s,
                Group d,
                Protocol p,
                IntervalSet ports,
                Verdict verdict,
                Set<String> via,
                List<String> unmodelled) {
            return new Row(
                    from.network(),
                    s.members,
                    s.tier(),
                    to.network(),
                    d.members,
                    d.tier(),
                    p,
                    ports,
                    verdict,
                    List.copyOf(via),
                    unmodelled);
        }
    }

    /**
     * Which groups of the other VPC one VPC's groups' rules of one direction can match at all: by a block that overlaps
     * their addresses, an IPv6 block (any group with IPv6 addresses), or a reference to one of their security groups
     * across the link. Every group when the owner has no security group, or one the input does not hold. A filter
     * only: the engine decides what the rules do ({@link OtherVpcGroups} whether a reference counts).
     */
    private static final class Candidates {
        private final Side owner;
        private final Side other;
        private final boolean ingress;
        /** Each of the other VPC's groups' addresses on the owner's line, where its rules' blocks are. */
        private final IntervalSet[] addresses;

        private final Map<List<Object>, BitSet> bySet = new HashMap<>();

        Candidates(Side owner, Side other, boolean ingress) {
            this.owner = owner;
            this.other = other;
            this.ingress = ingress;
            this.addresses = new IntervalSet[other.groups.size()];
            for (int i = 0; i < other.groups.size(); i++) {
                addresses[i] = owner.reach
                        .space()
                        .from(other.reach.space(), other.groups.get(i).place.addresses());
            }
        }

        BitSet of(Group g, Protocol p) {
            return bySet.computeIfAbsent(List.of(g.key.securityGroups(), p), k -> matched(g, p));
        }

        private BitSet matched(Group g, Protocol p) {
            BitSet out = new BitSet();
            Network network = owner.network();
            List<String> names = g.key.securityGroups();
            if (names.isEmpty()
                    || names.stream().anyMatch(n -> network.securityGroup(n).isEmpty())) {
                out.set(0, other.groups.size());
                return out;
            }
            for (String name : names) {
                SecurityGroup sg = network.securityGroup(name).orElseThrow();
                for (SecurityGroupRule rule : ingress ? sg.ingress() : sg.egress()) {
                    if (Reachability.protocolMatches(rule.protocol(), p)) {
                        matches(rule.peer(), out);
                    }
                }
                boolean ipv6 = network.ipv6().stream()
                        .flatMap(ds -> ds.rulesOf(name, !ingress).stream())
                        .anyMatch(r -> Reachability.protocolMatches(r.protocol(), p));
                if (ipv6) {
                    for (int j = 0; j < other.groups.size(); j++) {
                        if (CrossVpc.Family.IPV6.in(other.groups.get(j).place.addresses())) {
                            out.set(j);
                        }
                    }
                }
            }
            return out;
        }

        private void matches(Peer peer, BitSet out) {
            switch (peer) {
                case Peer.Block b -> {
                    Interval block = owner.reach.space().of(b.cidr());
                    for (int j = 0; j < other.groups.size(); j++) {
                        if (!addresses[j].intersect(block).isEmpty()) {
                            out.set(j);
                        }
                    }
                }
                case Peer.OtherVpcGroup ref -> {
                    if (ref.inInput() && !ref.vpc().equals(other.network().stackName())) {
                        return;
                    }
                    for (int j = 0; j < other.groups.size(); j++) {
                        if (other.groups.get(j).key.securityGroups().contains(ref.groupName())) {
                            out.set(j);
                        }
                    }
                }
                // A group of the owner's own VPC, or a service's prefix list: no attachment of another VPC.
                case Peer.Group own -> {}
                case Peer.PrefixList pl -> {}
            }
        }
    }
}
