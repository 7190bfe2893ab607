package dev.stackwright.plan;

import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.model.AccessMode;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Az;
import dev.stackwright.model.Bastion;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.DualStack;
import dev.stackwright.model.Endpoint;
import dev.stackwright.model.FlowLogs;
import dev.stackwright.model.Intent;
import dev.stackwright.model.Ipv6Block;
import dev.stackwright.model.LoadBalancer;
import dev.stackwright.model.Nat;
import dev.stackwright.model.NatLayout;
import dev.stackwright.model.NatMode;
import dev.stackwright.model.Network;
import dev.stackwright.model.NetworkAcl;
import dev.stackwright.model.Peer;
import dev.stackwright.model.PlannedNetwork;
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
import dev.stackwright.model.Vpc;
import dev.stackwright.model.app.ComputeKind;
import dev.stackwright.model.app.FrontDoorKind;
import dev.stackwright.plan.cidr.SubnetLayout;
import dev.stackwright.spec.NetworkSpec;
import dev.stackwright.spec.SpecLoader;
import dev.stackwright.spec.StackSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * Turns a checked spec into the network model and what the spec meant by it. Pure: no I/O, no clock, same spec gives
 * an equal model.
 */
public final class NetworkPlanner {
    public static final String FRONT_DOOR_SG = "front-door";
    public static final String APP_SG = "app";
    public static final String DATABASE_SG = "database";
    public static final String BASTION_SG = "bastion";
    public static final String NAT_SG = NatLayout.SECURITY_GROUP;
    public static final String ENDPOINTS_SG = "endpoints";
    public static final String ECS_HOSTS_SG = "ecs-hosts";

    private NetworkPlanner() {}

    /**
     * Plans the network of a spec.
     *
     * @throws InputException when the VPC block cannot hold the tiers and maxTasks
     */
    public static PlannedNetwork plan(StackSpec spec) {
        return plan(spec, FrontDoorDecision.of(spec).kind());
    }

    /**
     * Plans the network for a front door already decided (see {@link FrontDoorDecision}): it decides where the front
     * door's addresses live and which groups exist.
     */
    public static PlannedNetwork plan(StackSpec spec, FrontDoorKind frontDoor) {
        NetworkSpec net = spec.network();
        Cidr vpcCidr = net.cidr().orElse(spec.environment().defaultCidr());
        List<Az> azs = IntStream.range(0, net.azs()).mapToObj(Az::new).toList();

        List<Subnet> subnets = subnets(spec, vpcCidr, azs);
        List<Nat> nats = NatLayout.devices(net.nat(), net.natPerAz(), azs, net.natInstanceType());
        List<RouteTable> routeTables = routeTables(vpcCidr, azs, nats);
        OptionalInt dbPort = spec.database().map(d -> OptionalInt.of(d.port())).orElse(OptionalInt.empty());
        List<String> appSubnets = names(subnets, Tier.APP);

        List<Endpoint> endpoints = new ArrayList<>();
        List<String> privateTables = routeTables.stream()
                .filter(t -> t.tier() != Tier.PUBLIC)
                .map(RouteTable::name)
                .toList();
        for (String service : List.of("dynamodb", "s3")) {
            endpoints.add(new Endpoint.Gateway(service, privateTables));
        }
        List<String> interfaceEndpoints = interfaceEndpoints(spec);
        for (String service : interfaceEndpoints) {
            endpoints.add(new Endpoint.Interface(service, appSubnets, ENDPOINTS_SG));
        }

        Optional<Bastion> bastion =
                net.access() == AccessMode.BASTION && net.bastionCidr().isPresent()
                        ? Optional.of(new Bastion(
                                "t4g.nano",
                                net.bastionKeyName(),
                                net.bastionCidr().get(),
                                BASTION_SG,
                                names(subnets, Tier.PUBLIC)))
                        : Optional.empty();

        List<SecurityGroup> groups = new ArrayList<>(
                securityGroups(spec, frontDoor, subnets, bastion.isPresent(), !interfaceEndpoints.isEmpty()));
        groups.add(vpcDefaultGroup());
        List<NetworkAcl> acls = List.of(dataAcl(subnets, dbPort, bastion.isPresent()));
        List<Attachment> attachments =
                attachments(spec, frontDoor, subnets, nats, endpoints, bastion, dbPort.isPresent());

        Network network = new Network(
                spec.region(),
                spec.stackName(),
                new Vpc(vpcCidr, true, true),
                azs,
                subnets,
                routeTables,
                true,
                nats,
                endpoints,
                groups,
                acls,
                net.flowLogs()
                        ? Optional.of(new FlowLogs(net.flowLogRetentionDays(), net.flowLogDestination()))
                        : Optional.empty(),
                bastion,
                spec.service().port(),
                dbPort.orElse(0),
                attachments,
                loadBalancers(spec, frontDoor, attachments),
                net.ipv6() ? Optional.of(dualStack(spec, frontDoor, subnets, routeTables, dbPort)) : Optional.empty());
        return new PlannedNetwork(
                network, new Intent(spec.name(), spec.environment(), net.nat(), net.access(), advice(spec)));
    }

    /**
     * The ALB the app stack puts in front (none for API Gateway): with a certificate, HTTPS on 443 and HTTP 80
     * redirected to it; without, HTTP 80 only. Its interfaces are the load balancer attachments; it forwards to the app
     * tasks on the service port (an IP target group, as AppTemplate writes it) or invokes the functions (a Lambda
     * target group, no port). Also used to place the app stack in a VPC the user brings.
     */
    public static List<LoadBalancer> loadBalancers(
            StackSpec spec, FrontDoorKind frontDoor, List<Attachment> attachments) {
        if (frontDoor != FrontDoorKind.ALB) {
            return List.of();
        }
        List<LoadBalancer.Listener> listeners = spec.frontDoor().https()
                ? List.of(
                        new LoadBalancer.Listener(80, LoadBalancer.Scheme.HTTP, true),
                        new LoadBalancer.Listener(443, LoadBalancer.Scheme.HTTPS, false))
                : List.of(new LoadBalancer.Listener(80, LoadBalancer.Scheme.HTTP, false));
        boolean ecs = spec.service().compute().isEcs();
        // The ECS service registers its tasks on the service port; a Lambda group's functions are invoked, no port.
        int port = ecs ? spec.service().port() : LoadBalancer.Target.ANY_PORT;
        List<LoadBalancer.Target> targets = attachments.stream()
                .filter(a -> a.kind() == (ecs ? Attachment.Kind.TASK : Attachment.Kind.FUNCTION))
                .map(a -> new LoadBalancer.Target(a.name(), port))
                .toList();
        LoadBalancer.TargetGroup group = new LoadBalancer.TargetGroup(
                "app",
                LoadBalancer.Scheme.HTTP,
                ecs ? LoadBalancer.TargetType.IP : LoadBalancer.TargetType.LAMBDA,
                targets,
                ecs ? List.of(spec.service().port()) : List.of(),
                true,
                Optional.empty(),
                // AppTemplate sets no HealthCheckPort: the tasks are checked on the service port.
                LoadBalancer.HealthCheckPort.TRAFFIC_PORT);
        List<String> interfaces = attachments.stream()
                .filter(a -> a.kind() == Attachment.Kind.LOAD_BALANCER)
                .map(Attachment::name)
                .toList();
        return List.of(new LoadBalancer(
                FRONT_DOOR_SG, LoadBalancer.Type.APPLICATION, true, listeners, interfaces, List.of(group)));
    }

    /**
     * The VPC's default group as the network stack leaves it: AWS creates it admitting all traffic between its members
     * and allowing all egress, and the stack revokes every rule (CloudFormation has no property for it; see
     * NetworkTemplate), so anything launched into the VPC without a group of its own can neither connect nor be reached.
     * Only for a VPC the stack creates: a VPC the user brings keeps its default group as it is.
     * https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
     */
    static SecurityGroup vpcDefaultGroup() {
        return new SecurityGroup(
                SecurityGroup.VPC_DEFAULT,
                SecurityGroup.Role.OTHER,
                "The VPC's default group, every rule revoked: resources launched without a group of their own get nothing",
                List.of(),
                List.of());
    }

    /**
     * The user's interface endpoints, plus, without NAT, those the stack itself cannot work without: image pulls and
     * logs for ECS, the ECS agent and Session Manager on EC2 hosts, the secret stores ECS reads at task start.
     */
    static List<String> interfaceEndpoints(StackSpec spec) {
        java.util.TreeSet<String> out = new java.util.TreeSet<>(spec.network().interfaceEndpoints());
        out.addAll(platformEndpoints(spec));
        return List.copyOf(out);
    }

    /** What the platform needs without NAT (empty with NAT). */
    static List<String> platformEndpoints(StackSpec spec) {
        return spec.network().nat() != NatMode.NONE ? List.of() : EndpointNeeds.platform(spec);
    }

    private static List<Subnet> subnets(StackSpec spec, Cidr vpc, List<Az> azs) {
        List<Diagnostic> problems = new ArrayList<>();
        List<Subnet> subnets = new ArrayList<>();
        for (Tier tier : Tier.values()) {
            OptionalInt prefix =
                    SubnetLayout.prefixFor(tier, vpc, spec.network().maxTasks());
            if (prefix.isEmpty()) {
                problems.add(tooSmall(spec, vpc, tier));
                continue;
            }
            for (Az az : azs) {
                subnets.add(new Subnet(
                        tier.id() + "-" + az.letter(),
                        tier,
                        az,
                        SubnetLayout.subnet(vpc, tier, az, prefix.getAsInt())));
            }
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
        return List.copyOf(subnets);
    }

    private static Diagnostic tooSmall(StackSpec spec, Cidr vpc, Tier tier) {
        var source = spec.source();
        int maxTasks = spec.network().maxTasks();
        if (tier == Tier.APP) {
            int fits = SubnetLayout.maxTasksFor(vpc);
            String path = source.root().path("network").has("maxTasks") ? "network.maxTasks" : "network.cidr";
            return Diagnostic.error(
                    "vpc-too-small",
                    source.valueLocation(path),
                    path,
                    "the VPC " + vpc + " is too small for app subnets holding " + maxTasks + " tasks per zone",
                    "maxTasks " + maxTasks + " in a /" + vpc.prefixLength(),
                    "lower maxTasks to " + fits + " or less"
                            + (vpc.prefixLength() > 16
                                    ? ", or use a larger block such as a /16"
                                    : " (a /16 is the largest block a VPC can have)"));
        }
        return Diagnostic.error(
                "vpc-too-small",
                source.valueLocation("network.cidr"),
                "network.cidr",
                "the VPC is too small for " + tier.id() + " subnets in " + SubnetLayout.ZONE_SLOTS + " zone slots",
                vpc.toString(),
                "use a /" + SpecLoader.SMALLEST_VPC_PREFIX + " or larger");
    }

    /**
     * One public table, one app table per zone (each zone's NAT, and stable when NAT modes change), one data table
     * with no way out of the VPC but the free gateway endpoints.
     */
    private static List<RouteTable> routeTables(Cidr vpc, List<Az> azs, List<Nat> nats) {
        List<RouteTable> tables = new ArrayList<>();
        // The local route is implicit in AWS; the model lists it first so readers evaluate tables as AWS does.
        Route local = Route.to(vpc, new RouteTarget.Local());
        tables.add(new RouteTable(
                "public",
                Tier.PUBLIC,
                List.of(local, Route.to(Cidr.ANYWHERE, new RouteTarget.InternetGateway())),
                azs.stream().map(az -> "public-" + az.letter()).toList()));
        List<Route> endpointRoutes = List.of(
                new Route(new RouteDestination.PrefixList("dynamodb"), new RouteTarget.GatewayEndpoint("dynamodb")),
                new Route(new RouteDestination.PrefixList("s3"), new RouteTarget.GatewayEndpoint("s3")));
        for (Az az : azs) {
            List<Route> routes = new ArrayList<>();
            routes.add(local);
            natFor(az, nats).ifPresent(nat -> routes.add(Route.to(Cidr.ANYWHERE, nat)));
            routes.addAll(endpointRoutes);
            tables.add(new RouteTable("app-" + az.letter(), Tier.APP, routes, List.of("app-" + az.letter())));
        }
        List<Route> dataRoutes = new ArrayList<>();
        dataRoutes.add(local);
        dataRoutes.addAll(endpointRoutes);
        tables.add(new RouteTable(
                "data",
                Tier.DATA,
                dataRoutes,
                azs.stream().map(az -> "data-" + az.letter()).toList()));
        return tables;
    }

    private static Optional<RouteTarget> natFor(Az az, List<Nat> nats) {
        Nat chosen = nats.stream()
                .filter(n -> switch (n) {
                    case Nat.Instance i -> i.az().equals(az);
                    case Nat.Gateway g -> g.az().equals(az);
                    case Nat.RegionalGateway r -> true;
                })
                .findFirst()
                .orElse(nats.isEmpty() ? null : nats.getFirst());
        if (chosen == null) {
            return Optional.empty();
        }
        return Optional.of(
                switch (chosen) {
                    case Nat.Instance i -> new RouteTarget.NatInstance(i.name());
                    case Nat.Gateway g -> new RouteTarget.NatGateway(g.name());
                    case Nat.RegionalGateway r -> new RouteTarget.NatGateway(r.name());
                });
    }

    /**
     * The port-specific chain of security groups: front door, app, ECS hosts, database (and bastion, NAT and endpoint
     * groups where the network has them). Also used to place the app stack in a VPC the user brings.
     */
    public static List<SecurityGroup> securityGroups(
            StackSpec spec,
            FrontDoorKind frontDoorKind,
            List<Subnet> subnets,
            boolean bastion,
            boolean interfaceEndpoints) {
        int port = spec.service().port();
        ComputeKind compute = spec.service().compute();
        boolean hosts = compute == ComputeKind.ECS_EC2;
        // A front door with addresses in the VPC: the ALB, or API Gateway's VPC Link to ECS. API Gateway invokes a
        // Lambda function directly, and Lambda's own interfaces take no inbound traffic at all.
        boolean frontDoorInVpc = frontDoorKind == FrontDoorKind.ALB || compute.isEcs();
        Peer anywhere = new Peer.Block(Cidr.ANYWHERE);
        Peer frontDoor = new Peer.Group(FRONT_DOOR_SG);
        Peer app = new Peer.Group(APP_SG);
        Peer database = new Peer.Group(DATABASE_SG);
        Peer bastionPeer = new Peer.Group(BASTION_SG);
        List<SecurityGroup> groups = new ArrayList<>();

        Peer hostsPeer = new Peer.Group(ECS_HOSTS_SG);
        if (frontDoorKind == FrontDoorKind.ALB) {
            // Without a certificate the ALB has no HTTPS listener, so 443 stays closed rather than open to nothing.
            boolean https = spec.frontDoor().https();
            groups.add(new SecurityGroup(
                    FRONT_DOOR_SG,
                    SecurityGroup.Role.FRONT_DOOR,
                    https ? "Front door: HTTP and HTTPS from the internet" : "Front door: HTTP from the internet",
                    https
                            ? List.of(
                                    SecurityGroupRule.tcp(80, anywhere, "HTTP from the internet (redirected to HTTPS)"),
                                    SecurityGroupRule.tcp(443, anywhere, "HTTPS from the internet"))
                            : List.of(SecurityGroupRule.tcp(80, anywhere, "HTTP from the internet")),
                    List.of(SecurityGroupRule.tcp(port, app, "To the app on its port only"))));
        } else if (frontDoorInVpc) {
            // API Gateway opens connections from the VPC Link's interfaces; nothing connects to them.
            groups.add(new SecurityGroup(
                    FRONT_DOOR_SG,
                    SecurityGroup.Role.FRONT_DOOR,
                    "Front door: the VPC Link of API Gateway, to the app on its port only",
                    List.of(),
                    List.of(SecurityGroupRule.tcp(port, app, "To the app on its port only"))));
        }

        List<SecurityGroupRule> appIn = new ArrayList<>();
        if (frontDoorInVpc && compute.isEcs()) {
            appIn.add(SecurityGroupRule.tcp(port, frontDoor, "From the front door on the service port"));
        }
        List<SecurityGroupRule> appOut = new ArrayList<>();
        appOut.add(SecurityGroupRule.tcp(443, anywhere, "HTTPS to AWS APIs and the internet"));
        spec.database()
                .ifPresent(db -> appOut.add(SecurityGroupRule.tcp(db.port(), database, "To the database on its port")));
        groups.add(new SecurityGroup(
                APP_SG,
                SecurityGroup.Role.APP,
                compute.isEcs()
                        ? "App tier: the service port from the front door only"
                        : "App tier: the Lambda interfaces, which take no inbound traffic",
                appIn,
                appOut));
        if (hosts) {
            // The ECS hosts: tasks have interfaces of their own (awsvpc), so the hosts need no inbound port at all.
            groups.add(new SecurityGroup(
                    ECS_HOSTS_SG,
                    SecurityGroup.Role.APP,
                    "ECS hosts: no inbound but SSH from the bastion; HTTPS out",
                    bastion ? List.of(SecurityGroupRule.tcp(22, bastionPeer, "SSH from the bastion host")) : List.of(),
                    List.of(SecurityGroupRule.tcp(443, anywhere, "HTTPS to the ECS, ECR and SSM APIs"))));
        }

        spec.database().ifPresent(db -> {
            List<SecurityGroupRule> dbIn = new ArrayList<>();
            dbIn.add(SecurityGroupRule.tcp(db.port(), app, "From the app tier on the database port"));
            if (bastion) {
                dbIn.add(SecurityGroupRule.tcp(db.port(), bastionPeer, "From the bastion host on the database port"));
            }
            groups.add(new SecurityGroup(
                    DATABASE_SG,
                    SecurityGroup.Role.DATABASE,
                    "Database: its port from the app tier only; no egress",
                    dbIn,
                    List.of()));
        });

        if (bastion) {
            Cidr allowed = spec.network().bastionCidr().orElseThrow();
            List<SecurityGroupRule> out = new ArrayList<>();
            if (hosts) {
                out.add(SecurityGroupRule.tcp(22, hostsPeer, "SSH to the ECS hosts"));
            }
            spec.database()
                    .ifPresent(
                            db -> out.add(SecurityGroupRule.tcp(db.port(), database, "To the database on its port")));
            out.add(SecurityGroupRule.tcp(443, anywhere, "HTTPS for updates and AWS APIs"));
            groups.add(new SecurityGroup(
                    BASTION_SG,
                    SecurityGroup.Role.BASTION,
                    "Bastion: SSH from " + allowed + " only",
                    List.of(SecurityGroupRule.tcp(22, new Peer.Block(allowed), "SSH from the allowed range")),
                    out));
        }

        if (spec.network().nat() == NatMode.INSTANCE) {
            // Forwarded packets keep their source address, so the NAT admits the app subnets by CIDR: every ENI in
            // them, whatever its group, may use the NAT. Never 0.0.0.0/0, or the NAT becomes an open relay.
            List<SecurityGroupRule> natIn = subnets.stream()
                    .filter(s -> s.tier() == Tier.APP)
                    .map(s ->
                            SecurityGroupRule.all(new Peer.Block(s.cidr()), "All traffic from app subnet " + s.name()))
                    .toList();
            groups.add(new SecurityGroup(
                    NAT_SG,
                    SecurityGroup.Role.NAT,
                    "NAT instances: traffic from the app subnets only",
                    natIn,
                    List.of(SecurityGroupRule.all(anywhere, "Forwarded traffic to the internet"))));
        }

        if (interfaceEndpoints) {
            List<SecurityGroupRule> in = new ArrayList<>();
            in.add(SecurityGroupRule.tcp(443, app, "HTTPS from the app tier"));
            if (hosts) {
                in.add(SecurityGroupRule.tcp(443, hostsPeer, "HTTPS from the ECS hosts"));
            }
            if (bastion) {
                in.add(SecurityGroupRule.tcp(443, bastionPeer, "HTTPS from the bastion host"));
            }
            groups.add(new SecurityGroup(
                    ENDPOINTS_SG,
                    SecurityGroup.Role.ENDPOINT,
                    "Interface endpoints: HTTPS from the app tier",
                    in,
                    List.of()));
        }
        return groups;
    }

    /** The name of the egress-only internet gateway of a dual-stack network. */
    public static final String EGRESS_ONLY_GATEWAY = "egress-only";

    /**
     * The IPv6 side of a dual-stack network: an Amazon-provided /56, a /64 per subnet at the layout's index, {@code ::/0}
     * from the public table to the internet gateway and from each app table to the egress-only internet gateway (only
     * when the app tier has a way out at all: {@code nat: none} keeps it isolated on IPv6 too), none from the data
     * table. The front door admits its listener ports from {@code ::/0}; groups that send HTTPS anywhere over IPv4 may
     * do so over IPv6 where their subnets route it; the data NACL mirrors its app-subnet and data-subnet entries for the
     * IPv6 blocks (rule number + 50).
     */
    private static DualStack dualStack(
            StackSpec spec,
            FrontDoorKind frontDoor,
            List<Subnet> subnets,
            List<RouteTable> routeTables,
            OptionalInt dbPort) {
        List<DualStack.SubnetBlock> blocks = subnets.stream()
                .map(sub -> new DualStack.SubnetBlock(
                        sub.name(),
                        new Ipv6Block.VpcSlot(SubnetLayout.ipv6Index(sub.tier(), sub.az())),
                        sub.tier() != Tier.DATA))
                .toList();
        boolean appEgress = spec.network().nat() != NatMode.NONE;
        List<DualStack.Ipv6Route> routes = new ArrayList<>();
        for (RouteTable table : routeTables) {
            switch (table.tier()) {
                case PUBLIC ->
                    routes.add(new DualStack.Ipv6Route(
                            table.name(), DualStack.Ipv6Route.ANYWHERE, DualStack.Target.INTERNET_GATEWAY));
                case APP -> {
                    if (appEgress) {
                        routes.add(new DualStack.Ipv6Route(
                                table.name(),
                                DualStack.Ipv6Route.ANYWHERE,
                                DualStack.Target.EGRESS_ONLY_INTERNET_GATEWAY));
                    }
                }
                case DATA -> {}
            }
        }
        String anywhere = DualStack.Ipv6Route.ANYWHERE;
        List<DualStack.Ipv6Rule> rules = new ArrayList<>();
        if (frontDoor == FrontDoorKind.ALB) {
            rules.add(new DualStack.Ipv6Rule(
                    FRONT_DOOR_SG,
                    false,
                    Protocol.TCP,
                    PortRange.of(80),
                    anywhere,
                    spec.frontDoor().https()
                            ? "HTTP from the IPv6 internet (redirected to HTTPS)"
                            : "HTTP from the IPv6 internet"));
            if (spec.frontDoor().https()) {
                rules.add(new DualStack.Ipv6Rule(
                        FRONT_DOOR_SG,
                        false,
                        Protocol.TCP,
                        PortRange.of(443),
                        anywhere,
                        "HTTPS from the IPv6 internet"));
            }
        }
        if (appEgress) {
            rules.add(new DualStack.Ipv6Rule(
                    APP_SG,
                    true,
                    Protocol.TCP,
                    PortRange.of(443),
                    anywhere,
                    "HTTPS to IPv6 destinations (egress-only internet gateway)"));
            if (spec.service().compute() == ComputeKind.ECS_EC2) {
                rules.add(new DualStack.Ipv6Rule(
                        ECS_HOSTS_SG,
                        true,
                        Protocol.TCP,
                        PortRange.of(443),
                        anywhere,
                        "HTTPS to IPv6 destinations (egress-only internet gateway)"));
            }
        }
        List<DualStack.AclEntry> acl = new ArrayList<>();
        for (DualStack.SubnetBlock b : blocks) {
            Subnet sub = subnets.stream()
                    .filter(x -> x.name().equals(b.subnetName()))
                    .findFirst()
                    .orElseThrow();
            int zone = sub.az().index();
            switch (sub.tier()) {
                case APP ->
                    dbPort.ifPresent(port -> {
                        acl.add(new DualStack.AclEntry(
                                "data",
                                150 + zone,
                                false,
                                true,
                                Protocol.TCP,
                                PortRange.of(port),
                                b.block(),
                                "Database port from " + sub.name() + " over IPv6"));
                        acl.add(new DualStack.AclEntry(
                                "data",
                                150 + zone,
                                true,
                                true,
                                Protocol.TCP,
                                PortRange.EPHEMERAL,
                                b.block(),
                                "Return traffic to " + sub.name() + " over IPv6"));
                    });
                case DATA -> {
                    acl.add(new DualStack.AclEntry(
                            "data",
                            350 + zone,
                            false,
                            true,
                            Protocol.ALL,
                            PortRange.ALL,
                            b.block(),
                            "Within the data tier over IPv6 from " + sub.name()));
                    acl.add(new DualStack.AclEntry(
                            "data",
                            350 + zone,
                            true,
                            true,
                            Protocol.ALL,
                            PortRange.ALL,
                            b.block(),
                            "Within the data tier over IPv6 to " + sub.name()));
                }
                case PUBLIC -> {}
            }
        }
        acl.sort(java.util.Comparator.comparing(DualStack.AclEntry::egress)
                .thenComparingInt(DualStack.AclEntry::ruleNumber));
        return new DualStack(
                new Ipv6Block.AmazonProvided(),
                blocks,
                routes,
                routes.stream().anyMatch(r -> r.target() == DualStack.Target.EGRESS_ONLY_INTERNET_GATEWAY)
                        ? List.of(EGRESS_ONLY_GATEWAY)
                        : List.of(),
                rules,
                acl,
                List.of());
    }

    /**
     * The data tier's NACL. Rule numbers derive from the zone position (100 + zone index, and so on), so adding a
     * zone adds rules without renumbering the others.
     */
    private static NetworkAcl dataAcl(List<Subnet> subnets, OptionalInt dbPort, boolean bastion) {
        List<NetworkAcl.Entry> entries = new ArrayList<>();
        for (Subnet s : subnets) {
            int zone = s.az().index();
            switch (s.tier()) {
                case APP ->
                    dbPort.ifPresent(port -> {
                        entries.add(new NetworkAcl.Entry(
                                100 + zone,
                                false,
                                true,
                                Protocol.TCP,
                                PortRange.of(port),
                                s.cidr(),
                                "Database port from " + s.name()));
                        entries.add(new NetworkAcl.Entry(
                                100 + zone,
                                true,
                                true,
                                Protocol.TCP,
                                PortRange.EPHEMERAL,
                                s.cidr(),
                                "Return traffic to " + s.name()));
                    });
                case PUBLIC -> {
                    if (bastion) {
                        dbPort.ifPresent(port -> {
                            entries.add(new NetworkAcl.Entry(
                                    200 + zone,
                                    false,
                                    true,
                                    Protocol.TCP,
                                    PortRange.of(port),
                                    s.cidr(),
                                    "Database port from the bastion in " + s.name()));
                            entries.add(new NetworkAcl.Entry(
                                    200 + zone,
                                    true,
                                    true,
                                    Protocol.TCP,
                                    PortRange.EPHEMERAL,
                                    s.cidr(),
                                    "Return traffic to the bastion in " + s.name()));
                        });
                    }
                }
                case DATA -> {
                    entries.add(new NetworkAcl.Entry(
                            300 + zone,
                            false,
                            true,
                            Protocol.ALL,
                            PortRange.ALL,
                            s.cidr(),
                            "Within the data tier (replication) from " + s.name()));
                    entries.add(new NetworkAcl.Entry(
                            300 + zone,
                            true,
                            true,
                            Protocol.ALL,
                            PortRange.ALL,
                            s.cidr(),
                            "Within the data tier (replication) to " + s.name()));
                }
            }
        }
        entries.sort(java.util.Comparator.comparing(NetworkAcl.Entry::egress)
                .thenComparingInt(NetworkAcl.Entry::ruleNumber));
        return new NetworkAcl("data", Tier.DATA, entries, names(subnets, Tier.DATA));
    }

    /**
     * Where the stack's own workloads will sit: the front door (ALB in the public subnets, or API Gateway's VPC Link in
     * the app subnets), app tasks or functions (and ECS hosts) in the app subnets, the database in the data subnets.
     * Also used to place the app stack in a VPC the user brings.
     */
    public static List<Attachment> workloads(
            StackSpec spec, FrontDoorKind frontDoor, List<Subnet> subnets, boolean database) {
        ComputeKind compute = spec.service().compute();
        List<Attachment> out = new ArrayList<>();
        for (Subnet s : subnets) {
            String zone = s.az().letter();
            switch (s.tier()) {
                case PUBLIC -> {
                    if (frontDoor == FrontDoorKind.ALB) {
                        out.add(new Attachment(
                                "front-door-" + zone,
                                Attachment.Kind.LOAD_BALANCER,
                                s.name(),
                                List.of(FRONT_DOOR_SG),
                                true));
                    }
                }
                case APP -> {
                    if (frontDoor == FrontDoorKind.API_GATEWAY && compute.isEcs()) {
                        out.add(new Attachment(
                                "front-door-" + zone,
                                Attachment.Kind.VPC_LINK,
                                s.name(),
                                List.of(FRONT_DOOR_SG),
                                false));
                    }
                    out.add(new Attachment(
                            "app-" + zone,
                            compute.isEcs() ? Attachment.Kind.TASK : Attachment.Kind.FUNCTION,
                            s.name(),
                            List.of(APP_SG),
                            false));
                    if (compute == ComputeKind.ECS_EC2) {
                        out.add(new Attachment(
                                "ecs-host-" + zone, Attachment.Kind.INSTANCE, s.name(), List.of(ECS_HOSTS_SG), false));
                    }
                }
                case DATA -> {
                    if (database) {
                        out.add(new Attachment(
                                "database-" + zone, Attachment.Kind.DATABASE, s.name(), List.of(DATABASE_SG), false));
                    }
                }
            }
        }
        return out;
    }

    /** Every place an address will live, in subnet order then role, so readers see a stable list. */
    private static List<Attachment> attachments(
            StackSpec spec,
            FrontDoorKind frontDoor,
            List<Subnet> subnets,
            List<Nat> nats,
            List<Endpoint> endpoints,
            Optional<Bastion> bastion,
            boolean database) {
        List<Attachment> out = new ArrayList<>(workloads(spec, frontDoor, subnets, database));
        for (Nat nat : nats) {
            switch (nat) {
                case Nat.Instance i ->
                    out.add(new Attachment(
                            i.name(),
                            Attachment.Kind.NAT_INSTANCE,
                            i.subnetName(),
                            List.of(i.securityGroupName()),
                            true));
                case Nat.Gateway g ->
                    out.add(new Attachment(g.name(), Attachment.Kind.NAT_GATEWAY, g.subnetName(), List.of(), true));
                case Nat.RegionalGateway r -> {
                    // Lives in no subnet of ours: AWS places it in each zone as traffic appears.
                }
            }
        }
        bastion.ifPresent(b -> out.add(new Attachment(
                "bastion", Attachment.Kind.BASTION, b.subnetNames().getFirst(), List.of(b.securityGroupName()), true)));
        for (Endpoint e : endpoints) {
            if (e instanceof Endpoint.Interface i) {
                for (String subnet : i.subnetNames()) {
                    out.add(new Attachment(
                            i.service() + "-endpoint-" + subnet.substring(subnet.lastIndexOf('-') + 1),
                            Attachment.Kind.ENDPOINT,
                            subnet,
                            List.of(i.securityGroupName()),
                            false));
                }
            }
        }
        return out;
    }

    private static List<String> advice(StackSpec spec) {
        NetworkSpec net = spec.network();
        List<String> advice = new ArrayList<>();
        switch (net.nat()) {
            case NONE -> {
                List<String> added = platformEndpoints(spec).stream()
                        .filter(n -> !net.interfaceEndpoints().contains(n))
                        .toList();
                advice.add(
                        "nat: none leaves the app tier without internet access: it reaches AWS only through endpoints"
                                + (spec.service().compute().isEcs()
                                        ? " (images come from ECR in the stack's region, their layers through the free S3 gateway endpoint). "
                                                + (added.isEmpty()
                                                        ? "Every interface endpoint the stack needs is listed in network.endpoints."
                                                        : "Added the interface endpoints the stack cannot work without: "
                                                                + String.join(", ", added) + ".")
                                        : ". Lambda pulls its image and writes its logs outside the VPC, so it needs endpoints only for what its code calls.")
                                + " Anything else the app calls must be in service.calls and network.endpoints.");
            }
            case INSTANCE -> {
                if (!net.natPerAz() && net.azs() > 1) {
                    advice.add(
                            "One NAT instance serves every zone: if its zone fails, the app tier loses internet "
                                    + "access until it is back. Set network.natInstance.perAz: true to keep zones independent.");
                }
            }
            case GATEWAY ->
                advice.add("One NAT gateway serves every zone: if its zone fails, the app tier loses "
                        + "internet access, and traffic from other zones pays inter-zone transfer. Use gateway-per-az "
                        + "or regional-gateway to keep zones independent.");
            case GATEWAY_PER_AZ, REGIONAL_GATEWAY -> {}
        }
        return advice;
    }

    private static List<String> names(List<Subnet> subnets, Tier tier) {
        return subnets.stream().filter(s -> s.tier() == tier).map(Subnet::name).toList();
    }
}
