package dev.stackwright.model.app;

import java.util.Optional;

/** What serves the internet and passes requests to the app. */
public sealed interface FrontDoor {
    FrontDoorKind kind();

    Optional<Https> https();

    /** Why this kind: the user's choice, or what {@code auto} decided and on which figures. */
    String reason();

    /** An internet-facing ALB in the public subnets; with a certificate, HTTPS and a redirect from HTTP. */
    record Alb(Optional<Https> https, boolean accessLogs, String reason) implements FrontDoor {
        @Override
        public FrontDoorKind kind() {
            return FrontDoorKind.ALB;
        }
    }

    /**
     * An HTTP API: a VPC Link and Cloud Map to ECS tasks, or a direct integration with Lambda.
     *
     * @param auth the JWT authorizer on its routes; empty: anyone on the internet may call it
     */
    record ApiGateway(Optional<Https> https, int rateLimit, int burstLimit, String reason, Optional<JwtAuth> auth)
            implements FrontDoor {
        @Override
        public FrontDoorKind kind() {
            return FrontDoorKind.API_GATEWAY;
        }
    }
}
