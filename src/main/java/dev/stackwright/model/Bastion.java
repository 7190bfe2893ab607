package dev.stackwright.model;

import java.util.Optional;

/** A small SSH host in a public subnet, in an Auto Scaling group of one. */
public record Bastion(
        String instanceType,
        Optional<String> keyName,
        Cidr allowedCidr,
        String securityGroupName,
        java.util.List<String> subnetNames) {
    public Bastion {
        subnetNames = java.util.List.copyOf(subnetNames);
    }
}
