package dev.stackwright.analysis.lint;

import dev.stackwright.analysis.reach.Reachability;
import dev.stackwright.model.Network;

import java.util.OptionalInt;

/**
 * What lint rules read: the network, the reachability engine over it (rules that ask "can it get there?" use it
 * rather than guess from the rules), and what the spec expects that the model does not carry.
 *
 * @param expectedTasks peak tasks per app subnet ({@code network.maxTasks}), when known
 */
public record LintContext(Network network, Reachability reach, OptionalInt expectedTasks) {
    public static LintContext of(Network network, OptionalInt expectedTasks) {
        return new LintContext(network, new Reachability(network), expectedTasks);
    }
}
