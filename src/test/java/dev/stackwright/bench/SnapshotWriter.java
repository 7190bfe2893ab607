package dev.stackwright.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.Endpoint;
import dev.stackwright.model.Nat;
import dev.stackwright.model.Network;
import dev.stackwright.model.NetworkAcl;
import dev.stackwright.model.Peer;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteDestination;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.RouteTarget;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.model.Subnet;
import dev.stackwright.model.Tier;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Writes networks as a folder of {@code aws ec2 describe-*} outputs, as the AWS CLI prints them ({@code --output json}:
 * four-space indent, {@code "Key": value}, {@code []} for an empty list), so that {@code stackwright check --snapshot}
 * can be run and timed on a synthetic account end to end. One file per command, every file always written:
 * {@link #FILES}.
 *
 * <p>The same networks give the same bytes: IDs are hashes of the network's stack name and the resource's name
 * ({@link #id}), addresses are handed out in order, and nothing reads the clock. What AWS has that the model leaves
 * implicit is written too: each VPC's main route table (the local route only; the model's subnets without a table use
 * it), its default network ACL (allow all; the model's subnets without an ACL use it), its {@code default} security
 * group (no rules), and the {@code 32767} deny-all entry that ends every ACL. Rules of one group with the same
 * protocol and ports share one {@code IpPermissions} item, as AWS prints them, and a rule the group already has (same
 * protocol, ports and peer; the generator draws a few) is written once, since AWS refuses the second.
 *
 * <p>How the reader ({@link dev.stackwright.importer.snapshot.Snapshot}) gets each attachment back: interfaces carry
 * what AWS puts on them (a load balancer's {@code ELB app/...} description, RDS's {@code RDSNetworkInterface}, an ECS
 * task's attachment ARN, an instance ID for instances, {@code InterfaceType} {@code lambda}, {@code nat_gateway},
 * {@code vpc_endpoint}), a public IP as {@code Association.PublicIp}. Interfaces get an empty {@code TagSet}, as most
 * real ones have no {@code Name} tag, so an imported attachment is named by its interface ID, {@link #interfaceId}; NAT gateways keep their names (a {@code Name} tag), as do subnets, route tables, ACLs and VPCs.
 * Bastions come back as instances (the reader knows a bastion by its name or by groups that admit only SSH).
 */
public final class SnapshotWriter {
    /** The account every resource belongs to: AWS's documentation account. */
    public static final String ACCOUNT = "123456789012";

    /** The files {@link #write} writes, in name order. */
    public static final List<String> FILES = List.of(
            "internet-gateways.json",
            "nat-gateways.json",
            "network-acls.json",
            "network-interfaces.json",
            "route-tables.json",
            "security-groups.json",
            "subnets.json",
            "vpc-endpoints.json",
            "vpc-peering-connections.json",
            "vpcs.json");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Python's {@code json.dumps(indent=4)}, which the AWS CLI uses; line ends are {@code \n} on every system. */
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("    ", "\n"))
            .withArrayIndenter(new DefaultIndenter("    ", "\n"));

    private static final String ALLOW_ALL_POLICY = "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}";
    /** Public addresses come from 3.80.0.0/12, one of us-east-1's ranges. */
    private static final long FIRST_PUBLIC_IP = (3L << 24) + (80L << 16) + 10;

    /** IDs handed out, to the key they stand for: a second resource with the same ID is refused. */
    private final Map<String, String> claimed = new HashMap<>();

    private long publicIps;
    private final List<Vpc> vpcs = new ArrayList<>();

    /** One network and what its files share: its ID scope, its interfaces' IDs and addresses. */
    private record Vpc(Network network, String scope, String id, List<Eni> enis, Map<String, Eni> eniByName) {
        String region() {
            return network.region();
        }
    }

    /** An attachment's interface, with the addresses it was given. */
    private record Eni(
            Attachment attachment, String id, @Nullable Subnet subnet, String privateIp, Optional<String> publicIp) {}

    private SnapshotWriter(List<Network> networks) {
        for (Network n : networks) {
            vpcs.add(vpc(n));
        }
    }

    /**
     * Writes every file of {@link #FILES} into {@code dir} (made if missing), replacing files of those names.
     *
     * @return the files written
     * @throws IllegalArgumentException when two resources would get the same ID (two networks with one stack name,
     *                                  two resources of one kind with one name in a network)
     */
    public static List<Path> write(List<Network> networks, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        try {
            new SnapshotWriter(networks).files(name -> {
                Path file = dir.resolve(name);
                out.add(file);
                try {
                    return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return out;
    }

    /** The files' text by file name, as {@link #write} writes them: for tests and {@code Snapshot.read(name, files)}. */
    public static Map<String, String> render(List<Network> networks) {
        Map<String, StringWriter> texts = new TreeMap<>();
        new SnapshotWriter(networks).files(name -> texts.computeIfAbsent(name, k -> new StringWriter()));
        Map<String, String> out = new TreeMap<>();
        texts.forEach((name, text) -> out.put(name, text.toString()));
        return out;
    }

    /**
     * An AWS-looking ID, {@code prefix-0} and 16 hex digits, from a hash of {@code prefix} and {@code key}: the same
     * key gives the same ID in every run.
     */
    public static String id(String prefix, String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((prefix + "\u0000" + key).getBytes(StandardCharsets.UTF_8));
            return prefix + "-0" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The interface ID of an attachment of a network: the name the snapshot reader gives it back. */
    public static String interfaceId(Network network, Attachment attachment) {
        return id("eni", key(network, attachment.name()));
    }

    /** The security-group rules of a network as written: repeats within a group and direction count once. */
    public static long rules(Network network) {
        long n = 0;
        for (SecurityGroup g : network.securityGroups()) {
            for (List<SecurityGroupRule> list : List.of(g.ingress(), g.egress())) {
                n += list.stream()
                        .map(r -> List.of(r.protocol(), r.ports(), r.peer()))
                        .distinct()
                        .count();
            }
        }
        return n;
    }

    private static String key(Network network, String name) {
        return network.stackName() + "/" + name;
    }

    /** An ID for a resource this writer defines; refused when another resource already has it. */
    private String claim(String prefix, String key) {
        String id = id(prefix, key);
        String before = claimed.putIfAbsent(id, key);
        if (before != null) {
            throw new IllegalArgumentException(
                    "two resources would both be " + id + " (" + key + "): resource names must "
                            + "be unique in a network of their kind, and stack names across the networks");
        }
        return id;
    }

    /** A network's interfaces and addresses; every ID its files define is claimed here, before any file is written. */
    private Vpc vpc(Network n) {
        String scope = n.stackName();
        String id = claim("vpc", scope);
        claim("igw", scope);
        claim("rtb", scope + "/#main");
        claim("acl", scope + "/#default");
        n.subnets().forEach(s -> claim("subnet", key(n, s.name())));
        n.routeTables().forEach(t -> claim("rtb", key(n, t.name())));
        n.networkAcls().forEach(a -> claim("acl", key(n, a.name())));
        n.securityGroups().forEach(g -> claim("sg", key(n, g.name())));
        if (n.securityGroup("default").isEmpty()) {
            claim("sg", key(n, "default"));
        }
        n.nats().stream().filter(x -> !(x instanceof Nat.Instance)).forEach(x -> claim("nat", key(n, x.name())));
        gatewayEndpoints(n).keySet().forEach(service -> claim("vpce", scope + "/#gateway/" + service));
        n.endpoints().stream()
                .filter(e -> e instanceof Endpoint.Interface)
                .forEach(e -> claim("vpce", scope + "/#interface/" + e.service()));
        // Private addresses in order from the fifth of each subnet (AWS keeps the first four), public ones in order.
        Map<String, Integer> used = new HashMap<>();
        List<Eni> enis = new ArrayList<>();
        Map<String, Eni> byName = new HashMap<>();
        for (Attachment a : n.attachments()) {
            Subnet subnet = n.subnet(a.subnetName()).orElse(null);
            String privateIp = "";
            if (subnet != null) {
                int i = used.merge(subnet.name(), 1, Integer::sum) - 1;
                long usable = Math.max(1, subnet.cidr().size() - 5);
                privateIp = address(subnet.cidr().block().getValue().longValue() + 4 + i % usable);
            }
            Optional<String> publicIp =
                    a.publicIp() ? Optional.of(address(FIRST_PUBLIC_IP + publicIps++)) : Optional.empty();
            Eni e = new Eni(a, claim("eni", key(n, a.name())), subnet, privateIp, publicIp);
            if (isInstance(a)) {
                claim("i", key(n, a.name()));
            }
            enis.add(e);
            byName.putIfAbsent(a.name(), e);
        }
        return new Vpc(n, scope, id, enis, byName);
    }

    private String ref(Vpc v, String prefix, String name) {
        return id(prefix, v.scope() + "/" + name);
    }

    // -----------------------------------------------------------------------------------------------------------------
    // The files.

    private void files(Function<String, Writer> open) {
        file(open, "vpcs.json", "Vpcs", this::vpcItems);
        file(open, "subnets.json", "Subnets", this::subnets);
        file(open, "internet-gateways.json", "InternetGateways", this::internetGateways);
        file(open, "nat-gateways.json", "NatGateways", this::natGateways);
        file(open, "route-tables.json", "RouteTables", this::routeTables);
        file(open, "security-groups.json", "SecurityGroups", this::securityGroups);
        file(open, "network-acls.json", "NetworkAcls", this::networkAcls);
        file(open, "vpc-endpoints.json", "VpcEndpoints", this::endpoints);
        file(open, "network-interfaces.json", "NetworkInterfaces", this::networkInterfaces);
        List<ObjectNode> peerings = peerings();
        file(
                open,
                "vpc-peering-connections.json",
                "VpcPeeringConnections",
                v -> v == vpcs.getFirst() ? peerings : List.of());
    }

    /** One file: {@code {"Key": [items of every VPC]}}, streamed one VPC at a time so large accounts fit in memory. */
    private void file(Function<String, Writer> open, String name, String key, Function<Vpc, List<ObjectNode>> items) {
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(open.apply(name))) {
            g.setPrettyPrinter(PRINTER.createInstance());
            g.writeStartObject();
            g.writeArrayFieldStart(key);
            for (Vpc v : vpcs) {
                for (ObjectNode item : items.apply(v)) {
                    g.writeTree(item);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<ObjectNode> vpcItems(Vpc v) {
        Network n = v.network();
        ObjectNode o = obj().put("CidrBlock", n.vpc().cidr().toString())
                .put("DhcpOptionsId", id("dopt", ACCOUNT))
                .put("State", "available")
                .put("VpcId", v.id())
                .put("OwnerId", ACCOUNT)
                .put("InstanceTenancy", "default");
        o.putArray("CidrBlockAssociationSet")
                .add(obj().put("AssociationId", id("vpc-cidr-assoc", v.scope()))
                        .put("CidrBlock", n.vpc().cidr().toString())
                        .set("CidrBlockState", obj().put("State", "associated")));
        o.put("IsDefault", false);
        o.set("Tags", tags(Map.of("Name", n.stackName(), "Environment", "prod")));
        return List.of(o);
    }

    private List<ObjectNode> subnets(Vpc v) {
        Network n = v.network();
        Map<String, Integer> attached = new HashMap<>();
        v.enis().forEach(e -> attached.merge(e.attachment().subnetName(), 1, Integer::sum));
        List<ObjectNode> out = new ArrayList<>();
        for (Subnet s : n.subnets()) {
            String id = ref(v, "subnet", s.name());
            out.add(obj().put("AvailabilityZone", s.az().nameIn(n.region()))
                    .put("AvailableIpAddressCount", Math.max(0, s.usableIps() - attached.getOrDefault(s.name(), 0)))
                    .put("CidrBlock", s.cidr().toString())
                    .put("DefaultForAz", false)
                    .put("MapPublicIpOnLaunch", s.tier() == Tier.PUBLIC)
                    .put("State", "available")
                    .put("SubnetId", id)
                    .put("VpcId", v.id())
                    .put("OwnerId", ACCOUNT)
                    .put("AssignIpv6AddressOnCreation", false)
                    .<ObjectNode>set("Ipv6CidrBlockAssociationSet", JSON.arrayNode())
                    .<ObjectNode>set("Tags", tags(Map.of("Name", s.name())))
                    .put("SubnetArn", "arn:aws:ec2:" + n.region() + ":" + ACCOUNT + ":subnet/" + id));
        }
        return out;
    }

    private List<ObjectNode> internetGateways(Vpc v) {
        if (!v.network().internetGateway()) {
            return List.of();
        }
        ObjectNode o = obj();
        o.putArray("Attachments").add(obj().put("State", "available").put("VpcId", v.id()));
        o.put("InternetGatewayId", id("igw", v.scope()))
                .put("OwnerId", ACCOUNT)
                .set("Tags", tags(Map.of("Name", v.scope())));
        return List.of(o);
    }

    private List<ObjectNode> natGateways(Vpc v) {
        List<ObjectNode> out = new ArrayList<>();
        for (Nat nat : v.network().nats()) {
            if (nat instanceof Nat.Instance) {
                continue; // an instance: its interface is in network-interfaces.json
            }
            String id = ref(v, "nat", nat.name());
            // The gateway's interface is the attachment of its name; a private gateway has no public address.
            Optional<Eni> eni = Optional.ofNullable(v.eniByName().get(nat.name()))
                    .filter(e -> e.attachment().kind() == Attachment.Kind.NAT_GATEWAY);
            boolean isPublic = eni.map(e -> e.attachment().publicIp()).orElse(true);
            ObjectNode o = obj();
            ArrayNode addresses = o.putArray("NatGatewayAddresses");
            eni.ifPresent(e -> {
                ObjectNode a = obj();
                e.publicIp().ifPresent(ip -> a.put("AllocationId", id("eipalloc", e.id())));
                a.put("NetworkInterfaceId", e.id()).put("PrivateIp", e.privateIp());
                e.publicIp().ifPresent(ip -> a.put("PublicIp", ip).put("AssociationId", id("eipassoc", e.id())));
                addresses.add(a.put("IsPrimary", true).put("Status", "succeeded"));
            });
            o.put("NatGatewayId", id).put("State", "available");
            if (nat instanceof Nat.Gateway g) {
                o.put("SubnetId", ref(v, "subnet", g.subnetName()));
            } else {
                o.put("AvailabilityMode", "regional");
            }
            o.put("VpcId", v.id()).set("Tags", tags(Map.of("Name", nat.name())));
            o.put("ConnectivityType", isPublic ? "public" : "private");
            out.add(o);
        }
        return out;
    }

    private List<ObjectNode> routeTables(Vpc v) {
        Network n = v.network();
        List<ObjectNode> out = new ArrayList<>();
        // The main table: AWS makes it with the VPC; subnets the model puts in no table use it, as the engine assumes.
        String mainId = id("rtb", v.scope() + "/#main");
        ObjectNode main = obj();
        main.putArray("Associations")
                .add(obj().put("Main", true)
                        .put("RouteTableAssociationId", id("rtbassoc", mainId))
                        .put("RouteTableId", mainId)
                        .set("AssociationState", obj().put("State", "associated")));
        main.set("PropagatingVgws", JSON.arrayNode());
        main.put("RouteTableId", mainId);
        main.putArray("Routes").add(localRoute(n.vpc().cidr()));
        out.add(main.<ObjectNode>set("Tags", JSON.arrayNode())
                .put("VpcId", v.id())
                .put("OwnerId", ACCOUNT));

        Set<String> associated = new LinkedHashSet<>();
        for (RouteTable t : n.routeTables()) {
            String id = ref(v, "rtb", t.name());
            ObjectNode o = obj();
            ArrayNode associations = o.putArray("Associations");
            for (String s : t.subnetNames()) {
                // A subnet has one table in AWS; the engine, like this, takes the first that lists it.
                if (associated.add(s)) {
                    String subnetId = ref(v, "subnet", s);
                    associations.add(obj().put("Main", false)
                            .put("RouteTableAssociationId", id("rtbassoc", id + "/" + subnetId))
                            .put("RouteTableId", id)
                            .put("SubnetId", subnetId)
                            .set("AssociationState", obj().put("State", "associated")));
                }
            }
            o.set("PropagatingVgws", JSON.arrayNode());
            o.put("RouteTableId", id);
            ArrayNode routes = o.putArray("Routes");
            if (t.routes().stream().noneMatch(r -> r.target() instanceof RouteTarget.Local)) {
                routes.add(localRoute(n.vpc().cidr()));
            }
            t.routes().forEach(r -> routes.add(route(v, r)));
            out.add(o.<ObjectNode>set("Tags", tags(Map.of("Name", t.name())))
                    .put("VpcId", v.id())
                    .put("OwnerId", ACCOUNT));
        }
        return out;
    }

    private static ObjectNode localRoute(Cidr vpc) {
        return obj().put("DestinationCidrBlock", vpc.toString())
                .put("GatewayId", "local")
                .put("Origin", "CreateRouteTable")
                .put("State", "active");
    }

    private ObjectNode route(Vpc v, Route r) {
        ObjectNode o = obj();
        switch (r.destination()) {
            case RouteDestination.Block b ->
                o.put("DestinationCidrBlock", b.cidr().toString());
            case RouteDestination.PrefixList p -> o.put("DestinationPrefixListId", prefixList(v, p.service()));
        }
        String state = "active";
        switch (r.target()) {
            case RouteTarget.Local l -> o.put("GatewayId", "local");
            case RouteTarget.InternetGateway g -> o.put("GatewayId", id("igw", v.scope()));
            case RouteTarget.NatGateway g -> o.put("NatGatewayId", ref(v, "nat", g.natName()));
            case RouteTarget.NatInstance i ->
                o.put("InstanceId", ref(v, "i", i.natName()))
                        .put("InstanceOwnerId", ACCOUNT)
                        .put("NetworkInterfaceId", ref(v, "eni", i.natName()));
            case RouteTarget.GatewayEndpoint e -> o.put("GatewayId", gatewayEndpoint(v, e.service()));
            case RouteTarget.Peering p -> o.put("VpcPeeringConnectionId", peering(p.peeringId()));
            case RouteTarget.TransitGateway t ->
                o.put(
                        "TransitGatewayId",
                        t.transitGatewayId().startsWith("tgw-")
                                ? t.transitGatewayId()
                                : id("tgw", t.transitGatewayId()));
            case RouteTarget.Unresolved u -> state = "blackhole"; // a route whose target is gone
        }
        return o.put("Origin", r.target() instanceof RouteTarget.Local ? "CreateRouteTable" : "CreateRoute")
                .put("State", state);
    }

    private List<ObjectNode> securityGroups(Vpc v) {
        Network n = v.network();
        List<ObjectNode> out = new ArrayList<>();
        // AWS makes a group named default with every VPC; it has no rules here, and nothing uses it.
        if (n.securityGroup("default").isEmpty()) {
            out.add(group(
                    v,
                    new SecurityGroup(
                            "default", SecurityGroup.Role.OTHER, "default VPC security group", List.of(), List.of())));
        }
        n.securityGroups().forEach(g -> out.add(group(v, g)));
        return out;
    }

    private ObjectNode group(Vpc v, SecurityGroup g) {
        String id = ref(v, "sg", g.name());
        ObjectNode o = obj().put("Description", g.description().isEmpty() ? g.name() : g.description())
                .put("GroupName", g.name());
        o.set("IpPermissions", permissions(v, g.ingress()));
        o.put("OwnerId", ACCOUNT).put("GroupId", id);
        o.set("IpPermissionsEgress", permissions(v, g.egress()));
        return o.put("VpcId", v.id());
    }

    /**
     * Rules as AWS lists them: one item per protocol and port range, with every peer it admits. AWS refuses a rule
     * that another of the group already is (same protocol, ports and peer), so a repeat is left out.
     */
    private ArrayNode permissions(Vpc v, List<SecurityGroupRule> rules) {
        record Key(Protocol protocol, PortRange ports) {}
        Map<Key, List<SecurityGroupRule>> byPorts = new LinkedHashMap<>();
        Set<List<Object>> seen = new HashSet<>();
        for (SecurityGroupRule r : rules) {
            if (seen.add(List.of(r.protocol(), r.ports(), r.peer()))) {
                byPorts.computeIfAbsent(new Key(r.protocol(), r.ports()), k -> new ArrayList<>())
                        .add(r);
            }
        }
        ArrayNode out = JSON.arrayNode();
        byPorts.forEach((k, list) -> {
            ObjectNode p = obj();
            boolean ports = k.protocol() != Protocol.ALL;
            // ICMP's "ports" are type and code; all of them is -1.
            boolean allIcmp = k.protocol() == Protocol.ICMP && k.ports().equals(PortRange.ALL);
            if (ports) {
                p.put("FromPort", allIcmp ? -1 : k.ports().from());
            }
            p.put(
                    "IpProtocol",
                    k.protocol() == Protocol.ALL ? "-1" : k.protocol().id());
            ArrayNode ranges = p.putArray("IpRanges");
            p.set("Ipv6Ranges", JSON.arrayNode());
            ArrayNode prefixLists = p.putArray("PrefixListIds");
            if (ports) {
                p.put("ToPort", allIcmp ? -1 : k.ports().to());
            }
            ArrayNode pairs = p.putArray("UserIdGroupPairs");
            for (SecurityGroupRule r : list) {
                ObjectNode peer = obj();
                switch (r.peer()) {
                    case Peer.Block b -> ranges.add(peer.put("CidrIp", b.cidr().toString()));
                    case Peer.PrefixList l -> prefixLists.add(peer.put("PrefixListId", prefixList(v, l.service())));
                    case Peer.Group g ->
                        pairs.add(
                                peer.put("GroupId", ref(v, "sg", g.groupName())).put("UserId", ACCOUNT));
                    case Peer.OtherVpcGroup o ->
                        pairs.add(peer.put("GroupId", o.groupName())
                                .put("UserId", ACCOUNT)
                                .put("VpcId", o.vpc()));
                }
                if (!r.description().isEmpty()) {
                    peer.put("Description", r.description());
                }
            }
            out.add(p);
        });
        return out;
    }

    private List<ObjectNode> networkAcls(Vpc v) {
        Network n = v.network();
        List<ObjectNode> out = new ArrayList<>();
        // A subnet has one ACL in AWS; the engine, like this, takes the first that lists it. The rest use the default.
        Map<String, String> aclOf = new HashMap<>();
        n.networkAcls().forEach(a -> a.subnetNames().forEach(s -> aclOf.putIfAbsent(s, a.name())));
        List<String> rest = n.subnets().stream()
                .map(Subnet::name)
                .filter(s -> !aclOf.containsKey(s))
                .toList();
        List<NetworkAcl.Entry> allowAll = List.of(
                new NetworkAcl.Entry(100, true, true, Protocol.ALL, PortRange.ALL, Cidr.ANYWHERE, ""),
                new NetworkAcl.Entry(100, false, true, Protocol.ALL, PortRange.ALL, Cidr.ANYWHERE, ""));
        out.add(acl(v, id("acl", v.scope() + "/#default"), true, rest, allowAll, Map.of()));
        for (NetworkAcl a : n.networkAcls()) {
            List<String> members = a.subnetNames().stream()
                    .filter(s -> a.name().equals(aclOf.get(s)))
                    .toList();
            out.add(acl(v, ref(v, "acl", a.name()), false, members, a.entries(), Map.of("Name", a.name())));
        }
        return out;
    }

    private ObjectNode acl(
            Vpc v,
            String id,
            boolean isDefault,
            List<String> subnets,
            List<NetworkAcl.Entry> entries,
            Map<String, String> tags) {
        ObjectNode o = obj();
        ArrayNode associations = o.putArray("Associations");
        for (String s : subnets) {
            String subnetId = ref(v, "subnet", s);
            associations.add(obj().put("NetworkAclAssociationId", id("aclassoc", id + "/" + subnetId))
                    .put("NetworkAclId", id)
                    .put("SubnetId", subnetId));
        }
        ArrayNode out = o.putArray("Entries");
        // Outbound entries first, each direction by rule number and ending in the deny-all that AWS shows as 32767.
        for (boolean egress : List.of(true, false)) {
            List<NetworkAcl.Entry> list = entries.stream()
                    .filter(e -> e.egress() == egress)
                    .sorted(Comparator.comparingInt(NetworkAcl.Entry::ruleNumber))
                    .toList();
            list.forEach(e -> out.add(entry(e)));
            if (list.stream().noneMatch(e -> e.ruleNumber() == 32767)) {
                out.add(entry(
                        new NetworkAcl.Entry(32767, egress, false, Protocol.ALL, PortRange.ALL, Cidr.ANYWHERE, "")));
            }
        }
        o.put("IsDefault", isDefault).put("NetworkAclId", id).set("Tags", tags(tags));
        return o.put("VpcId", v.id()).put("OwnerId", ACCOUNT);
    }

    private static ObjectNode entry(NetworkAcl.Entry e) {
        ObjectNode o = obj().put("CidrBlock", e.cidr().toString()).put("Egress", e.egress());
        if (e.protocol() == Protocol.ICMP) {
            o.set("IcmpTypeCode", obj().put("Code", -1).put("Type", -1));
        }
        if (e.protocol() == Protocol.TCP || e.protocol() == Protocol.UDP) {
            o.set(
                    "PortRange",
                    obj().put("From", e.ports().from()).put("To", e.ports().to()));
        }
        return o.put("Protocol", e.protocol().number())
                .put("RuleAction", e.allow() ? "allow" : "deny")
                .put("RuleNumber", e.ruleNumber());
    }

    /** Gateway endpoints by service: the model's, with the tables whose routes use them (a route may name a service alone). */
    private static Map<String, Set<String>> gatewayEndpoints(Network n) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Endpoint e : n.endpoints()) {
            if (e instanceof Endpoint.Gateway g) {
                out.computeIfAbsent(g.service(), k -> new LinkedHashSet<>()).addAll(g.routeTableNames());
            }
        }
        for (RouteTable t : n.routeTables()) {
            for (Route r : t.routes()) {
                if (r.target() instanceof RouteTarget.GatewayEndpoint e) {
                    out.computeIfAbsent(e.service(), k -> new LinkedHashSet<>()).add(t.name());
                }
            }
        }
        return out;
    }

    private List<ObjectNode> endpoints(Vpc v) {
        Network n = v.network();
        List<ObjectNode> out = new ArrayList<>();
        gatewayEndpoints(n).forEach((service, tables) -> {
            ObjectNode o = endpoint(v, gatewayEndpoint(v, service), "Gateway", service);
            ArrayNode ids = o.putArray("RouteTableIds");
            tables.forEach(t -> ids.add(ref(v, "rtb", t)));
            o.set("SubnetIds", JSON.arrayNode());
            o.set("Groups", JSON.arrayNode());
            o.put("PrivateDnsEnabled", false).put("RequesterManaged", false);
            o.set("NetworkInterfaceIds", JSON.arrayNode());
            out.add(o.put("OwnerId", ACCOUNT));
        });
        for (Endpoint e : n.endpoints()) {
            if (e instanceof Endpoint.Interface i) {
                String id = id("vpce", v.scope() + "/#interface/" + i.service());
                ObjectNode o = endpoint(v, id, "Interface", i.service());
                o.set("RouteTableIds", JSON.arrayNode());
                ArrayNode subnets = o.putArray("SubnetIds");
                i.subnetNames().forEach(s -> subnets.add(ref(v, "subnet", s)));
                ArrayNode groups = o.putArray("Groups");
                if (!i.securityGroupName().isEmpty()) {
                    groups.add(obj().put("GroupId", ref(v, "sg", i.securityGroupName()))
                            .put("GroupName", i.securityGroupName()));
                }
                o.put("PrivateDnsEnabled", true).put("RequesterManaged", false);
                ArrayNode enis = o.putArray("NetworkInterfaceIds");
                endpointEnis(v, i).forEach(x -> enis.add(x.id()));
                out.add(o.put("OwnerId", ACCOUNT));
            }
        }
        return out;
    }

    private ObjectNode endpoint(Vpc v, String id, String type, String service) {
        return obj().put("VpcEndpointId", id)
                .put("VpcEndpointType", type)
                .put("VpcId", v.id())
                .put("ServiceName", "com.amazonaws." + v.region() + "." + service)
                .put("State", "available")
                .put("PolicyDocument", ALLOW_ALL_POLICY);
    }

    /** The endpoint attachments that belong to an interface endpoint: in its subnets, with its group. */
    private static List<Eni> endpointEnis(Vpc v, Endpoint.Interface i) {
        return v.enis().stream()
                .filter(e -> e.attachment().kind() == Attachment.Kind.ENDPOINT
                        && i.subnetNames().contains(e.attachment().subnetName())
                        && (i.securityGroupName().isEmpty()
                                || e.attachment().securityGroupNames().contains(i.securityGroupName())))
                .toList();
    }

    private List<ObjectNode> networkInterfaces(Vpc v) {
        Map<String, String> endpointOf = new HashMap<>();
        for (Endpoint e : v.network().endpoints()) {
            if (e instanceof Endpoint.Interface i) {
                endpointEnis(v, i)
                        .forEach(x ->
                                endpointOf.putIfAbsent(x.id(), id("vpce", v.scope() + "/#interface/" + i.service())));
            }
        }
        List<ObjectNode> out = new ArrayList<>();
        for (Eni e : v.enis()) {
            out.add(networkInterface(v, e, endpointOf.get(e.id())));
        }
        return out;
    }

    /** One interface, with what the reader tells its kind by: description, interface type, instance attachment. */
    private ObjectNode networkInterface(Vpc v, Eni e, @Nullable String endpointId) {
        Attachment a = e.attachment();
        String region = v.region();
        String firstGroup = a.securityGroupNames().isEmpty()
                ? a.name()
                : a.securityGroupNames().getFirst();
        String hash = e.id().substring(5);
        String type = "interface";
        String description = "";
        String requester = null;
        String instanceOwner = null;
        boolean instance = false;
        switch (a.kind()) {
            case LOAD_BALANCER -> {
                description = "ELB app/" + truncate(firstGroup, 32) + "/"
                        + id("elb", v.scope() + "/" + firstGroup).substring(5);
                requester = instanceOwner = "amazon-elb";
            }
            case DATABASE -> {
                description = "RDSNetworkInterface";
                requester = instanceOwner = "amazon-rds";
            }
            case TASK -> description = "arn:aws:ecs:" + region + ":" + ACCOUNT + ":attachment/" + uuid(hash);
            case FUNCTION -> {
                type = "lambda";
                description = "AWS Lambda VPC ENI-" + truncate(firstGroup, 64) + "-" + uuid(hash);
            }
            case VPC_LINK -> {
                type = "api_gateway_managed";
                description = "ENI managed by APIGateway";
            }
            case NAT_GATEWAY -> {
                type = "nat_gateway";
                description = "Interface for NAT Gateway " + ref(v, "nat", a.name());
            }
            case ENDPOINT -> {
                type = "vpc_endpoint";
                description = "VPC Endpoint Interface" + (endpointId == null ? "" : " " + endpointId);
            }
            case INSTANCE, BASTION, NAT_INSTANCE -> instance = true; // what the reader tells an instance by: its ID
            case OTHER -> {}
        }
        boolean managed = !instance && a.kind() != Attachment.Kind.OTHER;
        ObjectNode o = obj();
        e.publicIp().ifPresent(ip -> o.set("Association", association(region, ip)));
        if (instance) {
            o.set(
                    "Attachment",
                    obj().put("AttachmentId", id("eni-attach", e.id()))
                            .put("DeleteOnTermination", true)
                            .put("DeviceIndex", 0)
                            .put("InstanceId", ref(v, "i", a.name()))
                            .put("InstanceOwnerId", ACCOUNT)
                            .put("NetworkCardIndex", 0)
                            .put("Status", "attached"));
        } else if (managed && a.kind() != Attachment.Kind.NAT_GATEWAY && a.kind() != Attachment.Kind.ENDPOINT) {
            ObjectNode attachment = obj().put("AttachmentId", id("eni-attach", e.id()))
                    .put("DeleteOnTermination", false)
                    .put("DeviceIndex", 1);
            if (instanceOwner != null) {
                attachment.put("InstanceOwnerId", instanceOwner);
            }
            o.set("Attachment", attachment.put("NetworkCardIndex", 0).put("Status", "attached"));
        }
        o.put(
                        "AvailabilityZone",
                        e.subnet() == null ? region + "a" : e.subnet().az().nameIn(region))
                .put("Description", description);
        ArrayNode groups = o.putArray("Groups");
        for (String g : a.securityGroupNames()) {
            groups.add(obj().put("GroupId", ref(v, "sg", g)).put("GroupName", g));
        }
        o.put("InterfaceType", type).set("Ipv6Addresses", JSON.arrayNode());
        o.put(
                "MacAddress",
                "02:"
                        + String.join(
                                ":",
                                hash.substring(0, 2),
                                hash.substring(2, 4),
                                hash.substring(4, 6),
                                hash.substring(6, 8),
                                hash.substring(8, 10)));
        o.put("NetworkInterfaceId", e.id())
                .put("OwnerId", ACCOUNT)
                .put("PrivateDnsName", privateDns(region, e.privateIp()))
                .put("PrivateIpAddress", e.privateIp());
        ObjectNode primary = obj();
        e.publicIp().ifPresent(ip -> primary.set("Association", association(region, ip)));
        primary.put("Primary", true)
                .put("PrivateDnsName", privateDns(region, e.privateIp()))
                .put("PrivateIpAddress", e.privateIp());
        o.putArray("PrivateIpAddresses").add(primary);
        if (requester != null) {
            o.put("RequesterId", requester);
        }
        o.put("RequesterManaged", managed)
                .put("SourceDestCheck", a.kind() != Attachment.Kind.NAT_INSTANCE)
                .put("Status", a.kind() == Attachment.Kind.OTHER ? "available" : "in-use")
                .put("SubnetId", ref(v, "subnet", a.subnetName()));
        o.set("TagSet", JSON.arrayNode());
        return o.put("VpcId", v.id());
    }

    /**
     * Peering connections the routes use, so the reader names them as the model does (by their Name tag); the first
     * two VPCs whose routes use one are its requester and accepter.
     */
    private List<ObjectNode> peerings() {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, List<Vpc>> ends = new HashMap<>();
        for (Vpc v : vpcs) {
            for (RouteTable t : v.network().routeTables()) {
                for (Route r : t.routes()) {
                    if (r.target() instanceof RouteTarget.Peering p) {
                        names.putIfAbsent(peering(p.peeringId()), p.peeringId());
                        List<Vpc> at = ends.computeIfAbsent(peering(p.peeringId()), k -> new ArrayList<>());
                        if (at.stream().noneMatch(x -> x == v)) {
                            at.add(v);
                        }
                    }
                }
            }
        }
        List<ObjectNode> items = new ArrayList<>();
        names.forEach((id, name) -> {
            ObjectNode o = obj();
            List<Vpc> both = ends.getOrDefault(id, List.of());
            if (both.size() == 2) {
                o.set("AccepterVpcInfo", vpcInfo(both.get(1)));
                o.set("RequesterVpcInfo", vpcInfo(both.get(0)));
            }
            o.set("Status", obj().put("Code", "active").put("Message", "Active"));
            o.set("Tags", tags(Map.of("Name", name)));
            items.add(o.put("VpcPeeringConnectionId", id));
        });
        return items;
    }

    private static ObjectNode vpcInfo(Vpc v) {
        return obj().put("CidrBlock", v.network().vpc().cidr().toString())
                .put("OwnerId", ACCOUNT)
                .put("VpcId", v.id())
                .put("Region", v.region());
    }

    private static boolean isInstance(Attachment a) {
        return a.kind() == Attachment.Kind.INSTANCE
                || a.kind() == Attachment.Kind.BASTION
                || a.kind() == Attachment.Kind.NAT_INSTANCE;
    }

    private static String peering(String name) {
        return name.startsWith("pcx-") ? name : id("pcx", name);
    }

    private static String prefixList(Vpc v, String service) {
        return id("pl", v.region() + "/" + service);
    }

    private static String gatewayEndpoint(Vpc v, String service) {
        return id("vpce", v.scope() + "/#gateway/" + service);
    }

    private static ObjectNode association(String region, String ip) {
        String host = "ec2-" + ip.replace('.', '-')
                + (region.equals("us-east-1") ? ".compute-1.amazonaws.com" : "." + region + ".compute.amazonaws.com");
        return obj().put("IpOwnerId", "amazon").put("PublicDnsName", host).put("PublicIp", ip);
    }

    private static String privateDns(String region, String ip) {
        return ip.isEmpty()
                ? ""
                : "ip-" + ip.replace('.', '-')
                        + (region.equals("us-east-1") ? ".ec2.internal" : "." + region + ".compute.internal");
    }

    private static ArrayNode tags(Map<String, String> tags) {
        ArrayNode out = JSON.arrayNode();
        new TreeMap<>(tags).forEach((k, v) -> out.add(obj().put("Key", k).put("Value", v)));
        return out;
    }

    private static ObjectNode obj() {
        return JSON.objectNode();
    }

    private static String uuid(String hex16) {
        String h = (hex16 + hex16).substring(0, 32);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
                + "-" + h.substring(20);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static String address(long value) {
        return (value >>> 24 & 255) + "." + (value >>> 16 & 255) + "." + (value >>> 8 & 255) + "." + (value & 255);
    }
}
