package dev.stackwright.model;

import java.util.Arrays;
import java.util.Optional;

/** How operators reach private resources. */
public enum AccessMode {
    SSM("ssm"),
    BASTION("bastion"),
    NONE("none");

    private final String id;

    AccessMode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<AccessMode> fromId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }
}
