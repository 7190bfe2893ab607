package dev.stackwright.model.app;

import java.util.Arrays;
import java.util.Optional;

/** Where the app runs. */
public enum ComputeKind {
    ECS_EC2("ecs-ec2"),
    FARGATE("fargate"),
    LAMBDA("lambda");

    private final String id;

    ComputeKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public boolean isEcs() {
        return this != LAMBDA;
    }

    public static Optional<ComputeKind> fromId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }
}
