package dev.stackwright.cli;

import dev.stackwright.cost.CostJson;
import dev.stackwright.diagram.Diagram;
import dev.stackwright.diagram.HtmlReport;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description =
                "Write one self-contained HTML page to attach to a pull request or open offline: the diagram, the "
                        + "plan as tables (subnets, routes, security groups, network ACLs), the reachability matrix whose cells "
                        + "link to their paths, policy and lint findings with fixes, and the monthly cost with its alternatives "
                        + "(for a spec). Inline CSS and SVG, nothing fetched, no JavaScript. Same inputs as check.")
final class ReportCommand implements Callable<Integer> {
    @Mixin
    PictureInput input;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE.html",
            description =
                    "Write the page here instead of stdout. A file that exists and was not written by Stackwright "
                            + "is left alone unless --force is given.")
    Path output;

    @Option(names = "--force", description = "Replace the -o file even if Stackwright did not write it.")
    boolean force;

    @Option(
            names = "--prices",
            paramLabel = "FILE",
            description = "With a spec: the price book for the cost section, as for `stackwright cost`.")
    Path prices;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PictureInput.Read read = input.read(command.commandLine().getErr());
        Optional<String> cost =
                read.loaded().spec().map(r -> CostJson.render(CostCommand.estimate(r, Optional.ofNullable(prices))));
        String html = HtmlReport.render(read.loaded().input(), read.vpcs(), cost, input.input.whyArguments());
        if (output == null) {
            command.commandLine().getOut().print(html);
        } else {
            OutputFile.write(output, html, Diagram.GENERATED, force);
            command.commandLine().getErr().println("stackwright: wrote " + output);
        }
        return Main.OK;
    }
}
