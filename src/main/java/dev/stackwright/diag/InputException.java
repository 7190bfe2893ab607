package dev.stackwright.diag;

import java.util.List;

/** The user's input has problems; carries all of them so they can be reported at once. */
public final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Diagnostic> diagnostics;

    public InputException(List<Diagnostic> diagnostics) {
        super(diagnostics.isEmpty() ? "invalid input" : diagnostics.getFirst().format());
        this.diagnostics = diagnostics.stream().sorted(Diagnostic.IN_FILE_ORDER).toList();
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
