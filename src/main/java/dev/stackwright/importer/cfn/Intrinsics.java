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
    /** Between an unresolved value's reason and its fix. */
    private static final char FIX = '\u0002';

    private static final String WRITE_IT_RIGHT =
            "write the function as CloudFormation's intrinsic function reference gives it";
    private static final String DEPLOYED =
            "analyse the deployed account instead, where the value is known: `stackwright vpc inspect` writes a"
                    + " snapshot for `check --snapshot`";
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
    /** The export names the template imports, as evaluated: a value given for another is a typo to report. */
    private final Set<String> importsAsked = new java.util.TreeSet<>();

    Intrinsics(JsonNode template, String region, Map<String, String> parameters, Map<String, String> imports) {
        this.template = template;
        this.region = region;
        this.parameters = parameters;
        this.imports = imports;
    }

    static String ref(String logicalId) {
        return MARK + "ref:" + logicalId + END;
    }

    /** Why a value cannot be resolved, and what would resolve it (a user's next step). */
    record Problem(String reason, String fix) {}

    static String unresolved(String reason, String fix) {
        return MARK + "?" + plain(reason) + FIX + plain(fix) + END;
    }

    /** An unresolved value inside a text: {@code MARK ? reason FIX fix END}. */
    private static final Pattern UNRESOLVED_INSIDE =
            Pattern.compile("\\x00\\?([^\\x00-\\x02]*)\\x02[^\\x00-\\x02]*\\x01");
    /** A symbol inside a text, e.g. a block that is a reference: {@code MARK kind:name END}. */
    private static final Pattern SYMBOL_INSIDE = Pattern.compile("\\x00[a-z]+:([^\\x00-\\x02]*)\\x01");

    /**
     * Text for a reason or fix that may quote a value holding symbols (a block that is a reference): each symbol by its
     * name and each unresolved value by its reason, so marks never nest and the reason reads.
     */
    private static String plain(String text) {
        if (text.indexOf(MARK) < 0 && text.indexOf(END) < 0 && text.indexOf(FIX) < 0) {
            return text;
        }
        String named = SYMBOL_INSIDE
                .matcher(UNRESOLVED_INSIDE.matcher(text).replaceAll("($1)"))
                .replaceAll("$1");
        return named.replaceAll("[\\x00-\\x02]", "");
    }

    /** A value that cannot be resolved because it depends on one that cannot: the first cause, as it was. */
    private static String unresolved(Problem cause) {
        return unresolved(cause.reason(), cause.fix());
    }

    /** A function written in a way CloudFormation refuses. */
    private static String malformed(String reason) {
        return unresolved(reason, WRITE_IT_RIGHT);
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
    static Optional<Problem> problemIn(String text) {
        int at = text.indexOf(MARK);
        if (at < 0) {
            return Optional.empty();
        }
        int q = text.indexOf(MARK + "?");
        if (q >= 0) {
            int end = text.indexOf(END, q);
            int fix = text.indexOf(FIX, q);
            if (end < 0 || fix < 0 || fix > end) {
                // A mark cut apart (a function that splits text at any character): the reason as far as it goes.
                return Optional.of(new Problem(plain(text.substring(q + 2)), WRITE_IT_RIGHT));
            }
            return Optional.of(new Problem(text.substring(q + 2, fix), text.substring(fix + 1, end)));
        }
        int end = text.indexOf(END, at);
        String symbol = plain(text.substring(at + 1, end < 0 ? text.length() : end));
        String what = symbol.startsWith("ref:")
                ? symbol.substring(4)
                : symbol.startsWith("att:")
                        ? "the attribute " + symbol.substring(4)
                        : symbol.substring(symbol.indexOf(':') + 1);
        return Optional.of(new Problem("it depends on " + what + ", known only at deploy time", DEPLOYED));
    }

    /**
     * How deep values, functions and conditions may nest while evaluated: far beyond what templates write, and shallow
     * enough that a hostile chain (a condition naming the next, thousands long) ends in a finding, not a stack overflow.
     */
    static final int MAX_DEPTH = 100;

    private int depth;

    /** The export names {@code Fn::ImportValue} asked for so far, in name order. */
    Set<String> importsAsked() {
        return java.util.Collections.unmodifiableSet(importsAsked);
    }

    /** A value with every intrinsic evaluated; {@link MissingNode} for {@code AWS::NoValue}. */
    JsonNode eval(JsonNode node) {
        if (depth >= MAX_DEPTH) {
            return text(unresolved(
                    "it nests values or functions more than " + MAX_DEPTH + " deep", "nest them less deeply"));
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
                && (node.asText().indexOf(MARK) >= 0
                        || node.asText().indexOf(END) >= 0
                        || node.asText().indexOf(FIX) >= 0)) {
            // The importer marks symbols with these characters; a template has no use for them.
            return text(unresolved(
                    "it holds a control character (U+0000, U+0001 or U+0002)", "remove the control character"));
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
                Optional<Problem> inName = problemIn(export);
                if (inName.isEmpty()) {
                    importsAsked.add(export);
                }
                yield inName.isPresent()
                        ? text(unresolved(inName.get()))
                        : imports.containsKey(export)
                                ? text(imports.get(export))
                                : text(unresolved(
                                        "Fn::ImportValue " + export + " comes from another stack and was not given",
                                        "give the value that stack exports: --import-value " + export
                                                + "=VALUE (`aws cloudformation list-exports` lists them)"));
            }
            case "Fn::FindInMap" -> findInMap(arg);
            case "Fn::Base64" -> eval(arg);
            // Fn::Transform, Fn::Length, Fn::ToJsonString...: macros and language extensions CloudFormation runs.
            default ->
                text(unresolved(
                        name + " is not evaluated",
                        "analyse the template as CloudFormation processed it (`aws cloudformation get-template"
                                + " --template-stage Processed`), or write the value in the template"));
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
                    String ssm = parameter.get("Default").asText();
                    return text(unresolved(
                            "parameter " + name + " is read from SSM parameter " + ssm + " at deploy time",
                            "give the value it holds: --parameter " + name + "=VALUE (`aws ssm get-parameter --name "
                                    + ssm + "` shows it)"));
                }
                value = parameter.get("Default").isArray()
                        ? String.join(",", strings(parameter.get("Default")))
                        : parameter.get("Default").asText();
            }
            if (value == null) {
                return text(unresolved(
                        "parameter " + name + " has no default and was not given",
                        "give it a value: --parameter " + name + "=VALUE"));
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
        return text(unresolved(
                "Ref to " + name + ", which the template does not define",
                "define " + name + " under Parameters or Resources, or correct the name"));
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
            return text(malformed("Fn::GetAtt needs a resource and an attribute"));
        }
        return attribute(resource, attribute);
    }

    private JsonNode attribute(String resource, String attribute) {
        JsonNode r = template.path("Resources").path(resource);
        if (!r.isObject()) {
            return text(unresolved(
                    "Fn::GetAtt of " + resource + ", which the template does not define",
                    "define " + resource + " under Resources, or correct the name"));
        }
        if (ID_ATTRIBUTES.contains(attribute)) {
            return text(ref(resource));
        }
        if (attribute.equals("CidrBlock") && r.path("Properties").has("CidrBlock")) {
            String key = resource + ".CidrBlock";
            if (!visiting.add(key)) {
                return text(unresolved(
                        "the CidrBlock of " + resource + " refers to itself", "write the block, e.g. 10.0.0.0/16"));
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
                return text(unresolved(
                        "the Ipv6CidrBlock of " + resource + " refers to itself",
                        "write the block, e.g. 2001:db8::/56"));
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
            return text(malformed("Fn::Sub needs a string, or a string and a map of variables"));
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
            return text(malformed("Fn::Join needs a delimiter and a list"));
        }
        String delimiter = eval(arg.get(0)).asText();
        JsonNode list = eval(arg.get(1));
        if (!list.isArray()) {
            return text(
                    problemIn(list.asText()).map(Intrinsics::unresolved).orElse(malformed("Fn::Join needs a list")));
        }
        return text(String.join(delimiter, strings(list)));
    }

    private JsonNode select(JsonNode arg) {
        if (!arg.isArray() || arg.size() != 2) {
            return text(malformed("Fn::Select needs an index and a list"));
        }
        JsonNode index = eval(arg.get(0));
        JsonNode list = eval(arg.get(1));
        if (!list.isArray()) {
            return text(
                    problemIn(list.asText()).map(Intrinsics::unresolved).orElse(malformed("Fn::Select needs a list")));
        }
        int i;
        try {
            i = Integer.parseInt(index.asText().strip());
        } catch (NumberFormatException e) {
            return text(problemIn(index.asText())
                    .map(Intrinsics::unresolved)
                    .orElse(malformed("Fn::Select index " + index.asText() + " is not a number")));
        }
        if (i < 0 || i >= list.size()) {
            return text(malformed("Fn::Select index " + i + " is outside the list of " + list.size()));
        }
        return list.get(i);
    }

    private JsonNode split(JsonNode arg) {
        if (!arg.isArray() || arg.size() != 2) {
            return text(malformed("Fn::Split needs a delimiter and a string"));
        }
        String delimiter = eval(arg.get(0)).asText();
        String source = eval(arg.get(1)).asText();
        if (problemIn(source).isPresent() && referenceIn(source).isEmpty() && source.indexOf(MARK + "?") >= 0) {
            return text(unresolved(problemIn(source).get()));
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
            return text(malformed("Fn::Cidr needs a block, a count and the host bits"));
        }
        String block = eval(arg.get(0)).asText();
        if (problemIn(block).isPresent()) {
            return text(unresolved(problemIn(block).get()));
        }
        Optional<Cidr> parsed = Cidr.tryParse(block);
        Optional<Ipv6Block.Known> parsed6 = parsed.isPresent() ? Optional.empty() : Ipv6Block.Known.tryParse(block);
        int count;
        int bits;
        try {
            count = Integer.parseInt(eval(arg.get(1)).asText().strip());
            bits = Integer.parseInt(eval(arg.get(2)).asText().strip());
        } catch (NumberFormatException e) {
            return text(malformed("Fn::Cidr count and host bits must be numbers"));
        }
        // "count: The number of CIDRs to generate. Valid range is between 1 and 256."
        // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-cidr.html
        if (count > MAX_CIDR_COUNT) {
            return text(unresolved(
                    "Fn::Cidr count " + count + " is above " + MAX_CIDR_COUNT + ", AWS's limit",
                    "cut at most " + MAX_CIDR_COUNT + " blocks per Fn::Cidr"));
        }
        if (parsed6.isPresent()) {
            return cidr6(parsed6.get().block(), count, bits, block);
        }
        if (parsed.isEmpty()
                || bits < 0
                || bits > 32 - parsed.get().prefixLength()
                || count < 1
                || count > (1L << (32 - bits - parsed.get().prefixLength()))) {
            return text(unresolved(
                    "Fn::Cidr cannot cut " + count + " blocks of " + bits + " host bits from " + block,
                    "ask for blocks that fit: count times 2^bits addresses within the block"));
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
            return text(unresolved(
                    "Fn::Cidr cannot cut " + count + " blocks of " + bits + " host bits from " + block,
                    "ask for blocks that fit: count times 2^bits addresses within the block"));
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
            return text(malformed("Fn::If needs a condition and two values"));
        }
        String name = arg.get(0).asText();
        Optional<Boolean> c = condition(name);
        if (c.isEmpty()) {
            return text(unresolved(
                    "condition " + name + " cannot be evaluated (it depends on a value not known here)",
                    "give the parameters it reads values: --parameter NAME=VALUE"));
        }
        return eval(arg.get(c.get() ? 1 : 2));
    }

    private JsonNode findInMap(JsonNode arg) {
        if (!arg.isArray() || arg.size() < 3) {
            return text(malformed("Fn::FindInMap needs a map and two keys"));
        }
        String map = eval(arg.get(0)).asText();
        String first = eval(arg.get(1)).asText();
        String second = eval(arg.get(2)).asText();
        JsonNode v = template.path("Mappings").path(map).path(first).path(second);
        if (v.isMissingNode()) {
            return text(problemIn(first + second)
                    .map(Intrinsics::unresolved)
                    .orElse(unresolved(
                            "Fn::FindInMap " + map + "." + first + "." + second + " is not in the template's Mappings",
                            "add it to Mappings, or correct the names")));
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
