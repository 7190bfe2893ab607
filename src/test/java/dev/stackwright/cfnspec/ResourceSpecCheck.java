package dev.stackwright.cfnspec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.stackwright.cfnspec.PublishedConstraints.Node;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Validates a CloudFormation template against AWS's CloudFormation resource specification, as
 * copied for the types in {@code src/test/resources/cfn-spec/types.txt} into
 * {@code /cfn-spec/resource-spec-subset.json} by {@code scripts/update-cfn-spec.sh}.
 *
 * <p>{@link #check(JsonNode)} returns one human-readable line per violation, each starting with the
 * JSON path of the offending value, e.g. {@code Resources.SubnetAppA (AWS::EC2::Subnet).Properties.Foo:
 * unknown property}. An empty list means the template is valid. It checks:
 *
 * <ul>
 *   <li>the template's sections, and that it has Resources;
 *   <li>every resource type is in the subset (else: add it to types.txt and rerun the script);
 *   <li>unknown and missing required properties, at every level of nesting;
 *   <li>value types: primitives, enumerations, lists, maps, property types, unions, Tags;
 *   <li>on literal values, the constraints AWS publishes in its CloudFormation registry schemas
 *       (patterns, enumerations, string lengths, numeric ranges, item counts) as cfn-lint applies
 *       them for us-east-1, plus hand-written ELB attribute keys: {@code /cfn-spec/constraints.json},
 *       written by {@code scripts/update-cfn-constraints.py}, read by {@link PublishedConstraints};
 *   <li>intrinsic functions (a single-key object whose key is {@code Ref}, {@code Fn::*} or {@code
 *       Condition}) stand for a value: they are accepted where a scalar is expected if they produce
 *       a scalar, and where a list is expected if they produce a list ({@code Fn::GetAZs}, {@code
 *       Fn::Split}, {@code Fn::Cidr}, a {@code Ref} to a list parameter or to {@code
 *       AWS::NotificationARNs}, a {@code Fn::GetAtt} of a list attribute); {@code Fn::If} is checked
 *       branch by branch and {@code Ref: AWS::NoValue} is accepted anywhere;
 *   <li>{@code Ref} targets (resource, parameter or pseudo parameter), {@code Fn::GetAtt} resources
 *       and attributes, {@code Fn::Sub} variables, condition and mapping names, anywhere in the
 *       template including Outputs, json-typed properties and Metadata;
 *   <li>{@code DeletionPolicy}, {@code UpdateReplacePolicy}, {@code DependsOn} and {@code Condition}
 *       of resources, and that Output values are strings.
 * </ul>
 *
 * <p><b>Scalar types.</b> By default scalars are checked the way cfn-lint (v1) checks them by default
 * (rule E3012 without {@code strict}; {@code cfnlint.jsonschema._keywords_cfn._raw_type}), because
 * CloudFormation itself converts scalars: a string property accepts any string, number or boolean;
 * an integer property accepts a whole JSON number or a string of digits; a number property accepts
 * a JSON number or a numeric string; a boolean property accepts {@code true}/{@code false} or the
 * strings {@code "true"}, {@code "True"}, {@code "false"}, {@code "False"}. Objects, arrays and
 * null are never scalars. (One deliberate difference: cfn-lint lets {@code 2.5} through as an
 * integer because Python's {@code int()} truncates it; this rejects it.) {@link #strictTypes()}
 * gives cfn-lint's strict mode instead: the JSON type must match exactly.
 */
public final class ResourceSpecCheck {

    /** Classpath location of the generated subset. */
    public static final String SUBSET_RESOURCE = "/cfn-spec/resource-spec-subset.json";

    private static final String HOW_TO_ADD =
            "add it to src/test/resources/cfn-spec/types.txt and run scripts/update-cfn-spec.sh";

    private static final Set<String> TEMPLATE_SECTIONS = Set.of(
            "AWSTemplateFormatVersion",
            "Description",
            "Metadata",
            "Parameters",
            "Rules",
            "Mappings",
            "Conditions",
            "Transform",
            "Resources",
            "Outputs");

    private static final Set<String> RESOURCE_KEYS = Set.of(
            "Type",
            "Properties",
            "DependsOn",
            "DeletionPolicy",
            "UpdateReplacePolicy",
            "Condition",
            "Metadata",
            "CreationPolicy",
            "UpdatePolicy");

    private static final Set<String> OUTPUT_KEYS = Set.of("Value", "Description", "Export", "Condition");

    private static final List<String> DELETION_POLICIES =
            List.of("Delete", "Retain", "RetainExceptOnCreate", "Snapshot");
    private static final List<String> UPDATE_REPLACE_POLICIES = List.of("Delete", "Retain", "Snapshot");

    /** Types whose DeletionPolicy/UpdateReplacePolicy may be Snapshot (CloudFormation user guide). */
    private static final Set<String> SNAPSHOT_TYPES = Set.of(
            "AWS::EC2::Volume",
            "AWS::ElastiCache::CacheCluster",
            "AWS::ElastiCache::ReplicationGroup",
            "AWS::ElastiCache::ServerlessCache",
            "AWS::Neptune::DBCluster",
            "AWS::RDS::DBCluster",
            "AWS::RDS::DBInstance",
            "AWS::Redshift::Cluster",
            "AWS::DocDB::DBCluster");

    private static final Set<String> PSEUDO_PARAMETERS = Set.of(
            "AWS::AccountId",
            "AWS::NotificationARNs",
            "AWS::NoValue",
            "AWS::Partition",
            "AWS::Region",
            "AWS::StackId",
            "AWS::StackName",
            "AWS::URLSuffix");

    private static final Set<String> KNOWN_FUNCTIONS = Set.of(
            "Ref",
            "Condition",
            "Fn::Base64",
            "Fn::Cidr",
            "Fn::FindInMap",
            "Fn::GetAtt",
            "Fn::GetAZs",
            "Fn::ImportValue",
            "Fn::Join",
            "Fn::Select",
            "Fn::Split",
            "Fn::Sub",
            "Fn::Transform",
            "Fn::If",
            "Fn::Equals",
            "Fn::And",
            "Fn::Or",
            "Fn::Not",
            "Fn::Length",
            "Fn::ToJsonString");

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern INTEGER_STRING = Pattern.compile("[+-]?\\d+");
    private static final Pattern NUMBER_STRING = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Set<String> BOOLEAN_STRINGS = Set.of("true", "True", "false", "False");

    private static volatile @Nullable ResourceSpecCheck cached;

    private final Spec spec;
    private final PublishedConstraints constraints;
    private final boolean strict;

    private ResourceSpecCheck(Spec spec, PublishedConstraints constraints, boolean strict) {
        this.spec = spec;
        this.constraints = constraints;
        this.strict = strict;
    }

    /** The checker for the subset on the test classpath; read once, then cached. */
    public static ResourceSpecCheck load() {
        ResourceSpecCheck c = cached;
        if (c == null) {
            synchronized (ResourceSpecCheck.class) {
                c = cached;
                if (c == null) {
                    try (InputStream in = ResourceSpecCheck.class.getResourceAsStream(SUBSET_RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException(
                                    SUBSET_RESOURCE + " is not on the classpath; run scripts/update-cfn-spec.sh");
                        }
                        c = new ResourceSpecCheck(
                                Spec.parse(new ObjectMapper().readTree(in)), PublishedConstraints.load(), false);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + SUBSET_RESOURCE, e);
                    }
                    cached = c;
                }
            }
        }
        return c;
    }

    /**
     * A checker for an already parsed subset document (the format the script writes), without the
     * published value constraints.
     */
    public static ResourceSpecCheck fromSubset(JsonNode subset) {
        return new ResourceSpecCheck(Spec.parse(subset), PublishedConstraints.NONE, false);
    }

    /** The same spec, but scalars must have exactly the JSON type (cfn-lint's strict mode). */
    public ResourceSpecCheck strictTypes() {
        return new ResourceSpecCheck(spec, constraints, true);
    }

    /**
     * The published patterns this checker does not apply because Java cannot compile them, as "Type
     * path: pattern"; each is listed in {@code src/test/resources/cfn-spec/README.md}.
     */
    public List<String> skippedPatterns() {
        return constraints.skippedPatterns();
    }

    /** The version of {@code @aws-cdk/aws-service-spec} the subset was made from. */
    public String specVersion() {
        return spec.version;
    }

    /** Whether the subset covers the resource type. */
    public boolean hasResourceType(String type) {
        return spec.resources.containsKey(type);
    }

    /** Violations in the template, one line each; empty when it is valid. */
    public List<String> check(JsonNode template) {
        return new Run(template).run();
    }

    /** Throws an AssertionError listing every violation, if there are any. */
    public void assertValid(JsonNode template) {
        List<String> violations = check(template);
        if (!violations.isEmpty()) {
            throw new AssertionError("template violates the CloudFormation spec ("
                    + violations.size()
                    + "):\n  "
                    + String.join("\n  ", violations));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Model of the subset

    private sealed interface Type permits Primitive, ListOf, MapOf, Struct, OneOf {}

    /** kind: string, integer, number, boolean, json, timestamp, tag, object (attributes only). */
    private record Primitive(String kind, List<JsonNode> allowedValues) implements Type {}

    private record ListOf(Type element) implements Type {}

    private record MapOf(Type element) implements Type {}

    private record Struct(String name) implements Type {}

    private record OneOf(List<Type> members) implements Type {}

    private record Prop(Type type, boolean required) {}

    private record ResourceSpec(
            String type,
            Map<String, Prop> properties,
            Map<String, Map<String, Prop>> propertyTypes,
            Map<String, Type> attributes) {}

    private static final Map<String, Prop> TAG_PROPERTIES = orderedMap(
            "Key", new Prop(new Primitive("string", List.of()), true),
            "Value", new Prop(new Primitive("string", List.of()), true));

    private static final Primitive STRING = new Primitive("string", List.of());

    private static <K, V> Map<K, V> orderedMap(K k1, V v1, K k2, V v2) {
        Map<K, V> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return Collections.unmodifiableMap(m);
    }

    private record Spec(String version, Map<String, ResourceSpec> resources) {
        static Spec parse(JsonNode root) {
            JsonNode types = root.path("resourceTypes");
            if (!types.isObject()) {
                throw new IllegalArgumentException("not a resource spec subset: no resourceTypes object");
            }
            Map<String, ResourceSpec> resources = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : types.properties()) {
                JsonNode r = e.getValue();
                Map<String, Map<String, Prop>> propertyTypes = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> pt : r.path("propertyTypes").properties()) {
                    propertyTypes.put(pt.getKey(), parseProperties(pt.getValue().path("properties")));
                }
                Map<String, Type> attributes = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> a : r.path("attributes").properties()) {
                    attributes.put(a.getKey(), parseType(a.getValue()));
                }
                resources.put(
                        e.getKey(),
                        new ResourceSpec(e.getKey(), parseProperties(r.path("properties")), propertyTypes, attributes));
            }
            return new Spec(root.path("header").path("version").asText("unknown"), resources);
        }

        private static Map<String, Prop> parseProperties(JsonNode node) {
            Map<String, Prop> props = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> p : node.properties()) {
                props.put(
                        p.getKey(),
                        new Prop(
                                parseType(p.getValue().path("type")),
                                p.getValue().path("required").asBoolean()));
            }
            return props;
        }

        private static Type parseType(JsonNode t) {
            if (t.isTextual()) {
                return new Primitive(t.asText(), List.of());
            }
            if (t.has("primitive")) {
                List<JsonNode> allowed = new ArrayList<>();
                t.path("allowedValues").forEach(allowed::add);
                return new Primitive(t.get("primitive").asText(), List.copyOf(allowed));
            }
            if (t.has("listOf")) {
                return new ListOf(parseType(t.get("listOf")));
            }
            if (t.has("mapOf")) {
                return new MapOf(parseType(t.get("mapOf")));
            }
            if (t.has("propertyType")) {
                return new Struct(t.get("propertyType").asText());
            }
            if (t.has("oneOf")) {
                List<Type> members = new ArrayList<>();
                t.get("oneOf").forEach(m -> members.add(parseType(m)));
                return new OneOf(List.copyOf(members));
            }
            throw new IllegalArgumentException("unknown type encoding in spec subset: " + t);
        }
    }

    /** What an intrinsic function evaluates to, as far as can be told without deploying. */
    private enum Shape {
        SCALAR,
        LIST,
        UNKNOWN
    }

    // ---------------------------------------------------------------------------------------------
    // One check of one template

    private final class Run {
        private final JsonNode template;
        private final List<String> out = new ArrayList<>();
        private final Map<String, String> resourceTypes = new LinkedHashMap<>();
        private final Map<String, String> parameterTypes = new LinkedHashMap<>();
        private final Set<String> conditions = new LinkedHashSet<>();
        private final Set<String> mappings = new LinkedHashSet<>();

        Run(JsonNode template) {
            this.template = template;
        }

        List<String> run() {
            if (template == null || !template.isObject()) {
                out.add("(template): expected a JSON object, got " + describe(template));
                return out;
            }
            for (String key : names(template)) {
                if (!TEMPLATE_SECTIONS.contains(key)) {
                    out.add(key + ": unknown template section");
                }
            }
            collectNames();
            JsonNode resources = template.get("Resources");
            if (resources == null) {
                out.add("Resources: missing (a template needs at least one resource)");
            } else if (!resources.isObject()) {
                out.add("Resources: expected an object, got " + describe(resources));
            } else if (resources.isEmpty()) {
                out.add("Resources: empty (a template needs at least one resource)");
            } else {
                for (Map.Entry<String, JsonNode> r : resources.properties()) {
                    checkResource(r.getKey(), r.getValue());
                }
            }
            checkConditionsSection();
            checkOutputs();
            return out;
        }

        private void collectNames() {
            JsonNode parameters = template.path("Parameters");
            if (parameters.isObject()) {
                for (Map.Entry<String, JsonNode> p : parameters.properties()) {
                    parameterTypes.put(p.getKey(), p.getValue().path("Type").asText(""));
                }
            } else if (!parameters.isMissingNode()) {
                out.add("Parameters: expected an object, got " + describe(parameters));
            }
            template.path("Conditions").fieldNames().forEachRemaining(conditions::add);
            template.path("Mappings").fieldNames().forEachRemaining(mappings::add);
            JsonNode resources = template.path("Resources");
            if (resources.isObject()) {
                for (Map.Entry<String, JsonNode> r : resources.properties()) {
                    JsonNode type = r.getValue().path("Type");
                    resourceTypes.put(r.getKey(), type.isTextual() ? type.asText() : "");
                }
            }
        }

        // --- resources -----------------------------------------------------------------------------

        private void checkResource(String name, JsonNode resource) {
            String typeName = java.util.Objects.requireNonNull(resourceTypes.get(name));
            String path = typeName.isEmpty() ? "Resources." + name : "Resources." + name + " (" + typeName + ")";
            if (!resource.isObject()) {
                out.add(path + ": expected an object, got " + describe(resource));
                return;
            }
            for (String key : names(resource)) {
                if (!RESOURCE_KEYS.contains(key)) {
                    out.add(path + "." + key + ": unknown resource attribute");
                }
            }
            JsonNode type = resource.get("Type");
            if (type == null) {
                out.add(path + ".Type: missing");
            } else if (!type.isTextual()) {
                out.add(path + ".Type: expected a string, got " + describe(type));
            }
            checkDependsOn(name, path, resource.get("DependsOn"));
            checkPolicy(path, "DeletionPolicy", resource.get("DeletionPolicy"), DELETION_POLICIES, typeName);
            checkPolicy(
                    path,
                    "UpdateReplacePolicy",
                    resource.get("UpdateReplacePolicy"),
                    UPDATE_REPLACE_POLICIES,
                    typeName);
            JsonNode condition = resource.get("Condition");
            if (condition != null) {
                checkConditionName(path + ".Condition", condition);
            }
            for (String key : List.of("Metadata", "CreationPolicy", "UpdatePolicy")) {
                if (resource.has(key)) {
                    checkReferences(path + "." + key, resource.get(key));
                }
            }

            JsonNode properties = resource.get("Properties");
            String propsPath = path + ".Properties";
            if (properties != null && !properties.isObject()) {
                out.add(propsPath + ": expected an object, got " + describe(properties));
                return;
            }
            if (typeName.isEmpty()) {
                if (properties != null) {
                    checkReferences(propsPath, properties);
                }
                return;
            }
            if (isCustomResource(typeName)) {
                // Custom resources take any properties besides the ServiceToken.
                JsonNode token = properties == null ? null : properties.get("ServiceToken");
                if (token == null) {
                    out.add(propsPath + ".ServiceToken: missing required property");
                }
                if (properties != null) {
                    for (Map.Entry<String, JsonNode> p : properties.properties()) {
                        if (p.getKey().equals("ServiceToken")) {
                            checkValue(null, propsPath + ".ServiceToken", p.getValue(), STRING, Node.EMPTY);
                        } else {
                            checkReferences(propsPath + "." + p.getKey(), p.getValue());
                        }
                    }
                }
                return;
            }
            ResourceSpec rs = spec.resources.get(typeName);
            if (rs == null) {
                out.add(path + ": resource type not in the CloudFormation spec subset; " + HOW_TO_ADD);
                if (properties != null) {
                    checkReferences(propsPath, properties);
                }
                return;
            }
            checkFields(rs, propsPath, properties, rs.properties(), constraints.forType(typeName));
        }

        private void checkDependsOn(String self, String path, JsonNode dependsOn) {
            if (dependsOn == null) {
                return;
            }
            String p = path + ".DependsOn";
            if (dependsOn.isTextual()) {
                checkDependency(self, p, dependsOn.asText());
            } else if (dependsOn.isArray()) {
                for (int i = 0; i < dependsOn.size(); i++) {
                    JsonNode d = dependsOn.get(i);
                    if (d.isTextual()) {
                        checkDependency(self, p + "[" + i + "]", d.asText());
                    } else {
                        out.add(p + "[" + i + "]: expected a resource name, got " + describe(d));
                    }
                }
            } else {
                out.add(p + ": expected a resource name or a list of them, got " + describe(dependsOn));
            }
        }

        private void checkDependency(String self, String path, String target) {
            if (target.equals(self)) {
                out.add(path + ": a resource cannot depend on itself");
            } else if (!resourceTypes.containsKey(target)) {
                out.add(path + ": unknown resource '" + target + "'");
            }
        }

        private void checkPolicy(String path, String key, JsonNode value, List<String> allowed, String typeName) {
            if (value == null) {
                return;
            }
            String p = path + "." + key;
            if (!value.isTextual() || !allowed.contains(value.asText())) {
                out.add(p + ": invalid value " + literal(value) + " (expected one of " + String.join(", ", allowed)
                        + ")");
            } else if (value.asText().equals("Snapshot") && !typeName.isEmpty() && !SNAPSHOT_TYPES.contains(typeName)) {
                out.add(p + ": Snapshot is not supported for " + typeName);
            }
        }

        // --- other sections ------------------------------------------------------------------------

        private void checkConditionsSection() {
            JsonNode conds = template.path("Conditions");
            if (conds.isObject()) {
                for (Map.Entry<String, JsonNode> c : conds.properties()) {
                    checkReferences("Conditions." + c.getKey(), c.getValue());
                }
            }
        }

        private void checkOutputs() {
            JsonNode outputs = template.path("Outputs");
            if (outputs.isMissingNode()) {
                return;
            }
            if (!outputs.isObject()) {
                out.add("Outputs: expected an object, got " + describe(outputs));
                return;
            }
            for (Map.Entry<String, JsonNode> o : outputs.properties()) {
                String path = "Outputs." + o.getKey();
                JsonNode output = o.getValue();
                if (!output.isObject()) {
                    out.add(path + ": expected an object, got " + describe(output));
                    continue;
                }
                for (String key : names(output)) {
                    if (!OUTPUT_KEYS.contains(key)) {
                        out.add(path + "." + key + ": unknown output attribute");
                    }
                }
                if (!output.has("Value")) {
                    out.add(path + ".Value: missing");
                } else {
                    // An output's value must be a string (so not a list).
                    checkValue(null, path + ".Value", output.get("Value"), STRING, Node.EMPTY);
                }
                if (output.has("Export")) {
                    JsonNode export = output.get("Export");
                    if (!export.isObject() || !export.has("Name")) {
                        out.add(path + ".Export: expected an object with a Name");
                    } else {
                        checkValue(null, path + ".Export.Name", export.get("Name"), STRING, Node.EMPTY);
                    }
                }
                if (output.has("Condition")) {
                    checkConditionName(path + ".Condition", output.get("Condition"));
                }
            }
        }

        // --- values --------------------------------------------------------------------------------

        /**
         * Checks the fields of an object against the properties of a resource or property type, and
         * against the published constraints at this level.
         */
        private void checkFields(
                @Nullable ResourceSpec rs,
                String path,
                @Nullable JsonNode object,
                Map<String, Prop> props,
                Node published) {
            if (object != null) {
                for (Map.Entry<String, JsonNode> f : object.properties()) {
                    String fieldPath = path + "." + f.getKey();
                    Prop prop = props.get(f.getKey());
                    if (prop == null) {
                        out.add(fieldPath + ": unknown property" + suggestion(f.getKey(), props.keySet()));
                        checkReferences(fieldPath, f.getValue());
                    } else {
                        checkValue(rs, fieldPath, f.getValue(), prop.type(), published.field(f.getKey()));
                    }
                }
            }
            for (Map.Entry<String, Prop> p : props.entrySet()) {
                if (p.getValue().required() && (object == null || !object.has(p.getKey()))) {
                    out.add(path + "." + p.getKey() + ": missing required property");
                }
            }
        }

        private void checkValue(@Nullable ResourceSpec rs, String path, JsonNode value, Type type, Node published) {
            if (isIntrinsic(value)) {
                checkIntrinsicValue(rs, path, value, type, published);
                return;
            }
            switch (type) {
                case Primitive p -> checkPrimitive(path, value, p, published);
                case ListOf l -> {
                    if (!value.isArray()) {
                        out.add(path + ": expected " + describeType(type) + ", got " + describe(value));
                        checkReferences(path, value);
                        return;
                    }
                    checkPublished(path, value, published);
                    for (int i = 0; i < value.size(); i++) {
                        checkValue(rs, path + "[" + i + "]", value.get(i), l.element(), published.items());
                    }
                }
                case MapOf m -> {
                    if (!value.isObject()) {
                        out.add(path + ": expected " + describeType(type) + ", got " + describe(value));
                        checkReferences(path, value);
                        return;
                    }
                    for (Map.Entry<String, JsonNode> e : value.properties()) {
                        checkValue(rs, path + "." + e.getKey(), e.getValue(), m.element(), published.values());
                    }
                }
                case Struct s -> {
                    if (!value.isObject()) {
                        out.add(path + ": expected " + describeType(type) + ", got " + describe(value));
                        checkReferences(path, value);
                        return;
                    }
                    // a struct is reached only from a resource's own properties, never from the null of a plain value
                    Map<String, Prop> props =
                            java.util.Objects.requireNonNull(rs).propertyTypes().get(s.name());
                    if (props == null) {
                        throw new IllegalStateException(
                                rs.type() + ": property type " + s.name() + " missing from subset");
                    }
                    checkFields(rs, path, value, props, published);
                }
                case OneOf u -> checkUnion(rs, path, value, u, published);
            }
        }

        private void checkUnion(@Nullable ResourceSpec rs, String path, JsonNode value, OneOf union, Node published) {
            List<List<String>> attempts = new ArrayList<>();
            List<Type> shapeMatches = new ArrayList<>();
            for (Type member : union.members()) {
                List<String> found = tryCheck(rs, path, value, member, published);
                if (found.isEmpty()) {
                    return;
                }
                if (sameShape(value, member)) {
                    shapeMatches.add(member);
                    attempts.add(found);
                }
            }
            if (shapeMatches.size() == 1) {
                // only one member could take a value of this JSON kind: its complaints are the useful ones
                out.addAll(attempts.get(0));
            } else {
                out.add(path + ": expected " + describeType(union) + ", got " + describe(value));
                checkReferences(path, value);
            }
        }

        private List<String> tryCheck(
                @Nullable ResourceSpec rs, String path, JsonNode value, Type type, Node published) {
            int mark = out.size();
            checkValue(rs, path, value, type, published);
            List<String> found = new ArrayList<>(out.subList(mark, out.size()));
            out.subList(mark, out.size()).clear();
            return found;
        }

        private boolean sameShape(JsonNode value, Type type) {
            return switch (type) {
                case Primitive p ->
                    switch (p.kind()) {
                        case "json", "tag", "object" -> value.isObject();
                        default -> value.isValueNode();
                    };
                case ListOf l -> value.isArray();
                case MapOf m -> value.isObject();
                case Struct s -> value.isObject();
                case OneOf u -> u.members().stream().anyMatch(m -> sameShape(value, m));
            };
        }

        private void checkPrimitive(String path, JsonNode value, Primitive p, Node published) {
            switch (p.kind()) {
                case "json" -> {
                    if (!value.isObject()) {
                        out.add(path + ": expected a JSON object, got " + describe(value));
                    }
                    checkReferences(path, value);
                    return;
                }
                case "tag" -> {
                    if (!value.isObject()) {
                        out.add(path + ": expected a Tag object, got " + describe(value));
                        return;
                    }
                    checkFields(null, path, value, TAG_PROPERTIES, published);
                    return;
                }
                case "object" -> {
                    checkReferences(path, value);
                    return;
                }
                default -> {}
            }
            if (!scalarMatches(p.kind(), value)) {
                out.add(path + ": expected " + p.kind() + ", got " + describe(value));
                checkReferences(path, value);
                return;
            }
            if (!p.allowedValues().isEmpty() && !allowed(value, p.allowedValues())) {
                List<String> shown = new ArrayList<>();
                p.allowedValues().forEach(v -> shown.add(v.asText()));
                out.add(path + ": " + literal(value) + " is not one of " + String.join(", ", shown));
                return; // wrong already; the published constraints would only repeat it
            }
            checkPublished(path, value, published);
        }

        /** Applies the published constraints of this path to a literal value (not a function). */
        private void checkPublished(String path, JsonNode value, Node published) {
            for (PublishedConstraints.Constraint c : published.constraints()) {
                c.problemWith(value).ifPresent(problem -> out.add(path + ": " + problem + " [" + c.source() + "]"));
            }
        }

        private boolean scalarMatches(String kind, JsonNode value) {
            if (strict) {
                return switch (kind) {
                    case "string", "timestamp" -> value.isTextual();
                    case "integer" -> value.isIntegralNumber() || (value.isNumber() && isWhole(value));
                    case "number" -> value.isNumber();
                    case "boolean" -> value.isBoolean();
                    default -> throw new IllegalStateException("unknown primitive " + kind);
                };
            }
            // cfn-lint's default (non-strict) coercion; see the class comment.
            return switch (kind) {
                case "string", "timestamp" -> value.isTextual() || value.isNumber() || value.isBoolean();
                case "integer" ->
                    value.isIntegralNumber()
                            || (value.isNumber() && isWhole(value))
                            || (value.isTextual()
                                    && INTEGER_STRING
                                            .matcher(value.asText().strip())
                                            .matches());
                case "number" ->
                    value.isNumber()
                            || (value.isTextual()
                                    && NUMBER_STRING
                                            .matcher(value.asText().strip())
                                            .matches());
                case "boolean" -> value.isBoolean() || (value.isTextual() && BOOLEAN_STRINGS.contains(value.asText()));
                default -> throw new IllegalStateException("unknown primitive " + kind);
            };
        }

        private boolean isWhole(JsonNode number) {
            return number.decimalValue().stripTrailingZeros().scale() <= 0;
        }

        // --- intrinsic functions -------------------------------------------------------------------

        private void checkIntrinsicValue(
                @Nullable ResourceSpec rs, String path, JsonNode fn, Type expected, Node published) {
            String name = fn.fieldNames().next();
            JsonNode args = fn.get(name);
            if (name.equals("Ref") && args.isTextual() && args.asText().equals("AWS::NoValue")) {
                return; // removes the property
            }
            if (name.equals("Fn::If")) {
                String p = path + ".Fn::If";
                if (!args.isArray() || args.size() != 3) {
                    out.add(p + ": expected [condition, value if true, value if false]");
                    checkReferences(p, args);
                    return;
                }
                checkConditionName(p + "[0]", args.get(0));
                checkValue(rs, p + "[1]", args.get(1), expected, published);
                checkValue(rs, p + "[2]", args.get(2), expected, published);
                return;
            }
            Shape shape = checkFunction(path, fn);
            if (shape == Shape.UNKNOWN) {
                return;
            }
            boolean ok = switch (expected) {
                case ListOf l -> shape == Shape.LIST;
                case Primitive p ->
                    switch (p.kind()) {
                        case "json", "object" -> true;
                        case "tag" -> false;
                        default -> shape == Shape.SCALAR;
                    };
                case MapOf m -> false;
                case Struct s -> false;
                case OneOf u -> u.members().stream().anyMatch(m -> shapeFits(shape, m));
            };
            if (!ok) {
                out.add(path
                        + ": expected "
                        + describeType(expected)
                        + ", got "
                        + name
                        + " (which gives "
                        + (shape == Shape.LIST ? "a list" : "a single value")
                        + ")");
            }
        }

        private boolean shapeFits(Shape shape, Type t) {
            return switch (t) {
                case ListOf l -> shape == Shape.LIST;
                case Primitive p ->
                    switch (p.kind()) {
                        case "json", "object" -> true;
                        case "tag" -> false;
                        default -> shape == Shape.SCALAR;
                    };
                case MapOf m -> false;
                case Struct s -> false;
                case OneOf u -> u.members().stream().anyMatch(m -> shapeFits(shape, m));
            };
        }

        /**
         * Checks the references inside an intrinsic function (recursively, including its arguments)
         * and tells what it gives.
         */
        private Shape checkFunction(String path, JsonNode fn) {
            String name = fn.fieldNames().next();
            JsonNode args = fn.get(name);
            String p = path + "." + name;
            if (!KNOWN_FUNCTIONS.contains(name)) {
                out.add(p + ": unknown intrinsic function");
                checkReferences(p, args);
                return Shape.UNKNOWN;
            }
            return switch (name) {
                case "Ref" -> checkRef(p, args);
                case "Fn::GetAtt" -> checkGetAtt(p, args);
                case "Fn::Sub" -> {
                    checkSub(p, args);
                    yield Shape.SCALAR;
                }
                case "Condition" -> {
                    checkConditionName(p, args);
                    yield Shape.SCALAR;
                }
                case "Fn::If" -> {
                    if (args.isArray() && args.size() == 3) {
                        checkConditionName(p + "[0]", args.get(0));
                        checkReferences(p + "[1]", args.get(1));
                        checkReferences(p + "[2]", args.get(2));
                    } else {
                        out.add(p + ": expected [condition, value if true, value if false]");
                        checkReferences(p, args);
                    }
                    yield Shape.UNKNOWN;
                }
                case "Fn::FindInMap" -> {
                    if (args.isArray() && args.size() >= 3) {
                        JsonNode map = args.get(0);
                        if (map.isTextual() && !mappings.contains(map.asText())) {
                            out.add(p + "[0]: unknown mapping '" + map.asText() + "'");
                        }
                    } else {
                        out.add(p + ": expected [mapping, top-level key, second-level key]");
                    }
                    checkReferences(p, args);
                    yield Shape.UNKNOWN;
                }
                default -> {
                    checkReferences(p, args);
                    yield switch (name) {
                        case "Fn::GetAZs", "Fn::Split", "Fn::Cidr" -> Shape.LIST;
                        case "Fn::Transform" -> Shape.UNKNOWN;
                        default -> Shape.SCALAR;
                    };
                }
            };
        }

        private Shape checkRef(String path, JsonNode target) {
            if (!target.isTextual()) {
                out.add(path + ": expected the name of a resource, parameter or pseudo parameter, got "
                        + describe(target));
                return Shape.UNKNOWN;
            }
            String t = target.asText();
            if (resourceTypes.containsKey(t)) {
                return Shape.SCALAR;
            }
            if (parameterTypes.containsKey(t)) {
                return isListParameter(parameterTypes.get(t)) ? Shape.LIST : Shape.SCALAR;
            }
            if (PSEUDO_PARAMETERS.contains(t)) {
                return t.equals("AWS::NotificationARNs") ? Shape.LIST : Shape.SCALAR;
            }
            if (t.startsWith("AWS::")) {
                out.add(path + ": unknown pseudo parameter '" + t + "'");
            } else {
                out.add(path + ": unknown target '" + t + "' (not a resource, parameter or pseudo parameter)");
            }
            return Shape.UNKNOWN;
        }

        private boolean isListParameter(String type) {
            return type.startsWith("List<")
                    || type.equals("CommaDelimitedList")
                    || type.startsWith("AWS::SSM::Parameter::Value<List<")
                    || type.equals("AWS::SSM::Parameter::Value<CommaDelimitedList>");
        }

        private Shape checkGetAtt(String path, JsonNode args) {
            String resource;
            JsonNode attribute;
            if (args.isTextual() && args.asText().indexOf('.') > 0) {
                String s = args.asText();
                resource = s.substring(0, s.indexOf('.'));
                attribute = TextNode.valueOf(s.substring(s.indexOf('.') + 1));
            } else if (args.isArray() && args.size() == 2 && args.get(0).isTextual()) {
                resource = args.get(0).asText();
                attribute = args.get(1);
            } else {
                out.add(path + ": expected [resource, attribute] or \"resource.attribute\"");
                checkReferences(path, args);
                return Shape.UNKNOWN;
            }
            if (!attribute.isTextual()) {
                checkReferences(path + "[1]", attribute);
                if (!resourceTypes.containsKey(resource)) {
                    out.add(path + ": unknown resource '" + resource + "'");
                }
                return Shape.UNKNOWN;
            }
            return checkAttribute(path, resource, attribute.asText());
        }

        private Shape checkAttribute(String path, String resource, String attribute) {
            String type = resourceTypes.get(resource);
            if (type == null) {
                out.add(path + ": unknown resource '" + resource + "'");
                return Shape.UNKNOWN;
            }
            ResourceSpec rs = spec.resources.get(type);
            if (rs == null) {
                return Shape.UNKNOWN; // custom resource, or a type reported as missing from the subset
            }
            Type attrType = rs.attributes().get(attribute);
            if (attrType == null) {
                out.add(path + ": " + type + " has no attribute '" + attribute + "'"
                        + suggestion(attribute, rs.attributes().keySet()));
                return Shape.UNKNOWN;
            }
            return switch (attrType) {
                case ListOf l -> Shape.LIST;
                case Primitive p ->
                    switch (p.kind()) {
                        case "json", "object", "tag" -> Shape.UNKNOWN;
                        default -> Shape.SCALAR;
                    };
                default -> Shape.UNKNOWN;
            };
        }

        private void checkSub(String path, JsonNode args) {
            String text;
            Set<String> locals = new LinkedHashSet<>();
            if (args.isTextual()) {
                text = args.asText();
            } else if (args.isArray()
                    && args.size() == 2
                    && args.get(0).isTextual()
                    && args.get(1).isObject()) {
                text = args.get(0).asText();
                args.get(1).fieldNames().forEachRemaining(locals::add);
                for (Map.Entry<String, JsonNode> v : args.get(1).properties()) {
                    checkReferences(path + "[1]." + v.getKey(), v.getValue());
                }
            } else {
                out.add(path + ": expected a string or [string, {variables}]");
                checkReferences(path, args);
                return;
            }
            Matcher m = SUB_VARIABLE.matcher(text);
            while (m.find()) {
                String var = m.group(1).strip();
                if (var.startsWith("!") || locals.contains(var)) {
                    continue; // ${!Literal} is literal text
                }
                int dot = var.indexOf('.');
                if (resourceTypes.containsKey(var)
                        || parameterTypes.containsKey(var)
                        || PSEUDO_PARAMETERS.contains(var)) {
                    continue;
                }
                if (dot > 0 && resourceTypes.containsKey(var.substring(0, dot))) {
                    int mark = out.size();
                    checkAttribute(path, var.substring(0, dot), var.substring(dot + 1));
                    for (int i = mark; i < out.size(); i++) {
                        out.set(i, out.get(i).replace(path + ": ", path + ": ${" + var + "}: "));
                    }
                    continue;
                }
                out.add(path + ": ${" + var + "} names no resource, parameter or pseudo parameter");
            }
        }

        private void checkConditionName(String path, JsonNode name) {
            if (!name.isTextual()) {
                out.add(path + ": expected a condition name, got " + describe(name));
            } else if (!conditions.contains(name.asText())) {
                out.add(path + ": unknown condition '" + name.asText() + "'");
            }
        }

        /** Finds intrinsic functions anywhere inside a value and checks their references. */
        private void checkReferences(String path, JsonNode node) {
            if (node == null) {
                return;
            }
            if (isIntrinsic(node)) {
                checkFunction(path, node);
            } else if (node.isObject()) {
                for (Map.Entry<String, JsonNode> e : node.properties()) {
                    checkReferences(path + "." + e.getKey(), e.getValue());
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    checkReferences(path + "[" + i + "]", node.get(i));
                }
            }
        }

        // --- descriptions --------------------------------------------------------------------------

        private String describeType(Type type) {
            return switch (type) {
                case Primitive p ->
                    switch (p.kind()) {
                        case "json" -> "a JSON object";
                        case "tag" -> "a Tag object";
                        default -> p.kind();
                    };
                case ListOf l -> "a list of " + describeElement(l.element());
                case MapOf m -> "a map of " + describeElement(m.element());
                case Struct s -> "a " + s.name() + " object";
                case OneOf u -> {
                    List<String> parts = new ArrayList<>();
                    u.members().forEach(m -> parts.add(describeType(m)));
                    yield "one of (" + String.join(" | ", parts) + ")";
                }
            };
        }

        private String describeElement(Type t) {
            return switch (t) {
                case Primitive p ->
                    switch (p.kind()) {
                        case "json" -> "JSON objects";
                        case "tag" -> "Tags";
                        default -> p.kind();
                    };
                case Struct s -> s.name();
                default -> describeType(t);
            };
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

    /** Whether a scalar is one of the allowed values (numbers by value, the rest by their text). */
    static boolean allowed(JsonNode value, Iterable<JsonNode> allowedValues) {
        for (JsonNode a : allowedValues) {
            if (a.isNumber() && value.isNumber() && a.decimalValue().compareTo(value.decimalValue()) == 0) {
                return true;
            }
            if (a.asText().equals(value.asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCustomResource(String type) {
        return type.startsWith("Custom::") || type.equals("AWS::CloudFormation::CustomResource");
    }

    /** An object with a single key that is Ref, Condition or Fn::something. */
    static boolean isIntrinsic(JsonNode node) {
        if (node == null || !node.isObject() || node.size() != 1) {
            return false;
        }
        String key = node.fieldNames().next();
        return key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::");
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static String suggestion(String given, Set<String> known) {
        for (String k : known) {
            if (k.equalsIgnoreCase(given)) {
                return " (did you mean '" + k + "'?)";
            }
        }
        return "";
    }

    /** A scalar as written in JSON (strings quoted); other values as {@link #describe}. */
    static String literal(JsonNode value) {
        if (value != null && value.isTextual()) {
            return "\"" + value.asText() + "\"";
        }
        if (value != null && (value.isNumber() || value.isBoolean())) {
            return value.asText();
        }
        return describe(value);
    }

    static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isNull()) {
            return "null";
        }
        if (value.isTextual()) {
            String s = value.asText();
            return "string \"" + (s.length() > 60 ? s.substring(0, 57) + "..." : s) + "\"";
        }
        if (value.isNumber()) {
            return "number " + value.asText();
        }
        if (value.isBoolean()) {
            return "boolean " + value.asText();
        }
        if (value.isArray()) {
            return "a list";
        }
        if (isIntrinsic(value)) {
            return value.fieldNames().next();
        }
        return "an object";
    }
}
