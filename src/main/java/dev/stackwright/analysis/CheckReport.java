package dev.stackwright.analysis;

import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.Severity;
import dev.stackwright.analysis.policy.Policy;
import dev.stackwright.analysis.policy.Violation;
import dev.stackwright.analysis.reach.Exposure;
import dev.stackwright.model.Network;
import java.util.List;

/** Everything {@code stackwright check} knows about a network: what is exposed, the policy verdict, lint findings. */
public record CheckReport(
        Network network, Policy policy, Exposure exposure, List<Violation> violations, List<Finding> findings) {
    public CheckReport {
        violations = List.copyOf(violations);
        findings = List.copyOf(findings);
    }

    /** Passed: no policy violation and no error finding (warnings and notes do not fail a check). */
    public boolean passed() {
        return violations.isEmpty() && findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}
