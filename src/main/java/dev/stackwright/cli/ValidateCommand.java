package dev.stackwright.cli;

import dev.stackwright.Stackwright;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = "Check the spec: syntax, keys, values, CIDRs and whether the VPC fits the tiers. Writes nothing.")
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    SpecOption spec;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        Stackwright.Result result = spec.plan(command.commandLine().getErr());
        command.commandLine()
                .getOut()
                .println(spec.file + ": ok (" + result.network().stackName() + ", "
                        + result.network().vpc().cidr() + ", "
                        + result.network().azs().size() + " zones)");
        return Main.OK;
    }
}
