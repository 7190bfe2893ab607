package dev.stackwright.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Stackwright;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.Network;
import dev.stackwright.model.Subnet;
import dev.stackwright.model.Tier;
import dev.stackwright.plan.cidr.SubnetLayout;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The allocation's promises, over random VPC blocks, zone counts and task counts. */
class SubnetLayoutPropertiesTest {

    /** A VPC block anywhere in 172.16.0.0/12 (outside the environments' 10.0-10.2), /16 to /22. */
    @Provide
    Arbitrary<Cidr> vpcs() {
        return Combinators.combine(
                        Arbitraries.integers().between(16, 22),
                        Arbitraries.longs().between(0, (1L << 20) - 1))
                .as((prefix, raw) -> {
                    Cidr space = Cidr.parse("172.16.0.0/12");
                    long blocks = 1L << (prefix - 12);
                    return space.subnet(prefix, raw % blocks);
                });
    }

    private static Network plan(Cidr vpc, int azs, int maxTasks) {
        return Stackwright.plan(
                        "p.yml",
                        "name: prop\nnetwork:\n  cidr: " + vpc + "\n  azs: " + azs + "\n  maxTasks: " + maxTasks
                                + "\ndatabase: {engine: postgres}\n")
                .network();
    }

    private static int feasibleTasks(Cidr vpc, int wanted) {
        return Math.max(1, Math.min(wanted, SubnetLayout.maxTasksFor(vpc)));
    }

    @Property
    void subnets_areDisjoint_insideTheVpc_andBigEnough(
            @ForAll("vpcs") Cidr vpc,
            @ForAll @IntRange(min = 2, max = 3) int azs,
            @ForAll @IntRange(min = 1, max = 7000) int tasks) {
        int maxTasks = feasibleTasks(vpc, tasks);
        Network n = plan(vpc, azs, maxTasks);
        List<Subnet> subnets = n.subnets();
        assertThat(subnets).hasSize(3 * azs);
        for (int i = 0; i < subnets.size(); i++) {
            assertThat(vpc.contains(subnets.get(i).cidr()))
                    .as("%s inside %s", subnets.get(i), vpc)
                    .isTrue();
            for (int j = i + 1; j < subnets.size(); j++) {
                assertThat(subnets.get(i).cidr().overlaps(subnets.get(j).cidr()))
                        .as("%s and %s overlap", subnets.get(i), subnets.get(j))
                        .isFalse();
            }
        }
        for (Subnet s : subnets) {
            switch (s.tier()) {
                case APP -> assertThat(s.usableIps()).isGreaterThanOrEqualTo(SubnetLayout.neededAppIps(maxTasks));
                case PUBLIC ->
                    assertThat(s.cidr().prefixLength())
                            .as("an ALB needs at least a /27")
                            .isLessThanOrEqualTo(27);
                case DATA ->
                    assertThat(s.cidr().prefixLength())
                            .as("RDS needs at least a /28")
                            .isLessThanOrEqualTo(28);
            }
        }
    }

    @Property
    void addingAZone_neverMovesAnExistingSubnet(
            @ForAll("vpcs") Cidr vpc, @ForAll @IntRange(min = 1, max = 7000) int tasks) {
        int maxTasks = feasibleTasks(vpc, tasks);
        Map<String, Cidr> two = byName(plan(vpc, 2, maxTasks));
        Map<String, Cidr> three = byName(plan(vpc, 3, maxTasks));
        assertThat(three).containsAllEntriesOf(two);
        assertThat(three).hasSize(two.size() + 3);
    }

    @Property
    void changingOtherSettings_neverMovesASubnet(
            @ForAll("vpcs") Cidr vpc,
            @ForAll @IntRange(min = 1, max = 7000) int tasks,
            @ForAll @IntRange(min = 2, max = 3) int azs) {
        int maxTasks = feasibleTasks(vpc, tasks);
        Map<String, Cidr> base = byName(plan(vpc, azs, maxTasks));
        Map<String, Cidr> other = byName(Stackwright.plan(
                        "p.yml",
                        "name: prop\nnetwork:\n  cidr: " + vpc + "\n  azs: " + azs + "\n  maxTasks: " + maxTasks
                                + "\n  nat: none\n  access: bastion\n  bastionCidr: 198.51.100.0/24\n")
                .network());
        assertThat(other).isEqualTo(base);
    }

    @Property
    void growingMaxTasks_keepsEveryOtherTierAndTheAppStartAddresses(
            @ForAll("vpcs") Cidr vpc,
            @ForAll @IntRange(min = 1, max = 7000) int a,
            @ForAll @IntRange(min = 1, max = 7000) int b) {
        Network small = plan(vpc, 3, feasibleTasks(vpc, Math.min(a, b)));
        Network large = plan(vpc, 3, feasibleTasks(vpc, Math.max(a, b)));
        for (Subnet s : small.subnets()) {
            Subnet t = large.subnet(s.name()).orElseThrow();
            if (s.tier() == Tier.APP) {
                assertThat(t.cidr().block().getLower().withoutPrefixLength().toString())
                        .isEqualTo(s.cidr()
                                .block()
                                .getLower()
                                .withoutPrefixLength()
                                .toString());
                assertThat(t.cidr().contains(s.cidr())).isTrue();
            } else {
                assertThat(t.cidr()).isEqualTo(s.cidr());
            }
        }
    }

    @Property
    void zoneSlots_ofDifferentTiersAndZones_neverOverlap(@ForAll("vpcs") Cidr vpc) {
        List<Cidr> slots = new java.util.ArrayList<>();
        for (Tier tier : Tier.values()) {
            for (int z = 0; z < SubnetLayout.ZONE_SLOTS; z++) {
                slots.add(SubnetLayout.zoneSlot(vpc, tier, new dev.stackwright.model.Az(z)));
            }
        }
        for (int i = 0; i < slots.size(); i++) {
            for (int j = i + 1; j < slots.size(); j++) {
                assertThat(slots.get(i).overlaps(slots.get(j))).isFalse();
            }
        }
    }

    @Example
    void defaultProdLayout_isTheDocumentedOne() {
        Map<String, Cidr> subnets = byName(
                Stackwright.plan("p.yml", "name: shop\nenvironment: prod\n").network());
        assertThat(subnets)
                .containsEntry("app-a", Cidr.parse("10.0.0.0/24"))
                .containsEntry("app-b", Cidr.parse("10.0.32.0/24"))
                .containsEntry("app-c", Cidr.parse("10.0.64.0/24"))
                .containsEntry("public-a", Cidr.parse("10.0.128.0/24"))
                .containsEntry("public-c", Cidr.parse("10.0.144.0/24"))
                .containsEntry("data-a", Cidr.parse("10.0.160.0/24"))
                .containsEntry("data-c", Cidr.parse("10.0.176.0/24"));
    }

    @Example
    void neededAppIps_addsAQuarterOfHeadroom() {
        assertThat(SubnetLayout.neededAppIps(1)).isEqualTo(2);
        assertThat(SubnetLayout.neededAppIps(100)).isEqualTo(125);
        assertThat(SubnetLayout.neededAppIps(200)).isEqualTo(250);
        assertThat(SubnetLayout.neededAppIps(201)).isEqualTo(252);
    }

    private static Map<String, Cidr> byName(Network n) {
        return n.subnets().stream().collect(Collectors.toMap(Subnet::name, Subnet::cidr));
    }
}
