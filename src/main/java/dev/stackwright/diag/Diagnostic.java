package dev.stackwright.diag;

import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One problem in the user's input, as data: where it is, which key, what is wrong, what was found and how to fix it.
 * Rendered as {@code stackwright.yml:LINE:COL: path.to.key: what is wrong (got VALUE). Fix: what to do.}
 */
public record Diagnostic(
        Severity severity,
        String code,
        SourceLocation location,
        String path,
        String message,
        @Nullable String got,
        String fix) {

    public enum Severity {
        ERROR,
        WARNING,
        /** Worth knowing, nothing wrong: a policy name that some VPCs of the input do not have. */
        NOTE
    }

    /** Orders diagnostics as they appear in the file, so reports read top to bottom. */
    public static final Comparator<Diagnostic> IN_FILE_ORDER = Comparator.comparing(
                    (Diagnostic d) -> d.location().file())
            .thenComparingInt(d -> d.location().line())
            .thenComparingInt(d -> d.location().column())
            .thenComparing(Diagnostic::path)
            .thenComparing(Diagnostic::message);

    public static Diagnostic error(
            String code, SourceLocation location, String path, String message, @Nullable String got, String fix) {
        return new Diagnostic(Severity.ERROR, code, location, path, message, got, fix);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public boolean isNote() {
        return severity == Severity.NOTE;
    }

    /**
     * An input's findings with its notes apart, each list in the given order. Reports say the notes (a policy name some
     * VPCs lack) under a heading of their own: nothing was wrong with the input.
     */
    public record Split(List<Diagnostic> findings, List<Diagnostic> notes) {
        public Split {
            findings = List.copyOf(findings);
            notes = List.copyOf(notes);
        }

        public static Split of(List<Diagnostic> all) {
            return new Split(
                    all.stream().filter(d -> !d.isNote()).toList(),
                    all.stream().filter(Diagnostic::isNote).toList());
        }
    }

    /** The one-line form users see. */
    public String format() {
        StringBuilder line = new StringBuilder().append(location).append(": ");
        if (severity == Severity.WARNING) {
            line.append("warning: ");
        } else if (severity == Severity.NOTE) {
            line.append("note: ");
        }
        if (path != null && !path.isEmpty()) {
            line.append(path).append(": ");
        }
        line.append(message);
        if (got != null) {
            line.append(" (got ").append(got).append(')');
        }
        line.append('.');
        if (fix != null) {
            line.append(" Fix: ").append(fix);
            if (!(fix.endsWith(".") || fix.endsWith("?"))) {
                line.append('.');
            }
        }
        return line.toString();
    }
}
