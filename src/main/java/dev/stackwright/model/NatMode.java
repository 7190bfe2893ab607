package dev.stackwright.model;

import java.util.Arrays;
import java.util.Optional;

/** How private subnets reach the internet, as chosen in the spec. */
public enum NatMode {
    INSTANCE("instance"), GATEWAY("gateway"), GATEWAY_PER_AZ("gateway-per-az"),
    REGIONAL_GATEWAY("regional-gateway"), NONE("none");

    private final String id;

    NatMode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<NatMode> fromId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }
}
