package dev.stackwright.cli;

import dev.stackwright.Stackwright;
import dev.stackwright.deploy.Aws;
import dev.stackwright.deploy.StackReports;
import dev.stackwright.deploy.Waiter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Show the spec's stacks as deployed: state, drift status when known, and outputs.")
final class StatusCommand implements Callable<Integer> {
    @Mixin
    SpecOption spec;

    @Mixin
    AwsOptions aws;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        Stackwright.Result result = spec.plan(command.commandLine().getErr());
        try (Aws connection = aws.connect(result.spec().region())) {
            return new StackReports(connection, AwsOptions.console(command), Waiter.SYSTEM, DeployCommand.POLL)
                    .status(ProjectStacks.of(result));
        }
    }
}
