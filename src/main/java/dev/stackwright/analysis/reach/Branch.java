package dev.stackwright.analysis.reach;

import java.util.List;

/**
 * One way a flow can go: routes split a flow by destination address (and a NAT's own routes split it again), and
 * each part has its own components.
 *
 * @param via        the route that chose this way, e.g. "0.0.0.0/0 -> NAT instance nat-a"
 * @param admitted   the request packets that pass every hop of this way (empty when it is blocked or undecided)
 * @param undecided  the request packets that pass every hop the model holds but cross one it does not (empty when
 *                   a hop blocks them)
 * @param unmodelled what the model does not hold on this way, in path order ("virtual private gateway vgw-1")
 */
public record Branch(String via, List<Hop> hops, PacketSet admitted, PacketSet undecided, List<String> unmodelled) {
    public Branch {
        hops = List.copyOf(hops);
        unmodelled = List.copyOf(unmodelled);
    }

    public Branch(String via, List<Hop> hops, PacketSet admitted) {
        this(via, hops, admitted, PacketSet.empty(), List.of());
    }

    /** Whether some packet gets through (a branch evaluated without hops has only its admitted packets to say so). */
    public boolean reachable() {
        return !admitted.isEmpty() && hops.stream().noneMatch(Hop::blocks);
    }

    /** Whether no modelled hop blocks this way but it crosses one the model does not hold. */
    public boolean cannotTell() {
        return !undecided.isEmpty() && hops.stream().noneMatch(Hop::blocks);
    }

    public List<Blocker> blockers() {
        return hops.stream().flatMap(h -> h.blocker().stream()).toList();
    }
}
