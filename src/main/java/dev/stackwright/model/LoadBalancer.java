package dev.stackwright.model;

import java.util.EnumSet;
import java.util.List;
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
 * @param targetGroups   the target groups its listeners forward to
 */
public record LoadBalancer(
        String name,
        Type type,
        boolean internetFacing,
        List<Listener> listeners,
        List<String> interfaces,
        List<TargetGroup> targetGroups) {
    public LoadBalancer {
        listeners = List.copyOf(listeners);
        interfaces = List.copyOf(interfaces);
        targetGroups = List.copyOf(targetGroups);
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
     * target's own port when it was registered with one. "You register targets with a target group ... each target
     * group routes requests to one or more registered targets ... using the protocol and port number that you
     * specify": https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html
     *
     * @param name         the group's name or ID in the input
     * @param targetType   instance, ip, lambda or alb
     * @param targets      the attachments registered in it, each with the port the load balancer uses towards it
     *                     (what an importer could resolve)
     * @param ports        the ports the load balancer uses towards its targets: the group's and any registered
     *                     target's own; empty when the input does not give the group's port
     * @param targetsKnown whether {@code targets} is all of them: a plan knows its services, a template names its
     *                     targets or the ECS services that register their tasks, a snapshot has describe-target-health;
     *                     without, which targets the group has cannot be told
     */
    public record TargetGroup(
            String name,
            Scheme protocol,
            TargetType targetType,
            List<Target> targets,
            List<Integer> ports,
            boolean targetsKnown) {
        public TargetGroup {
            targets = List.copyOf(targets);
            ports = List.copyOf(ports);
        }

        /** The ports the load balancer opens connections to {@code attachment} on; empty when it is not a target. */
        public List<Integer> portsOf(String attachment) {
            return targets.stream()
                    .filter(t -> t.attachment().equals(attachment))
                    .map(Target::port)
                    .distinct()
                    .sorted()
                    .toList();
        }
    }

    /**
     * One registered target: an attachment (an instance's interface, a task's, an IP's owner) and the port the load
     * balancer connects to it on, the target's own or the group's; {@link #ANY_PORT} when neither is given.
     */
    public record Target(String attachment, int port) {
        /** The port of a target whose group's port the input does not give: any port may be used. */
        public static final int ANY_PORT = -1;
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
