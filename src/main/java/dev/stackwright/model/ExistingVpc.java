package dev.stackwright.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A VPC the user brings, with the AWS IDs the templates need: the stack creates only its security groups there and
 * exports these IDs for the app stack, in place of a VPC of its own.
 *
 * @param subnetIds   subnet ID by the model's subnet name
 * @param ownGroups   the security groups the stack creates (the rest of the network's groups exist already)
 */
public record ExistingVpc(String vpcId, String source, Map<String, String> subnetIds, List<String> ownGroups) {
    public ExistingVpc {
        subnetIds = java.util.Collections.unmodifiableMap(new TreeMap<>(subnetIds));
        ownGroups = List.copyOf(ownGroups);
    }
}
