package dev.stackwright.analysis;

import dev.stackwright.analysis.policy.Violation;
import dev.stackwright.analysis.reach.BetweenVpcs;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * What {@code stackwright check} knows between the VPCs of one input: the flows from one VPC into another, and the
 * policy's verdict on them.
 *
 * @param policySource  where the policy came from: "built-in" or the file
 * @param violating     the rows of {@code flows} that break the policy, by identity (the diagram draws them red)
 * @param whyArguments  what the command line adds to a {@code why} command so it reads the same input (" --snapshot
 *                      snap/"); empty when nothing is needed
 */
public record BetweenReport(
        BetweenVpcs flows,
        String policySource,
        List<Violation> violations,
        Set<BetweenVpcs.Row> violating,
        String whyArguments) {
    public BetweenReport {
        violations = List.copyOf(violations);
        violating = Collections.unmodifiableSet(violating);
    }

    /** Nothing between VPCs: an input with one VPC. */
    public static final BetweenReport NONE = new BetweenReport(BetweenVpcs.NONE, "built-in", List.of(), Set.of(), "");

    public boolean passed() {
        return violations.isEmpty();
    }

    /** The {@code why} command that answers a row, as it can be copied. */
    public String why(BetweenVpcs.Row row) {
        return row.why() + whyArguments;
    }
}
