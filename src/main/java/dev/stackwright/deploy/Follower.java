package dev.stackwright.deploy;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
    record Result(String status, Optional<StackEvent> rootCause, boolean timedOut, List<StackEvent> events) {
    }

    /** The id of the newest event, so that following starts after it. */
    String latestEventId(String stackName) {
        List<StackEvent> events = aws.cloudFormation().eventsSince(stackName, null);
        return events.isEmpty() ? null : events.getLast().eventId();
    }

    Result follow(String stackName, Progress progress, String afterEventId, Instant deadline) {
        CloudFormation cfn = aws.cloudFormation();
        PrintWriter err = console.err();
        List<StackEvent> all = new ArrayList<>();
        String last = afterEventId;
        StackEvent root = null;
        boolean stackEventSeen = false;
        int settledPolls = 0;
        while (true) {
            for (StackEvent e : cfn.eventsSince(stackName, last)) {
                all.add(e);
                last = e.eventId();
                stackEventSeen |= e.isStack();
                progress.onEvent(e);
                if (root == null && !e.isStack() && e.failed() && !Reasons.isCancellation(e.reason())) {
                    root = e;
                    progress.quiet();
                    reportFailure(e, err);
                }
            }
            Optional<Stack> stack = cfn.describeStack(stackName);
            String status = stack.map(Stack::status).orElse("DELETE_COMPLETE");
            boolean running = stack.map(s -> s.inProgress() || s.status().equals("REVIEW_IN_PROGRESS")).orElse(false);
            // Right after an execute the old status may still show: trust a settled one once the operation's own
            // stack event was seen, or when it stays settled for a few polls.
            if (!running && (stackEventSeen || stack.isEmpty() || ++settledPolls >= 3)) {
                progress.finish();
                Optional<StackEvent> cause = root != null ? Optional.of(root)
                        : failedStatus(status) ? RootCause.find(all) : Optional.empty();
                if (root == null && cause.isPresent()) {
                    reportFailure(cause.get(), err);
                }
                return new Result(status, cause, false, List.copyOf(all));
            }
            if (!waiter.now().isBefore(deadline)) {
                progress.finish();
                return new Result(status, Optional.ofNullable(root), true, List.copyOf(all));
            }
            progress.tick(waiter.now());
            waiter.sleep(poll);
        }
    }

    static boolean failedStatus(String status) {
        return status.contains("ROLLBACK") || status.endsWith("_FAILED");
    }

    private void reportFailure(StackEvent e, PrintWriter err) {
        err.println("FAILED  " + RootCause.describe(e));
        if (e.resourceType().equals("AWS::ECS::Service") && e.physicalId() != null && e.physicalId().startsWith("arn:")) {
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
