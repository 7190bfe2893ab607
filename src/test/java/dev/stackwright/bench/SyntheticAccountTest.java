package dev.stackwright.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.model.Attachment;
import dev.stackwright.model.Network;
import dev.stackwright.model.SecurityGroup;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generator gives the shape asked for, the same network for the same seed, and a valid network. */
class SyntheticAccountTest {

    @Test
    void shape_hasTheInterfacesAndRulesAskedFor_plusOneNatGatewayPerZone() {
        Network n = SyntheticAccount.generate(1000, 2000, 7);
        assertThat(n.attachments()).hasSize(1003);
        assertThat(n.securityGroups().stream()
                        .mapToInt(g -> g.ingress().size() + g.egress().size())
                        .sum())
                .isEqualTo(2000);
        assertThat(n.attachments())
                .filteredOn(a -> a.kind() == Attachment.Kind.NAT_GATEWAY)
                .hasSize(3);
    }

    @Test
    void defaultEgressShape_movesTheEgressClutterToIngress_andChangesNothingElse() {
        Network clutter = SyntheticAccount.generate(1000, 2000, 7);
        Network plain = SyntheticAccount.generateWithDefaultEgress(1000, 2000, 7);
        assertThat(plain.attachments()).isEqualTo(clutter.attachments());
        assertThat(plain.subnets()).isEqualTo(clutter.subnets());
        assertThat(plain.securityGroups().stream()
                        .mapToInt(g -> g.ingress().size() + g.egress().size())
                        .sum())
                .isEqualTo(2000);
        // Each group has the one egress rule its role gives it, so most groups share allow-all egress.
        assertThat(plain.securityGroups())
                .allSatisfy(g -> assertThat(g.egress()).hasSize(1));
        assertThat(clutter.securityGroups())
                .anySatisfy(g -> assertThat(g.egress()).hasSizeGreaterThan(1));
    }

    @Test
    void sameSeed_sameNetwork_otherSeed_otherNetwork() {
        assertThat(SyntheticAccount.generate(500, 1000, 1)).isEqualTo(SyntheticAccount.generate(500, 1000, 1));
        assertThat(SyntheticAccount.generate(500, 1000, 1)).isNotEqualTo(SyntheticAccount.generate(500, 1000, 2));
    }

    @Test
    void everyReference_resolves_andNamesAreUnique() {
        Network n = SyntheticAccount.generate(2000, 4000, 3);
        Set<String> groups = new HashSet<>();
        n.securityGroups().forEach(g -> groups.add(g.name()));
        Set<String> subnets = new HashSet<>();
        n.subnets().forEach(s -> subnets.add(s.name()));
        assertThat(n.attachments()).allSatisfy(a -> {
            assertThat(subnets).contains(a.subnetName());
            assertThat(groups).containsAll(a.securityGroupNames());
        });
        assertThat(n.attachments().stream().map(Attachment::name).distinct())
                .hasSize(n.attachments().size());
        assertThat(n.subnets())
                .allSatisfy(
                        s -> assertThat(n.vpc().cidr().block().contains(s.cidr().block()))
                                .isTrue());
        assertThat(n.securityGroups())
                .extracting(SecurityGroup::role)
                .contains(
                        SecurityGroup.Role.FRONT_DOOR,
                        SecurityGroup.Role.APP,
                        SecurityGroup.Role.DATABASE,
                        SecurityGroup.Role.BASTION);
    }

    @Test
    void tooFewRulesForTheWorkloads_isRefused() {
        assertThatThrownBy(() -> SyntheticAccount.generate(1000, 100, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 rules per workload");
    }
}
