package dev.stackwright.diag;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML file read into a Jackson tree that remembers where every key and value stood, so that any later stage can
 * point the user at the line and column of the key it complains about.
 *
 * <p>Paths are dotted with list indices in brackets: {@code network.endpoints[1]}. The root is the empty path.
 */
public final class YamlDocument {
    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String file;
    private final JsonNode root;
    private final Map<String, SourceLocation> keys;
    private final Map<String, SourceLocation> values;

    private YamlDocument(
            String file, JsonNode root, Map<String, SourceLocation> keys, Map<String, SourceLocation> values) {
        this.file = file;
        this.root = root;
        this.keys = keys;
        this.values = values;
    }

    /**
     * Parses YAML text; syntax errors, duplicate keys and an empty or non-mapping document become diagnostics.
     *
     * @throws InputException when the text is not a single YAML mapping
     */
    public static YamlDocument parse(String file, String text) {
        Reader reader = new Reader(file);
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new InputException(List.of(Diagnostic.error(
                        "empty-file",
                        SourceLocation.ofFile(file),
                        "",
                        "the file is empty",
                        null,
                        "start from `stackwright init`, or add at least `name: my-app`")));
            }
            if (first != JsonToken.START_OBJECT) {
                throw new InputException(List.of(Diagnostic.error(
                        "not-a-mapping",
                        reader.at(parser.currentTokenLocation()),
                        "",
                        "the file must be a YAML mapping of keys such as name, network and service",
                        describe(parser, first),
                        "start the file with `name: my-app` and put the other sections beside it")));
            }
            JsonNode root = reader.read(parser, "");
            if (parser.nextToken() != null) {
                reader.problems.add(Diagnostic.error(
                        "multiple-documents",
                        reader.at(parser.currentTokenLocation()),
                        "",
                        "the file holds more than one YAML document",
                        null,
                        "keep one document per file; remove the `---` separator"));
            }
            if (!reader.problems.isEmpty()) {
                throw new InputException(reader.problems);
            }
            return new YamlDocument(file, root, reader.keys, reader.values);
        } catch (JacksonException e) {
            JsonLocation where = e.getLocation();
            SourceLocation location = where == null ? SourceLocation.ofFile(file) : reader.at(where);
            throw new InputException(List.of(Diagnostic.error(
                    "yaml-syntax",
                    location,
                    "",
                    "this is not valid YAML: " + firstLine(e.getOriginalMessage()),
                    null,
                    "check the indentation and that every `key: value` pair has a space after the colon")));
        } catch (IOException e) {
            throw new IllegalStateException("reading YAML from a string cannot fail with I/O", e);
        }
    }

    public String file() {
        return file;
    }

    public JsonNode root() {
        return root;
    }

    /** Where the key at {@code path} stood, or the nearest enclosing key that exists. */
    public SourceLocation keyLocation(String path) {
        return nearest(path, keys);
    }

    /** Where the value at {@code path} started, or the nearest enclosing value that exists. */
    public SourceLocation valueLocation(String path) {
        return nearest(path, values);
    }

    private SourceLocation nearest(String path, Map<String, SourceLocation> index) {
        String p = path;
        while (true) {
            SourceLocation found = index.get(p);
            if (found != null) {
                return found;
            }
            if (p.isEmpty()) {
                return SourceLocation.ofFile(file);
            }
            p = parent(p);
        }
    }

    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    private static String describe(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case START_ARRAY -> "a list";
            case VALUE_NULL -> "nothing";
            default -> "`" + parser.getText() + "`";
        };
    }

    private static String firstLine(String message) {
        String m = message == null ? "unreadable input" : message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }

    /** Builds the tree token by token, recording locations as it goes. */
    private static final class Reader {
        private final String file;
        private final Map<String, SourceLocation> keys = new HashMap<>();
        private final Map<String, SourceLocation> values = new HashMap<>();
        private final List<Diagnostic> problems = new ArrayList<>();

        Reader(String file) {
            this.file = file;
        }

        SourceLocation at(JsonLocation l) {
            return new SourceLocation(file, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
        }

        JsonNode read(JsonParser p, String path) throws IOException {
            values.put(path, at(p.currentTokenLocation()));
            return switch (p.currentToken()) {
                case START_OBJECT -> readObject(p, path);
                case START_ARRAY -> readArray(p, path);
                case VALUE_STRING -> NODES.textNode(p.getText());
                case VALUE_NUMBER_INT -> NODES.numberNode(p.getBigIntegerValue());
                case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDecimalValue());
                case VALUE_TRUE -> NODES.booleanNode(true);
                case VALUE_FALSE -> NODES.booleanNode(false);
                case VALUE_NULL -> NODES.nullNode();
                default -> NODES.textNode(p.getText());
            };
        }

        private ObjectNode readObject(JsonParser p, String path) throws IOException {
            ObjectNode node = NODES.objectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                String child = path.isEmpty() ? name : path + "." + name;
                SourceLocation keyAt = at(p.currentTokenLocation());
                p.nextToken();
                if (node.has(name)) {
                    problems.add(Diagnostic.error(
                            "duplicate-key",
                            keyAt,
                            child,
                            "this key appears twice",
                            null,
                            "keep one `" + name + "` (the first is at line "
                                    + java.util.Objects.requireNonNull(keys.get(child))
                                            .line() + ")"));
                    read(p, child + "#duplicate");
                    continue;
                }
                keys.put(child, keyAt);
                node.set(name, read(p, child));
            }
            return node;
        }

        private ArrayNode readArray(JsonParser p, String path) throws IOException {
            ArrayNode node = NODES.arrayNode();
            int index = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                String child = path + "[" + index++ + "]";
                keys.put(child, at(p.currentTokenLocation()));
                node.add(read(p, child));
            }
            return node;
        }
    }
}
