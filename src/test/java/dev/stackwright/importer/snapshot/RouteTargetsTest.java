package dev.stackwright.importer.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.importer.snapshot.RouteTargets.Kind;
import dev.stackwright.importer.snapshot.RouteTargets.Target;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteTargetsTest {
    private static Target of(Map<String, String> route) {
        return RouteTargets.classify(key -> Optional.ofNullable(route.get(key)));
    }

    @Test
    void classify_eachFieldAndPrefix_givesOneKindWithTheRoutesId() {
        Map<Map<String, String>, Target> cases = Map.ofEntries(
                Map.entry(Map.of("GatewayId", "igw-1"), new Target(Kind.INTERNET_GATEWAY, "igw-1")),
                Map.entry(Map.of("GatewayId", "vgw-1"), new Target(Kind.VPN_GATEWAY, "vgw-1")),
                Map.entry(Map.of("GatewayId", "vpce-1"), new Target(Kind.GATEWAY_ENDPOINT, "vpce-1")),
                Map.entry(Map.of("GatewayId", "local"), new Target(Kind.LOCAL, "local")),
                Map.entry(Map.of("GatewayId", "cagw-1"), new Target(Kind.OTHER_GATEWAY, "cagw-1")),
                Map.entry(Map.of("NatGatewayId", "nat-1"), new Target(Kind.NAT_GATEWAY, "nat-1")),
                Map.entry(Map.of("NetworkInterfaceId", "eni-1"), new Target(Kind.NETWORK_INTERFACE, "eni-1")),
                Map.entry(Map.of("InstanceId", "i-1"), new Target(Kind.INSTANCE, "i-1")),
                Map.entry(Map.of("VpcPeeringConnectionId", "pcx-1"), new Target(Kind.PEERING, "pcx-1")),
                Map.entry(Map.of("TransitGatewayId", "tgw-1"), new Target(Kind.TRANSIT_GATEWAY, "tgw-1")),
                Map.entry(
                        Map.of("EgressOnlyInternetGatewayId", "eigw-1"),
                        new Target(Kind.EGRESS_ONLY_INTERNET_GATEWAY, "eigw-1")),
                Map.entry(
                        Map.of("State", "blackhole", "NatGatewayId", "nat-gone"),
                        new Target(Kind.BLACKHOLE, RouteTargets.BLACKHOLE_TEXT)),
                Map.entry(Map.of("CarrierGatewayId", "cagw-1"), new Target(Kind.UNKNOWN, RouteTargets.UNKNOWN_TEXT)));
        Set<Kind> seen = EnumSet.noneOf(Kind.class);
        cases.forEach((route, expected) -> {
            assertThat(of(route)).as("%s", route).isEqualTo(expected);
            seen.add(expected.kind());
        });
        assertThat(seen).as("every kind has a case").containsExactlyInAnyOrder(Kind.values());
    }

    @Test
    void classify_instanceRouteNamingItsInterface_isTheInstance() {
        assertThat(of(Map.of("InstanceId", "i-1", "NetworkInterfaceId", "eni-1", "State", "active")))
                .isEqualTo(new Target(Kind.INSTANCE, "i-1"));
    }

    @Test
    void classify_activeRoute_isNotABlackhole() {
        assertThat(of(Map.of("State", "active", "GatewayId", "igw-1")).kind()).isEqualTo(Kind.INTERNET_GATEWAY);
    }
}
