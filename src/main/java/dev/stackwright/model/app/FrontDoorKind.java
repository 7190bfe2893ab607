package dev.stackwright.model.app;

import java.util.Arrays;
import java.util.Optional;

/** What serves the internet. */
public enum FrontDoorKind {
    ALB("alb", "Application Load Balancer"),
    API_GATEWAY("api-gateway", "API Gateway HTTP API");

    private final String id;
    private final String title;

    FrontDoorKind(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public static Optional<FrontDoorKind> fromId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }
}
