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
import dev.stackwright.flows.FlowLogTable;
import dev.stackwright.flows.FlowReport;
import dev.stackwright.flows.FlowsText;
import dev.stackwright.flows.ServiceRanges;
import dev.stackwright.model.FlowLogs;
import dev.stackwright.model.NatMode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
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

    /** Rows per ranking unless --top says otherwise; {@code report --flows} shows as many. */
    static final String DEFAULT_TOP = "10";

    /** The region priced without -f or --region. */
    static final String DEFAULT_REGION = "us-east-1";

    @Option(
            names = "--top",
            defaultValue = DEFAULT_TOP,
            paramLabel = "N",
            description = "Rows per ranking (default: ${DEFAULT-VALUE}).")
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
            description = "Run the queries on Amazon Athena over a table of Stackwright's flow log columns: the one "
                    + "synth creates for network.flowLogs.destination: s3 (with -f, its names are the defaults), or "
                    + "one made with the DDL in docs/flows.md.")
    boolean athena;

    @Option(
            names = "--database",
            paramLabel = "NAME",
            description = "The Athena (Glue) database of the table (default with -f: the network stack's).")
    @Nullable
    String database;

    @Option(
            names = "--table",
            paramLabel = "NAME",
            description = "The Athena table (default: " + FlowLogTable.TABLE + ").")
    @Nullable
    String table;

    @Option(
            names = "--workgroup",
            paramLabel = "NAME",
            description = "The Athena workgroup (default with -f: the network stack's; else primary).")
    @Nullable
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
                : planned != null ? planned.spec().region() : DEFAULT_REGION;
        FlowReport.Options options = options(planned, region, top, Optional.ofNullable(port), nats);
        FlowAnswers answers;
        if (athena) {
            FlowLogTable target = athenaTarget(planned, database, table, workgroup);
            try (Aws connection =
                    aws.connect(planned == null ? null : planned.spec().region())) {
                FlowEngine engine = connection
                        .flowLogs()
                        .athena(target.database(), target.table(), target.workgroup(), athenaOutput);
                answers =
                        FlowReport.answer(engine, "Athena table " + target.database() + "." + target.table(), options);
            }
        } else if (logs == null) {
            throw new DeployException(
                    "no flow logs given",
                    "name a file, a folder or s3://bucket/prefix, or use " + "--athena --database NAME");
        } else {
            answers = fromLogs(
                    logs,
                    options,
                    err,
                    () -> aws.connect(planned == null ? null : planned.spec().region()));
        }
        command.commandLine().getOut().print(format == Format.json ? FlowsText.json(answers) : FlowsText.text(answers));
        return Main.OK;
    }

    /**
     * What to answer: the rankings' length, a port, the NATs named, and from the plan (when a spec is given) the
     * pricing and the drift check; {@code report --flows} asks the same with the defaults.
     */
    static FlowReport.Options options(
            Stackwright.@Nullable Result planned, String region, int top, Optional<Integer> port, List<String> nats) {
        return new FlowReport.Options(
                top,
                port,
                nats,
                nics -> pricing(planned, region, nics),
                ServiceRanges.builtIn(),
                Optional.ofNullable(planned).map(p -> FlowDrift.of(p.network())));
    }

    /**
     * The answers of the flow logs at {@code logs}: a file or a folder read by DuckDB, or {@code s3://bucket/prefix}
     * copied through {@code connect} first. Files left out (a truncated gzip) are named on {@code err}.
     */
    static FlowAnswers fromLogs(String logs, FlowReport.Options options, PrintWriter err, Supplier<Aws> connect) {
        if (logs.startsWith("s3://")) {
            try (Aws connection = connect.get()) {
                Path local = connection.flowLogs().download(logs);
                try (LocalFlowLogs engine = LocalFlowLogs.open(local)) {
                    engine.warnings().forEach(w -> err.println("stackwright: warning: " + w));
                    return FlowReport.answer(engine, logs, options);
                } finally {
                    connection.flowLogs().discard(local);
                }
            }
        }
        try (LocalFlowLogs engine = LocalFlowLogs.open(Path.of(logs))) {
            engine.warnings().forEach(w -> err.println("stackwright: warning: " + w));
            return FlowReport.answer(engine, engine.description(), options);
        }
    }

    /**
     * The table {@code --athena} reads: each name as given, else the network stack's (a spec given with -f whose flow
     * logs go to S3, where synth created them), else {@code vpc_flow_logs} in the {@code primary} workgroup; a database
     * is needed from one or the other.
     */
    static FlowLogTable athenaTarget(
            Stackwright.@Nullable Result planned,
            @Nullable String database,
            @Nullable String table,
            @Nullable String workgroup) {
        Optional<FlowLogTable> stack = Optional.ofNullable(planned)
                .filter(p -> p.network()
                        .flowLogs()
                        .map(f -> f.destination() == FlowLogs.Destination.S3)
                        .orElse(false))
                .map(p -> FlowLogTable.of(p.spec().name(), p.spec().environment()));
        String db = database != null
                ? database
                : stack.map(FlowLogTable::database)
                        .orElseThrow(() -> new DeployException(
                                "--athena needs --database"
                                        + (planned == null ? "" : ": the spec's flow logs do not go to S3"),
                                "name the Glue database of the flow log table, or give -f with a spec whose"
                                        + " network.flowLogs.destination is s3 (synth creates the table)"));
        return new FlowLogTable(
                db,
                table != null ? table : stack.map(FlowLogTable::table).orElse(FlowLogTable.TABLE),
                workgroup != null
                        ? workgroup
                        : stack.map(FlowLogTable::workgroup).orElse("primary"));
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
