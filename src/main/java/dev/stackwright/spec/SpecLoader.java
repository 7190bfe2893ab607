package dev.stackwright.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.diag.InputFiles;
import dev.stackwright.diag.SourceLocation;
import dev.stackwright.diag.Suggestions;
import dev.stackwright.diag.YamlDocument;
import dev.stackwright.model.AccessMode;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.Environment;
import dev.stackwright.model.FlowLogs;
import dev.stackwright.model.NatMode;
import dev.stackwright.model.app.Database;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads {@code stackwright.yml}: YAML with locations, then the JSON Schema, then the checks a schema cannot express
 * (CIDRs, environment overlap, combinations). Every problem found is reported together.
 */
public final class SpecLoader {

    /** Gateway endpoints: always added, because they are free. */
    public static final Set<String> GATEWAY_ENDPOINTS = Set.of("s3", "dynamodb");

    /** Interface endpoint services a web app commonly needs; names as in {@code com.amazonaws.<region>.<name>}. */
    public static final Set<String> INTERFACE_ENDPOINTS = new TreeSet<>(List.of(
            "ecr.api",
            "ecr.dkr",
            "ecs",
            "ecs-agent",
            "ecs-telemetry",
            "logs",
            "monitoring",
            "ssm",
            "ssmmessages",
            "ec2messages",
            "ec2",
            "secretsmanager",
            "kms",
            "sts",
            "sqs",
            "sns",
            "events",
            "lambda",
            "states",
            "xray",
            "elasticloadbalancing",
            "execute-api",
            "rds",
            "elasticache",
            "kinesis-streams",
            "firehose",
            "codebuild",
            "codepipeline",
            "bedrock-runtime"));

    /** The largest prefix our layout fits three tiers in four zone slots into (see docs/cidr-layout.md). */
    public static final int SMALLEST_VPC_PREFIX = 22;

    private SpecLoader() {}

    /**
     * Loads and checks a spec file.
     *
     * @throws InputException listing every problem found, when there is any
     */
    public static StackSpec load(Path file) {
        String text = InputFiles.read(
                file, "file", "run `stackwright init` to write a starter stackwright.yml, or pass -f PATH");
        return parse(file.toString(), text);
    }

    /**
     * Applies the rule for {@code name} to a project name given outside a spec, as {@code init --name} does before it
     * writes a spec: the same schema rule and message the loader gives.
     *
     * @param label what the message calls the value, e.g. {@code --name}
     * @throws InputException when the name could not stand in a spec
     */
    public static void requireValidName(String name, SourceLocation at, String label) {
        SchemaCheck.checkText("name", name, at, label).ifPresent(problem -> {
            throw new InputException(List.of(problem));
        });
    }

    /** Parses and checks spec text; {@code file} names it in messages. */
    public static StackSpec parse(String file, String text) {
        YamlDocument doc = YamlDocument.parse(file, text);
        List<Diagnostic> problems = new ArrayList<>(SchemaCheck.check(doc));
        StackSpec spec = new Binder(doc, problems).bind();
        if (problems.stream().anyMatch(Diagnostic::isError)) {
            throw new InputException(problems);
        }
        return spec;
    }

    /**
     * Binds the checked tree to records. Tolerant of values the schema already rejected (it falls back to defaults),
     * so that the semantic checks still run and every problem is reported in one pass.
     */
    private static final class Binder {
        private final YamlDocument doc;
        private final List<Diagnostic> problems;

        Binder(YamlDocument doc, List<Diagnostic> problems) {
            this.doc = doc;
            this.problems = problems;
        }

        StackSpec bind() {
            JsonNode root = doc.root();
            String name = text(root, "name", "app");
            String region = region(root);
            Environment env = Environment.fromId(text(root, "environment", SpecDefaults.text("environment")))
                    .orElse(Environment.DEV);
            NetworkSpec network = network(root.path("network"), env);
            ServiceSpec service = new AppBinder(doc, problems).service(root.path("service"), env);
            Optional<DatabaseSpec> database = database(root.path("database"), env, name);
            FrontDoorSpec frontDoor = new AppBinder(doc, problems).frontDoor(root.path("frontDoor"), region);
            AlarmsSpec alarms = new AlarmsSpec(
                    root.path("alarms").path("email").isTextual()
                            ? Optional.of(root.path("alarms").path("email").asText())
                            : Optional.empty());
            database.ifPresent(db -> {
                if (db.port() == service.port()) {
                    if (root.path("database").has("port")) {
                        problems.add(
                                Diagnostic.error(
                                        "port-collision",
                                        doc.valueLocation("database.port"),
                                        "database.port",
                                        "the database port is the same as the service port",
                                        String.valueOf(db.port()),
                                        "give the database its engine's port (5432 for postgres, 3306 for mysql) or move the service to another port"));
                    } else {
                        problems.add(Diagnostic.error(
                                "port-collision",
                                doc.valueLocation("service.port"),
                                "service.port",
                                "is the " + db.engine() + " database's default port too",
                                String.valueOf(db.port()),
                                "move the service to another port, e.g. 8080, or set database.port"));
                    }
                }
            });
            TrafficSpec traffic = TrafficSpec.bind(root.path("traffic"), doc, problems);
            Optional<PipelineSpec> pipeline = new PipelineBinder(doc, problems).bind(root.path("pipeline"), env);
            new AppBinder(doc, problems).combinations(region, network, service, frontDoor, database);
            List<Diagnostic> warnings = problems.stream()
                    .filter(d -> !d.isError())
                    .sorted(Diagnostic.IN_FILE_ORDER)
                    .toList();
            return new StackSpec(
                    name, region, env, network, service, frontDoor, database, alarms, traffic, pipeline, doc, warnings);
        }

        /** The region, checked against the regions AWS has, so a typo fails here rather than at deploy time. */
        private String region(JsonNode root) {
            String region = text(root, "region", SpecDefaults.text("region"));
            if (root.path("region").isTextual() && !Regions.isKnown(region)) {
                problems.add(
                        Diagnostic.error(
                                "unknown-region",
                                doc.valueLocation("region"),
                                "region",
                                "is not an AWS commercial region",
                                "`" + region + "`",
                                Suggestions.closest(region, Regions.COMMERCIAL)
                                        .map(s -> "did you mean `" + s + "`?")
                                        .orElse(
                                                "use a region code such as `us-east-1` or `eu-west-1` "
                                                        + "(`aws ec2 describe-regions` lists yours; GovCloud and China are not supported)")));
            }
            return region;
        }

        private NetworkSpec network(JsonNode net, Environment env) {
            Optional<Cidr> cidr = cidr(net, env);
            int azs = integer(net, "azs", SpecDefaults.integer("network.azs", env));
            NatMode nat = NatMode.fromId(text(net, "nat", SpecDefaults.text("network.nat")))
                    .orElse(NatMode.INSTANCE);
            JsonNode natInstance = net.path("natInstance");
            if (!natInstance.isMissingNode() && nat != NatMode.INSTANCE) {
                problems.add(new Diagnostic(
                        Diagnostic.Severity.WARNING,
                        "ignored-key",
                        doc.keyLocation("network.natInstance"),
                        "network.natInstance",
                        "is ignored because nat is not `instance`",
                        "nat: " + nat.id(),
                        "remove natInstance, or set `nat: instance`"));
            }
            String natType = text(natInstance, "type", SpecDefaults.text("network.natInstance.type"));
            boolean natPerAz = bool(natInstance, "perAz", SpecDefaults.bool("network.natInstance.perAz", env));
            AccessMode access = AccessMode.fromId(text(net, "access", SpecDefaults.text("network.access")))
                    .orElse(AccessMode.SSM);
            Optional<Cidr> bastionCidr = bastionCidr(net, access);
            Optional<String> keyName = net.path("bastionKeyName").isTextual()
                    ? Optional.of(net.path("bastionKeyName").asText())
                    : Optional.empty();
            List<String> endpoints = interfaceEndpoints(net.path("endpoints"));
            // flowLogs: true, false, or a mapping with the destination (a mapping turns them on).
            JsonNode flowLogNode = net.path("flowLogs");
            boolean flowLogs = flowLogNode.isObject() || bool(net, "flowLogs", SpecDefaults.bool("network.flowLogs"));
            FlowLogs.Destination flowLogDestination = FlowLogs.Destination.fromId(
                            text(flowLogNode, "destination", SpecDefaults.text("network.flowLogs.destination")))
                    .orElse(FlowLogs.Destination.CLOUDWATCH_LOGS);
            int retention =
                    integer(net, "flowLogRetentionDays", SpecDefaults.integer("network.flowLogRetentionDays", env));
            int maxTasks = integer(net, "maxTasks", SpecDefaults.integer("network.maxTasks"));
            Optional<String> existing = net.path("existingVpc").isTextual()
                    ? Optional.of(net.path("existingVpc").asText())
                    : Optional.empty();
            existing.ifPresent(id -> existingVpc(net, access));
            return new NetworkSpec(
                    cidr,
                    azs,
                    nat,
                    natType,
                    natPerAz,
                    access,
                    bastionCidr,
                    keyName,
                    endpoints,
                    flowLogs,
                    flowLogDestination,
                    retention,
                    maxTasks,
                    existing,
                    text(net, "existingVpcSnapshot", existing.orElse("")),
                    bool(net, "ipv6", SpecDefaults.bool("network.ipv6")));
        }

        /** With a VPC the user brings, the settings that shape a new VPC do not apply, and a bastion is not built. */
        private void existingVpc(JsonNode net, AccessMode access) {
            for (String key : List.of(
                    "cidr", "azs", "nat", "natInstance", "endpoints", "flowLogs", "flowLogRetentionDays", "ipv6")) {
                if (net.has(key)) {
                    String path = "network." + key;
                    problems.add(new Diagnostic(
                            Diagnostic.Severity.WARNING,
                            "ignored-key",
                            doc.keyLocation(path),
                            path,
                            "is ignored because network.existingVpc places the app in a VPC you already have",
                            null,
                            "remove " + key + ", or remove existingVpc to let Stackwright create the VPC"));
                }
            }
            if (access == AccessMode.BASTION) {
                problems.add(
                        Diagnostic.error(
                                "bastion-in-existing-vpc",
                                doc.valueLocation("network.access"),
                                "network.access",
                                "a bastion host is built with the network stack, which an existing VPC does not get",
                                "bastion",
                                "use `access: ssm` (Session Manager on the ECS hosts) or `access: none`, or remove existingVpc"));
            }
        }

        private Optional<Cidr> cidr(JsonNode net, Environment env) {
            JsonNode node = net.path("cidr");
            if (!node.isTextual()) {
                return Optional.empty();
            }
            String path = "network.cidr";
            SourceLocation at = doc.valueLocation(path);
            Optional<Cidr> parsed = Cidr.tryParse(node.asText());
            if (parsed.isEmpty() || !node.asText().contains("/")) {
                problems.add(Diagnostic.error(
                        "bad-cidr",
                        at,
                        path,
                        "is not an IPv4 CIDR block",
                        "`" + node.asText() + "`",
                        "write it as address/prefix, e.g. `" + env.defaultCidr()
                                + "`, or remove it to use the environment's default"));
                return Optional.empty();
            }
            Cidr cidr = parsed.get();
            boolean ok = true;
            if (!cidr.toString().equals(node.asText().strip())) {
                problems.add(Diagnostic.error(
                        "cidr-not-aligned",
                        at,
                        path,
                        "has host bits set, so it is not the start of a block",
                        node.asText(),
                        "use `" + cidr + "`"));
                ok = false;
            }
            if (!cidr.isPrivate()) {
                problems.add(Diagnostic.error(
                        "cidr-not-private",
                        at,
                        path,
                        "is not a private (RFC 1918) range",
                        cidr.toString(),
                        "use a block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, e.g. `" + env.defaultCidr()
                                + "`"));
                ok = false;
            }
            if (cidr.prefixLength() < 16) {
                problems.add(Diagnostic.error(
                        "cidr-too-large",
                        at,
                        path,
                        "is larger than a VPC can be (AWS allows /16 to /28)",
                        cidr.toString(),
                        "use a /16, e.g. `" + cidr.subnet(16, 0) + "`"));
                ok = false;
            } else if (cidr.prefixLength() > SMALLEST_VPC_PREFIX) {
                problems.add(Diagnostic.error(
                        "cidr-too-small",
                        at,
                        path,
                        "is too small for 3 tiers in 4 zone slots (public, app and data subnets need at least a /"
                                + SMALLEST_VPC_PREFIX + ")",
                        "/" + cidr.prefixLength(),
                        "use a /20 or larger, e.g. `"
                                + cidr.block()
                                        .setPrefixLength(20, false)
                                        .toPrefixBlock()
                                        .toCanonicalString() + "`"));
                ok = false;
            }
            for (Environment other : Environment.values()) {
                if (other != env && cidr.overlaps(other.defaultCidr())) {
                    problems.add(Diagnostic.error(
                            "cidr-overlaps-environment",
                            at,
                            path,
                            "overlaps the " + other.id() + " environment's block " + other.defaultCidr()
                                    + ", so the two VPCs could never be peered",
                            cidr.toString(),
                            "use a block outside 10.0.0.0/14, e.g. `10.16.0.0/16`, or remove it to use " + env.id()
                                    + "'s default " + env.defaultCidr()));
                    ok = false;
                }
            }
            return ok ? Optional.of(cidr) : Optional.empty();
        }

        private Optional<Cidr> bastionCidr(JsonNode net, AccessMode access) {
            JsonNode node = net.path("bastionCidr");
            String path = "network.bastionCidr";
            if (access == AccessMode.BASTION && !node.isTextual()) {
                if (node.isMissingNode()) {
                    problems.add(Diagnostic.error(
                            "bastion-without-cidr",
                            doc.valueLocation("network.access"),
                            path,
                            "access: bastion needs the address range allowed to SSH in",
                            null,
                            "add `bastionCidr: 203.0.113.0/24` under network, with your office or VPN range"));
                }
                return Optional.empty();
            }
            if (!node.isTextual()) {
                return Optional.empty();
            }
            if (access != AccessMode.BASTION) {
                problems.add(new Diagnostic(
                        Diagnostic.Severity.WARNING,
                        "ignored-key",
                        doc.keyLocation(path),
                        path,
                        "is ignored because access is not `bastion`",
                        "access: " + access.id(),
                        "remove bastionCidr, or set `access: bastion`"));
            }
            Optional<Cidr> cidr = Cidr.tryParse(node.asText());
            if (cidr.isEmpty()) {
                problems.add(Diagnostic.error(
                        "bad-cidr",
                        doc.valueLocation(path),
                        path,
                        "is not an IPv4 CIDR block",
                        "`" + node.asText() + "`",
                        "write it as address/prefix, e.g. `203.0.113.0/24`"));
            } else if (cidr.get().prefixLength() < 8) {
                problems.add(
                        Diagnostic.error(
                                "ssh-open-to-world",
                                doc.valueLocation(path),
                                path,
                                "would open SSH to a large part of the internet",
                                cidr.get().toString(),
                                "use your office or VPN range, e.g. `203.0.113.0/24`, or `access: ssm` which needs no open port"));
                return Optional.empty();
            }
            return cidr;
        }

        private List<String> interfaceEndpoints(JsonNode list) {
            List<String> out = new ArrayList<>();
            if (!list.isArray()) {
                return out;
            }
            for (int i = 0; i < list.size(); i++) {
                String name = list.get(i).asText();
                String path = "network.endpoints[" + i + "]";
                if (GATEWAY_ENDPOINTS.contains(name)) {
                    continue;
                }
                if (!INTERFACE_ENDPOINTS.contains(name)) {
                    List<String> known = new ArrayList<>(GATEWAY_ENDPOINTS);
                    known.addAll(INTERFACE_ENDPOINTS);
                    problems.add(
                            Diagnostic.error(
                                    "unknown-endpoint",
                                    doc.valueLocation(path),
                                    path,
                                    "is not an endpoint service Stackwright knows",
                                    "`" + name + "`",
                                    Suggestions.closest(name, known)
                                            .map(s -> "did you mean `" + s + "`?")
                                            .orElse(
                                                    "use a service name such as s3, dynamodb, ecr.api, ecr.dkr, logs, ssm or secretsmanager")));
                    continue;
                }
                out.add(name);
            }
            return out.stream().distinct().sorted().toList();
        }

        private Optional<DatabaseSpec> database(JsonNode db, Environment env, String project) {
            if (db.isMissingNode() || db.isNull()) {
                return Optional.empty();
            }
            Database.Engine engine = "mysql".equals(text(db, "engine", SpecDefaults.text("database.engine")))
                    ? Database.Engine.MYSQL
                    : Database.Engine.POSTGRES;
            int port = integer(db, "port", engine == Database.Engine.MYSQL ? 3306 : 5432);
            Optional<String> version = db.path("engineVersion").isTextual()
                    ? Optional.of(db.path("engineVersion").asText())
                    : Optional.empty();
            version.ifPresent(v -> engineVersion(engine, v));
            String instanceClass = text(db, "instanceClass", SpecDefaults.text("database.instanceClass"));
            if (db.path("instanceClass").isTextual()
                    && dev.stackwright.model.app.InstanceType.find(instanceClass)
                            .isEmpty()) {
                problems.add(new Diagnostic(
                        Diagnostic.Severity.WARNING,
                        "unknown-instance-class",
                        doc.valueLocation("database.instanceClass"),
                        "database.instanceClass",
                        "is not in Stackwright's catalogue, so the connections alarm assumes 1 GiB of memory",
                        instanceClass,
                        Suggestions.closest(instanceClass, dev.stackwright.model.app.InstanceType.names(true))
                                .map(c -> "did you mean `" + c + "`?")
                                .orElse("check the class name against the RDS instance types page")));
            }
            return Optional.of(new DatabaseSpec(
                    engine,
                    version,
                    port,
                    instanceClass,
                    integer(db, "storageGb", SpecDefaults.integer("database.storageGb")),
                    bool(db, "multiAz", SpecDefaults.bool("database.multiAz", env)),
                    integer(db, "backupRetentionDays", SpecDefaults.integer("database.backupRetentionDays", env)),
                    bool(db, "deletionProtection", SpecDefaults.bool("database.deletionProtection", env)),
                    text(db, "name", project.replace("-", "_")),
                    text(db, "username", SpecDefaults.text("database.username"))));
        }

        /** An engine version must be one of the engine's major versions RDS runs, or the stack fails to create. */
        private void engineVersion(Database.Engine engine, String version) {
            if (!version.matches("[0-9]+(\\.[0-9]+)*") || engine.offers(version)) {
                return; // the schema reports a version that is not numbers and dots
            }
            String path = "database.engineVersion";
            Optional<Database.Engine> other = java.util.Arrays.stream(Database.Engine.values())
                    .filter(e -> e != engine && e.offers(version))
                    .findFirst();
            String majors = String.join(", ", engine.majorVersions());
            problems.add(Diagnostic.error(
                    "unknown-engine-version",
                    doc.valueLocation(path),
                    path,
                    other.map(o -> "is a " + o.title() + " version, but the engine is " + engine.id())
                            .orElse("is not a " + engine.title() + " major version RDS runs"),
                    "`" + version + "`",
                    "use a " + engine.title() + " version of major version " + majors + " (e.g. `"
                            + engine.majorVersions().getLast() + "`)"
                            + other.map(o -> ", or set `engine: " + o.id() + "`")
                                    .orElse("")
                            + ", or remove engineVersion to take RDS's default"));
        }

        private static String text(JsonNode parent, String key, String fallback) {
            return Nodes.text(parent, key, fallback);
        }

        private static int integer(JsonNode parent, String key, int fallback) {
            return Nodes.integer(parent, key, fallback);
        }

        private static boolean bool(JsonNode parent, String key, boolean fallback) {
            return Nodes.bool(parent, key, fallback);
        }
    }
}
