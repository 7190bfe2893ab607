package dev.stackwright.analysis.reach;

import dev.stackwright.model.Attachment;
import dev.stackwright.model.DualStack;
import dev.stackwright.model.Network;
import dev.stackwright.model.Peer;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What decides where a group of attachments can send traffic outside the VPC: the way out ({@link Way}: its subnet,
 * its addresses there, whether it has a public address, and those of its security groups that a NAT instance's
 * ingress rules name) and its security groups' egress rules, as values (two groups with the same rules are one). Each
 * group's rule list is numbered once, so a key costs a few short strings however many rules there are.
 */
final class EgressKeys {
    /**
     * What the way out depends on besides the egress rules, which only narrow it (Reachability#waysOut).
     *
     * @param addresses the attachments' addresses in their subnet (an interface's IPv6 addresses are its own)
     * @param natPeers  the groups' security groups that a NAT instance's ingress rules refer to, sorted: the way
     *                  through a NAT instance asks whether the instance admits the sender, by its groups
     * @param loadBalancer the load balancer whose interfaces they are, or empty: it opens connections outside the VPC
     *                  only where Reachability#beyondTheVpc says
     */
    record Way(String subnet, IntervalSet addresses, boolean publicIp, List<String> natPeers, String loadBalancer) {}

    /**
     * What decides where an attachment may send traffic outside the VPC.
     *
     * @param egress the numbers of the attachment's groups' egress rule lists, IPv4 and IPv6 ({@code #3}), or the
     *               name of a group the network does not hold ({@code ?name}, never merged with another), sorted,
     *               without repeats
     */
    record Key(Way way, List<String> egress) {}

    private final Map<String, Integer> numberOfGroup = new HashMap<>();
    /** The security groups a NAT instance's ingress rules refer to. */
    private final Set<String> namedByNats = new HashSet<>();

    EgressKeys(Network network) {
        // A group's egress is its IPv4 rules and, on a dual-stack network, its IPv6 ones (held beside the model).
        Map<String, List<DualStack.Ipv6Rule>> ipv6Egress = new HashMap<>();
        network.ipv6()
                .ifPresent(d -> d.rules().stream()
                        .filter(DualStack.Ipv6Rule::egress)
                        .forEach(r -> ipv6Egress
                                .computeIfAbsent(r.groupName(), k -> new ArrayList<>())
                                .add(new DualStack.Ipv6Rule("", true, r.protocol(), r.ports(), r.cidr(), ""))));
        Map<List<Object>, Integer> numbers = new HashMap<>();
        for (SecurityGroup g : network.securityGroups()) {
            List<Object> egress = List.of(g.egress(), ipv6Egress.getOrDefault(g.name(), List.of()));
            numberOfGroup.put(g.name(), numbers.computeIfAbsent(egress, rules -> numbers.size()));
        }
        Set<String> natGroups = new HashSet<>();
        for (Attachment a : network.attachments()) {
            if (a.kind() == Attachment.Kind.NAT_INSTANCE) {
                natGroups.addAll(a.securityGroupNames());
            }
        }
        for (SecurityGroup g : network.securityGroups()) {
            if (natGroups.contains(g.name())) {
                for (SecurityGroupRule r : g.ingress()) {
                    if (r.peer() instanceof Peer.Group ref) {
                        namedByNats.add(ref.groupName());
                    }
                }
            }
        }
    }

    Key of(Group.Key group) {
        List<String> egress = group.securityGroups().stream()
                .map(n -> numberOfGroup.containsKey(n) ? "#" + numberOfGroup.get(n) : "?" + n)
                .sorted()
                .distinct()
                .toList();
        List<String> natPeers = group.securityGroups().stream()
                .filter(namedByNats::contains)
                .sorted()
                .distinct()
                .toList();
        return new Key(
                new Way(group.subnet(), group.addresses(), group.publicIp(), natPeers, group.loadBalancer()), egress);
    }
}
