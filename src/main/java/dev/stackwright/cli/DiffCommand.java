package dev.stackwright.cli;

import dev.stackwright.Stackwright;
import dev.stackwright.deploy.Aws;
import dev.stackwright.deploy.Deployer;
import dev.stackwright.deploy.History;
import dev.stackwright.deploy.StackDeployment;
import dev.stackwright.deploy.Waiter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = "Show what a deploy would change, per stack and resource (add, modify, replace, remove), without "
                + "changing anything: a change set is made, shown and deleted.")
final class DiffCommand implements Callable<Integer> {
    @Mixin
    SpecOption spec;

    @Mixin
    GateOption gate;

    @Mixin
    AwsOptions aws;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "10m",
            description = "Stop waiting for the change sets after this long (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        Stackwright.Result result = spec.plan(command.commandLine().getErr());
        GateOption.Check check = gate.start(result);
        List<StackDeployment> stacks = ProjectStacks.asDeployWouldLeaveThem(result);
        check.enforce(command.commandLine().getErr());
        try (Aws connection = aws.connect(result.spec().region())) {
            Deployer deployer = new Deployer(
                    connection, AwsOptions.console(command), Waiter.SYSTEM, History.inMemory(), DeployCommand.POLL);
            return deployer.diff(stacks, new Deployer.Options(true, false, AwsOptions.duration(timeout)));
        }
    }
}
