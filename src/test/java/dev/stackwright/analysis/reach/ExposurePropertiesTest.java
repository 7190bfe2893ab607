package dev.stackwright.analysis.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.analysis.Networks;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Network;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The grouped exposure report ({@link Exposure#of}: attachments grouped, pairs of groups pruned by their rules, the
 * engine asked without explanations) against {@link StraightforwardExposure}, which asks the engine about every
 * attachment and every pair: on random networks, on perturbed planned ones, and on copies with every attachment
 * doubled so groups have several members.
 */
class ExposurePropertiesTest {

    @Provide
    Arbitrary<List<Integer>> tapes() {
        return Arbitraries.integers().between(0, 999).list().ofMaxSize(180);
    }

    @Property(tries = 400)
    void groupedExposure_equalsTheStraightforwardOne_onRandomNetworks(@ForAll("tapes") List<Integer> tape) {
        same(RandomNetworks.build(tape).network());
    }

    /**
     * Where a Network Load Balancer's targets see its clients' addresses, the tier-to-tier connections are the engine's
     * answers too: every load balancer interface made a Network Load Balancer registering the other attachments.
     */
    @Property(tries = 200)
    void groupedExposure_equalsTheStraightforwardOne_withNetworkLoadBalancers(
            @ForAll("tapes") List<Integer> tape, @ForAll("tapes") List<Integer> draws) {
        same(RandomNetworks.withNetworkLoadBalancers(RandomNetworks.build(tape).network(), draws));
    }

    @Property(tries = 150)
    void groupedExposure_equalsTheStraightforwardOne_onPerturbedPlannedNetworks(@ForAll("tapes") List<Integer> tape) {
        same(PerturbedNetworks.build(tape).network());
    }

    @Property(tries = 200)
    void groupedExposure_equalsTheStraightforwardOne_withEveryAttachmentDoubled(@ForAll("tapes") List<Integer> tape) {
        Network n = RandomNetworks.build(tape).network();
        List<Attachment> doubled = new ArrayList<>(n.attachments());
        for (Attachment a : n.attachments()) {
            doubled.add(new Attachment(
                    a.name() + "-twin",
                    a.kind(),
                    a.subnetName(),
                    a.securityGroupNames().reversed(),
                    a.publicIp()));
        }
        same(Networks.withAttachments(n, doubled));
    }

    /**
     * Found by the property above: a NAT instance whose ingress rules admit one sender's group and not another's in
     * the same subnet. The way out through the instance depends on the sender's groups, so egress asked once per
     * subnet must key on the groups the instance's rules name.
     */
    @Test
    void theWayThroughANatInstance_dependsOnTheGroupsItsRulesName() {
        same(RandomNetworks.build(List.of(
                        0, 0, 0, 0, 2, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1, 1, 0, 0,
                        0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 0, 2, 0, 0, 1, 1))
                .network());
    }

    static void same(Network n) {
        Reachability reach = new Reachability(n);
        Exposure grouped = Exposure.of(reach);
        StraightforwardExposure.Report plain = StraightforwardExposure.of(reach);
        assertThat(grouped.fromInternet()).isEqualTo(plain.fromInternet());
        assertThat(grouped.toInternet()).isEqualTo(plain.toInternet());
        assertThat(grouped.toServices()).isEqualTo(plain.toServices());
        assertThat(grouped.internal()).isEqualTo(plain.internal());
        assertThat(grouped.undecided()).isEqualTo(plain.undecided());
        assertThat(grouped.connections().stream()
                        .mapToLong(Exposure.Connection::pairs)
                        .sum())
                .isEqualTo(plain.internal().size());
    }
}
