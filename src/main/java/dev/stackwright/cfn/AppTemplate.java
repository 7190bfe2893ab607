package dev.stackwright.cfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.meta.Sha256;
import dev.stackwright.meta.Version;
import dev.stackwright.model.AccessMode;
import dev.stackwright.model.Environment;
import dev.stackwright.model.Intent;
import dev.stackwright.model.Network;
import dev.stackwright.model.PlannedNetwork;
import dev.stackwright.model.Tier;
import dev.stackwright.model.app.Alarm;
import dev.stackwright.model.app.Application;
import dev.stackwright.model.app.Compute;
import dev.stackwright.model.app.Container;
import dev.stackwright.model.app.Database;
import dev.stackwright.model.app.EcrImage;
import dev.stackwright.model.app.FrontDoor;
import dev.stackwright.model.app.Https;
import dev.stackwright.model.app.JwtAuth;
import dev.stackwright.model.app.SecretRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The application stack: compute, front door, database, alarms. It imports the network stack's exports (VPC, subnets,
 * security groups) by the network stack's name, a parameter, so one network can serve several apps.
 */
public final class AppTemplate {
    static final String NETWORK_STACK = "NetworkStack";
    public static final String IMAGE_TAG = "ImageTag";
    static final String CONTAINER = "app";
    private static final String TASKS = "ecs-tasks.amazonaws.com";
    /** The IAM path of the roles ECS tasks run with: the app stack's name ({@link #taskRolePath}). */
    private static final String TASK_ROLE_PATH = "/${AWS::StackName}/";

    /** The IAM path of an app stack's task and execution roles, which a release passes to ECS. */
    public static String taskRolePath(String appStack) {
        return "/" + appStack + "/";
    }

    private final Application app;
    private final Network network;
    private final Intent intent;
    private final Template t;
    private final boolean ecs;

    private AppTemplate(Application app, PlannedNetwork planned) {
        this.app = app;
        this.network = planned.network();
        this.intent = planned.intent();
        this.ecs = app.compute().kind().isEcs();
        ArrayNode common = Cfn.NODES.arrayNode();
        common.add(Cfn.object().put("Key", "stackwright:stack").put("Value", app.stackName()));
        common.add(Cfn.object().put("Key", "stackwright:version").put("Value", Version.current()));
        this.t = new Template(description(app), common);
    }

    /** The app stack of an application on its network. */
    public static Template render(Application app, PlannedNetwork network) {
        AppTemplate r = new AppTemplate(app, network);
        r.parameters();
        r.logs();
        app.database().ifPresent(r::database);
        switch (app.compute()) {
            case Compute.EcsOnEc2 ec2 -> {
                r.cluster();
                r.hosts(ec2);
                r.taskDefinition();
                r.service(ec2.desiredCount(), ec2.scaling());
            }
            case Compute.Fargate fargate -> {
                r.cluster();
                r.taskDefinition();
                r.service(fargate.desiredCount(), fargate.scaling());
            }
            case Compute.Lambda lambda -> r.function();
        }
        switch (app.frontDoor()) {
            case FrontDoor.Alb alb -> r.loadBalancer(alb);
            case FrontDoor.ApiGateway api -> r.api(api);
        }
        r.alarms();
        r.outputs();
        return r.t;
    }

    // ---- parameters and imports -------------------------------------------------------------------------------

    private void parameters() {
        t.parameter(
                NETWORK_STACK,
                "String",
                app.networkStackName(),
                "Name of the network stack whose exports (VPC, subnets, security groups) this stack uses");
        app.registryImage().ifPresent(image -> {
            t.parameter(
                    RegistryTemplate.REGISTRY_STACK,
                    "String",
                    app.registryStackName(),
                    "Name of the registry stack whose ECR repository (exported URI and ARN) holds the app's image");
            if (!image.byDigest()) {
                t.parameter(
                        IMAGE_TAG,
                        "String",
                        image.reference(),
                        "Tag of the image in the project's ECR repository (the registry stack's) to run");
            }
        });
    }

    private static JsonNode imported(String export) {
        return Cfn.importValue(NETWORK_STACK, export);
    }

    private static JsonNode subnets(Tier tier) {
        return Cfn.split(imported(tier.title() + "SubnetIds"));
    }

    private static JsonNode group(String groupName) {
        return imported(NetworkTemplate.securityGroupId(groupName) + "Id");
    }

    private String name(String local) {
        return app.stackName() + "-" + local;
    }

    // ---- logs and images --------------------------------------------------------------------------------------

    private void logs() {
        ObjectNode p = Cfn.object().put("RetentionInDays", app.logRetentionDays());
        p.set("Tags", t.tags(name("app"), Tier.APP.id()));
        t.addLogGroup("AppLogGroup", p, intent.environment() == Environment.PROD);
    }

    /** The registry's image by the repository URI it exports, or the image the spec names elsewhere. */
    private JsonNode image() {
        return app.registryImage()
                .<JsonNode>map(image -> Cfn.sub(
                        "${RepositoryUri}" + (image.byDigest() ? "@" + image.reference() : ":${" + IMAGE_TAG + "}"),
                        Cfn.object().set("RepositoryUri", registryExport("RepositoryUri"))))
                .orElseGet(() -> Cfn.NODES.textNode(app.container().image().orElseThrow()));
    }

    private static JsonNode registryExport(String export) {
        return Cfn.importValue(RegistryTemplate.REGISTRY_STACK, export);
    }

    // ---- ECS --------------------------------------------------------------------------------------------------

    private void cluster() {
        ObjectNode p = Cfn.object().put("ClusterName", app.stackName());
        p.set(
                "ClusterSettings",
                Cfn.array(Cfn.object()
                        .put("Name", "containerInsights")
                        .put("Value", intent.environment() == Environment.PROD ? "enabled" : "disabled")));
        p.set("Tags", t.tags(app.stackName(), Tier.APP.id()));
        t.add("Cluster", "AWS::ECS::Cluster", p);
    }

    /** EC2 capacity: hosts in the app subnets, an ECS capacity provider, and scale-out on the cluster's CPU. */
    private void hosts(Compute.EcsOnEc2 ec2) {
        ObjectNode role = Cfn.object();
        role.set("AssumeRolePolicyDocument", Cfn.assumedBy("ec2.amazonaws.com"));
        ArrayNode managed = Cfn.array(Cfn.managedPolicy("service-role/AmazonEC2ContainerServiceforEC2Role"));
        if (intent.access() == AccessMode.SSM) {
            managed.add(Cfn.managedPolicy("AmazonSSMManagedInstanceCore"));
        }
        role.set("ManagedPolicyArns", managed);
        role.set("Tags", t.tags(name("ecs-hosts"), Tier.APP.id()));
        t.add("HostRole", "AWS::IAM::Role", role);
        t.add("HostProfile", "AWS::IAM::InstanceProfile", Cfn.object().set("Roles", Cfn.array(Cfn.ref("HostRole"))));

        String arch = ec2.arm() ? "arm64" : "x86_64";
        t.parameter(
                "EcsAmi",
                "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>",
                "/aws/service/ecs/optimized-ami/amazon-linux-2023/" + (ec2.arm() ? "arm64/" : "")
                        + "recommended/image_id",
                "Latest ECS-optimized Amazon Linux 2023 AMI (" + arch + "), from AWS's public SSM parameter");
        ObjectNode data = Cfn.object().put("InstanceType", ec2.instanceType());
        data.set("ImageId", Cfn.ref("EcsAmi"));
        data.set("IamInstanceProfile", Cfn.object().set("Arn", Cfn.getAtt("HostProfile", "Arn")));
        // IMDSv2 only, one hop; and the agent keeps awsvpc tasks off the instance metadata, so a task cannot use
        // the host's role.
        data.set(
                "MetadataOptions",
                Cfn.object()
                        .put("HttpTokens", "required")
                        .put("HttpEndpoint", "enabled")
                        .put("HttpPutResponseHopLimit", 1));
        data.set("SecurityGroupIds", Cfn.array(group("ecs-hosts")));
        data.set("BlockDeviceMappings", Cfn.encryptedRootVolume(OptionalInt.of(30)));
        data.set("UserData", Cfn.base64(Cfn.sub("""
                #!/bin/bash
                cat >> /etc/ecs/ecs.config <<'EOF'
                ECS_CLUSTER=${Cluster}
                ECS_AWSVPC_BLOCK_IMDS=true
                ECS_ENABLE_TASK_IAM_ROLE=true
                EOF
                """)));
        ObjectNode instanceTags = Cfn.object().put("ResourceType", "instance");
        instanceTags.set("Tags", t.tags(name("ecs-host"), Tier.APP.id()));
        ObjectNode volumeTags = Cfn.object().put("ResourceType", "volume");
        volumeTags.set("Tags", t.tags(name("ecs-host"), Tier.APP.id()));
        data.set("TagSpecifications", Cfn.array(instanceTags, volumeTags));
        ObjectNode lt = Cfn.object().put("LaunchTemplateName", name("ecs-host"));
        lt.set("LaunchTemplateData", data);
        t.add("HostLaunchTemplate", "AWS::EC2::LaunchTemplate", lt);

        ObjectNode asg = Cfn.object()
                .put("MinSize", "1")
                .put("MaxSize", String.valueOf(Math.max(1, ec2.maxInstances())))
                .put("HealthCheckType", "EC2")
                .put("NewInstancesProtectedFromScaleIn", false);
        ObjectNode ltRef = Cfn.object();
        ltRef.set("LaunchTemplateId", Cfn.ref("HostLaunchTemplate"));
        ltRef.set("Version", Cfn.getAtt("HostLaunchTemplate", "LatestVersionNumber"));
        asg.set("LaunchTemplate", ltRef);
        asg.set("VPCZoneIdentifier", subnets(Tier.APP));
        ArrayNode tags = Cfn.NODES.arrayNode();
        t.tags(name("ecs-host"), Tier.APP.id())
                .forEach(tag -> tags.add(((ObjectNode) tag.deepCopy()).put("PropagateAtLaunch", true)));
        asg.set("Tags", tags);
        t.add("HostGroup", "AWS::AutoScaling::AutoScalingGroup", asg);

        ObjectNode scaling = Cfn.object()
                .put("Status", "ENABLED")
                .put("TargetCapacity", 100)
                .put("MinimumScalingStepSize", 1)
                .put("MaximumScalingStepSize", 2);
        ObjectNode provider =
                Cfn.object().put("ManagedTerminationProtection", "DISABLED").put("ManagedDraining", "ENABLED");
        provider.set("AutoScalingGroupArn", Cfn.ref("HostGroup"));
        provider.set("ManagedScaling", scaling);
        ObjectNode cp = Cfn.object();
        cp.set("AutoScalingGroupProvider", provider);
        cp.set("Tags", t.tags(name("ecs-hosts"), Tier.APP.id()));
        t.add("CapacityProvider", "AWS::ECS::CapacityProvider", cp);
        ObjectNode association = Cfn.object();
        association.set("Cluster", Cfn.ref("Cluster"));
        association.set("CapacityProviders", Cfn.array(Cfn.ref("CapacityProvider")));
        association.set("DefaultCapacityProviderStrategy", Cfn.array(strategy()));
        t.add("ClusterCapacityProviders", "AWS::ECS::ClusterCapacityProviderAssociations", association);

        // Beside managed scaling (which follows task placement), add a host when the cluster stays busy.
        ObjectNode step = Cfn.object()
                .put("PolicyType", "StepScaling")
                .put("AdjustmentType", "ChangeInCapacity")
                .put("MetricAggregationType", "Average")
                .put("EstimatedInstanceWarmup", 300);
        step.set("AutoScalingGroupName", Cfn.ref("HostGroup"));
        step.set(
                "StepAdjustments",
                Cfn.array(Cfn.object().put("MetricIntervalLowerBound", 0).put("ScalingAdjustment", 1)));
        t.add("HostScaleOut", "AWS::AutoScaling::ScalingPolicy", step);
        ObjectNode alarm = Cfn.object()
                .put(
                        "AlarmDescription",
                        "Cluster CPU above " + ec2.clusterCpuScaleOutPercent() + "% for 5 minutes: add an ECS host")
                .put("Namespace", "AWS/ECS")
                .put("MetricName", "CPUUtilization")
                .put("Statistic", "Average")
                .put("Period", 300)
                .put("EvaluationPeriods", 1)
                .put("Threshold", ec2.clusterCpuScaleOutPercent())
                .put("ComparisonOperator", "GreaterThanThreshold")
                .put("TreatMissingData", "notBreaching");
        alarm.set("Dimensions", Cfn.array(dimension("ClusterName", Cfn.ref("Cluster"))));
        alarm.set("AlarmActions", Cfn.array(Cfn.ref("HostScaleOut")));
        t.add("AlarmClusterCpuHigh", "AWS::CloudWatch::Alarm", alarm);
    }

    private static ObjectNode strategy() {
        ObjectNode s = Cfn.object().put("Weight", 1).put("Base", 0);
        s.set("CapacityProvider", Cfn.ref("CapacityProvider"));
        return s;
    }

    private void taskDefinition() {
        Container c = app.container();
        boolean fargate = app.compute() instanceof Compute.Fargate;

        List<ObjectNode> statements = new ArrayList<>(pullStatements());
        statements.add(
                Cfn.allow(List.of("logs:CreateLogStream", "logs:PutLogEvents"), Cfn.getAtt("AppLogGroup", "Arn")));
        statements.addAll(secretStatements());
        role("ExecutionRole", TASKS, List.of(), statements, "start-tasks");
        // The app's own permissions are the user's to add; it starts with none.
        role("TaskRole", TASKS, List.of(), List.of(), null);

        // The container's hard memory limit is the task's: one container, and a runaway one is stopped, not the host.
        ObjectNode container =
                Cfn.object().put("Name", CONTAINER).put("Essential", true).put("Memory", c.memoryMib());
        container.set("Image", image());
        container.set(
                "PortMappings",
                Cfn.array(Cfn.object().put("ContainerPort", c.port()).put("Protocol", "tcp")));
        ArrayNode env = Cfn.NODES.arrayNode();
        environment().forEach((k, v) -> env.add(Cfn.object().put("Name", k).set("Value", v)));
        container.set("Environment", env);
        ArrayNode secrets = Cfn.NODES.arrayNode();
        secretValues().forEach((k, v) -> secrets.add(Cfn.object().put("Name", k).set("ValueFrom", v)));
        if (!secrets.isEmpty()) {
            container.set("Secrets", secrets);
        }
        ObjectNode logOptions = Cfn.object().put("awslogs-stream-prefix", CONTAINER);
        logOptions.set("awslogs-group", Cfn.ref("AppLogGroup"));
        logOptions.set("awslogs-region", Cfn.ref("AWS::Region"));
        container.set(
                "LogConfiguration", Cfn.object().put("LogDriver", "awslogs").set("Options", logOptions));

        ObjectNode p = Cfn.object()
                .put("Family", app.stackName())
                .put("NetworkMode", "awsvpc")
                .put("Cpu", String.valueOf(c.cpu()))
                .put("Memory", String.valueOf(c.memoryMib()));
        p.set("RequiresCompatibilities", Cfn.strings(List.of(fargate ? "FARGATE" : "EC2")));
        if (fargate) {
            p.set(
                    "RuntimePlatform",
                    Cfn.object().put("CpuArchitecture", "X86_64").put("OperatingSystemFamily", "LINUX"));
        }
        p.set("ExecutionRoleArn", Cfn.getAtt("ExecutionRole", "Arn"));
        p.set("TaskRoleArn", Cfn.getAtt("TaskRole", "Arn"));
        p.set("ContainerDefinitions", Cfn.array(container));
        p.set("Tags", t.tags(app.stackName(), Tier.APP.id()));
        t.add("TaskDefinition", "AWS::ECS::TaskDefinition", p);
    }

    /**
     * ECR pull rights on exactly the image's repository: the registry stack's, or the one the image URI names. The
     * authorization token has no resource to name, so it alone is on "*". An image outside ECR needs neither.
     * https://docs.aws.amazon.com/AmazonECR/latest/userguide/security_iam_id-based-policy-examples.html
     */
    private List<ObjectNode> pullStatements() {
        Optional<JsonNode> repository = app.registryImage().isPresent()
                ? Optional.of(registryExport("RepositoryArn"))
                : app.container().image().flatMap(EcrImage::parse).map(e -> Cfn.NODES.textNode(e.repositoryArn()));
        return repository
                .map(arn -> List.of(
                        Cfn.allow(List.of("ecr:GetAuthorizationToken"), Cfn.NODES.textNode("*")),
                        Cfn.allow(
                                List.of(
                                        "ecr:BatchCheckLayerAvailability",
                                        "ecr:BatchGetImage",
                                        "ecr:GetDownloadUrlForLayer"),
                                arn)))
                .orElse(List.of());
    }

    private void service(int desiredCount, dev.stackwright.model.app.Scaling scaling) {
        boolean alb = app.frontDoor() instanceof FrontDoor.Alb;
        ObjectNode deployment = Cfn.object().put("MinimumHealthyPercent", 100).put("MaximumPercent", 200);
        deployment.set(
                "DeploymentCircuitBreaker", Cfn.object().put("Enable", true).put("Rollback", true));
        ObjectNode awsvpc = Cfn.object().put("AssignPublicIp", "DISABLED");
        awsvpc.set("SecurityGroups", Cfn.array(group("app")));
        awsvpc.set("Subnets", subnets(Tier.APP));

        ObjectNode p = Cfn.object()
                .put("ServiceName", app.stackName())
                .put("DesiredCount", desiredCount)
                .put("PropagateTags", "SERVICE")
                .put("EnableECSManagedTags", true);
        p.set("Cluster", Cfn.ref("Cluster"));
        p.set("TaskDefinition", Cfn.ref("TaskDefinition"));
        p.set("DeploymentConfiguration", deployment);
        p.set("NetworkConfiguration", Cfn.object().set("AwsvpcConfiguration", awsvpc));
        if (app.compute() instanceof Compute.Fargate) {
            p.put("LaunchType", "FARGATE");
        } else {
            p.set("CapacityProviderStrategy", Cfn.array(strategy()));
        }
        List<String> dependsOn = new ArrayList<>();
        if (alb) {
            p.put("HealthCheckGracePeriodSeconds", app.container().healthCheckGraceSeconds());
            ObjectNode target = Cfn.object()
                    .put("ContainerName", CONTAINER)
                    .put("ContainerPort", app.container().port());
            target.set("TargetGroupArn", Cfn.ref("TargetGroup"));
            p.set("LoadBalancers", Cfn.array(target));
            // The target group must belong to a load balancer before a service can use it.
            dependsOn.add("ListenerHttp");
            if (app.frontDoor().https().isPresent()) {
                dependsOn.add("ListenerHttps");
            }
        } else {
            ObjectNode registry = Cfn.object()
                    .put("ContainerName", CONTAINER)
                    .put("ContainerPort", app.container().port());
            registry.set("RegistryArn", Cfn.getAtt("DiscoveryService", "Arn"));
            p.set("ServiceRegistries", Cfn.array(registry));
        }
        if (app.compute() instanceof Compute.EcsOnEc2) {
            dependsOn.add("ClusterCapacityProviders");
        }
        p.set("Tags", t.tags(app.stackName(), Tier.APP.id()));
        Template.Resource service = t.add("Service", "AWS::ECS::Service", p);
        if (!dependsOn.isEmpty()) {
            service.dependsOn(dependsOn.toArray(String[]::new));
        }

        ObjectNode target = Cfn.object()
                .put("MinCapacity", scaling.min())
                .put("MaxCapacity", scaling.max())
                .put("ScalableDimension", "ecs:service:DesiredCount")
                .put("ServiceNamespace", "ecs");
        target.set(
                "ResourceId",
                Cfn.join(
                        "/",
                        Cfn.array(Cfn.NODES.textNode("service"), Cfn.ref("Cluster"), Cfn.getAtt("Service", "Name"))));
        t.add("ScalableTarget", "AWS::ApplicationAutoScaling::ScalableTarget", target);
        ObjectNode tracking = Cfn.object()
                .put("TargetValue", scaling.cpuTargetPercent())
                .put("ScaleOutCooldown", scaling.scaleOutCooldownSeconds())
                .put("ScaleInCooldown", scaling.scaleInCooldownSeconds());
        tracking.set(
                "PredefinedMetricSpecification",
                Cfn.object().put("PredefinedMetricType", "ECSServiceAverageCPUUtilization"));
        ObjectNode policy =
                Cfn.object().put("PolicyName", name("cpu-target")).put("PolicyType", "TargetTrackingScaling");
        policy.set("ScalingTargetId", Cfn.ref("ScalableTarget"));
        policy.set("TargetTrackingScalingPolicyConfiguration", tracking);
        t.add("CpuScaling", "AWS::ApplicationAutoScaling::ScalingPolicy", policy);
    }

    // ---- Lambda -----------------------------------------------------------------------------------------------

    private void function() {
        Container c = app.container();
        List<ObjectNode> statements = new ArrayList<>();
        statements.add(
                Cfn.allow(List.of("logs:CreateLogStream", "logs:PutLogEvents"), Cfn.getAtt("AppLogGroup", "Arn")));
        statements.addAll(secretStatements());
        role(
                "FunctionRole",
                "lambda.amazonaws.com",
                List.of("service-role/AWSLambdaVPCAccessExecutionRole"),
                statements,
                "run-function");

        ObjectNode p = Cfn.object()
                .put("FunctionName", app.stackName())
                .put("PackageType", "Image")
                .put("MemorySize", c.memoryMib())
                .put("Timeout", c.timeoutSeconds());
        p.set("Code", Cfn.object().set("ImageUri", image()));
        p.set("Role", Cfn.getAtt("FunctionRole", "Arn"));
        p.set("Architectures", Cfn.strings(List.of("x86_64")));
        ObjectNode vpc = Cfn.object();
        vpc.set("SubnetIds", subnets(Tier.APP));
        vpc.set("SecurityGroupIds", Cfn.array(group("app")));
        p.set("VpcConfig", vpc);
        ObjectNode variables = Cfn.object();
        environment().forEach(variables::set);
        // Lambda cannot inject secrets: the function gets their ARNs and reads them with its role.
        for (SecretRef s : c.secrets()) {
            variables.put(s.variable() + "_ARN", s.valueFrom());
        }
        app.database()
                .ifPresent(db -> variables.set("DB_SECRET_ARN", Cfn.getAtt("Database", "MasterUserSecret.SecretArn")));
        if (!variables.isEmpty()) {
            p.set("Environment", Cfn.object().set("Variables", sortedObject(variables)));
        }
        p.set("LoggingConfig", Cfn.object().put("LogFormat", "Text").set("LogGroup", Cfn.ref("AppLogGroup")));
        p.set("Tags", t.tags(app.stackName(), Tier.APP.id()));
        t.add("Function", "AWS::Lambda::Function", p);
    }

    // ---- front doors ------------------------------------------------------------------------------------------

    private void loadBalancer(FrontDoor.Alb alb) {
        boolean lambda = app.compute() instanceof Compute.Lambda;
        Map<String, String> attributes = new TreeMap<>();
        attributes.put("routing.http.drop_invalid_header_fields.enabled", "true");
        attributes.put("deletion_protection.enabled", String.valueOf(intent.environment() == Environment.PROD));
        attributes.put(
                "idle_timeout.timeout_seconds",
                String.valueOf(Math.max(60, app.container().timeoutSeconds())));
        List<String> dependsOn = new ArrayList<>();
        if (alb.accessLogs()) {
            accessLogBucket();
            attributes.put("access_logs.s3.enabled", "true");
            dependsOn.add("AccessLogBucketPolicy");
        }
        ArrayNode attrs = Cfn.NODES.arrayNode();
        attributes.forEach((k, v) -> attrs.add(Cfn.object().put("Key", k).put("Value", v)));
        if (alb.accessLogs()) {
            attrs.add(Cfn.object().put("Key", "access_logs.s3.bucket").set("Value", Cfn.ref("AccessLogBucket")));
        }
        ObjectNode p = Cfn.object()
                .put("Name", albName())
                .put("Type", "application")
                .put("Scheme", "internet-facing")
                // Dual stack where the public subnets have IPv6 blocks: clients reach the ALB over either.
                .put("IpAddressType", network.ipv6().isPresent() ? "dualstack" : "ipv4");
        p.set("Subnets", subnets(Tier.PUBLIC));
        p.set("SecurityGroups", Cfn.array(group("front-door")));
        p.set("LoadBalancerAttributes", attrs);
        p.set("Tags", t.tags(name("front-door"), Tier.PUBLIC.id()));
        Template.Resource lb = t.add("LoadBalancer", "AWS::ElasticLoadBalancingV2::LoadBalancer", p);
        if (!dependsOn.isEmpty()) {
            lb.dependsOn(dependsOn.toArray(String[]::new));
        }

        ObjectNode tg = Cfn.object();
        if (lambda) {
            // The permission must exist before the target group registers the function, so it cannot Ref the
            // group (a cycle): the group gets a fixed name and the permission that name's ARN, whatever its ID
            // suffix, so only this target group may invoke the function. Lambda matches SourceArn with ArnLike.
            // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/lambda-functions.html#prepare-lambda-function
            tg.put("Name", albName()).put("TargetType", "lambda").put("HealthCheckEnabled", false);
            tg.set("Targets", Cfn.array(Cfn.object().set("Id", Cfn.getAtt("Function", "Arn"))));
            ObjectNode permission = Cfn.object()
                    .put("Action", "lambda:InvokeFunction")
                    .put("Principal", "elasticloadbalancing.amazonaws.com");
            permission.set("FunctionName", Cfn.getAtt("Function", "Arn"));
            permission.set(
                    "SourceArn",
                    Cfn.sub("arn:${AWS::Partition}:elasticloadbalancing:${AWS::Region}:${AWS::AccountId}:targetgroup/"
                            + albName() + "/*"));
            t.add("LoadBalancerInvokePermission", "AWS::Lambda::Permission", permission);
        } else {
            tg.put("TargetType", "ip")
                    .put("Port", app.container().port())
                    .put("Protocol", "HTTP")
                    .put("HealthCheckPath", app.container().healthCheckPath())
                    .put("HealthCheckIntervalSeconds", 15)
                    .put("HealthyThresholdCount", 2)
                    .put("UnhealthyThresholdCount", 3);
            tg.set("Matcher", Cfn.object().put("HttpCode", "200-399"));
            tg.set("VpcId", imported("VpcId"));
            // Short drain: deploys replace tasks faster, and requests are short-lived.
            tg.set(
                    "TargetGroupAttributes",
                    Cfn.array(Cfn.object()
                            .put("Key", "deregistration_delay.timeout_seconds")
                            .put("Value", "30")));
        }
        tg.set("Tags", t.tags(name("app"), Tier.APP.id()));
        Template.Resource group = t.add("TargetGroup", "AWS::ElasticLoadBalancingV2::TargetGroup", tg);
        if (lambda) {
            group.dependsOn("LoadBalancerInvokePermission");
        }

        ObjectNode forward = Cfn.object().put("Type", "forward");
        forward.set("TargetGroupArn", Cfn.ref("TargetGroup"));
        ObjectNode http = Cfn.object().put("Port", 80).put("Protocol", "HTTP");
        http.set("LoadBalancerArn", Cfn.ref("LoadBalancer"));
        if (alb.https().isPresent()) {
            ObjectNode redirect = Cfn.object().put("Type", "redirect");
            redirect.set(
                    "RedirectConfig",
                    Cfn.object().put("Protocol", "HTTPS").put("Port", "443").put("StatusCode", "HTTP_301"));
            http.set("DefaultActions", Cfn.array(redirect));
            ObjectNode https =
                    Cfn.object().put("Port", 443).put("Protocol", "HTTPS").put("SslPolicy", TLS_POLICY);
            https.set("LoadBalancerArn", Cfn.ref("LoadBalancer"));
            https.set(
                    "Certificates",
                    Cfn.array(
                            Cfn.object().put("CertificateArn", alb.https().get().certificateArn())));
            https.set("DefaultActions", Cfn.array(forward.deepCopy()));
            t.add("ListenerHttps", "AWS::ElasticLoadBalancingV2::Listener", https);
        } else {
            http.set("DefaultActions", Cfn.array(forward));
        }
        t.add("ListenerHttp", "AWS::ElasticLoadBalancingV2::Listener", http);
    }

    /** TLS 1.3 with 1.2 for older clients: AWS's recommended policy for ALB listeners. */
    static final String TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

    private String albName() {
        return loadBalancerName(app.project(), intent.environment().id());
    }

    /** The longest name a load balancer or target group may have. */
    static final int ELB_NAME_MAX = 32;

    /**
     * The name of the load balancer and of the target group: {@code <project>-<environment>} when that is a valid
     * name. Load balancer and target group names are at most 32 letters, digits and hyphens, neither starting nor
     * ending with a hyphen, and a load balancer's may not start with {@code internal-}. Otherwise the project is cut
     * and a hash of the whole {@code <project>-<environment>} keeps the name unique and the same on every run:
     * {@code <project cut>-<6 hex>-<environment>}. Cutting the whole name instead would give every environment of a
     * long project the same name, and two stacks in one account and region cannot share one.
     * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancingv2-loadbalancer.html
     * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-elasticloadbalancingv2-targetgroup.html
     */
    static String loadBalancerName(String project, String environment) {
        String whole = project + "-" + environment;
        if (whole.length() <= ELB_NAME_MAX && !whole.startsWith("internal-")) {
            return whole;
        }
        String hash = Sha256.hex(whole).substring(0, 6);
        int room = ELB_NAME_MAX - hash.length() - environment.length() - 2;
        String cut = project.substring(0, Math.min(room, project.length())).replaceAll("-+$", "");
        if (cut.startsWith("internal-")) {
            cut = "internal" + cut.substring("internal-".length());
        }
        return cut + "-" + hash + "-" + environment;
    }

    private void accessLogBucket() {
        // ALB access logs support only S3-managed keys.
        ObjectNode p = Cfn.privateBucket("AES256");
        p.set(
                "LifecycleConfiguration",
                Cfn.object()
                        .set(
                                "Rules",
                                Cfn.array(Cfn.object()
                                        .put("Id", "expire-access-logs")
                                        .put("Status", "Enabled")
                                        .put("ExpirationInDays", app.logRetentionDays()))));
        p.set("Tags", t.tags(name("access-logs"), Tier.PUBLIC.id()));
        t.add("AccessLogBucket", "AWS::S3::Bucket", p).policies("Retain", "Retain");

        ObjectNode write = Cfn.object().put("Effect", "Allow");
        write.set("Principal", Cfn.object().put("Service", "logdelivery.elasticloadbalancing.amazonaws.com"));
        write.set("Action", Cfn.strings(List.of("s3:PutObject")));
        write.set("Resource", Cfn.array(Cfn.sub("${AccessLogBucket.Arn}/AWSLogs/${AWS::AccountId}/*")));
        ObjectNode legacy = write.deepCopy();
        // Regions older than August 2022 deliver from the ELB account of the region rather than the service.
        legacy.set(
                "Principal",
                Cfn.object()
                        .set(
                                "AWS",
                                Cfn.sub(
                                        "arn:${AWS::Partition}:iam::${ElbAccount}:root",
                                        Cfn.object().set("ElbAccount", elbAccount()))));
        ObjectNode tlsOnly = Cfn.object().put("Effect", "Deny").put("Principal", "*");
        tlsOnly.set("Action", Cfn.strings(List.of("s3:*")));
        tlsOnly.set("Resource", Cfn.array(Cfn.getAtt("AccessLogBucket", "Arn"), Cfn.sub("${AccessLogBucket.Arn}/*")));
        tlsOnly.set("Condition", Cfn.object().set("Bool", Cfn.object().put("aws:SecureTransport", "false")));
        ObjectNode policy = Cfn.object();
        policy.set("Bucket", Cfn.ref("AccessLogBucket"));
        policy.set("PolicyDocument", Cfn.policyDocument(write, legacy, tlsOnly));
        t.add("AccessLogBucketPolicy", "AWS::S3::BucketPolicy", policy);
    }

    /** The region's Elastic Load Balancing account, for regions that predate the log delivery service principal. */
    private JsonNode elbAccount() {
        String account = ELB_ACCOUNTS.get(network.region());
        return Cfn.NODES.textNode(account != null ? account : "127311923021");
    }

    /** From the ELB user guide, "Enable access logs for your Application Load Balancer". */
    static final Map<String, String> ELB_ACCOUNTS = Map.ofEntries(
            Map.entry("us-east-1", "127311923021"),
            Map.entry("us-east-2", "033677994240"),
            Map.entry("us-west-1", "027434742980"),
            Map.entry("us-west-2", "797873946194"),
            Map.entry("af-south-1", "098369216593"),
            Map.entry("ap-east-1", "754344448648"),
            Map.entry("ap-south-1", "718504428378"),
            Map.entry("ap-northeast-1", "582318560864"),
            Map.entry("ap-northeast-2", "600734575887"),
            Map.entry("ap-northeast-3", "383597477331"),
            Map.entry("ap-southeast-1", "114774131450"),
            Map.entry("ap-southeast-2", "783225319266"),
            Map.entry("ca-central-1", "985666609251"),
            Map.entry("eu-central-1", "054676820928"),
            Map.entry("eu-west-1", "156460612806"),
            Map.entry("eu-west-2", "652711504416"),
            Map.entry("eu-west-3", "009996457667"),
            Map.entry("eu-north-1", "897822967062"),
            Map.entry("eu-south-1", "635631232127"),
            Map.entry("me-south-1", "076674570225"),
            Map.entry("sa-east-1", "507241528517"));

    private void api(FrontDoor.ApiGateway gateway) {
        ObjectNode api = Cfn.object()
                .put("Name", app.stackName())
                .put("ProtocolType", "HTTP")
                .put("Description", "Front door of " + app.stackName());
        if (network.ipv6().isPresent()) {
            // HTTP APIs take IPv6 clients on the default endpoint with dualstack; the VPC Link behind stays IPv4.
            api.put("IpAddressType", "dualstack");
        }
        api.set("Tags", mapTags(name("front-door")));
        t.add("Api", "AWS::ApiGatewayV2::Api", api);

        ObjectNode logGroup = Cfn.object().put("RetentionInDays", app.logRetentionDays());
        logGroup.set("Tags", t.tags(name("api-access"), Tier.PUBLIC.id()));
        t.addLogGroup("ApiLogGroup", logGroup, intent.environment() == Environment.PROD);
        ObjectNode stage = Cfn.object().put("StageName", "$default").put("AutoDeploy", true);
        stage.set("ApiId", Cfn.ref("Api"));
        stage.set(
                "DefaultRouteSettings",
                Cfn.object()
                        .put("ThrottlingRateLimit", gateway.rateLimit())
                        .put("ThrottlingBurstLimit", gateway.burstLimit())
                        .put("DetailedMetricsEnabled", false));
        ObjectNode accessLog = Cfn.object().put("Format", API_LOG_FORMAT);
        accessLog.set("DestinationArn", Cfn.getAtt("ApiLogGroup", "Arn"));
        stage.set("AccessLogSettings", accessLog);
        stage.set("Tags", mapTags(name("front-door")));
        t.add("ApiStage", "AWS::ApiGatewayV2::Stage", stage);

        ObjectNode integration =
                Cfn.object().put("TimeoutInMillis", Math.min(30, app.container().timeoutSeconds()) * 1000);
        integration.set("ApiId", Cfn.ref("Api"));
        if (!app.usesServiceDiscovery()) {
            integration.put("IntegrationType", "AWS_PROXY").put("PayloadFormatVersion", "2.0");
            integration.set("IntegrationUri", Cfn.getAtt("Function", "Arn"));
            ObjectNode permission =
                    Cfn.object().put("Action", "lambda:InvokeFunction").put("Principal", "apigateway.amazonaws.com");
            permission.set("FunctionName", Cfn.getAtt("Function", "Arn"));
            permission.set(
                    "SourceArn",
                    Cfn.sub("arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*"));
            t.add("ApiInvokePermission", "AWS::Lambda::Permission", permission);
        } else {
            ObjectNode link = Cfn.object().put("Name", name("vpc-link"));
            link.set("SubnetIds", subnets(Tier.APP));
            link.set("SecurityGroupIds", Cfn.array(group("front-door")));
            link.set("Tags", mapTags(name("vpc-link")));
            t.add("VpcLink", "AWS::ApiGatewayV2::VpcLink", link);

            ObjectNode namespace = Cfn.object()
                    .put("Name", app.stackName() + ".local")
                    .put("Description", "Service discovery for " + app.stackName());
            namespace.set("Vpc", imported("VpcId"));
            namespace.set("Tags", t.tags(name("discovery"), Tier.APP.id()));
            t.add("DiscoveryNamespace", "AWS::ServiceDiscovery::PrivateDnsNamespace", namespace);
            // API Gateway finds tasks through SRV records, which carry the port.
            ObjectNode dns = Cfn.object().put("RoutingPolicy", "MULTIVALUE");
            dns.set("DnsRecords", Cfn.array(Cfn.object().put("Type", "SRV").put("TTL", 10)));
            ObjectNode discovery = Cfn.object().put("Name", CONTAINER);
            discovery.set("NamespaceId", Cfn.getAtt("DiscoveryNamespace", "Id"));
            discovery.set("DnsConfig", dns);
            discovery.set("HealthCheckCustomConfig", Cfn.object().put("FailureThreshold", 1));
            discovery.set("Tags", t.tags(name("discovery"), Tier.APP.id()));
            t.add("DiscoveryService", "AWS::ServiceDiscovery::Service", discovery);

            integration
                    .put("IntegrationType", "HTTP_PROXY")
                    .put("IntegrationMethod", "ANY")
                    .put("ConnectionType", "VPC_LINK")
                    .put("PayloadFormatVersion", "1.0");
            integration.set("ConnectionId", Cfn.ref("VpcLink"));
            integration.set("IntegrationUri", Cfn.getAtt("DiscoveryService", "Arn"));
        }
        t.add("ApiIntegration", "AWS::ApiGatewayV2::Integration", integration);
        gateway.auth().ifPresent(this::authorizer);
        ObjectNode route = route("$default");
        gateway.auth()
                .ifPresent(auth -> route.put("AuthorizationType", "JWT").set("AuthorizerId", Cfn.ref("ApiAuthorizer")));
        t.add("ApiRoute", "AWS::ApiGatewayV2::Route", route);
        // More specific than $default, so API Gateway matches it first, without the authorizer.
        app.publicHealthCheckPath()
                .ifPresent(path -> t.add(
                        "ApiHealthRoute",
                        "AWS::ApiGatewayV2::Route",
                        route("GET " + path).put("AuthorizationType", "NONE")));

        gateway.https().ifPresent(this::apiDomain);
    }

    private ObjectNode route(String key) {
        ObjectNode route = Cfn.object().put("RouteKey", key);
        route.set("ApiId", Cfn.ref("Api"));
        route.set("Target", Cfn.sub("integrations/${ApiIntegration}"));
        return route;
    }

    /**
     * API Gateway checks the bearer token in the Authorization header against the issuer's published keys, its
     * expiry and the audience, and answers 401 itself when any fails.
     * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html
     */
    private void authorizer(JwtAuth auth) {
        ObjectNode jwt = Cfn.object().put("Issuer", auth.issuer());
        jwt.set("Audience", Cfn.strings(auth.audience()));
        ObjectNode p = Cfn.object().put("Name", name("jwt")).put("AuthorizerType", "JWT");
        p.set("ApiId", Cfn.ref("Api"));
        p.set("IdentitySource", Cfn.strings(List.of("$request.header.Authorization")));
        p.set("JwtConfiguration", jwt);
        t.add("ApiAuthorizer", "AWS::ApiGatewayV2::Authorizer", p);
    }

    private void apiDomain(Https https) {
        ObjectNode config = Cfn.object()
                .put("CertificateArn", https.certificateArn())
                .put("EndpointType", "REGIONAL")
                .put("SecurityPolicy", "TLS_1_2");
        ObjectNode domain = Cfn.object().put("DomainName", https.domain());
        domain.set("DomainNameConfigurations", Cfn.array(config));
        domain.set("Tags", mapTags(name("front-door")));
        t.add("ApiDomain", "AWS::ApiGatewayV2::DomainName", domain);
        ObjectNode mapping = Cfn.object();
        mapping.set("ApiId", Cfn.ref("Api"));
        mapping.set("DomainName", Cfn.ref("ApiDomain"));
        mapping.set("Stage", Cfn.ref("ApiStage"));
        t.add("ApiDomainMapping", "AWS::ApiGatewayV2::ApiMapping", mapping);
    }

    static final String API_LOG_FORMAT = "{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\","
            + "\"requestTime\":\"$context.requestTime\",\"method\":\"$context.httpMethod\",\"path\":\"$context.path\","
            + "\"status\":\"$context.status\",\"responseLength\":\"$context.responseLength\","
            + "\"integrationLatency\":\"$context.integrationLatency\",\"integrationError\":\"$context.integrationErrorMessage\"}";

    // ---- database ---------------------------------------------------------------------------------------------

    private void database(Database db) {
        ObjectNode group = Cfn.object().put("DBSubnetGroupDescription", "Data subnets of " + network.stackName());
        group.set("SubnetIds", subnets(Tier.DATA));
        group.set("Tags", t.tags(name("database"), Tier.DATA.id()));
        t.add("DatabaseSubnetGroup", "AWS::RDS::DBSubnetGroup", group);

        ObjectNode p = Cfn.object()
                .put("Engine", db.engine().id())
                .put("DBInstanceClass", db.instanceClass())
                .put("AllocatedStorage", String.valueOf(db.storageGb()))
                .put("StorageType", "gp3")
                .put("StorageEncrypted", true)
                .put("MultiAZ", db.multiAz())
                .put("MasterUsername", db.username())
                .put("ManageMasterUserPassword", true)
                .put("DBName", db.databaseName())
                .put("Port", String.valueOf(db.port()))
                .put("BackupRetentionPeriod", db.backupRetentionDays())
                .put("DeletionProtection", db.deletionProtection())
                .put("PubliclyAccessible", false)
                .put("CopyTagsToSnapshot", true)
                .put("AutoMinorVersionUpgrade", true)
                // IAM tokens as a second way in (CT.RDS.PR.7): the password in Secrets Manager keeps working.
                .put("EnableIAMDatabaseAuthentication", true);
        db.engineVersion().ifPresent(v -> p.put("EngineVersion", v));
        p.set("DBSubnetGroupName", Cfn.ref("DatabaseSubnetGroup"));
        p.set("VPCSecurityGroups", Cfn.array(group("database")));
        p.set("Tags", t.tags(name("database"), Tier.DATA.id()));
        // A replaced or deleted database leaves a final snapshot, never nothing.
        t.add("Database", "AWS::RDS::DBInstance", p).policies("Snapshot", "Snapshot");

        ObjectNode zone = Cfn.object().put("Name", db.hostedZone());
        ObjectNode vpc = Cfn.object();
        vpc.set("VPCId", imported("VpcId"));
        vpc.set("VPCRegion", Cfn.ref("AWS::Region"));
        zone.set("VPCs", Cfn.array(vpc));
        zone.set("HostedZoneConfig", Cfn.object().put("Comment", "Private names of " + app.stackName()));
        zone.set("HostedZoneTags", t.tags(name("internal"), Tier.DATA.id()));
        t.add("PrivateZone", "AWS::Route53::HostedZone", zone);
        ObjectNode record =
                Cfn.object().put("Name", db.hostName()).put("Type", "CNAME").put("TTL", "60");
        record.set("HostedZoneId", Cfn.ref("PrivateZone"));
        record.set("ResourceRecords", Cfn.array(Cfn.getAtt("Database", "Endpoint.Address")));
        t.add("DatabaseRecord", "AWS::Route53::RecordSet", record);
    }

    // ---- alarms -----------------------------------------------------------------------------------------------

    private void alarms() {
        alarmKey();
        ObjectNode topic = Cfn.object().put("DisplayName", app.stackName() + " alarms");
        topic.set("KmsMasterKeyId", Cfn.ref("AlarmTopicKey"));
        topic.set("Tags", t.tags(name("alarms"), null));
        t.add("AlarmTopic", "AWS::SNS::Topic", topic);
        alarmTopicPolicy();
        app.alarmEmail().ifPresent(email -> {
            ObjectNode sub = Cfn.object().put("Protocol", "email").put("Endpoint", email);
            sub.set("TopicArn", Cfn.ref("AlarmTopic"));
            t.add("AlarmEmail", "AWS::SNS::Subscription", sub);
        });
        for (Alarm a : app.alarms()) {
            ObjectNode p = Cfn.object()
                    .put("AlarmName", name(a.name()))
                    .put("AlarmDescription", a.description())
                    .put("EvaluationPeriods", a.evaluationPeriods())
                    .put("Threshold", a.threshold())
                    .put("ComparisonOperator", a.comparison().cloudWatch())
                    .put("TreatMissingData", "notBreaching");
            if (a.isErrorRate()) {
                p.set("Metrics", errorRate(a));
            } else {
                p.put("Namespace", a.namespace())
                        .put("MetricName", a.metric())
                        .put("Statistic", a.statistic())
                        .put("Period", a.periodSeconds());
                p.set("Dimensions", dimensions(a.subject()));
            }
            p.set("AlarmActions", Cfn.array(Cfn.ref("AlarmTopic")));
            p.set("OKActions", Cfn.array(Cfn.ref("AlarmTopic")));
            t.add("Alarm" + Cfn.pascal(a.name()), "AWS::CloudWatch::Alarm", p);
        }
    }

    /**
     * The alarm topic's key. Not the AWS managed key alias/aws/sns: its policy cannot be changed, and CloudWatch may
     * publish to an encrypted topic only with kms:Decrypt and kms:GenerateDataKey* on the key, so a customer managed
     * key whose policy lets CloudWatch use it for this account's alarms, rotated yearly.
     * https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
     */
    private void alarmKey() {
        ObjectNode cloudWatch =
                Cfn.object().put("Sid", "CloudWatchAlarmsPublish").put("Effect", "Allow");
        cloudWatch.set("Principal", Cfn.object().put("Service", "cloudwatch.amazonaws.com"));
        cloudWatch.set("Action", Cfn.strings(List.of("kms:Decrypt", "kms:GenerateDataKey*")));
        cloudWatch.put("Resource", "*");
        cloudWatch.set("Condition", fromOurAlarms());
        t.addTopicKey("AlarmTopicKey", "Encrypts the alarm topic of " + app.stackName(), name("alarms"), cloudWatch);
    }

    /**
     * The topic takes alarms from this account's CloudWatch alarms of this stack, and refuses any publish that is
     * not over TLS. The policy replaces SNS's default one; IAM identities of the account keep what IAM gives them.
     * https://docs.aws.amazon.com/sns/latest/dg/sns-security-best-practices.html#enforce-encryption-data-in-transit
     */
    private void alarmTopicPolicy() {
        ObjectNode publish = Cfn.object().put("Sid", "CloudWatchAlarmsPublish").put("Effect", "Allow");
        publish.set("Principal", Cfn.object().put("Service", "cloudwatch.amazonaws.com"));
        publish.set("Action", Cfn.strings(List.of("sns:Publish")));
        publish.set("Resource", Cfn.ref("AlarmTopic"));
        publish.set("Condition", fromOurAlarms());
        ObjectNode tlsOnly = Cfn.object()
                .put("Sid", "DenyPublishWithoutTls")
                .put("Effect", "Deny")
                .put("Principal", "*");
        tlsOnly.set("Action", Cfn.strings(List.of("sns:Publish")));
        tlsOnly.set("Resource", Cfn.ref("AlarmTopic"));
        tlsOnly.set("Condition", Cfn.object().set("Bool", Cfn.object().put("aws:SecureTransport", "false")));
        ObjectNode policy = Cfn.object();
        policy.set("Topics", Cfn.array(Cfn.ref("AlarmTopic")));
        policy.set("PolicyDocument", Cfn.policyDocument(publish, tlsOnly));
        t.add("AlarmTopicPolicy", "AWS::SNS::TopicPolicy", policy);
    }

    /** Only this account's alarms named for this stack (confused-deputy protection). */
    private ObjectNode fromOurAlarms() {
        ObjectNode condition = Cfn.object();
        condition.set("StringEquals", Cfn.object().set("aws:SourceAccount", Cfn.ref("AWS::AccountId")));
        condition.set(
                "ArnLike",
                Cfn.object()
                        .set(
                                "aws:SourceArn",
                                Cfn.sub("arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:"
                                        + app.stackName() + "-*")));
        return condition;
    }

    /** 5xx responses (the ALB's own and the targets') as a percentage of requests, zero when idle. */
    private ArrayNode errorRate(Alarm a) {
        ObjectNode rate = Cfn.object()
                .put("Id", "rate")
                .put("Label", "5xx responses, % of requests")
                .put("Expression", "IF(requests > 0, 100 * (elb + target) / requests, 0)")
                .put("ReturnData", true);
        return Cfn.array(
                rate,
                metric("elb", "HTTPCode_ELB_5XX_Count", a),
                metric("target", "HTTPCode_Target_5XX_Count", a),
                metric("requests", "RequestCount", a));
    }

    private ObjectNode metric(String id, String name, Alarm a) {
        ObjectNode metric = Cfn.object().put("Namespace", a.namespace()).put("MetricName", name);
        metric.set("Dimensions", dimensions(a.subject()));
        ObjectNode stat = Cfn.object().put("Period", a.periodSeconds()).put("Stat", a.statistic());
        stat.set("Metric", metric);
        ObjectNode query = Cfn.object().put("Id", id).put("ReturnData", false);
        query.set("MetricStat", stat);
        return query;
    }

    private ArrayNode dimensions(Alarm.Subject subject) {
        return switch (subject) {
            case LOAD_BALANCER ->
                Cfn.array(dimension("LoadBalancer", Cfn.getAtt("LoadBalancer", "LoadBalancerFullName")));
            case TARGET_GROUP ->
                Cfn.array(
                        dimension("LoadBalancer", Cfn.getAtt("LoadBalancer", "LoadBalancerFullName")),
                        dimension("TargetGroup", Cfn.getAtt("TargetGroup", "TargetGroupFullName")));
            case API -> Cfn.array(dimension("ApiId", Cfn.ref("Api")));
            case SERVICE ->
                Cfn.array(
                        dimension("ClusterName", Cfn.ref("Cluster")),
                        dimension("ServiceName", Cfn.getAtt("Service", "Name")));
            case FUNCTION -> Cfn.array(dimension("FunctionName", Cfn.ref("Function")));
            case DATABASE -> Cfn.array(dimension("DBInstanceIdentifier", Cfn.ref("Database")));
        };
    }

    private static ObjectNode dimension(String name, JsonNode value) {
        ObjectNode d = Cfn.object().put("Name", name);
        d.set("Value", value);
        return d;
    }

    // ---- what the app is given --------------------------------------------------------------------------------

    /** Plain variables: the user's and, with a database, where it is. */
    private Map<String, JsonNode> environment() {
        Map<String, JsonNode> out = new TreeMap<>();
        app.container().environment().forEach((k, v) -> out.put(k, Cfn.NODES.textNode(v)));
        app.database().ifPresent(db -> {
            out.put("DB_HOST", Cfn.NODES.textNode(db.hostName()));
            out.put("DB_PORT", Cfn.NODES.textNode(String.valueOf(db.port())));
            out.put("DB_NAME", Cfn.NODES.textNode(db.databaseName()));
        });
        return out;
    }

    /** Variables ECS fills from secret stores at task start: the user's and the database's credentials. */
    private Map<String, JsonNode> secretValues() {
        Map<String, JsonNode> out = new TreeMap<>();
        app.container().secrets().forEach(s -> out.put(s.variable(), Cfn.NODES.textNode(s.valueFrom())));
        if (app.database().isPresent()) {
            out.put("DB_USERNAME", Cfn.sub("${Database.MasterUserSecret.SecretArn}:username::"));
            out.put("DB_PASSWORD", Cfn.sub("${Database.MasterUserSecret.SecretArn}:password::"));
        }
        return out;
    }

    /** Read access to exactly the secrets and parameters the app is given. */
    private List<ObjectNode> secretStatements() {
        List<JsonNode> secrets = new ArrayList<>();
        List<JsonNode> parameters = new ArrayList<>();
        app.container().secrets().stream()
                .map(SecretRef::resourceArn)
                .distinct()
                .sorted()
                .forEach(arn -> {
                    if (arn.contains(":ssm:")) {
                        parameters.add(Cfn.NODES.textNode(arn));
                    } else {
                        secrets.add(Cfn.NODES.textNode(arn));
                    }
                });
        app.database().ifPresent(db -> secrets.add(Cfn.getAtt("Database", "MasterUserSecret.SecretArn")));
        List<ObjectNode> out = new ArrayList<>();
        if (!secrets.isEmpty()) {
            out.add(Cfn.allow(List.of("secretsmanager:GetSecretValue"), secrets.toArray(JsonNode[]::new)));
        }
        if (!parameters.isEmpty()) {
            out.add(Cfn.allow(List.of("ssm:GetParameters"), parameters.toArray(JsonNode[]::new)));
        }
        return out;
    }

    private void role(
            String id, String service, List<String> managed, List<ObjectNode> statements, @Nullable String policyName) {
        ObjectNode role = Cfn.object();
        role.set("AssumeRolePolicyDocument", Cfn.assumedBy(service));
        if (service.equals(TASKS)) {
            // The roles a release passes to ECS live under the stack's path, so its PassRole names them by path:
            // CloudFormation cuts a long stack name out of the role names it makes, never out of a path.
            role.set("Path", Cfn.sub(TASK_ROLE_PATH));
        }
        if (!managed.isEmpty()) {
            ArrayNode arns = Cfn.NODES.arrayNode();
            managed.forEach(m -> arns.add(Cfn.managedPolicy(m)));
            role.set("ManagedPolicyArns", arns);
        }
        if (!statements.isEmpty()) {
            ObjectNode policy = Cfn.object().put("PolicyName", policyName);
            policy.set("PolicyDocument", Cfn.policyDocument(statements.toArray(ObjectNode[]::new)));
            role.set("Policies", Cfn.array(policy));
        }
        role.set("Tags", t.tags(name(id.replace("Role", "").toLowerCase(Locale.ROOT)), Tier.APP.id()));
        t.add(id, "AWS::IAM::Role", role);
    }

    /** API Gateway v2 takes tags as a map rather than a list. */
    private ObjectNode mapTags(String name) {
        ObjectNode tags = Cfn.object();
        t.tags(name, Tier.PUBLIC.id())
                .forEach(tag ->
                        tags.put(tag.path("Key").asText(), tag.path("Value").asText()));
        return tags;
    }

    private static ObjectNode sortedObject(ObjectNode in) {
        ObjectNode out = Cfn.object();
        new TreeMap<String, JsonNode>(toMap(in)).forEach(out::set);
        return out;
    }

    private static Map<String, JsonNode> toMap(ObjectNode in) {
        Map<String, JsonNode> m = new TreeMap<>();
        in.properties().forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    // ---- outputs ----------------------------------------------------------------------------------------------

    private void outputs() {
        switch (app.frontDoor()) {
            case FrontDoor.Alb alb -> {
                t.output(
                        "ServiceUrl",
                        alb.https()
                                .<JsonNode>map(h -> Cfn.NODES.textNode("https://" + h.domain()))
                                .orElseGet(() -> Cfn.sub("http://${LoadBalancer.DNSName}")),
                        "Where the app answers",
                        false);
                t.output(
                        "LoadBalancerDnsName",
                        Cfn.getAtt("LoadBalancer", "DNSName"),
                        "Point the custom domain here (CNAME or alias record)",
                        false);
            }
            case FrontDoor.ApiGateway api -> {
                t.output(
                        "ServiceUrl",
                        api.https()
                                .<JsonNode>map(h -> Cfn.NODES.textNode("https://" + h.domain()))
                                .orElseGet(() -> Cfn.getAtt("Api", "ApiEndpoint")),
                        "Where the app answers",
                        false);
                if (api.https().isPresent()) {
                    t.output(
                            "ApiDomainTarget",
                            Cfn.getAtt("ApiDomain", "RegionalDomainName"),
                            "Point the custom domain here (CNAME or alias record)",
                            false);
                }
            }
        }
        if (ecs) {
            t.output("ClusterName", Cfn.ref("Cluster"), "ECS cluster", false);
            t.output("ServiceName", Cfn.getAtt("Service", "Name"), "ECS service", false);
        } else {
            t.output("FunctionName", Cfn.ref("Function"), "Lambda function", false);
        }
        t.output("LogGroup", Cfn.ref("AppLogGroup"), "The app's logs", false);
        t.output("AlarmTopicArn", Cfn.ref("AlarmTopic"), "Alarms are sent here", false);
        app.database().ifPresent(db -> {
            t.output(
                    "DatabaseHost",
                    Cfn.NODES.textNode(db.hostName()),
                    "Stable name of the database inside the VPC",
                    false);
            t.output(
                    "DatabaseEndpoint",
                    Cfn.getAtt("Database", "Endpoint.Address"),
                    "The database instance's own endpoint",
                    false);
            t.output(
                    "DatabaseSecretArn",
                    Cfn.getAtt("Database", "MasterUserSecret.SecretArn"),
                    "Secrets Manager secret with the master user name and password",
                    false);
        });
    }

    private static String description(Application app) {
        String compute = switch (app.compute()) {
            case Compute.EcsOnEc2 ec2 -> "ECS on " + ec2.instanceType() + " hosts";
            case Compute.Fargate f -> "ECS on Fargate";
            case Compute.Lambda l -> "Lambda";
        };
        String db = app.database()
                .map(d -> ", " + d.engine().title() + " on " + d.instanceClass())
                .orElse("");
        return "Stackwright app for " + app.project() + ": " + compute + " behind an "
                + app.frontDoor().kind().title() + db + ". Generated by Stackwright " + Version.current()
                + "; edit stackwright.yml, not this file.";
    }
}
