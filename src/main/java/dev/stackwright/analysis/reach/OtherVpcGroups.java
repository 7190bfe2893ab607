package dev.stackwright.analysis.reach;

import dev.stackwright.model.Peer;
import dev.stackwright.model.RouteTarget;
import dev.stackwright.model.TransitGateways;
import dev.stackwright.model.TransitGateways.SecurityGroupReferencing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
 * <p>Over a transit gateway AWS allows such references in inbound rules only, between VPCs attached to the same
 * gateway in one Region ("allows you to create inbound security rules that reference security groups defined in other
 * Amazon Virtual Private Clouds (Amazon VPCs) attached to a transit gateway within the same Amazon Web Services (AWS)
 * Region. Outbound security rules referencing over Transit Gateway aren't supported at this time":
 * https://aws.amazon.com/blogs/networking-and-content-delivery/introducing-security-group-referencing-for-aws-transit-gateway/),
 * so not across a transit gateway peering. The gateway and each VPC attachment have a {@code
 * SecurityGroupReferencingSupport} option ("You can enable or disable the security group referencing support option
 * when creating a new or editing an existing transit gateway or Transit Gateway VPC attachment", ibid.; "Enables you to
 * reference a security group across VPCs attached to a transit gateway":
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_TransitGatewayVpcAttachmentOptions.html). The rule's
 * VPC and the member's VPC each reach the gateway through their own attachment, so the reference counts when the
 * gateway's option and both attachments' are enabled; it counts for nothing when one of them is disabled, and cannot
 * tell when none is disabled and the input does not give one.
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
     * @param transit the input's transit gateways, whose options say whether a reference counts across them
     * @param ruleVpc the name in the model of the VPC whose group holds the rule
     */
    static Match member(
            Peer.OtherVpcGroup ref, boolean ingress, Location.Member member, TransitGateways transit, String ruleVpc) {
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
                        ? overTransit(transit, t.transitGatewayId(), member.vpc(), ruleVpc)
                        : new No("AWS does not support outbound rules that reference a group across transit gateway "
                                + t.transitGatewayId());
            // Routes the input leaves out, or a target it does not hold: whether a peering connection carries the
            // flow is not known.
            case RouteTarget.Unresolved u -> new Unknown(u.description());
            default -> new No("no peering connection joins " + member.vpc() + " and this VPC");
        };
    }

    /**
     * An inbound reference across transit gateway {@code gateway}: both VPCs attached to it, and its option and both
     * attachments' on. Attachments are looked at only where the input describes the gateway's attachments. The
     * gateway's option off stops it, and so do both attachments' off; AWS's pages do not say whether one attachment
     * with the option off is enough to stop it, so that alone is cannot tell, never a guess.
     */
    private static Match overTransit(TransitGateways transit, String gateway, String memberVpc, String ruleVpc) {
        List<String> off = new ArrayList<>();
        List<String> untold = new ArrayList<>();
        sort(
                transit.gateway(gateway)
                        .map(TransitGateways.Gateway::securityGroupReferencing)
                        .orElse(SecurityGroupReferencing.NOT_IN_INPUT),
                "transit gateway " + gateway,
                off,
                untold);
        List<String> attachmentsOff = new ArrayList<>();
        if (transit.describes(gateway)) {
            for (String vpc : List.of(memberVpc, ruleVpc)) {
                Optional<TransitGateways.Attachment> a = transit.vpcAttachment(gateway, vpc);
                if (a.isEmpty()) {
                    return new No(vpc + " has no attachment to transit gateway " + gateway
                            + ", and a reference across a transit gateway works only between VPCs attached to it"
                            + " (not across a transit gateway peering)");
                }
                sort(a.get().securityGroupReferencing(), a.get().describe() + " of " + vpc, attachmentsOff, untold);
            }
        } else {
            untold.add(untold.isEmpty() ? "the VPC attachments of transit gateway " + gateway : "its VPC attachments");
        }
        if (attachmentsOff.size() == 2) {
            off.addAll(attachmentsOff);
        }
        if (!off.isEmpty()) {
            return new No("security group referencing support is disabled on " + String.join(" and ", off)
                    + ", and a reference across a transit gateway needs it enabled on the gateway and on the VPCs'"
                    + " attachments: set SecurityGroupReferencingSupport to enable"
                    + " (aws ec2 modify-transit-gateway, modify-transit-gateway-vpc-attachment)");
        }
        if (attachmentsOff.size() == 1) {
            return new Unknown("whether a reference across transit gateway " + gateway + " works with security group"
                    + " referencing support disabled on " + attachmentsOff.getFirst() + " alone (AWS's documentation"
                    + " does not say whether both VPCs' attachments need it)");
        }
        if (!untold.isEmpty()) {
            return new Unknown("the security group referencing support of " + String.join(" and ", untold)
                    + " (not in the input)");
        }
        return new Yes();
    }

    /** Puts {@code what} on the list its option calls for; an enabled one needs no word. */
    private static void sort(SecurityGroupReferencing option, String what, List<String> off, List<String> untold) {
        switch (option) {
            case DISABLED -> off.add(what);
            case NOT_IN_INPUT -> untold.add(what);
            case ENABLED -> {}
        }
    }

    /** What a reference to another VPC's group leaves untold about private addresses outside the VPC. */
    static String unknownAddresses(Peer.OtherVpcGroup ref, String addresses) {
        return "which of " + addresses + " carry " + ref.describe();
    }
}
