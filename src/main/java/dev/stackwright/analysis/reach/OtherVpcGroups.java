package dev.stackwright.analysis.reach;

import dev.stackwright.model.Peer;
import dev.stackwright.model.RouteTarget;

/**
 * Whether a security group rule that names another VPC's group ({@link Peer.OtherVpcGroup}) matches the other end of a
 * flow: the one place that decides it, for {@code why} and every flow the engine answers.
 *
 * <p>AWS: "You can update the inbound or outbound rules for your VPC security groups to reference security groups for
 * peered VPCs. Doing so allows traffic to flow to and from instances that are associated with the referenced security
 * group in the peered VPC", and "To reference a security group in a peer VPC, the VPC peering connection must be in the
 * active state" (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html). So the rule admits
 * an attachment of that VPC that carries the group, when the flow crosses a peering connection between the two VPCs
 * that is active (or whose state the input does not give: the engine takes a peering connection it routes over to
 * carry traffic, as it does for any peered flow).
 *
 * <p>Over a transit gateway AWS allows such references in inbound rules only, and only where the gateway's and the
 * attachment's {@code SecurityGroupReferencingSupport} option is on ("This option is disabled by default":
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-transitgatewayattachment-options.html;
 * "Outbound security rules referencing over Transit Gateway aren't supported":
 * https://aws.amazon.com/blogs/networking-and-content-delivery/introducing-security-group-referencing-for-aws-transit-gateway/).
 * The model does not hold the option, so an inbound rule there cannot tell; an outbound one matches nothing.
 *
 * <p>An attachment of the rule's own VPC never carries another VPC's group. Addresses outside the VPC that are not a
 * known attachment (a range the user named, the private addresses check looks at) may or may not belong to the group's
 * members: cannot tell, for the private ones; the internet's addresses never come over a peering connection.
 */
final class OtherVpcGroups {
    private OtherVpcGroups() {}

    /** What the rule does to the flow's other end. */
    sealed interface Match {}

    /** It admits it. */
    record Yes() implements Match {}

    /** It does not; {@code why} completes "the reference ..." in a blocker's text, empty when nothing needs saying. */
    record No(String why) implements Match {}

    /** Whether it does cannot be told: {@code what} the model does not hold. */
    record Unknown(String what) implements Match {}

    /**
     * The rule's match against a peer that is one attachment of another VPC of the input.
     *
     * @param ingress whether the rule is an inbound one (the member is the flow's source)
     */
    static Match member(Peer.OtherVpcGroup ref, boolean ingress, Location.Member member) {
        boolean carries = member.groups().contains(ref.groupName())
                && (!ref.inInput() || member.vpc().equals(ref.vpc()));
        if (!carries) {
            return new No("");
        }
        if (member.link().isEmpty()) {
            return new No("no peering connection joins " + member.vpc() + " and this VPC");
        }
        return switch (member.link().get()) {
            case RouteTarget.Peering p ->
                ref.peeringStatus().filter(s -> !s.equals("active")).isPresent()
                        ? new No("peering " + p.peeringId() + " is "
                                + ref.peeringStatus().orElseThrow()
                                + ", not active, and a reference across a peering connection needs it active")
                        : new Yes();
            case RouteTarget.TransitGateway t ->
                ingress
                        ? new Unknown(
                                "the security group referencing support of transit gateway " + t.transitGatewayId())
                        : new No("AWS does not support outbound rules that reference a group across transit gateway "
                                + t.transitGatewayId());
            default -> new No("no peering connection joins " + member.vpc() + " and this VPC");
        };
    }

    /** What a reference to another VPC's group leaves untold about private addresses outside the VPC. */
    static String unknownAddresses(Peer.OtherVpcGroup ref, String addresses) {
        return "which of " + addresses + " carry " + ref.describe();
    }
}
