package dev.stackwright.cli;

import dev.stackwright.Stackwright;
import dev.stackwright.deploy.Aws;
import dev.stackwright.deploy.Deployer;
import dev.stackwright.deploy.Identity;
import dev.stackwright.deploy.Rollback;
import dev.stackwright.deploy.Waiter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "rollback",
        mixinStandardHelpOptions = true,
        description = "Put the spec's environment back on the image before the one it runs (the newest tagged image "
                + "its repository received earlier), or on --to TAG: deploys the app stack with its ImageTag "
                + "parameter changed, through a change set, as deploy does.")
final class RollbackCommand implements Callable<Integer> {
    @Mixin
    SpecOption spec;

    @Mixin
    AwsOptions aws;

    @Option(
            names = "--to",
            paramLabel = "TAG",
            description = "The image tag to go back to (default: the image pushed before the running one).")
    @Nullable
    String to;

    @Option(
            names = {"-y", "--yes"},
            description = "Do not ask: deploy the change without confirmation.")
    boolean yes;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "60m",
            description = "Stop waiting after this long, e.g. 90s, 30m (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        Duration limit = AwsOptions.duration(timeout);
        Stackwright.Result result = spec.plan(command.commandLine().getErr());
        try (Aws connection = aws.connect(result.spec().region())) {
            Identity who = connection.whoami();
            command.commandLine()
                    .getErr()
                    .println("Rolling back " + result.spec().stackName() + " in account " + who.account() + " in "
                            + connection.region() + " as " + who.arn());
            Deployer deployer = new Deployer(
                    connection,
                    AwsOptions.console(command),
                    Waiter.SYSTEM,
                    DeployCommand.history(spec.file),
                    DeployCommand.POLL);
            return Rollback.run(
                    connection,
                    deployer,
                    result.spec(),
                    result.application(),
                    result.appTemplate(),
                    Optional.ofNullable(to),
                    new Deployer.Options(yes, false, limit),
                    AwsOptions.console(command));
        }
    }
}
