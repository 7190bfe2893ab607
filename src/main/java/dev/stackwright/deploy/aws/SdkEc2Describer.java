package dev.stackwright.deploy.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.deploy.Ec2Describer;
import java.util.List;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.EgressOnlyInternetGateway;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceTypeOffering;
import software.amazon.awssdk.services.ec2.model.InternetGateway;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.LocationType;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.NetworkAcl;
import software.amazon.awssdk.services.ec2.model.NetworkAclEntry;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;

/**
 * The EC2 describe calls through the SDK, each response written back in the AWS CLI's JSON shape for the fields the
 * snapshot reader uses (the SDK has no public JSON marshaller for its responses). Pages are followed.
 */
final class SdkEc2Describer implements Ec2Describer {
    private static final ObjectMapper JSON = new ObjectMapper();
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

    @Override
    public String vpcs() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode out = root.putArray("Vpcs");
        for (Vpc v : aws.call(
                "describing the VPCs",
                () -> all(ec2().describeVpcsPaginator(b -> {}).vpcs()))) {
            ObjectNode n = out.addObject();
            put(n, "VpcId", v.vpcId());
            put(n, "CidrBlock", v.cidrBlock());
            put(n, "State", v.stateAsString());
            if (v.hasIpv6CidrBlockAssociationSet()
                    && !v.ipv6CidrBlockAssociationSet().isEmpty()) {
                ArrayNode set = n.putArray("Ipv6CidrBlockAssociationSet");
                v.ipv6CidrBlockAssociationSet().forEach(a -> {
                    ObjectNode an = set.addObject();
                    put(an, "Ipv6CidrBlock", a.ipv6CidrBlock());
                    if (a.ipv6CidrBlockState() != null) {
                        put(
                                an.putObject("Ipv6CidrBlockState"),
                                "State",
                                a.ipv6CidrBlockState().stateAsString());
                    }
                });
            }
            tags(n, v.tags());
        }
        return root.toString();
    }

    @Override
    public String subnets(String vpcId) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode out = root.putArray("Subnets");
        for (Subnet s : aws.call(
                "describing the subnets of " + vpcId,
                () -> all(ec2().describeSubnetsPaginator(b -> b.filters(filter("vpc-id", vpcId)))
                        .subnets()))) {
            ObjectNode n = out.addObject();
            put(n, "SubnetId", s.subnetId());
            put(n, "VpcId", s.vpcId());
            put(n, "CidrBlock", s.cidrBlock());
            put(n, "AvailabilityZone", s.availabilityZone());
            if (s.availableIpAddressCount() != null) {
                n.put("AvailableIpAddressCount", s.availableIpAddressCount());
            }
            if (s.mapPublicIpOnLaunch() != null) {
                n.put("MapPublicIpOnLaunch", s.mapPublicIpOnLaunch());
            }
            if (s.hasIpv6CidrBlockAssociationSet()
                    && !s.ipv6CidrBlockAssociationSet().isEmpty()) {
                ArrayNode set = n.putArray("Ipv6CidrBlockAssociationSet");
                s.ipv6CidrBlockAssociationSet().forEach(a -> {
                    ObjectNode an = set.addObject();
                    put(an, "Ipv6CidrBlock", a.ipv6CidrBlock());
                    if (a.ipv6CidrBlockState() != null) {
                        put(
                                an.putObject("Ipv6CidrBlockState"),
                                "State",
                                a.ipv6CidrBlockState().stateAsString());
                    }
                });
            }
            tags(n, s.tags());
        }
        return root.toString();
    }

    @Override
    public String routeTables(String vpcId) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode out = root.putArray("RouteTables");
        for (RouteTable t : aws.call(
                "describing the route tables of " + vpcId,
                () -> all(ec2().describeRouteTablesPaginator(b -> b.filters(filter("vpc-id", vpcId)))
                        .routeTables()))) {
            ObjectNode n = out.addObject();
            put(n, "RouteTableId", t.routeTableId());
            put(n, "VpcId", t.vpcId());
            ArrayNode associations = n.putArray("Associations");
            for (RouteTableAssociation a : t.associations()) {
                ObjectNode an = associations.addObject();
                an.put("Main", Boolean.TRUE.equals(a.main()));
                put(an, "SubnetId", a.subnetId());
            }
            ArrayNode routes = n.putArray("Routes");
            for (Route r : t.routes()) {
                ObjectNode rn = routes.addObject();
                put(rn, "DestinationCidrBlock", r.destinationCidrBlock());
                put(rn, "DestinationIpv6CidrBlock", r.destinationIpv6CidrBlock());
                put(rn, "EgressOnlyInternetGatewayId", r.egressOnlyInternetGatewayId());
                put(rn, "DestinationPrefixListId", r.destinationPrefixListId());
                put(rn, "GatewayId", r.gatewayId());
                put(rn, "NatGatewayId", r.natGatewayId());
                put(rn, "InstanceId", r.instanceId());
                put(rn, "NetworkInterfaceId", r.networkInterfaceId());
                put(rn, "VpcPeeringConnectionId", r.vpcPeeringConnectionId());
                put(rn, "TransitGatewayId", r.transitGatewayId());
                put(rn, "State", r.stateAsString());
            }
            tags(n, t.tags());
        }
        return root.toString();
    }

    @Override
    public String securityGroups(String vpcId) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode out = root.putArray("SecurityGroups");
        for (SecurityGroup g : aws.call(
                "describing the security groups of " + vpcId,
                () -> all(ec2().describeSecurityGroupsPaginator(b -> b.filters(filter("vpc-id", vpcId)))
                        .securityGroups()))) {
            ObjectNode n = out.addObject();
            put(n, "GroupId", g.groupId());
            put(n, "GroupName", g.groupName());
            put(n, "Description", g.description());
            put(n, "VpcId", g.vpcId());
            permissions(n.putArray("IpPermissions"), g.ipPermissions());
            permissions(n.putArray("IpPermissionsEgress"), g.ipPermissionsEgress());
            tags(n, g.tags());
        }
        return root.toString();
    }

    private static void permissions(ArrayNode out, List<IpPermission> permissions) {
        for (IpPermission p : permissions) {
            ObjectNode n = out.addObject();
            put(n, "IpProtocol", p.ipProtocol());
            if (p.fromPort() != null) {
                n.put("FromPort", p.fromPort());
            }
            if (p.toPort() != null) {
                n.put("ToPort", p.toPort());
            }
            ArrayNode ranges = n.putArray("IpRanges");
            p.ipRanges().forEach(r -> {
                ObjectNode rn = ranges.addObject();
                put(rn, "CidrIp", r.cidrIp());
                put(rn, "Description", r.description());
            });
            ArrayNode groups = n.putArray("UserIdGroupPairs");
            p.userIdGroupPairs().forEach(g -> {
                ObjectNode gn = groups.addObject();
                put(gn, "GroupId", g.groupId());
                put(gn, "Description", g.description());
            });
            ArrayNode lists = n.putArray("PrefixListIds");
            p.prefixListIds().forEach(l -> {
                ObjectNode ln = lists.addObject();
                put(ln, "PrefixListId", l.prefixListId());
                put(ln, "Description", l.description());
            });
        }
    }

    @Override
    public String networkAcls(String vpcId) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode out = root.putArray("NetworkAcls");
        for (NetworkAcl a : aws.call(
                "describing the network ACLs of " + vpcId,
                () -> all(ec2().describeNetworkAclsPaginator(b -> b.filters(filter("vpc-id", vpcId)))
                        .networkAcls()))) {
            ObjectNode n = out.addObject();
            put(n, "NetworkAclId", a.networkAclId());
            put(n, "VpcId", a.vpcId());
            n.put("IsDefault", Boolean.TRUE.equals(a.isDefault()));
            ArrayNode entries = n.putArray("Entries");
            for (NetworkAclEntry e : a.entries()) {
                ObjectNode en = entries.addObject();
                put(en, "CidrBlock", e.cidrBlock());
                put(en, "Protocol", e.protocol());
                put(en, "RuleAction", e.ruleActionAsString());
                if (e.ruleNumber() != null) {
                    en.put("RuleNumber", e.ruleNumber());
                }
                en.put("Egress", Boolean.TRUE.equals(e.egress()));
                if (e.portRange() != null) {
                    ObjectNode range = en.putObject("PortRange");
                    range.put("From", e.portRange().from());
                    range.put("To", e.portRange().to());
                }
            }
            ArrayNode associations = n.putArray("Associations");
            a.associations().forEach(s -> put(associations.addObject(), "SubnetId", s.subnetId()));
            tags(n, a.tags());
        }
        return root.toString();
    }

    @Override
    public String internetGateways(String vpcId) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode out = root.putArray("InternetGateways");
        for (InternetGateway g : aws.call(
                "describing the internet gateways of " + vpcId,
                () -> all(ec2().describeInternetGatewaysPaginator(b -> b.filters(filter("attachment.vpc-id", vpcId)))
                        .internetGateways()))) {
            ObjectNode n = out.addObject();
            put(n, "InternetGatewayId", g.internetGatewayId());
            ArrayNode attachments = n.putArray("Attachments");
            g.attachments().forEach(a -> {
                ObjectNode an = attachments.addObject();
                put(an, "VpcId", a.vpcId());
                put(an, "State", a.stateAsString());
            });
            tags(n, g.tags());
        }
        return root.toString();
    }

    @Override
    public String egressOnlyInternetGateways(String vpcId) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode out = root.putArray("EgressOnlyInternetGateways");
        // The call has no VPC filter: the gateways are kept by their attachment.
        for (EgressOnlyInternetGateway g : aws.call(
                "describing the egress-only internet gateways of " + vpcId,
                () -> all(ec2().describeEgressOnlyInternetGatewaysPaginator(b -> {})
                        .egressOnlyInternetGateways()))) {
            if (g.attachments().stream().noneMatch(a -> vpcId.equals(a.vpcId()))) {
                continue;
            }
            ObjectNode n = out.addObject();
            put(n, "EgressOnlyInternetGatewayId", g.egressOnlyInternetGatewayId());
            ArrayNode attachments = n.putArray("Attachments");
            g.attachments().forEach(a -> {
                ObjectNode an = attachments.addObject();
                put(an, "VpcId", a.vpcId());
                put(an, "State", a.stateAsString());
            });
            tags(n, g.tags());
        }
        return root.toString();
    }

    @Override
    public String natGateways(String vpcId) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode out = root.putArray("NatGateways");
        for (NatGateway g : aws.call(
                "describing the NAT gateways of " + vpcId,
                () -> all(ec2().describeNatGatewaysPaginator(b -> b.filter(filter("vpc-id", vpcId)))
                        .natGateways()))) {
            ObjectNode n = out.addObject();
            put(n, "NatGatewayId", g.natGatewayId());
            put(n, "VpcId", g.vpcId());
            put(n, "SubnetId", g.subnetId());
            put(n, "State", g.stateAsString());
            put(n, "ConnectivityType", g.connectivityTypeAsString());
            tags(n, g.tags());
        }
        return root.toString();
    }

    @Override
    public String vpcEndpoints(String vpcId) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode out = root.putArray("VpcEndpoints");
        for (VpcEndpoint e : aws.call(
                "describing the VPC endpoints of " + vpcId,
                () -> all(ec2().describeVpcEndpointsPaginator(b -> b.filters(filter("vpc-id", vpcId)))
                        .vpcEndpoints()))) {
            ObjectNode n = out.addObject();
            put(n, "VpcEndpointId", e.vpcEndpointId());
            put(n, "VpcId", e.vpcId());
            put(n, "ServiceName", e.serviceName());
            put(n, "VpcEndpointType", e.vpcEndpointTypeAsString());
            put(n, "State", e.stateAsString());
            ArrayNode tables = n.putArray("RouteTableIds");
            e.routeTableIds().forEach(tables::add);
            ArrayNode subnets = n.putArray("SubnetIds");
            e.subnetIds().forEach(subnets::add);
            ArrayNode groups = n.putArray("Groups");
            e.groups().forEach(g -> put(groups.addObject(), "GroupId", g.groupId()));
            tags(n, e.tags());
        }
        return root.toString();
    }

    @Override
    public String networkInterfaces(String vpcId) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode out = root.putArray("NetworkInterfaces");
        for (NetworkInterface i : aws.call(
                "describing the network interfaces of " + vpcId,
                () -> all(ec2().describeNetworkInterfacesPaginator(b -> b.filters(filter("vpc-id", vpcId)))
                        .networkInterfaces()))) {
            ObjectNode n = out.addObject();
            put(n, "NetworkInterfaceId", i.networkInterfaceId());
            put(n, "InterfaceType", i.interfaceTypeAsString());
            put(n, "Description", i.description());
            put(n, "SubnetId", i.subnetId());
            put(n, "VpcId", i.vpcId());
            if (i.attachment() != null) {
                put(n.putObject("Attachment"), "InstanceId", i.attachment().instanceId());
            }
            if (i.association() != null) {
                put(n.putObject("Association"), "PublicIp", i.association().publicIp());
            }
            ArrayNode groups = n.putArray("Groups");
            i.groups().forEach(g -> put(groups.addObject(), "GroupId", g.groupId()));
            // Interfaces call their tags TagSet.
            ArrayNode tags = n.putArray("TagSet");
            i.tagSet().forEach(t -> tag(tags, t));
        }
        return root.toString();
    }

    @Override
    public String vpcAttribute(String vpcId, String attribute) {
        VpcAttributeName name = VpcAttributeName.fromValue(attribute);
        var r = aws.call(
                "reading the " + attribute + " setting of " + vpcId,
                () -> ec2().describeVpcAttribute(b -> b.vpcId(vpcId).attribute(name)));
        ObjectNode root = JSON.createObjectNode();
        put(root, "VpcId", r.vpcId());
        var value = name == VpcAttributeName.ENABLE_DNS_SUPPORT ? r.enableDnsSupport() : r.enableDnsHostnames();
        if (value != null && value.value() != null) {
            root.putObject(name == VpcAttributeName.ENABLE_DNS_SUPPORT ? "EnableDnsSupport" : "EnableDnsHostnames")
                    .put("Value", value.value());
        }
        return root.toString();
    }

    @Override
    public String instanceTypeOfferings(List<String> instanceTypes, List<String> zones) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode out = root.putArray("InstanceTypeOfferings");
        List<InstanceTypeOffering> offerings = aws.call(
                "describing the instance types offered in " + String.join(", ", zones),
                () -> all(ec2().describeInstanceTypeOfferingsPaginator(b -> b.locationType(
                                        LocationType.AVAILABILITY_ZONE)
                                .filters(
                                        filter("instance-type", instanceTypes.toArray(String[]::new)),
                                        filter("location", zones.toArray(String[]::new))))
                        .instanceTypeOfferings()));
        for (InstanceTypeOffering o : offerings) {
            ObjectNode n = out.addObject();
            put(n, "InstanceType", o.instanceTypeAsString());
            put(n, "LocationType", o.locationTypeAsString());
            put(n, "Location", o.location());
        }
        return root.toString();
    }

    /** Every page, read inside the call so paging failures are reported like the first page's. */
    private static <T> List<T> all(SdkIterable<T> pages) {
        return pages.stream().toList();
    }

    private static void put(ObjectNode n, String key, String value) {
        if (value != null) {
            n.put(key, value);
        }
    }

    private static void tags(ObjectNode n, List<Tag> tags) {
        ArrayNode out = n.putArray("Tags");
        tags.forEach(t -> tag(out, t));
    }

    private static void tag(ArrayNode out, Tag t) {
        ObjectNode tn = out.addObject();
        put(tn, "Key", t.key());
        put(tn, "Value", t.value());
    }
}
