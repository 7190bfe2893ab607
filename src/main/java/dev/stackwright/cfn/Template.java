package dev.stackwright.cfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A CloudFormation template under construction. Sections are kept sorted by logical ID, and {@link #toJson()} puts
 * every key in a fixed order, so the same model always gives the same bytes.
 */
public final class Template {
    private final String description;
    private final Map<String, ObjectNode> parameters = new TreeMap<>();
    private final Map<String, ObjectNode> resources = new TreeMap<>();
    private final Map<String, ObjectNode> outputs = new TreeMap<>();
    private final ArrayNode commonTags;

    public Template(String description, ArrayNode commonTags) {
        this.description = description;
        this.commonTags = commonTags;
    }

    /** Adds a resource and returns its entry so callers can set DependsOn or policies. */
    public Resource add(String logicalId, String type, ObjectNode properties) {
        if (resources.containsKey(logicalId)) {
            throw new IllegalStateException("duplicate logical ID " + logicalId);
        }
        ObjectNode entry = Cfn.object().put("Type", type);
        entry.set("Properties", properties);
        resources.put(logicalId, entry);
        return new Resource(logicalId, entry);
    }

    /**
     * A log group with explicit policies (cfn-lint I3011: a stateful resource says what happens to it on delete):
     * kept when {@code keep} (prod, so an audit trail outlives a destroy; its retention still expires it), deleted
     * with the stack otherwise.
     */
    public Resource addLogGroup(String logicalId, ObjectNode properties, boolean keep) {
        String policy = keep ? "Retain" : "Delete";
        return add(logicalId, "AWS::Logs::LogGroup", properties).policies(policy, policy);
    }

    public void parameter(String logicalId, String type, String defaultValue, String description) {
        parameters.put(
                logicalId,
                Cfn.object().put("Type", type).put("Default", defaultValue).put("Description", description));
    }

    public void output(String logicalId, JsonNode value, String description, boolean export) {
        ObjectNode o = Cfn.object().put("Description", description);
        o.set("Value", value);
        if (export) {
            o.set("Export", Cfn.object().set("Name", Cfn.sub("${AWS::StackName}-" + logicalId)));
        }
        outputs.put(logicalId, o);
    }

    /** Tags for one resource: the common ones plus its tier and Name. */
    public ArrayNode tags(String name, @Nullable String tier) {
        ArrayNode tags = commonTags.deepCopy();
        tags.add(Cfn.object().put("Key", "Name").put("Value", name));
        if (tier != null) {
            tags.add(Cfn.object().put("Key", "stackwright:tier").put("Value", tier));
        }
        return sortedTags(tags);
    }

    public int resourceCount() {
        return resources.size();
    }

    public Map<String, ObjectNode> resources() {
        return java.util.Collections.unmodifiableMap(resources);
    }

    /** The template as a canonical JSON tree. */
    public ObjectNode toJson() {
        ObjectNode root = Cfn.object();
        root.put("AWSTemplateFormatVersion", "2010-09-09");
        root.put("Description", description);
        if (!parameters.isEmpty()) {
            root.set("Parameters", section(parameters));
        }
        // On a copy: the deviations are read off the finished properties, and the template stays as it was built.
        ObjectNode annotated = section(resources).deepCopy();
        Deviations.annotate(annotated);
        root.set("Resources", annotated);
        if (!outputs.isEmpty()) {
            root.set("Outputs", section(outputs));
        }
        return Canonical.template(root);
    }

    private static ObjectNode section(Map<String, ObjectNode> entries) {
        ObjectNode s = Cfn.object();
        entries.forEach(s::set);
        return s;
    }

    private static ArrayNode sortedTags(ArrayNode tags) {
        ArrayNode out = Cfn.NODES.arrayNode();
        java.util.List<JsonNode> list = new java.util.ArrayList<>();
        tags.forEach(list::add);
        list.sort(java.util.Comparator.comparing(t -> t.path("Key").asText()));
        list.forEach(out::add);
        return out;
    }

    /** A resource entry, for the attributes beside its properties. */
    public record Resource(String logicalId, ObjectNode entry) {
        public Resource dependsOn(String... ids) {
            ArrayNode deps = entry.putArray("DependsOn");
            java.util.Arrays.stream(ids).sorted().forEach(deps::add);
            return this;
        }

        public Resource policies(String deletion, String updateReplace) {
            entry.put("DeletionPolicy", deletion);
            entry.put("UpdateReplacePolicy", updateReplace);
            return this;
        }
    }

    /**
     * A customer managed key for an SNS topic, with alias/{@code name}: the account administers it, {@code publisher}
     * (the one service statement the topic needs) may use it, grants go only to AWS services, rotated yearly. Not
     * the AWS managed key alias/aws/sns: its policy cannot be changed to let a service publish. It goes with the
     * stack: KMS deletes it after the 7-day window; the topic keeps no messages to decrypt later.
     */
    void addTopicKey(String logicalId, String description, String name, ObjectNode publisher) {
        ObjectNode admin = Cfn.object().put("Sid", "AccountAdministersTheKey").put("Effect", "Allow");
        admin.set("Principal", Cfn.object().set("AWS", Cfn.sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root")));
        admin.set("Action", Cfn.strings(java.util.List.of("kms:*")));
        admin.put("Resource", "*");
        ObjectNode key = Cfn.object()
                .put("Description", description)
                .put("EnableKeyRotation", true)
                .put("PendingWindowInDays", 7);
        key.set("KeyPolicy", Cfn.policyDocument(admin, publisher, Cfn.grantsOnlyForAwsServices()));
        key.set("Tags", tags(name, null));
        add(logicalId, "AWS::KMS::Key", key).policies("Delete", "Delete");
        ObjectNode alias = Cfn.object().put("AliasName", "alias/" + name);
        alias.set("TargetKeyId", Cfn.ref(logicalId));
        add(logicalId + "Alias", "AWS::KMS::Alias", alias);
    }
}
