package dev.stackwright.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Stackwright;
import dev.stackwright.analysis.policy.Policy;
import dev.stackwright.plan.NetworkCombinations;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Whatever options the user picks, the planned network passes the built-in policy, so plan and synth accept it. */
class GateCombinationsTest {
    static List<NetworkCombinations.Case> combinations() {
        return NetworkCombinations.all();
    }

    @ParameterizedTest
    @MethodSource("combinations")
    void everyCombination_passesTheDefaultPolicy(NetworkCombinations.Case c) {
        assertThat(Analysis.gate(Stackwright.plan("stackwright.yml", c.yaml()).network(), Policy.defaults()))
                .isEmpty();
    }
}
