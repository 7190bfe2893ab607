package dev.stackwright.importer;

import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Collects an import's problems; each is data with a place, never an exception, so the import carries on. */
public final class Findings {
    private final List<Diagnostic> all = new ArrayList<>();

    public void warn(String code, SourceLocation at, String path, String message, @Nullable String got, String fix) {
        add(new Diagnostic(Diagnostic.Severity.WARNING, code, at, path, message, got, fix));
    }

    public void error(String code, SourceLocation at, String path, String message, @Nullable String got, String fix) {
        add(Diagnostic.error(code, at, path, message, got, fix));
    }

    public void add(Diagnostic d) {
        if (!all.contains(d)) {
            all.add(d);
        }
    }

    public List<Diagnostic> all() {
        return List.copyOf(all);
    }
}
