package dev.stackwright.cli;

import dev.stackwright.Stackwright;
import dev.stackwright.deploy.Aws;
import dev.stackwright.deploy.DeployPlan;
import dev.stackwright.deploy.Deployer;
import dev.stackwright.deploy.History;
import dev.stackwright.deploy.Identity;
import dev.stackwright.deploy.StackDeployment;
import dev.stackwright.deploy.Waiter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        description =
                "Deploy the stacks (network, then app) through CloudFormation change sets: shows what will change, "
                        + "asks, then follows the deploy live and explains a failure in one line.")
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

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        Duration limit = AwsOptions.duration(timeout);
        Stackwright.Result result = spec.plan(command.commandLine().getErr());
        GateOption.Check check = gate.start(result);
        List<StackDeployment> stacks = DeployPlan.of(result.spec(), result.networkTemplate(), result.appTemplate());
        check.enforce(command.commandLine().getErr());
        try (Aws connection = aws.connect(result.spec().region())) {
            Identity who = connection.whoami();
            command.commandLine()
                    .getErr()
                    .println("Deploying " + result.spec().stackName() + " to account " + who.account() + " in "
                            + connection.region() + " as " + who.arn());
            Deployer deployer =
                    new Deployer(connection, AwsOptions.console(command), Waiter.SYSTEM, history(spec.file), POLL);
            return deployer.deploy(stacks, new Deployer.Options(yes, waitForOthers, limit));
        }
    }

    /** Durations of earlier deploys live beside the spec, in .stackwright/. */
    static History history(Path specFile) {
        Path dir = java.util.Objects.requireNonNull(
                specFile.toAbsolutePath().getParent()); // a file's absolute path has one
        return History.load(dir.resolve(".stackwright").resolve("deploy-history.json"));
    }
}
