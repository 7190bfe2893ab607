package dev.stackwright.analysis.reach;

import dev.stackwright.model.Network;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What decides where a group of attachments can send traffic outside the VPC: its subnet, whether it has a public
 * address, and its security groups' egress rules, as values (two groups with the same rules are one). Each group's
 * rule list is numbered once, so a key costs a few short strings however many rules there are.
 */
final class EgressKeys {
    /**
     * What decides where an attachment may send traffic: its subnet, public address and egress rules.
     *
     * @param egress the numbers of the attachment's groups' egress rule lists ({@code #3}), or the name of a group the
     *               network does not hold ({@code ?name}, never merged with another), sorted, without repeats
     */
    record Key(String subnet, boolean publicIp, List<String> egress) {}

    private final Map<String, Integer> numberOfGroup = new HashMap<>();

    EgressKeys(Network network) {
        Map<List<SecurityGroupRule>, Integer> numbers = new HashMap<>();
        for (SecurityGroup g : network.securityGroups()) {
            numberOfGroup.put(g.name(), numbers.computeIfAbsent(g.egress(), rules -> numbers.size()));
        }
    }

    Key of(Group.Key group) {
        List<String> egress = group.securityGroups().stream()
                .map(n -> numberOfGroup.containsKey(n) ? "#" + numberOfGroup.get(n) : "?" + n)
                .sorted()
                .distinct()
                .toList();
        return new Key(group.subnet(), group.publicIp(), egress);
    }
}
