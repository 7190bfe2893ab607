package dev.stackwright.model;

/** IP protocols as security groups and NACLs name them. */
public enum Protocol {
    TCP("tcp", "6"),
    UDP("udp", "17"),
    ICMP("icmp", "1"),
    ALL("all", "-1");

    private final String id;
    private final String number;

    Protocol(String id, String number) {
        this.id = id;
        this.number = number;
    }

    public String id() {
        return id;
    }

    /** The protocol number NACL entries take ({@code -1} for all). */
    public String number() {
        return number;
    }
}
