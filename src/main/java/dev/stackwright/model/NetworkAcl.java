package dev.stackwright.model;

import java.util.List;

/**
 * A network ACL with its ordered entries; stateless, so return traffic needs entries of its own. Anything no entry
 * allows is denied by the implicit final rule.
 */
public record NetworkAcl(String name, Tier tier, List<Entry> entries, List<String> subnetNames) {
    public NetworkAcl {
        entries = List.copyOf(entries);
        subnetNames = List.copyOf(subnetNames);
    }

    /** One entry; rule numbers are evaluated lowest first, the first match decides. */
    public record Entry(
            int ruleNumber,
            boolean egress,
            boolean allow,
            Protocol protocol,
            PortRange ports,
            Cidr cidr,
            String description) {}
}
