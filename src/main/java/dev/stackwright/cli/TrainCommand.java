package dev.stackwright.cli;

import dev.stackwright.Stackwright;
import dev.stackwright.analysis.Analysis;
import dev.stackwright.analysis.policy.Policy;
import dev.stackwright.analysis.report.CheckText;
import dev.stackwright.cfn.TemplateWriter;
import dev.stackwright.cost.Costs;
import dev.stackwright.diag.InputException;
import dev.stackwright.report.PlanJson;
import dev.stackwright.report.PlanText;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Hidden: exercises every stage once, and the everyday commands through the command line as a user types them, so
 * the launcher can record a class cache that covers what real commands load. It touches no file but its own
 * throw-away temporary folder.
 *
 * <p>With {@code --analysis} it trains the second cache, the one the launcher uses for commands that read a template
 * or a snapshot: {@code check} and {@code why} on a synthetic account shipped in the jar and on a synthesized
 * template. That run keeps the optimising compiler on, so the cache also holds the methods' profiles (JDK 25's
 * ahead-of-time method profiling), and a large account is compiled for sooner (docs/benchmarks.md).
 */
@Command(name = "__train", hidden = true)
final class TrainCommand implements Callable<Integer> {
    /**
     * The training account: {@code scripts/synthetic-account.sh DIR --vpcs 1 --enis 500 --seed 2}, the files as the
     * snapshot reader reads them (TrainCommandTest holds them to the generator).
     */
    static final String ACCOUNT = "/dev/stackwright/cli/train-account/";

    static final List<String> ACCOUNT_FILES = List.of(
            "vpcs.json",
            "subnets.json",
            "route-tables.json",
            "network-acls.json",
            "security-groups.json",
            "network-interfaces.json",
            "internet-gateways.json",
            "nat-gateways.json",
            "vpc-endpoints.json",
            "vpc-peering-connections.json");

    @Option(names = "--analysis")
    boolean analysis;

    private static final String SPEC = """
            name: train
            environment: prod
            network: {azs: 3, nat: instance, access: bastion, bastionCidr: 203.0.113.0/24, endpoints: [s3, logs]}
            service: {port: 8080, compute: ecs-ec2}
            frontDoor: {type: alb, domain: train.example.com, certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/t'}
            database: {engine: postgres}
            alarms: {email: ops@example.com}
            """;
    /** Each NAT mode meets one compute and front door, so every renderer branch loads. */
    private static final String[][] APPS = {
        {"ecs-ec2", "alb"},
        {"fargate", "api-gateway"},
        {"lambda", "alb"},
        {"ecs-ec2", "api-gateway"},
        {"lambda", "api-gateway"}
    };
    /** A spec like the shipped examples: a region, an image, secrets, scaling, traffic. */
    private static final String EVERYDAY = """
            name: train
            region: us-east-1
            environment: prod
            network: {azs: 3, nat: instance, access: ssm, endpoints: [s3, dynamodb], flowLogs: true, maxTasks: 200}
            service:
              compute: ecs-ec2
              instanceType: t3.small
              image: 123456789012.dkr.ecr.us-east-1.amazonaws.com/train:1.0.0
              port: 8080
              desiredCount: 2
              healthCheckPath: /health
              environment: {LOG_LEVEL: info}
              secrets: {API_KEY: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:train/key-AbCdEf'}
              scaling: {min: 2, max: 10, cpuTarget: 60}
            frontDoor: {type: alb, domain: train.example.com, certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/t', accessLogs: true}
            database: {engine: postgres, instanceClass: db.t4g.small}
            alarms: {email: ops@example.com}
            traffic: {requestsPerMonth: 50000000}
            """;

    private static final String BAD = "name: Bad_Name\nnetwork: {cidr: 8.8.8.8/33, nat: gatway, azz: 2}\n";

    @Override
    public Integer call() {
        if (analysis) {
            try {
                List<Integer> codes = analysisCommandLines(Path.of(System.getProperty("java.io.tmpdir")));
                return codes.stream().allMatch(c -> c <= Main.INPUT_PROBLEM) ? Main.OK : Main.INTERNAL;
            } catch (IOException | UncheckedIOException | SecurityException e) {
                return Main.INTERNAL;
            }
        }
        long size = 0;
        String[] nats = {"instance", "gateway", "gateway-per-az", "regional-gateway", "none"};
        for (int i = 0; i < nats.length; i++) {
            String spec = SPEC.replace("nat: instance", "nat: " + nats[i])
                    .replace("compute: ecs-ec2", "compute: " + APPS[i][0])
                    .replace("type: alb", "type: " + APPS[i][1])
                    .replace(
                            "endpoints: [s3, logs]",
                            nats[i].equals("none") ? "endpoints: [s3, logs, secretsmanager]" : "endpoints: [s3, logs]");
            Stackwright.Result r = Stackwright.plan("train.yml", spec);
            for (TemplateWriter.Format f : TemplateWriter.Format.values()) {
                size += TemplateWriter.write(r.networkTemplate().toJson(), f).length();
                size += TemplateWriter.write(r.appTemplate().toJson(), f).length();
            }
            size += PlanText.render(r.planned(), r.networkTemplate(), r.application(), r.appTemplate())
                    .length();
            size += TemplateWriter.write(
                            PlanJson.render(r.planned(), r.networkTemplate(), r.application(), r.appTemplate()),
                            TemplateWriter.Format.JSON)
                    .length();
            size += Analysis.gate(r.network(), Policy.defaults()).size();
            size += CheckText.render(Analysis.check(
                            r.network(),
                            java.util.Optional.of(r.intent()),
                            OptionalInt.of(r.spec().network().maxTasks()),
                            Policy.defaults()))
                    .length();
            size += Costs.planSummary(r.spec(), r.planned(), r.application(), r.existingVpc())
                    .length();
        }
        try {
            Stackwright.plan("bad.yml", BAD);
        } catch (InputException e) {
            Main.report(e, new PrintWriter(new StringWriter()));
        }
        Main.commandLine(new String[0]).getUsageMessage();
        try {
            commandLines(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException | UncheckedIOException | SecurityException e) {
            // The cache then lacks the command line's own classes (picocli's model of each command, the spec file
            // reader, synth's file writing); the commands still work, a little slower to start.
        }
        return size > 0 ? Main.OK : Main.INTERNAL;
    }

    /**
     * The commands a user runs most, each through {@link Main#run} on a spec file in a throw-away folder: what a
     * real run loads beyond the stages (the command's options, the spec file reader, the gate's thread, synth's
     * temporary files and their random names) then comes from the cache too.
     *
     * @param parent where the throw-away folder goes
     * @return each command's exit code, in order (all 0 unless the spec went stale)
     */
    static List<Integer> commandLines(Path parent) throws IOException {
        Path dir = Files.createTempDirectory(parent, "stackwright-train");
        try {
            Path spec = Files.writeString(dir.resolve("stackwright.yml"), EVERYDAY);
            String file = spec.toString();
            String out = dir.resolve("out").toString();
            PrintWriter sink = new PrintWriter(new StringWriter());
            List<Integer> codes = new ArrayList<>();
            for (String[] args : new String[][] {
                {"--version"},
                {"validate", "-f", file},
                {"plan", "-f", file},
                {"synth", "-f", file, "-o", out},
                {"synth", "-f", file, "-o", out, "--format", "json"},
                {"check", "-f", file},
                {"cost", "-f", file}
            }) {
                codes.add(Main.run(args, sink, sink));
            }
            return codes;
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * What the analysis cache is trained on, through {@link Main#run}: {@code check} (text and SARIF) and {@code why}
     * on the shipped account, written into a throw-away folder, and {@code check} and {@code why} on the network
     * template {@code synth} writes for the everyday spec.
     *
     * @param parent where the throw-away folder goes
     * @return each command's exit code, in order: {@code check} exits 1 on the account (its random rules break the
     *     built-in policy), the rest 0
     */
    static List<Integer> analysisCommandLines(Path parent) throws IOException {
        Path dir = Files.createTempDirectory(parent, "stackwright-train");
        try {
            Path account = Files.createDirectory(dir.resolve("account"));
            for (String name : ACCOUNT_FILES) {
                try (var in = Objects.requireNonNull(
                        TrainCommand.class.getResourceAsStream(ACCOUNT + name), "shipped in the jar: " + name)) {
                    Files.copy(in, account.resolve(name));
                }
            }
            Path spec = Files.writeString(dir.resolve("stackwright.yml"), EVERYDAY);
            Path out = dir.resolve("out");
            PrintWriter sink = new PrintWriter(new StringWriter());
            List<Integer> codes = new ArrayList<>();
            codes.add(Main.run(new String[] {"synth", "-f", spec.toString(), "-o", out.toString()}, sink, sink));
            String snapshot = account.toString();
            String network = out.resolve("train-network.template.yaml").toString();
            for (String[] args : new String[][] {
                {"check", "--snapshot", snapshot},
                {"check", "--snapshot", snapshot, "--format", "sarif"},
                {"why", "--snapshot", snapshot, "internet", "wl-00000", "443"},
                {"why", "--snapshot", snapshot, "wl-00002", "wl-00001", "5432"},
                {"check", "--template", network},
                {"why", "--template", network, "NatInstanceAEni", "s3", "443"}
            }) {
                codes.add(Main.run(args, sink, sink));
            }
            return codes;
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
