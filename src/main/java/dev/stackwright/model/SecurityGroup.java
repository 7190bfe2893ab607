package dev.stackwright.model;

import java.util.List;

/**
 * A security group. An empty egress list means no egress at all (the renderer replaces AWS's default allow-all rule
 * with a rule that matches nothing).
 */
public record SecurityGroup(String name, Role role, String description,
                            List<SecurityGroupRule> ingress, List<SecurityGroupRule> egress) {

    /** What the group guards; readers (analysis, diagrams) use it to find the tier chain. */
    public enum Role { FRONT_DOOR, APP, DATABASE, BASTION, NAT, ENDPOINT }

    public SecurityGroup {
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
    }
}
