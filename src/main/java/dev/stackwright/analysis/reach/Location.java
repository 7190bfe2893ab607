package dev.stackwright.analysis.reach;

import dev.stackwright.model.Attachment;
import dev.stackwright.model.Subnet;
import java.util.Locale;

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

    /** Addresses outside the VPC: the internet, a CIDR, or an AWS service's prefix list. */
    record Outside(String name, IntervalSet addresses) implements Location {}

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
