package dev.stackwright.cli;

import dev.stackwright.Stackwright;
import dev.stackwright.deploy.Aws;
import dev.stackwright.deploy.Deployer;
import dev.stackwright.deploy.Destroyer;
import dev.stackwright.deploy.Waiter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "destroy",
        mixinStandardHelpOptions = true,
        description = "Delete the spec's stacks, app before network, after you type the stack name (or --yes). "
                + "The database is kept as a final snapshot; what CloudFormation keeps is listed afterwards.")
final class DestroyCommand implements Callable<Integer> {
    @Mixin
    SpecOption spec;

    @Mixin
    AwsOptions aws;

    @Option(
            names = {"-y", "--yes"},
            description = "Do not ask for the stack name: delete.")
    boolean yes;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "60m",
            description = "Stop waiting after this long (default: ${DEFAULT-VALUE}); CloudFormation carries on.")
    String timeout;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        Stackwright.Result result = spec.plan(command.commandLine().getErr());
        try (Aws connection = aws.connect(result.spec().region())) {
            return new Destroyer(connection, AwsOptions.console(command), Waiter.SYSTEM, DeployCommand.POLL)
                    .destroy(
                            result.spec().stackName(),
                            ProjectStacks.of(result),
                            new Deployer.Options(yes, false, AwsOptions.duration(timeout)));
        }
    }
}
