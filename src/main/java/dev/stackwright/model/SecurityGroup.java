package dev.stackwright.model;

import java.util.List;
import java.util.stream.Stream;

/**
 * A security group. An empty egress list means no egress at all (the renderer replaces AWS's default allow-all rule
 * with a rule that matches nothing).
 */
public record SecurityGroup(
        String name, Role role, String description, List<SecurityGroupRule> ingress, List<SecurityGroupRule> egress) {

    /**
     * What the group guards; readers (analysis, diagrams) use it to find the tier chain. {@code OTHER}: an imported
     * group whose purpose its attachments do not tell (no load balancer, task, function or database uses it).
     */
    public enum Role {
        FRONT_DOOR,
        APP,
        DATABASE,
        BASTION,
        NAT,
        ENDPOINT,
        OTHER
    }

    /**
     * The name AWS gives the group it creates with every VPC, which anything launched without a group of its own
     * gets. https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
     */
    public static final String VPC_DEFAULT = "default";

    public SecurityGroup {
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
    }

    /** Every rule, ingress then egress. */
    public Stream<SecurityGroupRule> rules() {
        return Stream.concat(ingress.stream(), egress.stream());
    }

    /** Whether this is the VPC's default group (no group created in a VPC can take its name). */
    public boolean isVpcDefault() {
        return name.equals(VPC_DEFAULT);
    }
}
