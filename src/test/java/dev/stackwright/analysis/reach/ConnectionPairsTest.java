package dev.stackwright.analysis.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.model.Attachment;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.Tier;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pairs between parts of a connection's ends: counted by size when the ends share no attachment (different groups),
 * and attachment by attachment when they may (a group reaching its own members), as the plain count does.
 */
class ConnectionPairsTest {
    private static Attachment at(String name, String subnet) {
        return new Attachment(name, Attachment.Kind.INSTANCE, subnet, List.of("web"), false, List.of());
    }

    private static Exposure.Connection between(List<Attachment> from, List<Attachment> to, boolean disjoint) {
        return new Exposure.Connection(
                from, Tier.APP, to, Tier.APP, Protocol.TCP, IntervalSet.of(Interval.of(443)), disjoint);
    }

    @Test
    void acrossSubnets_everyPairCounts() {
        List<Attachment> a = List.of(at("a1", "app-a"), at("a2", "app-a"), at("a3", "app-a"));
        List<Attachment> b = List.of(at("b1", "app-b"), at("b2", "app-b"));
        Exposure.Connection c = between(a, b, true);
        assertThat(c.pairs(a, b)).isEqualTo(6).isEqualTo(Exposure.pairs(a, b));
        assertThat(c.pairs(a.subList(0, 2), b.subList(0, 1))).isEqualTo(2);
    }

    @Test
    void withinOneGroup_anAttachmentIsNotItsOwnPair() {
        List<Attachment> group = List.of(at("a1", "app-a"), at("a2", "app-a"), at("a3", "app-a"));
        // Only some members accept (the scope asks for them): the destination list is part of the same group.
        List<Attachment> accepting = List.of(group.get(1), group.get(2));
        Exposure.Connection c = between(group, accepting, false);
        assertThat(c.pairs(group, accepting)).isEqualTo(4).isEqualTo(Exposure.pairs(group, accepting));
        assertThat(c.pairs(group.subList(1, 2), accepting.subList(0, 1))).isZero();
        Exposure.Connection self = between(group, group, false);
        assertThat(self.pairs(group, group)).isEqualTo(6);
    }
}
