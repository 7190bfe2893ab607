package dev.stackwright.deploy;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Follows one stack operation to its end through the stack's events: feeds the progress display, reports the root
 * cause as soon as a resource fails (not when the rollback is over), and gives up at the deadline.
 */
final class Follower {
    private final Aws aws;
    private final Console console;
    private final Waiter waiter;
    private final Duration poll;

    Follower(Aws aws, Console console, Waiter waiter, Duration poll) {
        this.aws = aws;
        this.console = console;
        this.waiter = waiter;
        this.poll = poll;
    }

    /**
     * How the operation ended.
     *
     * @param status    the stack's final status, DELETE_COMPLETE when it is gone
     * @param rootCause the first real failure, if anything failed
     * @param events    every event of the operation, oldest first
     */
    record Result(String status, Optional<StackEvent> rootCause, boolean timedOut, List<StackEvent> events) {}

    /**
     * The id of the newest event, so that following starts after it.
     *
     * @param stack the stack's ID (ARN), or its name while it certainly exists
     */
    @Nullable
    String latestEventId(String stack) {
        List<StackEvent> events = aws.cloudFormation().eventsSince(stack, null);
        return events.isEmpty() ? null : events.getLast().eventId();
    }

    /**
     * Follows the stack until it settles or the deadline passes.
     *
     * @param stackId the stack's ID, not its name: once a stack is deleted, CloudFormation answers DescribeStacks
     *                and DescribeStackEvents only by ID ("Stack with id NAME does not exist" for the name), so a
     *                delete followed by name would fail at the very moment it succeeds
     */
    Result follow(String stackId, Progress progress, @Nullable String afterEventId, Instant deadline) {
        CloudFormation cfn = aws.cloudFormation();
        Reading reading = new Reading(progress, afterEventId);
        int settledPolls = 0;
        while (true) {
            reading.read(cfn.eventsSince(stackId, reading.last));
            Optional<Stack> stack = cfn.describeStack(stackId);
            String status = stack.map(Stack::status).orElse("DELETE_COMPLETE");
            boolean running = stack.map(s -> s.inProgress() || s.status().equals("REVIEW_IN_PROGRESS"))
                    .orElse(false);
            // Right after an execute the old status may still show: trust a settled one once the operation's own
            // stack event was seen, or when it stays settled for a few polls.
            if (!running && (reading.stackEventSeen || stack.isEmpty() || ++settledPolls >= 3)) {
                // The stack may have failed and settled between the read above and DescribeStacks: the failing
                // resource's events are then not read yet, and without them there is no root cause to print.
                reading.read(cfn.eventsSince(stackId, reading.last));
                progress.finish();
                Optional<StackEvent> cause = reading.root != null
                        ? Optional.of(reading.root)
                        : failedStatus(status) ? RootCause.find(reading.all) : Optional.empty();
                if (reading.root == null && cause.isPresent()) {
                    reportFailure(cause.get(), console.err());
                }
                return new Result(status, cause, false, List.copyOf(reading.all));
            }
            if (!waiter.now().isBefore(deadline)) {
                progress.finish();
                return new Result(status, Optional.ofNullable(reading.root), true, List.copyOf(reading.all));
            }
            progress.tick(waiter.now());
            waiter.sleep(poll);
        }
    }

    /** What has been read of one operation's events so far. */
    private final class Reading {
        private final Progress progress;
        private final List<StackEvent> all = new ArrayList<>();
        private @Nullable String last;
        private @Nullable StackEvent root;
        private boolean stackEventSeen;

        Reading(Progress progress, @Nullable String afterEventId) {
            this.progress = progress;
            this.last = afterEventId;
        }

        void read(List<StackEvent> events) {
            for (StackEvent e : events) {
                all.add(e);
                last = e.eventId();
                stackEventSeen |= e.isStack();
                progress.onEvent(e);
                if (root == null && !e.isStack() && e.failed() && !Reasons.isCancellation(e.reason())) {
                    root = e;
                    progress.quiet();
                    reportFailure(e, console.err());
                }
            }
        }
    }

    static boolean failedStatus(String status) {
        return status.contains("ROLLBACK") || status.endsWith("_FAILED");
    }

    private void reportFailure(StackEvent e, PrintWriter err) {
        err.println("FAILED  " + RootCause.describe(e));
        if (e.resourceType().equals("AWS::ECS::Service")
                && e.physicalId() != null
                && e.physicalId().startsWith("arn:")) {
            List<String> reasons;
            try {
                reasons = aws.ecs().stoppedTaskReasons(e.physicalId());
            } catch (DeployException ex) {
                reasons = List.of();
            }
            reasons.stream().limit(3).forEach(r -> err.println("        stopped task: " + r));
        }
        err.flush();
    }
}
