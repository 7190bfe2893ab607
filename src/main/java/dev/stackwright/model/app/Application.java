package dev.stackwright.model.app;

import java.util.List;
import java.util.Optional;

/**
 * The application stack of one environment, on top of its {@link dev.stackwright.model.Network}: the second hub of
 * the model. The planner produces it; the app template, plan report and cost read it.
 *
 * @param networkStackName the stack whose exports (VPC, subnets, security groups) the app stack imports
 * @param logRetentionDays retention of every log group the app stack creates
 * @param alarmEmail       subscribed to the alarm topic when present
 * @param notes            what the user should know about this app tier (e.g. images to push first)
 */
public record Application(
        String project,
        String stackName,
        String networkStackName,
        Compute compute,
        Container container,
        FrontDoor frontDoor,
        Optional<Database> database,
        List<Alarm> alarms,
        Optional<String> alarmEmail,
        int logRetentionDays,
        List<String> notes) {
    public Application {
        alarms = List.copyOf(alarms);
        notes = List.copyOf(notes);
    }

    public Application withNotes(List<String> notes) {
        return new Application(
                project,
                stackName,
                networkStackName,
                compute,
                container,
                frontDoor,
                database,
                alarms,
                alarmEmail,
                logRetentionDays,
                notes);
    }

    /**
     * The path an API with a JWT authorizer keeps open, so that uptime checks need no token: the health check path,
     * unless it is {@code /}, which would open the root page to everyone.
     */
    public Optional<String> publicHealthCheckPath() {
        boolean authorized =
                frontDoor instanceof FrontDoor.ApiGateway api && api.auth().isPresent();
        // A route key is a path: the health check's query, if any, is not part of it.
        String path = container.healthCheckPath().split("\\?", 2)[0];
        return authorized && !path.equals("/") ? Optional.of(path) : Optional.empty();
    }

    /** The ECR repository's name, when the image is the project's own. */
    public String repositoryName() {
        return stackName;
    }

    /**
     * Whether the app stack creates the project's ECR repository: when the app runs from it, that is with no
     * {@code service.image} (the starter pushes there) or an image in a repository of that name. Any other image
     * leaves nothing to push to, so no empty repository is created.
     */
    public boolean createsRepository() {
        return container
                .image()
                .map(uri -> EcrImage.parse(uri)
                        .map(e -> e.repository().equals(repositoryName()))
                        .orElse(false))
                .orElse(true);
    }

    /**
     * API Gateway reaches ECS tasks through a VPC Link and Cloud Map (SRV records carry the port); Cloud Map's
     * private DNS namespace is a Route 53 private hosted zone, which is billed.
     */
    public boolean usesServiceDiscovery() {
        return frontDoor() instanceof FrontDoor.ApiGateway && compute().kind().isEcs();
    }

    /** Target-tracking scaling policies, each of which makes two CloudWatch alarms of its own (scale out, scale in). */
    public int targetTrackingPolicies() {
        return switch (compute()) {
            case Compute.EcsOnEc2 e -> 2; // the service's CPU target, and the capacity provider's managed scaling
            case Compute.Fargate f -> 1;
            case Compute.Lambda l -> 0;
        };
    }
}
