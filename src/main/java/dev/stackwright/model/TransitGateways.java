package dev.stackwright.model;

import java.util.List;
import java.util.Optional;

/**
 * The transit gateways of an input, which belong to the account rather than to one VPC: their attachments (a VPC
 * through one subnet per zone, a peering with another transit gateway, a VPN, a Direct Connect gateway) and their
 * route tables, with associations, propagations and static routes.
 *
 * <p>A VPC attachment carries traffic only in the zones it has a subnet in: "any resources in Availability Zones where
 * there is no transit gateway attachment cannot reach the transit gateway"
 * (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html). Peered transit gateways need static routes:
 * "you must add a static route to the transit gateway route table that points to the transit gateway peering
 * attachment" (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-peering-add-route.html).
 *
 * @param gateways    the transit gateways the input declares or references
 * @param attachments their attachments
 * @param routeTables their route tables; a gateway with none has AWS's default table (every attachment associated
 *                    and propagating), which {@link #tablesOf} supplies
 */
public record TransitGateways(List<Gateway> gateways, List<Attachment> attachments, List<RouteTable> routeTables) {
    public static final TransitGateways NONE = new TransitGateways(List.of(), List.of(), List.of());

    public TransitGateways {
        gateways = List.copyOf(gateways);
        attachments = List.copyOf(attachments);
        routeTables = List.copyOf(routeTables);
    }

    /**
     * A transit gateway, by its ID in the input (a logical ID of a template, a {@code tgw-...} of a snapshot).
     *
     * @param securityGroupReferencing its {@code SecurityGroupReferencingSupport} option
     */
    public record Gateway(String id, SecurityGroupReferencing securityGroupReferencing) {
        /** A gateway whose options the input does not give. */
        public Gateway(String id) {
            this(id, SecurityGroupReferencing.NOT_IN_INPUT);
        }
    }

    /**
     * A gateway's or a VPC attachment's {@code SecurityGroupReferencingSupport} option, which lets a security group
     * rule of one attached VPC name a group of another: "Enables you to reference a security group across VPCs
     * attached to a transit gateway"
     * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayVpcAttachmentOptions.html).
     */
    public enum SecurityGroupReferencing {
        ENABLED,
        DISABLED,
        /** The input does not say (an older describe-* output, a gateway only named, a template's unclear default). */
        NOT_IN_INPUT;

        /** {@code enable} or {@code disable}; anything else is not a value AWS gives. */
        public static Optional<SecurityGroupReferencing> parse(String text) {
            return enableOrDisable(text, ENABLED, DISABLED);
        }
    }

    /**
     * An option's value as AWS writes it, {@code enable} or {@code disable}, else nothing. The options stay types of
     * their own (an IPv6 option cannot be passed for a referencing one), sharing how their text is read.
     */
    private static <O> Optional<O> enableOrDisable(String text, O on, O off) {
        return switch (text.strip()) {
            case "enable" -> Optional.of(on);
            case "disable" -> Optional.of(off);
            default -> Optional.empty();
        };
    }

    /** What a transit gateway attachment joins, as its {@code ResourceType} says. */
    public enum Kind {
        VPC,
        PEERING,
        VPN,
        DIRECT_CONNECT_GATEWAY,
        CONNECT,
        OTHER;

        /** {@code vpc}, {@code peering}, {@code vpn}, {@code direct-connect-gateway}, {@code connect}; else OTHER. */
        public static Kind parse(String text) {
            return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "vpc" -> VPC;
                case "peering", "tgw-peering" -> PEERING;
                case "vpn" -> VPN;
                case "direct-connect-gateway" -> DIRECT_CONNECT_GATEWAY;
                case "connect" -> CONNECT;
                default -> OTHER;
            };
        }

        /** "VPC", "peering", "VPN", "Direct Connect gateway", ...: for messages. */
        public String label() {
            return switch (this) {
                case VPC -> "VPC";
                case PEERING -> "peering";
                case VPN -> "VPN";
                case DIRECT_CONNECT_GATEWAY -> "Direct Connect gateway";
                case CONNECT -> "Connect";
                case OTHER -> "other";
            };
        }
    }

    /**
     * Whether a VPC attachment carries IPv6, its {@code Ipv6Support} option: "When enabled, the transit gateway network
     * interface receives an IPv6 address. When you enable route propagation, IPv6 VPC CIDRs propagate to the transit
     * gateway route tables. When disabled, the network interface does not receive an IPv6 address, and IPv6 routes do
     * not propagate. The setting does not filter IPv6 traffic. The default is disable."
     * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTransitGatewayVpcAttachmentRequestOptions.html)
     */
    public enum Ipv6Support {
        ENABLED,
        DISABLED,
        /** The input does not say (describe-transit-gateway-attachments alone has no options). */
        NOT_IN_INPUT;

        /** {@code enable} or {@code disable}; anything else is not a value AWS gives. */
        public static Optional<Ipv6Support> parse(String text) {
            return enableOrDisable(text, ENABLED, DISABLED);
        }
    }

    /**
     * One attachment. The same peering attachment is seen from both of its transit gateways: {@code gatewayId} is one
     * end, {@code peerGatewayId} the other.
     *
     * @param vpc           the attached VPC's name in the model (a VPC attachment)
     * @param block         the attached VPC's block, which the attachment propagates to route tables
     * @param subnets       the attachment's subnets by their names in the model (one per zone)
     * @param peerGatewayId the other transit gateway of a peering attachment
     * @param ipv6Blocks    the attached VPC's IPv6 blocks, which it propagates when {@code ipv6Support} is enabled
     * @param ipv6Unknown   whether the VPC has an IPv6 block the input does not give (Amazon-provided)
     * @param ipv6Support   the attachment's {@code Ipv6Support} option
     * @param securityGroupReferencing a VPC attachment's {@code SecurityGroupReferencingSupport} option
     */
    public record Attachment(
            String id,
            String gatewayId,
            Kind kind,
            Optional<String> vpc,
            Optional<Cidr> block,
            List<String> subnets,
            Optional<String> peerGatewayId,
            List<IpPrefix> ipv6Blocks,
            boolean ipv6Unknown,
            Ipv6Support ipv6Support,
            SecurityGroupReferencing securityGroupReferencing) {
        public Attachment {
            subnets = List.copyOf(subnets);
            ipv6Blocks = List.copyOf(ipv6Blocks);
        }

        /** An attachment whose security group referencing support the input does not give. */
        public Attachment(
                String id,
                String gatewayId,
                Kind kind,
                Optional<String> vpc,
                Optional<Cidr> block,
                List<String> subnets,
                Optional<String> peerGatewayId,
                List<IpPrefix> ipv6Blocks,
                boolean ipv6Unknown,
                Ipv6Support ipv6Support) {
            this(
                    id,
                    gatewayId,
                    kind,
                    vpc,
                    block,
                    subnets,
                    peerGatewayId,
                    ipv6Blocks,
                    ipv6Unknown,
                    ipv6Support,
                    SecurityGroupReferencing.NOT_IN_INPUT);
        }

        /** An attachment of an IPv4-only VPC, or of no VPC. */
        public Attachment(
                String id,
                String gatewayId,
                Kind kind,
                Optional<String> vpc,
                Optional<Cidr> block,
                List<String> subnets,
                Optional<String> peerGatewayId) {
            this(id, gatewayId, kind, vpc, block, subnets, peerGatewayId, List.of(), false, Ipv6Support.NOT_IN_INPUT);
        }

        /** "VPN attachment tgw-attach-1": for messages. */
        public String describe() {
            return kind.label() + " attachment " + id;
        }

        /** Whether this attachment ends at {@code gateway} (either side of a peering). */
        public boolean on(String gateway) {
            return gatewayId.equals(gateway)
                    || peerGatewayId.filter(gateway::equals).isPresent();
        }

        /** The VPC blocks a propagation brings to a route table: the IPv4 block, and the IPv6 ones when enabled. */
        public List<IpPrefix> propagated() {
            List<IpPrefix> out = new java.util.ArrayList<>();
            block.map(IpPrefix::of).ifPresent(out::add);
            if (ipv6Support == Ipv6Support.ENABLED) {
                out.addAll(ipv6Blocks);
            }
            return out;
        }
    }

    /**
     * A static route; {@code attachmentId} empty for a blackhole, which "drops traffic that matches the route"
     * (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-create-static-route.html).
     */
    public record StaticRoute(IpPrefix destination, Optional<String> attachmentId) {
        public StaticRoute(Cidr cidr, Optional<String> attachmentId) {
            this(IpPrefix.of(cidr), attachmentId);
        }
    }

    /**
     * A transit gateway route table.
     *
     * @param associations the attachments whose traffic it routes (an attachment has at most one)
     * @param propagations the attachments whose routes it learns (a VPC attachment's: the VPC's blocks)
     */
    public record RouteTable(
            String id,
            String gatewayId,
            List<String> associations,
            List<String> propagations,
            List<StaticRoute> routes) {
        public RouteTable {
            associations = List.copyOf(associations);
            propagations = List.copyOf(propagations);
            routes = List.copyOf(routes);
        }
    }

    public boolean isEmpty() {
        return gateways.isEmpty() && attachments.isEmpty() && routeTables.isEmpty();
    }

    /** Whether the input says anything about this gateway beyond its existence (attachments or route tables). */
    public boolean describes(String gateway) {
        return attachments.stream().anyMatch(a -> a.on(gateway))
                || routeTables.stream().anyMatch(t -> t.gatewayId().equals(gateway));
    }

    /**
     * The gateway's route tables; when the input gives none, AWS's default route table, with every attachment of
     * the gateway associated and propagating (default association and propagation are on unless turned off).
     */
    public List<RouteTable> tablesOf(String gateway) {
        List<RouteTable> own =
                routeTables.stream().filter(t -> t.gatewayId().equals(gateway)).toList();
        if (!own.isEmpty()) {
            return own;
        }
        List<Attachment> all = attachments.stream().filter(a -> a.on(gateway)).toList();
        // Peering attachments learn no routes: "you must add a static route" for them.
        return List.of(new RouteTable(
                "default route table of " + gateway,
                gateway,
                all.stream().map(Attachment::id).toList(),
                all.stream()
                        .filter(a -> a.kind() != Kind.PEERING)
                        .map(Attachment::id)
                        .toList(),
                List.of()));
    }

    /** The gateway of this ID, when the input declares or names it. */
    public Optional<Gateway> gateway(String id) {
        return gateways.stream().filter(g -> g.id().equals(id)).findFirst();
    }

    public Optional<Attachment> attachment(String id) {
        return attachments.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /** The attachment of a VPC to a gateway (AWS allows one per pair). */
    public Optional<Attachment> vpcAttachment(String gateway, String vpc) {
        return attachments.stream()
                .filter(a -> a.kind() == Kind.VPC
                        && a.gatewayId().equals(gateway)
                        && a.vpc().filter(vpc::equals).isPresent())
                .findFirst();
    }
}
