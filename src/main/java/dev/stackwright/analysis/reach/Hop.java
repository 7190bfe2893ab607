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
 */
public record Hop(Direction direction, String component, List<String> admittedBy, Optional<Blocker> blocker,
                  Optional<String> note) {

    public enum Direction { OUT, BACK }

    public Hop {
        admittedBy = List.copyOf(admittedBy);
    }

    public boolean blocks() {
        return blocker.isPresent();
    }
}
