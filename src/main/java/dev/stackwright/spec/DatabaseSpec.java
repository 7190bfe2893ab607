package dev.stackwright.spec;

import dev.stackwright.model.app.Database;
import java.util.Optional;

/** The {@code database:} section with defaults applied. */
public record DatabaseSpec(
        Database.Engine engineKind,
        Optional<String> engineVersion,
        int port,
        String instanceClass,
        int storageGb,
        boolean multiAz,
        int backupRetentionDays,
        boolean deletionProtection,
        String name,
        String username) {

    /** The engine's id as written in the YAML ({@code postgres}, {@code mysql}). */
    public String engine() {
        return engineKind.id();
    }
}
