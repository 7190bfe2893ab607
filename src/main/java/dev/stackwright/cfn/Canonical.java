package dev.stackwright.cfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Puts a template's keys in one fixed order: the sections and resource attributes in the order CloudFormation's
 * documentation uses, everything else sorted. Arrays keep their order, which the renderer makes deterministic.
 */
final class Canonical {
    private static final List<String> SECTION_ORDER = List.of(
            "AWSTemplateFormatVersion",
            "Description",
            "Metadata",
            "Parameters",
            "Mappings",
            "Conditions",
            "Resources",
            "Outputs");
    private static final List<String> RESOURCE_ORDER = List.of(
            "Type", "Condition", "DependsOn", "DeletionPolicy", "UpdateReplacePolicy", "Metadata", "Properties");

    private Canonical() {}

    static ObjectNode template(ObjectNode root) {
        ObjectNode out = ordered(root, byList(SECTION_ORDER), false);
        for (String section : List.of("Parameters", "Resources", "Outputs")) {
            JsonNode s = out.get(section);
            if (s instanceof ObjectNode entries) {
                ObjectNode sorted = Cfn.object();
                sortedNames(entries, Comparator.naturalOrder())
                        .forEach(id -> sorted.set(
                                id,
                                section.equals("Resources")
                                        ? ordered((ObjectNode) entries.get(id), byList(RESOURCE_ORDER), true)
                                        : sortDeep(entries.get(id))));
                out.set(section, sorted);
            }
        }
        return out;
    }

    private static ObjectNode ordered(ObjectNode node, Comparator<String> order, boolean deepSortChildren) {
        ObjectNode out = Cfn.object();
        for (String name : sortedNames(node, order)) {
            JsonNode child = node.get(name);
            out.set(name, deepSortChildren ? sortDeep(child) : child);
        }
        return out;
    }

    static JsonNode sortDeep(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode out = Cfn.object();
            for (String name : sortedNames(object, Comparator.naturalOrder())) {
                out.set(name, sortDeep(object.get(name)));
            }
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = Cfn.NODES.arrayNode();
            array.forEach(item -> out.add(sortDeep(item)));
            return out;
        }
        return node;
    }

    private static List<String> sortedNames(ObjectNode node, Comparator<String> order) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        names.sort(order);
        return names;
    }

    private static Comparator<String> byList(List<String> order) {
        return Comparator.<String>comparingInt(k -> order.contains(k) ? order.indexOf(k) : order.size())
                .thenComparing(Comparator.naturalOrder());
    }
}
