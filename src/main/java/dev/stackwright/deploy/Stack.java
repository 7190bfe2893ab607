package dev.stackwright.deploy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** A deployed stack as DescribeStacks reports it. Tags and outputs are sorted by key. */
public record Stack(
        String name,
        String id,
        String status,
        @Nullable String statusReason,
        Instant lastChanged,
        Map<String, String> tags,
        Map<String, Output> outputs,
        @Nullable String driftStatus,
        @Nullable Instant driftCheckedAt) {

    public Stack {
        tags = new TreeMap<>(tags);
        outputs = new TreeMap<>(outputs);
    }

    public record Output(String value, String description) {}

    public Optional<String> tag(String key) {
        return Optional.ofNullable(tags.get(key));
    }

    /** Something is running on the stack (a deploy, a rollback, a delete): nothing else may start. */
    public boolean inProgress() {
        return status.endsWith("_IN_PROGRESS") && !status.equals("REVIEW_IN_PROGRESS");
    }
}
