package dev.stackwright.model;

import java.util.Arrays;
import java.util.Optional;

/** The deployment environments; each has its own VPC with a block of its own. */
public enum Environment {
    PROD("prod", "10.0.0.0/16"),
    STAGING("staging", "10.1.0.0/16"),
    DEV("dev", "10.2.0.0/16");

    private final String id;

    @SuppressWarnings("ImmutableEnumChecker") // Cidr is a record of immutable values; the checker cannot tell
    private final Cidr defaultCidr;

    Environment(String id, String defaultCidr) {
        this.id = id;
        this.defaultCidr = Cidr.parse(defaultCidr);
    }

    /**
     * The environment plan: each environment gets its own /16 so the VPCs never overlap and can be peered later.
     */
    public Cidr defaultCidr() {
        return defaultCidr;
    }

    public String id() {
        return id;
    }

    public static Optional<Environment> fromId(String id) {
        return Arrays.stream(values()).filter(e -> e.id.equals(id)).findFirst();
    }
}
