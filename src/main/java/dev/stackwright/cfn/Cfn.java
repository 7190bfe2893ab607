package dev.stackwright.cfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Small constructors for CloudFormation values and intrinsic functions. */
public final class Cfn {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Cfn() {}

    public static ObjectNode ref(String logicalId) {
        return NODES.objectNode().put("Ref", logicalId);
    }

    public static ObjectNode getAtt(String logicalId, String attribute) {
        ObjectNode n = NODES.objectNode();
        n.putArray("Fn::GetAtt").add(logicalId).add(attribute);
        return n;
    }

    public static ObjectNode sub(String template) {
        return NODES.objectNode().put("Fn::Sub", template);
    }

    /** {@code Fn::Sub} with variables, e.g. for scripts that name resources of the template. */
    public static ObjectNode sub(String template, ObjectNode variables) {
        ObjectNode n = NODES.objectNode();
        n.putArray("Fn::Sub").add(template).add(variables);
        return n;
    }

    public static ObjectNode base64(JsonNode value) {
        ObjectNode n = NODES.objectNode();
        n.set("Fn::Base64", value);
        return n;
    }

    public static ObjectNode join(String delimiter, JsonNode values) {
        ObjectNode n = NODES.objectNode();
        n.putArray("Fn::Join").add(delimiter).add(values);
        return n;
    }

    /** The zone at a position of the region's zone list. */
    public static ObjectNode az(int index) {
        ObjectNode getAzs = NODES.objectNode().put("Fn::GetAZs", "");
        ObjectNode n = NODES.objectNode();
        n.putArray("Fn::Select").add(index).add(getAzs);
        return n;
    }

    public static ArrayNode array(JsonNode... items) {
        ArrayNode a = NODES.arrayNode();
        Arrays.stream(items).forEach(a::add);
        return a;
    }

    public static ArrayNode refs(List<String> logicalIds) {
        ArrayNode a = NODES.arrayNode();
        logicalIds.forEach(id -> a.add(ref(id)));
        return a;
    }

    public static ArrayNode strings(List<String> values) {
        ArrayNode a = NODES.arrayNode();
        values.forEach(a::add);
        return a;
    }

    /** {@code Fn::ImportValue} of another stack's export, named {@code ${stackParameter}-exportName}. */
    public static ObjectNode importValue(String stackParameter, String exportName) {
        ObjectNode n = NODES.objectNode();
        n.set("Fn::ImportValue", sub("${" + stackParameter + "}-" + exportName));
        return n;
    }

    /** {@code Fn::Split} of a comma-separated value into a list. */
    public static ObjectNode split(JsonNode value) {
        ObjectNode n = NODES.objectNode();
        n.putArray("Fn::Split").add(",").add(value);
        return n;
    }

    /** An IAM policy document. */
    public static ObjectNode policyDocument(ObjectNode... statements) {
        ObjectNode doc = object().put("Version", "2012-10-17");
        doc.set("Statement", array(statements));
        return doc;
    }

    /** An Allow statement; {@code resources} are strings or intrinsic functions. */
    public static ObjectNode allow(List<String> actions, JsonNode... resources) {
        ObjectNode s = object().put("Effect", "Allow");
        s.set("Action", strings(actions));
        s.set("Resource", array(resources));
        return s;
    }

    /** The trust policy that lets an AWS service assume a role. */
    public static ObjectNode assumedBy(String service) {
        ObjectNode s = object().put("Effect", "Allow");
        s.set("Principal", object().put("Service", service));
        s.set("Action", strings(List.of("sts:AssumeRole")));
        return policyDocument(s);
    }

    /** An AWS managed policy's ARN in the stack's partition. */
    public static ObjectNode managedPolicy(String name) {
        return sub("arn:${AWS::Partition}:iam::aws:policy/" + name);
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** {@code app-a} becomes {@code AppA}, {@code ecr.dkr} becomes {@code EcrDkr}: logical IDs from names. */
    public static String pascal(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("[^A-Za-z0-9]+", -1)) {
            if (!part.isEmpty()) {
                out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return out.toString();
    }

    /**
     * A key policy statement that denies kms:CreateGrant except for AWS services: a grant would hand the key to a
     * principal the policy does not name. https://docs.aws.amazon.com/kms/latest/developerguide/grants.html
     */
    static ObjectNode grantsOnlyForAwsServices() {
        ObjectNode noGrants = Cfn.object()
                .put("Sid", "GrantsOnlyForAwsServices")
                .put("Effect", "Deny")
                .put("Principal", "*");
        noGrants.set("Action", Cfn.strings(List.of("kms:CreateGrant")));
        noGrants.put("Resource", "*");
        noGrants.set(
                "Condition",
                Cfn.object()
                        .set(
                                "BoolIfExists",
                                Cfn.object()
                                        .put("kms:GrantIsForAWSResource", "false")
                                        .put("aws:PrincipalIsAWSService", "false")));
        return noGrants;
    }
}
