package dev.stackwright.cli;

import dev.stackwright.Stackwright;
import dev.stackwright.cost.EndpointAdvice;
import dev.stackwright.cost.NetworkShape;
import dev.stackwright.cost.PriceBook;
import dev.stackwright.cost.PriceBooks;
import dev.stackwright.deploy.Aws;
import dev.stackwright.deploy.DeployException;
import dev.stackwright.deploy.flowlogs.LocalFlowLogs;
import dev.stackwright.flows.FlowAnswers;
import dev.stackwright.flows.FlowDrift;
import dev.stackwright.flows.FlowEngine;
import dev.stackwright.flows.FlowReport;
import dev.stackwright.flows.FlowsText;
import dev.stackwright.flows.ServiceRanges;
import dev.stackwright.model.NatMode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "flows",
        mixinStandardHelpOptions = true,
        description = {
            "Answer questions of VPC flow logs: top talkers, rejected traffic, traffic to a port, what goes through "
                    + "each NAT to which AWS service and what an endpoint would save, and (with -f) accepted traffic "
                    + "the plan does not expect.",
            "Reads a file or a folder (text, gzip or Parquet; the default format or a custom one named by the header "
                    + "line), s3://bucket/prefix, or with --athena a table in Amazon Athena.",
            "Exit code 0 with answers, 1 when the input cannot be read."
        })
final class FlowsCommand implements Callable<Integer> {
    enum Format {
        text,
        json
    }

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "LOGS",
            description = "A flow log file, a folder of them, or s3://bucket/prefix (not with --athena).")
    @Nullable
    String logs;

    @Option(names = "--top", defaultValue = "10", paramLabel = "N", description = "Rows per ranking (default: 10).")
    int top;

    @Option(names = "--port", paramLabel = "PORT", description = "Also show the traffic to this destination port.")
    @Nullable
    Integer port;

    @Option(
            names = "--nat",
            paramLabel = "ENI",
            description = "A NAT's network interface (repeatable); logs with pkt-dstaddr show them by themselves.")
    List<String> nats = new ArrayList<>();

    @Option(
            names = "--format",
            defaultValue = "text",
            paramLabel = "FORMAT",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(
            names = "--athena",
            description = "Run the queries on Amazon Athena over a table of Stackwright's flow log columns "
                    + "(docs/flows.md gives its DDL).")
    boolean athena;

    @Option(names = "--database", paramLabel = "NAME", description = "The Athena (Glue) database of the table.")
    @Nullable
    String database;

    @Option(
            names = "--table",
            defaultValue = "vpc_flow_logs",
            paramLabel = "NAME",
            description = "The Athena table (default: ${DEFAULT-VALUE}).")
    String table;

    @Option(
            names = "--workgroup",
            defaultValue = "primary",
            paramLabel = "NAME",
            description = "The Athena workgroup (default: ${DEFAULT-VALUE}).")
    String workgroup;

    @Option(
            names = "--athena-output",
            paramLabel = "S3_URI",
            description = "Where Athena writes results, when the workgroup does not say.")
    @Nullable
    String athenaOutput;

    @Mixin
    SpecOption spec;

    @Mixin
    AwsOptions aws;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter err = command.commandLine().getErr();
        if (top < 1) {
            throw new DeployException("--top " + top + " shows nothing", "give a number of rows of 1 or more");
        }
        boolean named = command.commandLine().getParseResult().hasMatchedOption("--file");
        Stackwright.@Nullable Result planned = named ? spec.plan(err) : null;
        String region = aws.region != null
                ? aws.region
                : planned != null ? planned.spec().region() : "us-east-1";
        FlowReport.Options options = new FlowReport.Options(
                top,
                Optional.ofNullable(port),
                nats,
                nics -> pricing(planned, region, nics),
                ServiceRanges.builtIn(),
                Optional.ofNullable(planned).map(p -> FlowDrift.of(p.network())));
        FlowAnswers answers;
        if (athena) {
            if (database == null) {
                throw new DeployException("--athena needs --database", "name the Glue database of the flow log table");
            }
            try (Aws connection =
                    aws.connect(planned == null ? null : planned.spec().region())) {
                FlowEngine engine = connection.flowLogs().athena(database, table, workgroup, athenaOutput);
                answers = FlowReport.answer(engine, "Athena table " + database + "." + table, options);
            }
        } else if (logs == null) {
            throw new DeployException(
                    "no flow logs given",
                    "name a file, a folder or s3://bucket/prefix, or use " + "--athena --database NAME");
        } else if (logs.startsWith("s3://")) {
            try (Aws connection =
                    aws.connect(planned == null ? null : planned.spec().region())) {
                Path local = connection.flowLogs().download(logs);
                try (LocalFlowLogs engine = LocalFlowLogs.open(local)) {
                    engine.warnings().forEach(w -> err.println("stackwright: warning: " + w));
                    answers = FlowReport.answer(engine, logs, options);
                } finally {
                    connection.flowLogs().discard(local);
                }
            }
        } else {
            try (LocalFlowLogs engine = LocalFlowLogs.open(Path.of(logs))) {
                engine.warnings().forEach(w -> err.println("stackwright: warning: " + w));
                answers = FlowReport.answer(engine, engine.description(), options);
            }
        }
        command.commandLine().getOut().print(format == Format.json ? FlowsText.json(answers) : FlowsText.text(answers));
        return Main.OK;
    }

    /**
     * The cost model's endpoint advice: for the planned network when a spec is given, else for a NAT gateway in each
     * of as many zones as the log shows NAT interfaces.
     */
    static Optional<FlowReport.Pricing> pricing(Stackwright.@Nullable Result planned, String region, int nics) {
        Optional<PriceBook> book = planned != null
                ? Optional.of(PriceBooks.forSpec(planned.spec(), Optional.empty()))
                : PriceBooks.builtIn(region);
        if (book.isEmpty()) {
            return Optional.empty();
        }
        NetworkShape shape;
        String assumed;
        if (planned != null) {
            shape = NetworkShape.of(planned.planned());
            assumed = "the plan's network";
        } else {
            int zones = Math.max(1, nics);
            shape = new NetworkShape(
                    zones,
                    NatMode.GATEWAY_PER_AZ,
                    IntStream.range(0, zones)
                            .mapToObj(i -> new NetworkShape.NatDevice(
                                    "nat-" + i, NetworkShape.Kind.GATEWAY, Optional.empty(), 1))
                            .toList(),
                    List.of(),
                    List.of(),
                    Optional.empty(),
                    Optional.empty(),
                    false);
            assumed = "a NAT gateway in each of " + zones + " zone" + (zones == 1 ? "" : "s") + " (no -f spec given)";
        }
        PriceBook prices = book.get();
        return EndpointAdvice.of(shape, prices)
                .map(a -> new FlowReport.Pricing(a, prices.hoursPerMonth(), prices.label() + ", " + assumed));
    }
}
