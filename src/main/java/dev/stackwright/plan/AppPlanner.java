package dev.stackwright.plan;

import dev.stackwright.model.AccessMode;
import dev.stackwright.model.Environment;
import dev.stackwright.model.NatMode;
import dev.stackwright.model.PlannedNetwork;
import dev.stackwright.model.app.Alarm;
import dev.stackwright.model.app.Application;
import dev.stackwright.model.app.Compute;
import dev.stackwright.model.app.ComputeKind;
import dev.stackwright.model.app.Container;
import dev.stackwright.model.app.Database;
import dev.stackwright.model.app.FrontDoor;
import dev.stackwright.model.app.Https;
import dev.stackwright.model.app.InstanceType;
import dev.stackwright.model.app.Scaling;
import dev.stackwright.spec.DatabaseSpec;
import dev.stackwright.spec.FrontDoorSpec;
import dev.stackwright.spec.ServiceSpec;
import dev.stackwright.spec.StackSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns a checked spec and its planned network into the application model. Pure, like the network planner. */
public final class AppPlanner {
    /** ECS hosts scale out when the cluster's average CPU stays above this for five minutes. */
    static final int CLUSTER_CPU_SCALE_OUT = 70;
    /** PostgreSQL and MySQL on RDS size max_connections from memory: about one per 9.5 MiB (RDS default formulas). */
    static final int POSTGRES_BYTES_PER_CONNECTION = 9_531_392;

    static final int MYSQL_BYTES_PER_CONNECTION = 12_582_880;

    private AppPlanner() {}

    public static Application plan(StackSpec spec, PlannedNetwork network, FrontDoorDecision decision) {
        ServiceSpec svc = spec.service();
        Compute compute = compute(svc);
        Container container = new Container(
                svc.image(),
                svc.port(),
                svc.cpu(),
                svc.memoryMib(),
                svc.environment(),
                svc.secrets(),
                svc.healthCheckPath(),
                svc.healthCheckGraceSeconds(),
                svc.timeoutSeconds());
        FrontDoor frontDoor = frontDoor(spec.frontDoor(), decision);
        Optional<Database> database = spec.database().map(db -> database(spec, db));
        Application app = new Application(
                spec.name(),
                spec.stackName(),
                spec.networkStackName(),
                compute,
                container,
                frontDoor,
                database,
                alarms(compute, frontDoor, database),
                spec.alarms().email(),
                svc.logRetentionDays(),
                List.of());
        return app.withNotes(notes(spec, network, app));
    }

    private static Compute compute(ServiceSpec svc) {
        ServiceSpec.ScalingSpec s = svc.scaling();
        Scaling scaling =
                new Scaling(s.min(), Math.max(1, s.max()), s.cpuTarget(), s.scaleOutCooldown(), s.scaleInCooldown());
        return switch (svc.compute()) {
            case ECS_EC2 -> {
                Optional<InstanceType> type = InstanceType.find(svc.instanceType());
                boolean arm = InstanceType.isArm(svc.instanceType());
                int perHost = type.map(InstanceType::tasksPerHost).orElse(1);
                // Room for a deploy at peak: maximumPercent 200 briefly runs twice the tasks.
                int maxInstances = Math.max(1, ceilDiv(2 * scaling.max(), perHost));
                yield new Compute.EcsOnEc2(
                        svc.instanceType(),
                        arm,
                        type.map(InstanceType::memoryMib).orElse(0),
                        maxInstances,
                        CLUSTER_CPU_SCALE_OUT,
                        svc.desiredCount(),
                        scaling);
            }
            case FARGATE -> new Compute.Fargate(svc.desiredCount(), scaling);
            case LAMBDA -> new Compute.Lambda();
        };
    }

    private static FrontDoor frontDoor(FrontDoorSpec spec, FrontDoorDecision decision) {
        Optional<Https> https = spec.domain().flatMap(d -> spec.certificateArn().map(c -> new Https(d, c)));
        return switch (decision.kind()) {
            case ALB -> new FrontDoor.Alb(https, spec.accessLogs(), decision.reason());
            case API_GATEWAY ->
                new FrontDoor.ApiGateway(https, spec.rateLimit(), spec.burstLimit(), decision.reason(), spec.auth());
        };
    }

    private static Database database(StackSpec spec, DatabaseSpec db) {
        String zone = spec.name() + ".internal";
        int memoryMib = InstanceType.find(db.instanceClass())
                .map(InstanceType::memoryMib)
                .orElse(1024);
        long bytes = memoryMib * 1024L * 1024L;
        int maxConnections = (int) Math.min(
                5000,
                bytes
                        / (db.engineKind() == Database.Engine.POSTGRES
                                ? POSTGRES_BYTES_PER_CONNECTION
                                : MYSQL_BYTES_PER_CONNECTION));
        return new Database(
                db.engineKind(),
                db.engineVersion(),
                db.port(),
                db.instanceClass(),
                db.storageGb(),
                db.multiAz(),
                db.backupRetentionDays(),
                db.deletionProtection(),
                db.name(),
                db.username(),
                zone,
                "db." + zone,
                maxConnections);
    }

    /** The alarms every stack gets: front door errors, service saturation, database health. */
    private static List<Alarm> alarms(Compute compute, FrontDoor frontDoor, Optional<Database> database) {
        List<Alarm> out = new ArrayList<>();
        switch (frontDoor) {
            case FrontDoor.Alb alb -> {
                out.add(new Alarm(
                        "front-door-5xx-rate",
                        Alarm.Subject.LOAD_BALANCER,
                        "AWS/ApplicationELB",
                        Alarm.ERROR_RATE,
                        "Sum",
                        Alarm.Comparison.ABOVE,
                        5,
                        300,
                        1,
                        "More than 5% of requests failed with a 5xx in 5 minutes"));
                if (compute.kind() != ComputeKind.LAMBDA) {
                    out.add(new Alarm(
                            "unhealthy-hosts",
                            Alarm.Subject.TARGET_GROUP,
                            "AWS/ApplicationELB",
                            "UnHealthyHostCount",
                            "Maximum",
                            Alarm.Comparison.ABOVE,
                            0,
                            60,
                            3,
                            "A task failed its health checks for 3 minutes"));
                }
            }
            case FrontDoor.ApiGateway api ->
                out.add(new Alarm(
                        "api-5xx",
                        Alarm.Subject.API,
                        "AWS/ApiGateway",
                        "5xx",
                        "Sum",
                        Alarm.Comparison.ABOVE,
                        10,
                        300,
                        1,
                        "More than 10 requests failed with a 5xx in 5 minutes"));
        }
        switch (compute) {
            case Compute.Lambda l -> {
                out.add(new Alarm(
                        "function-errors",
                        Alarm.Subject.FUNCTION,
                        "AWS/Lambda",
                        "Errors",
                        "Sum",
                        Alarm.Comparison.ABOVE,
                        5,
                        300,
                        1,
                        "More than 5 invocations failed in 5 minutes"));
                out.add(new Alarm(
                        "function-throttles",
                        Alarm.Subject.FUNCTION,
                        "AWS/Lambda",
                        "Throttles",
                        "Sum",
                        Alarm.Comparison.ABOVE,
                        0,
                        300,
                        1,
                        "Invocations were throttled"));
            }
            default -> {
                out.add(new Alarm(
                        "service-cpu-high",
                        Alarm.Subject.SERVICE,
                        "AWS/ECS",
                        "CPUUtilization",
                        "Average",
                        Alarm.Comparison.ABOVE,
                        85,
                        60,
                        5,
                        "Service CPU above 85% for 5 minutes (autoscaling is at its maximum or too slow)"));
                out.add(new Alarm(
                        "service-memory-high",
                        Alarm.Subject.SERVICE,
                        "AWS/ECS",
                        "MemoryUtilization",
                        "Average",
                        Alarm.Comparison.ABOVE,
                        85,
                        60,
                        5,
                        "Service memory above 85% for 5 minutes"));
            }
        }
        database.ifPresent(db -> {
            out.add(new Alarm(
                    "database-cpu-high",
                    Alarm.Subject.DATABASE,
                    "AWS/RDS",
                    "CPUUtilization",
                    "Average",
                    Alarm.Comparison.ABOVE,
                    80,
                    300,
                    3,
                    "Database CPU above 80% for 15 minutes"));
            out.add(new Alarm(
                    "database-free-storage-low",
                    Alarm.Subject.DATABASE,
                    "AWS/RDS",
                    "FreeStorageSpace",
                    "Minimum",
                    Alarm.Comparison.BELOW,
                    db.storageGb() * 0.1 * 1024 * 1024 * 1024,
                    300,
                    1,
                    "Less than 10% of the database's storage is free"));
            out.add(new Alarm(
                    "database-connections-high",
                    Alarm.Subject.DATABASE,
                    "AWS/RDS",
                    "DatabaseConnections",
                    "Maximum",
                    Alarm.Comparison.ABOVE,
                    Math.floor(db.maxConnections() * 0.8),
                    300,
                    2,
                    "Connections above 80% of the instance class's maximum (" + db.maxConnections() + ")"));
        });
        return out;
    }

    private static List<String> notes(StackSpec spec, PlannedNetwork network, Application app) {
        Compute compute = app.compute();
        FrontDoor frontDoor = app.frontDoor();
        List<String> notes = new ArrayList<>();
        if (spec.service().image().isEmpty()) {
            String firstDeploy = spec.pipeline()
                    .map(p -> "`stackwright deploy` creates the repository and the pipeline (stack "
                            + spec.pipelineStackName()
                            + ") first; while no image is pushed it waits for the pipeline's first one and creates the"
                            + " app stack with its tag (`--build` builds and pushes one here instead)")
                    .orElse("`stackwright deploy` creates the repository first and stops before the app stack until"
                            + " that tag is pushed (`--build` builds and pushes it)");
            notes.add("No service.image: the app runs the ECR repository " + app.repositoryName() + " (stack "
                    + app.registryStackName() + ", shared by every environment) at the tag in the stack "
                    + "parameter ImageTag (default latest). " + firstDeploy
                    + (compute.kind() == ComputeKind.LAMBDA
                            ? "; a Lambda function cannot be created from an empty repository."
                            : "."));
        }
        if (compute.kind() == ComputeKind.LAMBDA) {
            notes.add(
                    network.intent().natMode() == NatMode.NONE
                            ? "The function runs in the isolated app subnets: it reaches AWS services only through the endpoints listed in network.endpoints."
                            : "The function runs in the private app subnets and reaches the internet and AWS services through NAT.");
        }
        if (compute instanceof Compute.EcsOnEc2 ec2) {
            InstanceType.find(ec2.instanceType())
                    .ifPresent(t -> notes.add("Each " + t.name() + " host runs up to "
                            + t.tasksPerHost() + " task" + (t.tasksPerHost() == 1 ? "" : "s")
                            + " (one network interface per task, awsvpc mode); "
                            + "the capacity provider adds hosts as tasks need them, up to " + ec2.maxInstances()
                            + "."));
        }
        if (frontDoor instanceof FrontDoor.ApiGateway api) {
            notes.add(
                    api.auth().isPresent()
                            ? "The API checks a JWT from " + api.auth().get().issuer() + " on every route"
                                    + app.publicHealthCheckPath()
                                            .map(p ->
                                                    " except GET " + p + " (the health check, open for uptime checks).")
                                            .orElse(".")
                            : "The API is public: anyone on the internet can call it. Add frontDoor.auth (a JWT issuer and audience) "
                                    + "to let only signed-in callers through, or check credentials in the app.");
        }
        if (frontDoor instanceof FrontDoor.ApiGateway && spec.service().timeoutSeconds() > 30) {
            notes.add("API Gateway stops waiting for the app after 30 seconds; service.timeout "
                    + spec.service().timeoutSeconds() + " applies only inside the app.");
        }
        app.database().flatMap(db -> adminAccess(spec, compute.kind(), db)).ifPresent(notes::add);
        if (spec.environment() == Environment.PROD
                && spec.database().map(d -> !d.multiAz()).orElse(false)) {
            notes.add(
                    "The prod database has no standby (database.multiAz: false): a zone failure stops it until AWS recovers the zone.");
        }
        return notes;
    }

    /**
     * Session Manager (access: ssm) reaches EC2 instances, and only ECS on EC2 has any: with Fargate or Lambda nothing in
     * the stack can open a session to reach the database for administration (migrations, a SQL shell). Not an error,
     * as the app itself reaches the database; the plan says so and how to get there.
     * https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager-working-with-sessions-start.html
     */
    private static Optional<String> adminAccess(StackSpec spec, ComputeKind kind, Database db) {
        if (spec.network().access() != AccessMode.SSM || kind == ComputeKind.ECS_EC2) {
            return Optional.empty();
        }
        String what = kind == ComputeKind.FARGATE ? "a Fargate service" : "a Lambda function";
        String bastion = spec.network().existingVpc().isPresent()
                ? "Run an instance of your own in the VPC that the database security group admits on port " + db.port()
                : "Set network.access: bastion (with bastionCidr) for an SSH host the database admits on port "
                        + db.port() + ", then tunnel through it (`ssh -L " + db.port() + ":" + db.hostName() + ":"
                        + db.port() + " ec2-user@BASTION`)";
        String other = kind == ComputeKind.FARGATE
                ? ", or use ECS Exec into a running task (`aws ecs execute-command`; the service needs enableExecuteCommand "
                        + "and its task role the ssmmessages permissions, which Stackwright does not set)."
                : ", or run the administration from the function's own code.";
        return Optional.of("Nothing in the stack can reach the database for administration (migrations, a SQL shell): "
                + "access: ssm opens Session Manager on EC2 hosts, and " + what + " has none. " + bastion + other);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
