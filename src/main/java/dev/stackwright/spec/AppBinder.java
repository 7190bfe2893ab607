package dev.stackwright.spec;

import static dev.stackwright.spec.Nodes.bool;
import static dev.stackwright.spec.Nodes.integer;
import static dev.stackwright.spec.Nodes.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.Suggestions;
import dev.stackwright.diag.YamlDocument;
import dev.stackwright.model.Environment;
import dev.stackwright.model.NatMode;
import dev.stackwright.model.app.ComputeKind;
import dev.stackwright.model.app.EcrImage;
import dev.stackwright.model.app.FrontDoorKind;
import dev.stackwright.model.app.InstanceType;
import dev.stackwright.model.app.JwtAuth;
import dev.stackwright.model.app.SecretRef;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Binds the application sections ({@code service}, {@code frontDoor}) and checks what a schema cannot: Fargate's
 * cpu/memory pairs, a task that does not fit its host, secrets that are not ARNs, a custom domain without a
 * certificate, a function that could not reach what it calls. Problems go to the shared list.
 */
final class AppBinder {
    /** Variables the app stack sets itself when there is a database. */
    static final Set<String> DATABASE_VARIABLES =
            Set.of("DB_HOST", "DB_PORT", "DB_NAME", "DB_USERNAME", "DB_PASSWORD", "DB_SECRET_ARN");

    private static final Pattern IMAGE = Pattern.compile("^[A-Za-z0-9._:/#@-]{1,255}$");
    private static final Pattern HEALTH_CHECK_PATH = Pattern.compile("^/[A-Za-z0-9._~!$&'()*+,;=:@/%?-]{0,1023}$");
    private static final Pattern HTTPS_URL =
            Pattern.compile("^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~!$&'()*+,;=:@/%-]*)?$");
    private static final Pattern VARIABLE = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    private static final Pattern SECRET_ARN = Pattern.compile(
            "^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+(:[^:]*:[^:]*:[^:]*)?$");
    private static final Pattern PARAMETER_ARN =
            Pattern.compile("^arn:aws[a-z-]*:ssm:[a-z0-9-]+:[0-9]{12}:parameter/[A-Za-z0-9/_.-]+$");

    /** CPU units Fargate accepts, with the memory (MiB) each allows: from, to, step. */
    static final Map<Integer, int[]> FARGATE_MEMORY = Map.of(
            256, new int[] {512, 2048, 512},
            512, new int[] {1024, 4096, 1024},
            1024, new int[] {2048, 8192, 1024},
            2048, new int[] {4096, 16384, 1024},
            4096, new int[] {8192, 30720, 1024},
            8192, new int[] {16384, 61440, 4096},
            16384, new int[] {32768, 122880, 8192});

    private final YamlDocument doc;
    private final List<Diagnostic> problems;

    AppBinder(YamlDocument doc, List<Diagnostic> problems) {
        this.doc = doc;
        this.problems = problems;
    }

    ServiceSpec service(JsonNode svc, Environment env) {
        ComputeKind compute = ComputeKind.fromId(text(svc, "compute", SpecDefaults.text("service.compute")))
                .orElse(ComputeKind.ECS_EC2);
        int retention = integer(svc, "logRetentionDays", SpecDefaults.integer("service.logRetentionDays", env));
        JsonNode scalingNode = svc.path("scaling");
        ServiceSpec.ScalingSpec scaling = new ServiceSpec.ScalingSpec(
                scaling(scalingNode, "min"),
                scaling(scalingNode, "max"),
                scaling(scalingNode, "cpuTarget"),
                scaling(scalingNode, "scaleOutCooldown"),
                scaling(scalingNode, "scaleInCooldown"));
        ServiceSpec spec = new ServiceSpec(
                service(svc, "port"),
                compute,
                svc.path("image").isTextual() ? Optional.of(svc.path("image").asText()) : Optional.empty(),
                text(svc, "instanceType", SpecDefaults.text("service.instanceType")),
                service(svc, "cpu"),
                service(svc, "memory"),
                service(svc, "desiredCount"),
                text(svc, "healthCheckPath", SpecDefaults.text("service.healthCheckPath")),
                service(svc, "healthCheckGracePeriod"),
                service(svc, "timeout"),
                environment(svc),
                secrets(svc),
                calls(svc),
                retention,
                scaling);
        checkCompute(svc, spec);
        spec.image().ifPresent(this::checkImage);
        checkHealthCheckPath(spec.healthCheckPath());
        return spec;
    }

    /** A whole-number key under service, or its default from the schema. */
    private static int service(JsonNode svc, String key) {
        return integer(svc, key, SpecDefaults.integer("service." + key));
    }

    /** A whole-number key under service.scaling, or its default from the schema. */
    private static int scaling(JsonNode scaling, String key) {
        return integer(scaling, key, SpecDefaults.integer("service.scaling." + key));
    }

    /**
     * ECS takes up to 255 letters, digits, hyphens, underscores, colons, periods, slashes and number signs (and {@code @}
     * for a digest); Lambda runs only images in a private ECR repository.
     * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_image
     */
    private void checkImage(String image) {
        if (!IMAGE.matcher(image).matches()) {
            problems.add(Diagnostic.error(
                    "bad-image",
                    doc.valueLocation("service.image"),
                    "service.image",
                    "is not an image reference ECS accepts",
                    "`" + image + "`",
                    "use REGISTRY/REPOSITORY:TAG (up to 255 letters, digits and - _ . : / # @), e.g. "
                            + "`123456789012.dkr.ecr.us-east-1.amazonaws.com/shop:1.0.0`"));
        }
    }

    /** Health check paths: 1 to 1024 characters that may stand in a URL path and query, starting with a slash. */
    private void checkHealthCheckPath(String path) {
        if (!HEALTH_CHECK_PATH.matcher(path).matches()) {
            problems.add(Diagnostic.error(
                    "bad-health-check-path",
                    doc.valueLocation("service.healthCheckPath"),
                    "service.healthCheckPath",
                    "has characters a load balancer health check does not take, or is longer than 1024",
                    "`" + path + "`",
                    "use a path such as `/health`, with letters, digits and - . _ ~ / and URL-encode the rest (%20)"));
        }
    }

    private java.util.SortedMap<String, String> environment(JsonNode svc) {
        java.util.SortedMap<String, String> out = new TreeMap<>();
        JsonNode env = svc.path("environment");
        for (Iterator<Map.Entry<String, JsonNode>> it = env.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (checkVariable("service.environment", e.getKey())
                    && checkNotSecret(e.getKey(), e.getValue().asText())) {
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return out;
    }

    private List<SecretRef> secrets(JsonNode svc) {
        List<SecretRef> out = new ArrayList<>();
        JsonNode secrets = svc.path("secrets");
        for (Iterator<Map.Entry<String, JsonNode>> it = secrets.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "service.secrets." + e.getKey();
            if (!checkVariable("service.secrets", e.getKey()) || !e.getValue().isTextual()) {
                continue;
            }
            String arn = e.getValue().asText();
            if (SECRET_ARN.matcher(arn).matches()) {
                out.add(new SecretRef(e.getKey(), SecretRef.Store.SECRETS_MANAGER, arn));
            } else if (PARAMETER_ARN.matcher(arn).matches()) {
                out.add(new SecretRef(e.getKey(), SecretRef.Store.PARAMETER_STORE, arn));
            } else {
                problems.add(Diagnostic.error(
                        "bad-secret-arn",
                        doc.valueLocation(path),
                        path,
                        "is not the ARN of a Secrets Manager secret or an SSM parameter",
                        "`" + arn + "`",
                        "use `arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME` or `arn:aws:ssm:REGION:ACCOUNT:parameter/NAME`; "
                                + "plain values belong in service.environment"));
            }
            if (svc.path("environment").has(e.getKey())) {
                problems.add(Diagnostic.error(
                        "duplicate-variable",
                        doc.keyLocation(path),
                        path,
                        "is also set in service.environment",
                        e.getKey(),
                        "keep it in one of the two sections"));
            }
        }
        return out;
    }

    /**
     * A plain variable is written into the template, the task definition or function configuration and the console,
     * readable by anyone who can describe them; secrets belong in a secret store. Refuses a name that says secret
     * (unless its value is only an ARN, which is a pointer) and a value that has the shape of a known credential.
     */
    private boolean checkNotSecret(String name, String value) {
        String path = "service.environment." + name;
        Optional<String> what = SecretShapes.valueLooksSecret(value)
                .or(() -> SecretShapes.nameSaysSecret(name) && !value.startsWith("arn:")
                        ? Optional.of("a name that says it holds a secret")
                        : Optional.empty());
        if (what.isEmpty()) {
            return true;
        }
        boolean byName = SecretShapes.valueLooksSecret(value).isEmpty();
        problems.add(Diagnostic.error(
                "plain-text-secret",
                doc.valueLocation(path),
                path,
                "looks like a secret in plain text (" + what.get()
                        + "); it would be readable in the template and the console",
                SecretShapes.masked(value),
                "put the value in Secrets Manager (`aws secretsmanager create-secret --name "
                        + name.toLowerCase(java.util.Locale.ROOT)
                        + " --secret-string ...`) and give its ARN under service.secrets as `" + name
                        + ": arn:aws:secretsmanager:...`"
                        + (byName ? "; if it holds no secret, rename the variable" : "")));
        return false;
    }

    private boolean checkVariable(String section, String name) {
        String path = section + "." + name;
        if (!VARIABLE.matcher(name).matches()) {
            problems.add(Diagnostic.error(
                    "bad-variable",
                    doc.keyLocation(path),
                    path,
                    "is not a valid environment variable name",
                    "`" + name + "`",
                    "use letters, digits and underscores, not starting with a digit, e.g. `LOG_LEVEL`"));
            return false;
        }
        return true;
    }

    private List<String> calls(JsonNode svc) {
        List<String> out = new ArrayList<>();
        JsonNode list = svc.path("calls");
        if (!list.isArray()) {
            return out; // the schema check has said it is not a list
        }
        Set<String> known = new TreeSet<>(SpecLoader.INTERFACE_ENDPOINTS);
        known.addAll(SpecLoader.GATEWAY_ENDPOINTS);
        for (int i = 0; i < list.size(); i++) {
            String name = list.get(i).asText();
            String path = "service.calls[" + i + "]";
            if (!known.contains(name)) {
                problems.add(Diagnostic.error(
                        "unknown-service",
                        doc.valueLocation(path),
                        path,
                        "is not an AWS service Stackwright knows",
                        "`" + name + "`",
                        Suggestions.closest(name, known)
                                .map(s -> "did you mean `" + s + "`?")
                                .orElse("use an endpoint service name such as sqs, sns, s3 or secretsmanager")));
                continue;
            }
            out.add(name);
        }
        return out.stream().sorted().toList();
    }

    private void checkCompute(JsonNode svc, ServiceSpec spec) {
        switch (spec.compute()) {
            case FARGATE -> {
                int[] range = FARGATE_MEMORY.get(spec.cpu());
                if (range == null) {
                    problems.add(Diagnostic.error(
                            "fargate-cpu",
                            doc.valueLocation(at(svc, "cpu")),
                            "service.cpu",
                            "is not a CPU size Fargate offers",
                            String.valueOf(spec.cpu()),
                            "use one of 256, 512, 1024, 2048, 4096, 8192, 16384"));
                } else if (spec.memoryMib() < range[0]
                        || spec.memoryMib() > range[1]
                        || (spec.memoryMib() - range[0]) % range[2] != 0) {
                    problems.add(Diagnostic.error(
                            "fargate-memory",
                            doc.valueLocation(at(svc, "memory")),
                            "service.memory",
                            "is not a memory size Fargate accepts with cpu " + spec.cpu(),
                            spec.memoryMib() + " MiB",
                            "use " + range[0] + " to " + range[1] + " MiB in steps of " + range[2]
                                    + (spec.cpu() == 256 ? " (512, 1024 or 2048)" : "") + ", or change service.cpu"));
                }
                ignored(svc, "instanceType", "compute is not `ecs-ec2`");
            }
            case ECS_EC2 -> {
                Optional<InstanceType> type = InstanceType.find(spec.instanceType());
                String path = svc.has("instanceType") ? "service.instanceType" : at(svc, "memory");
                if (type.isEmpty()) {
                    problems.add(new Diagnostic(
                            Diagnostic.Severity.WARNING,
                            "unknown-instance-type",
                            doc.valueLocation("service.instanceType"),
                            "service.instanceType",
                            "is not in Stackwright's catalogue, so whether a task fits it is not checked",
                            spec.instanceType(),
                            Suggestions.closest(spec.instanceType(), InstanceType.names(false))
                                    .map(c -> "did you mean `" + c + "`?")
                                    .orElse("check the name against the EC2 instance types page")));
                } else if (spec.memoryMib() > type.get().taskMemoryMib()
                        || spec.cpu() > type.get().vcpus() * 1024) {
                    InstanceType t = type.get();
                    String bigger = InstanceType.names(false).stream()
                            .map(InstanceType::find)
                            .flatMap(Optional::stream)
                            .filter(c -> c.arm() == t.arm()
                                    && c.taskMemoryMib() >= spec.memoryMib()
                                    && c.vcpus() * 1024 >= spec.cpu()
                                    && c.name()
                                            .substring(0, c.name().indexOf('.'))
                                            .equals(t.name()
                                                    .substring(0, t.name().indexOf('.'))))
                            .min(java.util.Comparator.comparingInt(InstanceType::memoryMib))
                            .map(InstanceType::name)
                            .orElse("a larger type");
                    problems.add(Diagnostic.error(
                            "task-too-large",
                            doc.valueLocation(path),
                            path,
                            "a task of " + spec.cpu() + " CPU units and " + spec.memoryMib() + " MiB does not fit on a "
                                    + t.name() + " (" + t.vcpus() + " vCPU, " + t.memoryMib()
                                    + " MiB, of which the OS and ECS agent keep "
                                    + InstanceType.ECS_RESERVED_MIB + ")",
                            spec.instanceType(),
                            "use instanceType: " + bigger + ", or lower service.memory to " + t.taskMemoryMib()
                                    + " and service.cpu to " + t.vcpus() * 1024 + " or less"));
                }
            }
            case LAMBDA -> {
                if (spec.memoryMib() > 10240) {
                    problems.add(Diagnostic.error(
                            "lambda-memory",
                            doc.valueLocation(at(svc, "memory")),
                            "service.memory",
                            "is more than a Lambda function can have",
                            spec.memoryMib() + " MiB",
                            "use 128 to 10240 MiB"));
                }
                spec.image()
                        .filter(i ->
                                IMAGE.matcher(i).matches() && EcrImage.parse(i).isEmpty())
                        .ifPresent(i -> problems.add(Diagnostic.error(
                                "lambda-image",
                                doc.valueLocation("service.image"),
                                "service.image",
                                "is not in a private ECR repository, and Lambda runs container images only from ECR",
                                "`" + i + "`",
                                "push the image to ECR (`ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO:TAG`), or leave service.image "
                                        + "out to use the stack's repository")));
                ignored(svc, "instanceType", "compute is `lambda`");
                ignored(svc, "cpu", "Lambda gives CPU in proportion to memory");
                ignored(svc, "desiredCount", "Lambda runs as many copies as requests need");
                ignored(svc, "scaling", "Lambda scales per request");
                ignored(svc, "healthCheckGracePeriod", "compute is `lambda`");
            }
        }
        ServiceSpec.ScalingSpec s = spec.scaling();
        if (spec.compute().isEcs()) {
            if (s.min() > s.max()) {
                problems.add(Diagnostic.error(
                        "scaling-range",
                        doc.valueLocation("service.scaling.min"),
                        "service.scaling.min",
                        "is more than scaling.max",
                        s.min() + " > " + s.max(),
                        "make min at most max"));
            } else if (spec.desiredCount() < s.min() || spec.desiredCount() > s.max()) {
                String path = svc.has("desiredCount") ? "service.desiredCount" : "service.scaling";
                problems.add(Diagnostic.error(
                        "desired-outside-scaling",
                        doc.valueLocation(path),
                        path,
                        "desiredCount " + spec.desiredCount() + " is outside scaling " + s.min() + ".." + s.max()
                                + ", so autoscaling would move it at once",
                        String.valueOf(spec.desiredCount()),
                        "set desiredCount between scaling.min and scaling.max"));
            }
        }
    }

    FrontDoorSpec frontDoor(JsonNode node, String region) {
        Optional<FrontDoorKind> requested = Optional.empty();
        String typePath = node.isTextual() ? "frontDoor" : "frontDoor.type";
        JsonNode type = node.isTextual() ? node : node.path("type");
        if (type.isTextual() && !type.asText().equals("auto")) {
            requested = FrontDoorKind.fromId(type.asText());
            if (requested.isEmpty() && node.isTextual()) {
                // The schema checks the mapping form's enum; the short form is checked here.
                List<String> options = List.of("auto", "alb", "api-gateway");
                problems.add(Diagnostic.error(
                        "not-allowed",
                        doc.valueLocation(typePath),
                        typePath,
                        "is not an allowed value",
                        "`" + type.asText() + "`",
                        Suggestions.closest(type.asText(), options)
                                .map(s -> "did you mean `" + s + "`? Use one of: auto, alb, api-gateway")
                                .orElse("use one of: auto, alb, api-gateway")));
            }
        }
        Optional<String> domain = node.path("domain").isTextual()
                ? Optional.of(node.path("domain").asText())
                : Optional.empty();
        Optional<String> cert = node.path("certificateArn").isTextual()
                ? Optional.of(node.path("certificateArn").asText())
                : Optional.empty();
        if (domain.isPresent() && cert.isEmpty()) {
            problems.add(Diagnostic.error(
                    "domain-without-certificate",
                    doc.valueLocation("frontDoor.domain"),
                    "frontDoor.domain",
                    "needs a certificate to serve HTTPS",
                    domain.get(),
                    "add `certificateArn:` under frontDoor with an ACM certificate for " + domain.get() + " in "
                            + region + " (`aws acm request-certificate --domain-name " + domain.get()
                            + " --validation-method DNS --region " + region + "`)"));
        }
        if (cert.isPresent() && domain.isEmpty()) {
            problems.add(Diagnostic.error(
                    "certificate-without-domain",
                    doc.valueLocation("frontDoor.certificateArn"),
                    "frontDoor.certificateArn",
                    "is used only with a custom domain",
                    null,
                    "add `domain:` under frontDoor with the name the certificate covers, e.g. `api.example.com`"));
        }
        cert.ifPresent(arn -> {
            String certRegion = arn.split(":", -1).length > 3 ? arn.split(":", -1)[3] : "";
            if (!certRegion.equals(region)) {
                problems.add(Diagnostic.error(
                        "certificate-region",
                        doc.valueLocation("frontDoor.certificateArn"),
                        "frontDoor.certificateArn",
                        "is in " + certRegion + ", but the load balancer or API is in " + region,
                        certRegion,
                        "request or import the certificate in " + region + " (ACM certificates are regional)"));
            }
        });
        JsonNode throttle = node.path("throttle");
        FrontDoorSpec spec = new FrontDoorSpec(
                requested,
                domain,
                cert,
                bool(node, "accessLogs", SpecDefaults.bool("frontDoor.accessLogs")),
                integer(throttle, "rateLimit", SpecDefaults.integer("frontDoor.throttle.rateLimit")),
                integer(throttle, "burstLimit", SpecDefaults.integer("frontDoor.throttle.burstLimit")),
                auth(node.path("auth"), requested));
        if (requested.equals(Optional.of(FrontDoorKind.API_GATEWAY))) {
            ignored(
                    node,
                    "accessLogs",
                    "front door is `api-gateway` (its access log always goes to CloudWatch Logs)",
                    "frontDoor");
        }
        if (requested.equals(Optional.of(FrontDoorKind.ALB))) {
            ignored(node, "throttle", "front door is `alb`", "frontDoor");
        }
        return spec;
    }

    /**
     * {@code frontDoor.auth}: a JWT authorizer, which only API Gateway has (an ALB authenticates only through Cognito or
     * OIDC login flows on an HTTPS listener, not bearer tokens). With {@code frontDoor: auto} it makes the front door API Gateway.
     * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
     */
    private Optional<JwtAuth> auth(JsonNode auth, Optional<FrontDoorKind> requested) {
        if (auth.isMissingNode() || auth.isNull() || !auth.isObject()) {
            return Optional.empty();
        }
        int before = problems.size();
        if (requested.equals(Optional.of(FrontDoorKind.ALB))) {
            problems.add(Diagnostic.error(
                    "auth-needs-api-gateway",
                    doc.keyLocation("frontDoor.auth"),
                    "frontDoor.auth",
                    "needs API Gateway's JWT authorizer; an ALB does not check bearer tokens",
                    "type: alb",
                    "set frontDoor.type: api-gateway (or auto), or remove auth and check tokens in the app"));
        }
        String issuer = auth.path("issuer").asText("");
        if (!auth.path("issuer").isTextual()) {
            problems.add(Diagnostic.error(
                    "auth-issuer",
                    doc.keyLocation("frontDoor.auth"),
                    "frontDoor.auth.issuer",
                    "is missing",
                    null,
                    "add `issuer:` with your identity provider's issuer URL, e.g. "
                            + "`https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI`"));
        } else if (!HTTPS_URL.matcher(issuer).matches()) {
            problems.add(Diagnostic.error(
                    "auth-issuer",
                    doc.valueLocation("frontDoor.auth.issuer"),
                    "frontDoor.auth.issuer",
                    "is not an https URL, which API Gateway needs to fetch the issuer's keys",
                    "`" + issuer + "`",
                    "use the `iss` of your tokens, e.g. `https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI` "
                            + "or `https://login.example.com/`"));
        }
        List<String> audience = new ArrayList<>();
        JsonNode list = auth.path("audience");
        for (int i = 0; i < list.size(); i++) {
            String value = list.get(i).asText("").strip();
            if (value.isEmpty()) {
                problems.add(Diagnostic.error(
                        "auth-audience",
                        doc.valueLocation("frontDoor.auth.audience[" + i + "]"),
                        "frontDoor.auth.audience[" + i + "]",
                        "is empty",
                        null,
                        "write a client ID or audience value, or remove the entry"));
            } else {
                audience.add(value);
            }
        }
        if (list.isEmpty()) {
            String at = auth.has("audience") ? "frontDoor.auth.audience" : "frontDoor.auth";
            problems.add(Diagnostic.error(
                    "auth-audience",
                    auth.has("audience") ? doc.valueLocation(at) : doc.keyLocation(at),
                    "frontDoor.auth.audience",
                    auth.has("audience") ? "is empty, so every token would be refused" : "is missing",
                    null,
                    "list the accepted `aud` values (a Cognito app client ID), e.g. `audience: [1example23456789]`"));
        }
        return problems.size() == before ? Optional.of(new JwtAuth(issuer, audience)) : Optional.empty();
    }

    /** Checks across sections: what the chosen compute needs from the network. */
    void combinations(
            String region,
            NetworkSpec network,
            ServiceSpec service,
            FrontDoorSpec frontDoor,
            Optional<DatabaseSpec> database) {
        if (database.isPresent()) {
            for (String name : service.environment().keySet()) {
                if (DATABASE_VARIABLES.contains(name)) {
                    problems.add(Diagnostic.error(
                            "reserved-variable",
                            doc.keyLocation("service.environment." + name),
                            "service.environment." + name,
                            "is set by Stackwright to reach the database",
                            name,
                            "rename it; the app gets " + String.join(", ", new TreeSet<>(DATABASE_VARIABLES))));
                }
            }
        }
        if (network.nat() != NatMode.NONE) {
            return;
        }
        if (service.compute().isEcs()) {
            service.image().filter(i -> IMAGE.matcher(i).matches()).ifPresent(i -> isolatedImage(i, region));
        }
        // Without NAT the app reaches AWS only through endpoints. What the platform needs (image pulls, logs, the
        // ECS agent) the planner adds; what the app's own code calls the user must list, as it costs money per zone.
        List<String> needed = new ArrayList<>(service.calls());
        if (service.compute() == ComputeKind.LAMBDA) {
            boolean secretsManager = database.isPresent()
                    || service.secrets().stream().anyMatch(s -> s.store() == SecretRef.Store.SECRETS_MANAGER);
            if (secretsManager) {
                needed.add("secretsmanager");
            }
            if (service.secrets().stream().anyMatch(s -> s.store() == SecretRef.Store.PARAMETER_STORE)) {
                needed.add("ssm");
            }
        }
        List<String> missing = needed.stream()
                .distinct()
                .sorted()
                .filter(n -> !SpecLoader.GATEWAY_ENDPOINTS.contains(n)
                        && !network.interfaceEndpoints().contains(n))
                .toList();
        if (!missing.isEmpty()) {
            boolean lambda = service.compute() == ComputeKind.LAMBDA;
            String path = doc.root().path("network").has("endpoints") ? "network.endpoints" : "network.nat";
            problems.add(Diagnostic.error(
                    "unreachable-service",
                    doc.valueLocation(path),
                    path,
                    (lambda ? "the function" : "the app") + " could not reach " + String.join(", ", missing)
                            + " with nat: none"
                            + (lambda && !service.calls().containsAll(missing)
                                    ? " (a function reads its secrets and database password at run time)"
                                    : ""),
                    "nat: none",
                    "add " + String.join(", ", missing)
                            + " to network.endpoints (interface endpoints), or use nat: instance"));
        }
    }

    /**
     * Without NAT, tasks pull through the stack's ECR endpoints and its S3 gateway endpoint, which serve only private
     * ECR repositories in the stack's region (ECR keeps image layers in that region's S3). Docker Hub, ECR Public and
     * other registries, or ECR in another region, are out of reach, and every task would fail to start.
     * https://docs.aws.amazon.com/AmazonECR/latest/userguide/vpc-endpoints.html
     */
    private void isolatedImage(String image, String stackRegion) {
        Optional<EcrImage> ecr = EcrImage.parse(image);
        if (ecr.isPresent() && ecr.get().region().equals(stackRegion)) {
            return;
        }
        // An unknown region is reported on its own; the fix here should not repeat the typo.
        String region = Regions.isKnown(stackRegion) ? stackRegion : "REGION";
        String registry = "ACCOUNT.dkr.ecr." + region + ".amazonaws.com/";
        String first = image.contains("/") ? image.substring(0, image.indexOf('/')) : "";
        boolean dockerHub = !(first.contains(".") || first.contains(":") || first.equals("localhost"));
        String cached = dockerHub
                ? registry + "docker-hub/" + (image.contains("/") ? "" : "library/")
                        + (image.contains(":") || image.contains("@") ? image : image + ":latest")
                : registry + "PREFIX/REPOSITORY:TAG";
        problems.add(Diagnostic.error(
                "image-unreachable-without-nat",
                doc.valueLocation("service.image"),
                "service.image",
                ecr.map(e -> "is in ECR in " + e.region()
                                + ", but with nat: none tasks pull only from ECR in the stack's region " + region
                                + ", through its endpoints")
                        .orElse("is not in a private ECR repository, and with nat: none tasks pull only from ECR in "
                                + region + ", through its endpoints"),
                "`" + image + "`",
                ecr.isPresent()
                        ? "replicate or push the image to ECR in " + region
                                + ", or use a NAT mode such as `nat: instance`"
                        : "push the image to ECR in " + region
                                + ", or pull it through an ECR pull-through cache rule for its registry (`" + cached
                                + "`), or use a NAT mode such as `nat: instance`"));
    }

    private void ignored(JsonNode parent, String key, String because) {
        ignored(parent, key, because, "service");
    }

    private void ignored(JsonNode parent, String key, String because, String section) {
        if (parent.has(key)) {
            String path = section + "." + key;
            problems.add(new Diagnostic(
                    Diagnostic.Severity.WARNING,
                    "ignored-key",
                    doc.keyLocation(path),
                    path,
                    "is ignored because " + because,
                    null,
                    "remove " + key));
        }
    }

    /** The key to point at: the one written, or the section when the default was used. */
    private static String at(JsonNode svc, String key) {
        return svc.has(key) ? "service." + key : (svc.isMissingNode() ? "" : "service");
    }
}
