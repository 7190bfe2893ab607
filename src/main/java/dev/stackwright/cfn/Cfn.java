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

    private Cfn() {
    }

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

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** {@code app-a} becomes {@code AppA}, {@code ecr.dkr} becomes {@code EcrDkr}: logical IDs from names. */
    public static String pascal(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return out.toString();
    }
}
