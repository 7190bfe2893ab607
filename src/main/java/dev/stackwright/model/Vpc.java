package dev.stackwright.model;

/** The VPC itself, with the DNS settings that interface endpoints and private hosted zones rely on. */
public record Vpc(Cidr cidr, boolean dnsSupport, boolean dnsHostnames) {}
