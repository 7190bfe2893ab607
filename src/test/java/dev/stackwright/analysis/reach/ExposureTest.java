package dev.stackwright.analysis.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.analysis.Networks;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.Network;
import dev.stackwright.model.Peer;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.model.Tier;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exposure report over planned networks and small changes to them. */
class ExposureTest {

    static Exposure of(Network n) {
        return Exposure.of(new Reachability(n));
    }

    @Test
    void fromTheInternet_onlyTheFrontDoorOn80_withoutACertificate_andTheBastionFromItsRange() {
        Exposure e = of(Networks.example("staging-gateway-bastion"));
        assertThat(e.fromInternet())
                .extracting(
                        i -> i.attachment().name() + " " + i.protocol().id() + " " + Reachability.portList(i.ports())
                                + " from " + i.describeSources() + (i.openToWorld() ? " (world)" : ""))
                .containsExactly(
                        "front-door-a tcp 80 from anywhere on the internet (world)",
                        "front-door-b tcp 80 from anywhere on the internet (world)",
                        "bastion tcp 22 from 203.0.113.0/24");
    }

    @Test
    void portsReachedFromDifferentSources_stayApart() {
        Network n = Networks.editGroup(
                Networks.example("staging-gateway-bastion"),
                "bastion",
                g -> Networks.addIngress(g, SecurityGroupRule.tcp(443, new Peer.Block(Cidr.ANYWHERE), "oops")));
        assertThat(of(n).fromInternet())
                .filteredOn(i -> i.attachment().name().equals("bastion"))
                .extracting(i -> Reachability.portList(i.ports()) + " from " + i.describeSources())
                .containsExactly("22 from 203.0.113.0/24", "443 from anywhere on the internet");
    }

    @Test
    void internetEgress_byTier_andNoneForTheDataTier() {
        Exposure e = of(Networks.example("prod-nat-instances"));
        assertThat(e.toInternet()).noneMatch(x -> x.tier() == Tier.DATA);
        assertThat(e.toInternet())
                .filteredOn(x -> x.attachment().name().equals("app-c"))
                .singleElement()
                .satisfies(x -> {
                    assertThat(x.protocol()).isEqualTo(Protocol.TCP);
                    assertThat(Reachability.portList(x.ports())).isEqualTo("443");
                    assertThat(x.via())
                            .containsExactly("via 0.0.0.0/0 -> NAT instance nat-c, then 0.0.0.0/0 -> internet gateway");
                });
        assertThat(e.toServices())
                .filteredOn(x -> x.attachment().name().equals("app-a"))
                .extracting(Exposure.Egress::destination)
                .containsExactly("dynamodb", "s3");
    }

    @Test
    void tierToTier_listsEveryPairThatConnects_withItsPorts() {
        Exposure e = of(Networks.example("prod-nat-instances"));
        assertThat(e.internal())
                .filteredOn(i -> i.toTier() == Tier.DATA)
                .allSatisfy(i -> {
                    assertThat(i.from().name()).startsWith("app-");
                    assertThat(Reachability.portList(i.ports())).isEqualTo("5432");
                })
                .hasSize(9);
        assertThat(e.internal()).noneMatch(i -> i.from().equals(i.to()));
    }

    @Test
    void portsBySources_groupsPortsThatTheSameSourcesReach() {
        Box a = new Box(new Interval(1, 1), Reachability.EPHEMERAL, new Interval(5, 5), new Interval(80, 80));
        Box b = new Box(new Interval(1, 1), Reachability.EPHEMERAL, new Interval(5, 5), new Interval(443, 443));
        Box c = new Box(new Interval(2, 2), Reachability.EPHEMERAL, new Interval(5, 5), new Interval(22, 22));
        var grouped = Exposure.portsBySources(PacketSet.union(List.of(a, b, c)));
        assertThat(grouped).hasSize(2);
        assertThat(grouped.get(IntervalSet.of(Interval.of(80), Interval.of(443))))
                .isEqualTo(IntervalSet.of(Interval.of(1)));
        assertThat(grouped.get(IntervalSet.of(Interval.of(22)))).isEqualTo(IntervalSet.of(Interval.of(2)));
    }
}
