package dev.stackwright.importer.cfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.Ipv6Block;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation's intrinsic functions as far as a template alone allows. Values known only at deploy time
 * stay symbolic inside strings: {@code MARK + "ref:Vpc" + END} for a reference to a resource, {@code MARK + "att:Lb.DNSName"
 * + END} for an attribute, {@code MARK + "?" + reason + END} for what cannot be resolved (a parameter without a
 * default, an import value not given, a condition that depends on one). Readers of a property decide whether a
 * symbol is fine there (a reference where an ID is expected) or must be reported (anything where a CIDR is expected).
 * Nothing is guessed.
 */
final class Intrinsics {
    static final char MARK = '\u0000';
    static final char END = '\u0001';
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern SUB_VAR = Pattern.compile("\\$\\{([^}]*)}");
    /** Attributes that stand for the resource's own ID, so a GetAtt of them is a reference. */
    private static final Set<String> ID_ATTRIBUTES = Set.of(
            "GroupId",
            "Id",
            "SubnetId",
            "VpcId",
            "AllocationId",
            "NetworkInterfaceId",
            "RouteTableId",
            "NatGatewayId",
            "InternetGatewayId",
            "VpcEndpointId",
            "TransitGatewayAttachmentId",
            "NetworkAclId",
            "InstanceId",
            // Elastic Load Balancing's ARNs are its resources' IDs (what Ref returns): a rule names its listener so.
            "ListenerArn",
            "LoadBalancerArn",
            "TargetGroupArn");

    private final JsonNode template;
    private final String region;
    private final Map<String, String> parameters;
    private final Map<String, String> imports;
    private final Set<String> visiting = new HashSet<>();

    Intrinsics(JsonNode template, String region, Map<String, String> parameters, Map<String, String> imports) {
        this.template = template;
        this.region = region;
        this.parameters = parameters;
        this.imports = imports;
    }

    static String ref(String logicalId) {
        return MARK + "ref:" + logicalId + END;
    }

    static String unresolved(String reason) {
        return MARK + "?" + reason + END;
    }

    /** The logical ID when the text is exactly one reference. */
    static Optional<String> referenceIn(String text) {
        if (text.length() > 6
                && text.charAt(0) == MARK
                && text.startsWith(MARK + "ref:")
                && text.indexOf(END) == text.length() - 1) {
            return Optional.of(text.substring(5, text.length() - 1));
        }
        return Optional.empty();
    }

    /** Why a value with symbols cannot be used as a literal; empty when it has none. */
    static Optional<String> problemIn(String text) {
        int at = text.indexOf(MARK);
        if (at < 0) {
            return Optional.empty();
        }
        int q = text.indexOf(MARK + "?");
        if (q >= 0) {
            return Optional.of(text.substring(q + 2, text.indexOf(END, q)));
        }
        String symbol = text.substring(at + 1, text.indexOf(END, at));
        return Optional.of(
                symbol.startsWith("ref:")
                        ? "it depends on " + symbol.substring(4) + ", known only at deploy time"
                        : symbol.startsWith("att:")
                                ? "it depends on the attribute " + symbol.substring(4) + ", known only at deploy time"
                                : "it depends on " + symbol.substring(symbol.indexOf(':') + 1)
                                        + ", known only at deploy time");
    }

    /**
     * How deep values, functions and conditions may nest while evaluated: far beyond what templates write, and shallow
     * enough that a hostile chain (a condition naming the next, thousands long) ends in a finding, not a stack overflow.
     */
    static final int MAX_DEPTH = 100;

    private int depth;

    /** A value with every intrinsic evaluated; {@link MissingNode} for {@code AWS::NoValue}. */
    JsonNode eval(JsonNode node) {
        if (depth >= MAX_DEPTH) {
            return text(unresolved("it nests values or functions more than " + MAX_DEPTH + " deep"));
        }
        depth++;
        try {
            return evalNested(node);
        } finally {
            depth--;
        }
    }

    private JsonNode evalNested(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return MissingNode.getInstance();
        }
        if (node.isTextual()
                && (node.asText().indexOf(MARK) >= 0 || node.asText().indexOf(END) >= 0)) {
            // The importer marks symbols with these two characters; a template has no use for them.
            return text(unresolved("it holds a control character (U+0000 or U+0001)"));
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (JsonNode item : node) {
                JsonNode v = eval(item);
                if (!v.isMissingNode()) {
                    out.add(v);
                }
            }
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.size() == 1) {
            String key = node.fieldNames().next();
            if (key.equals("Ref") || key.startsWith("Fn::")) {
                return function(key, node.get(key));
            }
        }
        ObjectNode out = NODES.objectNode();
        node.properties().forEach(e -> {
            JsonNode v = eval(e.getValue());
            if (!v.isMissingNode()) {
                out.set(e.getKey(), v);
            }
        });
        return out;
    }

    private JsonNode function(String name, JsonNode arg) {
        return switch (name) {
            case "Ref" -> reference(arg.asText());
            case "Fn::GetAtt" -> getAtt(arg);
            case "Fn::Sub" -> sub(arg);
            case "Fn::Join" -> join(arg);
            case "Fn::Select" -> select(arg);
            case "Fn::Split" -> split(arg);
            case "Fn::GetAZs" -> {
                String r = eval(arg).asText("");
                String in = r.isEmpty() ? region : r;
                // Regions have at least three zones; the names in a given account are assumed to be a, b and c.
                yield NODES.arrayNode().add(in + "a").add(in + "b").add(in + "c");
            }
            case "Fn::Cidr" -> cidr(arg);
            case "Fn::If" -> ifThen(arg);
            case "Fn::ImportValue" -> {
                String export = eval(arg).asText();
                yield problemIn(export).isPresent()
                        ? text(unresolved("Fn::ImportValue of a name that "
                                + problemIn(export).get()))
                        : imports.containsKey(export)
                                ? text(imports.get(export))
                                : text(unresolved(
                                        "Fn::ImportValue " + export + " comes from another stack and was not given"));
            }
            case "Fn::FindInMap" -> findInMap(arg);
            case "Fn::Base64" -> eval(arg);
            default -> text(unresolved(name + " is not evaluated"));
        };
    }

    private static JsonNode text(String s) {
        return NODES.textNode(s);
    }

    private JsonNode reference(String name) {
        switch (name) {
            case "AWS::Region" -> {
                return text(region);
            }
            case "AWS::Partition" -> {
                return text("aws");
            }
            case "AWS::URLSuffix" -> {
                return text("amazonaws.com");
            }
            case "AWS::NoValue" -> {
                return MissingNode.getInstance();
            }
            default -> {}
        }
        if (name.startsWith("AWS::")) {
            return text(MARK + "pseudo:" + name + END);
        }
        JsonNode parameter = template.path("Parameters").path(name);
        if (parameter.isObject()) {
            String type = parameter.path("Type").asText("String");
            String value = parameters.get(name);
            if (value == null && parameter.has("Default")) {
                if (type.startsWith("AWS::SSM::Parameter::Value")) {
                    return text(unresolved("parameter " + name + " is read from SSM parameter "
                            + parameter.get("Default").asText() + " at deploy time"));
                }
                value = parameter.get("Default").isArray()
                        ? String.join(",", strings(parameter.get("Default")))
                        : parameter.get("Default").asText();
            }
            if (value == null) {
                return text(unresolved("parameter " + name + " has no default and was not given"));
            }
            if (type.startsWith("List<") || type.equals("CommaDelimitedList")) {
                ArrayNode list = NODES.arrayNode();
                for (String part : value.split(",", -1)) {
                    list.add(part.strip());
                }
                return list;
            }
            return text(value);
        }
        if (template.path("Resources").has(name)) {
            return text(ref(name));
        }
        return text(unresolved("Ref to " + name + ", which the template does not define"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private JsonNode getAtt(JsonNode arg) {
        String resource;
        String attribute;
        if (arg.isTextual() && arg.asText().contains(".")) {
            resource = arg.asText().substring(0, arg.asText().indexOf('.'));
            attribute = arg.asText().substring(arg.asText().indexOf('.') + 1);
        } else if (arg.isArray() && arg.size() == 2) {
            resource = eval(arg.get(0)).asText();
            attribute = eval(arg.get(1)).asText();
        } else {
            return text(unresolved("Fn::GetAtt needs a resource and an attribute"));
        }
        return attribute(resource, attribute);
    }

    private JsonNode attribute(String resource, String attribute) {
        JsonNode r = template.path("Resources").path(resource);
        if (!r.isObject()) {
            return text(unresolved("Fn::GetAtt of " + resource + ", which the template does not define"));
        }
        if (ID_ATTRIBUTES.contains(attribute)) {
            return text(ref(resource));
        }
        if (attribute.equals("CidrBlock") && r.path("Properties").has("CidrBlock")) {
            String key = resource + ".CidrBlock";
            if (!visiting.add(key)) {
                return text(unresolved("the CidrBlock of " + resource + " refers to itself"));
            }
            try {
                return eval(r.path("Properties").get("CidrBlock"));
            } finally {
                visiting.remove(key);
            }
        }
        if (attribute.equals("Ipv6CidrBlocks") && r.path("Type").asText().equals("AWS::EC2::VPC")) {
            Optional<String> block = vpcIpv6Block(resource);
            if (block.isPresent()) {
                ArrayNode out = NODES.arrayNode();
                out.add(block.get());
                return out;
            }
        }
        if (attribute.equals("Ipv6CidrBlocks")
                && r.path("Type").asText().equals("AWS::EC2::Subnet")
                && r.path("Properties").has("Ipv6CidrBlock")) {
            // A subnet's IPv6 blocks are the one its Ipv6CidrBlock property gives (often Fn::Cidr over the VPC's).
            String key = resource + ".Ipv6CidrBlock";
            if (!visiting.add(key)) {
                return text(unresolved("the Ipv6CidrBlock of " + resource + " refers to itself"));
            }
            try {
                JsonNode block = eval(r.path("Properties").get("Ipv6CidrBlock"));
                if (block.isTextual() && block.asText().indexOf(MARK) < 0) {
                    ArrayNode out = NODES.arrayNode();
                    out.add(block.asText());
                    return out;
                }
            } finally {
                visiting.remove(key);
            }
        }
        return text(MARK + "att:" + resource + "." + attribute + END);
    }

    /**
     * A VPC's IPv6 block as an {@code AWS::EC2::VPCCidrBlock} of the template gives it: the block written there, or,
     * for an Amazon-provided one, the analysis's stand-in ({@link Ipv6Block#STAND_IN}), so that subnets cut from it
     * with Fn::Cidr are distinct /64s of it. Empty when the template gives the VPC no IPv6 block.
     */
    private Optional<String> vpcIpv6Block(String vpc) {
        for (JsonNode r : template.path("Resources")) {
            JsonNode p = r.path("Properties");
            if (!r.path("Type").asText().equals("AWS::EC2::VPCCidrBlock")
                    || !p.path("VpcId").path("Ref").asText().equals(vpc)) {
                continue;
            }
            if (p.path("AmazonProvidedIpv6CidrBlock").asText().equals("true")
                    || p.has("Ipv6IpamPoolId")
                    || p.has("Ipv6Pool")) {
                return Optional.of(Ipv6Block.STAND_IN);
            }
            if (p.path("Ipv6CidrBlock").isTextual()) {
                return Optional.of(p.path("Ipv6CidrBlock").asText());
            }
        }
        return Optional.empty();
    }

    private JsonNode sub(JsonNode arg) {
        String format;
        JsonNode variables = NODES.objectNode();
        if (arg.isTextual()) {
            format = arg.asText();
        } else if (arg.isArray() && arg.size() == 2 && arg.get(0).isTextual()) {
            format = arg.get(0).asText();
            variables = arg.get(1);
        } else {
            return text(unresolved("Fn::Sub needs a string, or a string and a map of variables"));
        }
        StringBuilder out = new StringBuilder();
        Matcher m = SUB_VAR.matcher(format);
        int last = 0;
        while (m.find()) {
            out.append(format, last, m.start());
            String var = m.group(1);
            if (var.startsWith("!")) {
                out.append("${").append(var.substring(1)).append('}');
            } else if (variables.has(var)) {
                out.append(scalar(eval(variables.get(var))));
            } else if (var.contains(".") && !var.startsWith("AWS::")) {
                out.append(scalar(attribute(var.substring(0, var.indexOf('.')), var.substring(var.indexOf('.') + 1))));
            } else {
                out.append(scalar(reference(var)));
            }
            last = m.end();
        }
        out.append(format.substring(last));
        return text(out.toString());
    }

    private static String scalar(JsonNode v) {
        if (v.isArray()) {
            return String.join(",", strings(v));
        }
        return v.isMissingNode() ? "" : v.asText();
    }

    private JsonNode join(JsonNode arg) {
        if (!arg.isArray() || arg.size() != 2) {
            return text(unresolved("Fn::Join needs a delimiter and a list"));
        }
        String delimiter = eval(arg.get(0)).asText();
        JsonNode list = eval(arg.get(1));
        if (!list.isArray()) {
            return text(problemIn(list.asText())
                    .map(p -> unresolved("Fn::Join over a list that " + p))
                    .orElse(unresolved("Fn::Join needs a list")));
        }
        return text(String.join(delimiter, strings(list)));
    }

    private JsonNode select(JsonNode arg) {
        if (!arg.isArray() || arg.size() != 2) {
            return text(unresolved("Fn::Select needs an index and a list"));
        }
        JsonNode index = eval(arg.get(0));
        JsonNode list = eval(arg.get(1));
        if (!list.isArray()) {
            return text(problemIn(list.asText())
                    .map(p -> unresolved("Fn::Select from a list that " + p))
                    .orElse(unresolved("Fn::Select needs a list")));
        }
        int i;
        try {
            i = Integer.parseInt(index.asText().strip());
        } catch (NumberFormatException e) {
            return text(unresolved(
                    "Fn::Select index " + problemIn(index.asText()).orElse(index.asText() + " is not a number")));
        }
        if (i < 0 || i >= list.size()) {
            return text(unresolved("Fn::Select index " + i + " is outside the list of " + list.size()));
        }
        return list.get(i);
    }

    private JsonNode split(JsonNode arg) {
        if (!arg.isArray() || arg.size() != 2) {
            return text(unresolved("Fn::Split needs a delimiter and a string"));
        }
        String delimiter = eval(arg.get(0)).asText();
        String source = eval(arg.get(1)).asText();
        if (problemIn(source).isPresent() && referenceIn(source).isEmpty() && source.indexOf(MARK + "?") >= 0) {
            return text(
                    unresolved("Fn::Split of a string that " + problemIn(source).get()));
        }
        ArrayNode out = NODES.arrayNode();
        for (String part : source.split(Pattern.quote(delimiter), -1)) {
            out.add(part);
        }
        return out;
    }

    /** The most blocks one Fn::Cidr may make. */
    static final int MAX_CIDR_COUNT = 256;

    private JsonNode cidr(JsonNode arg) {
        if (!arg.isArray() || arg.size() != 3) {
            return text(unresolved("Fn::Cidr needs a block, a count and the host bits"));
        }
        String block = eval(arg.get(0)).asText();
        if (problemIn(block).isPresent()) {
            return text(
                    unresolved("Fn::Cidr of a block that " + problemIn(block).get()));
        }
        Optional<Cidr> parsed = Cidr.tryParse(block);
        Optional<Ipv6Block.Known> parsed6 = parsed.isPresent() ? Optional.empty() : Ipv6Block.Known.tryParse(block);
        int count;
        int bits;
        try {
            count = Integer.parseInt(eval(arg.get(1)).asText().strip());
            bits = Integer.parseInt(eval(arg.get(2)).asText().strip());
        } catch (NumberFormatException e) {
            return text(unresolved("Fn::Cidr count and host bits must be numbers"));
        }
        // "count: The number of CIDRs to generate. Valid range is between 1 and 256."
        // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-cidr.html
        if (count > MAX_CIDR_COUNT) {
            return text(unresolved("Fn::Cidr count " + count + " is above " + MAX_CIDR_COUNT + ", AWS's limit"));
        }
        if (parsed6.isPresent()) {
            return cidr6(parsed6.get().block(), count, bits, block);
        }
        if (parsed.isEmpty()
                || bits < 0
                || bits > 32 - parsed.get().prefixLength()
                || count < 1
                || count > (1L << (32 - bits - parsed.get().prefixLength()))) {
            return text(unresolved("Fn::Cidr cannot cut " + count + " blocks of " + bits + " host bits from " + block));
        }
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < count; i++) {
            out.add(parsed.get().subnet(32 - bits, i).toString());
        }
        return out;
    }

    /** Fn::Cidr over an IPv6 block: {@code count} blocks of {@code bits} host bits, in order. */
    private JsonNode cidr6(inet.ipaddr.ipv6.IPv6Address base, int count, int bits, String block) {
        Integer prefix = base.getNetworkPrefixLength();
        int free = 128 - bits - (prefix == null ? 128 : prefix);
        if (bits < 0 || bits > 128 || free < 0 || count < 1 || (free < 31 && count > (1L << free))) {
            return text(unresolved("Fn::Cidr cannot cut " + count + " blocks of " + bits + " host bits from " + block));
        }
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < count; i++) {
            out.add(new inet.ipaddr.ipv6.IPv6Address(
                            base.getValue().add(java.math.BigInteger.valueOf(i).shiftLeft(bits)), 128 - bits)
                    .toPrefixBlock()
                    .toCanonicalString());
        }
        return out;
    }

    private JsonNode ifThen(JsonNode arg) {
        if (!arg.isArray() || arg.size() != 3) {
            return text(unresolved("Fn::If needs a condition and two values"));
        }
        String name = arg.get(0).asText();
        Optional<Boolean> c = condition(name);
        if (c.isEmpty()) {
            return text(
                    unresolved("condition " + name + " cannot be evaluated (it depends on a value not known here)"));
        }
        return eval(arg.get(c.get() ? 1 : 2));
    }

    private JsonNode findInMap(JsonNode arg) {
        if (!arg.isArray() || arg.size() < 3) {
            return text(unresolved("Fn::FindInMap needs a map and two keys"));
        }
        String map = eval(arg.get(0)).asText();
        String first = eval(arg.get(1)).asText();
        String second = eval(arg.get(2)).asText();
        JsonNode v = template.path("Mappings").path(map).path(first).path(second);
        if (v.isMissingNode()) {
            return text(problemIn(first + second)
                    .map(p -> unresolved("Fn::FindInMap with a key that " + p))
                    .orElse(unresolved("Fn::FindInMap " + map + "." + first + "." + second
                            + " is not in the template's Mappings")));
        }
        return v;
    }

    /** A named condition's value; empty when it depends on something unknown (or is not defined). */
    Optional<Boolean> condition(String name) {
        JsonNode c = template.path("Conditions").path(name);
        if (c.isMissingNode() || depth >= MAX_DEPTH || !visiting.add("condition:" + name)) {
            return Optional.empty();
        }
        depth++;
        try {
            return test(c);
        } finally {
            depth--;
            visiting.remove("condition:" + name);
        }
    }

    /** A condition inside another: nested no deeper than {@link #MAX_DEPTH}. */
    private Optional<Boolean> testNested(JsonNode c) {
        if (depth >= MAX_DEPTH) {
            return Optional.empty();
        }
        depth++;
        try {
            return test(c);
        } finally {
            depth--;
        }
    }

    private Optional<Boolean> test(JsonNode c) {
        if (c.isBoolean()) {
            return Optional.of(c.asBoolean());
        }
        if (!c.isObject() || c.size() != 1) {
            return Optional.empty();
        }
        String fn = c.fieldNames().next();
        JsonNode arg = c.get(fn);
        return switch (fn) {
            case "Condition" -> condition(arg.asText());
            case "Fn::Equals" -> {
                if (!arg.isArray() || arg.size() != 2) {
                    yield Optional.empty();
                }
                String a = scalar(eval(arg.get(0)));
                String b = scalar(eval(arg.get(1)));
                if (a.indexOf(MARK) >= 0 || b.indexOf(MARK) >= 0) {
                    yield Optional.empty();
                }
                yield Optional.of(a.equals(b));
            }
            case "Fn::Not" ->
                arg.isArray() && arg.size() == 1 ? testNested(arg.get(0)).map(b -> !b) : Optional.empty();
            case "Fn::And", "Fn::Or" -> {
                boolean and = fn.equals("Fn::And");
                boolean unknown = false;
                for (JsonNode part : arg) {
                    Optional<Boolean> v = testNested(part);
                    if (v.isEmpty()) {
                        unknown = true;
                    } else if (v.get() != and) {
                        yield Optional.of(!and);
                    }
                }
                yield unknown ? Optional.empty() : Optional.of(and);
            }
            default -> Optional.empty();
        };
    }
}
