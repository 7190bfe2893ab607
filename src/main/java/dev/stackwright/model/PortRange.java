package dev.stackwright.model;

/** An inclusive port range; {@link #ALL} for every port. */
public record PortRange(int from, int to) {
    public static final PortRange ALL = new PortRange(0, 65535);
    /** The ephemeral ports clients use for return traffic (the widest range AWS's NACL docs recommend). */
    public static final PortRange EPHEMERAL = new PortRange(1024, 65535);

    public PortRange {
        if (from < 0 || to > 65535 || from > to) {
            throw new IllegalArgumentException("bad port range " + from + "-" + to);
        }
    }

    public static PortRange of(int port) {
        return new PortRange(port, port);
    }

    public boolean contains(int port) {
        return port >= from && port <= to;
    }

    @Override
    public String toString() {
        if (this.equals(ALL)) {
            return "all";
        }
        return from == to ? String.valueOf(from) : from + "-" + to;
    }
}
