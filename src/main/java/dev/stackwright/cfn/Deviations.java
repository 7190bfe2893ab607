package dev.stackwright.cfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * The AWS Control Tower proactive controls a Stackwright template deliberately does not meet, and why. Each one is
 * written into the resource's {@code Metadata}, so a reader of the template (and AWS's cfn-guard with the Guard Rules
 * Registry convention) sees every deviation beside the resource it concerns:
 * <pre>
 * Metadata:
 *   guard:
 *     SuppressedRules: [RDS_INSTANCE_MULTI_AZ_SUPPORT_CHECK]
 *     Reasons:
 *       RDS_INSTANCE_MULTI_AZ_SUPPORT_CHECK: "CT.RDS.PR.1: ..."
 * </pre>
 * A deviation applies only where the resource really deviates (its condition reads the rendered properties), so a
 * resource that meets the control carries no suppression. The test suite runs every control over every option
 * combination and refuses both an unexplained failure and a suppression that suppresses nothing.
 */
final class Deviations {
    private Deviations() {}

    /** A control a resource of {@code type} does not meet when {@code applies}, and the reason. */
    record Deviation(String type, String rule, String control, BiPredicate<String, JsonNode> applies, String reason) {
        String text() {
            return control + ": " + reason;
        }
    }

    private static final String ASG = "AWS::AutoScaling::AutoScalingGroup";
    private static final String LAUNCH_TEMPLATE = "AWS::EC2::LaunchTemplate";
    private static final String LOG_GROUP = "AWS::Logs::LogGroup";
    private static final String RDS = "AWS::RDS::DBInstance";
    private static final String TASK = "AWS::ECS::TaskDefinition";
    private static final String BUCKET = "AWS::S3::Bucket";
    private static final String ALB = "AWS::ElasticLoadBalancingV2::LoadBalancer";

    static final List<Deviation> ALL = List.of(
            // ---- logs
            new Deviation(
                    LOG_GROUP,
                    "CLOUDWATCH_LOG_GROUP_ENCRYPTED_CHECK",
                    "CT.CLOUDWATCH.PR.3",
                    (id, r) -> !props(r).has("KmsKeyId"),
                    "CloudWatch Logs encrypts every log group at rest already; a customer-managed KMS key per log group "
                            + "($1 a month each, and a key policy for the logs service) adds control over a key that "
                            + "these logs do not need."),
            new Deviation(
                    LOG_GROUP,
                    "CLOUDWATCH_LOG_GROUP_RETENTION_PERIOD_CHECK",
                    "CT.CLOUDWATCH.PR.2",
                    (id, r) -> props(r).path("RetentionInDays").asInt(0) < 365 && props(r).has("RetentionInDays"),
                    "Retention follows the environment (service.logRetentionDays; network.flowLogs for flow logs) so "
                            + "the storage bill stays in proportion; set 365 or more where a year of logs is required."),
            // ---- EC2 and Auto Scaling
            new Deviation(
                    ASG,
                    "AUTOSCALING_MULTIPLE_AZ_CHECK",
                    "CT.AUTOSCALING.PR.1",
                    (id, r) -> spansZonesBySubnets(r),
                    "False positive of the rule: it reads only AvailabilityZones, while this group takes its zones "
                            + "from VPCZoneIdentifier, one subnet in each zone of the network."),
            new Deviation(
                    ASG,
                    "AUTOSCALING_MULTIPLE_AZ_CHECK",
                    "CT.AUTOSCALING.PR.1",
                    (id, r) -> id.startsWith("NatInstance")
                            && props(r).path("VPCZoneIdentifier").size() == 1,
                    "A NAT instance lives in one zone by design: it sits behind its zone's static network interface, "
                            + "which cannot move to another zone; the group replaces it in the same zone."),
            new Deviation(
                    ASG,
                    "AUTOSCALING_MIXED_INSTANCES_POLICY_MULTIPLE_INSTANCE_TYPES_CHECK",
                    "CT.AUTOSCALING.PR.6",
                    (id, r) -> !props(r).has("MixedInstancesPolicy"),
                    "One instance type, the one the cost estimate prices and the spec names; a fallback type for "
                            + "capacity shortages is not offered yet."),
            new Deviation(
                    LAUNCH_TEMPLATE,
                    "EC2_LAUNCH_TEMPLATE_MONITORING_ENABLED_CHECK",
                    "CT.EC2.PR.10",
                    (id, r) -> !props(r).path("LaunchTemplateData")
                            .path("Monitoring")
                            .path("Enabled")
                            .asBoolean(false),
                    "Detailed (1-minute) monitoring costs about $2.10 a month per instance; the status-check and "
                            + "scaling alarms here work on the free 5-minute metrics."),
            new Deviation(
                    LAUNCH_TEMPLATE,
                    "EC2_LAUNCH_TEMPLATE_PUBLIC_IP_DISABLED_CHECK",
                    "CT.EC2.PR.9",
                    (id, r) -> id.equals("BastionLaunchTemplate"),
                    "The bastion is reached over the internet, from network.bastionCidr only (its security group "
                            + "admits SSH from that range alone), so it needs a public address."),
            new Deviation(
                    LAUNCH_TEMPLATE,
                    "EC2_LAUNCH_TEMPLATE_PUBLIC_IP_DISABLED_CHECK",
                    "CT.EC2.PR.9",
                    (id, r) -> id.startsWith("NatInstance"),
                    "A NAT instance needs a public address at launch to reach the EC2 API and attach its static "
                            + "interface (the public subnet has no NAT of its own); its boot unit releases that address "
                            + "once the static interface and its Elastic IP carry the traffic."),
            // ---- images and ECS
            new Deviation(
                    "AWS::ECR::Repository",
                    "ECR_PRIVATE_TAG_IMMUTABILITY_ENABLED_CHECK",
                    "CT.ECR.PR.3",
                    (id, r) -> !"IMMUTABLE"
                            .equals(props(r).path("ImageTagMutability").asText()),
                    "The app stack runs the tag in its ImageTag parameter (default latest), which each push moves to "
                            + "the new image; immutable tags need a release that tags every image with its commit."),
            new Deviation(
                    TASK,
                    "ECS_TASK_DEFINITION_NONROOT_USER_CHECK",
                    "CT.ECS.PR.3",
                    (id, r) -> containers(r).stream().anyMatch(c -> !c.has("User")),
                    "The user is the image's own (USER in its Dockerfile): Stackwright cannot know a non-root user "
                            + "that exists in an image it did not build."),
            new Deviation(
                    TASK,
                    "ECS_CONTAINERS_READONLY_ACCESS_CHECK",
                    "CT.ECS.PR.6",
                    (id, r) -> containers(r).stream()
                            .anyMatch(c -> !c.path("ReadonlyRootFilesystem").asBoolean(false)),
                    "Whether the app writes to its own file system (many frameworks write to /tmp) is the image's "
                            + "business; a read-only root would break such images at start."),
            new Deviation(
                    "AWS::ECS::Cluster",
                    "ECS_CONTAINER_INSIGHTS_ENABLED_CHECK",
                    "CT.ECS.PR.2",
                    (id, r) -> !insightsOn(r),
                    "Container Insights is on in prod; elsewhere its metrics and log ingestion cost more than the "
                            + "service's CPU and memory alarms, which use ECS's free metrics."),
            // ---- load balancer
            new Deviation(
                    ALB,
                    "ELBV2_DELETION_PROTECTION_ENABLED_CHECK",
                    "CT.ELASTICLOADBALANCING.PR.5",
                    (id, r) -> "false".equals(attribute(r, "deletion_protection.enabled")),
                    "Outside prod a load balancer goes with its stack; prod turns deletion protection on."),
            new Deviation(
                    ALB,
                    "ELBV2_LOGGING_ENABLED_CHECK",
                    "CT.ELASTICLOADBALANCING.PR.6",
                    (id, r) -> !"true".equals(attribute(r, "access_logs.s3.enabled")),
                    "Access logs are opt-in (frontDoor.accessLogs: true): they add an S3 bucket and its storage."),
            new Deviation(
                    "AWS::ElasticLoadBalancingV2::Listener",
                    "ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK",
                    "CT.ELASTICLOADBALANCING.PR.1",
                    (id, r) -> "HTTP".equals(props(r).path("Protocol").asText())
                            && !props(r).path("DefaultActions").toString().contains("\"redirect\""),
                    "No certificate was given (frontDoor.certificateArn), so HTTP is the only protocol the front door "
                            + "can serve; plan and check report this HTTP-only front door."),
            // ---- API Gateway and Lambda
            new Deviation(
                    "AWS::ApiGatewayV2::Route",
                    "API_GW_V2_AUTHORIZATION_TYPE_CONFIGURED_CHECK",
                    "CT.APIGATEWAY.PR.5",
                    (id, r) -> !id.equals("ApiHealthRoute")
                            && List.of("", "NONE")
                                    .contains(props(r).path("AuthorizationType").asText("")),
                    "No frontDoor.auth in the spec: the API is public by choice, and plan says so; frontDoor.auth "
                            + "adds a JWT authorizer."),
            new Deviation(
                    "AWS::ApiGatewayV2::Route",
                    "API_GW_V2_AUTHORIZATION_TYPE_CONFIGURED_CHECK",
                    "CT.APIGATEWAY.PR.5",
                    (id, r) -> id.equals("ApiHealthRoute"),
                    "GET on the health check path only, left open so that uptime checks need no token; every other "
                            + "route needs the JWT of frontDoor.auth."),
            new Deviation(
                    "AWS::Lambda::Function",
                    "LAMBDA_INSIDE_VPC_CHECK",
                    "CT.LAMBDA.PR.3",
                    (id, r) -> props(r).path("VpcConfig").path("SubnetIds").has("Fn::Split"),
                    "False positive of the rule: the function is in the app subnets, given as one list imported from "
                            + "the network stack (Fn::Split of its export), which the rule cannot read as a list."),
            new Deviation(
                    "AWS::Lambda::Permission",
                    "LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED_CHECK",
                    "CT.LAMBDA.PR.2",
                    (id, r) -> props(r).path("SourceArn").has("Fn::Sub"),
                    "False positive of the rule: SourceArn limits the permission to this stack's caller, built with "
                            + "Fn::Sub, which the rule does not read as a reference to a resource of the template."),
            new Deviation(
                    "AWS::Lambda::Function",
                    "LAMBDA_INSIDE_VPC_CHECK",
                    "CT.LAMBDA.PR.3",
                    (id, r) -> id.startsWith("DefaultSecurityGroup") && !props(r).has("VpcConfig"),
                    "This function runs once per deploy and calls only the EC2 API; inside the VPC it would need a "
                            + "NAT or an EC2 endpoint that the network it cleans up does not have yet."),
            // ---- database
            new Deviation(
                    RDS,
                    "RDS_INSTANCE_DELETION_PROTECTION_ENABLED_CHECK",
                    "CT.RDS.PR.13",
                    (id, r) -> !props(r).path("DeletionProtection").asBoolean(false),
                    "Outside prod the database goes with its stack (as a final snapshot); prod turns deletion "
                            + "protection on, and destroy turns it off only after the stack name is typed."),
            new Deviation(
                    RDS,
                    "RDS_INSTANCE_MULTI_AZ_SUPPORT_CHECK",
                    "CT.RDS.PR.1",
                    (id, r) -> !props(r).path("MultiAZ").asBoolean(false),
                    "Dev and staging databases run in one zone at half the price; prod is Multi-AZ."),
            new Deviation(
                    RDS,
                    "RDS_INSTANCE_ENHANCED_MONITORING_ENABLED_CHECK",
                    "CT.RDS.PR.2",
                    (id, r) -> props(r).path("MonitoringInterval").asInt(0) == 0,
                    "Enhanced monitoring sends operating-system metrics to CloudWatch Logs at a cost per instance; "
                            + "the database alarms use RDS's free metrics."),
            new Deviation(
                    RDS,
                    "RDS_INSTANCE_LOGGING_ENABLED_CHECK",
                    "CT.RDS.PR.14",
                    (id, r) -> !props(r).has("EnableCloudwatchLogsExports"),
                    "Exported database logs land in log groups that RDS creates outside the stack, kept forever "
                            + "and billed per GB; the engine's logs stay readable in the RDS console."),
            new Deviation(
                    RDS,
                    "RDS_INSTANCE_NO_DEFAULT_PORTS_CHECK",
                    "CT.RDS.PR.20",
                    (id, r) ->
                            List.of(3306, 5432).contains(props(r).path("Port").asInt(defaultPort(r))),
                    "A non-default port hides nothing from a scan inside the VPC; the database admits only the app's "
                            + "security group, on its port, and has no route out of the VPC."),
            new Deviation(
                    RDS,
                    "RDS_STORAGE_ENCRYPTED_KMS_KEY_CHECK",
                    "CT.RDS.PR.30",
                    (id, r) -> props(r).path("StorageEncrypted").asBoolean(false) && !props(r).has("KmsKeyId"),
                    "Storage is encrypted with the AWS-managed key aws/rds; a customer-managed key ($1 a month) "
                            + "matters for sharing snapshots across accounts, which Stackwright does not do."),
            // ---- the access-log bucket
            new Deviation(
                    BUCKET,
                    "S3_BUCKET_DEFAULT_ENCRYPTION_KMS_CHECK",
                    "CT.S3.PR.10",
                    (id, r) -> id.equals("AccessLogBucket"),
                    "False positive for this bucket: load balancers write access logs only to buckets encrypted "
                            + "with S3-managed keys (SSE-S3), as the Elastic Load Balancing guide says."),
            new Deviation(
                    BUCKET,
                    "S3_BUCKET_LOGGING_ENABLED_CHECK",
                    "CT.S3.PR.2",
                    (id, r) -> id.equals("AccessLogBucket"),
                    "This bucket holds access logs already; logging its own access would need a second log bucket "
                            + "for records nobody reads."),
            new Deviation(
                    BUCKET,
                    "S3_BUCKET_OBJECT_LOCK_ENABLED_CHECK",
                    "CT.S3.PR.9",
                    (id, r) -> id.equals("AccessLogBucket"),
                    "Access logs expire by the lifecycle rule; object lock would keep them past it."),
            new Deviation(
                    BUCKET,
                    "S3_BUCKET_VERSIONING_ENABLED_CHECK",
                    "CT.S3.PR.11",
                    (id, r) -> id.equals("AccessLogBucket"),
                    "Log objects are written once and expire by lifecycle; versions would only keep expired logs."),
            new Deviation(
                    BUCKET,
                    "S3_EVENT_NOTIFICATIONS_ENABLED_CHECK",
                    "CT.S3.PR.4",
                    (id, r) -> id.equals("AccessLogBucket"),
                    "Nothing consumes events about new access-log objects."),
            // ---- the flow log bucket and its Athena workgroup (network.flowLogs.destination: s3)
            new Deviation(
                    BUCKET,
                    "S3_BUCKET_DEFAULT_ENCRYPTION_KMS_CHECK",
                    "CT.S3.PR.10",
                    (id, r) -> id.equals(NetworkTemplate.FLOW_LOG_BUCKET),
                    "Flow log delivery writes to buckets with S3-managed keys (SSE-S3) or a customer-managed KMS key "
                            + "whose policy admits the delivery service, never the AWS managed key; a customer key "
                            + "($1 a month) would add control over a key that these logs do not need."),
            new Deviation(
                    BUCKET,
                    "S3_BUCKET_LOGGING_ENABLED_CHECK",
                    "CT.S3.PR.2",
                    (id, r) -> id.equals(NetworkTemplate.FLOW_LOG_BUCKET),
                    "This bucket holds logs already; logging its own access would need a second log bucket for "
                            + "records nobody reads."),
            new Deviation(
                    BUCKET,
                    "S3_BUCKET_OBJECT_LOCK_ENABLED_CHECK",
                    "CT.S3.PR.9",
                    (id, r) -> id.equals(NetworkTemplate.FLOW_LOG_BUCKET),
                    "Flow logs and query results expire by the lifecycle rules (network.flowLogRetentionDays); object "
                            + "lock would keep them past it."),
            new Deviation(
                    BUCKET,
                    "S3_EVENT_NOTIFICATIONS_ENABLED_CHECK",
                    "CT.S3.PR.4",
                    (id, r) -> id.equals(NetworkTemplate.FLOW_LOG_BUCKET),
                    "Nothing consumes events about new flow log objects: Athena reads them when asked."),
            new Deviation(
                    "AWS::Athena::WorkGroup",
                    "ATHENA_WORKGROUP_RESULTS_ENCRYPTED_AT_REST_KMS_CHECK",
                    "CT.ATHENA.PR.2",
                    (id, r) -> id.equals("FlowLogWorkGroup"),
                    "Query results are encrypted at rest with S3-managed keys (CT.ATHENA.PR.1), in the flow log "
                            + "bucket, which holds the same data under the same keys; a KMS key for the results alone "
                            + "would protect nothing the bucket does not."),
            // ---- the pipeline's artifact bucket and build
            new Deviation(
                    BUCKET,
                    "S3_BUCKET_LOGGING_ENABLED_CHECK",
                    "CT.S3.PR.2",
                    (id, r) -> id.equals("ArtifactBucket"),
                    "Only the pipeline's own roles reach this bucket, and CloudTrail records their calls; server "
                            + "access logs would need a second bucket for records nobody reads."),
            new Deviation(
                    BUCKET,
                    "S3_BUCKET_OBJECT_LOCK_ENABLED_CHECK",
                    "CT.S3.PR.9",
                    (id, r) -> id.equals("ArtifactBucket"),
                    "Build artifacts expire by the lifecycle rule once no release can still need them; object lock "
                            + "would keep them past it."),
            new Deviation(
                    BUCKET,
                    "S3_EVENT_NOTIFICATIONS_ENABLED_CHECK",
                    "CT.S3.PR.4",
                    (id, r) -> id.equals("ArtifactBucket"),
                    "CodePipeline passes artifacts between its own actions; nothing else consumes events about "
                            + "them."),
            new Deviation(
                    "AWS::CodeBuild::Project",
                    "CODEBUILD_PROJECT_ENVIRONMENT_PRIVILEGED_CHECK",
                    "CT.CODEBUILD.PR.4",
                    (id, r) ->
                            props(r).path("Environment").path("PrivilegedMode").asBoolean(false),
                    "The build builds the app's container image, and CodeBuild runs the Docker daemon only in "
                            + "privileged mode; it runs only the project's build.yml from the pipeline's own "
                            + "branch, and the releases run unprivileged."),
            new Deviation(
                    "AWS::S3::BucketPolicy",
                    "S3_BUCKET_POLICY_SSL_REQUESTS_ONLY_CHECK",
                    "CT.S3.PR.8",
                    (id, r) -> deniesPlainHttp(r),
                    "False positive of the rule: the policy denies every request without TLS (aws:SecureTransport "
                            + "false), but names the objects as Fn::Sub \"${Bucket.Arn}/*\" while the rule "
                            + "recognises only Fn::Join, which AWS's linter asks templates not to use (I1022)."));

    /** Writes each applying deviation into its resource's Metadata. */
    static void annotate(ObjectNode resources) {
        resources.properties().forEach(resource -> {
            String id = resource.getKey();
            ObjectNode entry = (ObjectNode) resource.getValue();
            Map<String, String> reasons = new TreeMap<>();
            for (Deviation d : ALL) {
                if (d.type().equals(entry.path("Type").asText()) && d.applies().test(id, entry)) {
                    reasons.putIfAbsent(d.rule(), d.text());
                }
            }
            if (reasons.isEmpty()) {
                return;
            }
            ObjectNode metadata =
                    entry.has("Metadata") ? (ObjectNode) entry.get("Metadata") : entry.putObject("Metadata");
            ObjectNode guard = metadata.putObject("guard");
            ArrayNode rules = guard.putArray("SuppressedRules");
            reasons.keySet().forEach(rules::add);
            ObjectNode why = guard.putObject("Reasons");
            reasons.forEach(why::put);
        });
    }

    private static JsonNode props(JsonNode resource) {
        return resource.path("Properties");
    }

    private static boolean spansZonesBySubnets(JsonNode asg) {
        JsonNode subnets = props(asg).path("VPCZoneIdentifier");
        return !props(asg).has("AvailabilityZones") && (subnets.size() >= 2 || subnets.has("Fn::Split"));
    }

    private static List<JsonNode> containers(JsonNode task) {
        List<JsonNode> out = new java.util.ArrayList<>();
        props(task).path("ContainerDefinitions").forEach(out::add);
        return out;
    }

    private static boolean insightsOn(JsonNode cluster) {
        for (JsonNode s : props(cluster).path("ClusterSettings")) {
            if (s.path("Name").asText().equals("containerInsights")
                    && !s.path("Value").asText().equals("disabled")) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable String attribute(JsonNode lb, String key) {
        for (JsonNode a : props(lb).path("LoadBalancerAttributes")) {
            if (a.path("Key").asText().equals(key)) {
                return a.path("Value").asText();
            }
        }
        return null;
    }

    private static int defaultPort(JsonNode db) {
        return props(db).path("Engine").asText().startsWith("postgres") ? 5432 : 3306;
    }

    private static boolean deniesPlainHttp(JsonNode policy) {
        for (JsonNode s : props(policy).path("PolicyDocument").path("Statement")) {
            if (s.path("Effect").asText().equals("Deny")
                    && "false"
                            .equals(s.path("Condition")
                                    .path("Bool")
                                    .path("aws:SecureTransport")
                                    .asText(null))) {
                return true;
            }
        }
        return false;
    }
}
