package dev.stackwright.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Recorded CloudFormation answers in the shape of the AWS CLI's JSON output (describe-stack-events,
 * describe-change-set), mapped to our records the way the SDK adapter maps the SDK's.
 */
final class Fixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    static JsonNode json(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/deploy/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A describe-stack-events answer (newest first), oldest first. */
    static List<StackEvent> events(String name) {
        List<StackEvent> out = new ArrayList<>();
        for (JsonNode e : json(name).path("StackEvents")) {
            out.add(new StackEvent(
                    e.path("EventId").asText(),
                    e.path("StackName").asText(),
                    e.path("LogicalResourceId").asText(),
                    e.path("PhysicalResourceId").asText(),
                    e.path("ResourceType").asText(),
                    Instant.parse(e.path("Timestamp").asText()),
                    e.path("ResourceStatus").asText(),
                    e.hasNonNull("ResourceStatusReason")
                            ? e.path("ResourceStatusReason").asText()
                            : null));
        }
        return out.reversed();
    }

    static ChangeSet changeSet(String name) {
        JsonNode cs = json(name);
        List<ChangeSet.Change> changes = new ArrayList<>();
        for (JsonNode c : cs.path("Changes")) {
            JsonNode rc = c.path("ResourceChange");
            List<String> properties = new ArrayList<>();
            List<String> recreating = new ArrayList<>();
            for (JsonNode d : rc.path("Details")) {
                String n = d.path("Target").path("Name").asText();
                properties.add(n);
                if (d.path("Target").path("RequiresRecreation").asText().equals("Always")) {
                    recreating.add(n);
                }
            }
            changes.add(new ChangeSet.Change(
                    rc.path("Action").asText(),
                    rc.path("LogicalResourceId").asText(),
                    rc.path("PhysicalResourceId").asText(null),
                    rc.path("ResourceType").asText(),
                    rc.path("Replacement").asText(null),
                    properties,
                    recreating));
        }
        return new ChangeSet(
                cs.path("ChangeSetId").asText(),
                cs.path("ChangeSetName").asText(),
                cs.path("Status").asText(),
                cs.path("ExecutionStatus").asText(),
                cs.hasNonNull("StatusReason") ? cs.path("StatusReason").asText() : null,
                changes);
    }

    /** A small network template: the resources the recorded events talk about. */
    static StackDeployment network(String... extraResources) {
        ObjectMapper m = JSON;
        var template = m.createObjectNode();
        var resources = template.putObject("Resources");
        for (String[] r : new String[][] {
            {"Vpc", "AWS::EC2::VPC"},
            {"InternetGateway", "AWS::EC2::InternetGateway"},
            {"InternetGatewayAttachment", "AWS::EC2::VPCGatewayAttachment"},
            {"SubnetAppA", "AWS::EC2::Subnet"},
            {"SubnetDataA", "AWS::EC2::Subnet"}
        }) {
            resources.putObject(r[0]).put("Type", r[1]);
        }
        for (String extra : extraResources) {
            resources.putObject(extra).put("Type", "AWS::EC2::Subnet");
        }
        return new StackDeployment(
                StackDeployment.Role.NETWORK,
                "shop-dev-network",
                template,
                "Resources: {}\n",
                Map.of(),
                Map.of(DeployPlan.STACK_TAG, "shop-dev", DeployPlan.ROLE_TAG, "network"));
    }

    /** A prod app stack: database and load balancer with deletion protection on. */
    static StackDeployment protectedApp() {
        var template = JSON.createObjectNode();
        var resources = template.putObject("Resources");
        var db = resources
                .putObject("Database")
                .put("Type", "AWS::RDS::DBInstance")
                .put("DeletionPolicy", "Snapshot");
        db.putObject("Properties").put("DeletionProtection", true);
        var lb = resources.putObject("LoadBalancer").put("Type", "AWS::ElasticLoadBalancingV2::LoadBalancer");
        lb.putObject("Properties")
                .putArray("LoadBalancerAttributes")
                .addObject()
                .put("Key", "deletion_protection.enabled")
                .put("Value", "true");
        resources.putObject("Service").put("Type", "AWS::ECS::Service");
        return new StackDeployment(
                StackDeployment.Role.APP,
                "shop-dev-app",
                template,
                "Resources: {}\n",
                Map.of(),
                Map.of(DeployPlan.STACK_TAG, "shop-dev", DeployPlan.ROLE_TAG, "app"));
    }

    static StackDeployment app() {
        var template = JSON.createObjectNode();
        var resources = template.putObject("Resources");
        resources.putObject("Service").put("Type", "AWS::ECS::Service");
        resources.putObject("Database").put("Type", "AWS::RDS::DBInstance").put("DeletionPolicy", "Snapshot");
        return new StackDeployment(
                StackDeployment.Role.APP,
                "shop-dev-app",
                template,
                "Resources: {}\n",
                Map.of(),
                Map.of(DeployPlan.STACK_TAG, "shop-dev", DeployPlan.ROLE_TAG, "app"));
    }
}
