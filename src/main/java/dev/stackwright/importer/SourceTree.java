package dev.stackwright.importer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.SourceLocation;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A JSON or YAML file read into a Jackson tree that remembers the line and column of every value, so importers can
 * point at the property they could not use. CloudFormation's YAML short forms ({@code !Ref X}, {@code !GetAtt a.b},
 * {@code !Sub ...}) become the long forms ({@code {"Ref": "X"}}, {@code {"Fn::GetAtt": ["a", "b"]}}) while reading,
 * so the rest of the importer sees one shape.
 *
 * <p>Paths are dotted with list indices in brackets: {@code Resources.Vpc.Properties.CidrBlock},
 * {@code Subnets[2].VpcId}.
 */
public final class SourceTree {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String file;
    private final JsonNode root;
    /**
     * Where each object and list starts; every value's place once {@link #complete} is set. A snapshot's 23 MB of
     * interfaces hold a million values, and a path and a place for each was a third of reading them, while findings
     * (which name single values) are few: the places of single values are read again, from the text, only when a
     * path is asked for that no object or list has.
     */
    private Map<String, SourceLocation> locations;

    private @Nullable String text;
    private boolean complete;

    private SourceTree(String file, JsonNode root, Map<String, SourceLocation> locations, String text) {
        this.file = file;
        this.root = root;
        this.locations = locations;
        this.text = text;
    }

    /** The text could not be read as JSON or YAML. */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Diagnostic diagnostic;

        Malformed(Diagnostic diagnostic) {
            super(diagnostic.format());
            this.diagnostic = diagnostic;
        }

        public Diagnostic diagnostic() {
            return diagnostic;
        }
    }

    /**
     * Reads JSON (text that starts with a brace or bracket) or YAML.
     *
     * @throws Malformed with the line and column of the syntax error
     */
    public static SourceTree parse(String file, String text) throws Malformed {
        String start = text.stripLeading();
        boolean json = start.startsWith("{") || start.startsWith("[");
        Map<String, SourceLocation> locations = new HashMap<>();
        try (JsonParser parser = (json ? JSON : YAML).createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new Malformed(Diagnostic.error(
                        "empty-file",
                        SourceLocation.ofFile(file),
                        "",
                        "the file is empty",
                        null,
                        "give a file with content"));
            }
            JsonNode root = read(parser, file, "", locations, false);
            return new SourceTree(file, root, locations, text);
        } catch (JacksonException e) {
            JsonLocation where = e.getLocation();
            SourceLocation at = where == null || where.getLineNr() < 1
                    ? SourceLocation.ofFile(file)
                    : new SourceLocation(file, where.getLineNr(), Math.max(1, where.getColumnNr()));
            String message = e.getOriginalMessage() == null
                    ? "syntax error"
                    : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new Malformed(Diagnostic.error(
                    "malformed",
                    at,
                    "",
                    "this is not valid " + (json ? "JSON" : "YAML") + ": " + message,
                    null,
                    "fix the syntax, or regenerate the file"));
        } catch (IOException e) {
            throw new IllegalStateException("reading from a string cannot fail with I/O", e);
        }
    }

    /** Reads one value; records its place if {@code everyValue} or if it is an object or a list. */
    private static JsonNode read(
            JsonParser p, String file, String path, Map<String, SourceLocation> locations, boolean everyValue)
            throws IOException {
        if (everyValue || p.currentToken() == JsonToken.START_OBJECT || p.currentToken() == JsonToken.START_ARRAY) {
            JsonLocation l = p.currentTokenLocation();
            locations.put(path, new SourceLocation(file, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr())));
        }
        Object typeId = p.getTypeId();
        String tag = typeId == null ? null : typeId.toString();
        JsonNode value = switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonToken next = p.nextToken();
                    // A single value's path is only needed when its place is recorded.
                    String child = everyValue || next == JsonToken.START_OBJECT || next == JsonToken.START_ARRAY
                            ? (path.isEmpty() ? key : path + "." + key)
                            : "";
                    o.set(key, read(p, file, child, locations, everyValue));
                }
                yield o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                int i = 0;
                while (true) {
                    JsonToken next = p.nextToken();
                    if (next == JsonToken.END_ARRAY) {
                        break;
                    }
                    String child = everyValue || next == JsonToken.START_OBJECT || next == JsonToken.START_ARRAY
                            ? path + "[" + i + "]"
                            : "";
                    i++;
                    a.add(read(p, file, child, locations, everyValue));
                }
                yield a;
            }
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> NODES.numberNode(p.getLongValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> NODES.textNode(p.getText());
        };
        return tag == null || tag.isEmpty() ? value : shortForm(tag, value);
    }

    /** {@code !Ref X} is {@code Ref: X}, {@code !GetAtt a.b} is {@code Fn::GetAtt: [a, b]}, {@code !Sub} is {@code Fn::Sub}. */
    private static JsonNode shortForm(String tag, JsonNode value) {
        String name = tag.startsWith("!") ? tag.substring(1) : tag;
        if (name.startsWith("tag:") || name.contains(":")) {
            return value;
        }
        if (name.equals("GetAtt") && value.isTextual() && value.asText().contains(".")) {
            String text = value.asText();
            int dot = text.indexOf('.');
            ArrayNode parts = NODES.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1));
            return NODES.objectNode().set("Fn::GetAtt", parts);
        }
        String key = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
        return NODES.objectNode().set(key, value);
    }

    public String file() {
        return file;
    }

    public JsonNode root() {
        return root;
    }

    /** Where a path's value starts, or the nearest enclosing value's place. */
    public SourceLocation at(String path) {
        if (!complete && !locations.containsKey(path)) {
            complete();
        }
        String p = path;
        while (true) {
            SourceLocation found = locations.get(p);
            if (found != null) {
                return found;
            }
            if (p.isEmpty()) {
                return SourceLocation.ofFile(file);
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
    }

    /** The value at a path as the file has it (before any evaluation). */
    public Optional<SourceLocation> exact(String path) {
        if (!complete && !locations.containsKey(path)) {
            complete();
        }
        return Optional.ofNullable(locations.get(path));
    }

    /** Reads the text again recording the place of every value (it was read once already, so it is valid). */
    private void complete() {
        String source = java.util.Objects.requireNonNull(text); // kept until this runs
        String start = source.stripLeading();
        boolean json = start.startsWith("{") || start.startsWith("[");
        Map<String, SourceLocation> all = new HashMap<>();
        try (JsonParser parser = (json ? JSON : YAML).createParser(source)) {
            parser.nextToken();
            read(parser, file, "", all, true);
        } catch (IOException e) {
            throw new IllegalStateException("a text read once reads again", e);
        }
        locations = all;
        complete = true;
        text = null;
    }
}
