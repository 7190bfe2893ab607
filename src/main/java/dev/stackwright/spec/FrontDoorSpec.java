package dev.stackwright.spec;

import dev.stackwright.model.app.FrontDoorKind;
import dev.stackwright.model.app.JwtAuth;
import java.util.Optional;

/**
 * The {@code frontDoor:} section. {@code requested} is empty for {@code type: auto}: the planner picks by traffic.
 */
public record FrontDoorSpec(
        Optional<FrontDoorKind> requested,
        Optional<String> domain,
        Optional<String> certificateArn,
        boolean accessLogs,
        int rateLimit,
        int burstLimit,
        Optional<JwtAuth> auth) {

    /**
     * Whether the front door speaks HTTPS: with a certificate. The one place this is decided; the front door's security
     * group, its listeners and the app template all follow it.
     */
    public boolean https() {
        return certificateArn.isPresent();
    }
}
