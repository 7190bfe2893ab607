package dev.stackwright.cli;

import dev.stackwright.analysis.CheckReport;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.policy.Violation;
import dev.stackwright.analysis.reach.Names;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fixes name the {@code stackwright why} command that shows a path; the analysis does not know what input the user
 * gave, so the command line adds it ({@code -f FILE}, {@code --template FILE}, {@code --snapshot DIR}) and the hint
 * can be copied as it is.
 */
final class WhyHints {
    private static final Pattern WHY = Pattern.compile("(`stackwright why [^`]*)`");

    private WhyHints() {}

    /** {@code fix} with {@code arguments} (e.g. " --snapshot snap/") added to every why command in it. */
    static String withInput(String fix, String arguments) {
        if (arguments.isEmpty()) {
            return fix;
        }
        return WHY.matcher(fix).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + arguments + "`"));
    }

    static CheckReport withInput(CheckReport r, String arguments) {
        if (arguments.isEmpty()) {
            return r;
        }
        return new CheckReport(
                r.network(),
                r.policy(),
                r.exposure(),
                r.violations().stream()
                        .map(v -> new Violation(
                                v.rule(),
                                v.message(),
                                v.resource(),
                                withInput(v.fix(), arguments),
                                v.sources(),
                                v.targets(),
                                v.pairs()))
                        .toList(),
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

    /** Shell-safe enough for a hint: a path with spaces or quotes is quoted. */
    static String option(String name, String value) {
        return " " + name + " " + Names.shellWord(value);
    }
}
