package dev.stackwright.model;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A load balancer with its listeners and target groups: what it answers on, whether plain HTTP is passed on or sent to
 * HTTPS, and whom it forwards to. Its network interfaces are {@link Attachment}s (named in {@code interfaces}); this is
 * what the load balancer does with the traffic its groups admit.
 *
 * <p>A listener "checks for connection requests using the protocol and port you configure": a load balancer accepts
 * connections on its listeners' ports and no others, whatever its security groups allow.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html
 *
 * @param name           the load balancer's name in the network ({@code front-door} when planned)
 * @param type           application, network or gateway
 * @param internetFacing whether its scheme is internet-facing (rather than internal)
 * @param listeners      its listeners; empty when the input does not say (a listener may live in another stack), and
 *                       then the load balancer is taken to accept whatever its groups admit
 * @param interfaces     the names of its attachments (one per subnet); empty when the input does not say
 * @param targetGroups   the target groups its listeners forward to, by their default actions and by their rules
 * @param authentication whether its listeners authenticate users through an identity provider, where the input says
 * @param otherGroups    whether its listeners may forward to target groups besides {@code targetGroups}: a forward
 *                       action names a group the input does not hold, or its listener rules are not all in the input
 *                       and nothing else says which groups it uses (a snapshot's {@code LoadBalancerArns})
 */
public record LoadBalancer(
        String name,
        Type type,
        boolean internetFacing,
        List<Listener> listeners,
        List<String> interfaces,
        List<TargetGroup> targetGroups,
        Authentication authentication,
        boolean otherGroups) {
    public LoadBalancer {
        listeners = List.copyOf(listeners);
        interfaces = List.copyOf(interfaces);
        targetGroups = List.copyOf(targetGroups);
    }

    /** A load balancer whose target groups are all of those it forwards to. */
    public LoadBalancer(
            String name,
            Type type,
            boolean internetFacing,
            List<Listener> listeners,
            List<String> interfaces,
            List<TargetGroup> targetGroups,
            Authentication authentication) {
        this(name, type, internetFacing, listeners, interfaces, targetGroups, authentication, false);
    }

    /** A load balancer whose listener rules the input does not give: whether it authenticates is not known. */
    public LoadBalancer(
            String name,
            Type type,
            boolean internetFacing,
            List<Listener> listeners,
            List<String> interfaces,
            List<TargetGroup> targetGroups) {
        this(name, type, internetFacing, listeners, interfaces, targetGroups, Authentication.NOT_KNOWN);
    }

    /** This load balancer with {@code authentication} instead. */
    public LoadBalancer withAuthentication(Authentication authentication) {
        return new LoadBalancer(
                name, type, internetFacing, listeners, interfaces, targetGroups, authentication, otherGroups);
    }

    /**
     * Whether the input gives every listener and every rule of it and none forwards to a target group: its listeners
     * answer with fixed responses or redirects, so it opens connections to nothing.
     */
    public boolean forwardsNowhere() {
        return listenersKnown() && authentication != Authentication.NOT_KNOWN && targetGroups.isEmpty() && !otherGroups;
    }

    /**
     * Whether an Application Load Balancer's listeners authenticate users: an {@code authenticate-oidc} or
     * {@code authenticate-cognito} action, in a listener's default actions or in a listener rule, signs users in
     * through "an identity provider (IdP) that is OpenID Connect (OIDC) compliant" or an Amazon Cognito user pool, and
     * the load balancer then connects to the IdP's endpoints
     * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-authenticate-users.html). "Each
     * rule consists of a priority, one or more actions, and one or more conditions"
     * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-update-rules.html): only when the
     * input gives every listener and every rule can it say that none authenticates.
     */
    public enum Authentication {
        /** The input gives all its listeners and their rules, and no action authenticates. */
        NONE,
        /** A default action or a rule of one of its listeners authenticates. */
        SOME,
        /**
         * The input does not give all its listeners' rules (a snapshot without describe-rules, a rule on a listener of
         * another stack, a listener the template shares through its outputs), and none it gives authenticates.
         */
        NOT_KNOWN;

        /** Whether an action's {@code Type} authenticates: {@code authenticate-oidc} or {@code authenticate-cognito}. */
        public static boolean authenticates(String actionType) {
            String t = actionType.strip().toLowerCase(java.util.Locale.ROOT);
            return t.equals("authenticate-oidc") || t.equals("authenticate-cognito");
        }
    }

    /** An application load balancer whose interfaces and target groups are not known. */
    public LoadBalancer(String name, boolean internetFacing, List<Listener> listeners) {
        this(name, Type.APPLICATION, internetFacing, listeners, List.of(), List.of());
    }

    /** The kinds of Elastic Load Balancing v2, as {@code Type} names them. */
    public enum Type {
        APPLICATION,
        NETWORK,
        GATEWAY;

        /** {@code application}, {@code network} or {@code gateway}, as AWS spells it; anything else is application. */
        public static Type parse(String text) {
            return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "network" -> NETWORK;
                case "gateway" -> GATEWAY;
                default -> APPLICATION;
            };
        }
    }

    /** One listener: a port, the protocol it speaks, and whether its default action redirects to HTTPS. */
    public record Listener(int port, Scheme scheme, boolean redirectsToHttps) {}

    /**
     * Listener and target group protocols of Elastic Load Balancing v2; {@code OTHER} for one the input spells in a way
     * we do not know (taken as TCP and UDP, so nothing is wrongly called blocked).
     */
    public enum Scheme {
        HTTP,
        HTTPS,
        TCP,
        TLS,
        UDP,
        TCP_UDP,
        GENEVE,
        OTHER;

        /** The protocol as AWS spells it ({@code HTTP}, {@code TCP_UDP}, ...); {@code OTHER} for anything else. */
        public static Scheme parse(String text) {
            for (Scheme s : values()) {
                if (s != OTHER && s.name().equalsIgnoreCase(text.trim())) {
                    return s;
                }
            }
            return OTHER;
        }

        /**
         * The IP protocols a listener of this kind accepts: HTTP, HTTPS, TCP and TLS ride on TCP; UDP and GENEVE
         * (a gateway load balancer's, on 6081) on UDP; TCP_UDP on both.
         * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-listeners.html
         */
        public Set<Protocol> transports() {
            return switch (this) {
                case HTTP, HTTPS, TCP, TLS -> EnumSet.of(Protocol.TCP);
                case UDP, GENEVE -> EnumSet.of(Protocol.UDP);
                case TCP_UDP, OTHER -> EnumSet.of(Protocol.TCP, Protocol.UDP);
            };
        }
    }

    /**
     * A target group: the load balancer opens connections to its registered targets on the group's port, or on a
     * target's own port when it was registered with one, and health-checks them on its health check port
     * ({@link #opens}). "You register targets with a target group ... each target
     * group routes requests to one or more registered targets ... using the protocol and port number that you
     * specify": https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html
     *
     * @param name         the group's name or ID in the input
     * @param targetType   instance, ip, lambda or alb
     * @param targets      the attachments registered in it, each with the port the load balancer uses towards it
     *                     (what an importer could resolve)
     * @param ports        the ports the load balancer passes traffic to its targets on: the group's and any registered
     *                     target's own; empty when the input does not give the group's port
     * @param targetsKnown whether {@code targets} is all of them: a plan knows its services, a template names its
     *                     targets or the ECS services that register their tasks, a snapshot has describe-target-health;
     *                     without, which targets the group has cannot be told
     * @param preserveClientIp the group's {@code preserve_client_ip.enabled} attribute as the input gives it; empty
     *                     when it does not, and then AWS's default for the target type and protocol applies
     *                     ({@link LoadBalancer#preservesClientIp})
     * @param healthCheckPort the group's {@code HealthCheckPort}: {@code traffic-port}, a number, or not given
     */
    public record TargetGroup(
            String name,
            Scheme protocol,
            TargetType targetType,
            List<Target> targets,
            List<Integer> ports,
            boolean targetsKnown,
            Optional<Boolean> preserveClientIp,
            HealthCheckPort healthCheckPort) {
        public TargetGroup {
            targets = List.copyOf(targets);
            ports = List.copyOf(ports);
        }

        /** A group whose {@code HealthCheckPort} the input does not give: AWS's default applies. */
        public TargetGroup(
                String name,
                Scheme protocol,
                TargetType targetType,
                List<Target> targets,
                List<Integer> ports,
                boolean targetsKnown,
                Optional<Boolean> preserveClientIp) {
            this(name, protocol, targetType, targets, ports, targetsKnown, preserveClientIp, HealthCheckPort.NOT_GIVEN);
        }

        /** A group whose {@code preserve_client_ip.enabled} attribute the input does not give. */
        public TargetGroup(
                String name,
                Scheme protocol,
                TargetType targetType,
                List<Target> targets,
                List<Integer> ports,
                boolean targetsKnown) {
            this(name, protocol, targetType, targets, ports, targetsKnown, Optional.empty());
        }

        /**
         * The connections the load balancer opens to a target of this group that receives traffic on {@code
         * trafficPort} ({@link Target#ANY_PORT} when the input gives no port): the traffic, over each transport of the
         * group's protocol, and the health checks, over TCP on the health check port ({@link HealthCheckPort#of}).
         * Every place that asks what a load balancer opens towards a target asks this. A Lambda group's functions are
         * invoked (and so health-checked), never connected to: none.
         */
        public List<Opening> opens(int trafficPort) {
            if (targetType == TargetType.LAMBDA) {
                return List.of();
            }
            List<Opening> out = new ArrayList<>();
            for (Protocol transport : protocol.transports()) {
                out.add(new Opening(trafficPort, transport, Purpose.TRAFFIC));
            }
            out.add(new Opening(healthCheckPort.of(trafficPort, protocol), Protocol.TCP, Purpose.HEALTH_CHECK));
            return List.copyOf(out);
        }

        /**
         * What the load balancer may open over {@code transport} to any target of this group, whoever they are: the
         * openings on the group's port and each registered target's own ({@link Target#ANY_PORT} when the input gives
         * none), as {@link #opens} says.
         */
        public List<Opening> opensOver(Protocol transport) {
            List<Integer> trafficPorts = ports.isEmpty() ? List.of(Target.ANY_PORT) : ports;
            return trafficPorts.stream()
                    .flatMap(p -> opens(p).stream())
                    .filter(o -> o.transport() == transport)
                    .distinct()
                    .toList();
        }

        /** The ports the load balancer opens connections to {@code attachment} on; empty when it is not a target. */
        public List<Integer> portsOf(String attachment) {
            return targets.stream()
                    .filter(t -> t.attachment().equals(attachment))
                    .flatMap(t -> opens(t.port()).stream())
                    .map(Opening::port)
                    .distinct()
                    .sorted()
                    .toList();
        }
    }

    /** Why a load balancer opens a connection to a target: to pass on traffic, or to check the target's health. */
    public enum Purpose {
        TRAFFIC,
        HEALTH_CHECK
    }

    /**
     * One kind of connection a load balancer opens to a target: the destination port ({@link Target#ANY_PORT} when
     * the input gives none), the transport, and why.
     */
    public record Opening(int port, Protocol transport, Purpose purpose) {
        /**
         * Whether this is a health check on a port where, among {@code opens}, the target also gets TCP traffic: that
         * connection is the traffic's as well.
         */
        public boolean healthCheckOnTrafficPort(List<Opening> opens) {
            return purpose == Purpose.HEALTH_CHECK && opens.contains(new Opening(port, Protocol.TCP, Purpose.TRAFFIC));
        }
    }

    /**
     * A target group's {@code HealthCheckPort}: "The port the load balancer uses when performing health checks on
     * targets. The default is to use the port on which each target receives traffic from the load balancer"
     * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html), written
     * {@code traffic-port} or a number; and "If the protocol is GENEVE, the default is port 80"
     * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html). Health checks
     * ride on TCP whatever the group's protocol: "The GENEVE, TLS, UDP, and TCP_UDP protocols are not supported for
     * health checks" (same page), so HTTP, HTTPS or TCP.
     */
    public sealed interface HealthCheckPort {
        /** {@code traffic-port}, written so in the input or chosen by the planner. */
        HealthCheckPort TRAFFIC_PORT = new TrafficPort();

        /** The input does not say (or says something unreadable, reported): AWS's default applies. */
        HealthCheckPort NOT_GIVEN = new NotGiven();

        /**
         * The port health checks go to, for a target that receives traffic on {@code trafficPort} in a group of
         * {@code protocol}.
         */
        int of(int trafficPort, Scheme protocol);

        /** {@code traffic-port} or a port from 1 to 65535, as AWS spells them; empty for anything else. */
        static Optional<HealthCheckPort> parse(String text) {
            String t = text.strip();
            if (t.equalsIgnoreCase("traffic-port")) {
                return Optional.of(TRAFFIC_PORT);
            }
            if (t.matches("[0-9]{1,5}")) {
                int port = Integer.parseInt(t);
                if (port >= 1 && port <= 65535) {
                    return Optional.of(new PortNumber(port));
                }
            }
            return Optional.empty();
        }

        /** The port each target receives traffic on. */
        record TrafficPort() implements HealthCheckPort {
            @Override
            public int of(int trafficPort, Scheme protocol) {
                return trafficPort;
            }
        }

        /** A port of its own, the same for every target of the group. */
        record PortNumber(int port) implements HealthCheckPort {
            public PortNumber {
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("a health check port is from 1 to 65535, not " + port);
                }
            }

            @Override
            public int of(int trafficPort, Scheme protocol) {
                return port;
            }
        }

        /** Not in the input: the traffic port, or 80 for a Gateway Load Balancer's GENEVE group. */
        record NotGiven() implements HealthCheckPort {
            @Override
            public int of(int trafficPort, Scheme protocol) {
                return protocol == Scheme.GENEVE ? 80 : trafficPort;
            }
        }
    }

    /**
     * One registered target: an attachment (an instance's interface, a task's, an IP's owner) and the port the load
     * balancer connects to it on, the target's own or the group's; {@link #ANY_PORT} when neither is given.
     */
    public record Target(String attachment, int port, Health health) {
        /** The port of a target whose group's port the input does not give: any port may be used. */
        public static final int ANY_PORT = -1;

        /** A target whose health the input does not give (a plan, a template): taken to receive connections. */
        public Target(String attachment, int port) {
            this(attachment, port, Health.NOT_GIVEN);
        }
    }

    /**
     * A target's health as describe-target-health reports it ({@code TargetHealth.State} and {@code Reason}), and what
     * that means for new connections. "Each load balancer node routes requests only to the healthy targets in the
     * enabled Availability Zones", but "if a target group contains only unhealthy registered targets, the load
     * balancer routes requests to all those targets, regardless of their health status" (it fails open):
     * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html. So an
     * {@code unhealthy} or {@code initial} target may still receive connections. An {@code unused} one does not: it is
     * not registered, its group is not used by the load balancer, or it is "in an Availability Zone that is not
     * enabled for its load balancer" ({@code Target.NotInUse}), or stopped
     * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html); nor a
     * {@code draining} one: "The load balancer stops sending requests to targets that are deregistering"
     * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DeregisterTargets.html); nor one
     * {@code unhealthy.draining}, where "targets do not receive new connections"
     * (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-health.html). {@code unavailable} says only that
     * the health is not known ("Target health is unavailable due to an internal error", or health checks disabled),
     * so whether it receives connections cannot be told; neither can it for a state this reader does not know.
     *
     * @param state  the state as AWS spells it ({@code healthy}, {@code draining}...); empty when not given
     * @param reason the reason code ({@code Target.NotInUse}...); empty when not given
     */
    public record Health(String state, String reason) {
        /** No health in the input: the target is taken to receive connections, as before any health was read. */
        public static final Health NOT_GIVEN = new Health("", "");

        /** Whether a target in this state receives new connections from its load balancer. */
        public Receives receives() {
            return switch (state.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "", "healthy", "initial", "unhealthy" -> Receives.YES;
                case "unused", "draining", "unhealthy.draining" -> Receives.NO;
                default -> Receives.UNKNOWN;
            };
        }

        /** "draining (Target.DeregistrationInProgress)", or the state alone when there is no reason. */
        public String describe() {
            return reason.isBlank() ? state : state + " (" + reason + ")";
        }
    }

    /** Whether a target receives new connections: yes (or may, failing open), no, or the input cannot tell. */
    public enum Receives {
        YES,
        NO,
        UNKNOWN
    }

    /**
     * Whether the targets of {@code group} see the client's address rather than the load balancer's. Only a Network
     * Load Balancer preserves it: "By default, client IP preservation is enabled (and can't be disabled) for instance
     * and IP type target groups with UDP, TCP_UDP, QUIC, and TCP_QUIC protocols. However, you can enable or disable
     * client IP preservation for TCP and TLS target groups using the preserve_client_ip.enabled target group
     * attribute. Default settings: Instance type target groups: Enabled; IP type target groups (UDP, TCP_UDP, QUIC,
     * TCP_QUIC): Enabled; IP type target groups (TCP, TLS): Disabled", and "When you disable client IP preservation,
     * the source IP address is the private IP address of the Network Load Balancer":
     * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#client-ip-preservation.
     * The page gives no default for an {@code alb} target group: it is taken as not preserving (the Application Load
     * Balancer behind it is what the analysis sees). An Application Load Balancer opens its own connections.
     */
    public boolean preservesClientIp(TargetGroup group) {
        if (type != Type.NETWORK
                || (group.targetType() != TargetType.INSTANCE && group.targetType() != TargetType.IP)) {
            return false;
        }
        if (group.protocol() == Scheme.UDP || group.protocol() == Scheme.TCP_UDP) {
            return true;
        }
        return group.preserveClientIp().orElse(group.targetType() == TargetType.INSTANCE);
    }

    /** What a target group's targets are, as {@code TargetType} names them. */
    public enum TargetType {
        INSTANCE,
        IP,
        LAMBDA,
        ALB;

        /** {@code instance}, {@code ip}, {@code lambda} or {@code alb}; anything else is instance (AWS's default). */
        public static TargetType parse(String text) {
            return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "ip" -> IP;
                case "lambda" -> LAMBDA;
                case "alb" -> ALB;
                default -> INSTANCE;
            };
        }
    }

    public boolean servesHttps() {
        return listeners.stream().anyMatch(l -> l.scheme() == Scheme.HTTPS);
    }

    /** HTTP listeners that pass requests on in plain text rather than redirect them to HTTPS. */
    public List<Listener> plainHttp() {
        return listeners.stream()
                .filter(l -> l.scheme() == Scheme.HTTP && !l.redirectsToHttps())
                .toList();
    }

    /** Whether the input says what the load balancer listens on: without, its groups alone decide. */
    public boolean listenersKnown() {
        return !listeners.isEmpty();
    }

    /**
     * The ports its listeners accept over {@code protocol}: an application load balancer's listeners speak HTTP or
     * HTTPS, so only TCP; a network load balancer's what each listener's protocol says.
     */
    public List<Integer> listenerPorts(Protocol protocol) {
        return listeners.stream()
                .filter(l -> l.scheme().transports().contains(protocol))
                .map(Listener::port)
                .distinct()
                .sorted()
                .toList();
    }
}
