package dev.stackwright.importer;

import dev.stackwright.diag.SourceLocation;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.LoadBalancer;
import dev.stackwright.model.NetworkAcl;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The network resources an importer found, by the input's own IDs (logical IDs of a template, {@code vpc-...} IDs of
 * a snapshot) and before any reference is followed. Both importers fill one; {@link Assembler} turns it into one
 * {@link dev.stackwright.model.Network} per VPC, so references, tiers and roles are worked out in one place.
 */
public final class Inventory {
    /** Where a resource or property is in the input, for findings. */
    public record Where(SourceLocation at, String path) {}

    public record Vpc(
            String id,
            String name,
            Cidr cidr,
            boolean dnsSupport,
            boolean dnsHostnames,
            Map<String, String> tags,
            Where where) {}

    /**
     * A subnet.
     *
     * @param az zone index when known; {@code tierTag} the {@code stackwright:tier} tag, when the subnet has one
     */
    public record Subnet(
            String id,
            String name,
            String vpcId,
            Cidr cidr,
            Optional<Integer> az,
            boolean mapPublicIp,
            Optional<Tier> tierTag,
            Where where) {}

    /** What a route's target field names; {@code id} is the target's ID in the input (the description for OTHER). */
    public enum TargetKind {
        LOCAL,
        GATEWAY,
        NAT_GATEWAY,
        INSTANCE,
        NETWORK_INTERFACE,
        PEERING,
        TRANSIT_GATEWAY,
        OTHER,
        UNRESOLVED
    }

    /**
     * A route of a route table.
     *
     * @param prefixList a destination prefix list ID, when the route matches one instead of a CIDR
     */
    public record Route(Optional<Cidr> cidr, Optional<String> prefixList, TargetKind kind, String id, Where where) {}

    public record RouteTable(
            String id,
            String name,
            String vpcId,
            boolean main,
            List<Route> routes,
            List<String> subnetIds,
            Optional<Tier> tierTag,
            Where where) {}

    /** An internet gateway attached to a VPC. */
    public record GatewayAttachment(String gatewayId, String vpcId) {}

    /**
     * A NAT gateway.
     *
     * @param subnetId empty for a regional NAT gateway; {@code privateOnly} for ConnectivityType private
     */
    public record NatGateway(
            String id, String name, String vpcId, Optional<String> subnetId, boolean privateOnly, Where where) {}

    public enum PeerKind {
        CIDR,
        GROUP,
        PREFIX_LIST
    }

    /**
     * A rule; a group reference may say which VPC the group is in and over which peering connection (a snapshot's
     * {@code UserIdGroupPairs} entry gives {@code VpcId}, {@code VpcPeeringConnectionId} and {@code PeeringStatus}).
     */
    public record Rule(
            Protocol protocol,
            PortRange ports,
            PeerKind peerKind,
            String peer,
            String description,
            Where where,
            PairFacts pair) {
        public Rule(
                Protocol protocol, PortRange ports, PeerKind peerKind, String peer, String description, Where where) {
            this(protocol, ports, peerKind, peer, description, where, PairFacts.NONE);
        }
    }

    /** What a group reference says of the group's side, where the input says it. */
    public record PairFacts(Optional<String> vpcId, Optional<String> peeringId, Optional<String> peeringStatus) {
        public static final PairFacts NONE = new PairFacts(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Rules lists are mutable: a template adds standalone ingress and egress resources to their group. */
    public record Group(
            String id,
            String name,
            String vpcId,
            String description,
            List<Rule> ingress,
            List<Rule> egress,
            Where where) {}

    /**
     * A network ACL.
     *
     * @param subnetIds the subnets associated with it explicitly
     */
    public record Acl(
            String id,
            String name,
            String vpcId,
            List<NetworkAcl.Entry> entries,
            List<String> subnetIds,
            Where where) {}

    public record Endpoint(
            String id,
            String vpcId,
            String service,
            boolean gateway,
            List<String> routeTableIds,
            List<String> subnetIds,
            List<String> groupIds,
            Where where) {}

    /**
     * Something with addresses in subnets: an instance, network interface, load balancer, the tasks of a service, a
     * function, a database.
     *
     * @param publicIp  whether it has a public address; empty: as the subnet's MapPublicIpOnLaunch says
     * @param keys      IDs routes may use to target it (instance ID, interface IDs)
     * @param roleHint  the role its groups play (a load balancer facing the internet: the front door)
     * @param port      the port it serves on, when the input says (a container port, a database port)
     */
    public record Thing(
            String name,
            Attachment.Kind kind,
            List<String> subnetIds,
            List<String> groupIds,
            Optional<Boolean> publicIp,
            List<String> keys,
            Optional<SecurityGroup.Role> roleHint,
            Optional<Integer> port,
            String instanceType,
            Where where) {}

    /** A load balancer listener, by the load balancer it belongs to (its thing's name). */
    public record Listener(String loadBalancer, LoadBalancer.Listener listener) {}

    /**
     * A target group, by its ID.
     *
     * @param port          the group's port; empty for Lambda targets, which are invoked, not connected to
     * @param loadBalancers the load balancers the input says it belongs to (describe-target-groups says; a template
     *                      says through its listeners: {@link #forwards})
     * @param healthCheckPort its {@code HealthCheckPort}, not given where the input does not say or says it unreadably
     */
    public record TargetGroup(
            String id,
            LoadBalancer.Scheme protocol,
            Optional<Integer> port,
            LoadBalancer.TargetType targetType,
            List<String> loadBalancers,
            LoadBalancer.HealthCheckPort healthCheckPort) {}

    /** A listener of {@code loadBalancer} that sends traffic to a target group, by a default action or a rule. */
    public record Forward(String loadBalancer, String targetGroup) {}

    /**
     * Load balancers (by thing name) one of whose listeners has an authenticate action, default or in a rule
     * ({@link LoadBalancer.Authentication#SOME}).
     */
    public final java.util.Set<String> authenticating = new java.util.TreeSet<>();

    /**
     * Load balancers (by thing name) whose every listener and every listener rule the input gives: a template that
     * holds their listeners, places all its rules and shares none of those listeners; a snapshot with describe-rules
     * output for each of their listeners. Without, whether they authenticate is not known.
     */
    public final java.util.Set<String> rulesKnown = new java.util.TreeSet<>();

    /**
     * The last step of each importer's reading of listener rules: the load balancers of the listeners read
     * ({@code listenerBalancers}) have all their rules known, but those {@code inDoubt}.
     */
    public void markRulesKnown(java.util.Collection<String> listenerBalancers, java.util.Set<String> inDoubt) {
        listenerBalancers.stream().filter(lb -> !inDoubt.contains(lb)).forEach(rulesKnown::add);
    }

    /** Whether {@code loadBalancer}'s listeners authenticate users, as the input says ({@link #rulesKnown}). */
    public LoadBalancer.Authentication authentication(String loadBalancer) {
        if (authenticating.contains(loadBalancer)) {
            return LoadBalancer.Authentication.SOME;
        }
        boolean listenersKnown =
                listeners.stream().anyMatch(l -> l.loadBalancer().equals(loadBalancer));
        return listenersKnown && rulesKnown.contains(loadBalancer)
                ? LoadBalancer.Authentication.NONE
                : LoadBalancer.Authentication.NOT_KNOWN;
    }

    /**
     * A target registered in a group: the key of a thing (logical ID, instance ID, ARN or IP) and a port of its own if
     * given. The group lists it, an ECS service registers its tasks, or describe-target-health reports it.
     */
    public record Registration(String targetGroup, String target, Optional<Integer> port, LoadBalancer.Health health) {
        /** A registration whose health the input does not give (a template's). */
        public Registration(String targetGroup, String target, Optional<Integer> port) {
            this(targetGroup, target, port, LoadBalancer.Health.NOT_GIVEN);
        }
    }

    /**
     * A flow log of a VPC, a subnet or a network interface: AWS lets a flow log watch any of the three.
     *
     * @param resourceId    the VPC, subnet or interface it watches, by the input's ID (a thing's key for an interface)
     * @param retentionDays of the log group, 0 when unknown or never expiring
     */
    public record FlowLog(String resourceId, int retentionDays, Where where) {}

    /**
     * A transit gateway attachment. A peering attachment is the same ID on both gateways: {@code gatewayId} is one,
     * {@code peerGatewayId} the other.
     *
     * @param kind        its {@code ResourceType} ({@code vpc}, {@code peering}, {@code vpn}, {@code
     *                    direct-connect-gateway})
     * @param ipv6Support a VPC attachment's {@code Options.Ipv6Support}, when the input gives it
     * @param sgReferencing a VPC attachment's {@code Options.SecurityGroupReferencingSupport}, when the input gives it
     */
    public record TgwAttachment(
            String id,
            String gatewayId,
            dev.stackwright.model.TransitGateways.Kind kind,
            Optional<String> vpcId,
            List<String> subnetIds,
            Optional<String> peerGatewayId,
            dev.stackwright.model.TransitGateways.Ipv6Support ipv6Support,
            dev.stackwright.model.TransitGateways.SecurityGroupReferencing sgReferencing,
            Where where) {}

    /** A transit gateway static route to a block of either family; {@code attachmentId} empty for a blackhole. */
    public record TgwRoute(dev.stackwright.model.IpPrefix destination, Optional<String> attachmentId) {}

    /** A transit gateway route table; its lists are mutable, as associations and routes may come separately. */
    public record TgwRouteTable(
            String id,
            String gatewayId,
            List<String> associations,
            List<String> propagations,
            List<TgwRoute> routes,
            Where where) {}

    /** Transit gateways by ID, with their attachments and route tables. */
    public final java.util.Set<String> transitGateways = new java.util.TreeSet<>();

    /** A transit gateway's {@code SecurityGroupReferencingSupport} option, by gateway ID, when the input gives it. */
    public final Map<String, dev.stackwright.model.TransitGateways.SecurityGroupReferencing> tgwSgReferencing =
            new java.util.TreeMap<>();

    public final List<TgwAttachment> tgwAttachments = new ArrayList<>();
    public final Map<String, TgwRouteTable> tgwRouteTables = new java.util.LinkedHashMap<>();

    /**
     * The transit gateway route table of this ID, made when first named (an association or route may come before
     * the table); its gateway is filled in when a mention gives it.
     */
    public TgwRouteTable tgwTable(String id, String gateway, Where where) {
        TgwRouteTable t = tgwRouteTables.computeIfAbsent(
                id, k -> new TgwRouteTable(k, gateway, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), where));
        if (t.gatewayId().isEmpty() && !gateway.isEmpty()) {
            t = new TgwRouteTable(id, gateway, t.associations(), t.propagations(), t.routes(), where);
            tgwRouteTables.put(id, t);
        }
        return t;
    }

    /**
     * A subnet's IPv6 block. {@code block} is empty when the input has one that cannot be worked out (a template's
     * {@code Fn::Cidr} over a block it does not know): present, but where is unknown.
     */
    public record SubnetIpv6(Optional<dev.stackwright.model.Ipv6Block> block, boolean assignOnCreation) {}

    /** An egress-only internet gateway of a VPC. */
    public record EgressOnlyGateway(String id, String name, String vpcId) {}

    /**
     * A route to an IPv6 destination.
     *
     * @param target where it goes; {@code UNMODELLED} for a peering connection, transit gateway, interface or NAT
     */
    public record Ipv6Route(
            String routeTableId,
            String destination,
            dev.stackwright.model.DualStack.Target target,
            String targetId,
            Where where) {}

    /** A security group rule on an IPv6 block, by the group's ID. */
    public record Ipv6Rule(String groupId, boolean egress, Rule rule) {}

    /** A network ACL entry on an IPv6 block, by the ACL's ID. */
    public record Ipv6AclEntry(
            String aclId,
            int ruleNumber,
            boolean egress,
            boolean allow,
            Protocol protocol,
            PortRange ports,
            dev.stackwright.model.Ipv6Block block) {}

    /** Each VPC's IPv6 block by VPC ID (its first, when it has several). */
    public final Map<String, dev.stackwright.model.Ipv6Block> vpcIpv6 = new TreeMap<>();

    public final Map<String, SubnetIpv6> subnetIpv6 = new TreeMap<>();
    public final List<EgressOnlyGateway> egressOnlyGateways = new ArrayList<>();
    public final List<Ipv6Route> ipv6Routes = new ArrayList<>();
    public final List<Ipv6Rule> ipv6Rules = new ArrayList<>();
    public final List<Ipv6AclEntry> ipv6AclEntries = new ArrayList<>();
    /**
     * The IPv6 addresses of things by the thing's name, where the input says: a snapshot says for every interface (an
     * empty list: none), a template for those that ask for addresses ({@code Ipv6AddressCount}: listed, unknown which).
     */
    public final Map<String, dev.stackwright.model.DualStack.Ipv6Interface> thingIpv6 = new TreeMap<>();

    public final List<Vpc> vpcs = new ArrayList<>();
    public final List<Subnet> subnets = new ArrayList<>();
    public final List<RouteTable> routeTables = new ArrayList<>();
    public final List<GatewayAttachment> gatewayAttachments = new ArrayList<>();
    public final List<NatGateway> natGateways = new ArrayList<>();
    public final List<Group> groups = new ArrayList<>();
    public final List<Acl> acls = new ArrayList<>();
    public final List<Endpoint> endpoints = new ArrayList<>();
    public final List<Thing> things = new ArrayList<>();
    public final List<FlowLog> flowLogs = new ArrayList<>();
    public final List<Listener> listeners = new ArrayList<>();
    /**
     * Each VPC's default security group by VPC ID, when the input has it (a snapshot lists it with the name
     * {@code default}; a template cannot declare it).
     */
    public final Map<String, String> defaultGroups = new TreeMap<>();

    /**
     * Things whose input names no security group at all (not one it failed to resolve), by thing name: AWS launches
     * them in their VPC's default group, as it does a database without groups.
     */
    public final java.util.Set<String> namesNoGroup = new java.util.TreeSet<>();

    /**
     * Stand-ins for security groups a thing names but the import could not resolve (an import value, a parameter
     * without a value): the thing keeps them, so the analysis knows a group it lacks decides its traffic.
     */
    public final java.util.Set<String> unresolvedGroups = new java.util.TreeSet<>();

    /** What every VPC has but the input leaves out (a snapshot without its route tables or network ACLs). */
    public final java.util.Set<dev.stackwright.model.Network.Omitted> omitted =
            java.util.EnumSet.noneOf(dev.stackwright.model.Network.Omitted.class);

    /** Load balancer types by the load balancer's thing name; application when not given. */
    public final Map<String, LoadBalancer.Type> loadBalancerTypes = new TreeMap<>();

    public final List<TargetGroup> targetGroups = new ArrayList<>();
    /**
     * Target groups' {@code preserve_client_ip.enabled} attribute, by group ID, where the input gives it (a template's
     * {@code TargetGroupAttributes}, a snapshot's describe-target-group-attributes).
     */
    public final Map<String, Boolean> preserveClientIp = new TreeMap<>();

    /** The target group attribute that says whether a Network Load Balancer's targets see the client's address. */
    public static final String PRESERVE_CLIENT_IP = "preserve_client_ip.enabled";

    /** What a {@link #PRESERVE_CLIENT_IP} value that is neither true nor false leads to, for the finding. */
    public static final String PRESERVE_CLIENT_IP_DEFAULT = "is not true or false; the default for the target type and"
            + " protocol applies (on for instance targets and for UDP, off for IP targets over TCP or TLS)";

    /** {@code true} or {@code false} as AWS spells them (any case); empty for anything else. */
    public static Optional<Boolean> trueOrFalse(String value) {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** What a {@code HealthCheckPort} that cannot be read leads to, for the finding. */
    public static final String HEALTH_CHECK_PORT_DEFAULT =
            "health checks are taken to go to the traffic port (AWS's default)";

    /**
     * A {@code HealthCheckPort} as an importer read it, for templates and snapshots alike: {@code value} is the text
     * of a single value (empty when the input gives something else), {@code got} what the finding shows of it. One that
     * is neither traffic-port nor a port from 1 to 65535 is reported at {@code where} (asked only then: a snapshot
     * finds a single value's place by reading its file again) and taken as not given, so AWS's default applies.
     */
    public static LoadBalancer.HealthCheckPort healthCheckPort(
            Optional<String> value, String got, Supplier<Where> where, Findings findings) {
        Optional<LoadBalancer.HealthCheckPort> port = value.flatMap(LoadBalancer.HealthCheckPort::parse);
        if (port.isEmpty()) {
            Where w = where.get();
            findings.warn(
                    "bad-value",
                    w.at(),
                    w.path(),
                    "is not traffic-port or a port from 1 to 65535; " + HEALTH_CHECK_PORT_DEFAULT,
                    got,
                    "write traffic-port or a port from 1 to 65535");
        }
        return port.orElse(LoadBalancer.HealthCheckPort.NOT_GIVEN);
    }

    public final List<Forward> forwards = new ArrayList<>();
    public final List<Registration> registrations = new ArrayList<>();

    /** Load balancers a forward action of which names its target group in a way the import cannot read. */
    public final java.util.Set<String> forwardsUnread = new java.util.TreeSet<>();

    /**
     * Target groups (by ID) whose listing says which load balancers use them: describe-target-groups'
     * {@code LoadBalancerArns}, which names them whether a default action or a rule forwards to the group.
     */
    public final java.util.Set<String> groupsNamingBalancers = new java.util.TreeSet<>();

    /**
     * Whether {@code loadBalancer}'s listeners may forward to target groups besides those the input links to it
     * ({@link LoadBalancer#otherGroups}): a forward action names a group the input does not hold or that cannot be
     * read; or its listeners are in the input but not all their rules ({@link #rulesKnown}), and the input's target
     * groups do not each say which load balancers use them, so a rule the input lacks may forward to one of them.
     */
    public boolean otherGroups(String loadBalancer) {
        if (forwardsUnread.contains(loadBalancer)
                || forwards.stream()
                        .anyMatch(f -> f.loadBalancer().equals(loadBalancer)
                                && targetGroup(f.targetGroup()).isEmpty())) {
            return true;
        }
        boolean listenersKnown =
                listeners.stream().anyMatch(l -> l.loadBalancer().equals(loadBalancer));
        boolean groupsSay =
                !targetGroups.isEmpty() && targetGroups.stream().allMatch(g -> groupsNamingBalancers.contains(g.id()));
        return listenersKnown && !rulesKnown.contains(loadBalancer) && !groupsSay;
    }

    /** The target group of this ID, if read. */
    public Optional<TargetGroup> targetGroup(String id) {
        return targetGroups.stream().filter(g -> g.id().equals(id)).findFirst();
    }
    /** The status code of each VPC peering connection the input describes, by its ID ({@code active}, ...). */
    public final Map<String, String> peeringStatus = new TreeMap<>();

    /** Names of peering connections and transit gateways by ID, for route targets that read better. */
    public final Map<String, String> labels = new TreeMap<>();
    /** IDs of resources the importer left out after reporting why, so references to them are not reported again. */
    public final java.util.Set<String> leftOut = new java.util.TreeSet<>();

    /** A protocol as templates and the AWS CLI write it: a name or an IANA number; empty for the ones the model lacks. */
    public static Optional<Protocol> protocol(String text) {
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "-1", "all" -> Optional.of(Protocol.ALL);
            case "tcp", "6" -> Optional.of(Protocol.TCP);
            case "udp", "17" -> Optional.of(Protocol.UDP);
            case "icmp", "1" -> Optional.of(Protocol.ICMP);
            default -> Optional.empty();
        };
    }
}
