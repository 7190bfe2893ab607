package dev.stackwright.analysis.lint;

import dev.stackwright.analysis.reach.Reachability;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What lint rules read: the network, the reachability engine over it (rules that ask "can it get there?" use it
 * rather than guess from the rules), and what the spec expects that the model does not carry.
 *
 * @param expectedTasks peak tasks per app subnet ({@code network.maxTasks}), when known
 * @param others        the other VPCs of the same input (a template or snapshot with several), for rules about how
 *                      VPCs connect; empty for a single network
 */
public record LintContext(Network network, Reachability reach, OptionalInt expectedTasks, List<Network> others) {
    public LintContext {
        others = List.copyOf(others);
    }

    public LintContext(Network network, Reachability reach, OptionalInt expectedTasks) {
        this(network, reach, expectedTasks, List.of());
    }

    /**
     * The attachments of each subnet, in network order. Built on each call: a rule that looks at many subnets asks
     * once, instead of scanning every attachment per subnet (large accounts have thousands of both).
     */
    public Map<String, List<Attachment>> attachmentsBySubnet() {
        Map<String, List<Attachment>> out = new HashMap<>();
        for (Attachment a : network.attachments()) {
            out.computeIfAbsent(a.subnetName(), k -> new ArrayList<>()).add(a);
        }
        return out;
    }

    public static LintContext of(Network network, OptionalInt expectedTasks) {
        return new LintContext(network, new Reachability(network), expectedTasks);
    }
}
