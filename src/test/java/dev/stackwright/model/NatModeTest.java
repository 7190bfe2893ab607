package dev.stackwright.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The NAT mode a network's devices show, for a VPC no spec describes. */
class NatModeTest {
    private static final Nat INSTANCE = new Nat.Instance("nat-a", new Az(0), "public-a", "t4g.nano", "nat");
    private static final Nat GATEWAY_A = new Nat.Gateway("nat-a", new Az(0), "public-a");
    private static final Nat GATEWAY_B = new Nat.Gateway("nat-b", new Az(1), "public-b");
    private static final Nat REGIONAL = new Nat.RegionalGateway("nat");

    @Test
    void of_readsTheModeFromTheDevices() {
        assertThat(NatMode.of(List.of())).isEqualTo(NatMode.NONE);
        assertThat(NatMode.of(List.of(GATEWAY_A))).isEqualTo(NatMode.GATEWAY);
        assertThat(NatMode.of(List.of(GATEWAY_A, GATEWAY_B))).isEqualTo(NatMode.GATEWAY_PER_AZ);
        assertThat(NatMode.of(List.of(REGIONAL))).isEqualTo(NatMode.REGIONAL_GATEWAY);
        assertThat(NatMode.of(List.of(INSTANCE))).isEqualTo(NatMode.INSTANCE);
    }

    @Test
    void of_mixedDevices_instancesFirst_thenTheRegionalGateway() {
        assertThat(NatMode.of(List.of(GATEWAY_A, INSTANCE))).isEqualTo(NatMode.INSTANCE);
        assertThat(NatMode.of(List.of(GATEWAY_A, REGIONAL))).isEqualTo(NatMode.REGIONAL_GATEWAY);
    }
}
