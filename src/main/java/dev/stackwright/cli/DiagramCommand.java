package dev.stackwright.cli;

import dev.stackwright.diagram.Diagram;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "diagram",
        mixinStandardHelpOptions = true,
        description = "Draw the network as an SVG: region and VPC frames, a column per availability zone, a row per "
                + "tier, each subnet with its block and usable addresses and the resources in it, and arrows for what "
                + "the reachability analysis proves can connect (protocol and ports; a finding in red), with several "
                + "VPCs also each one's flows to and from the others, as check lists them. Reads a spec, any "
                + "CloudFormation template (--template) or a describe-* snapshot (--snapshot). Same input, same bytes.")
final class DiagramCommand implements Callable<Integer> {
    @Mixin
    PictureInput input;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE.svg",
            description = "Write the SVG here instead of stdout. A file that exists and was not written by Stackwright "
                    + "is left alone unless --force is given.")
    Path output;

    @Option(names = "--force", description = "Replace the -o file even if Stackwright did not write it.")
    boolean force;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PictureInput.Read read = input.read(command.commandLine().getErr());
        String svg = Diagram.svg(read.vpcs(), read.loaded().imported().transitGateways(), read.between());
        if (output == null) {
            command.commandLine().getOut().print(svg);
        } else {
            OutputFile.write(output, svg, Diagram.GENERATED, force);
            command.commandLine().getErr().println("stackwright: wrote " + output);
        }
        return Main.OK;
    }
}
