package dev.stackwright.model;

/** The three subnet tiers, each with what it claims to be and what its routes must make true. */
public enum Tier {
    /** Front door, NAT and bastion: a route to the internet gateway. */
    PUBLIC("public"),
    /** Application: egress through NAT when there is one, otherwise isolated. */
    APP("app"),
    /** Databases: always isolated, no route to the internet, not even through NAT. */
    DATA("data");

    private final String id;

    Tier(String id) {
        this.id = id;
    }

    /** The lower-case name used in names, tags and output. */
    public String id() {
        return id;
    }

    /** Capitalised for logical IDs: {@code SubnetAppA}. */
    public String title() {
        return Character.toUpperCase(id.charAt(0)) + id.substring(1);
    }
}
