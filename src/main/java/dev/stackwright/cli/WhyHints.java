package dev.stackwright.cli;

import dev.stackwright.analysis.BetweenReport;
import dev.stackwright.analysis.CheckReport;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.policy.Violation;
import dev.stackwright.analysis.reach.Names;

/**
 * Fixes name the {@code stackwright why} command that shows a path; the analysis does not know what input the user
 * gave, so the command line adds it ({@code -f FILE}, {@code --template FILE}, {@code --snapshot DIR}) and the hint
 * can be copied as it is.
 */
final class WhyHints {
    private static final String WHY = "`stackwright why ";

    private WhyHints() {}

    /**
     * {@code fix} with {@code arguments} (e.g. " --snapshot snap/") added to every why command in it: before the
     * backtick that closes each. Found with indexOf, not a pattern: a large account has tens of thousands of fixes.
     */
    static String withInput(String fix, String arguments) {
        if (arguments.isEmpty()) {
            return fix;
        }
        StringBuilder out = null;
        int copied = 0;
        int start = fix.indexOf(WHY);
        while (start >= 0) {
            int close = fix.indexOf('`', start + WHY.length());
            if (close < 0) {
                break;
            }
            if (out == null) {
                out = new StringBuilder(fix.length() + 2 * arguments.length());
            }
            out.append(fix, copied, close).append(arguments);
            copied = close;
            start = fix.indexOf(WHY, close + 1);
        }
        return out == null ? fix : out.append(fix, copied, fix.length()).toString();
    }

    static CheckReport withInput(CheckReport r, String arguments) {
        if (arguments.isEmpty()) {
            return r;
        }
        return new CheckReport(
                r.network(),
                r.policy(),
                r.exposure(),
                r.violations().stream().map(v -> withInput(v, arguments)).toList(),
                r.findings().stream()
                        .map(f -> new Finding(
                                f.id(),
                                f.severity(),
                                f.message(),
                                f.resource(),
                                withInput(f.fix(), arguments),
                                f.equivalents(),
                                f.specPath()))
                        .toList());
    }

    private static Violation withInput(Violation v, String arguments) {
        return new Violation(
                v.rule(),
                v.message(),
                v.resource(),
                withInput(v.fix(), arguments),
                v.sources(),
                v.targets(),
                v.pairs());
    }

    /** The flows between VPCs with the same arguments in their violations' fixes and rows' {@code why} commands. */
    static BetweenReport withInput(BetweenReport r, String arguments) {
        if (arguments.isEmpty()) {
            return r;
        }
        return new BetweenReport(
                r.flows(),
                r.policySource(),
                r.violations().stream().map(v -> withInput(v, arguments)).toList(),
                r.violating(),
                r.whyArguments() + arguments);
    }

    /** Shell-safe enough for a hint: a path with spaces or quotes is quoted. */
    static String option(String name, String value) {
        return " " + name + " " + Names.shellWord(value);
    }
}
