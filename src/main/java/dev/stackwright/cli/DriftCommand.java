package dev.stackwright.cli;

import dev.stackwright.Stackwright;
import dev.stackwright.deploy.Aws;
import dev.stackwright.deploy.StackReports;
import dev.stackwright.deploy.Waiter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "drift",
        mixinStandardHelpOptions = true,
        description = "Detect changes made to the deployed stacks outside CloudFormation, resource by resource and "
                + "property by property. Exits 1 when something drifted.")
final class DriftCommand implements Callable<Integer> {
    @Mixin
    SpecOption spec;

    @Mixin
    AwsOptions aws;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "10m",
            description = "Stop waiting for drift detection after this long (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        Stackwright.Result result = spec.plan(command.commandLine().getErr());
        try (Aws connection = aws.connect(result.spec().region())) {
            return new StackReports(connection, AwsOptions.console(command), Waiter.SYSTEM, DeployCommand.POLL)
                    .drift(ProjectStacks.of(result), AwsOptions.duration(timeout));
        }
    }
}
