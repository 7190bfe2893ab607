package dev.stackwright.cli;

import dev.stackwright.Stackwright;
import dev.stackwright.deploy.Aws;
import dev.stackwright.deploy.vpc.InspectText;
import dev.stackwright.deploy.vpc.Inspection;
import dev.stackwright.deploy.vpc.LiveVpc;
import dev.stackwright.deploy.vpc.Needs;
import dev.stackwright.deploy.vpc.VpcInspector;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = {
            "Read an existing VPC (live through EC2, or from a folder of `aws ec2 describe-*` JSON), classify "
                    + "each subnet as public, private or isolated from its routes, and check what the project needs of it.",
            "Exit code 0 when every requirement passes, 1 when one fails."
        })
final class VpcInspectCommand implements Callable<Integer> {
    enum Format {
        text,
        json
    }

    @Parameters(index = "0", paramLabel = "VPC_ID", description = "The VPC to inspect, e.g. vpc-0abc1234.")
    String vpcId;

    @Option(
            names = "--snapshot",
            paramLabel = "DIR",
            description = "Read the VPC from this folder of describe-* outputs instead of calling AWS.")
    @Nullable
    Path snapshot;

    @Option(
            names = "--format",
            defaultValue = "text",
            paramLabel = "FORMAT",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Mixin
    SpecOption spec;

    @Mixin
    AwsOptions aws;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter err = command.commandLine().getErr();
        // The spec says what the VPC must hold; without one (and no -f), the defaults are checked as warnings.
        boolean named = command.commandLine().getParseResult().hasMatchedOption("--file");
        Stackwright.Result planned = named || Files.isRegularFile(spec.file) ? spec.plan(err) : null;
        Needs needs = planned == null
                ? Needs.withoutSpec()
                : Needs.of(planned.spec(), planned.network(), planned.application());
        Inspection inspection;
        if (snapshot != null) {
            Map<String, String> files = VpcInspector.readFolder(snapshot);
            inspection = VpcInspector.inspect(snapshot.toString(), files, vpcId, needs);
        } else {
            try (Aws connection =
                    aws.connect(planned == null ? null : planned.spec().region())) {
                Map<String, String> files = LiveVpc.describe(
                        connection.ec2(),
                        vpcId,
                        needs.instanceTypes().stream()
                                .map(Needs.InstanceType::type)
                                .toList());
                inspection = VpcInspector.inspect("EC2 in " + connection.region(), files, vpcId, needs);
            }
        }
        Main.warn(inspection.findings(), err);
        command.commandLine()
                .getOut()
                .print(format == Format.json ? InspectText.json(inspection) : InspectText.text(inspection));
        return inspection.passed() ? Main.OK : Main.INPUT_PROBLEM;
    }
}
