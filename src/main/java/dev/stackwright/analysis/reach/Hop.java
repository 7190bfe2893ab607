package dev.stackwright.analysis.reach;

import java.util.List;
import java.util.Optional;

/**
 * One component a flow passes, in order: what it is, whether it admits the flow and by which rule, or why not.
 *
 * @param direction  requests travel {@link Direction#OUT}; replies {@link Direction#BACK} (only stateless
 *                   components, network ACLs and routes, look at replies)
 * @param admittedBy the rules that admit the packets that get through (empty when it blocks)
 * @param note       what the component narrows the flow to, when it admits only part of it
 * @param unmodelled what the model does not hold here ("virtual private gateway vgw-1"), so what it does to the
 *                   flow cannot be told
 */
public record Hop(
        Direction direction,
        String component,
        List<String> admittedBy,
        Optional<Blocker> blocker,
        Optional<String> note,
        Optional<String> unmodelled) {

    public enum Direction {
        OUT,
        BACK
    }

    public Hop {
        admittedBy = List.copyOf(admittedBy);
    }

    public Hop(
            Direction direction,
            String component,
            List<String> admittedBy,
            Optional<Blocker> blocker,
            Optional<String> note) {
        this(direction, component, admittedBy, blocker, note, Optional.empty());
    }

    public boolean blocks() {
        return blocker.isPresent();
    }
}
