package dev.stackwright.deploy;

import java.util.List;
import java.util.Optional;

/**
 * The event that explains a failed stack operation: the first resource failure that is not one of the
 * "Resource creation cancelled" cascade it set off. Events are oldest first.
 */
public final class RootCause {
    private RootCause() {}

    public static Optional<StackEvent> find(List<StackEvent> events) {
        Optional<StackEvent> real = events.stream()
                .filter(e -> !e.isStack() && e.failed() && !Reasons.isCancellation(e.reason()))
                .findFirst();
        if (real.isPresent()) {
            return real;
        }
        Optional<StackEvent> anyResource =
                events.stream().filter(e -> !e.isStack() && e.failed()).findFirst();
        if (anyResource.isPresent()) {
            return anyResource;
        }
        // Failures before any resource starts (a bad parameter, a missing export) are only on the stack itself.
        return events.stream()
                .filter(e -> e.isStack()
                        && (e.failed() || e.status().contains("ROLLBACK"))
                        && !e.reasonOrEmpty().isBlank()
                        && !e.reasonOrEmpty().startsWith("The following resource(s) failed"))
                .findFirst();
    }

    /** {@code SubnetAppA (AWS::EC2::Subnet): CREATE_FAILED: The subnet's CIDR conflicts with another subnet.} */
    public static String describe(StackEvent e) {
        String reason = Reasons.firstSentence(e.reason());
        return e.logicalId() + " (" + e.resourceType() + "): " + e.status() + (reason.isEmpty() ? "" : ": " + reason);
    }
}
