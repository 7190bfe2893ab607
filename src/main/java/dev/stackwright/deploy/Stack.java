package dev.stackwright.deploy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A deployed stack as DescribeStacks reports it. Tags, outputs and parameters are sorted by key.
 *
 * @param parameters the values the stack was last deployed with (a {@code NoEcho} one shows as {@code ****})
 */
public record Stack(
        String name,
        String id,
        String status,
        @Nullable String statusReason,
        Instant lastChanged,
        Map<String, String> tags,
        Map<String, Output> outputs,
        @Nullable String driftStatus,
        @Nullable Instant driftCheckedAt,
        Map<String, String> parameters) {

    public Stack {
        tags = new TreeMap<>(tags);
        outputs = new TreeMap<>(outputs);
        parameters = new TreeMap<>(parameters);
    }

    /** A stack whose parameters do not matter to the caller. */
    public Stack(
            String name,
            String id,
            String status,
            @Nullable String statusReason,
            Instant lastChanged,
            Map<String, String> tags,
            Map<String, Output> outputs,
            @Nullable String driftStatus,
            @Nullable Instant driftCheckedAt) {
        this(name, id, status, statusReason, lastChanged, tags, outputs, driftStatus, driftCheckedAt, Map.of());
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
