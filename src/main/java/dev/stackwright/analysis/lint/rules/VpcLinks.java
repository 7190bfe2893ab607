package dev.stackwright.analysis.lint.rules;

import dev.stackwright.analysis.reach.BetweenVpcs;
import dev.stackwright.model.Network;
import java.util.List;
import java.util.Set;

/**
 * How two VPCs are joined, read from their route tables: the peering connections and transit gateways both use, as
 * {@code check}'s flows between VPCs read them ({@link BetweenVpcs#links}).
 */
final class VpcLinks {
    private VpcLinks() {}

    /** "peering pcx-1", "transit gateway tgw-2": the links both networks route through. */
    static List<String> shared(Network a, Network b) {
        return BetweenVpcs.shared(a, b);
    }

    static Set<String> links(Network n) {
        return BetweenVpcs.links(n);
    }
}
