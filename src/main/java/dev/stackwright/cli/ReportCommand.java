package dev.stackwright.cli;

import dev.stackwright.Stackwright;
import dev.stackwright.cost.CostJson;
import dev.stackwright.deploy.Aws;
import dev.stackwright.deploy.DeployException;
import dev.stackwright.deploy.Deployer;
import dev.stackwright.deploy.DiffText;
import dev.stackwright.deploy.History;
import dev.stackwright.deploy.StackDeployment;
import dev.stackwright.deploy.StackDiff;
import dev.stackwright.deploy.Waiter;
import dev.stackwright.diagram.Diagram;
import dev.stackwright.diagram.HtmlReport;
import dev.stackwright.flows.FlowReport;
import dev.stackwright.flows.FlowsText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
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
                        + "link to their paths, policy and lint findings with fixes, with several VPCs the flows between "
                        + "them and the policy's verdict on them as check lists them, and the monthly cost with its alternatives "
                        + "(for a spec), and with --flows the traffic in VPC flow logs as `stackwright flows` answers it. Inline CSS "
                        + "and SVG, nothing fetched, no JavaScript. Same inputs as check.")
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

    @Option(
            names = "--flows",
            paramLabel = "PATH",
            description = "Add a section on the traffic in these VPC flow logs, as `stackwright flows` answers it: "
                    + "a file, a folder, or s3://bucket/prefix.")
    @Nullable
    String flows;

    @Mixin
    AwsAccess aws;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "10m",
            description = "With --profile or --endpoint-url: stop waiting for the change sets after this long "
                    + "(default: ${DEFAULT-VALUE}).")
    String timeout;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PictureInput.Read read = input.read(command.commandLine().getErr());
        Optional<String> cost =
                read.loaded().spec().map(r -> CostJson.render(CostCommand.estimate(r, Optional.ofNullable(prices))));
        Optional<List<HtmlReport.StackChanges>> deployed = aws.given()
                ? Optional.of(deployed(read.loaded()
                        .spec()
                        .orElseThrow(() -> new DeployException(
                                "the deployed stacks are those of a spec, and "
                                        + read.loaded().input() + " is not one",
                                "give the spec with -f, or leave out --profile and --endpoint-url"))))
                : Optional.empty();
        Optional<String> traffic = Optional.ofNullable(flows)
                .map(logs -> flowsJson(logs, read.loaded().spec()));
        String html = HtmlReport.render(
                read.loaded().input(),
                read.vpcs(),
                cost,
                input.input.whyArguments(),
                deployed,
                traffic,
                // The policy's notes with the import's findings, as check shows them.
                java.util.stream.Stream.concat(read.loaded().imported().findings().stream(), read.notes().stream())
                        .toList(),
                read.loaded().imported().transitGateways(),
                read.between());
        if (output == null) {
            command.commandLine().getOut().print(html);
        } else {
            OutputFile.write(output, html, Diagram.GENERATED, force);
            command.commandLine().getErr().println("stackwright: wrote " + output);
        }
        return Main.OK;
    }

    /**
     * The flow logs' answers as {@code stackwright flows --format json} prints them, by the same code, with its
     * defaults: the page reads that, as it reads the cost command's.
     */
    private String flowsJson(String logs, Optional<Stackwright.Result> spec) {
        Stackwright.@Nullable Result planned = spec.orElse(null);
        String region = planned != null ? planned.spec().region() : FlowsCommand.DEFAULT_REGION;
        FlowReport.Options options = FlowsCommand.options(
                planned, region, Integer.parseInt(FlowsCommand.DEFAULT_TOP), Optional.empty(), List.of());
        return FlowsText.json(FlowsCommand.fromLogs(
                logs,
                options,
                command.commandLine().getErr(),
                () -> aws.connect(planned == null ? null : planned.spec().region(), "the spec")));
    }

    /** What {@code stackwright diff} finds, per stack, for the page. */
    private List<HtmlReport.StackChanges> deployed(Stackwright.Result result) {
        List<StackDeployment> stacks = ProjectStacks.asDeployWouldLeaveThem(result);
        List<HtmlReport.StackChanges> out = new ArrayList<>();
        try (Aws connection = aws.connect(result.spec().region(), "the spec")) {
            Deployer deployer = new Deployer(
                    connection, AwsOptions.console(command), Waiter.SYSTEM, History.inMemory(), DeployCommand.POLL);
            deployer.preview(
                    stacks,
                    new Deployer.Options(true, false, AwsOptions.duration(timeout)),
                    d -> out.add(
                            switch (d) {
                                case StackDiff.Note n ->
                                    new HtmlReport.StackChanges(n.stackName(), n.text(), List.of(), List.of());
                                case StackDiff.Changes c ->
                                    new HtmlReport.StackChanges(
                                            c.stackName(),
                                            DiffText.summary(c.changeSet().changes()),
                                            c.changeSet().changes().stream()
                                                    .map(ch -> List.of(
                                                            DiffText.kind(ch).mark() + " "
                                                                    + DiffText.kind(ch)
                                                                            .word(),
                                                            ch.logicalId(),
                                                            ch.resourceType(),
                                                            String.join(", ", ch.properties())))
                                                    .toList(),
                                            DiffText.warnings(c.changeSet().changes()));
                            }));
        }
        return out;
    }
}
