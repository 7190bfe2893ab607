package dev.stackwright.model;

/** One ingress or egress rule; stateful, so return traffic needs no rule of its own. */
public record SecurityGroupRule(Protocol protocol, PortRange ports, Peer peer, String description) {
    public static SecurityGroupRule tcp(int port, Peer peer, String description) {
        return new SecurityGroupRule(Protocol.TCP, PortRange.of(port), peer, description);
    }

    public static SecurityGroupRule all(Peer peer, String description) {
        return new SecurityGroupRule(Protocol.ALL, PortRange.ALL, peer, description);
    }
}
