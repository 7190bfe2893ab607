package dev.stackwright.deploy;

import java.util.List;

/**
 * The EC2 describe calls {@code vpc inspect} makes, each answering with the JSON the AWS CLI prints for it
 * ({@code aws ec2 describe-subnets --filters Name=vpc-id,Values=...}), so a live VPC goes through the same snapshot
 * reader as a folder of saved outputs. Kept this narrow so tests can answer from files.
 */
public interface Ec2Describer {
    /** {@code describe-vpcs} over the whole region: the other IDs serve as suggestions when the asked one is absent. */
    String vpcs();

    String subnets(String vpcId);

    String routeTables(String vpcId);

    String securityGroups(String vpcId);

    String networkAcls(String vpcId);

    /** The internet gateways attached to the VPC. */
    String internetGateways(String vpcId);

    /** {@code describe-egress-only-internet-gateways}, only those attached to the VPC. */
    String egressOnlyInternetGateways(String vpcId);

    String natGateways(String vpcId);

    String vpcEndpoints(String vpcId);

    String networkInterfaces(String vpcId);

    /**
     * {@code describe-vpc-attribute --attribute enableDnsSupport} (or {@code enableDnsHostnames}): describe-vpcs does
     * not carry the DNS settings.
     */
    String vpcAttribute(String vpcId, String attribute);

    /** {@code describe-instance-type-offerings --location-type availability-zone}, for these types in these zones. */
    String instanceTypeOfferings(List<String> instanceTypes, List<String> zones);
}
