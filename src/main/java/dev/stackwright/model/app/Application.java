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

    /** The project's ECR repository: one per project, in the registry stack, shared by every environment. */
    public String repositoryName() {
        return project;
    }

    /** The stack that holds the project's ECR repository, {@code <name>-registry}. */
    public String registryStackName() {
        return RegistryImage.stackName(project);
    }

    /**
     * The image in the project's repository the app runs, or empty when it runs an image from elsewhere. The app runs
     * from the registry with no {@code service.image} (tag {@code latest}, the starter pushes there) or with an ECR
     * image in a repository named like the project (its tag or digest; the repository is the registry stack's in the
     * account and region deployed to). Any other image needs no registry, so none is made for it.
     */
    public Optional<RegistryImage> registryImage() {
        Optional<String> uri = container.image();
        if (uri.isEmpty()) {
            return Optional.of(new RegistryImage(repositoryName(), RegistryImage.DEFAULT_TAG));
        }
        boolean ours = EcrImage.parse(uri.get())
                .map(e -> e.repository().equals(repositoryName()))
                .orElse(false);
        return ours
                ? Optional.of(new RegistryImage(
                        repositoryName(), EcrImage.reference(uri.get()).orElse(RegistryImage.DEFAULT_TAG)))
                : Optional.empty();
    }

    /** The platform the app's image must be built for: the architecture its tasks or function run on. */
    public String imagePlatform() {
        return compute instanceof Compute.EcsOnEc2 ec2 && ec2.arm() ? "linux/arm64" : "linux/amd64";
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
