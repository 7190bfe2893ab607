package dev.stackwright.importer.snapshot;

import java.util.Optional;
import java.util.function.Function;

/**
 * What a route of {@code describe-route-tables} leads to, decided once for IPv4 and IPv6 routes alike: each family's
 * reader maps the kind onto what its analysis follows.
 */
final class RouteTargets {
    private RouteTargets() {}

    /** The targets a route names, by its field and, for {@code GatewayId}, the ID's prefix. */
    enum Kind {
        /** A route whose target was deleted ({@code State: blackhole}). */
        BLACKHOLE,
        /** The VPC's own block ({@code GatewayId: local}). */
        LOCAL,
        INTERNET_GATEWAY,
        EGRESS_ONLY_INTERNET_GATEWAY,
        NAT_GATEWAY,
        /** An instance (its interface may be named too). */
        INSTANCE,
        /** An interface that no instance is named beside. */
        NETWORK_INTERFACE,
        PEERING,
        TRANSIT_GATEWAY,
        VPN_GATEWAY,
        /** A gateway endpoint of a service such as S3 ({@code GatewayId: vpce-...}). */
        GATEWAY_ENDPOINT,
        /** A {@code GatewayId} of a kind not listed here. */
        OTHER_GATEWAY,
        /** None of the fields this reader knows. */
        UNKNOWN
    }

    /**
     * @param id the ID the route names for its target (the instance's, for an instance), or words for a blackhole and
     *     an unknown target
     */
    record Target(Kind kind, String id) {}

    static final String BLACKHOLE_TEXT = "a blackhole (its target was deleted)";
    static final String UNKNOWN_TEXT = "a target this reader does not know";

    /**
     * The target of a route, from its fields. AWS names one target a route (an instance route names the instance's
     * interface too); where a hand-made file names more, the first in this order wins.
     *
     * @param field a route's text field by name, empty when absent or empty
     */
    static Target classify(Function<String, Optional<String>> field) {
        if (field.apply("State").map("blackhole"::equals).orElse(false)) {
            return new Target(Kind.BLACKHOLE, BLACKHOLE_TEXT);
        }
        Optional<String> eigw = field.apply("EgressOnlyInternetGatewayId");
        if (eigw.isPresent()) {
            return new Target(Kind.EGRESS_ONLY_INTERNET_GATEWAY, eigw.get());
        }
        Optional<String> nat = field.apply("NatGatewayId");
        if (nat.isPresent()) {
            return new Target(Kind.NAT_GATEWAY, nat.get());
        }
        Optional<String> instance = field.apply("InstanceId");
        Optional<String> eni = field.apply("NetworkInterfaceId");
        if (eni.isPresent() && instance.isEmpty()) {
            return new Target(Kind.NETWORK_INTERFACE, eni.get());
        }
        if (instance.isPresent()) {
            return new Target(Kind.INSTANCE, instance.get());
        }
        Optional<String> peering = field.apply("VpcPeeringConnectionId");
        if (peering.isPresent()) {
            return new Target(Kind.PEERING, peering.get());
        }
        Optional<String> tgw = field.apply("TransitGatewayId");
        if (tgw.isPresent()) {
            return new Target(Kind.TRANSIT_GATEWAY, tgw.get());
        }
        Optional<String> gateway = field.apply("GatewayId");
        if (gateway.isPresent()) {
            return new Target(gatewayKind(gateway.get()), gateway.get());
        }
        return new Target(Kind.UNKNOWN, UNKNOWN_TEXT);
    }

    /** {@code GatewayId} holds several kinds of gateway; AWS's ID prefixes tell them apart. */
    private static Kind gatewayKind(String id) {
        if (id.equals("local")) {
            return Kind.LOCAL;
        } else if (id.startsWith("igw-")) {
            return Kind.INTERNET_GATEWAY;
        } else if (id.startsWith("vgw-")) {
            return Kind.VPN_GATEWAY;
        } else if (id.startsWith("vpce-")) {
            return Kind.GATEWAY_ENDPOINT;
        }
        return Kind.OTHER_GATEWAY;
    }
}
