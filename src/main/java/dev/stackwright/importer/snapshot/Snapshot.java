package dev.stackwright.importer.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.diag.InputFiles;
import dev.stackwright.diag.SourceLocation;
import dev.stackwright.diag.Suggestions;
import dev.stackwright.importer.Assembler;
import dev.stackwright.importer.Findings;
import dev.stackwright.importer.Imported;
import dev.stackwright.importer.Inventory;
import dev.stackwright.importer.SourceTree;
import dev.stackwright.meta.SideBySide;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.DualStack;
import dev.stackwright.model.IpPrefix;
import dev.stackwright.model.Ipv6Block;
import dev.stackwright.model.LoadBalancer;
import dev.stackwright.model.Network;
import dev.stackwright.model.NetworkAcl;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.Tier;
import dev.stackwright.model.TransitGateways;
import dev.stackwright.render.Counted;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads a folder of {@code aws ec2 describe-*} outputs (and {@code aws elbv2 describe-load-balancers},
 * {@code describe-target-groups}, {@code aws rds describe-db-instances}) as the AWS CLI prints them in JSON, into one
 * network per VPC. File names are free: each file is recognised by its top-level key ({@code Vpcs}, {@code Subnets},
 * {@code RouteTables}...). A file that is not JSON, a key this reader does not know and a reference to something
 * the snapshot does not have are reported with the file and JSON path; the rest is read.
 */
public final class Snapshot {
    /** The top-level keys this reader knows, in the order they are read (later ones refer to earlier ones). */
    static final List<String> KEYS = List.of(
            "Vpcs",
            "Subnets",
            "InternetGateways",
            "EgressOnlyInternetGateways",
            "NatGateways",
            "SecurityGroups",
            "NetworkAcls",
            "VpcEndpoints",
            "Reservations",
            "NetworkInterfaces",
            "LoadBalancers",
            "Listeners",
            "Rules",
            "TargetGroups",
            "Attributes",
            "DBClusters",
            "TargetHealthDescriptions",
            "DBInstances",
            "VpcPeeringConnections",
            "TransitGateways",
            "TransitGatewayVpcAttachments",
            "TransitGatewayPeeringAttachments",
            "TransitGatewayAttachments",
            "TransitGatewayRouteTables",
            "Associations",
            "TransitGatewayRouteTablePropagations",
            "Routes",
            "RouteTables",
            "FlowLogs");
    /**
     * Keys the CLI prints beside the data, and outputs only {@code vpc inspect} reads (describe-vpc-attribute,
     * describe-instance-type-offerings); not worth a finding.
     */
    private static final Set<String> IGNORED = Set.of(
            "ResponseMetadata",
            "AdditionalRoutesAvailable",
            "VpcId",
            "EnableDnsSupport",
            "EnableDnsHostnames",
            "InstanceTypeOfferings");

    /**
     * Keys of a page of a longer listing: the EC2 API's {@code NextToken}, Elastic Load Balancing's
     * {@code NextMarker}. The AWS CLI fetches every page itself and prints neither, unless told not to
     * ({@code --max-items}, {@code --no-paginate}): "If there are more results than --max-items, a NextToken is
     * output" (https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-pagination.html).
     */
    private static final List<String> PAGING = List.of("NextToken", "NextMarker");

    private final Findings findings = new Findings();
    private final Inventory inv = new Inventory();
    private final Map<String, List<Section>> sections = new TreeMap<>();
    private final Set<String> instanceEnis = new HashSet<>();
    /** DNS attributes by VPC ID, from describe-vpc-attribute outputs. */
    private final Map<String, Boolean> dnsSupport = new HashMap<>();

    private final Map<String, Boolean> dnsHostnames = new HashMap<>();

    /** Load balancer names by ARN, for listeners and target groups, which name their load balancer by ARN. */
    private final Map<String, String> loadBalancerNames = new HashMap<>();

    /** The load balancer of each listener read, by the listener's ARN: describe-rules names rules by listener. */
    private final Map<String, String> listenerBalancers = new TreeMap<>();

    /** Listeners (by ARN) with a rule in the snapshot: describe-rules lists a listener's default rule at least. */
    private final Set<String> listenersWithRules = new HashSet<>();

    /** Load balancers some of whose actions could not be read. */
    private final Set<String> rulesUnread = new HashSet<>();

    /** Whether a rule was left out whose load balancer cannot be told: then no load balancer's rules are known. */
    private boolean ruleUnplaced;
    /** Whether a describe-rules output is one page of several. */
    private boolean rulesPaged;

    /** Blocks by their text, parsed once each: a large account's rules repeat them (the parse is costly). */
    private final Map<String, Optional<Cidr>> parsedCidrs = new HashMap<>();

    /** One top-level list in one file. */
    private record Section(SourceTree tree, String key, JsonNode items) {}

    private Snapshot() {}

    /** Reads every {@code *.json} file in a folder (not its subfolders), in name order. */
    public static Imported read(Path dir) {
        Snapshot s = new Snapshot();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> Files.isRegularFile(f)
                            && f.getFileName()
                                    .toString()
                                    .toLowerCase(Locale.ROOT)
                                    .endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            s.findings.error(
                    "unreadable",
                    SourceLocation.ofFile(dir.toString()),
                    "",
                    "the snapshot folder cannot be read: " + e.getMessage(),
                    null,
                    "give a folder of `aws ec2 describe-*` JSON outputs");
            return new Imported(List.of(), s.findings.all());
        }
        if (files.isEmpty()) {
            s.findings.error(
                    "empty-snapshot",
                    SourceLocation.ofFile(dir.toString()),
                    "",
                    "the folder has no .json files",
                    null,
                    "save outputs such as `aws ec2 describe-vpcs > vpcs.json` in it");
        }
        // Read and parsed side by side (an account's interfaces and groups are tens of MB of JSON), then taken in
        // name order, so the findings and what they point at do not depend on which file was ready first.
        for (Parsed p : SideBySide.map(files, Snapshot::parse)) {
            p.problems().forEach(s.findings::add);
            if (p.tree() != null) {
                s.file(p.tree());
            }
        }
        String name = dir.toAbsolutePath().normalize().getFileName() == null
                ? "snapshot"
                : dir.toAbsolutePath().normalize().getFileName().toString();
        return s.assemble(name, dir.toString());
    }

    /** Reads snapshot files given as text, by file name: for tests and callers that hold the outputs in memory. */
    public static Imported read(String name, Map<String, String> files) {
        Snapshot s = new Snapshot();
        new TreeMap<>(files).forEach(s::file);
        return s.assemble(name, name);
    }

    /** @param folder where the files were read from, for the findings about a file that is not there */
    private Imported assemble(String name, String folder) {
        for (String key : KEYS) {
            for (Section section : sections.getOrDefault(key, List.of())) {
                for (int i = 0; i < section.items().size(); i++) {
                    Item item = new Item(section.tree(), section.items().get(i), key + "[" + i + "]");
                    read(key, item);
                }
            }
        }
        rulesKnown();
        missingGroupsFile(folder);
        missingSubnetFile(folder, Network.Omitted.ROUTE_TABLES);
        missingSubnetFile(folder, Network.Omitted.NETWORK_ACLS);
        if (inv.vpcs.isEmpty() && !findings.all().stream().anyMatch(d -> d.isError())) {
            findings.error(
                    "no-vpc",
                    SourceLocation.ofFile(name),
                    "",
                    "the snapshot has no Vpcs, so there is no network to analyse",
                    null,
                    "add the output of `aws ec2 describe-vpcs`");
        }
        return Assembler.assemble(inv, region(), findings);
    }

    /**
     * A snapshot without a describe-security-groups output whose resources name groups: one finding for the folder, not
     * one per reference, since the fix is one command. The groups stay as stand-ins ({@link Inventory#unresolvedGroups}),
     * so what they decide is cannot tell. A group missing from a snapshot that has the output is a real dangling
     * reference and keeps its own finding.
     */
    private void missingGroupsFile(String folder) {
        if (sections.containsKey("SecurityGroups")) {
            return;
        }
        Set<String> named = new TreeSet<>();
        int resources = 0;
        for (Inventory.Thing t : inv.things) {
            if (!t.groupIds().isEmpty()) {
                resources++;
                named.addAll(t.groupIds());
            }
        }
        if (named.isEmpty()) {
            return;
        }
        inv.unresolvedGroups.addAll(named);
        findings.warn(
                "missing-file",
                SourceLocation.ofFile(folder),
                "",
                "the snapshot has no describe-security-groups output (no file with a top-level SecurityGroups key),"
                        + " but " + Counted.of(resources, "resource") + " in it name "
                        + Counted.of(named.size(), "security group")
                        + "; their rules are not known, so what those groups admit is cannot tell",
                null,
                "save it in the folder: `aws ec2 describe-security-groups --output json > "
                        + Path.of(folder, "security-groups.json") + "`");
    }

    /**
     * A snapshot with subnets but without the describe-route-tables or describe-network-acls output: one finding for
     * the folder, as for the groups, and the networks say so ({@link Network#omits}), so that what the tables or ACLs
     * decide is cannot tell rather than the defaults. Every subnet has both in AWS: "Each subnet in your VPC must be
     * associated with a network ACL" (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html), and a
     * subnet with no table of its own uses the main one, which the output lists too
     * (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-route-tables.html). A warning, as for the groups: the
     * import goes on and the answers that rest on the file are cannot tell, never a guess.
     */
    private void missingSubnetFile(String folder, Network.Omitted what) {
        String key = what == Network.Omitted.ROUTE_TABLES ? "RouteTables" : "NetworkAcls";
        if (sections.containsKey(key) || inv.subnets.isEmpty()) {
            return;
        }
        inv.omitted.add(what);
        long vpcs = inv.subnets.stream().map(Inventory.Subnet::vpcId).distinct().count();
        String command = what.command();
        String file = command.replaceFirst("^describe-", "") + ".json";
        findings.warn(
                "missing-file",
                SourceLocation.ofFile(folder),
                "",
                "the snapshot has no " + command + " output (no file with a top-level " + key + " key), but it has "
                        + Counted.of(inv.subnets.size(), "subnet") + " in " + Counted.of(vpcs, "VPC") + "; "
                        + (what == Network.Omitted.ROUTE_TABLES
                                ? "every subnet's routes are unknown: only flows within the VPC's own blocks can be"
                                        + " answered, and flows that need another route (the internet, a NAT, an"
                                        + " endpoint, another VPC) are cannot tell"
                                : "every subnet's network ACL is unknown: only flows within one subnet can be"
                                        + " answered, and flows that cross a subnet's edge are cannot tell"),
                null,
                "save it in the folder: `aws ec2 " + command + " --output json > " + Path.of(folder, file) + "`");
    }

    /** The region, from the zone names: {@code us-east-1a} is in {@code us-east-1}. */
    private String region() {
        return zoneNames.stream()
                .findFirst()
                .map(z -> z.substring(0, z.length() - 1))
                .orElse("us-east-1");
    }

    private final List<String> zoneNames = new ArrayList<>();

    /** One file read and parsed: its tree, or why there is none. */
    private record Parsed(@Nullable SourceTree tree, List<Diagnostic> problems) {}

    private static Parsed parse(Path f) {
        try {
            return parse(f.toString(), InputFiles.read(f, "snapshot file", "check the folder", InputFiles.DATA_LIMIT));
        } catch (InputException e) {
            return new Parsed(null, e.diagnostics());
        }
    }

    private static Parsed parse(String file, String text) {
        try {
            return new Parsed(SourceTree.parse(file, text), List.of());
        } catch (SourceTree.Malformed e) {
            return new Parsed(null, List.of(e.diagnostic()));
        }
    }

    private void file(String file, String text) {
        Parsed p = parse(file, text);
        p.problems().forEach(findings::add);
        if (p.tree() != null) {
            file(p.tree());
        }
    }

    private void file(SourceTree tree) {
        if (!tree.root().isObject()) {
            findings.error(
                    "not-a-describe-output",
                    tree.at(""),
                    "",
                    "is not the output of an `aws ... describe-*` command: "
                            + "it must be a JSON object such as {\"Vpcs\": [...]}",
                    tree.root().getNodeType().name().toLowerCase(Locale.ROOT),
                    "save the command's JSON output unchanged (--output json)");
            return;
        }
        // describe-vpc-attribute prints {"VpcId": ..., "EnableDnsSupport": {"Value": true}}: one attribute per file.
        String attributeOf = tree.root().path("VpcId").asText("");
        for (Map.Entry<String, Map<String, Boolean>> a : Map.of(
                        "EnableDnsSupport", dnsSupport, "EnableDnsHostnames", dnsHostnames)
                .entrySet()) {
            JsonNode value = tree.root().path(a.getKey()).path("Value");
            if (!attributeOf.isEmpty() && value.isBoolean()) {
                a.getValue().put(attributeOf, value.asBoolean());
            }
        }
        paged(tree);
        tree.root().properties().forEach(e -> {
            String key = e.getKey();
            if (IGNORED.contains(key) || PAGING.contains(key)) {
                return;
            }
            if (!KEYS.contains(key)) {
                findings.warn(
                        "unknown-key",
                        tree.at(key),
                        key,
                        "is not a describe-* output this reader knows; it is left out",
                        key,
                        Suggestions.closest(key, KEYS)
                                .map(k -> "did you mean `" + k + "`?")
                                .orElse("give the outputs of describe-vpcs, describe-subnets, describe-route-tables, "
                                        + "describe-security-groups and the others listed in docs/analysis.md"));
                return;
            }
            if (!e.getValue().isArray()) {
                findings.error(
                        "not-a-list",
                        tree.at(key),
                        key,
                        "must be a list",
                        e.getValue().getNodeType().name().toLowerCase(Locale.ROOT),
                        "save the command's JSON output unchanged");
                return;
            }
            sections.computeIfAbsent(key, k -> new ArrayList<>()).add(new Section(tree, key, e.getValue()));
        });
    }

    /**
     * A file that is one page of a longer listing holds only some of the resources: the others are not in the
     * snapshot, so an answer that needs them may be wrong, and the import says so. A page of listener rules leaves
     * every load balancer's rules not known (whether one authenticates may be on another page).
     */
    private void paged(SourceTree tree) {
        List<String> listed = new ArrayList<>();
        tree.root().fieldNames().forEachRemaining(k -> {
            if (KEYS.contains(k)) {
                listed.add(k);
            }
        });
        // In a fixed order (a list, not a set), so a file with both tokens is reported the same way every run.
        for (String key : PAGING) {
            JsonNode token = tree.root().path(key);
            if (token.isMissingNode() || token.isNull() || token.asText("").isEmpty()) {
                continue;
            }
            findings.warn(
                    "partial-output",
                    tree.at(key),
                    key,
                    "this output is one page of a longer listing"
                            + (listed.isEmpty() ? "" : " of " + String.join(", ", listed))
                            + ": what is on the other pages is not in the snapshot, so answers that need it may be wrong",
                    null,
                    "run the command again without --max-items or --no-paginate (the AWS CLI then fetches every page)");
            if (listed.contains("Rules")) {
                rulesPaged = true;
            }
        }
    }

    /** One element of a describe-* list, with its JSON path for findings. */
    private final class Item {
        final SourceTree tree;
        final JsonNode node;
        final String path;

        Item(SourceTree tree, JsonNode node, String path) {
            this.tree = tree;
            this.node = node;
            this.path = path;
        }

        Item child(String key) {
            return new Item(tree, node.path(key), path + "." + key);
        }

        /** The elements of a list; a value that is not a list is reported and read as an empty one. */
        List<Item> items(String key) {
            List<Item> out = new ArrayList<>();
            JsonNode a = node.path(key);
            if (!a.isArray()) {
                notAList(key, a);
                return out;
            }
            for (int i = 0; i < a.size(); i++) {
                out.add(new Item(tree, a.get(i), path + "." + key + "[" + i + "]"));
            }
            return out;
        }

        private void notAList(String key, JsonNode a) {
            if (a.isMissingNode() || a.isNull()) {
                return;
            }
            Inventory.Where w = child(key).where();
            findings.warn(
                    "not-a-list",
                    w.at(),
                    w.path(),
                    "must be a list; it is left out",
                    a.getNodeType().name().toLowerCase(Locale.ROOT),
                    "save the command's JSON output unchanged");
        }

        /** A port: a whole number from 0 to 65535 (0 means none); anything else is reported and left out. */
        Optional<Integer> port(String key) {
            return whole(key, 0, 65535, "a port (a whole number from 0 to 65535)")
                    .filter(p -> p > 0);
        }

        /** A whole number within bounds; a missing one is empty, anything else is reported and empty. */
        Optional<Integer> whole(String key, int min, int max, String what) {
            JsonNode v = node.path(key);
            if (v.isMissingNode() || v.isNull()) {
                return Optional.empty();
            }
            // Every rule's ports pass through here (tens of thousands on a large account): a JSON number is read as
            // one, and only text is parsed, by hand (a regular expression here kept the JIT busy for a quarter second).
            OptionalInt n = v.isIntegralNumber() && v.canConvertToInt()
                    ? OptionalInt.of(v.intValue())
                    : v.isTextual() ? wholeText(v.asText().strip()) : OptionalInt.empty();
            if (n.isPresent() && n.getAsInt() >= min && n.getAsInt() <= max) {
                return Optional.of(n.getAsInt());
            }
            Inventory.Where w = child(key).where();
            findings.warn(
                    "bad-value",
                    w.at(),
                    w.path(),
                    "is not " + what + "; it is left out",
                    shortened(
                            v.isValueNode()
                                    ? v.asText()
                                    : v.getNodeType().name().toLowerCase(Locale.ROOT)),
                    "save the command's JSON output unchanged");
            return Optional.empty();
        }

        /** An optional minus and one to six digits, as a number; empty for anything else. */
        private static OptionalInt wholeText(String text) {
            int start = text.startsWith("-") ? 1 : 0;
            int digits = text.length() - start;
            if (digits < 1 || digits > 6) {
                return OptionalInt.empty();
            }
            for (int i = start; i < text.length(); i++) {
                if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                    return OptionalInt.empty();
                }
            }
            return OptionalInt.of(Integer.parseInt(text));
        }

        /**
         * The ports of a TCP or UDP rule or entry: -1 (or no ports) means all; a range whose start is above its end,
         * or a port outside 0-65535, is reported and the rule left out (AWS refuses both).
         */
        Optional<PortRange> ports(String fromKey, String toKey) {
            if (!node.has(fromKey) && !node.has(toKey)) {
                return Optional.of(PortRange.ALL);
            }
            Optional<Integer> from =
                    whole(fromKey, -1, 65535, "a port (a whole number from 0 to 65535, or -1 for all)");
            Optional<Integer> to = whole(toKey, -1, 65535, "a port (a whole number from 0 to 65535, or -1 for all)");
            if (from.isEmpty() || to.isEmpty()) {
                return Optional.empty();
            }
            if (from.get() == -1 || to.get() == -1) {
                return Optional.of(PortRange.ALL);
            }
            if (from.get() > to.get()) {
                Inventory.Where w = child(fromKey).where();
                findings.warn(
                        "bad-value",
                        w.at(),
                        w.path(),
                        "starts above its end (" + toKey + "), which AWS refuses; the rule is left out",
                        from.get() + "-" + to.get(),
                        "save the command's JSON output unchanged");
                return Optional.empty();
            }
            return Optional.of(new PortRange(from.get(), to.get()));
        }

        Inventory.Where where() {
            return new Inventory.Where(tree.at(path), path);
        }

        Optional<String> text(String key) {
            return Ipv6Facts.text(node, key);
        }

        /** A required field; missing is reported and the item left out. */
        Optional<String> required(String key, String what) {
            Optional<String> v = text(key);
            if (v.isEmpty()) {
                Inventory.Where w = child(key).where();
                findings.warn(
                        "missing-field",
                        w.at(),
                        w.path(),
                        "is missing, so this " + what + " is left out",
                        null,
                        "save the command's JSON output unchanged");
            }
            return v;
        }

        Optional<Cidr> cidr(String key, String what) {
            Optional<String> v = required(key, what);
            Optional<Cidr> c = v.flatMap(text -> parsedCidrs.computeIfAbsent(text, Cidr::tryParse));
            if (v.isPresent() && c.isEmpty()) {
                Inventory.Where w = child(key).where();
                findings.warn(
                        "bad-value",
                        w.at(),
                        w.path(),
                        "is not an IPv4 CIDR block, so this " + what + " is left out",
                        v.get(),
                        "save the command's JSON output unchanged");
            }
            return c;
        }

        /** The CLI prints most resources' tags as {@code Tags}, but network interfaces' as {@code TagSet}. */
        private JsonNode tagList() {
            return node.has("TagSet") ? node.path("TagSet") : node.path("Tags");
        }

        String name(String id) {
            for (JsonNode t : tagList()) {
                if (t.path("Key").asText().equals("Name")
                        && !t.path("Value").asText().isBlank()) {
                    return t.path("Value").asText();
                }
            }
            return id;
        }

        Map<String, String> tags() {
            Map<String, String> out = new TreeMap<>();
            tagList()
                    .forEach(
                            t -> out.put(t.path("Key").asText(), t.path("Value").asText()));
            return out;
        }

        List<String> ids(String list, String field) {
            List<String> out = new ArrayList<>();
            for (JsonNode n : node.path(list)) {
                String v = n.isValueNode() ? n.asText() : n.path(field).asText("");
                if (!v.isEmpty()) {
                    out.add(v);
                }
            }
            return out;
        }
    }

    private void read(String key, Item item) {
        switch (key) {
            case "Vpcs" -> {
                item.text("VpcId").ifPresent(id -> ipv6Block(item).ifPresent(b -> inv.vpcIpv6.put(id, b)));
                item.required("VpcId", "VPC")
                        .ifPresent(id -> item.cidr("CidrBlock", "VPC")
                                .ifPresent(cidr ->
                                        // Without describe-vpc-attribute outputs, AWS's defaults for a VPC that is not
                                        // the default one.
                                        inv.vpcs.add(new Inventory.Vpc(
                                                id,
                                                item.name(id),
                                                cidr,
                                                dnsSupport.getOrDefault(id, true),
                                                dnsHostnames.getOrDefault(id, false),
                                                item.tags(),
                                                item.where()))));
            }
            case "Subnets" -> subnet(item);
            case "InternetGateways" ->
                item.required("InternetGatewayId", "internet gateway").ifPresent(id -> {
                    for (Item a : item.items("Attachments")) {
                        a.text("VpcId")
                                .ifPresent(v -> inv.gatewayAttachments.add(new Inventory.GatewayAttachment(id, v)));
                    }
                });
            case "EgressOnlyInternetGateways" ->
                item.required("EgressOnlyInternetGatewayId", "egress-only internet gateway")
                        .ifPresent(id -> {
                            for (Item a : item.items("Attachments")) {
                                if (Ipv6Facts.attached(a.node)) {
                                    a.text("VpcId")
                                            .ifPresent(v -> inv.egressOnlyGateways.add(
                                                    new Inventory.EgressOnlyGateway(id, item.name(id), v)));
                                }
                            }
                        });
            case "NatGateways" -> {
                String state = item.text("State").orElse("available");
                if (state.equals("deleted") || state.equals("deleting") || state.equals("failed")) {
                    return;
                }
                item.required("NatGatewayId", "NAT gateway")
                        .ifPresent(id -> inv.natGateways.add(new Inventory.NatGateway(
                                id,
                                item.name(id),
                                item.text("VpcId").orElse(""),
                                item.text("SubnetId"),
                                item.text("ConnectivityType")
                                        .map("private"::equals)
                                        .orElse(false),
                                item.where())));
            }
            case "SecurityGroups" -> group(item);
            case "NetworkAcls" -> acl(item);
            case "VpcEndpoints" ->
                item.required("VpcEndpointId", "endpoint").ifPresent(id -> {
                    String service =
                            item.text("ServiceName").orElse("").replaceFirst("^com\\.amazonaws\\.[a-z0-9-]+\\.", "");
                    inv.endpoints.add(new Inventory.Endpoint(
                            id,
                            item.text("VpcId").orElse(""),
                            service,
                            item.text("VpcEndpointType").orElse("Gateway").equalsIgnoreCase("Gateway"),
                            item.ids("RouteTableIds", ""),
                            item.ids("SubnetIds", ""),
                            item.ids("Groups", "GroupId"),
                            item.where()));
                });
            case "Reservations" -> {
                for (Item i : item.items("Instances")) {
                    instance(i);
                }
            }
            case "NetworkInterfaces" -> networkInterface(item);
            case "LoadBalancers" ->
                item.required("LoadBalancerName", "load balancer").ifPresent(name -> {
                    boolean internetFacing =
                            item.text("Scheme").map("internet-facing"::equals).orElse(false);
                    Optional<String> arn = item.text("LoadBalancerArn");
                    arn.ifPresent(a -> loadBalancerNames.put(a, name));
                    item.text("Type").ifPresent(t -> inv.loadBalancerTypes.put(name, LoadBalancer.Type.parse(t)));
                    // A dualstack load balancer has IPv6 addresses in its subnets; which, describe-load-balancers
                    // does not say.
                    inv.thingIpv6.put(
                            name,
                            new DualStack.Ipv6Interface(
                                    name,
                                    item.text("IpAddressType").orElse("ipv4").startsWith("dualstack"),
                                    List.of()));
                    inv.things.add(new Inventory.Thing(
                            name,
                            Attachment.Kind.LOAD_BALANCER,
                            item.ids("AvailabilityZones", "SubnetId"),
                            item.ids("SecurityGroups", ""),
                            Optional.of(internetFacing),
                            arn.map(List::of).orElse(List.of()),
                            internetFacing ? Optional.of(SecurityGroup.Role.FRONT_DOOR) : Optional.empty(),
                            Optional.empty(),
                            "",
                            item.where()));
                });
            case "Listeners" -> listener(item);
            case "Rules" -> rule(item);
            case "TargetGroups" ->
                item.required("TargetGroupArn", "target group").ifPresent(arn -> {
                    if (item.node.has("LoadBalancerArns")) {
                        inv.groupsNamingBalancers.add(arn);
                    }
                    LoadBalancer.TargetType type = LoadBalancer.TargetType.parse(
                            item.text("TargetType").orElse("instance"));
                    inv.targetGroups.add(new Inventory.TargetGroup(
                            arn,
                            LoadBalancer.Scheme.parse(item.text("Protocol").orElse("")),
                            type == LoadBalancer.TargetType.LAMBDA ? Optional.empty() : port(item, "Port"),
                            type,
                            item.ids("LoadBalancerArns", "").stream()
                                    .map(a -> loadBalancerNames.getOrDefault(a, a))
                                    .toList(),
                            healthCheckPort(item)));
                });
            case "TargetHealthDescriptions" -> targetHealth(item);
            case "Attributes" -> targetGroupAttribute(item);
            case "DBClusters" ->
                item.required("DBClusterIdentifier", "database cluster")
                        .ifPresent(id -> clusters.put(
                                id,
                                new Cluster(item.ids("VpcSecurityGroups", "VpcSecurityGroupId"), item.port("Port"))));
            case "DBInstances" -> database(item);
            case "VpcPeeringConnections" ->
                item.text("VpcPeeringConnectionId").ifPresent(id -> {
                    inv.labels.put(id, item.name(id));
                    item.child("Status").text("Code").ifPresent(code -> inv.peeringStatus.put(id, code));
                });
            case "TransitGateways" ->
                item.required("TransitGatewayId", "transit gateway").ifPresent(id -> {
                    inv.transitGateways.add(id);
                    inv.labels.putIfAbsent(id, id);
                    inv.tgwSgReferencing.put(id, sgReferencing(item.child("Options"), "transit gateway"));
                });
            case "TransitGatewayVpcAttachments" ->
                tgwAttachment(
                        item,
                        item.text("TransitGatewayId"),
                        TransitGateways.Kind.VPC,
                        item.text("VpcId"),
                        item.ids("SubnetIds", ""),
                        Optional.empty(),
                        ipv6Support(item.child("Options")),
                        sgReferencing(item.child("Options"), "attachment"));
            case "TransitGatewayPeeringAttachments" ->
                tgwAttachment(
                        item,
                        item.child("RequesterTgwInfo").text("TransitGatewayId"),
                        TransitGateways.Kind.PEERING,
                        Optional.empty(),
                        List.of(),
                        item.child("AccepterTgwInfo").text("TransitGatewayId"),
                        TransitGateways.Ipv6Support.NOT_IN_INPUT,
                        TransitGateways.SecurityGroupReferencing.NOT_IN_INPUT);
            case "TransitGatewayAttachments" -> {
                TransitGateways.Kind kind =
                        TransitGateways.Kind.parse(item.text("ResourceType").orElse(""));
                tgwAttachment(
                        item,
                        item.text("TransitGatewayId"),
                        kind,
                        kind == TransitGateways.Kind.VPC ? item.text("ResourceId") : Optional.empty(),
                        List.of(),
                        Optional.empty(),
                        TransitGateways.Ipv6Support.NOT_IN_INPUT,
                        TransitGateways.SecurityGroupReferencing.NOT_IN_INPUT);
                Optional<String> table = item.child("Association").text("TransitGatewayRouteTableId");
                Optional<String> id = item.text("TransitGatewayAttachmentId");
                if (table.isPresent() && id.isPresent()) {
                    inv.tgwTable(table.get(), item.text("TransitGatewayId").orElse(""), item.where())
                            .associations()
                            .add(id.get());
                }
            }
            case "TransitGatewayRouteTables" ->
                item.required("TransitGatewayRouteTableId", "transit gateway route table")
                        .ifPresent(id -> item.required("TransitGatewayId", "transit gateway route table")
                                .ifPresent(gw -> inv.tgwTable(id, gw, item.where())));
            case "Associations" ->
                tgwTableOfFile(item, "get-transit-gateway-route-table-associations")
                        .ifPresent(t -> item.text("TransitGatewayAttachmentId")
                                .filter(a -> !t.associations().contains(a))
                                .ifPresent(t.associations()::add));
            case "TransitGatewayRouteTablePropagations" ->
                tgwTableOfFile(item, "get-transit-gateway-route-table-propagations")
                        .ifPresent(t -> item.text("TransitGatewayAttachmentId")
                                .filter(a -> !t.propagations().contains(a))
                                .filter(a -> !item.text("State")
                                        .map("disabled"::equals)
                                        .orElse(false))
                                .ifPresent(t.propagations()::add));
            case "Routes" -> tgwRoute(item);
            case "RouteTables" -> routeTable(item);
            case "FlowLogs" -> flowLog(item);
            default -> throw new IllegalStateException(key);
        }
    }

    /** What an Aurora cluster gives its instances: its security groups and port. */
    private record Cluster(List<String> groupIds, Optional<Integer> port) {}

    private final Map<String, Cluster> clusters = new HashMap<>();

    /**
     * A DB instance. An instance of an Aurora cluster has the cluster's security groups, which describe-db-clusters
     * lists: VpcSecurityGroupIds "doesn't apply to Amazon Aurora DB instances. The associated list of EC2 VPC security
     * groups is managed by the DB cluster." (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html)
     */
    private void database(Item item) {
        Optional<String> id = item.required("DBInstanceIdentifier", "database");
        if (id.isEmpty()) {
            return;
        }
        List<String> groups = item.ids("VpcSecurityGroups", "VpcSecurityGroupId");
        Optional<Integer> port = item.child("Endpoint").port("Port").or(() -> item.port("DbInstancePort"));
        Optional<String> clusterId = item.text("DBClusterIdentifier");
        if (clusterId.isPresent()) {
            Cluster cluster = clusters.get(clusterId.get());
            if (cluster == null && groups.isEmpty()) {
                Inventory.Where w = item.child("DBClusterIdentifier").where();
                findings.warn(
                        "dangling-reference",
                        w.at(),
                        w.path(),
                        "database " + id.get() + " is an instance of cluster " + clusterId.get()
                                + ", whose security groups are its own, but the cluster is not in the input; the"
                                + " database is left out",
                        clusterId.get(),
                        "add the output of `aws rds describe-db-clusters`");
                return;
            }
            if (cluster != null) {
                if (groups.isEmpty()) {
                    groups = cluster.groupIds();
                }
                port = port.or(cluster::port);
            }
        }
        // A database has an IPv6 address only in dual-stack mode (NetworkType DUAL).
        inv.thingIpv6.put(
                id.get(),
                new DualStack.Ipv6Interface(
                        id.get(), item.text("NetworkType").orElse("IPV4").equalsIgnoreCase("DUAL"), List.of()));
        inv.things.add(new Inventory.Thing(
                id.get(),
                Attachment.Kind.DATABASE,
                item.child("DBSubnetGroup").ids("Subnets", "SubnetIdentifier"),
                groups,
                Optional.of(item.node.path("PubliclyAccessible").asBoolean(false)),
                List.of(),
                Optional.empty(),
                port,
                "",
                item.where()));
    }

    /**
     * A flow log of {@code aws ec2 describe-flow-logs}: on a VPC, a subnet or a network interface. One that is not
     * active (its log group or role is gone) records nothing and is not counted.
     */
    private void flowLog(Item item) {
        if (!item.text("FlowLogStatus").orElse("ACTIVE").equalsIgnoreCase("ACTIVE")) {
            return;
        }
        // describe-flow-logs does not say how long the log group keeps the records: unknown.
        item.required("ResourceId", "flow log")
                .ifPresent(id -> inv.flowLogs.add(new Inventory.FlowLog(id, 0, item.where())));
    }

    /** A value as findings quote it: long ones cut, so a hostile input cannot make the report huge. */
    static String shortened(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "..." : value;
    }

    private void subnet(Item item) {
        Optional<String> id = item.required("SubnetId", "subnet");
        Optional<String> vpc = item.required("VpcId", "subnet");
        Optional<Cidr> cidr = item.cidr("CidrBlock", "subnet");
        if (id.isEmpty() || vpc.isEmpty() || cidr.isEmpty()) {
            id.ifPresent(inv.leftOut::add);
            return;
        }
        Optional<String> zone = item.text("AvailabilityZone");
        zone.ifPresent(zoneNames::add);
        Optional<Integer> az = zone.filter(z -> !z.isEmpty() && Character.isLetter(z.charAt(z.length() - 1)))
                .map(z -> Character.toLowerCase(z.charAt(z.length() - 1)) - 'a')
                .filter(i -> i >= 0 && i < 26);
        Optional<Tier> tier = Optional.ofNullable(item.tags().get("stackwright:tier"))
                .flatMap(t -> java.util.Arrays.stream(Tier.values())
                        .filter(x -> x.id().equals(t))
                        .findFirst());
        ipv6Block(item)
                .ifPresent(b -> inv.subnetIpv6.put(
                        id.get(),
                        new Inventory.SubnetIpv6(
                                Optional.of(b),
                                item.node.path("AssignIpv6AddressOnCreation").asBoolean(false))));
        inv.subnets.add(new Inventory.Subnet(
                id.get(),
                item.name(id.get()),
                vpc.get(),
                cidr.get(),
                az,
                item.node.path("MapPublicIpOnLaunch").asBoolean(false),
                tier,
                item.where()));
    }

    private void routeTable(Item item) {
        Optional<String> id = item.required("RouteTableId", "route table");
        Optional<String> vpc = item.required("VpcId", "route table");
        if (id.isEmpty() || vpc.isEmpty()) {
            return;
        }
        boolean main = false;
        List<String> subnets = new ArrayList<>();
        for (Item a : item.items("Associations")) {
            main |= a.node.path("Main").asBoolean(false);
            a.text("SubnetId").ifPresent(subnets::add);
        }
        List<Inventory.Route> routes = new ArrayList<>();
        for (Item r : item.items("Routes")) {
            Optional<Cidr> cidr = r.text("DestinationCidrBlock").flatMap(Cidr::tryParse);
            Optional<String> prefixList = r.text("DestinationPrefixListId");
            Optional<String> ipv6 = r.text("DestinationIpv6CidrBlock");
            if (cidr.isEmpty() && prefixList.isEmpty() && ipv6.isPresent()) {
                ipv6Route(id.get(), ipv6.get(), r);
                continue;
            }
            if (cidr.isEmpty() && prefixList.isEmpty()) {
                continue;
            }
            RouteTargets.Target target = RouteTargets.classify(r::text);
            Inventory.TargetKind kind = switch (target.kind()) {
                case NAT_GATEWAY -> Inventory.TargetKind.NAT_GATEWAY;
                case NETWORK_INTERFACE -> Inventory.TargetKind.NETWORK_INTERFACE;
                case INSTANCE -> Inventory.TargetKind.INSTANCE;
                case PEERING -> Inventory.TargetKind.PEERING;
                case TRANSIT_GATEWAY -> Inventory.TargetKind.TRANSIT_GATEWAY;
                // The assembler tells a gateway's kind by the VPC's gateways and endpoints.
                case LOCAL, INTERNET_GATEWAY, VPN_GATEWAY, GATEWAY_ENDPOINT, OTHER_GATEWAY ->
                    Inventory.TargetKind.GATEWAY;
                case BLACKHOLE, EGRESS_ONLY_INTERNET_GATEWAY, UNKNOWN -> Inventory.TargetKind.OTHER;
            };
            // An egress-only gateway carries IPv6 only: on an IPv4 route it is a target this reader does not know.
            String targetId = target.kind() == RouteTargets.Kind.EGRESS_ONLY_INTERNET_GATEWAY
                    ? RouteTargets.UNKNOWN_TEXT
                    : target.id();
            routes.add(new Inventory.Route(cidr, prefixList, kind, targetId, r.where()));
        }
        Optional<Tier> tier = Optional.ofNullable(item.tags().get("stackwright:tier"))
                .flatMap(t -> java.util.Arrays.stream(Tier.values())
                        .filter(x -> x.id().equals(t))
                        .findFirst());
        inv.routeTables.add(new Inventory.RouteTable(
                id.get(), item.name(id.get()), vpc.get(), main, routes, subnets, tier, item.where()));
    }

    private void group(Item item) {
        Optional<String> id = item.required("GroupId", "security group");
        Optional<String> vpc = item.required("VpcId", "security group");
        if (id.isEmpty() || vpc.isEmpty()) {
            return;
        }
        if (item.text("GroupName").filter("default"::equals).isPresent()) {
            inv.defaultGroups.putIfAbsent(vpc.get(), id.get());
        }
        String name = item.text("GroupName").filter(n -> !n.equals("default")).orElse(item.name(id.get()));
        for (boolean egress : List.of(false, true)) {
            for (Inventory.Rule r : permissions6(item.items(egress ? "IpPermissionsEgress" : "IpPermissions"))) {
                inv.ipv6Rules.add(new Inventory.Ipv6Rule(id.get(), egress, r));
            }
        }
        inv.groups.add(new Inventory.Group(
                id.get(),
                name.equals("default") ? id.get() : name,
                vpc.get(),
                item.text("Description").orElse(""),
                permissions(item.items("IpPermissions")),
                permissions(item.items("IpPermissionsEgress")),
                item.where()));
    }

    private List<Inventory.Rule> permissions(List<Item> permissions) {
        List<Inventory.Rule> out = new ArrayList<>();
        for (Item p : permissions) {
            Optional<Protocol> protocol =
                    Inventory.protocol(p.text("IpProtocol").orElse(""));
            if (protocol.isEmpty()) {
                continue; // Other IP protocols carry no TCP or UDP flow.
            }
            PortRange ports = PortRange.ALL;
            if (protocol.get() == Protocol.TCP || protocol.get() == Protocol.UDP) {
                Optional<PortRange> range = p.ports("FromPort", "ToPort");
                if (range.isEmpty()) {
                    continue;
                }
                ports = range.get();
            }
            for (Item r : p.items("IpRanges")) {
                Optional<Cidr> cidr = r.cidr("CidrIp", "rule");
                if (cidr.isPresent()) {
                    out.add(new Inventory.Rule(
                            protocol.get(),
                            ports,
                            Inventory.PeerKind.CIDR,
                            cidr.get().toString(),
                            r.text("Description").orElse(""),
                            r.where()));
                }
            }
            for (Item g : p.items("UserIdGroupPairs")) {
                PortRange range = ports;
                g.required("GroupId", "rule")
                        .ifPresent(gid -> out.add(new Inventory.Rule(
                                protocol.get(),
                                range,
                                Inventory.PeerKind.GROUP,
                                gid,
                                g.text("Description").orElse(""),
                                g.where(),
                                new Inventory.PairFacts(
                                        g.text("VpcId"), g.text("VpcPeeringConnectionId"), g.text("PeeringStatus")))));
            }
            for (Item l : p.items("PrefixListIds")) {
                PortRange range = ports;
                l.required("PrefixListId", "rule")
                        .ifPresent(pl -> out.add(new Inventory.Rule(
                                protocol.get(),
                                range,
                                Inventory.PeerKind.PREFIX_LIST,
                                pl,
                                l.text("Description").orElse(""),
                                l.where())));
            }
        }
        return out;
    }

    private void acl(Item item) {
        Optional<String> id = item.required("NetworkAclId", "network ACL");
        Optional<String> vpc = item.required("VpcId", "network ACL");
        if (id.isEmpty() || vpc.isEmpty()) {
            return;
        }
        List<NetworkAcl.Entry> entries = new ArrayList<>();
        for (Item e : item.items("Entries")) {
            Optional<Cidr> cidr = e.text("CidrBlock").flatMap(Cidr::tryParse);
            Optional<Protocol> protocol = Inventory.protocol(e.text("Protocol").orElse(""));
            if (cidr.isEmpty()
                    && protocol.isPresent()
                    && e.text("Ipv6CidrBlock").isPresent()) {
                aclEntry6(id.get(), e, protocol.get());
                continue;
            }
            if (cidr.isEmpty() || protocol.isEmpty()) {
                continue; // other protocols
            }
            PortRange ports = PortRange.ALL;
            if ((protocol.get() == Protocol.TCP || protocol.get() == Protocol.UDP) && e.node.has("PortRange")) {
                Optional<PortRange> range = e.child("PortRange").ports("From", "To");
                if (range.isEmpty()) {
                    continue;
                }
                ports = range.get();
            }
            Optional<Integer> number = aclRuleNumber(e);
            if (e.node.has("RuleNumber") && number.isEmpty()) {
                continue;
            }
            entries.add(new NetworkAcl.Entry(
                    number.orElse(32767),
                    e.node.path("Egress").asBoolean(false),
                    e.text("RuleAction").map("allow"::equalsIgnoreCase).orElse(false),
                    protocol.get(),
                    ports,
                    cidr.get(),
                    ""));
        }
        inv.acls.add(new Inventory.Acl(
                id.get(), item.name(id.get()), vpc.get(), entries, item.ids("Associations", "SubnetId"), item.where()));
    }

    /**
     * A network ACL entry's rule number: 1 to 32766 for the rules one adds, and the numbers the CLI prints for the
     * final deny every ACL ends with ("*" in the console): 32767 for IPv4 and 32768 for IPv6.
     */
    private static Optional<Integer> aclRuleNumber(Item e) {
        return e.whole("RuleNumber", 1, 32768, "a rule number (1 to 32766, or 32767 and 32768 for the final deny)");
    }

    private void instance(Item item) {
        Optional<String> id = item.required("InstanceId", "instance");
        if (id.isEmpty()
                || item.child("State")
                        .text("Name")
                        .map(s -> s.equals("terminated") || s.equals("shutting-down"))
                        .orElse(false)) {
            return;
        }
        List<String> subnets = new ArrayList<>();
        List<String> groups = new ArrayList<>(item.ids("SecurityGroups", "GroupId"));
        List<String> keys = new ArrayList<>(List.of(id.get()));
        item.text("SubnetId").ifPresent(subnets::add);
        boolean publicIp = item.text("PublicIpAddress").isPresent();
        // Users may name an instance by its ID or its addresses instead of its Name tag.
        item.text("PublicIpAddress").ifPresent(keys::add);
        item.text("PrivateIpAddress").ifPresent(keys::add);
        List<String> ipv6 = new ArrayList<>();
        item.text("Ipv6Address").ifPresent(ipv6::add);
        for (Item nic : item.items("NetworkInterfaces")) {
            nic.items("Ipv6Addresses")
                    .forEach(a ->
                            a.text("Ipv6Address").filter(x -> !ipv6.contains(x)).ifPresent(ipv6::add));
            nic.text("PrivateIpAddress").filter(a -> !keys.contains(a)).ifPresent(keys::add);
            nic.text("SubnetId").filter(s -> !subnets.contains(s)).ifPresent(subnets::add);
            nic.ids("Groups", "GroupId").stream()
                    .filter(g -> !groups.contains(g))
                    .forEach(groups::add);
            nic.text("NetworkInterfaceId").ifPresent(e -> {
                keys.add(e);
                instanceEnis.add(e);
            });
            publicIp |= nic.child("Association").text("PublicIp").isPresent();
        }
        interfaceIpv6(item.name(id.get()), ipv6);
        inv.things.add(new Inventory.Thing(
                item.name(id.get()),
                Attachment.Kind.INSTANCE,
                subnets,
                groups,
                Optional.of(publicIp),
                keys,
                Optional.empty(),
                Optional.empty(),
                item.text("InstanceType").orElse("unknown"),
                item.where()));
    }

    /**
     * A listener from describe-listeners: its port and protocol, whether it redirects HTTP to HTTPS, and the target
     * groups its default actions forward to.
     */
    private void listener(Item item) {
        Optional<String> lb =
                item.required("LoadBalancerArn", "listener").map(a -> loadBalancerNames.getOrDefault(a, a));
        if (lb.isEmpty()) {
            return;
        }
        LoadBalancer.Scheme scheme =
                LoadBalancer.Scheme.parse(item.text("Protocol").orElse(""));
        boolean redirects = false;
        for (Item a : item.items("DefaultActions")) {
            redirects |= a.text("Type").map("redirect"::equalsIgnoreCase).orElse(false)
                    && a.child("RedirectConfig")
                            .text("Protocol")
                            .map("HTTPS"::equalsIgnoreCase)
                            .orElse(false);
        }
        actions(lb.get(), item, "DefaultActions");
        // Without its ARN, no describe-rules output can be told to be this listener's.
        listenerBalancers.put(item.text("ListenerArn").orElse("(no ListenerArn) " + item.path), lb.get());
        // A gateway load balancer's listener has no port: it takes every packet.
        int port = port(item, "Port").orElse(0);
        inv.listeners.add(new Inventory.Listener(lb.get(), new LoadBalancer.Listener(port, scheme, redirects)));
    }

    /**
     * The actions of a listener ({@code DefaultActions}) or of a rule ({@code Actions}): the target groups a forward
     * action names, alone or in {@code ForwardConfig.TargetGroups}, and whether one authenticates
     * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Action.html). Actions that cannot be
     * read are reported, and the load balancer's rules are then not all known.
     */
    private void actions(String lb, Item owner, String key) {
        if (!owner.node.path(key).isArray()) {
            rulesUnread.add(lb);
        }
        for (Item a : owner.items(key)) {
            Optional<String> type = a.text("Type");
            if (!a.node.isObject() || type.isEmpty()) {
                Inventory.Where w = a.where();
                findings.warn(
                        "bad-value",
                        w.at(),
                        w.path(),
                        "is not an action with a Type; it is left out, and whether " + lb
                                + " authenticates users is not known",
                        a.node.getNodeType().name().toLowerCase(Locale.ROOT),
                        "save the command's JSON output unchanged");
                rulesUnread.add(lb);
                continue;
            }
            if (LoadBalancer.Authentication.authenticates(type.get())) {
                inv.authenticating.add(lb);
            }
            a.text("TargetGroupArn").ifPresent(g -> inv.forwards.add(new Inventory.Forward(lb, g)));
            for (Item g : a.child("ForwardConfig").items("TargetGroups")) {
                g.text("TargetGroupArn").ifPresent(id -> inv.forwards.add(new Inventory.Forward(lb, id)));
            }
        }
    }

    /**
     * A listener rule from describe-rules, which prints the rules of one listener: "Describes the specified rules or
     * the rules for the specified listener"
     * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeRules.html), the default rule
     * among them ({@code IsDefault}). Its {@code RuleArn} names its listener
     * ({@code ...:listener-rule/app/NAME/LB-ID/LISTENER-ID/RULE-ID}) and so its load balancer; its actions are read as
     * a listener's default actions. A listener with a rule in the snapshot has all its rules there.
     */
    private void rule(Item item) {
        Optional<String> arn = item.required("RuleArn", "listener rule");
        if (arn.isEmpty()) {
            ruleUnplaced = true;
            return;
        }
        Optional<String> listener = listenerOfRule(arn.get());
        Optional<String> lb = listener.map(listenerBalancers::get)
                .or(() -> listener.map(l -> l.replace(":listener/", ":loadbalancer/"))
                        .map(l -> l.substring(0, l.lastIndexOf('/')))
                        .map(loadBalancerNames::get));
        if (lb.isEmpty()) {
            Inventory.Where w = item.child("RuleArn").where();
            findings.warn(
                    "dangling-reference",
                    w.at(),
                    w.path(),
                    listener.isEmpty()
                            ? "is not a listener rule's ARN (arn:aws:elasticloadbalancing:...:listener-rule/...); the"
                                    + " rule is left out"
                            : "names a listener whose load balancer is not in the snapshot; the rule is left out",
                    arn.get(),
                    "save describe-rules --listener-arn ARN beside describe-listeners and describe-load-balancers");
            ruleUnplaced = true;
            return;
        }
        listener.ifPresent(listenersWithRules::add);
        actions(lb.get(), item, "Actions");
    }

    /** The listener ARN in a rule's ARN: {@code :listener-rule/app/web/lb/listener/rule} is {@code :listener/app/web/lb/listener}. */
    private static Optional<String> listenerOfRule(String ruleArn) {
        int kind = ruleArn.indexOf(":listener-rule/");
        int last = ruleArn.lastIndexOf('/');
        if (kind < 0 || last <= kind + ":listener-rule/".length()) {
            return Optional.empty();
        }
        return Optional.of(
                ruleArn.substring(0, kind) + ":listener/" + ruleArn.substring(kind + ":listener-rule/".length(), last));
    }

    /** Marks the load balancers each of whose listeners has describe-rules output in the snapshot. */
    private void rulesKnown() {
        if (ruleUnplaced || rulesPaged) {
            return;
        }
        Set<String> unknown = new HashSet<>(rulesUnread);
        listenerBalancers.forEach((listener, lb) -> {
            if (!listenersWithRules.contains(listener)) {
                unknown.add(lb);
            }
        });
        inv.markRulesKnown(listenerBalancers.values(), unknown);
    }

    /**
     * A transit gateway attachment. The same attachment may come from describe-transit-gateway-attachments (its kind
     * and association) and from the vpc- or peering- specific output (its subnets, its other gateway): the first
     * keeps its place, and a later one with more to say fills it in.
     */
    private void tgwAttachment(
            Item item,
            Optional<String> gateway,
            TransitGateways.Kind kind,
            Optional<String> vpc,
            List<String> subnets,
            Optional<String> peer,
            TransitGateways.Ipv6Support ipv6,
            TransitGateways.SecurityGroupReferencing sgReferencing) {
        Optional<String> id = item.required("TransitGatewayAttachmentId", "transit gateway attachment");
        if (id.isEmpty() || gateway.isEmpty()) {
            if (id.isPresent()) {
                item.required("TransitGatewayId", "transit gateway attachment");
            }
            return;
        }
        inv.labels.putIfAbsent(gateway.get(), gateway.get());
        if (item.text("State")
                .filter(st -> st.equals("deleted") || st.equals("deleting") || st.equals("rejected"))
                .isPresent()) {
            return;
        }
        Inventory.TgwAttachment fresh = new Inventory.TgwAttachment(
                id.get(), gateway.get(), kind, vpc, subnets, peer, ipv6, sgReferencing, item.where());
        for (int i = 0; i < inv.tgwAttachments.size(); i++) {
            Inventory.TgwAttachment old = inv.tgwAttachments.get(i);
            if (old.id().equals(id.get())) {
                inv.tgwAttachments.set(
                        i,
                        new Inventory.TgwAttachment(
                                old.id(),
                                old.gatewayId(),
                                old.kind() == TransitGateways.Kind.OTHER ? kind : old.kind(),
                                old.vpcId().or(() -> vpc),
                                old.subnetIds().isEmpty() ? subnets : old.subnetIds(),
                                old.peerGatewayId().or(() -> peer),
                                old.ipv6Support() == TransitGateways.Ipv6Support.NOT_IN_INPUT
                                        ? ipv6
                                        : old.ipv6Support(),
                                old.sgReferencing() == TransitGateways.SecurityGroupReferencing.NOT_IN_INPUT
                                        ? sgReferencing
                                        : old.sgReferencing(),
                                old.where()));
                return;
            }
        }
        inv.tgwAttachments.add(fresh);
    }

    /**
     * A transit gateway's or a VPC attachment's {@code Options.SecurityGroupReferencingSupport}: {@code enable} or
     * {@code disable}; else (an output from before the option, a bad value) not in the input.
     */
    private TransitGateways.SecurityGroupReferencing sgReferencing(Item options, String what) {
        Optional<String> text = options.text("SecurityGroupReferencingSupport");
        Optional<TransitGateways.SecurityGroupReferencing> parsed =
                text.flatMap(TransitGateways.SecurityGroupReferencing::parse);
        if (text.isPresent() && parsed.isEmpty()) {
            Inventory.Where w = options.child("SecurityGroupReferencingSupport").where();
            findings.warn(
                    "bad-value",
                    w.at(),
                    w.path(),
                    "is not enable or disable, so whether the " + what
                            + " allows security group references is not known",
                    shortened(text.get()),
                    "save the command's JSON output unchanged");
        }
        return parsed.orElse(TransitGateways.SecurityGroupReferencing.NOT_IN_INPUT);
    }

    /** A VPC attachment's {@code Options.Ipv6Support}: {@code enable} or {@code disable}; else not in the input. */
    private TransitGateways.Ipv6Support ipv6Support(Item options) {
        Optional<String> text = options.text("Ipv6Support");
        Optional<TransitGateways.Ipv6Support> parsed = text.flatMap(TransitGateways.Ipv6Support::parse);
        if (text.isPresent() && parsed.isEmpty()) {
            Inventory.Where w = options.child("Ipv6Support").where();
            findings.warn(
                    "bad-value",
                    w.at(),
                    w.path(),
                    "is not enable or disable, so whether the attachment carries IPv6 is not known",
                    shortened(text.get()),
                    "save the command's JSON output unchanged");
        }
        return parsed.orElse(TransitGateways.Ipv6Support.NOT_IN_INPUT);
    }

    /**
     * The transit gateway route table an output that names none is about (search-transit-gateway-routes,
     * get-transit-gateway-route-table-associations and -propagations answer for the table they were asked about): the
     * only one in the snapshot, or the one whose ID the file's name contains ({@code tgw-routes-tgw-rtb-0abc.json}).
     */
    private Optional<Inventory.TgwRouteTable> tgwTableOfFile(Item item, String command) {
        String file = Path.of(item.tree.file()).getFileName().toString();
        List<Inventory.TgwRouteTable> candidates = inv.tgwRouteTables.size() == 1
                ? List.copyOf(inv.tgwRouteTables.values())
                : inv.tgwRouteTables.values().stream()
                        .filter(t -> file.contains(t.id()))
                        .toList();
        if (candidates.size() != 1) {
            findings.warn(
                    "unknown-route-table",
                    item.where().at(),
                    item.where().path(),
                    "cannot tell which transit gateway route table this " + command
                            + " output is about; it is left out",
                    file,
                    "save each table's output in a file named after the table, e.g. tgw-routes-<tgw-rtb-id>.json, "
                            + "beside the describe-transit-gateway-route-tables output");
            return Optional.empty();
        }
        return Optional.of(candidates.getFirst());
    }

    /**
     * A route of search-transit-gateway-routes: a static one (or a blackhole) as it is; a propagated one says its
     * attachment propagates to the table, which is how the model derives it.
     */
    private void tgwRoute(Item item) {
        Optional<Inventory.TgwRouteTable> table = tgwTableOfFile(item, "search-transit-gateway-routes");
        Optional<String> text = item.text("DestinationCidrBlock");
        Optional<IpPrefix> cidr = text.flatMap(IpPrefix::tryParse);
        if (text.isPresent() && cidr.isEmpty()) {
            Inventory.Where w = item.child("DestinationCidrBlock").where();
            findings.warn(
                    "bad-value",
                    w.at(),
                    w.path(),
                    "is not an IPv4 or IPv6 CIDR block, so the transit gateway route is left out",
                    shortened(text.get()),
                    "save the command's JSON output unchanged");
        }
        if (table.isEmpty() || cidr.isEmpty()) {
            return; // prefix-list routes name no block
        }
        Optional<String> attachment = item.ids("TransitGatewayAttachments", "TransitGatewayAttachmentId").stream()
                .findFirst();
        boolean blackhole = item.text("State").map("blackhole"::equals).orElse(false);
        if (item.text("Type").map("propagated"::equals).orElse(false) && !blackhole) {
            attachment
                    .filter(a -> !table.get().propagations().contains(a))
                    .ifPresent(table.get().propagations()::add);
            return;
        }
        table.get().routes().add(new Inventory.TgwRoute(cidr.get(), blackhole ? Optional.empty() : attachment));
    }

    /**
     * describe-target-health names no target group (it answers for the one the command was given), so its file says
     * which: the only target group in the snapshot, or the one whose name the file's name contains
     * ({@code target-health-web.json} for target group {@code web}).
     */
    private void targetHealth(Item item) {
        List<Inventory.TargetGroup> candidates = groupOfFile(item);
        Optional<String> target = item.child("Target").required("Id", "target");
        if (target.isEmpty()) {
            return;
        }
        if (candidates.size() != 1) {
            findings.warn(
                    "unknown-target-group",
                    item.where().at(),
                    item.where().path(),
                    "cannot tell which target group this target is registered in; it is left out",
                    target.get(),
                    "save each target group's describe-target-health output in a file named after the group, "
                            + "e.g. target-health-<name>.json, beside the describe-target-groups output");
            return;
        }
        Item health = item.child("TargetHealth");
        inv.registrations.add(new Inventory.Registration(
                candidates.getFirst().id(),
                target.get(),
                port(item.child("Target"), "Port"),
                new LoadBalancer.Health(
                        health.text("State").orElse(""), health.text("Reason").orElse(""))));
    }

    /**
     * The target groups a file that answers for one target group may be about: the only one in the snapshot, or those
     * whose name the file's name contains.
     */
    private List<Inventory.TargetGroup> groupOfFile(Item item) {
        String file = Path.of(item.tree.file()).getFileName().toString();
        return inv.targetGroups.size() == 1
                ? inv.targetGroups
                : inv.targetGroups.stream()
                        .filter(g -> file.contains(targetGroupName(g.id())))
                        .toList();
    }

    /**
     * One attribute of describe-target-group-attributes, which, like describe-target-health, names no target group:
     * its file says which ({@code target-group-attributes-web.json} for target group {@code web}). Only
     * {@code preserve_client_ip.enabled} matters here; other keys (and describe-load-balancer-attributes, which prints
     * the same {@code Attributes} list) are read and left alone.
     */
    private void targetGroupAttribute(Item item) {
        if (!item.text("Key").orElse("").equals(Inventory.PRESERVE_CLIENT_IP)) {
            return;
        }
        List<Inventory.TargetGroup> candidates = groupOfFile(item);
        if (candidates.size() != 1) {
            findings.warn(
                    "unknown-target-group",
                    item.where().at(),
                    item.where().path(),
                    "cannot tell which target group this attribute belongs to; the default for the target type and"
                            + " protocol applies",
                    Inventory.PRESERVE_CLIENT_IP,
                    "save each target group's describe-target-group-attributes output in a file named after the group,"
                            + " e.g. target-group-attributes-<name>.json, beside the describe-target-groups output");
            return;
        }
        Optional<String> value = item.text("Value");
        Optional<Boolean> preserve = value.flatMap(Inventory::trueOrFalse);
        if (preserve.isEmpty()) {
            Inventory.Where w = item.child("Value").where();
            findings.warn(
                    "bad-value",
                    w.at(),
                    w.path(),
                    Inventory.PRESERVE_CLIENT_IP_DEFAULT,
                    value.orElse(null),
                    "give the value as describe-target-group-attributes prints it: \"true\" or \"false\"");
            return;
        }
        inv.preserveClientIp.put(candidates.getFirst().id(), preserve.get());
    }

    /** The name in a target group ARN ({@code ...:targetgroup/web/0123abcd} is {@code web}); the ARN otherwise. */
    private static String targetGroupName(String arn) {
        String[] parts = arn.split("/", -1);
        return parts.length >= 3 && arn.contains(":targetgroup/") ? parts[parts.length - 2] : arn;
    }

    /**
     * A group's {@code HealthCheckPort} as describe-target-groups prints it, a string: "traffic-port" or a port; one
     * that is neither is reported and the traffic port taken (AWS's default).
     * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetGroup.html
     */
    private LoadBalancer.HealthCheckPort healthCheckPort(Item item) {
        JsonNode v = item.node.path("HealthCheckPort");
        if (v.isMissingNode() || v.isNull()) {
            return LoadBalancer.HealthCheckPort.NOT_GIVEN;
        }
        return Inventory.healthCheckPort(
                v.isValueNode() ? Optional.of(v.asText()) : Optional.empty(),
                shortened(v.isValueNode() ? v.asText() : v.getNodeType().name().toLowerCase(Locale.ROOT)),
                () -> item.child("HealthCheckPort").where(),
                findings);
    }

    /** A port number, or empty when absent or not one. */
    private static Optional<Integer> port(Item item, String key) {
        return item.text(key)
                .filter(t -> t.matches("[0-9]{1,5}"))
                .map(Integer::parseInt)
                .filter(p -> p <= 65535);
    }

    /**
     * Interfaces that no other output covers: those of instances, NAT gateways, endpoints, load balancers and
     * databases come with those resources.
     */
    private void networkInterface(Item item) {
        Optional<String> id = item.required("NetworkInterfaceId", "network interface");
        if (id.isEmpty() || instanceEnis.contains(id.get())) {
            return;
        }
        String type = item.text("InterfaceType").orElse("interface");
        String description = item.text("Description").orElse("");
        if (Set.of(
                                "nat_gateway",
                                "vpc_endpoint",
                                "gateway_load_balancer_endpoint",
                                "transit_gateway",
                                "network_load_balancer")
                        .contains(type)
                || (description.startsWith("ELB ") && sections.containsKey("LoadBalancers"))
                || (description.startsWith("RDSNetworkInterface") && sections.containsKey("DBInstances"))
                || item.child("Attachment")
                        .text("InstanceId")
                        .filter(thingKeys()::contains)
                        .isPresent()) {
            return;
        }
        Attachment.Kind kind = description.startsWith("ELB ")
                ? Attachment.Kind.LOAD_BALANCER
                : description.startsWith("RDSNetworkInterface")
                        ? Attachment.Kind.DATABASE
                        : type.equals("lambda") || description.startsWith("AWS Lambda VPC ENI")
                                ? Attachment.Kind.FUNCTION
                                : description.startsWith("arn:aws:ecs:")
                                        ? Attachment.Kind.TASK
                                        : item.child("Attachment")
                                                        .text("InstanceId")
                                                        .isPresent()
                                                ? Attachment.Kind.INSTANCE
                                                : Attachment.Kind.OTHER;
        List<String> subnets = item.text("SubnetId").map(List::of).orElse(List.of());
        boolean publicIp = item.child("Association").text("PublicIp").isPresent();
        List<String> keys = new ArrayList<>(List.of(id.get()));
        item.child("Association").text("PublicIp").ifPresent(keys::add);
        item.text("PrivateIpAddress").ifPresent(keys::add);
        item.child("Attachment").text("InstanceId").ifPresent(keys::add);
        List<String> ipv6 = new ArrayList<>();
        item.items("Ipv6Addresses").forEach(a -> a.text("Ipv6Address").ifPresent(ipv6::add));
        interfaceIpv6(item.name(id.get()), ipv6);
        inv.things.add(new Inventory.Thing(
                item.name(id.get()),
                kind,
                subnets,
                item.ids("Groups", "GroupId"),
                Optional.of(publicIp),
                keys,
                Optional.empty(),
                Optional.empty(),
                "",
                item.where()));
        thingKeys().addAll(keys);
    }

    /**
     * The keys of everything read so far, as a set: interfaces are read after instances and each asks whether its
     * instance is known, which a scan of the list makes quadratic on accounts with thousands of interfaces.
     */
    private Set<String> thingKeys() {
        if (thingKeys == null) {
            Set<String> keys = new HashSet<>();
            inv.things.forEach(t -> keys.addAll(t.keys()));
            thingKeys = keys;
        }
        return thingKeys;
    }

    private @Nullable Set<String> thingKeys;

    // IPv6: blocks, routes, rules, ACL entries and interface addresses, as describe-* outputs give them.

    /** The first associated IPv6 block of a VPC or subnet ({@code Ipv6CidrBlockAssociationSet}). */
    private Optional<Ipv6Block> ipv6Block(Item item) {
        for (Item a : item.items("Ipv6CidrBlockAssociationSet")) {
            Optional<String> text = Ipv6Facts.associatedBlock(a.node);
            if (text.isEmpty()) {
                continue;
            }
            try {
                return Optional.of(Ipv6Block.Known.parse(text.get()));
            } catch (IllegalArgumentException e) {
                Inventory.Where w = a.child("Ipv6CidrBlock").where();
                findings.warn(
                        "bad-value",
                        w.at(),
                        w.path(),
                        "is not an IPv6 CIDR block, so the block is left out",
                        shortened(text.get()),
                        "save the command's JSON output unchanged");
            }
        }
        return Optional.empty();
    }

    private void ipv6Route(String tableId, String destination, Item r) {
        if (Ipv6Block.Known.tryParse(destination).isEmpty()) {
            Inventory.Where w = r.child("DestinationIpv6CidrBlock").where();
            findings.warn(
                    "bad-value",
                    w.at(),
                    w.path(),
                    "is not an IPv6 CIDR block, so the route is left out",
                    shortened(destination),
                    "save the command's JSON output unchanged");
            return;
        }
        RouteTargets.Target classified = RouteTargets.classify(r::text);
        if (classified.kind() == RouteTargets.Kind.LOCAL) {
            return; // the local route, which the analysis adds itself
        }
        DualStack.Target target = switch (classified.kind()) {
            case EGRESS_ONLY_INTERNET_GATEWAY -> DualStack.Target.EGRESS_ONLY_INTERNET_GATEWAY;
            case INTERNET_GATEWAY -> DualStack.Target.INTERNET_GATEWAY;
            case PEERING -> DualStack.Target.PEERING;
            case TRANSIT_GATEWAY -> DualStack.Target.TRANSIT_GATEWAY;
            default -> DualStack.Target.UNMODELLED;
        };
        // An IPv6 route to an instance is named by the instance's interface.
        String targetId = classified.kind() == RouteTargets.Kind.INSTANCE
                ? r.text("NetworkInterfaceId").orElse(RouteTargets.UNKNOWN_TEXT)
                : classified.id();
        inv.ipv6Routes.add(new Inventory.Ipv6Route(tableId, destination.strip(), target, targetId, r.where()));
    }

    /** The rules of a group's permissions on IPv6 blocks ({@code Ipv6Ranges}). */
    private List<Inventory.Rule> permissions6(List<Item> permissions) {
        List<Inventory.Rule> out = new ArrayList<>();
        for (Item p : permissions) {
            Optional<Protocol> protocol =
                    Inventory.protocol(p.text("IpProtocol").orElse(""));
            if (protocol.isEmpty() || p.items("Ipv6Ranges").isEmpty()) {
                continue;
            }
            PortRange ports = PortRange.ALL;
            if (protocol.get() == Protocol.TCP || protocol.get() == Protocol.UDP) {
                Optional<PortRange> range = p.ports("FromPort", "ToPort");
                if (range.isEmpty()) {
                    continue;
                }
                ports = range.get();
            }
            for (Item r : p.items("Ipv6Ranges")) {
                Optional<String> cidr = r.text("CidrIpv6");
                if (cidr.isPresent() && Ipv6Block.Known.tryParse(cidr.get()).isPresent()) {
                    out.add(new Inventory.Rule(
                            protocol.get(),
                            ports,
                            Inventory.PeerKind.CIDR,
                            cidr.get().strip(),
                            r.text("Description").orElse(""),
                            r.where()));
                } else if (cidr.isPresent()) {
                    Inventory.Where w = r.child("CidrIpv6").where();
                    findings.warn(
                            "bad-value",
                            w.at(),
                            w.path(),
                            "is not an IPv6 CIDR block, so this rule is left out",
                            shortened(cidr.get()),
                            "save the command's JSON output unchanged");
                }
            }
        }
        return out;
    }

    private void aclEntry6(String aclId, Item e, Protocol protocol) {
        String text = e.text("Ipv6CidrBlock").orElse("");
        Ipv6Block block;
        try {
            block = Ipv6Block.Known.parse(text);
        } catch (IllegalArgumentException x) {
            Inventory.Where w = e.child("Ipv6CidrBlock").where();
            findings.warn(
                    "bad-value",
                    w.at(),
                    w.path(),
                    "is not an IPv6 CIDR block, so this entry is left out",
                    shortened(text),
                    "save the command's JSON output unchanged");
            return;
        }
        PortRange ports = PortRange.ALL;
        if ((protocol == Protocol.TCP || protocol == Protocol.UDP) && e.node.has("PortRange")) {
            Optional<PortRange> range = e.child("PortRange").ports("From", "To");
            if (range.isEmpty()) {
                return;
            }
            ports = range.get();
        }
        Optional<Integer> number = aclRuleNumber(e);
        if (e.node.has("RuleNumber") && number.isEmpty()) {
            return;
        }
        inv.ipv6AclEntries.add(new Inventory.Ipv6AclEntry(
                aclId,
                number.orElse(32767),
                e.node.path("Egress").asBoolean(false),
                e.text("RuleAction").map("allow"::equalsIgnoreCase).orElse(false),
                protocol,
                ports,
                block));
    }

    /** A snapshot says every interface's IPv6 addresses: none is an answer too. */
    private void interfaceIpv6(String thing, List<String> addresses) {
        inv.thingIpv6.put(thing, new DualStack.Ipv6Interface(thing, !addresses.isEmpty(), addresses));
    }
}
