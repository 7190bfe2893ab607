package dev.stackwright.analysis.lint;

import java.util.Locale;

/** How much a finding matters; {@code check} fails on errors. The names are SARIF's levels. */
public enum Severity {
    ERROR,
    WARNING,
    NOTE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
