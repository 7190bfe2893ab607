package dev.stackwright.deploy;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One line of DescribeStackEvents. The stack itself appears as a resource of type AWS::CloudFormation::Stack. */
public record StackEvent(
        String eventId,
        String stackName,
        String logicalId,
        String physicalId,
        String resourceType,
        Instant timestamp,
        String status,
        @Nullable String reason) {

    public static final String STACK_TYPE = "AWS::CloudFormation::Stack";

    /** An event about the stack as a whole rather than one of its resources. */
    public boolean isStack() {
        return STACK_TYPE.equals(resourceType) && logicalId.equals(stackName);
    }

    public boolean failed() {
        return status.endsWith("_FAILED");
    }

    /** The resource reached a state it stays in: done, failed or skipped. */
    public boolean settled() {
        return status.endsWith("_COMPLETE") || status.endsWith("_FAILED") || status.endsWith("_SKIPPED");
    }

    public String reasonOrEmpty() {
        return reason == null ? "" : reason;
    }
}
