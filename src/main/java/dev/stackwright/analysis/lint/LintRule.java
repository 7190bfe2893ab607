package dev.stackwright.analysis.lint;

import dev.stackwright.model.Network;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One lint rule: an id that never changes meaning, what it checks, and the check. */
public interface LintRule {
    /** {@code SW001}...: stable, used in SARIF and suppressions. */
    String id();

    /** A kebab-case name, e.g. {@code flow-logs-off}. */
    String name();

    Severity severity();

    /** One sentence: what the rule wants. */
    String summary();

    Equivalents equivalents();

    List<Finding> check(LintContext context);

    /**
     * What this rule reads that an input may leave out (a snapshot folder without an output): where it is left out, the
     * rule is not run, and a note says so, rather than judging a stand-in.
     */
    default Set<Network.Omitted> reads() {
        return Set.of();
    }

    /** A finding of this rule at its own severity. */
    default Finding finding(String message, String resource, String fix, String specPath) {
        return finding(severity(), message, resource, fix, specPath);
    }

    default Finding finding(Severity severity, String message, String resource, String fix, String specPath) {
        return new Finding(
                id(),
                severity,
                message,
                resource,
                fix,
                equivalents(),
                specPath == null || specPath.isEmpty() ? Optional.empty() : Optional.of(specPath));
    }
}
