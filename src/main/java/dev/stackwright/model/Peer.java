package dev.stackwright.model;

/** The other side of a security group rule. */
public sealed interface Peer {
    record Block(Cidr cidr) implements Peer {}

    /** Another security group of the network, by name. */
    record Group(String groupName) implements Peer {}

    /** An AWS-managed prefix list, e.g. S3's. */
    record PrefixList(String service) implements Peer {}

    default String describe() {
        return switch (this) {
            case Block b ->
                b.cidr().equals(Cidr.ANYWHERE)
                        ? "anywhere (0.0.0.0/0)"
                        : b.cidr().toString();
            case Group g -> "sg " + g.groupName();
            case PrefixList p -> "pl-" + p.service();
        };
    }
}
