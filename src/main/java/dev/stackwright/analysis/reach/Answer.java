package dev.stackwright.analysis.reach;

import java.util.LinkedHashSet;
import java.util.List;

/** The answer to a {@link Flow}: every way it can go, and for each the hops that admit or block it. */
public record Answer(Flow flow, List<Branch> branches) {
    public Answer {
        branches = List.copyOf(branches);
    }

    public boolean reachable() {
        return branches.stream().anyMatch(Branch::reachable);
    }

    /** Every component that blocks, once each, in path order: not just the first. */
    public List<Blocker> blockers() {
        return List.copyOf(new LinkedHashSet<>(branches.stream().flatMap(b -> b.blockers().stream()).toList()));
    }

    /** The request packets that get through, over all ways. */
    public PacketSet admitted() {
        PacketSet out = PacketSet.empty();
        for (Branch b : branches) {
            out = out.union(b.admitted());
        }
        return out;
    }
}
