package dev.stackwright.deploy;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A change set as DescribeChangeSet reports it: {@code status} is CREATE_PENDING, CREATE_IN_PROGRESS,
 * CREATE_COMPLETE or FAILED; {@code changes} are the resource changes in the order AWS lists them.
 */
public record ChangeSet(
        String id,
        String name,
        String status,
        String executionStatus,
        @Nullable String statusReason,
        List<Change> changes) {

    public ChangeSet {
        changes = List.copyOf(changes);
    }

    public boolean ready() {
        return status.equals("CREATE_COMPLETE");
    }

    public boolean failed() {
        return status.equals("FAILED");
    }

    /**
     * CloudFormation reports a change set with nothing to do as FAILED with one of these reasons; for us it is
     * "no changes".
     */
    public boolean empty() {
        String reason = statusReason == null ? "" : statusReason;
        return failed()
                && (reason.contains("didn't contain changes") || reason.contains("No updates are to be performed"));
    }

    /**
     * One resource change. {@code action} is Add, Modify, Remove, Import or Dynamic; {@code replacement} is True,
     * False or Conditional (Modify only); {@code properties} names the changed properties, {@code recreating} those
     * of them that force a new resource.
     */
    public record Change(
            String action,
            String logicalId,
            String physicalId,
            String resourceType,
            String replacement,
            List<String> properties,
            List<String> recreating) {
        public Change {
            properties = List.copyOf(properties);
            recreating = List.copyOf(recreating);
        }
    }
}
