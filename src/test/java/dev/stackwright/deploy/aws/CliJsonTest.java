package dev.stackwright.deploy.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.LocationTrait;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.NatGateway;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceAssociation;
import software.amazon.awssdk.services.ec2.model.NetworkInterfaceAttachment;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.S3Storage;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockState;
import software.amazon.awssdk.services.ec2.model.VpcIpv6CidrBlockAssociation;
import software.amazon.awssdk.services.ec2.model.VpcState;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

/**
 * SDK objects built in code, written as the AWS CLI prints them. The member names are those of the EC2 API reference
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Vpc.html lists "cidrBlock", "ipv6CidrBlockAssociationSet",
 * "tagSet"; the CLI prints the service model's names: CidrBlock, Ipv6CidrBlockAssociationSet, Tags).
 */
class CliJsonTest {
    private static final Tag NAME = Tag.builder().key("Name").value("main").build();

    @Test
    void vpc_membersByTheirApiNames_nestedObjectsAndLists() {
        Vpc vpc = Vpc.builder()
                .vpcId("vpc-1")
                .cidrBlock("10.0.0.0/16")
                .state("available")
                .isDefault(false)
                .ipv6CidrBlockAssociationSet(VpcIpv6CidrBlockAssociation.builder()
                        .associationId("vpc-cidr-assoc-1")
                        .ipv6CidrBlock("2600:1f18::/56")
                        .ipv6CidrBlockState(
                                VpcCidrBlockState.builder().state("associated").build())
                        .build())
                .tags(NAME)
                .build();
        assertThat(CliJson.object(vpc))
                .hasToString("{\"Ipv6CidrBlockAssociationSet\":[{\"AssociationId\":\"vpc-cidr-assoc-1\","
                        + "\"Ipv6CidrBlock\":\"2600:1f18::/56\",\"Ipv6CidrBlockState\":{\"State\":\"associated\"}}],"
                        + "\"IsDefault\":false,\"Tags\":[{\"Key\":\"Name\",\"Value\":\"main\"}],\"VpcId\":\"vpc-1\","
                        + "\"State\":\"available\",\"CidrBlock\":\"10.0.0.0/16\"}");
    }

    @Test
    void subnet_numbersAndBooleansAreJsonValues_anEmptyListStays_anUnsetOneIsLeftOut() {
        Subnet subnet = Subnet.builder()
                .subnetId("subnet-1")
                .availableIpAddressCount(250)
                .mapPublicIpOnLaunch(true)
                .tags(List.of())
                .build();
        // Ipv6CidrBlockAssociationSet was never set: the SDK holds an auto-construct list, which is "not sent".
        assertThat(subnet.hasIpv6CidrBlockAssociationSet()).isFalse();
        assertThat(CliJson.object(subnet))
                .hasToString("{\"Tags\":[],\"SubnetId\":\"subnet-1\",\"AvailableIpAddressCount\":250,"
                        + "\"MapPublicIpOnLaunch\":true}");
    }

    @Test
    void securityGroup_rulesWithGroupPairs_portsAsNumbers() {
        SecurityGroup group = SecurityGroup.builder()
                .groupId("sg-1")
                .groupName("web")
                .vpcId("vpc-1")
                .ipPermissions(IpPermission.builder()
                        .ipProtocol("tcp")
                        .fromPort(443)
                        .toPort(443)
                        .userIdGroupPairs(UserIdGroupPair.builder()
                                .userId("123456789012")
                                .groupId("sg-2")
                                .description("from the load balancer")
                                .build())
                        .ipRanges(List.of())
                        .build())
                .ipPermissionsEgress(IpPermission.builder()
                        .ipProtocol("-1")
                        .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build())
                        .build())
                .build();
        assertThat(CliJson.object(group))
                .hasToString("{\"GroupId\":\"sg-1\",\"IpPermissionsEgress\":[{\"IpProtocol\":\"-1\","
                        + "\"IpRanges\":[{\"CidrIp\":\"0.0.0.0/0\"}]}],\"VpcId\":\"vpc-1\","
                        + "\"GroupName\":\"web\",\"IpPermissions\":[{\"IpProtocol\":\"tcp\",\"FromPort\":443,"
                        + "\"ToPort\":443,\"UserIdGroupPairs\":[{\"Description\":\"from the load balancer\","
                        + "\"UserId\":\"123456789012\",\"GroupId\":\"sg-2\"}],\"IpRanges\":[]}]}");
    }

    @Test
    void networkInterface_associationAttachmentAndGroups_tagsAsTagSet() {
        NetworkInterface eni = NetworkInterface.builder()
                .networkInterfaceId("eni-1")
                .interfaceType("interface")
                .association(NetworkInterfaceAssociation.builder()
                        .publicIp("198.51.100.7")
                        .build())
                .attachment(NetworkInterfaceAttachment.builder()
                        .attachTime(Instant.parse("2024-05-01T12:00:00.123Z"))
                        .deviceIndex(0)
                        .instanceId("i-1")
                        .status("attached")
                        .build())
                .groups(GroupIdentifier.builder()
                        .groupId("sg-1")
                        .groupName("web")
                        .build())
                .tagSet(NAME)
                .build();
        assertThat(CliJson.object(eni))
                .hasToString("{\"Association\":{\"PublicIp\":\"198.51.100.7\"},\"Attachment\":{"
                        + "\"AttachTime\":\"2024-05-01T12:00:00.123000+00:00\",\"DeviceIndex\":0,"
                        + "\"InstanceId\":\"i-1\",\"Status\":\"attached\"},"
                        + "\"Groups\":[{\"GroupId\":\"sg-1\",\"GroupName\":\"web\"}],\"InterfaceType\":\"interface\","
                        + "\"NetworkInterfaceId\":\"eni-1\",\"TagSet\":[{\"Key\":\"Name\",\"Value\":\"main\"}]}");
    }

    @Test
    void routeTable_routesAndAssociations() {
        RouteTable table = RouteTable.builder()
                .routeTableId("rtb-1")
                .vpcId("vpc-1")
                .associations(RouteTableAssociation.builder()
                        .main(false)
                        .subnetId("subnet-1")
                        .build())
                .routes(
                        Route.builder()
                                .destinationCidrBlock("10.0.0.0/16")
                                .gatewayId("local")
                                .state("active")
                                .build(),
                        Route.builder()
                                .destinationIpv6CidrBlock("::/0")
                                .egressOnlyInternetGatewayId("eigw-1")
                                .state("blackhole")
                                .build())
                .build();
        assertThat(CliJson.object(table))
                .hasToString("{\"Associations\":[{\"Main\":false,\"SubnetId\":\"subnet-1\"}],"
                        + "\"RouteTableId\":\"rtb-1\",\"Routes\":[{\"DestinationCidrBlock\":\"10.0.0.0/16\","
                        + "\"GatewayId\":\"local\",\"State\":\"active\"},{\"DestinationIpv6CidrBlock\":\"::/0\","
                        + "\"EgressOnlyInternetGatewayId\":\"eigw-1\",\"State\":\"blackhole\"}],\"VpcId\":\"vpc-1\"}");
    }

    /**
     * "By default, the AWS CLI version 2 converts all response DateTime values to ISO 8601 format"
     * (https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-parameters-types.html); the CLI does it with Python's
     * {@code isoformat()} of the parsed time (awscli/customizations/scalarparse.py, {@code iso_format}), which prints
     * the offset and leaves out a zero fraction.
     */
    @Test
    void natGateway_createTimeAsTheCliPrintsIt() {
        NatGateway nat = NatGateway.builder()
                .natGatewayId("nat-1")
                .createTime(Instant.parse("2024-05-01T12:00:00Z"))
                .connectivityType("public")
                .build();
        assertThat(CliJson.object(nat))
                .hasToString("{\"CreateTime\":\"2024-05-01T12:00:00+00:00\",\"NatGatewayId\":\"nat-1\","
                        + "\"ConnectivityType\":\"public\"}");
        assertThat(CliJson.timestamp(Instant.parse("2024-05-01T12:00:00.000450Z")))
                .isEqualTo("2024-05-01T12:00:00.000450+00:00");
    }

    @Test
    void enumValueNewerThanTheSdk_comesOutAsSent() {
        Vpc vpc = Vpc.builder().vpcId("vpc-1").state("hibernating").build();
        assertThat(vpc.state()).isEqualTo(VpcState.UNKNOWN_TO_SDK_VERSION);
        assertThat(CliJson.object(vpc)).hasToString("{\"VpcId\":\"vpc-1\",\"State\":\"hibernating\"}");
    }

    /** The CLI "leaves the binary content base64 encoded" (awscli/customizations/scalarparse.py). */
    @Test
    void bytes_asBase64() {
        S3Storage storage = S3Storage.builder()
                .bucket("images")
                .uploadPolicy(SdkBytes.fromUtf8String("#!/bin/sh\n"))
                .build();
        assertThat(CliJson.object(storage))
                .hasToString("{\"Bucket\":\"images\",\"UploadPolicy\":\"IyEvYmluL3NoCg==\"}");
    }

    /**
     * A JSON-protocol service names its members in camel case, and so does the CLI: "containerDefinitions": [{"name":
     * ..., "dockerLabels": ...}] (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html).
     */
    @Test
    void maps_areObjects_anUnsetMapIsLeftOut() {
        assertThat(CliJson.object(ContainerDefinition.builder()
                        .name("app")
                        .dockerLabels(Map.of("tier", "web"))
                        .build()))
                .hasToString("{\"name\":\"app\",\"dockerLabels\":{\"tier\":\"web\"}}");
        assertThat(CliJson.object(ContainerDefinition.builder().name("app").build()))
                .hasToString("{\"name\":\"app\"}");
    }

    @Test
    void list_theItemsUnderTheCliKey() {
        assertThat(CliJson.list(
                        "Vpcs",
                        List.of(
                                Vpc.builder().vpcId("vpc-1").build(),
                                Vpc.builder().build())))
                .isEqualTo("{\"Vpcs\":[{\"VpcId\":\"vpc-1\"},{}]}");
        assertThat(CliJson.list("Vpcs", List.of())).isEqualTo("{\"Vpcs\":[]}");
    }

    /** No EC2 shape holds a document; JSON services' do, and the CLI prints it as the JSON it is. */
    @Test
    void documents_asTheirJson_andATypeWithNoJsonFormIsRefused() {
        Document doc = Document.mapBuilder()
                .putString("a", "x")
                .putNumber("n", 2)
                .putBoolean("b", true)
                .putList("l", l -> l.addNull().addString("y"))
                .build();
        assertThat(CliJson.object(new Holder(doc)))
                .hasToString("{\"Value\":{\"a\":\"x\",\"n\":2,\"b\":true,\"l\":[null,\"y\"]}}");
        assertThatThrownBy(() -> CliJson.object(new Holder(new Object())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no JSON form for a java.lang.Object");
    }

    /** A one-member SDK object holding any value, as a JSON-protocol service's shape would. */
    private record Holder(Object value) implements SdkPojo {
        @Override
        public List<SdkField<?>> sdkFields() {
            Function<Object, Object> get = h -> ((Holder) h).value();
            BiConsumer<Object, Object> set = (h, v) -> {};
            return List.of(SdkField.<Object>builder(MarshallingType.newType(Object.class))
                    .memberName("Value")
                    .getter(get)
                    .setter(set)
                    .traits(LocationTrait.builder()
                            .location(MarshallLocation.PAYLOAD)
                            .locationName("Value")
                            .build())
                    .build());
        }
    }
}
