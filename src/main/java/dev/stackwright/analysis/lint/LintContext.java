package dev.stackwright.analysis.lint;

import dev.stackwright.analysis.reach.Reachability;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Intent;
import dev.stackwright.model.Network;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What lint rules read: the network, the reachability engine over it (rules that ask "can it get there?" use it
 * rather than guess from the rules), and what the spec expects that the network does not carry.
 *
 * @param intent        what the spec meant by the network; empty for an imported one (a template, snapshot or live
 *                      account says what AWS has, not what anyone meant). Rules that read it say what they do without
 * @param expectedTasks peak tasks per app subnet ({@code network.maxTasks}), when known
 * @param others        the other VPCs of the same input (a template or snapshot with several), for rules about how
 *                      VPCs connect; empty for a single network
 */
public record LintContext(
        Network network, Optional<Intent> intent, Reachability reach, OptionalInt expectedTasks, List<Sibling> others) {
    public LintContext {
        others = List.copyOf(others);
    }

    /** Another VPC of the same input, with its intent when known. */
    public record Sibling(Network network, Optional<Intent> intent) {
        /** A VPC as imported: what it was meant for is not known. */
        public static Sibling imported(Network network) {
            return new Sibling(network, Optional.empty());
        }
    }

    public LintContext(Network network, Optional<Intent> intent, Reachability reach, OptionalInt expectedTasks) {
        this(network, intent, reach, expectedTasks, List.of());
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

    /** The attachments in each security group, in network order; built on each call, as above. */
    public Map<String, List<Attachment>> attachmentsByGroup() {
        Map<String, List<Attachment>> out = new HashMap<>();
        for (Attachment a : network.attachments()) {
            for (String g : a.securityGroupNames()) {
                out.computeIfAbsent(g, k -> new ArrayList<>()).add(a);
            }
        }
        return out;
    }

    public static LintContext of(Network network, Optional<Intent> intent, OptionalInt expectedTasks) {
        return new LintContext(network, intent, new Reachability(network), expectedTasks);
    }
}
