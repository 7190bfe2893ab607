package dev.stackwright.importer;

import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.SourceLocation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Collects an import's problems; each is data with a place, never an exception, so the import carries on. */
public final class Findings {
    /** In the order met, each once: a set, so thousands of findings cost no more than a list of them. */
    private final Set<Diagnostic> all = new LinkedHashSet<>();

    public void warn(String code, SourceLocation at, String path, String message, @Nullable String got, String fix) {
        add(new Diagnostic(Diagnostic.Severity.WARNING, code, at, path, message, got, fix));
    }

    public void error(String code, SourceLocation at, String path, String message, @Nullable String got, String fix) {
        add(Diagnostic.error(code, at, path, message, got, fix));
    }

    public void add(Diagnostic d) {
        all.add(d);
    }

    public List<Diagnostic> all() {
        return List.copyOf(all);
    }
}
