package dev.stackwright.cli;

import dev.stackwright.Stackwright;
import dev.stackwright.deploy.Aws;
import dev.stackwright.deploy.BeforeApp;
import dev.stackwright.deploy.ContainerEngine;
import dev.stackwright.deploy.DeployException;
import dev.stackwright.deploy.Deployer;
import dev.stackwright.deploy.FirstImage;
import dev.stackwright.deploy.History;
import dev.stackwright.deploy.Identity;
import dev.stackwright.deploy.PipelineFirstImage;
import dev.stackwright.deploy.PipelineRun;
import dev.stackwright.deploy.StackDeployment;
import dev.stackwright.deploy.Waiter;
import dev.stackwright.model.app.RegistryImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        description =
                "Deploy the stacks (network, the project's registry, its pipeline when the spec has one, then app) through "
                        + "CloudFormation change sets: shows what will change, asks, then follows the deploy live and "
                        + "explains a failure in one line.")
final class DeployCommand implements Callable<Integer> {
    /** Time between polls of CloudFormation. */
    static final Duration POLL = Duration.ofSeconds(3);

    @Mixin
    SpecOption spec;

    @Mixin
    GateOption gate;

    @Mixin
    AwsOptions aws;

    @Option(
            names = {"-y", "--yes"},
            description = "Do not ask: deploy the changes (and recover a failed stack) without confirmation.")
    boolean yes;

    @Option(
            names = "--wait",
            description = "When another deploy is running on a stack, wait for it instead of refusing.")
    boolean waitForOthers;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "60m",
            description =
                    "Stop waiting after this long, e.g. 90s, 30m, 2h (default: ${DEFAULT-VALUE}); CloudFormation carries on.")
    String timeout;

    @Option(
            names = "--build",
            description = "When the app's image is not in the project's registry yet: build it from the spec's folder "
                    + "with docker (or podman), push it, then create the app stack.")
    boolean build;

    @Option(
            names = "--pipeline-timeout",
            paramLabel = "DURATION",
            defaultValue = "30m",
            description = "When the pipeline builds the app's first image: stop waiting for it after this long "
                    + "(default: ${DEFAULT-VALUE}); the pipeline carries on.")
    String pipelineTimeout;

    @Option(
            names = "--image-tag",
            paramLabel = "TAG",
            description = "The tag of the image in the project's registry to run (default: the one the app stack "
                    + "runs, which a pipeline release sets; for a new stack the tag in service.image, or latest); "
                    + "sets the app stack's ImageTag parameter.")
    @Nullable
    String imageTag;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        Duration limit = AwsOptions.duration(timeout);
        Duration pipelineLimit = AwsOptions.duration(pipelineTimeout);
        Stackwright.Result result = spec.plan(command.commandLine().getErr());
        ProjectEnvironments.checkPipeline(result.spec(), spec.file);
        GateOption.Check check = gate.start(result);
        List<StackDeployment> stacks = ProjectStacks.of(result);
        Optional<RegistryImage> registry = result.application().registryImage();
        Optional<String> tag = Optional.ofNullable(imageTag);
        if (registry.isEmpty() && (build || tag.isPresent())) {
            String image = result.application().container().image().orElse("");
            throw new DeployException(
                    (build ? "--build pushes to" : "--image-tag names a tag in") + " the project's registry (ECR "
                            + result.application().repositoryName() + "), but service.image `" + image
                            + "` is elsewhere",
                    "drop " + (build ? "--build" : "--image-tag")
                            + ", or leave service.image out to run from the registry");
        }
        registry.ifPresent(image -> FirstImage.checkTag(image, tag));
        check.enforce(command.commandLine().getErr());
        try (Aws connection = aws.connect(result.spec().region())) {
            Identity who = connection.whoami();
            command.commandLine()
                    .getErr()
                    .println("Deploying " + result.spec().stackName() + " to account " + who.account() + " in "
                            + connection.region() + " as " + who.arn());
            Deployer deployer =
                    new Deployer(connection, AwsOptions.console(command), Waiter.SYSTEM, history(spec.file), POLL);
            BeforeApp beforeApp = registry.<BeforeApp>map(image -> new FirstImage(
                            connection,
                            AwsOptions.console(command),
                            result.spec().registryStackName(),
                            image,
                            tag,
                            firstImageSource(result, connection, pipelineLimit)))
                    .orElse(BeforeApp.NOTHING);
            return deployer.deploy(stacks, new Deployer.Options(yes, waitForOthers, limit), beforeApp);
        }
    }

    /**
     * How a missing first image is made: {@code --build} builds and pushes it here; otherwise the project's pipeline
     * makes it when the spec has one; otherwise, in an environment the pipeline promotes to, the previous one's image;
     * otherwise deploy stops before the app stack with the commands to push it.
     */
    private FirstImage.Source firstImageSource(Stackwright.Result result, Aws connection, Duration pipelineLimit) {
        String platform = result.application().imagePlatform();
        if (build) {
            Path folder = java.util.Objects.requireNonNull(
                    spec.file.toAbsolutePath().getParent()); // a file's absolute path has one
            return new FirstImage.Source.Build(ContainerEngine.find(searchPath()), folder, platform);
        }
        Optional<FirstImage.Source> fromPipeline =
                pipeline(result, connection, pipelineLimit).map(FirstImage.Source.Pipeline::new);
        return fromPipeline
                .or(() -> ProjectEnvironments.promotedFrom(result.spec(), spec.file)
                        .map(env -> new FirstImage.Source.Promoted(result.spec().appStackName(env))))
                .orElse(new FirstImage.Source.Instructions(platform));
    }

    /** The project's pipeline, which makes the first image when the spec has one (deployed just before). */
    private Optional<PipelineRun> pipeline(Stackwright.Result result, Aws connection, Duration pipelineLimit) {
        return result.pipeline()
                .map(p -> new PipelineFirstImage(
                        connection.pipelines(),
                        connection.ecr(),
                        AwsOptions.console(command),
                        Waiter.SYSTEM,
                        POLL,
                        p.stackName(),
                        result.application().repositoryName(),
                        connection.region(),
                        pipelineLimit));
    }

    /** Where docker or podman is looked for: the PATH, or (tests) the stackwright.path property. */
    static @Nullable String searchPath() {
        return System.getProperty("stackwright.path", System.getenv("PATH"));
    }

    /** Durations of earlier deploys live beside the spec, in .stackwright/. */
    static History history(Path specFile) {
        Path dir = java.util.Objects.requireNonNull(
                specFile.toAbsolutePath().getParent()); // a file's absolute path has one
        return History.load(dir.resolve(".stackwright").resolve("deploy-history.json"));
    }
}
