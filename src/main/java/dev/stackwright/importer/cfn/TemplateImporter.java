package dev.stackwright.importer.cfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.diag.InputException;
import dev.stackwright.diag.InputFiles;
import dev.stackwright.diag.Suggestions;
import dev.stackwright.importer.Assembler;
import dev.stackwright.importer.Findings;
import dev.stackwright.importer.Imported;
import dev.stackwright.importer.Inventory;
import dev.stackwright.importer.SourceTree;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.DualStack;
import dev.stackwright.model.IpPrefix;
import dev.stackwright.model.Ipv6Block;
import dev.stackwright.model.LoadBalancer;
import dev.stackwright.model.NetworkAcl;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.Tier;
import dev.stackwright.model.TransitGateways;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads a CloudFormation template (JSON or YAML, from any tool) into one network per VPC it declares. Imports the
 * resource types with network meaning (EC2 networking, instances and Auto Scaling groups, ELBv2 load balancers, ECS
 * services in awsvpc mode, RDS instances and clusters, Lambda functions in a VPC, API Gateway VPC links) and evaluates
 * the intrinsic functions they use. A value that cannot be resolved is reported with its place and left out.
 */
public final class TemplateImporter {
    /**
     * What a template is imported with: the values its parameters and imports stand for.
     *
     * @param region     the region {@code AWS::Region} and {@code Fn::GetAZs} stand for
     * @param parameters values for the template's parameters (over their defaults)
     * @param imports    values for {@code Fn::ImportValue} names
     */
    public record Options(String region, Map<String, String> parameters, Map<String, String> imports) {
        public Options {
            parameters = Map.copyOf(parameters);
            imports = Map.copyOf(imports);
        }

        public static Options defaults() {
            return new Options("us-east-1", Map.of(), Map.of());
        }
    }

    private final SourceTree tree;
    private final Intrinsics intrinsics;
    private final Findings findings = new Findings();
    private final Inventory inv = new Inventory();
    private final Map<String, JsonNode> resources = new LinkedHashMap<>();
    private final Map<String, JsonNode> properties = new HashMap<>();
    /** The load balancer of each listener read, by the listener's logical ID: listener rules name their listener. */
    private final Map<String, String> listenerBalancers = new TreeMap<>();
    /** Load balancers some of whose rules could not be read, so whether they authenticate is not known. */
    private final Set<String> rulesUnread = new TreeSet<>();
    /**
     * Whether a listener or listener rule could not be placed on a load balancer of the template (a rule on another
     * stack's listener, a listener whose load balancer cannot be resolved): whose actions they are is not known.
     */
    private boolean unplaced;

    private TemplateImporter(SourceTree tree, Options options) {
        this.tree = tree;
        this.intrinsics = new Intrinsics(tree.root(), options.region(), options.parameters(), options.imports());
    }

    /** Reads a template file. */
    public static Imported read(Path file, Options options) {
        String text;
        try {
            text = InputFiles.read(file, "template", "check the path", InputFiles.DATA_LIMIT);
        } catch (InputException e) {
            return new Imported(List.of(), e.diagnostics());
        }
        return read(file.toString(), text, options);
    }

    /**
     * Reads template text.
     *
     * @param file names the template in findings
     */
    public static Imported read(String file, String text, Options options) {
        SourceTree tree;
        try {
            tree = SourceTree.parse(file, text);
        } catch (SourceTree.Malformed e) {
            return new Imported(List.of(), List.of(e.diagnostic()));
        }
        JsonNode root = tree.root();
        if (!root.isObject() || !root.path("Resources").isObject()) {
            Findings f = new Findings();
            boolean emptyResources = root.isObject() && root.has("Resources");
            f.error(
                    "not-a-template",
                    tree.at(emptyResources ? "Resources" : ""),
                    emptyResources ? "Resources" : "",
                    emptyResources
                            ? "this is not a CloudFormation template: its Resources section is empty or not a mapping"
                            : "this is not a CloudFormation template: it has no Resources section",
                    root.isObject()
                            ? "keys " + String.join(", ", iterable(root.fieldNames()))
                            : root.getNodeType().name().toLowerCase(Locale.ROOT),
                    "give a template with a top-level Resources mapping, e.g. the output of `cdk synth` or `stackwright synth`");
            return new Imported(List.of(), f.all());
        }
        TemplateImporter importer = new TemplateImporter(tree, options);
        JsonNode declaredParameters = tree.root().path("Parameters");
        for (String given : options.parameters().keySet()) {
            if (!declaredParameters.has(given)) {
                // CloudFormation refuses a value for a parameter the template does not declare; a typo here would
                // otherwise leave the default standing unsaid.
                importer.findings.warn(
                        "unknown-parameter",
                        tree.at(declaredParameters.isObject() ? "Parameters" : ""),
                        "Parameters",
                        "a value was given for parameter " + given + ", which the template does not declare; it is"
                                + " ignored",
                        given,
                        declaredParameters.isObject() && declaredParameters.size() > 0
                                ? "use one of: " + String.join(", ", iterable(declaredParameters.fieldNames()))
                                : "the template declares no parameters");
            }
        }
        for (String key : iterable(root.fieldNames())) {
            if (!SECTIONS.contains(key)) {
                // CloudFormation refuses the template; most often a resource indented one level too little.
                importer.findings.warn(
                        "unknown-section",
                        tree.at(key),
                        key,
                        "`" + key + "` is not a section of a CloudFormation template, so CloudFormation refuses the"
                                + " template; the analysis ignores it",
                        null,
                        root.path(key).has("Type")
                                ? "indent it under Resources: it has a Type, so it is a resource written one level"
                                        + " too high"
                                : Suggestions.closest(key, SECTIONS)
                                        .map(c -> "did you mean `" + c + "`?")
                                        .orElse("remove it, or move it into one of: " + String.join(", ", SECTIONS)));
            }
        }
        importer.collect();
        importer.importAll();
        if (importer.inv.vpcs.isEmpty()) {
            List<String> declared = new ArrayList<>();
            tree.root().get("Resources").properties().forEach(e -> {
                if (e.getValue().path("Type").asText().equals("AWS::EC2::VPC")) {
                    declared.add(e.getKey());
                }
            });
            if (declared.isEmpty()) {
                importer.findings.error(
                        "no-vpc",
                        tree.at("Resources"),
                        "Resources",
                        "the template declares no AWS::EC2::VPC, so there " + "is no network to analyse",
                        null,
                        "check the template of the stack that creates the VPC, or a snapshot of the account");
            } else {
                // Declared, but left out: a parameter without a value, a condition, an import (warned at its place).
                String path = "Resources." + declared.getFirst();
                importer.findings.error(
                        "no-vpc",
                        tree.at(path),
                        path,
                        "the template declares " + (declared.size() == 1 ? "VPC " : "VPCs ")
                                + String.join(", ", declared)
                                + ", but none could be imported (see the warnings), so there is no network to analyse",
                        null,
                        "give the values the warnings name, e.g. --parameter NAME=VALUE for a parameter without a"
                                + " default, --import-value NAME=VALUE for an import");
            }
        }
        importer.unknownImports(options.imports().keySet());
        return Assembler.assemble(importer.inv, options.region(), importer.findings);
    }

    /** Values given for exports the template never imports: CloudFormation would not use them, nor do we. */
    private void unknownImports(Set<String> givenExports) {
        Set<String> asked = intrinsics.importsAsked();
        for (String given : givenExports) {
            if (!asked.contains(given)) {
                findings.warn(
                        "unknown-import",
                        tree.at(""),
                        "",
                        "a value was given for import " + given + ", which the template does not import; it is"
                                + " ignored",
                        given,
                        asked.isEmpty()
                                ? "the template imports nothing (Fn::ImportValue)"
                                : Suggestions.closest(given, List.copyOf(asked))
                                        .map(c -> "did you mean " + c + "?")
                                        .orElse("it imports: " + String.join(", ", asked)));
            }
        }
    }

    /**
     * The sections a template may have: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html,
     * and Hooks for blue/green deployments through CodeDeploy.
     */
    private static final List<String> SECTIONS = List.of(
            "AWSTemplateFormatVersion",
            "Description",
            "Metadata",
            "Parameters",
            "Rules",
            "Mappings",
            "Conditions",
            "Transform",
            "Resources",
            "Outputs",
            "Hooks");

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    /** The resources that exist: conditions evaluated, properties evaluated. */
    private void collect() {
        tree.root().get("Resources").properties().forEach(e -> {
            String id = e.getKey();
            JsonNode r = e.getValue();
            String path = "Resources." + id;
            if (!r.isObject() || !r.path("Type").isTextual()) {
                findings.warn(
                        "no-type",
                        tree.at(path),
                        path,
                        "resource " + id + " has no Type; it is left out",
                        null,
                        "give every resource a Type");
                return;
            }
            if (r.has("Condition")) {
                String condition = r.get("Condition").asText();
                Optional<Boolean> on = intrinsics.condition(condition);
                if (on.isEmpty()) {
                    if (isNetworkType(r.get("Type").asText())) {
                        findings.warn(
                                "unresolved",
                                tree.at(path + ".Condition"),
                                path + ".Condition",
                                "condition " + condition + " cannot be evaluated, so whether " + id
                                        + " exists is unknown; it is left out",
                                condition,
                                "give the parameters it depends on defaults or values");
                    }
                    inv.leftOut.add(id);
                    // A listener or rule that may exist may authenticate: whose, and whether, is not known.
                    unplaced |= r.get("Type").asText().startsWith("AWS::ElasticLoadBalancingV2::Listener");
                    return;
                }
                if (!on.get()) {
                    inv.leftOut.add(id);
                    return;
                }
            }
            resources.put(id, r);
            properties.put(id, intrinsics.eval(r.path("Properties")));
        });
    }

    private static boolean isNetworkType(String type) {
        return type.startsWith("AWS::EC2::")
                || type.startsWith("AWS::ElasticLoadBalancingV2::")
                || type.equals("AWS::ECS::Service")
                || type.startsWith("AWS::RDS::")
                || type.equals("AWS::Lambda::Function")
                || type.equals("AWS::ApiGatewayV2::VpcLink")
                || type.equals("AWS::AutoScaling::AutoScalingGroup");
    }

    private String type(String id) {
        JsonNode r = resources.get(id);
        return r == null ? "" : r.get("Type").asText();
    }

    /** Reads one resource's evaluated properties, reporting what cannot be used. */
    private final class Props {
        final String id;
        final JsonNode node;
        final String base;

        Props(String id, JsonNode node, String base) {
            this.id = id;
            this.node = node;
            this.base = base;
        }

        Props(String id) {
            // only for IDs in resources, whose properties are put with them
            this(id, java.util.Objects.requireNonNull(properties.get(id)), "Resources." + id + ".Properties");
        }

        Props child(String key) {
            return new Props(id, node.path(key), base + "." + key);
        }

        /** The elements of a list; a value that is not a list is reported and read as an empty one. */
        List<Props> items(String key) {
            List<Props> out = new ArrayList<>();
            JsonNode a = node.path(key);
            if (!a.isArray()) {
                Optional<Intrinsics.Problem> problem =
                        a.isTextual() ? Intrinsics.problemIn(a.asText()) : Optional.empty();
                if (problem.isPresent()) {
                    unresolved(key, problem.get(), "it is left out");
                } else if (!a.isMissingNode() && !a.isNull()) {
                    Inventory.Where w = where(key);
                    findings.warn(
                            "not-a-list",
                            w.at(),
                            w.path(),
                            "must be a list; it is left out",
                            a.getNodeType().name().toLowerCase(Locale.ROOT),
                            "write it as a list");
                }
                return out;
            }
            for (int i = 0; i < a.size(); i++) {
                out.add(new Props(id, a.get(i), base + "." + key + "[" + i + "]"));
            }
            return out;
        }

        boolean has(String key) {
            return node.has(key);
        }

        Inventory.Where where(String key) {
            String path = key.isEmpty() ? base : base + "." + key;
            return new Inventory.Where(tree.at(path), path);
        }

        Inventory.Where where() {
            String path = "Resources." + id;
            return new Inventory.Where(tree.at(path), path);
        }

        void unresolved(String key, Intrinsics.Problem problem, String consequence) {
            Inventory.Where w = where(key);
            findings.warn(
                    "unresolved",
                    w.at(),
                    w.path(),
                    "could not be resolved: " + problem.reason() + "; " + consequence,
                    null,
                    problem.fix());
        }

        /** Text with no symbols in it, or empty (reported) when it has some. */
        Optional<String> text(String key, String consequence) {
            JsonNode v = node.path(key);
            if (v.isMissingNode() || v.isNull()) {
                return Optional.empty();
            }
            String s = v.isValueNode() ? v.asText() : v.toString();
            Optional<Intrinsics.Problem> problem = Intrinsics.problemIn(s);
            if (problem.isPresent()) {
                unresolved(key, problem.get(), consequence);
                return Optional.empty();
            }
            return Optional.of(s);
        }

        Optional<Cidr> cidr(String key, String consequence) {
            Optional<String> s = text(key, consequence);
            if (s.isEmpty()) {
                return Optional.empty();
            }
            Optional<Cidr> c = Cidr.tryParse(s.get());
            if (c.isEmpty()) {
                Inventory.Where w = where(key);
                findings.warn(
                        "bad-value",
                        w.at(),
                        w.path(),
                        "is not an IPv4 CIDR block; " + consequence,
                        s.get(),
                        "write it as address/prefix, e.g. 10.0.0.0/16");
            } else if (Cidr.hasHostBits(s.get())) {
                // A typo such as 192.168.1.0/0 stands for every address: read as the block, and said.
                Inventory.Where w = where(key);
                findings.warn(
                        "host-bits",
                        w.at(),
                        w.path(),
                        "has host bits set, so it stands for " + c.get() + ", the whole block it lies in"
                                + (c.get().prefixLength() == 0 ? " (every IPv4 address)" : "") + "; it is read so",
                        s.get(),
                        "write the block meant: " + c.get() + " if it is all of that, or a longer prefix for fewer"
                                + " addresses");
            }
            return c;
        }

        /** A reference: a logical ID of this template, or a literal ID of something outside it. */
        Optional<String> ref(String key, String consequence) {
            JsonNode v = node.path(key);
            if (v.isMissingNode() || v.isNull()) {
                return Optional.empty();
            }
            return refOf(v, key, consequence);
        }

        private Optional<String> refOf(JsonNode v, String key, String consequence) {
            String s = v.asText();
            Optional<String> logical = Intrinsics.referenceIn(s);
            if (logical.isPresent()) {
                return logical;
            }
            Optional<Intrinsics.Problem> problem = Intrinsics.problemIn(s);
            if (problem.isPresent()) {
                unresolved(key, problem.get(), consequence);
                return Optional.empty();
            }
            return s.isEmpty() ? Optional.empty() : Optional.of(s);
        }

        /** A list of references; a comma-separated string counts as a list. */
        List<String> refs(String key, String consequence) {
            JsonNode v = node.path(key);
            List<String> out = new ArrayList<>();
            if (v.isArray()) {
                for (int i = 0; i < v.size(); i++) {
                    refOf(v.get(i), key + "[" + i + "]", consequence).ifPresent(out::add);
                }
            } else if (v.isTextual()) {
                String s = v.asText();
                if (Intrinsics.referenceIn(s).isEmpty() && s.indexOf(Intrinsics.MARK) < 0 && s.contains(",")) {
                    // limit 0: a trailing comma adds no empty item
                    for (String part : s.split(",", 0)) {
                        out.add(part.strip());
                    }
                } else if (s.contains(Intrinsics.MARK + "?")
                        || (s.indexOf(Intrinsics.END) != s.length() - 1 && s.indexOf(Intrinsics.MARK) >= 0)) {
                    unresolved(
                            key,
                            Intrinsics.problemIn(s)
                                    .orElse(new Intrinsics.Problem("not a list", "give a list of values")),
                            consequence);
                } else {
                    refOf(v, key, consequence).ifPresent(out::add);
                }
            }
            return out;
        }

        /**
         * The security groups a list names. One the import cannot resolve (an import value, a parameter without a
         * value) is not left out as if it were not there: it stands as a group whose rules are not in the input
         * ({@link Inventory#unresolvedGroups}), so what it would decide is cannot tell.
         */
        List<String> groupRefs(String key) {
            List<String> out =
                    refs(key, "the group stands as one whose rules are not known, so what it decides is cannot tell");
            JsonNode v = node.path(key);
            if ((v.isArray() && out.size() < v.size()) || (v.isTextual() && out.isEmpty())) {
                String stand = id + "." + key + " (unresolved)";
                inv.unresolvedGroups.add(stand);
                out.add(stand);
            }
            return out;
        }

        Optional<Integer> integer(String key, String consequence) {
            Optional<String> s = text(key, consequence);
            if (s.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(Integer.parseInt(s.get().strip()));
            } catch (NumberFormatException e) {
                Inventory.Where w = where(key);
                findings.warn(
                        "bad-value",
                        w.at(),
                        w.path(),
                        "is not a whole number; " + consequence,
                        s.get(),
                        "write a number");
                return Optional.empty();
            }
        }

        boolean bool(String key, boolean otherwise) {
            Optional<String> s = text(key, "taken as " + otherwise);
            return s.map(v -> v.equalsIgnoreCase("true")).orElse(otherwise);
        }

        Map<String, String> tags() {
            Map<String, String> out = new TreeMap<>();
            for (JsonNode t : node.path("Tags")) {
                if (t.path("Key").isTextual() && t.path("Value").isValueNode()) {
                    out.put(t.get("Key").asText(), t.get("Value").asText());
                }
            }
            return out;
        }
    }

    private void importAll() {
        // Things that others refer to first: public addresses and launch templates.
        Map<String, Boolean> publicByEip = new HashMap<>();
        for (String id : resources.keySet()) {
            Props p = new Props(id);
            switch (type(id)) {
                case "AWS::EC2::EIP" ->
                    p.ref("InstanceId", "the address is left out").ifPresent(i -> publicByEip.put(i, true));
                case "AWS::EC2::EIPAssociation" -> {
                    p.ref("InstanceId", "the address is left out").ifPresent(i -> publicByEip.put(i, true));
                    p.ref("NetworkInterfaceId", "the address is left out").ifPresent(i -> publicByEip.put(i, true));
                }
                case "AWS::EC2::PrefixList" -> inv.labels.put(id, id);
                default -> {}
            }
        }
        for (String id : resources.keySet()) {
            Props p = new Props(id);
            switch (type(id)) {
                case "AWS::EC2::VPC" -> vpc(p);
                case "AWS::EC2::VPCCidrBlock" -> vpcCidrBlock(p);
                case "AWS::EC2::EgressOnlyInternetGateway" ->
                    p.ref("VpcId", "the gateway is left out")
                            .ifPresent(vpc -> inv.egressOnlyGateways.add(new Inventory.EgressOnlyGateway(id, id, vpc)));
                case "AWS::EC2::Subnet" -> subnet(p);
                case "AWS::EC2::RouteTable" ->
                    p.ref("VpcId", "the route table is left out")
                            .ifPresentOrElse(
                                    vpc -> inv.routeTables.add(new Inventory.RouteTable(
                                            id,
                                            id,
                                            vpc,
                                            false,
                                            new ArrayList<>(),
                                            new ArrayList<>(),
                                            tier(p.tags()),
                                            p.where())),
                                    () -> inv.leftOut.add(id));
                case "AWS::EC2::VPCGatewayAttachment" -> {
                    Optional<String> vpc = p.ref("VpcId", "the attachment is left out");
                    Optional<String> igw = p.has("InternetGatewayId")
                            ? p.ref("InternetGatewayId", "the attachment is left out")
                            : Optional.empty();
                    if (vpc.isPresent() && igw.isPresent()) {
                        inv.gatewayAttachments.add(new Inventory.GatewayAttachment(igw.get(), vpc.get()));
                    }
                }
                case "AWS::EC2::NatGateway" -> {
                    boolean regional = p.text("AvailabilityMode", "taken as zonal")
                            .map("regional"::equalsIgnoreCase)
                            .orElse(false);
                    Optional<String> subnet =
                            regional ? Optional.empty() : p.ref("SubnetId", "the NAT gateway is left out");
                    if (!regional && subnet.isEmpty()) {
                        inv.leftOut.add(id);
                        continue;
                    }
                    String vpc = regional
                            ? p.ref("VpcId", "the NAT gateway is left out").orElse("")
                            : "";
                    boolean privateOnly = p.text("ConnectivityType", "taken as public")
                            .map("private"::equalsIgnoreCase)
                            .orElse(false);
                    inv.natGateways.add(new Inventory.NatGateway(id, id, vpc, subnet, privateOnly, p.where()));
                }
                case "AWS::EC2::Instance" -> instance(p, publicByEip);
                case "AWS::EC2::NetworkInterface" -> {
                    Optional<String> subnet = p.ref("SubnetId", "the network interface is left out");
                    askedIpv6(p);
                    subnet.ifPresent(s -> inv.things.add(new Inventory.Thing(
                            id,
                            Attachment.Kind.OTHER,
                            List.of(s),
                            p.groupRefs("GroupSet"),
                            Optional.of(publicByEip.getOrDefault(id, false)),
                            List.of(id),
                            Optional.empty(),
                            Optional.empty(),
                            "",
                            p.where())));
                }
                case "AWS::EC2::SecurityGroup" -> securityGroup(p);
                case "AWS::EC2::NetworkAcl" ->
                    p.ref("VpcId", "the network ACL is left out")
                            .ifPresentOrElse(
                                    vpc -> inv.acls.add(new Inventory.Acl(
                                            id, id, vpc, new ArrayList<>(), new ArrayList<>(), p.where())),
                                    () -> inv.leftOut.add(id));
                case "AWS::EC2::VPCEndpoint" -> endpoint(p);
                case "AWS::EC2::FlowLog" -> flowLog(p);
                case "AWS::EC2::VPCPeeringConnection" -> inv.labels.put(id, id);
                case "AWS::EC2::TransitGateway" -> {
                    inv.labels.put(id, id);
                    inv.transitGateways.add(id);
                    inv.tgwSgReferencing.put(id, sgReferencing(p, TransitGateways.SecurityGroupReferencing.DISABLED));
                }
                case "AWS::EC2::TransitGatewayAttachment", "AWS::EC2::TransitGatewayVpcAttachment" -> {
                    Optional<String> gateway = p.ref("TransitGatewayId", "the attachment is left out");
                    Optional<String> vpc = p.ref("VpcId", "the attachment is left out");
                    if (gateway.isPresent() && vpc.isPresent()) {
                        inv.tgwAttachments.add(new Inventory.TgwAttachment(
                                id,
                                gateway.get(),
                                TransitGateways.Kind.VPC,
                                vpc,
                                p.refs("SubnetIds", "the subnet is left out"),
                                Optional.empty(),
                                ipv6Support(p.child("Options")),
                                sgReferencing(
                                        p.child("Options"), TransitGateways.SecurityGroupReferencing.NOT_IN_INPUT),
                                p.where()));
                    }
                }
                case "AWS::EC2::TransitGatewayPeeringAttachment" -> {
                    Optional<String> gateway = p.ref("TransitGatewayId", "the attachment is left out");
                    Optional<String> peer = p.ref("PeerTransitGatewayId", "the attachment is left out");
                    if (gateway.isPresent() && peer.isPresent()) {
                        inv.tgwAttachments.add(new Inventory.TgwAttachment(
                                id,
                                gateway.get(),
                                TransitGateways.Kind.PEERING,
                                Optional.empty(),
                                List.of(),
                                peer,
                                TransitGateways.Ipv6Support.NOT_IN_INPUT,
                                TransitGateways.SecurityGroupReferencing.NOT_IN_INPUT,
                                p.where()));
                    }
                }
                case "AWS::EC2::TransitGatewayRouteTable" ->
                    p.ref("TransitGatewayId", "the route table is left out")
                            .ifPresent(gw -> inv.tgwTable(id, gw, p.where()));
                case "AWS::EC2::TransitGatewayRouteTableAssociation",
                        "AWS::EC2::TransitGatewayRouteTablePropagation" -> {
                    Optional<String> table = p.ref("TransitGatewayRouteTableId", "it is left out");
                    Optional<String> attachment = p.ref("TransitGatewayAttachmentId", "it is left out");
                    if (table.isPresent() && attachment.isPresent()) {
                        Inventory.TgwRouteTable t = inv.tgwTable(table.get(), "", p.where());
                        (type(id).endsWith("Association") ? t.associations() : t.propagations()).add(attachment.get());
                    }
                }
                case "AWS::EC2::TransitGatewayRoute" -> {
                    Optional<String> table = p.ref("TransitGatewayRouteTableId", "the route is left out");
                    Optional<IpPrefix> cidr = tgwDestination(p);
                    boolean blackhole = p.text("Blackhole", "taken as false")
                            .map("true"::equalsIgnoreCase)
                            .orElse(false);
                    Optional<String> attachment = blackhole
                            ? Optional.empty()
                            : p.ref("TransitGatewayAttachmentId", "the route is taken as a blackhole");
                    if (table.isPresent() && cidr.isPresent()) {
                        inv.tgwTable(table.get(), "", p.where())
                                .routes()
                                .add(new Inventory.TgwRoute(cidr.get(), attachment));
                    }
                }
                case "AWS::ElasticLoadBalancingV2::LoadBalancer" -> loadBalancer(p);
                case "AWS::ElasticLoadBalancingV2::Listener" -> listener(p);
                case "AWS::ElasticLoadBalancingV2::TargetGroup" -> targetGroup(p);
                case "AWS::ECS::Service" -> ecsService(p);
                case "AWS::RDS::DBInstance", "AWS::RDS::DBCluster" -> database(p);
                case "AWS::Lambda::Function" -> {
                    if (p.has("VpcConfig")) {
                        Props c = p.child("VpcConfig");
                        // A function's interfaces have IPv6 addresses only when it allows dual stack.
                        inv.thingIpv6.put(
                                id,
                                new DualStack.Ipv6Interface(id, c.bool("Ipv6AllowedForDualStack", false), List.of()));
                        inv.things.add(new Inventory.Thing(
                                id,
                                Attachment.Kind.FUNCTION,
                                c.refs("SubnetIds", "the subnet is left out"),
                                c.groupRefs("SecurityGroupIds"),
                                Optional.of(false),
                                List.of(),
                                Optional.empty(),
                                Optional.empty(),
                                "",
                                p.where()));
                    }
                }
                case "AWS::ApiGatewayV2::VpcLink" ->
                    inv.things.add(new Inventory.Thing(
                            id,
                            Attachment.Kind.VPC_LINK,
                            p.refs("SubnetIds", "the subnet is left out"),
                            p.groupRefs("SecurityGroupIds"),
                            Optional.of(false),
                            List.of(),
                            Optional.of(SecurityGroup.Role.FRONT_DOOR),
                            Optional.empty(),
                            "",
                            p.where()));
                case "AWS::AutoScaling::AutoScalingGroup" -> autoScalingGroup(p);
                default -> {}
            }
        }
        // Then what attaches to those: routes, associations, standalone rules and entries.
        for (String id : resources.keySet()) {
            Props p = new Props(id);
            switch (type(id)) {
                case "AWS::EC2::Route" -> route(p);
                case "AWS::EC2::SubnetRouteTableAssociation" -> {
                    Optional<String> subnet = p.ref("SubnetId", "the association is left out");
                    Optional<String> table = p.ref("RouteTableId", "the association is left out");
                    if (subnet.isPresent() && table.isPresent()) {
                        routeTable(table.get(), p).ifPresent(t -> t.subnetIds().add(subnet.get()));
                    }
                }
                case "AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress" ->
                    standaloneRule(p, type(id).endsWith("Egress"));
                case "AWS::EC2::NetworkAclEntry" -> aclEntry(p);
                case "AWS::ElasticLoadBalancingV2::ListenerRule" -> listenerRule(p);
                case "AWS::EC2::SubnetNetworkAclAssociation" -> {
                    Optional<String> subnet = p.ref("SubnetId", "the association is left out");
                    Optional<String> acl = p.ref("NetworkAclId", "the association is left out");
                    if (subnet.isPresent() && acl.isPresent()) {
                        Optional<Inventory.Acl> a = inv.acls.stream()
                                .filter(x -> x.id().equals(acl.get()))
                                .findFirst();
                        if (a.isPresent()) {
                            a.get().subnetIds().add(subnet.get());
                        } else if (!inv.leftOut.contains(acl.get())) {
                            findings.warn(
                                    "dangling-reference",
                                    p.where("NetworkAclId").at(),
                                    p.where("NetworkAclId").path(),
                                    "refers to network ACL " + acl.get()
                                            + ", which is not in the template; the subnet is analysed "
                                            + "with the VPC's default ACL (allows everything)",
                                    acl.get(),
                                    "add the network ACL to the template");
                        }
                    }
                }
                default -> {}
            }
        }
        rulesKnown();
    }

    private static Optional<Tier> tier(Map<String, String> tags) {
        String t = tags.get("stackwright:tier");
        if (t == null) {
            return Optional.empty();
        }
        for (Tier tier : Tier.values()) {
            if (tier.id().equals(t)) {
                return Optional.of(tier);
            }
        }
        return Optional.empty();
    }

    /**
     * A VPC attachment's {@code Options.Ipv6Support}: "Enable or disable IPv6 support. The default is disable."
     * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-transitgatewayvpcattachment-options.html)
     */
    private TransitGateways.Ipv6Support ipv6Support(Props options) {
        Optional<String> text = options.text("Ipv6Support", "whether the attachment carries IPv6 is not known");
        if (text.isEmpty()) {
            return options.has("Ipv6Support")
                    ? TransitGateways.Ipv6Support.NOT_IN_INPUT
                    : TransitGateways.Ipv6Support.DISABLED;
        }
        Optional<TransitGateways.Ipv6Support> parsed = TransitGateways.Ipv6Support.parse(text.get());
        if (parsed.isEmpty()) {
            Inventory.Where w = options.where("Ipv6Support");
            findings.warn(
                    "bad-value",
                    w.at(),
                    w.path(),
                    "is not enable or disable, so whether the attachment carries IPv6 is not known",
                    text.get(),
                    "write enable or disable");
        }
        return parsed.orElse(TransitGateways.Ipv6Support.NOT_IN_INPUT);
    }

    /**
     * A transit gateway's {@code SecurityGroupReferencingSupport}, or a VPC attachment's under {@code Options}; when
     * the template does not set it, {@code absent}. A gateway's is off: "This option is disabled by default"
     * (https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/ec2/aws.sdk.kotlin.services.ec2.model/-transit-gateway-options/security-group-referencing-support.html). An attachment's is not
     * known: the attachment options page says "This option is disabled by default"
     * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-transitgatewayattachment-options.html)
     * while the API that creates it says "This option is set to enable by default. However, at the transit gateway
     * level the default is set to disable"
     * (https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/ec2/aws.sdk.kotlin.services.ec2.model/-create-transit-gateway-vpc-attachment-request-options/security-group-referencing-support.html).
     */
    private TransitGateways.SecurityGroupReferencing sgReferencing(
            Props props, TransitGateways.SecurityGroupReferencing absent) {
        String key = "SecurityGroupReferencingSupport";
        Optional<String> text = props.text(key, "whether it allows security group references is not known");
        if (text.isEmpty()) {
            return props.has(key) ? TransitGateways.SecurityGroupReferencing.NOT_IN_INPUT : absent;
        }
        Optional<TransitGateways.SecurityGroupReferencing> parsed =
                TransitGateways.SecurityGroupReferencing.parse(text.get());
        if (parsed.isEmpty()) {
            Inventory.Where w = props.where(key);
            findings.warn(
                    "bad-value",
                    w.at(),
                    w.path(),
                    "is not enable or disable, so whether it allows security group references is not known",
                    text.get(),
                    "write enable or disable");
        }
        return parsed.orElse(TransitGateways.SecurityGroupReferencing.NOT_IN_INPUT);
    }

    /** A transit gateway route's {@code DestinationCidrBlock}, IPv4 or IPv6 ("The CIDR block used for destination matches"). */
    private Optional<IpPrefix> tgwDestination(Props p) {
        Optional<String> text = p.text("DestinationCidrBlock", "the route is left out");
        Optional<IpPrefix> parsed = text.flatMap(IpPrefix::tryParse);
        if (text.isPresent() && parsed.isEmpty()) {
            Inventory.Where w = p.where("DestinationCidrBlock");
            findings.warn(
                    "bad-value",
                    w.at(),
                    w.path(),
                    "is not an IPv4 or IPv6 CIDR block; the route is left out",
                    text.get(),
                    "write it as address/prefix, e.g. 10.0.0.0/16 or 2600:1f18:aaaa:bb00::/56");
        }
        return parsed;
    }

    /** A block an IPAM pool gives at deploy time: only the deployed account knows it. */
    private static Intrinsics.Problem ipam(String what) {
        return new Intrinsics.Problem(
                "the " + what + "'s block comes from an IPAM pool or is missing",
                "write the block (CidrBlock), or analyse the deployed account (`stackwright vpc inspect`)");
    }

    /** A group by name, which only the default VPC resolves: the key that names it by ID instead. */
    private static Intrinsics.Problem byGroupName(String key) {
        return new Intrinsics.Problem(
                "a group named by GroupName belongs to the default VPC", "name the group by ID in " + key);
    }

    private void vpc(Props p) {
        if (!p.has("CidrBlock")) {
            p.unresolved("CidrBlock", ipam("VPC"), "VPC " + p.id + " is left out");
            inv.leftOut.add(p.id);
            return;
        }
        Optional<Cidr> cidr = p.cidr("CidrBlock", "VPC " + p.id + " is left out");
        if (cidr.isEmpty()) {
            inv.leftOut.add(p.id);
            return;
        }
        inv.vpcs.add(new Inventory.Vpc(
                p.id,
                p.id,
                cidr.get(),
                p.bool("EnableDnsSupport", true),
                p.bool("EnableDnsHostnames", false),
                p.tags(),
                p.where()));
    }

    private void subnet(Props p) {
        Optional<String> vpc = p.ref("VpcId", "subnet " + p.id + " is left out");
        Optional<Cidr> cidr =
                p.has("CidrBlock") ? p.cidr("CidrBlock", "subnet " + p.id + " is left out") : Optional.empty();
        if (!p.has("CidrBlock") && !p.node.path("Ipv6Native").asBoolean(false)) {
            p.unresolved("CidrBlock", ipam("subnet"), "subnet " + p.id + " is left out");
        } else if (!p.has("CidrBlock")) {
            Inventory.Where w = p.where("Ipv6Native");
            findings.warn(
                    "ipv6-only-subnet",
                    w.at(),
                    w.path(),
                    "subnet " + p.id + " is IPv6-only, which the analysis does not model yet; it is left out, and so"
                            + " is what is in it",
                    null,
                    "check what reaches it by other means until IPv6-only subnets are modelled");
        }
        if (vpc.isEmpty() || cidr.isEmpty()) {
            inv.leftOut.add(p.id);
            return;
        }
        Optional<Integer> az = Optional.empty();
        if (p.has("AvailabilityZone")) {
            az = p.text("AvailabilityZone", "the zone is unknown").flatMap(TemplateImporter::zoneIndex);
        }
        if (p.has("Ipv6CidrBlock")) {
            // Often Fn::Select over Fn::Cidr of the VPC's Amazon-provided block: worked out where the block is known
            // to the template (a stand-in for Amazon's), else present at an unknown place.
            Optional<Ipv6Block> block = p.text(
                            "Ipv6CidrBlock",
                            "the subnet has an IPv6 block at an unknown place; it is analysed as a /64" + " of its own")
                    .flatMap(t -> ipv6(p, "Ipv6CidrBlock", t, "it is analysed as a /64 of its own"));
            inv.subnetIpv6.put(p.id, new Inventory.SubnetIpv6(block, p.bool("AssignIpv6AddressOnCreation", false)));
        }
        inv.subnets.add(new Inventory.Subnet(
                p.id,
                p.id,
                vpc.get(),
                cidr.get(),
                az,
                p.bool("MapPublicIpOnLaunch", false),
                tier(p.tags()),
                p.where()));
    }

    /** {@code us-east-1b} is the second zone. */
    static Optional<Integer> zoneIndex(String zone) {
        if (zone.isEmpty()
                || !Character.isLetter(zone.charAt(zone.length() - 1))
                || !Character.isDigit(zone.charAt(Math.max(0, zone.length() - 2)))) {
            return Optional.empty();
        }
        int i = Character.toLowerCase(zone.charAt(zone.length() - 1)) - 'a';
        return i >= 0 && i < 26 ? Optional.of(i) : Optional.empty();
    }

    private Optional<Inventory.RouteTable> routeTable(String id, Props from) {
        Optional<Inventory.RouteTable> t =
                inv.routeTables.stream().filter(x -> x.id().equals(id)).findFirst();
        if (t.isEmpty() && !inv.leftOut.contains(id)) {
            findings.warn(
                    "dangling-reference",
                    from.where("RouteTableId").at(),
                    from.where("RouteTableId").path(),
                    "refers to route table " + id + ", which is not in the template; it is left out",
                    id,
                    "add the route table to the template");
        }
        return t;
    }

    private void route(Props p) {
        Optional<String> table = p.ref("RouteTableId", "the route is left out");
        if (table.isEmpty()) {
            return;
        }
        Optional<Inventory.RouteTable> t = routeTable(table.get(), p);
        if (t.isEmpty()) {
            return;
        }
        Optional<Cidr> cidr = Optional.empty();
        Optional<String> prefixList = Optional.empty();
        if (p.has("DestinationCidrBlock")) {
            cidr = p.cidr("DestinationCidrBlock", "the route is left out");
            if (cidr.isEmpty()) {
                return;
            }
        } else if (p.has("DestinationPrefixListId")) {
            prefixList = p.ref("DestinationPrefixListId", "the route is left out");
            if (prefixList.isEmpty()) {
                return;
            }
        } else if (p.has("DestinationIpv6CidrBlock")) {
            route6(p, t.get());
            return;
        } else {
            return;
        }
        String[][] targets = {
            {"GatewayId", "GATEWAY"},
            {"NatGatewayId", "NAT_GATEWAY"},
            {"InstanceId", "INSTANCE"},
            {"NetworkInterfaceId", "NETWORK_INTERFACE"},
            {"VpcPeeringConnectionId", "PEERING"},
            {"TransitGatewayId", "TRANSIT_GATEWAY"},
            {"VpcEndpointId", "OTHER"},
            {"CarrierGatewayId", "OTHER"},
            {"LocalGatewayId", "OTHER"},
            {"CoreNetworkArn", "OTHER"},
            {"EgressOnlyInternetGatewayId", "OTHER"}
        };
        for (String[] target : targets) {
            if (!p.has(target[0])) {
                continue;
            }
            Optional<String> id = p.ref(target[0], "the route's target is unknown");
            Inventory.TargetKind kind = Inventory.TargetKind.valueOf(target[1]);
            String targetId = id.orElse(target[0] + " that could not be resolved");
            if (id.isEmpty()) {
                kind = Inventory.TargetKind.UNRESOLVED;
            } else if (kind == Inventory.TargetKind.OTHER) {
                targetId = target[0].replace("Id", "").replace("Arn", "") + " " + id.get();
            } else if (kind == Inventory.TargetKind.GATEWAY && type(id.get()).equals("AWS::EC2::VPNGateway")) {
                targetId = "vgw-" + id.get();
            }
            t.get().routes().add(new Inventory.Route(cidr, prefixList, kind, targetId, p.where()));
            return;
        }
        findings.warn(
                "unresolved",
                p.where().at(),
                p.where().path(),
                "route " + p.id + " has no target this importer knows; " + "it is left out",
                null,
                "give the route a GatewayId, NatGatewayId, NetworkInterfaceId, InstanceId, "
                        + "VpcPeeringConnectionId or TransitGatewayId");
    }

    private void instance(Props p, Map<String, Boolean> publicByEip) {
        askedIpv6(p);
        List<String> subnets = new ArrayList<>();
        List<String> groups = new ArrayList<>(p.groupRefs("SecurityGroupIds"));
        Optional<Boolean> publicIp = publicByEip.containsKey(p.id) ? Optional.of(true) : Optional.empty();
        List<String> keys = new ArrayList<>(List.of(p.id));
        p.ref("SubnetId", "the instance is left out").ifPresent(subnets::add);
        for (Props nic : p.items("NetworkInterfaces")) {
            nic.ref("SubnetId", "the interface is left out").ifPresent(subnets::add);
            groups.addAll(nic.groupRefs("GroupSet"));
            if (nic.has("AssociatePublicIpAddress") && publicIp.isEmpty()) {
                publicIp = Optional.of(nic.bool("AssociatePublicIpAddress", false));
            }
            nic.ref("NetworkInterfaceId", "the interface is left out").ifPresent(keys::add);
        }
        if (p.has("SecurityGroups")) {
            p.unresolved(
                    "SecurityGroups",
                    new Intrinsics.Problem(
                            "security groups named by GroupName belong to the default VPC or EC2-Classic",
                            "name the groups by ID in SecurityGroupIds"),
                    "they are left out");
        }
        String type = p.text("InstanceType", "the type is unknown").orElse("unknown");
        if (!p.has("SecurityGroupIds")
                && !p.has("SecurityGroups")
                && p.items("NetworkInterfaces").stream()
                        .noneMatch(nic -> nic.has("GroupSet") || nic.has("NetworkInterfaceId"))) {
            inv.namesNoGroup.add(p.id);
        }
        inv.things.add(new Inventory.Thing(
                p.id,
                Attachment.Kind.INSTANCE,
                subnets,
                groups,
                publicIp,
                keys,
                Optional.empty(),
                Optional.empty(),
                type,
                p.where()));
    }

    private void autoScalingGroup(Props p) {
        List<String> subnets = p.refs("VPCZoneIdentifier", "the subnet is left out");
        List<String> groups = new ArrayList<>();
        Optional<Boolean> publicIp = Optional.empty();
        String type = "unknown";
        Optional<String> lt = p.has("LaunchTemplate")
                ? p.child("LaunchTemplate").ref("LaunchTemplateId", "its groups are unknown")
                : Optional.empty();
        if (lt.isPresent() && resources.containsKey(lt.get())) {
            Props data = new Props(lt.get()).child("LaunchTemplateData");
            if (!data.has("SecurityGroupIds")
                    && !data.has("SecurityGroups")
                    && data.items("NetworkInterfaces").stream().noneMatch(nic -> nic.has("Groups"))) {
                inv.namesNoGroup.add(p.id);
            }
            groups.addAll(data.groupRefs("SecurityGroupIds"));
            for (Props nic : data.items("NetworkInterfaces")) {
                groups.addAll(nic.groupRefs("Groups"));
                if (nic.has("AssociatePublicIpAddress")) {
                    publicIp = Optional.of(nic.bool("AssociatePublicIpAddress", false));
                }
            }
            type = data.text("InstanceType", "the type is unknown").orElse(type);
        }
        Optional<String> lc = p.ref("LaunchConfigurationName", "its groups are unknown");
        if (lc.isPresent() && resources.containsKey(lc.get())) {
            Props config = new Props(lc.get());
            if (!config.has("SecurityGroups")) {
                inv.namesNoGroup.add(p.id);
            }
            groups.addAll(config.groupRefs("SecurityGroups"));
            if (config.has("AssociatePublicIpAddress")) {
                publicIp = Optional.of(config.bool("AssociatePublicIpAddress", false));
            }
            type = config.text("InstanceType", "the type is unknown").orElse(type);
        }
        inv.things.add(new Inventory.Thing(
                p.id,
                Attachment.Kind.INSTANCE,
                subnets,
                groups,
                publicIp,
                List.of(p.id),
                Optional.empty(),
                Optional.empty(),
                type,
                p.where()));
    }

    private void securityGroup(Props p) {
        Optional<String> vpc = p.ref("VpcId", "the group is left out");
        if (vpc.isEmpty()) {
            if (!p.has("VpcId")) {
                findings.warn(
                        "dangling-reference",
                        p.where().at(),
                        p.where().path(),
                        "security group " + p.id + " has no VpcId, "
                                + "so it belongs to the account's default VPC, which is not in the template; it is left out",
                        null,
                        "give it a VpcId");
            }
            inv.leftOut.add(p.id);
            return;
        }
        List<Inventory.Rule> ingress = new ArrayList<>();
        List<Inventory.Rule> egress = new ArrayList<>();
        for (Props r : p.items("SecurityGroupIngress")) {
            rule(r, false).ifPresent(ingress::add);
            rule6(r).ifPresent(x -> inv.ipv6Rules.add(new Inventory.Ipv6Rule(p.id, false, x)));
        }
        boolean explicitEgress = !p.items("SecurityGroupEgress").isEmpty();
        for (Props r : p.items("SecurityGroupEgress")) {
            rule(r, true).ifPresent(egress::add);
            rule6(r).ifPresent(x -> inv.ipv6Rules.add(new Inventory.Ipv6Rule(p.id, true, x)));
        }
        if (!explicitEgress) {
            // Without egress rules of its own, a group in a VPC gets AWS's allow-all egress rule:
            // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-securitygroup.html
            egress.add(new Inventory.Rule(
                    Protocol.ALL,
                    PortRange.ALL,
                    Inventory.PeerKind.CIDR,
                    "0.0.0.0/0",
                    "AWS's default egress rule",
                    p.where()));
        }
        String description = p.text("GroupDescription", "").orElse("");
        inv.groups.add(new Inventory.Group(p.id, p.id, vpc.get(), description, ingress, egress, p.where()));
    }

    private void standaloneRule(Props p, boolean egress) {
        Optional<String> group = p.ref("GroupId", "the rule is left out");
        if (group.isEmpty()) {
            if (p.has("GroupName")) {
                p.unresolved("GroupName", byGroupName("GroupId"), "the rule is left out");
            }
            return;
        }
        Optional<Inventory.Group> g =
                inv.groups.stream().filter(x -> x.id().equals(group.get())).findFirst();
        if (g.isEmpty()) {
            if (!inv.leftOut.contains(group.get())) {
                findings.warn(
                        "dangling-reference",
                        p.where("GroupId").at(),
                        p.where("GroupId").path(),
                        "refers to security group " + group.get()
                                + ", which is not in the template; the rule is left out",
                        group.get(),
                        "add the group to the template");
            }
            return;
        }
        rule(p, egress).ifPresent(r -> (egress ? g.get().egress() : g.get().ingress()).add(r));
        rule6(p).ifPresent(r -> inv.ipv6Rules.add(new Inventory.Ipv6Rule(group.get(), egress, r)));
    }

    /** One rule, inline or standalone; empty (reported) when its peer or ports cannot be resolved, or it is IPv6. */
    private Optional<Inventory.Rule> rule(Props r, boolean egress) {
        String consequence = "the rule is left out";
        Optional<Traffic> traffic = traffic(r, consequence);
        if (traffic.isEmpty()) {
            return Optional.empty();
        }
        Protocol protocol = traffic.get().protocol();
        PortRange ports = traffic.get().ports();
        String description = r.text("Description", "").orElse("");
        String side = egress ? "Destination" : "Source";
        if (r.has("CidrIp")) {
            Optional<Cidr> cidr = r.cidr("CidrIp", consequence);
            if (cidr.isEmpty()) {
                return Optional.empty();
            }
            // The rule Stackwright and the CDK write to remove the default egress rule: matches no traffic.
            if (egress && protocol == Protocol.ICMP && cidr.get().equals(Cidr.parse("255.255.255.255/32"))) {
                return Optional.empty();
            }
            return Optional.of(new Inventory.Rule(
                    protocol, ports, Inventory.PeerKind.CIDR, cidr.get().toString(), description, r.where("")));
        }
        if (r.has(side + "SecurityGroupId")) {
            return r.ref(side + "SecurityGroupId", consequence)
                    .map(g ->
                            new Inventory.Rule(protocol, ports, Inventory.PeerKind.GROUP, g, description, r.where("")));
        }
        if (r.has(side + "PrefixListId")) {
            return r.ref(side + "PrefixListId", consequence)
                    .map(pl -> new Inventory.Rule(
                            protocol, ports, Inventory.PeerKind.PREFIX_LIST, pl, description, r.where("")));
        }
        if (r.has("SourceSecurityGroupName")) {
            r.unresolved("SourceSecurityGroupName", byGroupName("SourceSecurityGroupId"), consequence);
        }
        return Optional.empty(); // IPv6 (CidrIpv6): rule6.
    }

    /** A rule on an IPv6 block ({@code CidrIpv6}), inline or standalone; empty for others and what cannot be read. */
    private Optional<Inventory.Rule> rule6(Props r) {
        if (!r.has("CidrIpv6")) {
            return Optional.empty();
        }
        String consequence = "the rule is left out";
        Optional<Traffic> traffic = traffic(r, consequence);
        if (traffic.isEmpty()) {
            return Optional.empty();
        }
        String description = r.text("Description", "").orElse("");
        return r.text("CidrIpv6", consequence)
                .flatMap(t -> ipv6(r, "CidrIpv6", t, consequence))
                .map(b -> new Inventory.Rule(
                        traffic.get().protocol(),
                        traffic.get().ports(),
                        Inventory.PeerKind.CIDR,
                        b.addresses().toCanonicalString(),
                        description,
                        r.where("")));
    }

    /** The protocol and ports a rule allows. */
    private record Traffic(Protocol protocol, PortRange ports) {}

    /**
     * The protocol and ports of a rule, IPv4 or IPv6, read alike for both; empty for other IP protocols, which carry
     * no TCP or UDP flow, and (reported) when they cannot be resolved. A -1 port means all ports.
     */
    private Optional<Traffic> traffic(Props r, String consequence) {
        Optional<String> proto = r.text("IpProtocol", consequence);
        Optional<Protocol> protocol = proto.flatMap(Inventory::protocol);
        if (protocol.isEmpty()) {
            return Optional.empty();
        }
        if (protocol.get() != Protocol.TCP && protocol.get() != Protocol.UDP) {
            return Optional.of(new Traffic(protocol.get(), PortRange.ALL));
        }
        Optional<Integer> from = r.has("FromPort") ? r.integer("FromPort", consequence) : Optional.of(0);
        Optional<Integer> to = r.has("ToPort") ? r.integer("ToPort", consequence) : Optional.of(65535);
        if (from.isEmpty() || to.isEmpty()) {
            return Optional.empty();
        }
        if (from.get() == -1 || to.get() == -1) {
            return Optional.of(new Traffic(protocol.get(), PortRange.ALL));
        }
        return portRange(r, "FromPort", from.get(), to.get(), consequence).map(p -> new Traffic(protocol.get(), p));
    }

    /** An IPv6 block of the template's; a value that is not one is reported and empty. */
    private Optional<Ipv6Block> ipv6(Props at, String key, String text, String consequence) {
        Optional<Ipv6Block.Known> block = Ipv6Block.Known.tryParse(text);
        if (block.isEmpty()) {
            Inventory.Where w = at.where(key);
            findings.warn(
                    "bad-value",
                    w.at(),
                    w.path(),
                    "is not an IPv6 CIDR block; " + consequence,
                    text,
                    "write it as address/prefix, e.g. 2600:1f18:abc:de00::/56");
        }
        return block.map(b -> b);
    }

    /**
     * An IPv6 block of a VPC: Amazon-provided (where, AWS decides at creation: the analysis uses a stand-in), or
     * given. A block from an IPAM pool is placed as an Amazon-provided one would be.
     */
    private void vpcCidrBlock(Props p) {
        Optional<String> vpc = p.ref("VpcId", "the block is left out");
        if (vpc.isEmpty()) {
            return;
        }
        if (p.bool("AmazonProvidedIpv6CidrBlock", false) || p.has("Ipv6IpamPoolId") || p.has("Ipv6Pool")) {
            inv.vpcIpv6.putIfAbsent(vpc.get(), new Ipv6Block.AmazonProvided());
        } else if (p.has("Ipv6CidrBlock")) {
            p.text("Ipv6CidrBlock", "the block is left out")
                    .flatMap(t -> ipv6(p, "Ipv6CidrBlock", t, "the block is left out"))
                    .ifPresent(b -> inv.vpcIpv6.putIfAbsent(vpc.get(), b));
        }
    }

    /**
     * A route to an IPv6 block: to an internet gateway, an egress-only one, a peering connection or a transit gateway,
     * which the analysis follows; to anything else, kept as not modelled so that flows over it are answered cannot
     * tell.
     */
    private void route6(Props p, Inventory.RouteTable table) {
        String consequence = "the route is left out";
        Optional<String> destination = p.text("DestinationIpv6CidrBlock", consequence)
                .flatMap(t -> ipv6(p, "DestinationIpv6CidrBlock", t, consequence))
                .map(b -> b.addresses().toCanonicalString());
        if (destination.isEmpty()) {
            return;
        }
        DualStack.Target target;
        Optional<String> targetId;
        if (p.has("EgressOnlyInternetGatewayId")) {
            target = DualStack.Target.EGRESS_ONLY_INTERNET_GATEWAY;
            targetId = p.ref("EgressOnlyInternetGatewayId", consequence);
        } else if (p.has("GatewayId")) {
            targetId = p.ref("GatewayId", consequence);
            boolean igw = targetId.map(g -> type(g).equals("AWS::EC2::InternetGateway") || g.startsWith("igw-"))
                    .orElse(false);
            target = igw ? DualStack.Target.INTERNET_GATEWAY : DualStack.Target.UNMODELLED;
        } else if (p.has("VpcPeeringConnectionId")) {
            target = DualStack.Target.PEERING;
            targetId = p.ref("VpcPeeringConnectionId", consequence);
        } else if (p.has("TransitGatewayId")) {
            target = DualStack.Target.TRANSIT_GATEWAY;
            targetId = p.ref("TransitGatewayId", consequence);
        } else {
            target = DualStack.Target.UNMODELLED;
            targetId = Optional.of("a target other than an internet gateway");
        }
        if (targetId.isEmpty()) {
            return;
        }
        inv.ipv6Routes.add(new Inventory.Ipv6Route(table.id(), destination.get(), target, targetId.get(), p.where()));
    }

    /** What an instance or interface asks of IPv6 addresses, when it asks (else its subnet decides). */
    private void askedIpv6(Props p) {
        List<String> addresses = new ArrayList<>();
        for (Props a : p.items("Ipv6Addresses")) {
            a.text("Ipv6Address", "the address is left out").ifPresent(addresses::add);
        }
        Optional<Integer> count =
                p.has("Ipv6AddressCount") ? p.integer("Ipv6AddressCount", "taken as 0") : Optional.empty();
        if (!addresses.isEmpty() || count.isPresent()) {
            inv.thingIpv6.put(
                    p.id, new DualStack.Ipv6Interface(p.id, !addresses.isEmpty() || count.get() > 0, addresses));
        }
    }

    /**
     * Ports from 0 to 65535 with the start at most the end, as AWS requires of a rule or an entry; anything else is
     * reported and empty.
     */
    private Optional<PortRange> portRange(Props at, String key, int from, int to, String consequence) {
        if (from >= 0 && to <= 65535 && from <= to) {
            return Optional.of(new PortRange(from, to));
        }
        Inventory.Where w = at.where(key);
        findings.warn(
                "bad-value",
                w.at(),
                w.path(),
                from > to
                        ? "the port range starts above its end, which AWS refuses; " + consequence
                        : "a port is outside 0-65535, which AWS refuses; " + consequence,
                from + "-" + to,
                "write ports from 0 to 65535 with the first at most the last (-1 for all)");
        return Optional.empty();
    }

    private void aclEntry(Props p) {
        Optional<String> acl = p.ref("NetworkAclId", "the entry is left out");
        if (acl.isEmpty()) {
            return;
        }
        Optional<Inventory.Acl> a =
                inv.acls.stream().filter(x -> x.id().equals(acl.get())).findFirst();
        if (a.isEmpty()) {
            if (!inv.leftOut.contains(acl.get())) {
                findings.warn(
                        "dangling-reference",
                        p.where("NetworkAclId").at(),
                        p.where("NetworkAclId").path(),
                        "refers to network ACL " + acl.get() + ", which is not in the template; the entry is left out",
                        acl.get(),
                        "add the network ACL to the template");
            }
            return;
        }
        String consequence = "the entry is left out, which denies what it would allow";
        Optional<Ipv6Block> block = Optional.empty();
        if (!p.has("CidrBlock")) {
            if (!p.has("Ipv6CidrBlock")) {
                return;
            }
            block = p.text("Ipv6CidrBlock", consequence).flatMap(t -> ipv6(p, "Ipv6CidrBlock", t, consequence));
            if (block.isEmpty()) {
                return;
            }
        }
        Optional<Integer> number = p.integer("RuleNumber", consequence);
        Optional<String> proto = p.text("Protocol", consequence);
        Optional<Cidr> cidr = block.isPresent() ? Optional.of(Cidr.ANYWHERE) : p.cidr("CidrBlock", consequence);
        Optional<String> action = p.text("RuleAction", consequence);
        if (number.isEmpty() || proto.isEmpty() || cidr.isEmpty() || action.isEmpty()) {
            return;
        }
        Optional<Protocol> protocol = Inventory.protocol(proto.get());
        if (protocol.isEmpty()) {
            return;
        }
        PortRange ports = PortRange.ALL;
        if ((protocol.get() == Protocol.TCP || protocol.get() == Protocol.UDP) && p.has("PortRange")) {
            Props range = p.child("PortRange");
            Optional<Integer> from = range.integer("From", consequence);
            Optional<Integer> to = range.integer("To", consequence);
            if (from.isEmpty() || to.isEmpty()) {
                return;
            }
            Optional<PortRange> checked = portRange(range, "From", from.get(), to.get(), consequence);
            if (checked.isEmpty()) {
                return;
            }
            ports = checked.get();
        }
        if (block.isPresent()) {
            inv.ipv6AclEntries.add(new Inventory.Ipv6AclEntry(
                    acl.get(),
                    number.get(),
                    p.bool("Egress", false),
                    action.get().equalsIgnoreCase("allow"),
                    protocol.get(),
                    ports,
                    block.get()));
            return;
        }
        a.get()
                .entries()
                .add(new NetworkAcl.Entry(
                        number.get(),
                        p.bool("Egress", false),
                        action.get().equalsIgnoreCase("allow"),
                        protocol.get(),
                        ports,
                        cidr.get(),
                        p.id));
    }

    private void endpoint(Props p) {
        Optional<String> vpc = p.ref("VpcId", "the endpoint is left out");
        Optional<String> service = p.text("ServiceName", "the endpoint is left out");
        if (vpc.isEmpty() || service.isEmpty()) {
            return;
        }
        String type = p.text("VpcEndpointType", "taken as Gateway").orElse("Gateway");
        String shortName = service.get().replaceFirst("^com\\.amazonaws\\.[a-z0-9-]+\\.", "");
        inv.endpoints.add(new Inventory.Endpoint(
                p.id,
                vpc.get(),
                shortName,
                type.equalsIgnoreCase("Gateway"),
                p.refs("RouteTableIds", "the route table is left out"),
                p.refs("SubnetIds", "the subnet is left out"),
                p.groupRefs("SecurityGroupIds"),
                p.where()));
    }

    /** A flow log of a VPC, a subnet or a network interface (ResourceType VPC, Subnet or NetworkInterface). */
    private void flowLog(Props p) {
        if (!p.text("ResourceType", "")
                .map(Set.of("VPC", "Subnet", "NetworkInterface")::contains)
                .orElse(false)) {
            return;
        }
        Optional<String> resource = p.ref("ResourceId", "the flow log is left out");
        int retention = p.ref("LogGroupName", "")
                .filter(resources::containsKey)
                .map(g -> new Props(g).node.path("RetentionInDays").asInt(0))
                .orElse(0);
        resource.ifPresent(r -> inv.flowLogs.add(new Inventory.FlowLog(r, retention, p.where())));
    }

    private void loadBalancer(Props p) {
        boolean internetFacing = p.text("Scheme", "taken as internet-facing")
                .map(s -> !s.equals("internal"))
                .orElse(true);
        List<String> subnets = new ArrayList<>(p.refs("Subnets", "the subnet is left out"));
        for (Props m : p.items("SubnetMappings")) {
            m.ref("SubnetId", "the subnet is left out").ifPresent(subnets::add);
        }
        p.text("Type", "taken as application")
                .ifPresent(type -> inv.loadBalancerTypes.put(p.id, LoadBalancer.Type.parse(type)));
        // A dualstack load balancer has IPv6 addresses in its subnets' blocks; an ipv4 one has none.
        boolean dualstack = p.text("IpAddressType", "taken as ipv4")
                .map(t -> t.startsWith("dualstack"))
                .orElse(false);
        inv.thingIpv6.put(p.id, new DualStack.Ipv6Interface(p.id, dualstack, List.of()));
        inv.things.add(new Inventory.Thing(
                p.id,
                Attachment.Kind.LOAD_BALANCER,
                subnets,
                p.groupRefs("SecurityGroups"),
                Optional.of(internetFacing),
                List.of(),
                internetFacing ? Optional.of(SecurityGroup.Role.FRONT_DOOR) : Optional.empty(),
                Optional.empty(),
                "",
                p.where()));
    }

    /** What a listener speaks and whether plain HTTP is sent on to HTTPS: the HTTP-only front door rule reads it. */
    private void listener(Props p) {
        Optional<String> lb = p.ref("LoadBalancerArn", "the listener is left out");
        if (lb.isEmpty()) {
            unplaced = true;
            return;
        }
        String protocol = p.text("Protocol", "taken as HTTP").orElse("HTTP").toUpperCase(Locale.ROOT);
        LoadBalancer.Scheme scheme = LoadBalancer.Scheme.parse(protocol);
        listenerBalancers.put(p.id, lb.get());
        actions(lb.get(), p, "DefaultActions");
        boolean redirects = p.items("DefaultActions").stream()
                .anyMatch(a -> a.text("Type", "taken as not a redirect")
                                .map("redirect"::equalsIgnoreCase)
                                .orElse(false)
                        && a.child("RedirectConfig")
                                .text("Protocol", "taken as not HTTPS")
                                .map("HTTPS"::equalsIgnoreCase)
                                .orElse(false));
        int port = p.integer("Port", "the port is unknown").orElse(scheme == LoadBalancer.Scheme.HTTPS ? 443 : 80);
        inv.listeners.add(new Inventory.Listener(lb.get(), new LoadBalancer.Listener(port, scheme, redirects)));
    }

    /**
     * The actions of a listener ({@code DefaultActions}) or of a listener rule ({@code Actions}), for what its load
     * balancer forwards to and whether it authenticates. A forward action names its group, or several in ForwardConfig
     * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-elasticloadbalancingv2-listener-action.html).
     * An action that cannot be read is reported, and the load balancer's rules are then not all known.
     */
    private void actions(String lb, Props owner, String key) {
        if (!owner.node.path(key).isArray()) {
            rulesUnread.add(lb);
        }
        for (Props a : owner.items(key)) {
            if (!a.node.isObject()) {
                warnAction(a.where(""), a.node, "is not an action (a mapping with a Type)");
                rulesUnread.add(lb);
                continue;
            }
            Optional<String> type = a.text("Type", "the action is left out");
            if (type.isEmpty()) {
                if (!a.has("Type")) {
                    warnAction(
                            a.where("Type"),
                            a.node.path("Type"),
                            "is missing; whether the action authenticates is not known");
                }
                rulesUnread.add(lb);
            } else if (LoadBalancer.Authentication.authenticates(type.get())) {
                inv.authenticating.add(lb);
            }
            forward(lb, a);
            Props config = a.child("ForwardConfig");
            if (!config.node.isMissingNode() && !config.node.isObject()) {
                warnAction(config.where(""), config.node, "is not a mapping (with TargetGroups); it is left out");
                continue;
            }
            for (Props g : config.items("TargetGroups")) {
                forward(lb, g);
            }
        }
    }

    /** The target group an action (or a ForwardConfig entry) names; one that cannot be read is a group not known. */
    private void forward(String lb, Props action) {
        if (!action.has("TargetGroupArn")) {
            return;
        }
        Optional<String> group = action.ref("TargetGroupArn", "the target group is left out");
        group.ifPresent(g -> inv.forwards.add(new Inventory.Forward(lb, g)));
        if (group.isEmpty()) {
            inv.forwardsUnread.add(lb);
        }
    }

    private void warnAction(Inventory.Where w, JsonNode got, String what) {
        findings.warn(
                "bad-value",
                w.at(),
                w.path(),
                what,
                got.isMissingNode() ? null : got.getNodeType().name().toLowerCase(Locale.ROOT),
                "write each action as a mapping, e.g. {Type: forward, TargetGroupArn: !Ref Web}");
    }

    /**
     * A listener rule: its actions forward to target groups and may authenticate, like a listener's default actions.
     * "Each rule consists of a priority, one or more actions, and one or more conditions"
     * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-update-rules.html); its
     * {@code ListenerArn} names the listener
     * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticloadbalancingv2-listenerrule.html).
     * A rule whose listener is not in the template (a literal ARN, an import) is reported and left out; which load
     * balancer it belongs to is then not known, so none of the template's has all its rules known.
     */
    private void listenerRule(Props p) {
        if (!p.has("ListenerArn")) {
            Inventory.Where w = p.where("ListenerArn");
            findings.warn(
                    "missing-field",
                    w.at(),
                    w.path(),
                    "is missing, so this listener rule is left out",
                    null,
                    "give the rule's listener, e.g. ListenerArn: !Ref HttpsListener");
            unplaced = true;
            return;
        }
        Optional<String> listener = p.ref("ListenerArn", "the listener rule is left out");
        if (listener.isEmpty()) {
            unplaced = true;
            return;
        }
        String lb = listenerBalancers.get(listener.get());
        if (lb == null) {
            boolean listenerOfTemplate = type(listener.get()).equals("AWS::ElasticLoadBalancingV2::Listener");
            if (!listenerOfTemplate && !inv.leftOut.contains(listener.get())) {
                // A listener left out has been reported, or its condition makes it (and the rule) absent.
                Inventory.Where w = p.where("ListenerArn");
                findings.warn(
                        "dangling-reference",
                        w.at(),
                        w.path(),
                        "refers to listener " + listener.get() + ", which is not in the template (another stack's?);"
                                + " the rule is left out, and whether the load balancers authenticate is not known",
                        listener.get(),
                        "analyse the template that holds the listener, with its rules, or a snapshot with"
                                + " describe-rules");
                unplaced = true;
            }
            return;
        }
        actions(lb, p, "Actions");
    }

    /**
     * Marks the load balancers whose every listener and rule the template holds. A listener whose ARN an output gives
     * (an export, a nested stack's output) or a nested stack's parameter may get rules in another stack, so its load
     * balancer's are not known.
     */
    private void rulesKnown() {
        if (unplaced) {
            return;
        }
        Set<String> shared = new TreeSet<>();
        tree.root().path("Outputs").forEach(o -> referencesIn(intrinsics.eval(o.path("Value")), shared));
        // A nested stack given a listener's ARN may add rules to it.
        resources.keySet().stream()
                .filter(id -> type(id).equals("AWS::CloudFormation::Stack"))
                .forEach(id -> referencesIn(new Props(id).node.path("Parameters"), shared));
        for (Map.Entry<String, String> l : listenerBalancers.entrySet()) {
            if (shared.contains(l.getKey())) {
                rulesUnread.add(l.getValue());
            }
        }
        inv.markRulesKnown(listenerBalancers.values(), rulesUnread);
    }

    /** The logical IDs that a value refers to, anywhere in it. */
    private static void referencesIn(JsonNode value, Set<String> out) {
        if (value.isTextual()) {
            String s = value.asText();
            String open = Intrinsics.MARK + "ref:";
            for (int at = s.indexOf(open); at >= 0; at = s.indexOf(open, at + 1)) {
                int end = s.indexOf(Intrinsics.END, at);
                if (end > at) {
                    out.add(s.substring(at + open.length(), end));
                }
            }
        }
        value.forEach(v -> referencesIn(v, out));
    }

    /** A target group and the targets it lists (ECS services register theirs: see {@link #ecsService}). */
    private void targetGroup(Props p) {
        LoadBalancer.TargetType type = p.text("TargetType", "taken as instance")
                .map(LoadBalancer.TargetType::parse)
                .orElse(LoadBalancer.TargetType.INSTANCE);
        // A Lambda target is invoked, not connected to: its ARN (known only at deploy time) names no interface.
        for (Props t : type == LoadBalancer.TargetType.LAMBDA ? List.<Props>of() : p.items("Targets")) {
            t.ref("Id", "the target is left out")
                    .ifPresent(id -> inv.registrations.add(
                            new Inventory.Registration(p.id, id, t.integer("Port", "the group's port is used"))));
        }
        for (Props a : p.items("TargetGroupAttributes")) {
            if (a.text("Key", "the attribute is left out").orElse("").equals(Inventory.PRESERVE_CLIENT_IP)) {
                a.text("Value", "the default for the target type and protocol applies")
                        .flatMap(v -> preserveClientIp(v, a.where("Value")))
                        .ifPresent(v -> inv.preserveClientIp.put(p.id, v));
            }
        }
        inv.targetGroups.add(new Inventory.TargetGroup(
                p.id,
                LoadBalancer.Scheme.parse(p.text("Protocol", "taken as HTTP").orElse("HTTP")),
                type == LoadBalancer.TargetType.LAMBDA ? Optional.empty() : p.integer("Port", "the port is unknown"),
                type,
                List.of(),
                healthCheckPort(p)));
    }

    /**
     * A group's {@code HealthCheckPort}: "traffic-port" or a port, as a string or a number; one that is not, or that
     * cannot be resolved, is reported and the traffic port taken (AWS's default).
     * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticloadbalancingv2-targetgroup.html
     */
    private LoadBalancer.HealthCheckPort healthCheckPort(Props p) {
        Optional<String> text = p.text("HealthCheckPort", Inventory.HEALTH_CHECK_PORT_DEFAULT);
        if (text.isEmpty()) {
            return LoadBalancer.HealthCheckPort.NOT_GIVEN;
        }
        return Inventory.healthCheckPort(text, text.get(), () -> p.where("HealthCheckPort"), findings);
    }

    /** {@code true} or {@code false}; anything else is reported, and the default applies. */
    private Optional<Boolean> preserveClientIp(String value, Inventory.Where where) {
        Optional<Boolean> v = Inventory.trueOrFalse(value);
        if (v.isEmpty()) {
            findings.warn(
                    "bad-value",
                    where.at(),
                    where.path(),
                    Inventory.PRESERVE_CLIENT_IP_DEFAULT,
                    value,
                    "write \"true\" or \"false\"");
        }
        return v;
    }

    private void ecsService(Props p) {
        Props vpcConfig = p.child("NetworkConfiguration").child("AwsvpcConfiguration");
        if (!p.child("NetworkConfiguration").has("AwsvpcConfiguration")) {
            containerInstanceTargets(p);
            return;
        }
        if (!vpcConfig.has("SecurityGroups")) {
            inv.namesNoGroup.add(p.id);
        }
        boolean publicIp = vpcConfig
                .text("AssignPublicIp", "taken as DISABLED")
                .map("ENABLED"::equalsIgnoreCase)
                .orElse(false);
        Optional<Integer> port = Optional.empty();
        for (Props lb : p.items("LoadBalancers")) {
            Optional<Integer> containerPort = lb.integer("ContainerPort", "the service port is unknown");
            port = port.or(() -> containerPort);
            // The service registers its tasks in the group, on the container's port.
            lb.ref("TargetGroupArn", "the target group is left out")
                    .ifPresent(g -> inv.registrations.add(new Inventory.Registration(g, p.id, containerPort)));
        }
        inv.things.add(new Inventory.Thing(
                p.id,
                Attachment.Kind.TASK,
                vpcConfig.refs("Subnets", "the subnet is left out"),
                vpcConfig.groupRefs("SecurityGroups"),
                Optional.of(publicIp),
                List.of(),
                Optional.empty(),
                port,
                "",
                p.where()));
    }

    /**
     * A service in bridge or host mode runs its tasks on the container instances of its cluster and registers those
     * instances in its target groups, on the host port each task got: "If you are using containers in a task with the
     * bridge network mode and you specify a container port and not a host port, your container automatically receives
     * a host port in the ephemeral port range"
     * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/networking-networkmode-bridge.html). Which
     * instances join the cluster, and which ports the tasks get, are not in the template: the group's targets, and the
     * ports it connects to them on, cannot be told.
     */
    private void containerInstanceTargets(Props p) {
        for (Props lb : p.items("LoadBalancers")) {
            Optional<String> group = lb.ref("TargetGroupArn", "the target group is left out");
            if (group.isEmpty()) {
                continue;
            }
            inv.registrations.add(
                    new Inventory.Registration(group.get(), p.id, Optional.of(LoadBalancer.Target.ANY_PORT)));
            findings.warn(
                    "container-instance-targets",
                    lb.where("TargetGroupArn").at(),
                    lb.where("TargetGroupArn").path(),
                    "ECS service " + p.id + " does not use the awsvpc network mode, so ECS registers the container"
                            + " instances of its cluster in target group " + group.get() + ", on the host ports its"
                            + " tasks get; which instances and ports those are is not in the template, so flows from the"
                            + " load balancer through that group are answered cannot tell",
                    null,
                    "use the awsvpc network mode (NetworkConfiguration.AwsvpcConfiguration), so the tasks have"
                            + " interfaces, groups and a port of their own");
        }
    }

    private void database(Props p) {
        List<String> subnets = new ArrayList<>();
        Optional<String> group = p.ref("DBSubnetGroupName", "the database's subnets are unknown");
        if (group.isPresent() && resources.containsKey(group.get())) {
            subnets.addAll(new Props(group.get()).refs("SubnetIds", "the subnet is left out"));
        } else if (group.isPresent()) {
            findings.warn(
                    "dangling-reference",
                    p.where("DBSubnetGroupName").at(),
                    p.where("DBSubnetGroupName").path(),
                    "refers to DB subnet group " + group.get()
                            + ", which is not in the template; the database is left out",
                    group.get(),
                    "add the DB subnet group to the template");
        }
        inv.thingIpv6.put(
                p.id,
                new DualStack.Ipv6Interface(
                        p.id,
                        p.text("NetworkType", "taken as IPV4")
                                .map("DUAL"::equalsIgnoreCase)
                                .orElse(false),
                        List.of()));
        if (p.has("DBClusterIdentifier") && subnets.isEmpty()) {
            return; // an instance of a cluster: the cluster is imported.
        }
        List<String> groups = new ArrayList<>(p.groupRefs("VPCSecurityGroups"));
        groups.addAll(p.groupRefs("VpcSecurityGroupIds"));
        if (type(p.id).equals("AWS::RDS::DBInstance") && p.has("DBClusterIdentifier") && groups.isEmpty()) {
            // An Aurora instance has its cluster's groups: VpcSecurityGroupIds "doesn't apply to Amazon Aurora DB
            // instances. The associated list of EC2 VPC security groups is managed by the DB cluster."
            // https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html
            Optional<String> cluster = p.ref("DBClusterIdentifier", "the database's security groups are unknown");
            if (cluster.isEmpty() || !type(cluster.get()).equals("AWS::RDS::DBCluster")) {
                cluster.ifPresent(c -> findings.warn(
                        "dangling-reference",
                        p.where("DBClusterIdentifier").at(),
                        p.where("DBClusterIdentifier").path(),
                        "refers to DB cluster " + c + ", whose security groups its instances have, but the cluster is"
                                + " not in the template; the database is left out",
                        c,
                        "add the cluster to the template"));
                return;
            }
            groups.addAll(new Props(cluster.get()).groupRefs("VpcSecurityGroupIds"));
        }
        Optional<Integer> port = p.has("Port")
                ? p.integer("Port", "the database port is unknown")
                : p.text("Engine", "the database port is unknown").flatMap(TemplateImporter::defaultPort);
        inv.things.add(new Inventory.Thing(
                p.id,
                Attachment.Kind.DATABASE,
                subnets,
                groups,
                Optional.of(p.bool("PubliclyAccessible", false)),
                List.of(),
                Optional.empty(),
                port,
                "",
                p.where()));
    }

    /** The port each RDS engine listens on unless told otherwise. */
    static Optional<Integer> defaultPort(String engine) {
        String e = engine.toLowerCase(Locale.ROOT);
        if (e.contains("postgres")) {
            return Optional.of(5432);
        }
        if (e.contains("mysql") || e.contains("mariadb") || e.equals("aurora")) {
            return Optional.of(3306);
        }
        if (e.startsWith("oracle")) {
            return Optional.of(1521);
        }
        if (e.startsWith("sqlserver")) {
            return Optional.of(1433);
        }
        return Optional.empty();
    }
}
