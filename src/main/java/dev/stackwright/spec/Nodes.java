package dev.stackwright.spec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reading values the schema has already checked. Tolerant: a value of the wrong type gives the default, because the
 * schema has reported it and binding must go on to find the other problems in the same pass.
 */
final class Nodes {
    private Nodes() {}

    static String text(JsonNode parent, String key, String fallback) {
        JsonNode node = parent.path(key);
        return node.isTextual() ? node.asText() : fallback;
    }

    static int integer(JsonNode parent, String key, int fallback) {
        JsonNode node = parent.path(key);
        return node.isIntegralNumber() && node.canConvertToInt() ? node.asInt() : fallback;
    }

    static boolean bool(JsonNode parent, String key, boolean fallback) {
        JsonNode node = parent.path(key);
        return node.isBoolean() ? node.asBoolean() : fallback;
    }
}
