package dev.stackwright.judges;

import dev.stackwright.Stackwright;
import dev.stackwright.app.AppCombinations;
import dev.stackwright.cfn.TemplateWriter;
import dev.stackwright.plan.NetworkCombinations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Every template AWS's validators judge, written once per test run to {@code target/judged-templates/} (left there
 * after a failure, to open in an editor or rerun a judge by hand), each case's network, registry (when it has one),
 * app and pipeline (when it has one) stacks: the eight examples, every combination of compute x
 * front door x database x NAT x access x environment x HTTPS ({@link AppCombinations}), every network option
 * ({@link NetworkCombinations}), an existing VPC, and NAT none with every interface endpoint. Identical templates are
 * written once, under the name of the first case that produced them.
 */
public final class JudgedTemplates {
    public static final Path DIR = Path.of("target", "judged-templates").toAbsolutePath();
    private static @Nullable List<Judged> written;

    /** One file a judge reads, and the case it came from. */
    public record Judged(Path file, String caseLabel) {}

    private JudgedTemplates() {}

    public static synchronized List<Judged> all() {
        if (written == null) {
            written = write();
        }
        return written;
    }

    /** The case behind a file a judge names. */
    public static String caseOf(Path file) {
        return all().stream()
                .filter(j -> j.file().equals(file.toAbsolutePath()))
                .map(Judged::caseLabel)
                .findFirst()
                .orElse(file.getFileName().toString());
    }

    private static List<Judged> write() {
        try {
            if (Files.exists(DIR)) {
                try (Stream<Path> old = Files.walk(DIR)) {
                    old.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(DIR);
            Map<String, Judged> byContent = new HashMap<>();
            List<Judged> out = new ArrayList<>();
            int n = 0;
            for (Case c : cases()) {
                Stackwright.Result r = c.plan();
                List<Map.Entry<String, dev.stackwright.cfn.Template>> stacks = new ArrayList<>();
                stacks.add(Map.entry("network", r.networkTemplate()));
                r.registryTemplate().ifPresent(t -> stacks.add(Map.entry("registry", t)));
                stacks.add(Map.entry("app", r.appTemplate()));
                r.pipelineTemplate().ifPresent(p -> stacks.add(Map.entry("pipeline", p)));
                for (var stack : stacks) {
                    String yaml = TemplateWriter.write(stack.getValue().toJson(), TemplateWriter.Format.YAML);
                    if (byContent.containsKey(yaml)) {
                        continue;
                    }
                    Path file = DIR.resolve(String.format("%03d-%s-%s.template.yaml", n++, c.slug(), stack.getKey()));
                    Files.writeString(file, yaml);
                    Judged j = new Judged(file, c.label() + " (" + stack.getKey() + " stack)");
                    byContent.put(yaml, j);
                    out.add(j);
                }
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Case(String label, String slug, java.util.function.Supplier<Stackwright.Result> planner) {
        Stackwright.Result plan() {
            return planner.get();
        }
    }

    private static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(Path.of("examples"))) {
            dirs.map(d -> d.resolve("stackwright.yml"))
                    .filter(Files::exists)
                    .sorted()
                    .forEach(spec -> {
                        String name = java.util.Objects.requireNonNull(spec.getParent())
                                .getFileName()
                                .toString();
                        cases.add(new Case("example " + name, name, () -> Stackwright.plan(spec)));
                    });
        }
        for (AppCombinations.Case c : AppCombinations.all()) {
            cases.add(new Case(c.label(), "combo", () -> Stackwright.plan("stackwright.yml", c.yaml())));
        }
        for (NetworkCombinations.Case c : NetworkCombinations.all()) {
            cases.add(new Case(c.label(), "network", () -> Stackwright.plan("stackwright.yml", c.yaml())));
        }
        Path good = realisticIds(Path.of("src/test/resources/inspect/good"));
        for (String rest : List.of("frontDoor: alb\ndatabase: {engine: postgres}\n", "frontDoor: api-gateway\n")) {
            String yaml = "name: shop\nenvironment: prod\nregion: us-east-1\nnetwork:\n  existingVpc: "
                    + id("vpc-0good") + "\n" + "  existingVpcSnapshot: " + good
                    + "\nservice: {compute: fargate, port: 8080}\n" + rest;
            cases.add(new Case(
                    "existing VPC, " + rest.lines().findFirst().orElseThrow(),
                    "existing-vpc",
                    () -> Stackwright.plan("stackwright.yml", yaml)));
        }
        String allEndpoints = """
                              name: sealed
                              environment: prod
                              region: us-east-1
                              network:
                                nat: none
                                endpoints: [s3, dynamodb, ecr.api, ecr.dkr, logs, secretsmanager, ssm, sts, kms, sqs, sns]
                              service:
                                compute: fargate
                                port: 8080
                              frontDoor: alb
                              database: {engine: postgres}
                              """;
        cases.add(new Case(
                "nat none with interface endpoints",
                "nat-none-endpoints",
                () -> Stackwright.plan("stackwright.yml", allEndpoints)));
        // Dual stack: each example again with network.ipv6, which touches every tier, NAT mode, front door and access.
        try (Stream<Path> dirs = Files.list(Path.of("examples"))) {
            for (Path spec : dirs.map(d -> d.resolve("stackwright.yml"))
                    .filter(Files::exists)
                    .sorted()
                    .toList()) {
                String yaml = withIpv6(Files.readString(spec));
                String name = java.util.Objects.requireNonNull(spec.getParent())
                        .getFileName()
                        .toString();
                cases.add(new Case(
                        "example " + name + " with ipv6",
                        name + "-ipv6",
                        () -> Stackwright.plan("stackwright.yml", yaml)));
            }
        }
        // The pipeline's other shapes (the staging-gateway-bastion example has GitHub and an ECS service): a Lambda
        // function from CodeCommit through every environment, and Graviton hosts built on Arm from GitLab.
        for (String pipeline : List.of(
                "name: shop\nenvironment: dev\nservice: {compute: lambda}\n"
                        + "pipeline: {source: {provider: codecommit, repository: shop}, environments: [dev, staging, prod],"
                        + " approvalBefore: [staging, prod], computeType: medium}\nalarms: {email: ops@example.com}\n",
                "name: shop\nenvironment: prod\nservice: {compute: ecs-ec2, instanceType: t4g.small}\n"
                        + "pipeline: {source: {provider: gitlab, repository: acme/shop, branch: release,"
                        + " connectionArn: 'arn:aws:codestar-connections:us-east-1:123456789012:connection/"
                        + "0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d'}, environments: [prod], approvalBefore: []}\n")) {
            cases.add(new Case(
                    "pipeline " + pipeline.lines().skip(2).findFirst().orElseThrow(),
                    "pipeline",
                    () -> Stackwright.plan("stackwright.yml", pipeline)));
        }
        cases.add(new Case(
                "nat none with interface endpoints, ipv6",
                "nat-none-endpoints-ipv6",
                () -> Stackwright.plan("stackwright.yml", withIpv6(allEndpoints))));
        return cases;
    }

    /**
     * A spec with {@code network.ipv6: true} added (specs here write {@code network:} at the start of a line); one that
     * has it already, as the dual-stack example, is left as it is.
     */
    static String withIpv6(String yaml) {
        if (yaml.contains("\n  ipv6: true\n")) {
            return yaml;
        }
        return yaml.contains("\nnetwork:\n")
                ? yaml.replace("\nnetwork:\n", "\nnetwork:\n  ipv6: true\n")
                : yaml + (yaml.endsWith("\n") ? "" : "\n") + "network:\n  ipv6: true\n";
    }

    /**
     * The inspect fixture with IDs in AWS's own shape ({@code vpc-} and 17 hex digits): the fixture's readable IDs
     * ({@code vpc-0good}) are fine for our importer, but cfn-lint rightly refuses them in a template (E1151).
     */
    private static Path realisticIds(Path fixture) throws IOException {
        Path out = DIR.resolveSibling("judged-existing-vpc");
        Files.createDirectories(out);
        try (Stream<Path> files = Files.list(fixture)) {
            for (Path f : files.toList()) {
                String text = java.util.regex.Pattern.compile("\"((?:vpc|subnet|rtb|igw|nat)-[A-Za-z0-9-]+)\"")
                        .matcher(Files.readString(f))
                        .replaceAll(m -> "\"" + id(m.group(1)) + "\"");
                Files.writeString(out.resolve(f.getFileName()), text);
            }
        }
        return out.toAbsolutePath();
    }

    private static String id(String readable) {
        String prefix = readable.substring(0, readable.indexOf('-'));
        return prefix + "-" + String.format("%017x", readable.hashCode() & 0xffffffffL);
    }
}
