package dev.stackwright.cfnspec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * The value constraints AWS publishes in its CloudFormation registry schemas ({@code pattern},
 * {@code enum}, {@code minLength}/{@code maxLength}, {@code minimum}/{@code maximum}, {@code
 * minItems}/{@code maxItems}) for the types in {@code types.txt}, as {@code
 * scripts/update-cfn-constraints.py} writes them to {@code /cfn-spec/constraints.json}, plus the
 * file's hand-written section. Held as one tree per resource type that follows the nesting of its
 * properties, so the checker walks it alongside the template.
 *
 * <p>Patterns are compiled once, when the file is read. A pattern Java cannot compile is not
 * applied; {@link #skippedPatterns()} lists it (and the README must too, which a test checks).
 */
final class PublishedConstraints {

    static final String RESOURCE = "/cfn-spec/constraints.json";

    /** No constraints at all (for checkers built from a bare subset). */
    static final PublishedConstraints NONE = new PublishedConstraints(Map.of(), List.of());

    private final Map<String, Node> byType;
    private final List<String> skippedPatterns;

    private PublishedConstraints(Map<String, Node> byType, List<String> skippedPatterns) {
        this.byType = byType;
        this.skippedPatterns = skippedPatterns;
    }

    static PublishedConstraints load() {
        try (InputStream in = PublishedConstraints.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        RESOURCE + " is not on the classpath; run scripts/update-cfn-constraints.py");
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static PublishedConstraints parse(JsonNode doc) {
        Map<String, Node> byType = new HashMap<>();
        List<String> skipped = new ArrayList<>();
        addAll(doc.path("resourceTypes"), byType, skipped);
        addAll(doc.path("handWritten").path("resourceTypes"), byType, skipped);
        return new PublishedConstraints(byType, List.copyOf(skipped));
    }

    /** The constraints of a resource type's Properties; empty for a type without any. */
    Node forType(String type) {
        return byType.getOrDefault(type, Node.EMPTY);
    }

    /** "Type path: pattern (reason)" for every pattern that is not applied because Java cannot compile it. */
    List<String> skippedPatterns() {
        return skippedPatterns;
    }

    private static void addAll(JsonNode types, Map<String, Node> byType, List<String> skipped) {
        // sorted, so skippedPatterns() has a stable order
        Map<String, JsonNode> sorted = new TreeMap<>();
        types.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
        sorted.forEach((type, entry) -> {
            // generated types keep their paths under "properties"; hand-written ones list them directly
            JsonNode paths = entry.has("properties") ? entry.get("properties") : entry;
            Node root = byType.computeIfAbsent(type, t -> new Node());
            for (Map.Entry<String, JsonNode> p : paths.properties()) {
                root.at(p.getKey()).constraints.addAll(constraintsOf(type + " " + p.getKey(), p.getValue(), skipped));
            }
        });
    }

    private static List<Constraint> constraintsOf(String where, JsonNode entry, List<String> skipped) {
        String defaultSource = entry.path("source").asText("AWS registry schema");
        List<Constraint> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> k : entry.properties()) {
            String keyword = k.getKey();
            if (keyword.equals("from") || keyword.equals("source")) {
                continue;
            }
            String source = entry.path("from").path(keyword).asText(defaultSource);
            Pattern pattern = null;
            if (keyword.equals("pattern")) {
                Optional<Pattern> compiled = compile(k.getValue().asText());
                if (compiled.isEmpty()) {
                    skipped.add(where + ": " + k.getValue().asText());
                    continue;
                }
                pattern = compiled.get();
            }
            out.add(new Constraint(keyword, k.getValue(), source, pattern));
        }
        return out;
    }

    /**
     * Compiles a registry-schema pattern the way cfn-lint applies it: Python's {@code regex} module,
     * searching (not matching the whole value) with Unicode {@code \w}, {@code \d} and {@code \p{..}}.
     * Java reads a few things differently, translated here: an unescaped {@code [} or {@code &}
     * inside a character class (literal in Python, a nested class or intersection in Java), a
     * {@code ]} right after the opening {@code [} (literal in Python), {@code \Z} (the very end in
     * Python, Java's {@code \z}), {@code {,n}} (Python's {@code {0,n}}) and a <code>&#123;</code> that starts no
     * repetition (literal in Python, an error in Java).
     */
    static Optional<Pattern> compile(String schemaPattern) {
        try {
            return Optional.of(Pattern.compile(toJava(schemaPattern), Pattern.UNICODE_CHARACTER_CLASS));
        } catch (PatternSyntaxException e) {
            return Optional.empty();
        }
    }

    static String toJava(String p) {
        StringBuilder out = new StringBuilder(p.length() + 8);
        int classContent = -1; // index of the first character inside the open class, -1 outside one
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < p.length()) {
                char next = p.charAt(++i);
                if ((next == 'p' || next == 'P')
                        && i + 1 < p.length()
                        && p.charAt(i + 1) == '{'
                        && p.indexOf('}', i) > 0) {
                    int close = p.indexOf('}', i);
                    out.append(p, i - 1, close + 1); // \p{L}: a Unicode property, the same in Java
                    i = close;
                } else {
                    out.append('\\').append(classContent < 0 && next == 'Z' ? 'z' : next);
                }
            } else if (classContent >= 0) {
                if (c == ']' && i > classContent) {
                    classContent = -1;
                    out.append(c);
                } else if (c == '[' || c == '&' || c == ']') {
                    out.append('\\').append(c);
                } else {
                    out.append(c);
                }
            } else if (c == '[') {
                boolean negated = i + 1 < p.length() && p.charAt(i + 1) == '^';
                out.append(negated ? "[^" : "[");
                i += negated ? 1 : 0;
                classContent = i + 1;
            } else if (c == '{') {
                int close = p.indexOf('}', i);
                String body = close < 0 ? "" : p.substring(i + 1, close);
                if (body.matches("\\d+(,\\d*)?")) {
                    out.append(c); // a repetition, the same in Java
                } else if (body.matches(",\\d+")) {
                    out.append("{0"); // {,n}: the ",n}" follows unchanged
                } else {
                    out.append("\\{");
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The constraints at one property path of a resource type, and the paths below it. */
    static final class Node {
        static final Node EMPTY = new Node();

        private final List<Constraint> constraints = new ArrayList<>();
        private final Map<String, Node> fields = new HashMap<>();
        private @Nullable Node items;
        private @Nullable Node values;

        List<Constraint> constraints() {
            return constraints;
        }

        /** The node of a property of this object. */
        Node field(String name) {
            return fields.getOrDefault(name, EMPTY);
        }

        /** The node of the items of this list. */
        Node items() {
            return items == null ? EMPTY : items;
        }

        /** The node of the values of this map. */
        Node values() {
            return values == null ? EMPTY : values;
        }

        /** The node at a path such as {@code SecurityGroupIngress[].FromPort} or {@code Options.*}, made as needed. */
        private Node at(String path) {
            Node node = this;
            for (String part : path.split("\\.", -1)) {
                String name = part;
                int lists = 0;
                while (name.endsWith("[]")) {
                    name = name.substring(0, name.length() - 2);
                    lists++;
                }
                if (name.equals("*")) {
                    if (node.values == null) {
                        node.values = new Node();
                    }
                    node = node.values;
                } else {
                    node = node.fields.computeIfAbsent(name, n -> new Node());
                }
                for (int l = 0; l < lists; l++) {
                    if (node.items == null) {
                        node.items = new Node();
                    }
                    node = node.items;
                }
            }
            return node;
        }
    }

    /**
     * One keyword with its limit and where it came from (the registry schema, a cfn-lint file, or an
     * AWS documentation page).
     */
    record Constraint(
            String keyword,
            JsonNode limit,
            String source,
            @Nullable Pattern pattern) {

        private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
        private static final int ENUM_SHOWN = 12;

        /**
         * What is wrong with a literal value, if this constraint applies to it. Like cfn-lint: lengths
         * apply to strings, ranges to numbers and numeric strings, patterns to any scalar (as its JSON
         * text), item counts to lists.
         */
        Optional<String> problemWith(JsonNode value) {
            return Optional.ofNullable(
                    switch (keyword) {
                        case "pattern" ->
                            value.isValueNode()
                                            && !value.isNull()
                                            && !java.util.Objects.requireNonNull(pattern)
                                                    .matcher(value.asText())
                                                    .find()
                                    ? ResourceSpecCheck.literal(value) + " does not match the pattern " + limit.asText()
                                    : null;
                        case "enum" ->
                            value.isValueNode() && !ResourceSpecCheck.allowed(value, limit)
                                    ? ResourceSpecCheck.literal(value) + " is not one of " + shown(limit)
                                    : null;
                        case "minLength" ->
                            value.isTextual() && length(value) < limit.asInt()
                                    ? "is " + length(value) + " characters long, fewer than the minimum "
                                            + limit.asInt()
                                    : null;
                        case "maxLength" ->
                            value.isTextual() && length(value) > limit.asInt()
                                    ? "is " + length(value) + " characters long, more than the maximum " + limit.asInt()
                                    : null;
                        case "minimum" ->
                            number(value)
                                            .filter(n -> n.compareTo(limit.decimalValue()) < 0)
                                            .isPresent()
                                    ? ResourceSpecCheck.literal(value) + " is less than the minimum " + limit.asText()
                                    : null;
                        case "maximum" ->
                            number(value)
                                            .filter(n -> n.compareTo(limit.decimalValue()) > 0)
                                            .isPresent()
                                    ? ResourceSpecCheck.literal(value) + " is more than the maximum " + limit.asText()
                                    : null;
                        case "minItems" ->
                            countable(value) && value.size() < limit.asInt()
                                    ? "has " + value.size() + " items, fewer than the minimum " + limit.asInt()
                                    : null;
                        case "maxItems" ->
                            countable(value) && value.size() > limit.asInt()
                                    ? "has " + value.size() + " items, more than the maximum " + limit.asInt()
                                    : null;
                        default -> throw new IllegalStateException("unknown keyword in " + RESOURCE + ": " + keyword);
                    });
        }

        /** Whether a list's length is known: an intrinsic item (Fn::If, AWS::NoValue) may drop out. */
        private static boolean countable(JsonNode value) {
            if (!value.isArray()) {
                return false;
            }
            for (JsonNode item : value) {
                if (ResourceSpecCheck.isIntrinsic(item)) {
                    return false;
                }
            }
            return true;
        }

        /** Length in characters (code points), as Python counts it. */
        private static int length(JsonNode text) {
            String s = text.asText();
            return s.codePointCount(0, s.length());
        }

        private static Optional<BigDecimal> number(JsonNode value) {
            if (value.isNumber()) {
                return Optional.of(value.decimalValue());
            }
            if (value.isTextual() && NUMBER.matcher(value.asText().strip()).matches()) {
                return Optional.of(new BigDecimal(value.asText().strip()));
            }
            return Optional.empty();
        }

        private static String shown(JsonNode values) {
            List<String> shown = new ArrayList<>();
            for (int i = 0; i < Math.min(values.size(), ENUM_SHOWN); i++) {
                shown.add(values.get(i).asText());
            }
            String more = values.size() > ENUM_SHOWN ? ", ... (" + values.size() + " values in all)" : "";
            return String.join(", ", shown) + more;
        }
    }
}
