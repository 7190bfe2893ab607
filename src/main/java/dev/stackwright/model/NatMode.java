package dev.stackwright.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** How private subnets reach the internet, as chosen in the spec. */
public enum NatMode {
    INSTANCE("instance"),
    GATEWAY("gateway"),
    GATEWAY_PER_AZ("gateway-per-az"),
    REGIONAL_GATEWAY("regional-gateway"),
    NONE("none");

    private final String id;

    NatMode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /**
     * The mode a network's NAT devices show, for a network no spec describes (a VPC the user brings): none without
     * devices; instances if any device is one; a regional gateway if any is one; else one gateway or one per zone.
     */
    public static NatMode of(List<Nat> devices) {
        if (devices.isEmpty()) {
            return NONE;
        }
        if (devices.stream().anyMatch(n -> n instanceof Nat.Instance)) {
            return INSTANCE;
        }
        if (devices.stream().anyMatch(n -> n instanceof Nat.RegionalGateway)) {
            return REGIONAL_GATEWAY;
        }
        return devices.size() == 1 ? GATEWAY : GATEWAY_PER_AZ;
    }

    public static Optional<NatMode> fromId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }
}
