package dev.stackwright.importer;

import dev.stackwright.model.Attachment;
import dev.stackwright.model.Az;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.DualStack;
import dev.stackwright.model.Endpoint;
import dev.stackwright.model.FlowLogs;
import dev.stackwright.model.LoadBalancer;
import dev.stackwright.model.Nat;
import dev.stackwright.model.Network;
import dev.stackwright.model.NetworkAcl;
import dev.stackwright.model.Peer;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteDestination;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.RouteTarget;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.model.Subnet;
import dev.stackwright.model.Tier;
import dev.stackwright.model.TransitGateways;
import dev.stackwright.model.Vpc;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns an {@link Inventory} into one network per VPC: follows references (reporting the ones that lead nowhere),
 * falls back to the main route table, classifies subnet tiers by their routes (internet gateway: public; NAT: app;
 * neither: data) unless a {@code stackwright:tier} tag says, and infers each security group's role from what uses it
 * (an internet-facing load balancer: the front door; a task or function: app; a database: database).
 */
public final class Assembler {
    /** When one group is used by several kinds of resource, the role that the policy guards most wins. */
    private static final List<SecurityGroup.Role> PRIORITY = List.of(
            SecurityGroup.Role.DATABASE,
            SecurityGroup.Role.APP,
            SecurityGroup.Role.FRONT_DOOR,
            SecurityGroup.Role.BASTION,
            SecurityGroup.Role.NAT,
            SecurityGroup.Role.ENDPOINT);

    private final Inventory inv;
    private final String region;
    private final Findings findings;
    private final Map<String, Set<String>> remoteShellAdmitters;

    private Assembler(Inventory inv, String region, Findings findings) {
        this.inv = inv;
        this.remoteShellAdmitters = remoteShellAdmitters(inv);
        this.region = region;
        this.findings = findings;
    }

    /** The networks an inventory describes, with what could not be imported as findings. */
    public static Imported assemble(Inventory inv, String region, Findings findings) {
        Assembler a = new Assembler(inv, region, findings);
        a.thingsWithoutGroups();
        a.orphans();
        a.whatAwsRefuses();
        inv.groups.forEach(g -> a.groupsById.putIfAbsent(g.id(), g));
        List<Network> out = new ArrayList<>();
        for (Inventory.Vpc v : inv.vpcs) {
            out.add(a.network(v));
        }
        out.replaceAll(a::otherVpcGroupsByName);
        TransitGateways transit = a.transitGateways(out);
        return new Imported(out, findings.all(), a.places, transit);
    }

    /** Subnet names in the model by subnet ID, over every VPC, for transit gateway attachments. */
    private final Map<String, String> subnetNames = new HashMap<>();

    /**
     * The transit gateways, with attachments and route tables by the model's names for VPCs and subnets. A VPC
     * attachment to a VPC the input does not have is left out, with a finding.
     */
    private TransitGateways transitGateways(List<Network> networks) {
        Map<String, Network> byVpcId = new HashMap<>();
        for (int i = 0; i < inv.vpcs.size(); i++) {
            byVpcId.put(inv.vpcs.get(i).id(), networks.get(i));
        }
        Set<String> gateways = new java.util.TreeSet<>(inv.transitGateways);
        List<TransitGateways.Attachment> attachments = new ArrayList<>();
        for (Inventory.TgwAttachment t : inv.tgwAttachments) {
            gateways.add(t.gatewayId());
            t.peerGatewayId().ifPresent(gateways::add);
            Optional<Network> vpc = t.vpcId().map(byVpcId::get);
            if (t.kind() == TransitGateways.Kind.VPC && vpc.isEmpty()) {
                dangling(
                        t.where(),
                        "transit gateway attachment " + t.id(),
                        "VPC",
                        t.vpcId().orElse("(none)"));
                continue;
            }
            List<String> subnets = new ArrayList<>();
            for (String s : t.subnetIds()) {
                String name = subnetNames.get(s);
                if (name == null) {
                    dangling(t.where(), "transit gateway attachment " + t.id(), "subnet", s);
                } else {
                    subnets.add(name);
                }
            }
            // The VPC's IPv6 block, which the attachment propagates when it supports IPv6; unknown when
            // Amazon-provided.
            Optional<dev.stackwright.model.Ipv6Block> block6 =
                    vpc.flatMap(Network::ipv6).map(dev.stackwright.model.DualStack::vpcBlock);
            attachments.add(new TransitGateways.Attachment(
                    t.id(),
                    t.gatewayId(),
                    t.kind(),
                    vpc.map(Network::stackName),
                    vpc.map(n -> n.vpc().cidr()),
                    subnets,
                    t.peerGatewayId(),
                    block6.filter(b -> !b.standIn())
                            .map(b -> List.of(new dev.stackwright.model.IpPrefix(b.addresses())))
                            .orElse(List.of()),
                    block6.filter(dev.stackwright.model.Ipv6Block::standIn).isPresent(),
                    t.kind() == TransitGateways.Kind.VPC ? t.ipv6Support() : TransitGateways.Ipv6Support.NOT_IN_INPUT,
                    t.kind() == TransitGateways.Kind.VPC
                            ? t.sgReferencing()
                            : TransitGateways.SecurityGroupReferencing.NOT_IN_INPUT));
        }
        List<TransitGateways.RouteTable> tables = inv.tgwRouteTables.values().stream()
                .map(t -> new TransitGateways.RouteTable(
                        t.id(),
                        t.gatewayId(),
                        t.associations(),
                        t.propagations(),
                        t.routes().stream()
                                .map(r -> new TransitGateways.StaticRoute(r.destination(), r.attachmentId()))
                                .toList()))
                .toList();
        return new TransitGateways(
                gateways.stream()
                        .map(g -> new TransitGateways.Gateway(
                                g,
                                inv.tgwSgReferencing.getOrDefault(
                                        g, TransitGateways.SecurityGroupReferencing.NOT_IN_INPUT)))
                        .toList(),
                attachments,
                tables);
    }

    /** Where each named thing of the networks is in the input. */
    private final Map<String, dev.stackwright.diag.SourceLocation> places = new HashMap<>();

    private void place(String name, Inventory.Where where) {
        places.putIfAbsent(name, where.at());
    }

    /**
     * What AWS launches without security groups gets its VPC's default group. A database: CreateDBInstance's
     * VpcSecurityGroupIds says "Default: The default EC2 VPC security group for the DB subnet group's VPC"
     * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html). An instance: "If you don't
     * specify a security group when you launch an instance, the instance is launched into the appropriate default
     * security group" (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html). An ECS
     * task in awsvpc mode: "If you don't specify a security group, the default security group for the VPC is used"
     * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ecs-service-awsvpcconfiguration.html).
     * Databases without groups, and the things the input says name none ({@link Inventory#namesNoGroup}), get it.
     * When the input does not have that group (a template cannot declare it), it is added with the rules AWS creates
     * it with, and each such thing is said.
     */
    private void thingsWithoutGroups() {
        Map<String, String> vpcOfSubnet = new HashMap<>();
        inv.subnets.forEach(s -> vpcOfSubnet.put(s.id(), s.vpcId()));
        for (int i = 0; i < inv.things.size(); i++) {
            Inventory.Thing t = inv.things.get(i);
            boolean defaulted = t.kind() == Attachment.Kind.DATABASE || inv.namesNoGroup.contains(t.name());
            if (!defaulted || !t.groupIds().isEmpty()) {
                continue;
            }
            Optional<String> vpc = t.subnetIds().stream()
                    .map(vpcOfSubnet::get)
                    .filter(Objects::nonNull)
                    .findFirst();
            if (vpc.isEmpty()) {
                continue;
            }
            String group = inv.defaultGroups.get(vpc.get());
            if (group == null) {
                group = awsDefaultGroup(vpc.get(), t.where());
                inv.defaultGroups.put(vpc.get(), group);
            }
            if (group.equals(vpc.get() + AWS_DEFAULT_GROUP)) {
                findings.warn(
                        "default-group-assumed",
                        t.where().at(),
                        t.where().path(),
                        launched(t.kind()) + " " + t.name() + " has no security group, so AWS gives it the VPC's"
                                + " default group, which the input does not have; it is analysed with the rules AWS"
                                + " creates it with (all traffic from members of the group, all traffic out)",
                        null,
                        "give it a security group of its own, so what it admits is written in the input");
            }
            inv.things.set(
                    i,
                    new Inventory.Thing(
                            t.name(),
                            t.kind(),
                            t.subnetIds(),
                            List.of(group),
                            t.publicIp(),
                            t.keys(),
                            t.roleHint(),
                            t.port(),
                            t.instanceType(),
                            t.where()));
        }
    }

    /** What a thing without groups is, as its warning names it. */
    private static String launched(Attachment.Kind kind) {
        return switch (kind) {
            case DATABASE -> "database";
            case TASK -> "ECS service";
            case ENDPOINT -> "interface endpoint";
            case LOAD_BALANCER -> "load balancer";
            default -> "instance";
        };
    }

    /** The ID suffix of a VPC's default group the analysis adds because the input does not have it. */
    private static final String AWS_DEFAULT_GROUP = "/default";

    /**
     * A VPC's default security group as AWS creates it: inbound from members of the group itself, all outbound
     * (https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html).
     */
    private String awsDefaultGroup(String vpcId, Inventory.Where where) {
        String id = vpcId + AWS_DEFAULT_GROUP;
        inv.groups.add(new Inventory.Group(
                id,
                "default",
                vpcId,
                "default VPC security group",
                new ArrayList<>(List.of(new Inventory.Rule(
                        Protocol.ALL,
                        dev.stackwright.model.PortRange.ALL,
                        Inventory.PeerKind.GROUP,
                        id,
                        "AWS's default rule: members of the group",
                        where))),
                new ArrayList<>(List.of(new Inventory.Rule(
                        Protocol.ALL,
                        dev.stackwright.model.PortRange.ALL,
                        Inventory.PeerKind.CIDR,
                        "0.0.0.0/0",
                        "AWS's default egress rule",
                        where))),
                where));
        return id;
    }

    /** Resources that name a VPC the input does not have. */
    private void orphans() {
        Set<String> vpcs = new HashSet<>();
        inv.vpcs.forEach(v -> vpcs.add(v.id()));
        for (Inventory.Subnet s : inv.subnets) {
            if (!vpcs.contains(s.vpcId())) {
                dangling(s.where(), "subnet " + s.name(), "VPC", s.vpcId());
            }
        }
        for (Inventory.Group g : inv.groups) {
            if (!vpcs.contains(g.vpcId())) {
                dangling(g.where(), "security group " + g.name(), "VPC", g.vpcId());
            }
        }
        Set<String> subnets = new HashSet<>();
        inv.subnets.forEach(s -> subnets.add(s.id()));
        for (Inventory.Thing t : inv.things) {
            for (String s : t.subnetIds()) {
                if (!subnets.contains(s)) {
                    dangling(t.where(), t.name(), "subnet", s);
                }
            }
        }
    }

    /**
     * What AWS would not accept, so the input cannot be as it was deployed: a VPC block larger than a /16, and a
     * security group rule listed twice. Read anyway (the analysis still holds for what is written), and said.
     */
    private void whatAwsRefuses() {
        for (Inventory.Vpc v : inv.vpcs) {
            if (v.cidr().prefixLength() < 16) {
                findings.warn(
                        "vpc-too-large",
                        v.where().at(),
                        v.where().path(),
                        "VPC " + v.name() + " has a block larger " + "than AWS allows (a /16 at most)",
                        "`" + v.cidr() + "`",
                        "check the input: AWS would not create this VPC");
            }
        }
        for (Inventory.Group g : inv.groups) {
            duplicates(g, "ingress", g.ingress());
            duplicates(g, "egress", g.egress());
        }
    }

    private void duplicates(Inventory.Group g, String direction, List<Inventory.Rule> rules) {
        Set<List<Object>> seen = new HashSet<>();
        for (Inventory.Rule r : rules) {
            if (!seen.add(List.of(r.protocol(), r.ports(), r.peerKind(), r.peer()))) {
                findings.warn(
                        "duplicate-rule",
                        r.where().at(),
                        r.where().path(),
                        "security group " + g.name() + " lists the same " + direction + " rule twice",
                        r.protocol().id() + " " + r.ports() + " " + r.peer(),
                        "remove one: AWS refuses a duplicate rule (InvalidPermission.Duplicate), so a deploy of this fails");
            }
        }
    }

    private void dangling(Inventory.Where w, String what, String kind, String id) {
        if (inv.leftOut.contains(id)) {
            return;
        }
        findings.warn(
                "dangling-reference",
                w.at(),
                w.path(),
                what + " refers to " + kind + " " + id + ", which is not in the input; it is left out of the analysis",
                id,
                "add the " + kind + " to the input, or check the ID");
    }

    private Network network(Inventory.Vpc v) {
        Names names = new Names();
        Map<String, Inventory.Subnet> rawSubnets = new LinkedHashMap<>();
        Map<String, Subnet> subnets = new LinkedHashMap<>();
        inv.subnets.stream().filter(s -> s.vpcId().equals(v.id())).forEach(s -> rawSubnets.put(s.id(), s));

        // Route tables first: tiers come from their routes.
        Set<String> igws = new HashSet<>();
        inv.gatewayAttachments.stream().filter(g -> g.vpcId().equals(v.id())).forEach(g -> igws.add(g.gatewayId()));
        Map<String, Inventory.Thing> natThings = new LinkedHashMap<>();
        List<Inventory.RouteTable> tables = new ArrayList<>(
                inv.routeTables.stream().filter(t -> t.vpcId().equals(v.id())).toList());
        Map<String, String> tableOf = new HashMap<>();
        for (Inventory.RouteTable t : tables) {
            for (String s : t.subnetIds()) {
                if (!rawSubnets.containsKey(s)) {
                    dangling(t.where(), "route table " + t.name(), "subnet", s);
                } else if (tableOf.putIfAbsent(s, t.id()) != null) {
                    findings.warn(
                            "duplicate-association",
                            t.where().at(),
                            t.where().path(),
                            "subnet " + rawSubnets.get(s).name()
                                    + " is associated with more than one route table; the first one is used",
                            t.name(),
                            "associate each subnet with one route table");
                }
            }
        }
        Optional<Inventory.RouteTable> main =
                tables.stream().filter(Inventory.RouteTable::main).findFirst();
        List<String> unassociated = rawSubnets.keySet().stream()
                .filter(s -> !tableOf.containsKey(s))
                .toList();
        if (main.isEmpty() && !unassociated.isEmpty()) {
            // A template cannot declare the main table; it has only the local route unless changed outside the stack.
            Inventory.RouteTable implicit = new Inventory.RouteTable(
                    v.id() + "-main", "main", v.id(), true, List.of(), List.of(), Optional.empty(), v.where());
            tables.add(implicit);
            main = Optional.of(implicit);
        }
        for (String s : unassociated) {
            tableOf.put(s, main.orElseThrow().id());
        }

        Map<String, String> tableNames = new HashMap<>();
        Map<String, List<Route>> routesOf = new LinkedHashMap<>();
        Map<String, Tier> tierOf = new HashMap<>();
        for (Inventory.RouteTable t : tables) {
            tableNames.put(t.id(), names.claim(t.name(), t.id()));
            place(tableNames.get(t.id()), t.where());
            List<Route> routes = routes(v, t, igws, natThings);
            routesOf.put(t.id(), routes);
            RouteTable probe = new RouteTable("probe", Tier.DATA, routes, List.of());
            // IPv6 routes count too: to the internet gateway, public; to an egress-only gateway (IPv6's NAT), app.
            boolean igw6 = inv.ipv6Routes.stream()
                    .anyMatch(r -> r.routeTableId().equals(t.id())
                            && r.target() == DualStack.Target.INTERNET_GATEWAY
                            && igws.contains(r.targetId()));
            boolean eigw6 = inv.ipv6Routes.stream()
                    .anyMatch(r -> r.routeTableId().equals(t.id())
                            && r.target() == DualStack.Target.EGRESS_ONLY_INTERNET_GATEWAY);
            Tier byRoutes = probe.routesToInternetGateway() || igw6
                    ? Tier.PUBLIC
                    : probe.routesToNat() || eigw6 ? Tier.APP : Tier.DATA;
            tierOf.put(t.id(), t.tierTag().orElse(byRoutes));
        }

        for (Inventory.Subnet s : rawSubnets.values()) {
            // every subnet has a route table (the main one when none is associated), and every table a tier
            Tier tier = s.tierTag().orElse(Objects.requireNonNull(tierOf.get(tableOf.get(s.id()))));
            int az = s.az().orElseGet(() -> {
                findings.warn(
                        "unknown-zone",
                        s.where().at(),
                        s.where().path(),
                        "the availability zone of subnet " + s.name()
                                + " is not known; it is counted as the first zone",
                        null,
                        "give the zone as a name such as " + region + "a or with Fn::Select over Fn::GetAZs");
                return 0;
            });
            subnets.put(s.id(), new Subnet(names.claim(s.name(), s.id()), tier, new Az(az), s.cidr()));
            subnetNames.put(s.id(), subnets.get(s.id()).name());
            place(subnets.get(s.id()).name(), s.where());
        }

        List<RouteTable> routeTables = new ArrayList<>();
        for (Inventory.RouteTable t : tables) {
            List<String> members = rawSubnets.keySet().stream()
                    .filter(s -> t.id().equals(tableOf.get(s)))
                    .map(s -> Objects.requireNonNull(subnets.get(s)).name())
                    .toList();
            if (t.id().equals(v.id() + "-main") && members.isEmpty()) {
                continue;
            }
            routeTables.add(new RouteTable(
                    Objects.requireNonNull(tableNames.get(t.id())),
                    Objects.requireNonNull(tierOf.get(t.id())),
                    Objects.requireNonNull(routesOf.get(t.id())),
                    members));
        }

        // Security groups, with references to other groups by name.
        Map<String, String> groupNames = new LinkedHashMap<>();
        List<Inventory.Group> groups =
                inv.groups.stream().filter(g -> g.vpcId().equals(v.id())).toList();
        groups.forEach(g -> {
            groupNames.put(g.id(), names.claim(g.name(), g.id()));
            place(groupNames.get(g.id()), g.where());
        });
        groupNamesByVpc.put(v.id(), Map.copyOf(groupNames));
        inv.groups.stream()
                .filter(g -> !g.vpcId().equals(v.id()))
                .forEach(g -> groupNames.putIfAbsent(g.id(), g.name()));

        // Attachments.
        List<Attachment> attachments = new ArrayList<>();
        // The attachments each thing became, by its name and every key, for target groups naming their targets.
        Map<String, List<String>> attachmentsOf = new HashMap<>();
        List<Nat> nats = new ArrayList<>();
        Map<String, Set<SecurityGroup.Role>> votes = new LinkedHashMap<>();
        List<Integer> servicePorts = new ArrayList<>();
        List<Integer> databasePorts = new ArrayList<>();
        // An instance that shares a group with a NAT device is one too (a NAT instance in an Auto Scaling group
        // attaches the static interface the routes target).
        Set<String> natGroups = new HashSet<>();
        natThings.values().forEach(t -> natGroups.addAll(t.groupIds()));
        for (Inventory.Thing t : inv.things) {
            List<String> mine = t.subnetIds().stream()
                    .filter(subnets::containsKey)
                    .distinct()
                    .toList();
            if (mine.isEmpty()) {
                continue;
            }
            List<String> groupList = t.groupIds().stream()
                    .map(id -> groupName(id, groupNames, t.where(), t.name()))
                    .toList();
            boolean nat = natThings.containsKey(t.name());
            for (String sid : mine) {
                // mine holds only subnets of this VPC
                Subnet subnet = Objects.requireNonNull(subnets.get(sid));
                boolean publicIp = t.publicIp()
                        .orElse(Objects.requireNonNull(rawSubnets.get(sid)).mapPublicIp());
                Attachment.Kind kind = t.kind();
                if (nat
                        || (kind == Attachment.Kind.INSTANCE
                                && t.groupIds().stream().anyMatch(natGroups::contains))) {
                    kind = Attachment.Kind.NAT_INSTANCE;
                } else if (kind == Attachment.Kind.INSTANCE && bastion(t, subnet, publicIp, v.cidr())) {
                    kind = Attachment.Kind.BASTION;
                }
                String name = mine.size() == 1
                        ? names.claim(t.name(), t.name() + "#" + sid)
                        : names.claim(t.name() + "-" + subnet.name(), t.name() + "#" + sid);
                Attachment attachment = new Attachment(
                        name,
                        kind,
                        subnet.name(),
                        groupList,
                        publicIp,
                        t.keys().stream().filter(k -> !k.equals(name)).toList());
                attachments.add(attachment);
                attachmentsOf.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(name);
                t.keys()
                        .forEach(k -> attachmentsOf
                                .computeIfAbsent(k, x -> new ArrayList<>())
                                .add(name));
                place(name, t.where());
                if (nat) {
                    nats.add(new Nat.Instance(
                            name,
                            subnet.az(),
                            subnet.name(),
                            t.instanceType(),
                            groupList.isEmpty() ? "" : groupList.getFirst()));
                }
                // A load balancer seen only by its interfaces (no elbv2 output) is internet-facing when they have a
                // public address: the front door.
                Optional<SecurityGroup.Role> role = t.roleHint().or(attachment::fixedRole);
                role.ifPresent(r -> t.groupIds()
                        .forEach(g ->
                                votes.computeIfAbsent(g, k -> new TreeSet<>()).add(r)));
            }
            if (t.kind() == Attachment.Kind.TASK || t.kind() == Attachment.Kind.FUNCTION) {
                t.port().ifPresent(servicePorts::add);
            } else if (t.kind() == Attachment.Kind.DATABASE) {
                t.port().ifPresent(databasePorts::add);
            }
        }

        // NAT gateways and interface endpoints hold addresses too.
        for (Inventory.NatGateway g : inv.natGateways) {
            if (g.subnetId().isEmpty()) {
                if (g.vpcId().equals(v.id())) {
                    nats.add(new Nat.RegionalGateway(names.claim(g.name(), g.id())));
                }
                continue;
            }
            Subnet s = subnets.get(g.subnetId().get());
            if (s != null) {
                String name = names.claim(g.name(), g.id());
                nats.add(new Nat.Gateway(name, s.az(), s.name()));
                attachments.add(
                        new Attachment(name, Attachment.Kind.NAT_GATEWAY, s.name(), List.of(), !g.privateOnly()));
            }
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (Inventory.Endpoint e : inv.endpoints) {
            if (!e.vpcId().equals(v.id())) {
                continue;
            }
            if (e.gateway()) {
                endpoints.add(new Endpoint.Gateway(
                        e.service(),
                        e.routeTableIds().stream()
                                .filter(tableNames::containsKey)
                                .map(tableNames::get)
                                .toList()));
                continue;
            }
            List<String> groupList = e.groupIds().stream()
                    .map(id -> groupName(id, groupNames, e.where(), "endpoint " + e.service()))
                    .toList();
            List<String> in = e.subnetIds().stream()
                    .filter(subnets::containsKey)
                    .map(s -> Objects.requireNonNull(subnets.get(s)).name())
                    .toList();
            endpoints.add(new Endpoint.Interface(e.service(), in, groupList.isEmpty() ? "" : groupList.getFirst()));
            for (String s : in) {
                attachments.add(new Attachment(
                        names.claim(e.service() + "-endpoint-" + s, e.id() + "#" + s),
                        Attachment.Kind.ENDPOINT,
                        s,
                        groupList,
                        false));
            }
            e.groupIds()
                    .forEach(g -> votes.computeIfAbsent(g, k -> new TreeSet<>()).add(SecurityGroup.Role.ENDPOINT));
        }

        List<SecurityGroup> securityGroups = new ArrayList<>();
        for (Inventory.Group g : groups) {
            Set<SecurityGroup.Role> roles = votes.getOrDefault(g.id(), Set.of());
            SecurityGroup.Role role =
                    PRIORITY.stream().filter(roles::contains).findFirst().orElse(SecurityGroup.Role.OTHER);
            if (roles.size() > 1) {
                findings.warn(
                        "mixed-roles",
                        g.where().at(),
                        g.where().path(),
                        "security group " + g.name() + " is used by resources of several roles, so its rules admit"
                                + " for each what any of them needs; the policy still judges each member by its own"
                                + " role (a load balancer facing the internet as the front door, an instance as app, a"
                                + " database as the database), and others as "
                                + role.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        String.join(
                                ", ",
                                roles.stream()
                                        .map(r -> r.name().toLowerCase(Locale.ROOT))
                                        .toList()),
                        "give each role its own security group, so each admits only what that role needs");
            }
            securityGroups.add(new SecurityGroup(
                    Objects.requireNonNull(groupNames.get(g.id())),
                    role,
                    g.description(),
                    rules(g.ingress(), groupNames, g),
                    rules(g.egress(), groupNames, g)));
        }

        List<NetworkAcl> acls = new ArrayList<>();
        Map<String, String> aclNames = new HashMap<>();
        for (Inventory.Acl a : inv.acls) {
            if (!a.vpcId().equals(v.id())) {
                continue;
            }
            List<String> members = a.subnetIds().stream()
                    .filter(subnets::containsKey)
                    .map(s -> Objects.requireNonNull(subnets.get(s)).name())
                    .toList();
            Tier tier = members.stream()
                    .map(m -> subnetByName(subnets, m).tier())
                    .findFirst()
                    .orElse(Tier.DATA);
            acls.add(new NetworkAcl(names.claim(a.name(), a.id()), tier, a.entries(), members));
            aclNames.put(a.id(), acls.getLast().name());
            place(acls.getLast().name(), a.where());
        }

        int servicePort = servicePorts.stream().findFirst().orElseGet(() -> portBetweenRoles(securityGroups));
        int databasePort = databasePorts.stream().findFirst().orElse(0);
        Optional<FlowLogs> flowLogs = flowLogs(v, rawSubnets);
        List<Az> azs = new TreeSet<>(subnets.values().stream().map(Subnet::az).toList())
                .stream().toList();
        place(v.name(), v.where());
        // What AWS has, and nothing a spec would say: no environment, NAT mode or access mode is made up here.
        return new Network(
                region,
                v.name(),
                new Vpc(v.cidr(), v.dnsSupport(), v.dnsHostnames()),
                azs,
                List.copyOf(subnets.values()),
                routeTables,
                !igws.isEmpty(),
                nats,
                endpoints,
                securityGroups,
                acls,
                flowLogs,
                Optional.empty(),
                servicePort,
                databasePort,
                attachments,
                loadBalancers(subnets, attachmentsOf),
                dualStack(v, names, subnets, tableNames, igws, groupNames, aclNames, attachmentsOf),
                inv.omitted);
    }

    /**
     * The IPv6 side of a VPC that has an IPv6 block: its subnets' blocks, its egress-only gateways, the IPv6 routes of
     * its tables, the IPv6 rules of its groups and entries of its ACLs, and what the input says of interfaces'
     * addresses. A subnet whose block the input has but does not give (a template's Fn::Cidr over the VPC's
     * Amazon-provided block, when it cannot be worked out) gets a stand-in /64 of its own: present, where unknown.
     */
    private Optional<DualStack> dualStack(
            Inventory.Vpc v,
            Names names,
            Map<String, Subnet> subnets,
            Map<String, String> tableNames,
            Set<String> igws,
            Map<String, String> groupNames,
            Map<String, String> aclNames,
            Map<String, List<String>> attachmentsOf) {
        dev.stackwright.model.Ipv6Block vpcBlock = inv.vpcIpv6.get(v.id());
        Set<String> groupsHere = new HashSet<>();
        inv.groups.stream().filter(g -> g.vpcId().equals(v.id())).forEach(g -> groupsHere.add(g.id()));
        if (vpcBlock == null) {
            // Said once per VPC, at the first rule or route the user wrote (ACL entries carry no place of their own).
            List<Inventory.Where> places = new ArrayList<>();
            inv.ipv6Rules.stream()
                    .filter(r -> groupsHere.contains(r.groupId()))
                    .forEach(r -> places.add(r.rule().where()));
            inv.ipv6Routes.stream()
                    .filter(r -> tableNames.containsKey(r.routeTableId()))
                    .forEach(r -> places.add(r.where()));
            long entries = inv.ipv6AclEntries.stream()
                    .filter(e -> aclNames.containsKey(e.aclId()))
                    .count();
            boolean rules = inv.ipv6Rules.stream().anyMatch(r -> groupsHere.contains(r.groupId()));
            long all = places.size() + entries;
            if (all > 0) {
                Inventory.Where at = places.isEmpty() ? v.where() : places.getFirst();
                String what = places.isEmpty()
                        ? "its IPv6 network ACL entries apply to nothing and are left out"
                        : all == 1
                                ? "this IPv6 " + (rules ? "rule" : "route") + " applies to nothing and is left out"
                                : "this IPv6 " + (rules ? "rule" : "route") + " and " + (all - 1)
                                        + " more IPv6 rules, routes or ACL entries apply to nothing and are left out";
                findings.warn(
                        "ipv6-without-block",
                        at.at(),
                        at.path(),
                        "VPC " + v.name() + " has no IPv6 block, so no interface in it has an IPv6 address: " + what,
                        null,
                        "associate an IPv6 block with the VPC (AWS::EC2::VPCCidrBlock), or remove the IPv6 rules");
            }
            return Optional.empty();
        }
        List<DualStack.SubnetBlock> blocks = new ArrayList<>();
        int unknownSlot = 255; // stand-in /64s for blocks present but not given, from the top of the /56 down
        for (Map.Entry<String, Subnet> e : subnets.entrySet()) {
            Inventory.SubnetIpv6 b = inv.subnetIpv6.get(e.getKey());
            if (b == null) {
                continue;
            }
            dev.stackwright.model.Ipv6Block block;
            if (b.block().isPresent()) {
                block = b.block().get();
            } else {
                block = new dev.stackwright.model.Ipv6Block.VpcSlot(unknownSlot);
                unknownSlot = Math.max(0, unknownSlot - 1);
            }
            blocks.add(new DualStack.SubnetBlock(e.getValue().name(), block, b.assignOnCreation()));
        }
        Map<String, String> eigws = new LinkedHashMap<>();
        inv.egressOnlyGateways.stream()
                .filter(g -> g.vpcId().equals(v.id()))
                .forEach(g -> eigws.put(g.id(), names.claim(g.name(), g.id())));
        List<DualStack.Ipv6Route> routes = new ArrayList<>();
        for (Inventory.Ipv6Route r : inv.ipv6Routes) {
            String table = tableNames.get(r.routeTableId());
            if (table == null) {
                continue;
            }
            boolean known = switch (r.target()) {
                case INTERNET_GATEWAY -> igws.contains(r.targetId());
                case EGRESS_ONLY_INTERNET_GATEWAY -> eigws.containsKey(r.targetId());
                case PEERING, TRANSIT_GATEWAY, UNMODELLED -> true;
            };
            if (!known) {
                // A route to a gateway the VPC does not have carries nothing, as a blackhole route.
                dangling(r.where(), "route table " + table, r.target().describe(), r.targetId());
                continue;
            }
            if (r.target() == DualStack.Target.UNMODELLED) {
                findings.warn(
                        "ipv6-route-not-modelled",
                        r.where().at(),
                        r.where().path(),
                        "route table " + table + " sends " + r.destination() + " to " + r.targetId()
                                + ", which the analysis does not follow over IPv6; flows that take it are answered"
                                + " cannot tell",
                        r.targetId(),
                        "nothing to change: the answers that cross this route say that they cannot tell");
            }
            boolean link = r.target() == DualStack.Target.PEERING || r.target() == DualStack.Target.TRANSIT_GATEWAY;
            routes.add(new DualStack.Ipv6Route(
                    table,
                    r.destination(),
                    r.target(),
                    link ? inv.labels.getOrDefault(r.targetId(), r.targetId()) : ""));
        }
        List<DualStack.Ipv6Rule> rules = new ArrayList<>();
        for (Inventory.Ipv6Rule r : inv.ipv6Rules) {
            String group = groupNames.get(r.groupId());
            if (group == null || !groupsHere.contains(r.groupId())) {
                continue;
            }
            rules.add(new DualStack.Ipv6Rule(
                    group,
                    r.egress(),
                    r.rule().protocol(),
                    r.rule().ports(),
                    r.rule().peer(),
                    r.rule().description()));
        }
        List<DualStack.AclEntry> entries = new ArrayList<>();
        for (Inventory.Ipv6AclEntry e : inv.ipv6AclEntries) {
            String acl = aclNames.get(e.aclId());
            if (acl != null) {
                entries.add(new DualStack.AclEntry(
                        acl, e.ruleNumber(), e.egress(), e.allow(), e.protocol(), e.ports(), e.block(), ""));
            }
        }
        List<DualStack.Ipv6Interface> interfaces = new ArrayList<>();
        inv.thingIpv6.forEach((thing, v6) -> {
            for (String a : attachmentsOf.getOrDefault(thing, List.of())) {
                interfaces.add(new DualStack.Ipv6Interface(a, v6.hasAddress(), v6.addresses()));
            }
        });
        return Optional.of(
                new DualStack(vpcBlock, blocks, routes, List.copyOf(eigws.values()), rules, entries, interfaces));
    }

    /**
     * Whether a VPC's traffic is logged: a flow log on the VPC, or flow logs on every one of its subnets (a subnet's log
     * records every interface in it, so together they record all the VPC's traffic). Logs on some subnets or on single
     * interfaces record only part of it: the VPC counts as unlogged, and a warning says what is covered.
     * https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html
     */
    private Optional<FlowLogs> flowLogs(Inventory.Vpc v, Map<String, Inventory.Subnet> rawSubnets) {
        Optional<Inventory.FlowLog> onVpc =
                inv.flowLogs.stream().filter(f -> f.resourceId().equals(v.id())).findFirst();
        if (onVpc.isPresent()) {
            return Optional.of(new FlowLogs(onVpc.get().retentionDays()));
        }
        Set<String> vpcKeys = new HashSet<>();
        inv.things.stream()
                .filter(t -> t.subnetIds().stream().anyMatch(rawSubnets::containsKey))
                .forEach(t -> vpcKeys.addAll(t.keys()));
        List<Inventory.FlowLog> onSubnets = inv.flowLogs.stream()
                .filter(f -> rawSubnets.containsKey(f.resourceId()))
                .toList();
        List<Inventory.FlowLog> onInterfaces = inv.flowLogs.stream()
                .filter(f -> !rawSubnets.containsKey(f.resourceId()) && vpcKeys.contains(f.resourceId()))
                .toList();
        Set<String> covered = new TreeSet<>();
        onSubnets.forEach(f -> covered.add(f.resourceId()));
        if (!rawSubnets.isEmpty() && covered.containsAll(rawSubnets.keySet())) {
            return Optional.of(new FlowLogs(onSubnets.stream()
                    .mapToInt(Inventory.FlowLog::retentionDays)
                    .min()
                    .orElse(0)));
        }
        if (!onSubnets.isEmpty() || !onInterfaces.isEmpty()) {
            Inventory.FlowLog first = (onSubnets.isEmpty() ? onInterfaces : onSubnets).getFirst();
            List<String> subnetNames = covered.stream()
                    .map(id -> Objects.requireNonNull(rawSubnets.get(id)).name())
                    .toList();
            String what = (subnetNames.isEmpty()
                            ? ""
                            : "subnet" + (subnetNames.size() == 1 ? " " : "s ") + String.join(", ", subnetNames))
                    + (subnetNames.isEmpty() || onInterfaces.isEmpty() ? "" : " and ")
                    + (onInterfaces.isEmpty()
                            ? ""
                            : onInterfaces.size() + " network interface" + (onInterfaces.size() == 1 ? "" : "s"));
            findings.warn(
                    "flow-logs-partial",
                    first.where().at(),
                    first.where().path(),
                    "VPC " + v.name() + " has flow logs only on " + what
                            + "; the traffic of the rest is not recorded, so SW007 reports its flow logs as off",
                    null,
                    "create a flow log on the VPC itself, which records every subnet and interface in it");
        }
        return Optional.empty();
    }

    /**
     * The load balancers in this VPC's subnets, with the listeners the input gives them, their interfaces, and their
     * target groups with the targets that resolve to attachments of this VPC.
     */
    private List<LoadBalancer> loadBalancers(Map<String, Subnet> subnets, Map<String, List<String>> attachmentsOf) {
        List<LoadBalancer> out = new ArrayList<>();
        for (Inventory.Thing t : inv.things) {
            if (t.kind() != Attachment.Kind.LOAD_BALANCER
                    || t.subnetIds().stream().noneMatch(subnets::containsKey)) {
                continue;
            }
            List<LoadBalancer.Listener> listeners = inv.listeners.stream()
                    .filter(l -> l.loadBalancer().equals(t.name()))
                    .map(Inventory.Listener::listener)
                    .toList();
            Set<String> groupIds = new TreeSet<>();
            inv.forwards.stream()
                    .filter(f -> f.loadBalancer().equals(t.name()))
                    .forEach(f -> groupIds.add(f.targetGroup()));
            inv.targetGroups.stream()
                    .filter(g -> g.loadBalancers().contains(t.name())
                            || t.keys().stream().anyMatch(g.loadBalancers()::contains))
                    .forEach(g -> groupIds.add(g.id()));
            List<LoadBalancer.TargetGroup> groups = new ArrayList<>();
            for (String id : groupIds) {
                inv.targetGroup(id).ifPresent(g -> groups.add(targetGroup(g, attachmentsOf)));
            }
            out.add(new LoadBalancer(
                    t.name(),
                    inv.loadBalancerTypes.getOrDefault(t.name(), LoadBalancer.Type.APPLICATION),
                    t.publicIp().orElse(false),
                    listeners,
                    attachmentsOf.getOrDefault(t.name(), List.of()),
                    groups,
                    inv.authentication(t.name()),
                    inv.otherGroups(t.name())));
        }
        return out;
    }

    /**
     * A target group with the attachments registered in it: those the group lists, the tasks of the ECS services that
     * register in it, or those describe-target-health reports, each on its own port or the group's. Its targets are
     * known when something registers in it and every registration names an attachment of the network or an address
     * (an IP target outside the VPC); a group nothing registers in, or one whose target the import cannot place, has
     * targets the analysis cannot tell.
     */
    private LoadBalancer.TargetGroup targetGroup(Inventory.TargetGroup g, Map<String, List<String>> attachmentsOf) {
        Set<LoadBalancer.Target> targets = new TreeSet<>(
                Comparator.comparing(LoadBalancer.Target::attachment).thenComparingInt(LoadBalancer.Target::port));
        Set<Integer> ports = new TreeSet<>();
        g.port().ifPresent(ports::add);
        boolean registered = false;
        boolean placed = true;
        for (Inventory.Registration r : inv.registrations) {
            if (r.targetGroup().equals(g.id())) {
                registered = true;
                int port = r.port().or(g::port).orElse(LoadBalancer.Target.ANY_PORT);
                List<String> at = attachmentsOf.getOrDefault(r.target(), List.of());
                at.forEach(a -> targets.add(new LoadBalancer.Target(a, port, r.health())));
                placed &= !at.isEmpty() || isAddress(r.target());
                r.port().ifPresent(ports::add);
            }
        }
        return new LoadBalancer.TargetGroup(
                g.id(),
                g.protocol(),
                g.targetType(),
                List.copyOf(targets),
                List.copyOf(ports),
                registered && placed,
                Optional.ofNullable(inv.preserveClientIp.get(g.id())),
                g.healthCheckPort());
    }

    /** Whether a target's ID is an IP address (an IP target), not a resource the import failed to place. */
    private static boolean isAddress(String target) {
        return target.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || target.matches("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");
    }

    private static Subnet subnetByName(Map<String, Subnet> subnets, String name) {
        return subnets.values().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private List<Route> routes(
            Inventory.Vpc v, Inventory.RouteTable t, Set<String> igws, Map<String, Inventory.Thing> natThings) {
        List<Route> out = new ArrayList<>();
        boolean local = false;
        for (Inventory.Route r : t.routes()) {
            RouteTarget target = target(r, igws, natThings);
            local |= target instanceof RouteTarget.Local;
            RouteDestination destination;
            if (r.cidr().isPresent()) {
                destination = new RouteDestination.Block(r.cidr().get());
            } else if (target instanceof RouteTarget.GatewayEndpoint e) {
                destination = new RouteDestination.PrefixList(e.service());
            } else {
                destination = new RouteDestination.PrefixList(r.prefixList().orElse("unknown"));
            }
            out.add(new Route(destination, target));
        }
        if (!local) {
            out.addFirst(Route.to(v.cidr(), new RouteTarget.Local()));
        }
        // A template's gateway endpoints name their route tables; the routes appear when the endpoint is created.
        for (Inventory.Endpoint e : inv.endpoints) {
            boolean present = out.stream()
                    .anyMatch(r -> r.target() instanceof RouteTarget.GatewayEndpoint g
                            && g.service().equals(e.service()));
            if (e.gateway() && e.routeTableIds().contains(t.id()) && !present) {
                out.add(new Route(
                        new RouteDestination.PrefixList(e.service()), new RouteTarget.GatewayEndpoint(e.service())));
            }
        }
        return out;
    }

    private RouteTarget target(Inventory.Route r, Set<String> igws, Map<String, Inventory.Thing> natThings) {
        String id = r.id();
        return switch (r.kind()) {
            case LOCAL -> new RouteTarget.Local();
            case GATEWAY -> {
                if (id.equals("local")) {
                    yield new RouteTarget.Local();
                }
                if (igws.contains(id)) {
                    yield new RouteTarget.InternetGateway();
                }
                Optional<Inventory.Endpoint> endpoint = inv.endpoints.stream()
                        .filter(e -> e.id().equals(id) && e.gateway())
                        .findFirst();
                if (endpoint.isPresent()) {
                    yield new RouteTarget.GatewayEndpoint(endpoint.get().service());
                }
                if (id.startsWith("vgw-")) {
                    yield unresolved(
                            r, "virtual private gateway " + id, "VPN and Direct Connect paths are not analysed");
                }
                dangling(
                        r.where(),
                        "a route",
                        "gateway",
                        id + " (no internet gateway attached to this VPC has that ID)");
                yield new RouteTarget.Unresolved("gateway " + id);
            }
            case NAT_GATEWAY -> {
                Optional<Inventory.NatGateway> nat =
                        inv.natGateways.stream().filter(n -> n.id().equals(id)).findFirst();
                if (nat.isEmpty()) {
                    dangling(r.where(), "a route", "NAT gateway", id);
                    yield new RouteTarget.Unresolved("NAT gateway " + id);
                }
                if (nat.get().privateOnly()) {
                    yield unresolved(
                            r,
                            "private NAT gateway " + nat.get().name(),
                            "private NAT gateways lead to other networks, which are not analysed");
                }
                yield new RouteTarget.NatGateway(nat.get().name());
            }
            case INSTANCE, NETWORK_INTERFACE -> {
                Optional<Inventory.Thing> thing =
                        inv.things.stream().filter(t -> t.keys().contains(id)).findFirst();
                if (thing.isEmpty() || thing.get().subnetIds().isEmpty()) {
                    dangling(
                            r.where(),
                            "a route",
                            r.kind() == Inventory.TargetKind.INSTANCE ? "instance" : "network interface",
                            id);
                    yield new RouteTarget.Unresolved(
                            (r.kind() == Inventory.TargetKind.INSTANCE ? "instance " : "network interface ") + id);
                }
                natThings.put(thing.get().name(), thing.get());
                // The NAT's name is its attachment's: one subnet, so the thing's own name.
                yield new RouteTarget.NatInstance(thing.get().name());
            }
            case PEERING -> new RouteTarget.Peering(inv.labels.getOrDefault(id, id));
            case TRANSIT_GATEWAY -> new RouteTarget.TransitGateway(inv.labels.getOrDefault(id, id));
            case UNRESOLVED -> new RouteTarget.Unresolved(id);
            default -> unresolved(r, id, "this kind of route target is not analysed");
        };
    }

    private RouteTarget unresolved(Inventory.Route r, String description, String why) {
        findings.warn(
                "unanalysed-target",
                r.where().at(),
                r.where().path(),
                "a route targets " + description + "; " + why + ", so flows that take it are answered cannot tell",
                null,
                "check these paths by hand");
        return new RouteTarget.Unresolved(description);
    }

    /**
     * A rule's block, parsed once per distinct text: a large account's rules repeat blocks, and the address library's
     * parse was a few percent of its check. Blocks are values, so one instance serves every rule.
     */
    private Cidr cidr(String text) {
        return parsedCidrs.computeIfAbsent(text, Cidr::parse);
    }

    private final Map<String, Cidr> parsedCidrs = new HashMap<>();

    private List<SecurityGroupRule> rules(
            List<Inventory.Rule> rules, Map<String, String> groupNames, Inventory.Group g) {
        List<SecurityGroupRule> out = new ArrayList<>();
        for (Inventory.Rule r : rules) {
            Peer peer = switch (r.peerKind()) {
                case CIDR -> new Peer.Block(cidr(r.peer()));
                case GROUP -> groupPeer(r, groupNames, g);
                case PREFIX_LIST -> new Peer.PrefixList(prefixListService(r.peer()));
            };
            out.add(new SecurityGroupRule(r.protocol(), r.ports(), peer, r.description()));
        }
        return out;
    }

    /** Every security group of the input by its ID (in a template, its logical ID). */
    private final Map<String, Inventory.Group> groupsById = new HashMap<>();

    /** Each VPC's groups' names in its network, by group ID, for references from other VPCs. */
    private final Map<String, Map<String, String>> groupNamesByVpc = new HashMap<>();

    /**
     * The group a rule of {@code owner} references, decided here once for snapshots and templates: a group of the
     * owner's VPC, by its name there; a group of another VPC, which AWS allows across a peering connection ("You can
     * update the inbound or outbound rules for your VPC security groups to reference security groups for peered VPCs":
     * https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html). The group's VPC is the one the
     * input declares it in, else the one the reference names (a snapshot's {@code UserIdGroupPairs} entry gives
     * {@code VpcId}); without either, the owner's. A group or VPC the input does not have is a finding, as any
     * dangling reference; another VPC's group is kept with the VPC's ID so a flow over it can say it cannot tell. A
     * cross-account reference names the account before the ID ({@code 123456789012/sg-1a2b3c4d}).
     *
     * <p>Another VPC's group in the input is named here by its IDs and renamed once every network is built
     * ({@link #otherVpcGroupsByName}).
     */
    private Peer groupPeer(Inventory.Rule r, Map<String, String> groupNames, Inventory.Group owner) {
        String id = r.peer().substring(r.peer().indexOf('/') + 1);
        Optional<Inventory.Group> target =
                Optional.ofNullable(groupsById.get(id)).or(() -> Optional.ofNullable(groupsById.get(r.peer())));
        String groupId = target.map(Inventory.Group::id).orElse(id);
        Optional<String> vpc =
                target.map(Inventory.Group::vpcId).or(() -> r.pair().vpcId());
        String user = "security group " + owner.name();
        if (vpc.isEmpty() || vpc.get().equals(owner.vpcId())) {
            return new Peer.Group(groupName(groupId, groupNames, r.where(), user));
        }
        Optional<String> status =
                r.pair().peeringStatus().or(() -> r.pair().peeringId().map(inv.peeringStatus::get));
        if (target.isEmpty() || inv.vpcs.stream().noneMatch(v -> v.id().equals(vpc.get()))) {
            if (!inv.leftOut.contains(groupId)) {
                findings.warn(
                        "dangling-reference",
                        r.where().at(),
                        r.where().path(),
                        user + " refers to security group " + groupId + " of VPC " + vpc.get()
                                + ", which is not in the input; whether a flow from outside the VPC comes from its"
                                + " members cannot be told",
                        groupId,
                        "add the other VPC's describe-* output to the input, or check the ID");
            }
            return new Peer.OtherVpcGroup(vpc.get(), groupId, false, status);
        }
        return new Peer.OtherVpcGroup(vpc.get(), groupId, true, status);
    }

    /** The network with its references to other VPCs' groups named as those networks name them. */
    private Network otherVpcGroupsByName(Network n) {
        boolean any = n.securityGroups().stream()
                .flatMap(SecurityGroup::rules)
                .anyMatch(r -> r.peer() instanceof Peer.OtherVpcGroup o && o.inInput());
        if (!any) {
            return n;
        }
        Map<String, String> vpcNames = new HashMap<>();
        inv.vpcs.forEach(v -> vpcNames.put(v.id(), v.name()));
        java.util.function.UnaryOperator<List<SecurityGroupRule>> rename = rules -> rules.stream()
                .map(r -> r.peer() instanceof Peer.OtherVpcGroup o && o.inInput()
                        ? new SecurityGroupRule(
                                r.protocol(),
                                r.ports(),
                                new Peer.OtherVpcGroup(
                                        vpcNames.getOrDefault(o.vpc(), o.vpc()),
                                        groupNamesByVpc
                                                .getOrDefault(o.vpc(), Map.of())
                                                .getOrDefault(o.groupName(), o.groupName()),
                                        true,
                                        o.peeringStatus()),
                                r.description())
                        : r)
                .toList();
        List<SecurityGroup> groups = n.securityGroups().stream()
                .map(g -> new SecurityGroup(
                        g.name(), g.role(), g.description(), rename.apply(g.ingress()), rename.apply(g.egress())))
                .toList();
        return n.withSecurityGroups(groups);
    }

    /** A prefix list that a gateway endpoint's routes use is that endpoint's service; others keep their ID. */
    private String prefixListService(String id) {
        for (Inventory.RouteTable t : inv.routeTables) {
            for (Inventory.Route r : t.routes()) {
                if (r.prefixList().filter(id::equals).isPresent() && r.kind() == Inventory.TargetKind.GATEWAY) {
                    Optional<Inventory.Endpoint> e = inv.endpoints.stream()
                            .filter(x -> x.id().equals(r.id()))
                            .findFirst();
                    if (e.isPresent()) {
                        return e.get().service();
                    }
                }
            }
        }
        return id;
    }

    private String groupName(String id, Map<String, String> groupNames, Inventory.Where where, String user) {
        String name = groupNames.get(id);
        if (name == null) {
            if (!inv.unresolvedGroups.contains(id) && !inv.leftOut.contains(id)) {
                findings.warn(
                        "dangling-reference",
                        where.at(),
                        where.path(),
                        user + " refers to security group " + id + ", which is not in the input; its rules are not"
                                + " known, so what it decides is cannot tell",
                        id,
                        "add the security group to the input, or check the ID");
            }
            return id;
        }
        return name;
    }

    /**
     * A bastion: an instance with a public address in a public subnet that is named so, whose groups admit only SSH (or
     * RDP) from outside the VPC, or that other groups admit SSH (or RDP) from: a jump host, whatever else it serves.
     */
    private boolean bastion(Inventory.Thing t, Subnet subnet, boolean publicIp, Cidr vpc) {
        if (!publicIp || subnet.tier() != Tier.PUBLIC) {
            return false;
        }
        if (t.name().toLowerCase(Locale.ROOT).contains("bastion")) {
            return true;
        }
        List<Inventory.Rule> outside = inv.groups.stream()
                .filter(g -> t.groupIds().contains(g.id()))
                .flatMap(g -> g.ingress().stream())
                .filter(r -> r.peerKind() == Inventory.PeerKind.CIDR && !vpc.contains(cidr(r.peer())))
                .toList();
        boolean onlyRemoteShell = !outside.isEmpty() && outside.stream().allMatch(Assembler::remoteShell);
        return onlyRemoteShell || jumpsInto(t);
    }

    /** Whether another group admits SSH or RDP (that port alone) from one of the instance's groups. */
    private boolean jumpsInto(Inventory.Thing t) {
        return t.groupIds().stream()
                .anyMatch(id -> remoteShellAdmitters.getOrDefault(id, Set.of()).stream()
                        .anyMatch(admitter -> !t.groupIds().contains(admitter)));
    }

    /** SSH or RDP, that port alone. */
    private static boolean remoteShell(Inventory.Rule r) {
        return r.protocol() == Protocol.TCP
                && (r.ports().equals(dev.stackwright.model.PortRange.of(22))
                        || r.ports().equals(dev.stackwright.model.PortRange.of(3389)));
    }

    /** For each group, the groups that admit SSH or RDP from it: read once, not once per instance. */
    private static Map<String, Set<String>> remoteShellAdmitters(Inventory inv) {
        Map<String, Set<String>> out = new HashMap<>();
        for (Inventory.Group g : inv.groups) {
            for (Inventory.Rule r : g.ingress()) {
                if (r.peerKind() == Inventory.PeerKind.GROUP && remoteShell(r)) {
                    out.computeIfAbsent(r.peer(), k -> new HashSet<>()).add(g.id());
                }
            }
        }
        return out;
    }

    /** Without a container port: the one port the front door's groups may open on the app's groups, if just one. */
    private static int portBetweenRoles(List<SecurityGroup> groups) {
        Set<String> frontDoor = new HashSet<>();
        groups.stream().filter(g -> g.role() == SecurityGroup.Role.FRONT_DOOR).forEach(g -> frontDoor.add(g.name()));
        Set<Integer> ports = new LinkedHashSet<>();
        for (SecurityGroup g : groups) {
            if (g.role() != SecurityGroup.Role.APP) {
                continue;
            }
            for (SecurityGroupRule r : g.ingress()) {
                if (r.peer() instanceof Peer.Group p
                        && frontDoor.contains(p.groupName())
                        && r.ports().from() == r.ports().to()) {
                    ports.add(r.ports().from());
                }
            }
        }
        return ports.size() == 1 ? ports.iterator().next() : 0;
    }

    /** Names unique within one network: a second resource with a taken name gets its ID appended. */
    private static final class Names {
        private final Map<String, String> owners = new HashMap<>();

        String claim(String name, String id) {
            String owner = owners.putIfAbsent(name, id);
            if (owner == null || owner.equals(id)) {
                return name;
            }
            String alternative = name + "-" + id;
            owners.putIfAbsent(alternative, id);
            return alternative;
        }
    }
}
