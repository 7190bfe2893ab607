package dev.stackwright.model;

/** A subnet: its tier, zone and block. {@code name} is unique in a network, e.g. {@code app-b}. */
public record Subnet(String name, Tier tier, Az az, Cidr cidr) {
    public long usableIps() {
        return cidr.usableIps();
    }
}
