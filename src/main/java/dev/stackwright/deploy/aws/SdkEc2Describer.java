package dev.stackwright.deploy.aws;

import dev.stackwright.deploy.Ec2Describer;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.EgressOnlyInternetGateway;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.LocationType;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

/**
 * The EC2 describe calls through the SDK, each answer written back as the AWS CLI prints it ({@link CliJson}), every
 * member the service sent included. Pages are followed.
 */
final class SdkEc2Describer implements Ec2Describer {
    private final SdkAws aws;

    SdkEc2Describer(SdkAws aws) {
        this.aws = aws;
    }

    private Ec2Client ec2() {
        return aws.ec2Client();
    }

    private static Filter filter(String name, String... values) {
        return Filter.builder().name(name).values(values).build();
    }

    /**
     * Every page of a listing, read inside {@link SdkAws#call} so paging failures are reported like the first page's,
     * printed under the CLI's key for it.
     */
    private String listed(String key, String action, Supplier<SdkIterable<? extends SdkPojo>> pages) {
        return CliJson.list(key, aws.call(action, () -> pages.get().stream().toList()));
    }

    @Override
    public String vpcs() {
        return listed(
                "Vpcs",
                "describing the VPCs",
                () -> ec2().describeVpcsPaginator(b -> {}).vpcs());
    }

    @Override
    public String subnets(String vpcId) {
        return listed(
                "Subnets",
                "describing the subnets of " + vpcId,
                () -> ec2().describeSubnetsPaginator(b -> b.filters(filter("vpc-id", vpcId)))
                        .subnets());
    }

    @Override
    public String routeTables(String vpcId) {
        return listed(
                "RouteTables",
                "describing the route tables of " + vpcId,
                () -> ec2().describeRouteTablesPaginator(b -> b.filters(filter("vpc-id", vpcId)))
                        .routeTables());
    }

    @Override
    public String securityGroups(String vpcId) {
        return listed(
                "SecurityGroups",
                "describing the security groups of " + vpcId,
                () -> ec2().describeSecurityGroupsPaginator(b -> b.filters(filter("vpc-id", vpcId)))
                        .securityGroups());
    }

    @Override
    public String networkAcls(String vpcId) {
        return listed(
                "NetworkAcls",
                "describing the network ACLs of " + vpcId,
                () -> ec2().describeNetworkAclsPaginator(b -> b.filters(filter("vpc-id", vpcId)))
                        .networkAcls());
    }

    @Override
    public String internetGateways(String vpcId) {
        return listed(
                "InternetGateways",
                "describing the internet gateways of " + vpcId,
                () -> ec2().describeInternetGatewaysPaginator(b -> b.filters(filter("attachment.vpc-id", vpcId)))
                        .internetGateways());
    }

    @Override
    public String egressOnlyInternetGateways(String vpcId) {
        // The call has no VPC filter: the gateways are kept by their attachment.
        List<EgressOnlyInternetGateway> all = aws.call(
                "describing the egress-only internet gateways of " + vpcId,
                () -> ec2().describeEgressOnlyInternetGatewaysPaginator(b -> {}).egressOnlyInternetGateways().stream()
                        .toList());
        return CliJson.list(
                "EgressOnlyInternetGateways",
                all.stream()
                        .filter(g -> g.attachments().stream().anyMatch(a -> vpcId.equals(a.vpcId())))
                        .toList());
    }

    @Override
    public String natGateways(String vpcId) {
        return listed(
                "NatGateways",
                "describing the NAT gateways of " + vpcId,
                () -> ec2().describeNatGatewaysPaginator(b -> b.filter(filter("vpc-id", vpcId)))
                        .natGateways());
    }

    @Override
    public String vpcEndpoints(String vpcId) {
        return listed(
                "VpcEndpoints",
                "describing the VPC endpoints of " + vpcId,
                () -> ec2().describeVpcEndpointsPaginator(b -> b.filters(filter("vpc-id", vpcId)))
                        .vpcEndpoints());
    }

    @Override
    public String networkInterfaces(String vpcId) {
        return listed(
                "NetworkInterfaces",
                "describing the network interfaces of " + vpcId,
                () -> ec2().describeNetworkInterfacesPaginator(b -> b.filters(filter("vpc-id", vpcId)))
                        .networkInterfaces());
    }

    @Override
    public String vpcAttribute(String vpcId, String attribute) {
        VpcAttributeName name = VpcAttributeName.fromValue(attribute);
        // The answer carries the one attribute asked for, as the CLI prints it.
        return CliJson.object(aws.call(
                        "reading the " + attribute + " setting of " + vpcId,
                        () -> ec2().describeVpcAttribute(b -> b.vpcId(vpcId).attribute(name))))
                .toString();
    }

    @Override
    public String instanceTypeOfferings(List<String> instanceTypes, List<String> zones) {
        return listed(
                "InstanceTypeOfferings",
                "describing the instance types offered in " + String.join(", ", zones),
                () -> ec2().describeInstanceTypeOfferingsPaginator(b -> b.locationType(LocationType.AVAILABILITY_ZONE)
                                .filters(
                                        filter("instance-type", instanceTypes.toArray(String[]::new)),
                                        filter("location", zones.toArray(String[]::new))))
                        .instanceTypeOfferings());
    }
}
