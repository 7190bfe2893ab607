package dev.stackwright.model;

import java.util.Optional;

/** The other side of a security group rule. */
public sealed interface Peer {
    record Block(Cidr cidr) implements Peer {}

    /** Another security group of the network, by name. */
    record Group(String groupName) implements Peer {}

    /**
     * A security group of another VPC: "You can update the inbound or outbound rules for your VPC security groups to
     * reference security groups for peered VPCs"
     * (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html). It matches no attachment of
     * the rule's own VPC; across a link to {@code vpc}, the analysis decides (see the reach package's
     * {@code OtherVpcGroups}).
     *
     * @param vpc           the other VPC's name in the model, or the ID the input gives when the VPC is not in it
     * @param groupName     the group's name in that VPC's network, or its ID when the input does not have it
     * @param inInput       whether the input has the group (and so its VPC and members)
     * @param peeringStatus the status of the peering connection the reference is over, where the input says ({@code
     *                      active}, {@code pending-acceptance}, {@code deleted}, ...)
     */
    record OtherVpcGroup(String vpc, String groupName, boolean inInput, Optional<String> peeringStatus)
            implements Peer {}

    /** An AWS-managed prefix list, e.g. S3's. */
    record PrefixList(String service) implements Peer {}

    default String describe() {
        return switch (this) {
            case Block b ->
                b.cidr().equals(Cidr.ANYWHERE)
                        ? "anywhere (0.0.0.0/0)"
                        : b.cidr().toString();
            case Group g -> "sg " + g.groupName();
            case OtherVpcGroup o ->
                "sg " + o.groupName() + " of " + o.vpc() + (o.inInput() ? "" : " (not in the input)");
            case PrefixList p -> "pl-" + p.service();
        };
    }
}
