package dev.stackwright.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.model.Environment;
import java.math.BigDecimal;

/**
 * The defaults of {@code stackwright.yml}, read from {@code stackwright.schema.json}: the one place they are written,
 * so the loader, editors (which read the schema) and every other reader agree. A key whose default is the same in
 * every environment has the schema's {@code default}; one that depends on the environment has
 * {@value #PER_ENVIRONMENT}, an object from environment to value. {@code docs/spec.md} states the same values, and
 * SpecDefaultsTest holds it to them.
 */
public final class SpecDefaults {
    /** The schema keyword for a default that depends on the spec's environment. */
    public static final String PER_ENVIRONMENT = "x-default-per-environment";

    private SpecDefaults() {}

    /** The default of a text key, e.g. {@code network.nat}. */
    public static String text(String path) {
        JsonNode value = value(path);
        require(value.isTextual(), path, "text");
        return value.asText();
    }

    /** The default of a whole-number key, e.g. {@code service.port}. */
    public static int integer(String path) {
        return integer(value(path), path);
    }

    /** The default of a whole-number key in an environment, e.g. {@code network.azs}. */
    public static int integer(String path, Environment env) {
        return integer(value(path, env), path);
    }

    /** The default of a true-or-false key, e.g. {@code network.flowLogs}. */
    public static boolean bool(String path) {
        return bool(value(path), path);
    }

    /** The default of a true-or-false key in an environment, e.g. {@code database.multiAz}. */
    public static boolean bool(String path, Environment env) {
        return bool(value(path, env), path);
    }

    /** The default of a number key, exactly as written, e.g. {@code traffic.requestsPerMonth}. */
    public static BigDecimal decimal(String path) {
        JsonNode value = value(path);
        require(value.isNumber(), path, "a number");
        return new BigDecimal(value.asText());
    }

    /** The default of a list-of-text key, e.g. {@code pipeline.approvalBefore}. */
    public static java.util.List<String> texts(String path) {
        JsonNode value = value(path);
        require(value.isArray(), path, "a list");
        java.util.List<String> out = new java.util.ArrayList<>();
        value.forEach(item -> out.add(item.asText()));
        return java.util.List.copyOf(out);
    }

    private static int integer(JsonNode value, String path) {
        require(value.isIntegralNumber() && value.canConvertToInt(), path, "a whole number");
        return value.asInt();
    }

    private static boolean bool(JsonNode value, String path) {
        require(value.isBoolean(), path, "true or false");
        return value.asBoolean();
    }

    private static JsonNode value(String path) {
        return SchemaCheck.schemaAt(path).path("default");
    }

    private static JsonNode value(String path, Environment env) {
        return SchemaCheck.schemaAt(path).path(PER_ENVIRONMENT).path(env.id());
    }

    /** A default the code asks for and the schema lacks is our bug, found by the first test that loads a spec. */
    private static void require(boolean ok, String path, String what) {
        if (!ok) {
            throw new IllegalStateException("stackwright.schema.json gives " + path + " no default that is " + what);
        }
    }
}
