package dev.stackwright.analysis.reach;

/**
 * The four header fields a flow is evaluated over. Protocol is fixed per evaluation; addresses are IPv4 values, with
 * AWS services as points above the IPv4 range (see {@link AddressSpace}).
 */
public enum Dim {
    /** Source address of the request. */
    SRC,
    /** Source port of the request: the client's ephemeral port, where the replies go. */
    SPORT,
    /** Destination address of the request. */
    DST,
    /** Destination port of the request: the service port. */
    DPORT;

    /** The four, in order: {@code values()} copies its array on every call, and the engine asks millions of times. */
    static final Dim[] ALL = values();
}
