package dev.stackwright.analysis.reach;

/**
 * What the engine can say of a flow: some connection succeeds, none does, or the way crosses a hop the model does not
 * hold (a VPN or Direct Connect route, a target an importer could not resolve), so it cannot tell.
 */
public enum Verdict {
    REACHABLE,
    BLOCKED,
    CANNOT_TELL;

    /** "reachable", "blocked", "cannot-tell": the stable form in JSON and SARIF. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
