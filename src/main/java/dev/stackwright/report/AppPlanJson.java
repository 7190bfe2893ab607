package dev.stackwright.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.cfn.Template;
import dev.stackwright.model.app.Alarm;
import dev.stackwright.model.app.Application;
import dev.stackwright.model.app.Compute;
import dev.stackwright.model.app.FrontDoor;
import dev.stackwright.model.app.Scaling;
import java.util.Map;
import java.util.TreeMap;

/** The app stack in the JSON plan, beside the network's facts. */
public final class AppPlanJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AppPlanJson() {}

    public static ObjectNode render(Application app, Template template) {
        ObjectNode root = NODES.objectNode()
                .put("stackName", app.stackName() + "-app")
                .put("networkStack", app.networkStackName())
                .put("compute", app.compute().kind().id())
                .put("port", app.container().port())
                .put("logRetentionDays", app.logRetentionDays());
        app.container().image().ifPresent(i -> root.put("image", i));
        app.registryImage().ifPresent(r -> {
            ObjectNode registry = root.putObject("registry")
                    .put("stackName", app.registryStackName())
                    .put("repository", r.repository());
            registry.put(r.byDigest() ? "digest" : "defaultTag", r.reference());
        });
        switch (app.compute()) {
            case Compute.EcsOnEc2 ec2 -> {
                root.put("instanceType", ec2.instanceType())
                        .put("maxInstances", ec2.maxInstances())
                        .put("clusterCpuScaleOutPercent", ec2.clusterCpuScaleOutPercent());
                tasks(root, app, ec2.desiredCount(), ec2.scaling());
            }
            case Compute.Fargate f -> tasks(root, app, f.desiredCount(), f.scaling());
            case Compute.Lambda l ->
                root.put("memoryMib", app.container().memoryMib())
                        .put("timeoutSeconds", app.container().timeoutSeconds());
        }
        ObjectNode door = root.putObject("frontDoor")
                .put("kind", app.frontDoor().kind().id())
                .put("reason", app.frontDoor().reason());
        app.frontDoor()
                .https()
                .ifPresent(h -> door.put("domain", h.domain()).put("certificateArn", h.certificateArn()));
        switch (app.frontDoor()) {
            case FrontDoor.Alb alb -> door.put("accessLogs", alb.accessLogs());
            case FrontDoor.ApiGateway api ->
                door.put("rateLimit", api.rateLimit()).put("burstLimit", api.burstLimit());
        }
        app.database().ifPresent(db -> {
            ObjectNode d = root.putObject("database")
                    .put("engine", db.engine().id())
                    .put("instanceClass", db.instanceClass())
                    .put("storageGb", db.storageGb())
                    .put("multiAz", db.multiAz())
                    .put("host", db.hostName())
                    .put("port", db.port())
                    .put("name", db.databaseName())
                    .put("username", db.username())
                    .put("backupRetentionDays", db.backupRetentionDays())
                    .put("deletionProtection", db.deletionProtection());
            db.engineVersion().ifPresent(v -> d.put("engineVersion", v));
        });
        ArrayNode alarms = root.putArray("alarms");
        for (Alarm a : app.alarms()) {
            alarms.addObject()
                    .put("name", a.name())
                    .put("namespace", a.namespace())
                    .put("metric", a.metric())
                    .put("comparison", a.comparison().symbol())
                    .put("threshold", a.threshold())
                    .put("description", a.description());
        }
        app.alarmEmail().ifPresent(e -> root.put("alarmEmail", e));
        Map<String, Integer> byType = new TreeMap<>();
        template.resources().values().forEach(r -> byType.merge(r.path("Type").asText(), 1, Integer::sum));
        ObjectNode resources = root.putObject("resources");
        byType.forEach(resources::put);
        ArrayNode notes = root.putArray("notes");
        app.notes().forEach(notes::add);
        return root;
    }

    private static void tasks(ObjectNode root, Application app, int desired, Scaling s) {
        root.put("cpu", app.container().cpu())
                .put("memoryMib", app.container().memoryMib())
                .put("desiredCount", desired);
        root.putObject("scaling")
                .put("min", s.min())
                .put("max", s.max())
                .put("cpuTargetPercent", s.cpuTargetPercent())
                .put("scaleOutCooldownSeconds", s.scaleOutCooldownSeconds())
                .put("scaleInCooldownSeconds", s.scaleInCooldownSeconds());
    }
}
