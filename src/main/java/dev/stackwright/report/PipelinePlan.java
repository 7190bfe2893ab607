package dev.stackwright.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.cfn.Template;
import dev.stackwright.model.app.Pipeline;
import dev.stackwright.render.TextTable;
import java.util.Map;
import java.util.TreeMap;

/** The pipeline stack in the plan, as text and as JSON: its stages in order, what each touches, its resources. */
public final class PipelinePlan {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PipelinePlan() {}

    /** The section {@code plan} prints after the app stack. */
    public static String text(Pipeline p, Template template) {
        StringBuilder out = new StringBuilder();
        out.append(p.stackName())
                .append("  CodePipeline V2, runs queued  from ")
                .append(source(p.source()))
                .append("\n\nStages\n");
        TextTable stages = TextTable.withHeader("STAGE", "ACTION", "WHAT");
        stages.row("Source", "Source", sourceDetail(p.source()));
        stages.row(
                "Build",
                "Build",
                "build.yml on " + p.buildCompute().priceName() + (p.arm() ? " (Arm)" : "") + ", pushes to "
                        + p.registryStackName() + "'s repository " + p.project() + " and writes imageDetail.json");
        for (Pipeline.Release r : p.releases()) {
            String stage = "Release-" + r.environment().id();
            if (r.approval()) {
                stages.row(stage, "Approve", "a person approves in the console (notified by the topic below)");
                stage = "";
            }
            stages.row(stage, "Release", "release.yml: " + target(r.target()) + " (stack " + r.appStackName() + ")");
        }
        out.append(stages.render("  "));
        out.append("\nPromotion   the digest in the build's imageDetail.json goes to ")
                .append(String.join(
                        ", then ",
                        p.releases().stream().map(r -> r.environment().id()).toList()))
                .append("; no environment rebuilds it\n");
        out.append("Artifacts   S3 bucket, SSE-KMS with aws/s3, versioned, public access blocked, TLS only,"
                + " expire after 30 days\n");
        out.append("Logs        /aws/codebuild/")
                .append(p.project())
                .append("-build and -release-<env>, kept ")
                .append(p.logRetentionDays())
                .append(" days\n");
        out.append("Notifies    failed runs and approvals waiting to the SNS topic ")
                .append(p.stackName())
                .append(" notifications (KMS-encrypted)")
                .append(p.alarmEmail()
                        .map(e -> ", mailed to " + e)
                        .orElse("; no alarms.email: subscribe to it yourself"))
                .append('\n');
        out.append("\nResources   ").append(template.resourceCount()).append(" in the pipeline stack\n");
        TextTable counts = TextTable.withColumns(2).rightAlign(1);
        byType(template).forEach((type, count) -> counts.row(type, String.valueOf(count)));
        out.append(counts.render("              "));
        return out.toString();
    }

    /** The {@code pipeline} object of {@code plan --format json}. */
    public static ObjectNode json(Pipeline p, Template template) {
        ObjectNode root = NODES.objectNode()
                .put("stack", p.stackName())
                .put("registryStack", p.registryStackName())
                .put("buildCompute", p.buildCompute().priceName())
                .put("arm", p.arm());
        ObjectNode source = root.putObject("source")
                .put("provider", p.source().provider().id())
                .put("repository", p.source().repository())
                .put("branch", p.source().branch());
        p.source().connectionArn().ifPresent(arn -> source.put("connectionArn", arn));
        ArrayNode releases = root.putArray("releases");
        for (Pipeline.Release r : p.releases()) {
            ObjectNode release = releases.addObject()
                    .put("environment", r.environment().id())
                    .put("appStack", r.appStackName())
                    .put("approval", r.approval());
            switch (r.target()) {
                case Pipeline.Target.Ecs ecs ->
                    release.put("cluster", ecs.cluster())
                            .put("service", ecs.service())
                            .put("taskFamily", ecs.taskFamily());
                case Pipeline.Target.Lambda lambda -> release.put("function", lambda.function());
            }
        }
        p.alarmEmail().ifPresent(e -> root.put("notificationEmail", e));
        ObjectNode resources = root.putObject("resources");
        byType(template).forEach(resources::put);
        return root;
    }

    private static Map<String, Integer> byType(Template template) {
        Map<String, Integer> byType = new TreeMap<>();
        template.resources().values().forEach(r -> byType.merge(r.path("Type").asText(), 1, Integer::sum));
        return byType;
    }

    private static String source(Pipeline.Source s) {
        return s.provider().id() + " " + s.repository() + " (" + s.branch() + ")";
    }

    private static String sourceDetail(Pipeline.Source s) {
        return s.connectionArn()
                .map(arn -> "pushes to " + s.branch() + ", through the connection " + arn)
                .orElse("pushes to " + s.branch() + ", by an EventBridge rule on the repository");
    }

    private static String target(Pipeline.Target target) {
        return switch (target) {
            case Pipeline.Target.Ecs ecs ->
                "ECS service " + ecs.service() + " in cluster " + ecs.cluster() + ", a new revision of "
                        + ecs.taskFamily();
            case Pipeline.Target.Lambda lambda -> "Lambda function " + lambda.function();
        };
    }
}
