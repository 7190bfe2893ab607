package dev.stackwright.deploy.vpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stackwright.deploy.DeployException;
import dev.stackwright.deploy.vpc.Inspection.Requirement;
import dev.stackwright.deploy.vpc.Inspection.Status;
import dev.stackwright.deploy.vpc.Inspection.SubnetRow;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.diag.Suggestions;
import dev.stackwright.importer.Imported;
import dev.stackwright.importer.snapshot.Ipv6Facts;
import dev.stackwright.importer.snapshot.Snapshot;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.Endpoint;
import dev.stackwright.model.Environment;
import dev.stackwright.model.NatMode;
import dev.stackwright.model.Network;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.Subnet;
import dev.stackwright.model.Tier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Checks whether an existing VPC can hold the project. The VPC is read by the snapshot reader (so tiers, the main
 * route table fallback and every reference are worked out as for {@code check --snapshot}); the few facts that reader
 * does not keep (subnet IDs and zone names, free addresses, the DNS settings, instance type offerings) are read here
 * from the same describe-* texts.
 */
public final class VpcInspector {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** File names for the live describe outputs; folders may name theirs freely. */
    public static final String DNS_SUPPORT = "EnableDnsSupport";

    public static final String DNS_HOSTNAMES = "EnableDnsHostnames";

    private VpcInspector() {}

    /** Reads every {@code *.json} file of a snapshot folder (not its subfolders), by path. */
    public static Map<String, String> readFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DeployException(
                    "the snapshot folder " + dir + " does not exist",
                    "give a folder of `aws ec2 describe-*` JSON outputs with --snapshot");
        }
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : list.filter(f -> Files.isRegularFile(f)
                            && f.getFileName()
                                    .toString()
                                    .toLowerCase(Locale.ROOT)
                                    .endsWith(".json"))
                    .sorted()
                    .toList()) {
                files.put(
                        f.toString(),
                        dev.stackwright.diag.InputFiles.read(
                                f, "snapshot file", "check the folder", dev.stackwright.diag.InputFiles.DATA_LIMIT));
            }
        } catch (IOException e) {
            throw new DeployException(
                    "the snapshot folder " + dir + " cannot be read: " + e.getMessage(),
                    "check the folder's permissions",
                    e);
        }
        if (files.isEmpty()) {
            throw new DeployException(
                    "the snapshot folder " + dir + " has no .json files",
                    "save outputs such as `aws ec2 describe-vpcs > vpcs.json` in it");
        }
        return files;
    }

    /**
     * Inspects one VPC of describe-* outputs.
     *
     * @param source names the input in messages and as the networks' source (a folder name, "live")
     * @throws InputException when the texts could not be read
     * @throws DeployException when the VPC is not among them
     */
    public static Inspection inspect(String source, Map<String, String> files, String vpcId, Needs needs) {
        // The snapshot reader reads IPv6 too (egress-only gateways included), so it gets every file.
        Imported imported = Snapshot.read(source, files);
        if (imported.hasErrors()) {
            throw new InputException(imported.findings());
        }
        Raw raw = Raw.parse(files);
        int index = raw.vpcIds.indexOf(vpcId);
        if (index < 0 || index >= imported.networks().size()) {
            String found = raw.vpcIds.isEmpty() ? "no VPC" : String.join(", ", new TreeSet<>(raw.vpcIds));
            throw new DeployException(
                    "VPC " + vpcId + " is not in " + source + " (found " + found + ")",
                    Suggestions.closest(vpcId, raw.vpcIds)
                            .map(s -> "did you mean " + s + "? Give an ID listed above")
                            .orElse(
                                    raw.vpcIds.isEmpty()
                                            ? "add the output of `aws ec2 describe-vpcs`"
                                            : "give one of the VPC IDs found, or check the region"));
        }
        Network network = imported.networks().get(index);
        List<Diagnostic> findings =
                imported.findings().stream().filter(d -> !d.isError()).toList();
        List<SubnetRow> rows = rows(network, raw, vpcId);
        List<Requirement> requirements = new Checks(network, raw, vpcId, rows, needs).all();
        return new Inspection(
                vpcId,
                raw.vpcNames.getOrDefault(vpcId, vpcId),
                network.region(),
                network.vpc().cidr().toString(),
                source,
                rows,
                requirements,
                findings,
                raw.ipv6(vpcId));
    }

    /** The file of {@code describe-egress-only-internet-gateways}, which {@code vpc inspect} saves and reads. */
    public static final String EGRESS_ONLY_FILE = "egress-only-internet-gateways.json";

    private static List<SubnetRow> rows(Network network, Raw raw, String vpcId) {
        List<SubnetRow> rows = new ArrayList<>();
        for (Subnet s : network.subnets()) {
            RawSubnet r = raw.subnets.stream()
                    .filter(x -> x.vpcId.equals(vpcId) && x.cidr.equals(s.cidr()))
                    .findFirst()
                    .orElse(new RawSubnet(s.name(), vpcId, s.cidr(), Optional.empty(), Optional.empty()));
            Optional<RouteTable> table = network.routeTableOf(s.name());
            Optional<RawTable> rawTable = table.flatMap(t -> raw.table(vpcId, t.name()));
            String tableLabel =
                    rawTable.map(t -> t.id).orElse(table.map(RouteTable::name).orElse("none"));
            boolean main = rawTable.map(t -> t.main)
                    .orElse(table.map(t -> t.name().equals("main")).orElse(false));
            rows.add(new SubnetRow(
                    r.id,
                    s.name(),
                    r.zone.orElse(s.az().nameIn(network.region())),
                    s.cidr().toString(),
                    tier(s.tier()),
                    tableLabel,
                    main,
                    r.available.map(Integer::longValue).orElse(s.usableIps()),
                    r.available.isPresent()));
        }
        rows.sort(Comparator.comparingInt((SubnetRow r) -> TIERS.indexOf(r.tier()))
                .thenComparing(SubnetRow::zone)
                .thenComparing(r -> Cidr.parse(r.cidr())));
        return rows;
    }

    private static final List<String> TIERS = List.of("public", "private", "isolated");

    /** The tier names of a VPC brought by the user: the model's app tier is private, its data tier isolated. */
    static String tier(Tier tier) {
        return switch (tier) {
            case PUBLIC -> "public";
            case APP -> "private";
            case DATA -> "isolated";
        };
    }

    private record RawSubnet(String id, String vpcId, Cidr cidr, Optional<String> zone, Optional<Integer> available) {}

    private record RawTable(String id, String vpcId, Optional<String> name, boolean main) {}

    /** The facts the snapshot reader does not keep, read from the same texts; unreadable parts were reported by it. */
    private static final class Raw {
        final List<String> vpcIds = new ArrayList<>();
        final Map<String, String> vpcNames = new HashMap<>();
        final List<RawSubnet> subnets = new ArrayList<>();
        final List<RawTable> tables = new ArrayList<>();
        final Map<String, Boolean> dnsSupport = new HashMap<>();
        final Map<String, List<String>> vpcIpv6 = new HashMap<>();
        final Map<String, List<String>> subnetIpv6 = new TreeMap<>();
        final Map<String, String> subnetVpc = new HashMap<>();
        /** Egress-only gateway ID to the VPC it is attached to. */
        final Map<String, String> eigwVpc = new TreeMap<>();
        /** Egress-only gateway ID to the route tables with a route to it. */
        final Map<String, Set<String>> eigwTables = new TreeMap<>();

        final Map<String, Boolean> dnsHostnames = new HashMap<>();
        /** {@code type@zone}; null when no file gave offerings. */
        @Nullable
        Set<String> offerings;

        static Raw parse(Map<String, String> files) {
            Raw raw = new Raw();
            // In the snapshot reader's order, so the n-th VPC here is its n-th network.
            new TreeMap<>(files).forEach((name, text) -> {
                JsonNode root;
                try {
                    root = JSON.readTree(text);
                } catch (IOException e) {
                    return;
                }
                if (root == null || !root.isObject()) {
                    return;
                }
                raw.read(root);
            });
            return raw;
        }

        private void read(JsonNode root) {
            for (JsonNode v : root.path("Vpcs")) {
                String id = v.path("VpcId").asText("");
                if (!id.isEmpty()
                        && Cidr.tryParse(v.path("CidrBlock").asText("")).isPresent()) {
                    vpcIds.add(id);
                    nameTag(v).ifPresent(n -> vpcNames.put(id, n));
                }
            }
            for (JsonNode v : root.path("Vpcs")) {
                Ipv6Facts.associatedBlocks(v)
                        .forEach(b -> vpcIpv6.computeIfAbsent(v.path("VpcId").asText(""), k -> new ArrayList<>())
                                .add(b));
            }
            for (JsonNode s : root.path("Subnets")) {
                List<String> v6 = Ipv6Facts.associatedBlocks(s);
                if (!v6.isEmpty() && s.hasNonNull("SubnetId")) {
                    subnetIpv6.put(s.path("SubnetId").asText(), v6);
                    subnetVpc.put(s.path("SubnetId").asText(), s.path("VpcId").asText(""));
                }
            }
            for (JsonNode g : root.path("EgressOnlyInternetGateways")) {
                for (JsonNode a : g.path("Attachments")) {
                    if (!Ipv6Facts.attached(a)) {
                        continue;
                    }
                    eigwVpc.put(
                            g.path("EgressOnlyInternetGatewayId").asText(""),
                            a.path("VpcId").asText(""));
                }
            }
            for (JsonNode t : root.path("RouteTables")) {
                for (JsonNode r : t.path("Routes")) {
                    Ipv6Facts.egressOnlyGateway(r)
                            .ifPresent(g -> eigwTables
                                    .computeIfAbsent(g, k -> new TreeSet<>())
                                    .add(t.path("RouteTableId").asText("")));
                }
            }
            for (JsonNode s : root.path("Subnets")) {
                Optional<Cidr> cidr = Cidr.tryParse(s.path("CidrBlock").asText(""));
                if (cidr.isPresent() && s.hasNonNull("SubnetId")) {
                    subnets.add(new RawSubnet(
                            s.path("SubnetId").asText(),
                            s.path("VpcId").asText(""),
                            cidr.get(),
                            text(s, "AvailabilityZone"),
                            s.path("AvailableIpAddressCount").isNumber()
                                    ? Optional.of(
                                            s.path("AvailableIpAddressCount").asInt())
                                    : Optional.empty()));
                }
            }
            for (JsonNode t : root.path("RouteTables")) {
                boolean main = false;
                for (JsonNode a : t.path("Associations")) {
                    main |= a.path("Main").asBoolean(false);
                }
                tables.add(new RawTable(
                        t.path("RouteTableId").asText(""), t.path("VpcId").asText(""), nameTag(t), main));
            }
            String vpc = root.path("VpcId").asText("");
            if (root.path(DNS_SUPPORT).path("Value").isBoolean()) {
                dnsSupport.put(vpc, root.path(DNS_SUPPORT).path("Value").asBoolean());
            }
            if (root.path(DNS_HOSTNAMES).path("Value").isBoolean()) {
                dnsHostnames.put(vpc, root.path(DNS_HOSTNAMES).path("Value").asBoolean());
            }
            if (root.has("InstanceTypeOfferings")) {
                if (offerings == null) {
                    offerings = new TreeSet<>();
                }
                for (JsonNode o : root.path("InstanceTypeOfferings")) {
                    offerings.add(o.path("InstanceType").asText() + "@"
                            + o.path("Location").asText());
                }
            }
        }

        Inspection.Ipv6 ipv6(String vpcId) {
            java.util.SortedMap<String, List<String>> subnetBlocks = new TreeMap<>();
            subnetIpv6.forEach((id, list) -> {
                if (vpcId.equals(subnetVpc.get(id))) {
                    subnetBlocks.put(id, list);
                }
            });
            List<Inspection.EgressOnlyGateway> gateways = new ArrayList<>();
            eigwVpc.forEach((id, vpc) -> {
                if (vpc.equals(vpcId)) {
                    gateways.add(
                            new Inspection.EgressOnlyGateway(id, List.copyOf(eigwTables.getOrDefault(id, Set.of()))));
                }
            });
            return new Inspection.Ipv6(vpcIpv6.getOrDefault(vpcId, List.of()), subnetBlocks, gateways);
        }

        /** The raw route table the model names so: by its Name tag or ID, or both when the name was taken. */
        Optional<RawTable> table(String vpcId, String modelName) {
            return tables.stream()
                    .filter(t -> t.vpcId.equals(vpcId))
                    .filter(t -> t.id.equals(modelName)
                            || t.name.map(n -> n.equals(modelName) || (n + "-" + t.id).equals(modelName))
                                    .orElse(false))
                    .findFirst();
        }

        /**
         * The DNS setting of a VPC; a describe-vpc-attribute output saved without its VpcId applies to the only VPC.
         */
        Optional<Boolean> dns(Map<String, Boolean> settings, String vpcId) {
            return Optional.ofNullable(settings.get(vpcId)).or(() -> Optional.ofNullable(settings.get("")));
        }

        private static Optional<String> nameTag(JsonNode n) {
            for (JsonNode t : n.path("Tags")) {
                if (t.path("Key").asText().equals("Name")
                        && !t.path("Value").asText().isBlank()) {
                    return Optional.of(t.path("Value").asText());
                }
            }
            return Optional.empty();
        }

        private static Optional<String> text(JsonNode n, String key) {
            return n.hasNonNull(key) && !n.path(key).asText().isEmpty()
                    ? Optional.of(n.path(key).asText())
                    : Optional.empty();
        }
    }

    /** The requirements, in the order they are printed. */
    private record Checks(Network network, Raw raw, String vpcId, List<SubnetRow> rows, Needs needs) {
        List<Requirement> all() {
            return List.of(
                    database(),
                    compute(),
                    publicSubnets(),
                    dns("dns-support", "DNS support", DNS_SUPPORT, raw.dnsSupport, "--enable-dns-support"),
                    dns("dns-hostnames", "DNS hostnames", DNS_HOSTNAMES, raw.dnsHostnames, "--enable-dns-hostnames"),
                    cidr(),
                    freeIps(),
                    instanceTypes());
        }

        private List<SubnetRow> tier(String tier) {
            return rows.stream().filter(r -> r.tier().equals(tier)).toList();
        }

        private static Set<String> zones(List<SubnetRow> rows) {
            return new TreeSet<>(rows.stream().map(SubnetRow::zone).toList());
        }

        /** A failure when the spec asks for it; without a spec, a warning. */
        private Status failure() {
            return needs.fromSpec() ? Status.FAIL : Status.WARN;
        }

        private static String list(Set<String> zones) {
            return zones.isEmpty() ? "no zone" : String.join(", ", zones);
        }

        private Requirement database() {
            Set<String> zones = zones(tier("isolated"));
            if (zones.size() >= 2) {
                return new Requirement(
                        "database-subnets",
                        Status.OK,
                        "isolated subnets in " + zones.size() + " zones (" + list(zones) + ") for the database",
                        "");
            }
            if (needs.fromSpec() && !needs.database()) {
                return new Requirement(
                        "database-subnets",
                        Status.SKIPPED,
                        "the spec has no database; isolated subnets in " + list(zones),
                        "");
            }
            return new Requirement(
                    "database-subnets",
                    failure(),
                    "a database needs isolated subnets in two zones; " + "this VPC has "
                            + tier("isolated").size() + " isolated subnet(s) in " + list(zones),
                    "add an isolated subnet (a route table with only the local route: no internet gateway, no NAT) in "
                            + (zones.isEmpty() ? "two zones" : "a zone other than " + list(zones))
                            + "; an RDS subnet group needs subnets in at least two zones");
        }

        private Requirement compute() {
            String what = needs.compute().map(c -> "the " + c.id() + " service").orElse("tasks and functions");
            Set<String> privateZones = zones(tier("private"));
            int wanted = needs.zones();
            if (privateZones.size() >= wanted) {
                return new Requirement(
                        "private-subnets",
                        Status.OK,
                        "private subnets with NAT in " + privateZones.size() + " zone(s) (" + list(privateZones)
                                + ") for " + what,
                        "");
            }
            Set<String> present = new TreeSet<>(network.endpoints().stream()
                    .filter(e -> e instanceof Endpoint.Interface)
                    .map(Endpoint::service)
                    .toList());
            List<String> missing =
                    needs.endpoints().stream().filter(e -> !present.contains(e)).toList();
            Set<String> isolatedZones = zones(tier("isolated"));
            if (needs.fromSpec()
                    && needs.nat() == NatMode.NONE
                    && isolatedZones.size() >= wanted
                    && missing.isEmpty()) {
                return new Requirement(
                        "private-subnets",
                        Status.OK,
                        "isolated subnets in " + isolatedZones.size()
                                + " zone(s) with the interface endpoints "
                                + (needs.endpoints().isEmpty() ? "(none needed)" : String.join(", ", needs.endpoints()))
                                + " for " + what,
                        "");
            }
            String fix = "route 0.0.0.0/0 from the route table of a subnet in each of " + wanted
                    + " zones to a NAT gateway " + "in a public subnet";
            if (needs.fromSpec() && needs.nat() == NatMode.NONE && !missing.isEmpty()) {
                fix = "create the interface endpoints " + String.join(", ", missing) + " in the isolated subnets, or "
                        + fix;
            }
            return new Requirement(
                    "private-subnets",
                    failure(),
                    what + " need private subnets (with NAT"
                            + (needs.nat() == NatMode.NONE && needs.fromSpec() ? " or the interface endpoints" : "")
                            + ") in " + wanted
                            + " zone(s); this VPC has them in " + list(privateZones),
                    fix);
        }

        private Requirement publicSubnets() {
            List<String> reasons = new ArrayList<>();
            int wanted = 0;
            if (needs.alb()) {
                reasons.add("the load balancer");
                wanted = 2; // An ALB needs subnets in at least two zones.
            }
            if (needs.fromSpec()
                    && needs.nat() != NatMode.NONE
                    && tier("private").isEmpty()) {
                reasons.add("NAT");
                wanted = Math.max(wanted, 1);
            }
            if (needs.bastion()) {
                reasons.add("the bastion");
                wanted = Math.max(wanted, 1);
            }
            Set<String> zones = zones(tier("public"));
            if (reasons.isEmpty()) {
                return new Requirement(
                        "public-subnets",
                        Status.SKIPPED,
                        "nothing in the spec needs public subnets; " + "public subnets in " + list(zones),
                        "");
            }
            String forWhat = String.join(", ", reasons);
            if (zones.size() >= wanted) {
                return new Requirement(
                        "public-subnets",
                        Status.OK,
                        "public subnets in " + zones.size() + " zone(s) (" + list(zones) + ") for " + forWhat,
                        "");
            }
            return new Requirement(
                    "public-subnets",
                    failure(),
                    forWhat + " need(s) public subnets in " + wanted + " zone(s); this VPC has them in " + list(zones),
                    "add subnets in " + wanted + " zones whose route table "
                            + "sends 0.0.0.0/0 to an internet gateway attached to " + vpcId);
        }

        private Requirement dns(String id, String what, String key, Map<String, Boolean> settings, String flag) {
            Optional<Boolean> on = raw.dns(settings, vpcId);
            String attribute = Character.toLowerCase(key.charAt(0)) + key.substring(1);
            if (on.isEmpty()) {
                return new Requirement(
                        id,
                        Status.UNKNOWN,
                        what + ": unknown, the input has no describe-vpc-attribute output " + "for it",
                        "save `aws ec2 describe-vpc-attribute --vpc-id " + vpcId + " --attribute " + attribute
                                + "` in the snapshot folder");
            }
            if (on.get()) {
                return new Requirement(id, Status.OK, what + ": enabled", "");
            }
            return new Requirement(
                    id,
                    Status.FAIL,
                    what + ": disabled; interface endpoints' private DNS and the " + "database's endpoint name need it",
                    "aws ec2 modify-vpc-attribute --vpc-id " + vpcId + " " + flag + " '{\"Value\":true}'");
        }

        private Requirement cidr() {
            Cidr cidr = network.vpc().cidr();
            if (!cidr.isPrivate()) {
                return new Requirement(
                        "cidr",
                        Status.FAIL,
                        "the VPC block " + cidr + " is not a private (RFC 1918) range",
                        "use a VPC whose block is within 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16");
            }
            List<String> overlaps = new ArrayList<>();
            for (Environment e : Environment.values()) {
                if (needs.environment().map(own -> own != e).orElse(true)
                        && e.defaultCidr().overlaps(cidr)) {
                    overlaps.add(e.id() + " (" + e.defaultCidr() + ")");
                }
            }
            if (overlaps.isEmpty()) {
                return new Requirement(
                        "cidr",
                        Status.OK,
                        "the VPC block " + cidr + " is private and overlaps no "
                                + (needs.environment().isPresent() ? "other " : "") + "environment's block",
                        "");
            }
            return new Requirement(
                    "cidr",
                    failure(),
                    "the VPC block " + cidr + " overlaps the block of "
                            + (needs.environment().isPresent()
                                    ? "the project's other environment(s) "
                                    : "the environment(s) ")
                            + String.join(", ", overlaps) + ", so they could never be peered",
                    "use a VPC in a block no environment uses (their blocks: "
                            + String.join(
                                    ", ",
                                    java.util.Arrays.stream(Environment.values())
                                            .map(e -> e.id() + " " + e.defaultCidr())
                                            .toList())
                            + ")"
                            + (needs.environment().isPresent()
                                    ? ""
                                    : ", or inspect with -f so the spec names this VPC's environment"));
        }

        /** The subnets the tasks run in: private ones, or isolated ones when the spec has no NAT. */
        private List<SubnetRow> computeSubnets() {
            List<SubnetRow> out = tier("private");
            if (out.isEmpty() && needs.fromSpec() && needs.nat() == NatMode.NONE) {
                out = tier("isolated");
            }
            return out;
        }

        private Requirement freeIps() {
            List<SubnetRow> subnets = computeSubnets();
            String setting = needs.fromSpec()
                    ? "network.maxTasks " + needs.maxTasks()
                    : "the default maxTasks " + needs.maxTasks();
            if (subnets.isEmpty()) {
                return new Requirement(
                        "free-ips", Status.SKIPPED, "no subnet for tasks to count free addresses in", "");
            }
            List<SubnetRow> short_ =
                    subnets.stream().filter(r -> r.freeIps() < needs.maxTasks()).toList();
            if (short_.isEmpty()) {
                long least =
                        subnets.stream().mapToLong(SubnetRow::freeIps).min().orElse(0);
                return new Requirement(
                        "free-ips",
                        Status.OK,
                        "every subnet for tasks has at least " + least + " free addresses, enough for " + setting,
                        "");
            }
            String which = String.join(
                    ", ",
                    short_.stream()
                            .map(r -> r.id() + " (" + r.zone() + ") has " + r.freeIps()
                                    + (r.freeIpsCounted() ? " free" : " usable") + " addresses")
                            .toList());
            long most = short_.stream().mapToLong(SubnetRow::freeIps).min().orElse(0);
            return new Requirement(
                    "free-ips",
                    failure(),
                    which + ", fewer than " + setting + " (each task takes one)",
                    "add a larger subnet in that zone (a /24 holds 251 addresses), free addresses in it, or lower "
                            + "network.maxTasks to " + most);
        }

        private Requirement instanceTypes() {
            if (needs.instanceTypes().isEmpty()) {
                return new Requirement(
                        "instance-types",
                        Status.SKIPPED,
                        needs.fromSpec()
                                ? "the spec launches no EC2 instances"
                                : "no spec, so no instance types to check",
                        "");
            }
            Set<String> zones = zones(rows);
            String types = String.join(
                    ",",
                    new TreeSet<>(needs.instanceTypes().stream()
                            .map(Needs.InstanceType::type)
                            .toList()));
            if (raw.offerings == null) {
                return new Requirement(
                        "instance-types",
                        Status.UNKNOWN,
                        "not checked: the input has no instance type offerings",
                        "save `aws ec2 describe-instance-type-offerings --location-type availability-zone --filters "
                                + "Name=instance-type,Values=" + types + "` in the snapshot folder");
            }
            List<String> missing = new ArrayList<>();
            for (Needs.InstanceType t : needs.instanceTypes()) {
                List<String> absent = zones.stream()
                        .filter(z -> !raw.offerings.contains(t.type() + "@" + z))
                        .toList();
                if (!absent.isEmpty()) {
                    missing.add(t.type() + " (" + t.chosenBy() + ") is not offered in " + String.join(", ", absent));
                }
            }
            if (missing.isEmpty()) {
                return new Requirement(
                        "instance-types", Status.OK, types + " offered in every zone (" + list(zones) + ")", "");
            }
            return new Requirement(
                    "instance-types",
                    Status.FAIL,
                    String.join("; ", missing),
                    "choose a type every zone offers (`aws ec2 describe-instance-type-offerings --location-type "
                            + "availability-zone`), e.g. a t3 instead of a newer generation");
        }
    }
}
