package dev.stackwright.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stackwright prices}: commands about price books. */
@Command(
        name = "prices",
        mixinStandardHelpOptions = true,
        subcommands = PricesFetchCommand.class,
        description = "Price books: `prices fetch` writes one for any region from AWS's Price List (docs/cost.md).")
final class PricesCommand implements Runnable {
    @Spec
    CommandSpec command;

    @Override
    public void run() {
        command.commandLine().usage(command.commandLine().getOut());
    }
}
