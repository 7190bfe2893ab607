package dev.stackwright.analysis.reach;

import dev.stackwright.model.Attachment;
import dev.stackwright.model.RouteTarget;
import dev.stackwright.model.Subnet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One end of a flow: something in the VPC that holds an address, or a range of addresses outside it. */
public sealed interface Location {
    /** How the end is named in answers. */
    String name();

    /**
     * An attachment (ENI) of the network.
     *
     * @param addresses where it may sit: its subnet, or the part of it a CIDR named
     * @param byAddress  whether the user named its private addresses (a CIDR) rather than the resource: the internet
     *                   can only address an interface's public IP
     */
    record Resource(Attachment attachment, Subnet subnet, IntervalSet addresses, boolean byAddress)
            implements Location {
        public Resource(Attachment attachment, Subnet subnet, IntervalSet addresses) {
            this(attachment, subnet, addresses, false);
        }

        @Override
        public String name() {
            return attachment.name();
        }

        /** "load balancer in public-a (10.0.128.0/24)". */
        public String describe() {
            return kind(attachment.kind()) + " in " + subnet.name() + " (" + subnet.cidr() + ")";
        }
    }

    /**
     * Addresses outside the VPC: the internet, a CIDR, or an AWS service's prefix list.
     *
     * @param member when the addresses are one attachment of another VPC of the input (a flow between VPCs), what a
     *               security group rule naming that VPC's groups needs to know of it
     */
    record Outside(String name, IntervalSet addresses, Optional<Member> member) implements Location {
        public Outside(String name, IntervalSet addresses) {
            this(name, addresses, Optional.empty());
        }

        /** Whether this is the internet as a whole (check's egress, {@code why X internet}), not an address of it. */
        public boolean internet() {
            return name.equals(Names.INTERNET);
        }
    }

    /**
     * An attachment of another VPC, as a rule that references that VPC's groups sees it.
     *
     * @param vpc    its VPC's name in the model
     * @param groups its security groups' names there
     * @param link   the peering connection or transit gateway between the two VPCs, when the routes use one; an
     *               unresolved target when which one they use is not known (routes left out of the input)
     */
    record Member(String vpc, List<String> groups, Optional<RouteTarget> link) {
        public Member {
            groups = List.copyOf(groups);
        }
    }

    /** "load balancer", "NAT instance": how an attachment's kind reads. */
    static String kind(Attachment.Kind kind) {
        return switch (kind) {
            case LOAD_BALANCER -> "load balancer";
            case VPC_LINK -> "VPC Link interface";
            case NAT_INSTANCE -> "NAT instance";
            case NAT_GATEWAY -> "NAT gateway";
            case ENDPOINT -> "interface endpoint";
            default -> kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }
}
