package dev.stackwright.analysis.lint;

import java.util.List;

/**
 * The ids other tools give the same check, so a finding can be matched with (or suppressed like) theirs: cdk-nag
 * rule ids, cfn_nag rule ids and Checkov check ids.
 */
public record Equivalents(List<String> cdkNag, List<String> cfnNag, List<String> checkov) {
    public static final Equivalents NONE = new Equivalents(List.of(), List.of(), List.of());

    public Equivalents {
        cdkNag = List.copyOf(cdkNag);
        cfnNag = List.copyOf(cfnNag);
        checkov = List.copyOf(checkov);
    }

    public boolean isEmpty() {
        return cdkNag.isEmpty() && cfnNag.isEmpty() && checkov.isEmpty();
    }
}
