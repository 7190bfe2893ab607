package dev.stackwright.deploy;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The progress of one stack operation, from its events. On a terminal: a line for each resource as it settles, and
 * below them a block redrawn in place with what is still running (elapsed, and the usual time from earlier runs), the
 * count done / total and the time left. Elsewhere (CI logs): one plain line per event.
 */
final class Progress {
    private final PrintWriter err;
    private final boolean live;
    private final String stackName;
    private final int total;
    private final History history;
    private final @Nullable Duration expectedTotal;
    private final Map<String, StackEvent> running = new LinkedHashMap<>();
    private final Map<String, Instant> started = new TreeMap<>();
    private final Map<String, Duration> byType = new TreeMap<>();
    private final java.util.Set<String> settled = new java.util.TreeSet<>();
    private @Nullable Instant start;
    private @Nullable Instant last;
    private int drawn;
    private boolean quiet;

    Progress(Console console, String stackName, String operation, int total, History history) {
        this.err = console.err();
        this.live = console.live();
        this.stackName = stackName;
        this.total = total;
        this.history = history;
        this.expectedTotal = history.stack(stackName, operation).orElse(null);
    }

    void onEvent(StackEvent e) {
        if (start == null) {
            start = e.timestamp();
        }
        last = e.timestamp();
        String key = e.logicalId();
        if (!e.isStack()) {
            if (e.settled()) {
                running.remove(key);
                Instant began = started.remove(key);
                Duration took = began == null ? null : Duration.between(began, e.timestamp());
                if (took != null
                        && e.status().endsWith("_COMPLETE")
                        && !e.status().startsWith("DELETE")) {
                    byType.merge(e.resourceType(), took, (a, b) -> a.compareTo(b) >= 0 ? a : b);
                }
                settled.add(key);
                if (!quiet) {
                    print(line(e, took));
                }
                return;
            }
            running.put(key, e);
            started.putIfAbsent(key, e.timestamp());
        }
        if (!live && !quiet) {
            print(line(e, null));
        }
    }

    /** After a failure the rollback is followed without a line per resource on a terminal. */
    void quiet() {
        clearBlock();
        quiet = live;
    }

    /** Redraws the running block (terminal only). */
    void tick(Instant now) {
        if (!live || quiet) {
            return;
        }
        clearBlock();
        List<String> lines = new ArrayList<>();
        for (StackEvent e : running.values()) {
            Duration elapsed = Duration.between(started.getOrDefault(e.logicalId(), now), now);
            String usual = history.resourceType(e.resourceType())
                    .map(d -> " (usually ~" + human(d) + ")")
                    .orElse("");
            lines.add(String.format(
                    Locale.ROOT, "  ...     %-28s %-36s %s%s", e.logicalId(), e.resourceType(), human(elapsed), usual));
        }
        Duration elapsed = start == null ? Duration.ZERO : Duration.between(start, now);
        String left = expectedTotal == null ? "" : ", about " + human(positive(expectedTotal.minus(elapsed))) + " left";
        lines.add("  " + count() + " " + human(elapsed) + " elapsed" + left);
        lines.forEach(err::println);
        err.flush();
        drawn = lines.size();
    }

    void finish() {
        clearBlock();
    }

    int done() {
        return settled.size();
    }

    /** What is still running, for a timeout report. */
    List<String> running() {
        return running.values().stream()
                .map(e -> e.logicalId() + " (" + e.resourceType() + ")")
                .toList();
    }

    /** From the operation's first event to its last, by CloudFormation's clock. */
    Duration took() {
        return start == null ? Duration.ZERO : Duration.between(start, last);
    }

    /** The longest time per resource type this run, for {@link History}. */
    Map<String, Duration> byType() {
        return byType;
    }

    private void clearBlock() {
        if (drawn > 0) {
            // up that many lines, then clear to the end of the screen
            err.print(String.format(Locale.ROOT, "\033[%dF\033[J", drawn));
            drawn = 0;
        }
    }

    private void print(String line) {
        clearBlock();
        err.println(line);
        err.flush();
    }

    private String line(StackEvent e, @Nullable Duration took) {
        String at = start == null ? "" : "+" + clock(Duration.between(start, e.timestamp()));
        String reason = e.failed() || e.isStack() ? Reasons.firstSentence(e.reason()) : "";
        String name = e.isStack() ? stackName : e.logicalId();
        return String.format(
                        Locale.ROOT,
                        "  %s %6s  %-28s %-36s %s%s%s",
                        e.isStack() ? " ".repeat(count().length()) : count(),
                        at,
                        name,
                        e.resourceType(),
                        e.status(),
                        took == null ? "" : "  " + human(took),
                        reason.isEmpty() ? "" : "  " + reason)
                .stripTrailing();
    }

    private String count() {
        int width = String.valueOf(Math.max(total, 1)).length();
        return total > 0
                ? String.format(Locale.ROOT, "[%" + width + "d/%d]", Math.min(done(), total), total)
                : "[" + done() + "]";
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** {@code 42s}, {@code 3m05s}, {@code 1h02m}. */
    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    /** {@code 0:42}, {@code 12:05}. */
    static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
