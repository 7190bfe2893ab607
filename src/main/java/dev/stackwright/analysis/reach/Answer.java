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

    /**
     * Reachable when some way gets through; else cannot tell when some way crosses a hop the model does not hold and
     * nothing else blocks it; else blocked.
     */
    public Verdict verdict() {
        if (reachable()) {
            return Verdict.REACHABLE;
        }
        return branches.stream().anyMatch(Branch::cannotTell) ? Verdict.CANNOT_TELL : Verdict.BLOCKED;
    }

    /** What the model does not hold on the ways that might get through, once each: "virtual private gateway vgw-1". */
    public List<String> unmodelled() {
        return List.copyOf(new LinkedHashSet<>(branches.stream()
                .filter(Branch::cannotTell)
                .flatMap(b -> b.unmodelled().stream())
                .toList()));
    }

    /** "cannot tell: virtual private gateway vgw-1 not modelled", the verdict's reason in words. */
    public String cannotTellReason() {
        return "cannot tell: " + String.join(", ", unmodelled()) + " not modelled";
    }

    /** Every component that blocks, once each, in path order: not just the first. */
    public List<Blocker> blockers() {
        return List.copyOf(new LinkedHashSet<>(
                branches.stream().flatMap(b -> b.blockers().stream()).toList()));
    }

    /** The request packets that get through, over all ways. */
    public PacketSet admitted() {
        PacketSet out = PacketSet.empty();
        for (Branch b : branches) {
            out = out.union(b.admitted());
        }
        return out;
    }

    /** The request packets whose fate the engine cannot tell, over all ways that nothing modelled blocks. */
    public PacketSet undecided() {
        PacketSet out = PacketSet.empty();
        for (Branch b : branches) {
            if (b.cannotTell()) {
                out = out.union(b.undecided());
            }
        }
        return out;
    }
}
