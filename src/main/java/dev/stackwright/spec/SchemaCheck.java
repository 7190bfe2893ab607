package dev.stackwright.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.SourceLocation;
import dev.stackwright.diag.Suggestions;
import dev.stackwright.diag.YamlDocument;
import dev.stackwright.model.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Checks a spec tree against {@code stackwright.schema.json}, the same schema editors use, and turns each violation
 * into a diagnostic with a fix. The schema is the one source of truth for keys, types, enums and ranges.
 */
public final class SchemaCheck {
    static final String RESOURCE = "/dev/stackwright/spec/stackwright.schema.json";

    private static final class Holder {
        static final JsonNode SCHEMA_TREE = readSchema();
        static final JsonSchema SCHEMA =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(SCHEMA_TREE);
    }

    private SchemaCheck() {}

    /** The schema's text, for `stackwright schema` and editors. */
    public static JsonNode schemaTree() {
        return Holder.SCHEMA_TREE;
    }

    /** All schema violations of the document, as diagnostics at the offending key. */
    public static List<Diagnostic> check(YamlDocument doc) {
        Set<ValidationMessage> messages = Holder.SCHEMA.validate(doc.root());
        List<Diagnostic> out = new ArrayList<>();
        for (ValidationMessage m : messages) {
            out.add(toDiagnostic(doc, m));
        }
        return out;
    }

    private static Diagnostic toDiagnostic(YamlDocument doc, ValidationMessage m) {
        String path = dotted(m.getInstanceLocation());
        JsonNode schema = schemaAt(path);
        JsonNode value = m.getInstanceNode();
        String type = m.getType();
        return switch (type) {
            case "additionalProperties" -> {
                String key = m.getProperty();
                String keyPath = join(path, key);
                List<String> allowed = names(schema.path("properties"));
                String fix = Suggestions.closest(key, allowed)
                        .map(s -> "did you mean `" + s + "`? Rename it")
                        .orElse("remove it; keys allowed " + (path.isEmpty() ? "at the top level" : "under " + path)
                                + ": " + String.join(", ", allowed));
                yield Diagnostic.error(
                        "unknown-key", doc.keyLocation(keyPath), keyPath, "is not a key Stackwright knows", null, fix);
            }
            case "required" -> {
                String key = m.getProperty();
                String keyPath = join(path, key);
                yield Diagnostic.error(
                        "missing-key",
                        doc.valueLocation(path),
                        keyPath,
                        "this key is required",
                        null,
                        "add `" + key + ":` " + (path.isEmpty() ? "at the top level" : "under " + path) + " ("
                                + schema.path("properties")
                                        .path(key)
                                        .path("description")
                                        .asText("") + ")");
            }
            case "enum" -> {
                List<String> options = new ArrayList<>();
                schema.path("enum").forEach(e -> options.add(e.asText()));
                String got = shown(value);
                String fix = Suggestions.closest(value.asText(), options)
                        .map(s -> "did you mean `" + s + "`? Use one of: " + String.join(", ", options))
                        .orElse("use one of: " + String.join(", ", options));
                yield Diagnostic.error(
                        "not-allowed", doc.valueLocation(path), path, "is not an allowed value", got, fix);
            }
            case "type" -> {
                JsonNode types = schema.path("type");
                // A key that takes either of several types (frontDoor: a name or a mapping) lists them all.
                String expected = types.isArray()
                        ? String.join(
                                " or ",
                                java.util.stream.StreamSupport.stream(types.spliterator(), false)
                                        .map(JsonNode::asText)
                                        .toList())
                        : types.asText("value");
                yield Diagnostic.error(
                        "wrong-type",
                        doc.valueLocation(path),
                        path,
                        "must be " + article(expected),
                        shown(value),
                        fixForType(path, expected, schema));
            }
            case "minimum", "maximum" ->
                Diagnostic.error(
                        "out-of-range",
                        doc.valueLocation(path),
                        path,
                        "must be between " + schema.path("minimum").asText("?") + " and "
                                + schema.path("maximum").asText("?"),
                        shown(value),
                        "use a whole number from " + schema.path("minimum").asText("?") + " to "
                                + schema.path("maximum").asText("?"));
            case "pattern" -> patternProblem(doc.valueLocation(path), path, shown(value), schema);
            case "uniqueItems" ->
                Diagnostic.error(
                        "duplicate-item",
                        doc.valueLocation(path),
                        path,
                        "lists the same item more than once",
                        shown(value),
                        "list each item once");
            case "minLength" ->
                Diagnostic.error(
                        "empty-value",
                        doc.valueLocation(path),
                        path,
                        "must not be empty",
                        shown(value),
                        "give a value or remove the key");
            default ->
                Diagnostic.error(
                        "schema",
                        doc.valueLocation(path),
                        path,
                        m.getMessage(),
                        null,
                        "see stackwright.schema.json (`stackwright schema` prints it)");
        };
    }

    /**
     * Checks a text value against the pattern the schema gives the key at {@code path}, for a value that comes from
     * elsewhere than a spec file (such as {@code init --name}): the same rule and message as in a spec.
     *
     * @param label what to call the value in the message, e.g. the command-line option it came from
     */
    static Optional<Diagnostic> checkText(String path, String value, SourceLocation at, String label) {
        JsonNode schema = schemaAt(path);
        String pattern = schema.path("pattern").asText("");
        if (pattern.isEmpty() || Pattern.compile(pattern).matcher(value).find()) {
            return Optional.empty();
        }
        return Optional.of(patternProblem(at, label, "`" + value + "`", schema));
    }

    /** A value that does not match its key's pattern; the fix is the schema's {@code x-fix} for the key. */
    private static Diagnostic patternProblem(SourceLocation at, String path, @Nullable String got, JsonNode schema) {
        return Diagnostic.error(
                "bad-format",
                at,
                path,
                "is not in the expected form",
                got,
                schema.path("x-fix").asText("see the description in stackwright.schema.json"));
    }

    private static String fixForType(String path, String expected, JsonNode schema) {
        // The default makes the example; for a default per environment, the default environment's.
        JsonNode example = schema.has("default")
                ? schema.path("default")
                : schema.path(SpecDefaults.PER_ENVIRONMENT).path(Environment.DEV.id());
        String hint = example.isMissingNode()
                ? ""
                : ", e.g. `" + path.substring(path.lastIndexOf('.') + 1) + ": " + example.asText() + "`";
        return switch (expected) {
            case "object" -> "indent the keys under `" + path + ":` as a mapping" + hint;
            case "array" -> "write a list, e.g. `[s3, dynamodb]`";
            case "integer" -> "write a whole number without quotes" + hint;
            case "boolean" -> "write true or false without quotes" + hint;
            case "string" -> "write text, quoted if it contains special characters" + hint;
            case "string or object" -> "write a name such as `alb`, or a mapping with `type:` and its settings";
            case "boolean or object" -> "write true or false, or a mapping such as `{destination: s3}`";
            default -> "write " + article(expected);
        };
    }

    private static String article(String type) {
        if (type.contains(" or ")) {
            return java.util.Arrays.stream(type.split(" or "))
                    .map(SchemaCheck::article)
                    .collect(Collectors.joining(" or "));
        }
        return switch (type) {
            case "object" -> "a mapping of keys";
            case "array" -> "a list";
            case "integer" -> "a whole number";
            case "boolean" -> "true or false";
            case "string" -> "text";
            default -> "a " + type;
        };
    }

    static @Nullable String shown(@Nullable JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return null;
        }
        if (value.isNull()) {
            return "nothing";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return value.size() <= 5 ? value.toString() : "a list of " + value.size() + " items";
        }
        return "`" + value.asText() + "`";
    }

    /** The schema node that describes the value at a dotted path (list indices step into {@code items}). */
    static JsonNode schemaAt(String path) {
        JsonNode node = Holder.SCHEMA_TREE;
        if (path.isEmpty()) {
            return node;
        }
        // limit 0: trailing empty parts are dropped
        for (String part : path.split("\\.", 0)) {
            String name = part;
            int bracket = part.indexOf('[');
            if (bracket >= 0) {
                name = part.substring(0, bracket);
            }
            node = node.path("properties").path(name);
            for (int i = bracket; i >= 0 && i < part.length(); i = part.indexOf('[', i + 1)) {
                node = node.path("items");
            }
        }
        return node;
    }

    private static String dotted(JsonNodePath location) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(element);
            }
        }
        return path.toString();
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static List<String> names(JsonNode properties) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = properties.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names.stream().sorted().collect(Collectors.toList());
    }

    private static JsonNode readSchema() {
        try (InputStream in = SchemaCheck.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("stackwright.schema.json is missing from the jar");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
