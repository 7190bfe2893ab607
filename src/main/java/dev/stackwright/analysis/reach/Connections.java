package dev.stackwright.analysis.reach;

import dev.stackwright.model.Attachment;
import dev.stackwright.model.Peer;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.model.Subnet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The flows between groups of attachments, without asking the engine about every pair. For a pair of groups, the
 * request packets that pass are those of the subnets' network ACLs and routes, of the source's egress rules and of
 * the destination's ingress rules. The egress rules constrain only the destination address and port, the ingress
 * rules only the source address and port, so the ports that pass both are exactly the ports of the egress rules that
 * match the destination (by address or group) intersected with those of the ingress rules that match the source.
 * When that is empty, nothing passes; when the subnets' ACLs and routes narrow nothing, it is the answer; otherwise
 * the engine evaluates the pair.
 */
final class Connections {
    private static final IntervalSet ALL_PORTS = IntervalSet.of(Reachability.ALL_PORTS);

    private final Reachability reach;
    private final List<Group> groups;
    private final Exposure.Scope scope;
    private final Map<List<Object>, Rules> rules = new HashMap<>();
    private final Map<List<Object>, IntervalSet> byAddress = new HashMap<>();
    private final Map<List<Object>, Boolean> transparent = new HashMap<>();

    Connections(Reachability reach, List<Group> groups, Exposure.Scope scope) {
        this.reach = reach;
        this.groups = groups;
        this.scope = scope;
    }

    /** Every pair of groups that connects, with the destinations the scope asks for. */
    List<Exposure.Connection> all() {
        List<Exposure.Connection> out = new ArrayList<>();
        List<List<Attachment>> wanted = new ArrayList<>();
        for (Group d : groups) {
            wanted.add(d.key.part() == Group.Part.NAT_GATEWAY ? List.of()
                    : d.members.stream().filter(scope.internalTo()).toList());
        }
        for (Group s : groups) {
            if (!Exposure.initiates(s.place.attachment())) {
                continue;
            }
            for (int i = 0; i < groups.size(); i++) {
                Group d = groups.get(i);
                List<Attachment> to = wanted.get(i);
                if (to.isEmpty()) {
                    continue;
                }
                Attachment from = s.members.getFirst();
                Attachment other = d.members.stream().filter(a -> !a.equals(from)).findFirst().orElse(null);
                if (other == null || (s == d && to.stream().noneMatch(t -> s.members.stream().anyMatch(f -> !f.equals(t))))) {
                    continue;
                }
                for (Protocol p : Exposure.PROTOCOLS) {
                    IntervalSet ports = ports(s, d, other, p);
                    if (!ports.isEmpty()) {
                        out.add(new Exposure.Connection(s.members, s.tier(), to, d.tier(), p, ports));
                    }
                }
            }
        }
        return out;
    }

    /** The destination ports of connections from any member of {@code s} to {@code other}, a member of {@code d}. */
    private IntervalSet ports(Group s, Group d, Attachment other, Protocol p) {
        IntervalSet bound = allowed(d, true, s, p);
        if (bound.isEmpty()) {
            return bound;
        }
        bound = bound.intersect(allowed(s, false, d, p));
        if (bound.isEmpty()) {
            return bound;
        }
        Subnet from = s.place.subnet();
        Subnet to = d.place.subnet();
        if (from.equals(to) || (transparent(from, p) && transparent(to, p))) {
            return bound;
        }
        return reach.admitted(new Flow(s.place, d.at(other), p, PortRange.ALL)).project(Dim.DPORT);
    }

    /** The ports the owner's rules of one direction open to or from the peer group, anywhere in its subnet. */
    private IntervalSet allowed(Group owner, boolean ingress, Group peer, Protocol p) {
        if (owner.key.securityGroups().isEmpty()) {
            return ALL_PORTS;
        }
        Rules r = rules.computeIfAbsent(List.of(owner.key.securityGroups(), ingress, p), k -> rules(owner, ingress, p));
        Subnet where = peer.place.subnet();
        IntervalSet out = byAddress.computeIfAbsent(List.of(owner.key.securityGroups(), ingress, p, where.name()),
                k -> r.byAddress(AddressSpace.ipv4(where.cidr())));
        for (String g : peer.key.securityGroups()) {
            IntervalSet ports = r.byGroup.get(g);
            if (ports != null) {
                out = out.union(ports);
            }
        }
        return out;
    }

    /** One set of security groups' rules of one direction and protocol: by CIDR, and by referenced group. */
    private record Rules(List<Interval> blocks, List<IntervalSet> blockPorts, Map<String, IntervalSet> byGroup) {
        IntervalSet byAddress(Interval subnet) {
            List<Interval> ports = new ArrayList<>();
            for (int i = 0; i < blocks.size(); i++) {
                if (blocks.get(i).overlaps(subnet)) {
                    ports.addAll(blockPorts.get(i).intervals());
                }
            }
            return IntervalSet.of(ports);
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
                IntervalSet ports = rule.protocol() == Protocol.ALL ? ALL_PORTS
                        : IntervalSet.of(new Interval(rule.ports().from(), rule.ports().to()));
                switch (rule.peer()) {
                    case Peer.Block b -> {
                        blocks.add(reach.space().of(b.cidr()));
                        blockPorts.add(ports);
                    }
                    case Peer.Group ref -> byGroup.merge(ref.groupName(), ports, IntervalSet::union);
                    // A prefix list's addresses are a service's, never a subnet's.
                    case Peer.PrefixList pl -> {
                    }
                }
            }
        }
        return new Rules(blocks, blockPorts, byGroup);
    }

    private boolean transparent(Subnet subnet, Protocol p) {
        return transparent.computeIfAbsent(List.of(subnet.name(), p), k -> reach.transparent(subnet, p));
    }
}
