package dev.stackwright.model;

import java.util.List;

/**
 * A security group. An empty egress list means no egress at all (the renderer replaces AWS's default allow-all rule
 * with a rule that matches nothing).
 */
public record SecurityGroup(String name, Role role, String description,
                            List<SecurityGroupRule> ingress, List<SecurityGroupRule> egress) {

    /**
     * What the group guards; readers (analysis, diagrams) use it to find the tier chain. {@code OTHER}: an imported
     * group whose purpose its attachments do not tell (no load balancer, task, function or database uses it).
     */
    public enum Role { FRONT_DOOR, APP, DATABASE, BASTION, NAT, ENDPOINT, OTHER }

    public SecurityGroup {
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
    }
}
