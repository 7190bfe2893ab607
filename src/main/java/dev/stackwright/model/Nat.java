package dev.stackwright.model;

/** A NAT device that gives private subnets outbound internet access. */
public sealed interface Nat {
    String name();

    /**
     * A NAT instance in an Auto Scaling group of one, attached at boot to a static network interface that the routes
     * target, so the route survives instance replacement.
     */
    record Instance(String name, Az az, String subnetName, String instanceType, String securityGroupName)
            implements Nat {}

    /** A zonal NAT gateway with its Elastic IP. */
    record Gateway(String name, Az az, String subnetName) implements Nat {}

    /** AWS's regional NAT gateway: one per VPC, expands across zones by itself. */
    record RegionalGateway(String name) implements Nat {}
}
