package dev.stackwright.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * VPC flow logs of all traffic, kept {@code retentionDays}, delivered to CloudWatch Logs or to an S3 bucket of the
 * network stack (which Athena can then query).
 */
public record FlowLogs(int retentionDays, Destination destination) {

    /** Flow logs to CloudWatch Logs, the default and what a VPC read from AWS is taken to have. */
    public FlowLogs(int retentionDays) {
        this(retentionDays, Destination.CLOUDWATCH_LOGS);
    }

    /** Where the records go, as the spec names it ({@code network.flowLogs.destination}). */
    public enum Destination {
        CLOUDWATCH_LOGS("cloudwatch-logs"),
        S3("s3");

        private final String id;

        Destination(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Optional<Destination> fromId(String id) {
            return Arrays.stream(values()).filter(d -> d.id.equals(id)).findFirst();
        }
    }
}
