package dev.stackwright.analysis.reach;

import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;

/** A question: can {@code source} open a connection to {@code destination} on these ports? */
public record Flow(Location source, Location destination, Protocol protocol, PortRange ports) {
    public Flow {
        if (protocol != Protocol.TCP && protocol != Protocol.UDP) {
            throw new IllegalArgumentException("flows are tcp or udp, not " + protocol.id());
        }
    }

    /** "tcp 443", "udp 53", "tcp 1024-65535", "tcp (all ports)". */
    public String describePorts() {
        return Reachability.ports(protocol, ports);
    }
}
