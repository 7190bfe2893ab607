package dev.stackwright.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stackwright vpc}: commands about a VPC the user brings. */
@Command(
        name = "vpc",
        mixinStandardHelpOptions = true,
        subcommands = VpcInspectCommand.class,
        description = "Work with an existing VPC (bring your own VPC).")
final class VpcCommand implements Runnable {
    @Spec
    CommandSpec command;

    @Override
    public void run() {
        command.commandLine().usage(command.commandLine().getOut());
    }
}
