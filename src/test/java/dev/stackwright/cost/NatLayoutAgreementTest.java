package dev.stackwright.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Stackwright;
import dev.stackwright.model.Az;
import dev.stackwright.model.Nat;
import dev.stackwright.model.NatLayout;
import dev.stackwright.model.NatMode;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The NAT alternatives price what the planner would build: for every option and zone count, the devices of a network
 * planned with that option and the devices the comparison gives that option (from a plan with another) are the same.
 */
class NatLayoutAgreementTest {
    private static final String NAT_TYPE = "t4g.micro";

    @Test
    void everyOption_everyZoneCount_planAndComparisonHaveTheSameDevices() {
        int compared = 0;
        for (NatAlternatives.Option option : NatAlternatives.Option.values()) {
            for (int azs = 2; azs <= 3; azs++) {
                NetworkShape planned = NetworkShape.of(plan(option, azs).planned());
                assertThat(NatAlternatives.optionOf(planned))
                        .as(option + " in " + azs)
                        .isEqualTo(option);

                NatAlternatives.Option other = option == NatAlternatives.Option.GATEWAY
                        ? NatAlternatives.Option.GATEWAY_PER_AZ
                        : NatAlternatives.Option.GATEWAY;
                NetworkShape otherPlan = NetworkShape.of(plan(other, azs).planned());
                NetworkShape comparison = NatAlternatives.shapeFor(option, otherPlan, NAT_TYPE, List.of());

                assertThat(comparison.nats())
                        .as(option + " in " + azs + " zones")
                        .isEqualTo(planned.nats());
                assertThat(comparison.natMode()).isEqualTo(planned.natMode());
                assertThat(comparison.nats()).hasSize(expectedDevices(option, azs));
                compared++;
            }
        }
        assertThat(compared).isEqualTo(NatAlternatives.Option.values().length * 2);
    }

    /** Zone counts the spec does not allow yet: the layout itself, one device per zone where the mode says so. */
    @Test
    void layout_perZoneModes_oneDeviceInEachZone_sharedModes_oneInTheFirst() {
        for (int count = 1; count <= 6; count++) {
            List<Az> azs = IntStream.range(0, count).mapToObj(Az::new).toList();
            assertThat(NatLayout.devices(NatMode.INSTANCE, true, azs, NAT_TYPE))
                    .extracting(Nat::name)
                    .isEqualTo(azs.stream().map(az -> "nat-" + az.letter()).toList());
            assertThat(NatLayout.devices(NatMode.GATEWAY_PER_AZ, false, azs, NAT_TYPE))
                    .extracting(Nat::name)
                    .isEqualTo(azs.stream().map(az -> "nat-" + az.letter()).toList());
            assertThat(NatLayout.devices(NatMode.INSTANCE, false, azs, NAT_TYPE))
                    .extracting(Nat::name)
                    .containsExactly("nat-a");
            assertThat(NatLayout.devices(NatMode.GATEWAY, false, azs, NAT_TYPE))
                    .extracting(Nat::name)
                    .containsExactly("nat-a");
            assertThat(NatLayout.devices(NatMode.REGIONAL_GATEWAY, false, azs, NAT_TYPE))
                    .containsExactly(new Nat.RegionalGateway("nat"));
            assertThat(NatLayout.devices(NatMode.NONE, true, azs, NAT_TYPE)).isEmpty();
        }
    }

    private static int expectedDevices(NatAlternatives.Option option, int azs) {
        return switch (option) {
            case INSTANCE_PER_AZ, GATEWAY_PER_AZ -> azs;
            case INSTANCE_SHARED, GATEWAY, REGIONAL_GATEWAY -> 1;
            case NONE -> 0;
        };
    }

    private static Stackwright.Result plan(NatAlternatives.Option option, int azs) {
        String natInstance = option.mode() == NatMode.INSTANCE
                ? ", natInstance: {type: " + NAT_TYPE + ", perAz: " + option.instancePerAz() + "}"
                : "";
        return Stackwright.plan(
                "stackwright.yml",
                "name: shop\nnetwork: {azs: " + azs + ", nat: " + option.mode().id() + natInstance + "}\n");
    }
}
