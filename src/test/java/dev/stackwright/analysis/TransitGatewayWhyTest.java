package dev.stackwright.analysis;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.cli.CliTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code why} over transit gateways, from templates and snapshots: attachments per zone, route tables with
 * associations, propagations and static routes, blackholes, peered gateways, and VPN attachments the model does not
 * hold.
 */
class TransitGatewayWhyTest {
    @TempDir
    Path dir;

    /**
     * VPC A (10.20.0.0/16) with a client in zone a and one in zone b, VPC B (10.30.0.0/16) with a server in zone a,
     * both attached to transit gateway Hub, A through its zone-a subnet only; {@code extra} adds resources.
     */
    private Path template(String extra) throws IOException {
        String text = """
                Resources:
                  VpcA: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.20.0.0/16}}
                  VpcB: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.30.0.0/16}}
                  SubnetA1: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref VpcA, CidrBlock: 10.20.1.0/24, AvailabilityZone: us-east-1a}}
                  SubnetA2: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref VpcA, CidrBlock: 10.20.2.0/24, AvailabilityZone: us-east-1b}}
                  SubnetB1: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref VpcB, CidrBlock: 10.30.1.0/24, AvailabilityZone: us-east-1a}}
                  Hub: {Type: AWS::EC2::TransitGateway}
                  AttachA: {Type: AWS::EC2::TransitGatewayAttachment, Properties: {TransitGatewayId: !Ref Hub, VpcId: !Ref VpcA, SubnetIds: [!Ref SubnetA1]}}
                  AttachB: {Type: AWS::EC2::TransitGatewayAttachment, Properties: {TransitGatewayId: !Ref Hub, VpcId: !Ref VpcB, SubnetIds: [!Ref SubnetB1]}}
                  TableA: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref VpcA}}
                  TableB: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref VpcB}}
                  ToHubA: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref TableA, DestinationCidrBlock: 10.0.0.0/8, TransitGatewayId: !Ref Hub}}
                  ToHubB: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref TableB, DestinationCidrBlock: 10.0.0.0/8, TransitGatewayId: !Ref Hub}}
                  AssocA1: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref SubnetA1, RouteTableId: !Ref TableA}}
                  AssocA2: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref SubnetA2, RouteTableId: !Ref TableA}}
                  AssocB1: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref SubnetB1, RouteTableId: !Ref TableB}}
                  Open:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: open inside 10/8
                      VpcId: !Ref VpcA
                      SecurityGroupEgress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8}, {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 192.168.0.0/16}]
                  Server:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: server
                      VpcId: !Ref VpcB
                      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8}]
                  ClientA1: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref SubnetA1, SecurityGroupIds: [!Ref Open], ImageId: ami-12345678}}
                  ClientA2: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref SubnetA2, SecurityGroupIds: [!Ref Open], ImageId: ami-12345678}}
                  ServerB: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref SubnetB1, SecurityGroupIds: [!Ref Server], ImageId: ami-12345678}}
                """ + extra;
        Path file = dir.resolve("tgw-" + Integer.toHexString(text.hashCode()) + ".yaml");
        Files.writeString(file, text);
        return file;
    }

    private static CliTest.Run why(Path template, String from, String to) {
        return run("why", from, to, "443", "--template", template.toString());
    }

    @Test
    void aClientInAZoneWithTheAttachment_reachesTheOtherVpc_overTheDefaultRouteTable() throws IOException {
        CliTest.Run r = why(template(""), "ClientA1", "ServerB");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "Between the VPCs: transit gateway Hub, used both ways",
                        "10.30.0.0/16 -> VPC attachment AttachB (propagated)")
                .endsWith("Reachable.\n");
    }

    /**
     * "When you attach a VPC to a transit gateway, any resources in Availability Zones where there is no transit gateway
     * attachment cannot reach the transit gateway. If there is a route to the transit gateway in a subnet route table,
     * traffic is forwarded to the transit gateway only when the transit gateway has an attachment in a subnet in the
     * same Availability Zone." (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html)
     */
    @Test
    void aClientInAZoneWithoutAnAttachmentSubnet_cannotReachTheTransitGateway() throws IOException {
        CliTest.Run r = why(template(""), "ClientA2", "ServerB");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "BLOCKED tgw-no-attachment-in-zone: the zone of SubnetA2 has no subnet of VPC attachment AttachA")
                .endsWith("Blocked.\n");
    }

    @Test
    void theServersZoneWithoutAnAttachment_stopsTheReplies() throws IOException {
        // B's attachment moves to a subnet in zone b: the requests still get in, the replies cannot leave zone a.
        String extra = """
                  SubnetB2: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref VpcB, CidrBlock: 10.30.2.0/24, AvailabilityZone: us-east-1b}}
                """;
        Path t = template(extra);
        String text = Files.readString(t)
                .replace(
                        "VpcId: !Ref VpcB, SubnetIds: [!Ref SubnetB1]", "VpcId: !Ref VpcB, SubnetIds: [!Ref SubnetB2]");
        Files.writeString(t, text);
        CliTest.Run r = why(t, "ClientA1", "ServerB");
        assertThat(r.out())
                .contains(
                        "BLOCKED tgw-no-attachment-in-zone: the zone of SubnetB1 has no subnet of VPC attachment AttachB")
                .endsWith("Blocked.\n");
    }

    /** Own route tables: association decides which table routes an attachment's traffic; a blackhole drops it. */
    @Test
    void aBlackholeRoute_inTheAssociatedTable_dropsTheFlow() throws IOException {
        String tables = """
                  HubTable: {Type: AWS::EC2::TransitGatewayRouteTable, Properties: {TransitGatewayId: !Ref Hub}}
                  HubAssocA: {Type: AWS::EC2::TransitGatewayRouteTableAssociation, Properties: {TransitGatewayRouteTableId: !Ref HubTable, TransitGatewayAttachmentId: !Ref AttachA}}
                  HubAssocB: {Type: AWS::EC2::TransitGatewayRouteTableAssociation, Properties: {TransitGatewayRouteTableId: !Ref HubTable, TransitGatewayAttachmentId: !Ref AttachB}}
                  HubPropA: {Type: AWS::EC2::TransitGatewayRouteTablePropagation, Properties: {TransitGatewayRouteTableId: !Ref HubTable, TransitGatewayAttachmentId: !Ref AttachA}}
                """;
        String propagateB = """
                  HubPropB: {Type: AWS::EC2::TransitGatewayRouteTablePropagation, Properties: {TransitGatewayRouteTableId: !Ref HubTable, TransitGatewayAttachmentId: !Ref AttachB}}
                """;
        tables = tables + propagateB;
        CliTest.Run open = why(template(tables), "ClientA1", "ServerB");
        assertThat(open.out()).endsWith("Reachable.\n");

        String blackhole = tables + """
                  Drop: {Type: AWS::EC2::TransitGatewayRoute, Properties: {TransitGatewayRouteTableId: !Ref HubTable, DestinationCidrBlock: 10.30.1.0/24, Blackhole: true}}
                """;
        CliTest.Run dropped = why(template(blackhole), "ClientA1", "ServerB");
        assertThat(dropped.out())
                .contains("BLOCKED tgw-blackhole: route table HubTable of transit gateway Hub drops 10.30.1.0/24")
                .endsWith("Blocked.\n");

        // Without B's propagation the table has no route to B at all.
        CliTest.Run unrouted = why(template(tables.replace(propagateB, "")), "ClientA1", "ServerB");
        assertThat(unrouted.out())
                .contains(
                        "BLOCKED tgw-no-route: route table HubTable of transit gateway Hub has no route to 10.30.1.0/24")
                .endsWith("Blocked.\n");
    }

    /**
     * Peered gateways learn no routes from each other: "you must add a static route to the transit gateway route table
     * that points to the transit gateway peering attachment. The owner of the accepter transit gateway must also add a
     * static route" (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-peering-add-route.html).
     */
    @Test
    void overTwoPeeredTransitGateways_withStaticRoutesBothWays_isReachable_andWithoutTheReturnRouteIsBlocked()
            throws IOException {
        String peered = """
                  VpcC: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.40.0.0/16}}
                  SubnetC1: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref VpcC, CidrBlock: 10.40.1.0/24, AvailabilityZone: us-east-1a}}
                  TableC: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref VpcC}}
                  AssocC1: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref SubnetC1, RouteTableId: !Ref TableC}}
                  ToEdge: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref TableC, DestinationCidrBlock: 10.0.0.0/8, TransitGatewayId: !Ref Edge}}
                  GroupC:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: server in C
                      VpcId: !Ref VpcC
                      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.20.0.0/16}]
                  ServerC: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref SubnetC1, SecurityGroupIds: [!Ref GroupC], ImageId: ami-12345678}}
                  Edge: {Type: AWS::EC2::TransitGateway}
                  AttachC: {Type: AWS::EC2::TransitGatewayAttachment, Properties: {TransitGatewayId: !Ref Edge, VpcId: !Ref VpcC, SubnetIds: [!Ref SubnetC1]}}
                  Peer: {Type: AWS::EC2::TransitGatewayPeeringAttachment, Properties: {TransitGatewayId: !Ref Hub, PeerTransitGatewayId: !Ref Edge}}
                  HubTable: {Type: AWS::EC2::TransitGatewayRouteTable, Properties: {TransitGatewayId: !Ref Hub}}
                  HubAssocA: {Type: AWS::EC2::TransitGatewayRouteTableAssociation, Properties: {TransitGatewayRouteTableId: !Ref HubTable, TransitGatewayAttachmentId: !Ref AttachA}}
                  HubAssocPeer: {Type: AWS::EC2::TransitGatewayRouteTableAssociation, Properties: {TransitGatewayRouteTableId: !Ref HubTable, TransitGatewayAttachmentId: !Ref Peer}}
                  HubPropA: {Type: AWS::EC2::TransitGatewayRouteTablePropagation, Properties: {TransitGatewayRouteTableId: !Ref HubTable, TransitGatewayAttachmentId: !Ref AttachA}}
                  HubToC: {Type: AWS::EC2::TransitGatewayRoute, Properties: {TransitGatewayRouteTableId: !Ref HubTable, DestinationCidrBlock: 10.40.0.0/16, TransitGatewayAttachmentId: !Ref Peer}}
                  EdgeTable: {Type: AWS::EC2::TransitGatewayRouteTable, Properties: {TransitGatewayId: !Ref Edge}}
                  EdgeAssocC: {Type: AWS::EC2::TransitGatewayRouteTableAssociation, Properties: {TransitGatewayRouteTableId: !Ref EdgeTable, TransitGatewayAttachmentId: !Ref AttachC}}
                  EdgeAssocPeer: {Type: AWS::EC2::TransitGatewayRouteTableAssociation, Properties: {TransitGatewayRouteTableId: !Ref EdgeTable, TransitGatewayAttachmentId: !Ref Peer}}
                  EdgePropC: {Type: AWS::EC2::TransitGatewayRouteTablePropagation, Properties: {TransitGatewayRouteTableId: !Ref EdgeTable, TransitGatewayAttachmentId: !Ref AttachC}}
                """;
        String back = """
                  EdgeToA: {Type: AWS::EC2::TransitGatewayRoute, Properties: {TransitGatewayRouteTableId: !Ref EdgeTable, DestinationCidrBlock: 10.20.0.0/16, TransitGatewayAttachmentId: !Ref Peer}}
                """;
        CliTest.Run both = why(template(peered + back), "ClientA1", "ServerC");
        assertThat(both.code()).as(both.err()).isZero();
        assertThat(both.out())
                .contains(
                        "transit gateway Hub: route table HubTable, 10.40.0.0/16 -> peering attachment Peer (static)",
                        "transit gateway Edge: route table EdgeTable, 10.40.0.0/16 -> VPC attachment AttachC (propagated)")
                .doesNotContain("no-link")
                .endsWith("Reachable.\n");

        CliTest.Run oneWay = why(template(peered), "ClientA1", "ServerC");
        assertThat(oneWay.out())
                .contains(
                        "BLOCKED tgw-no-route: route table EdgeTable of transit gateway Edge has no route to 10.20.1.0/24")
                .endsWith("Blocked.\n");
    }

    /** A VPN attachment is a hop the model does not hold: cannot tell, exit 3, never reachable or blocked. */
    @Test
    void aTransitGatewayRouteToAVpnAttachment_cannotTell() throws IOException {
        Path snapshot = snapshot(Map.of(
                "tgw-attachments.json",
                """
                {"TransitGatewayAttachments": [
                  {"TransitGatewayAttachmentId": "tgw-attach-vpc", "TransitGatewayId": "tgw-1", "ResourceType": "vpc",
                   "ResourceId": "vpc-a", "State": "available",
                   "Association": {"TransitGatewayRouteTableId": "tgw-rtb-1", "State": "associated"}},
                  {"TransitGatewayAttachmentId": "tgw-attach-vpn", "TransitGatewayId": "tgw-1", "ResourceType": "vpn",
                   "ResourceId": "vpn-1", "State": "available"}]}
                """,
                "tgw-vpc-attachments.json",
                """
                {"TransitGatewayVpcAttachments": [
                  {"TransitGatewayAttachmentId": "tgw-attach-vpc", "TransitGatewayId": "tgw-1", "VpcId": "vpc-a",
                   "SubnetIds": ["subnet-a"], "State": "available"}]}
                """,
                "tgw-route-tables.json",
                """
                {"TransitGatewayRouteTables": [{"TransitGatewayRouteTableId": "tgw-rtb-1", "TransitGatewayId": "tgw-1"}]}
                """,
                "tgw-routes-tgw-rtb-1.json",
                """
                {"Routes": [
                  {"DestinationCidrBlock": "10.20.0.0/16", "Type": "propagated", "State": "active",
                   "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-vpc", "ResourceType": "vpc"}]},
                  {"DestinationCidrBlock": "192.168.0.0/16", "Type": "static", "State": "active",
                   "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-vpn", "ResourceType": "vpn"}]},
                  {"DestinationCidrBlock": "0.0.0.0/0", "Type": "static", "State": "active",
                   "TransitGatewayAttachments": [{"TransitGatewayAttachmentId": "tgw-attach-vpn", "ResourceType": "vpn"}]}],
                 "AdditionalRoutesAvailable": false}
                """));
        CliTest.Run r = run("why", "box", "192.168.1.10", "443", "--snapshot", snapshot.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(r.out())
                .contains("CANNOT TELL: VPN attachment tgw-attach-vpn not modelled")
                .endsWith("Cannot tell.\n");
        assertThat(r.err()).doesNotContain("unknown-key");

        // check says the same of the way to the internet (0.0.0.0/0 goes to the VPN too), under the rule and level
        // the cannot-tell verdict already has.
        CliTest.Run sarif = run("check", "--format", "sarif", "--snapshot", snapshot.toString());
        assertThat(sarif.out()).contains("reach/cannot-tell", "VPN attachment tgw-attach-vpn not modelled");
        assertThat(sarif.err()).doesNotContain("Exception");
    }

    /** Every code the link and the transit gateways can give is in the blocker table of docs/analysis.md. */
    @Test
    void everyLinkBlockerCode_isDocumented() throws IOException {
        String docs = Files.readString(Path.of("docs/analysis.md"));
        for (String code : java.util.List.of(
                "no-link",
                "tgw-not-attached",
                "tgw-no-attachment-in-zone",
                "tgw-not-associated",
                "tgw-no-route",
                "tgw-blackhole",
                "tgw-wrong-vpc",
                "tgw-ipv6-disabled")) {
            assertThat(docs).as(code).contains("| `" + code + "` |");
        }
        for (Path source : java.util.List.of(
                Path.of("src/main/java/dev/stackwright/analysis/reach/TransitPath.java"),
                Path.of("src/main/java/dev/stackwright/analysis/reach/CrossVpc.java"))) {
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("\"((?:tgw|no)-[a-z-]+)\",").matcher(Files.readString(source));
            while (m.find()) {
                assertThat(docs).as(source + ": " + m.group(1)).contains("| `" + m.group(1) + "` |");
            }
        }
    }

    /** One VPC with subnet-a in us-east-1a, its table sending 0.0.0.0/0 to tgw-1, and an instance "box" open out. */
    private Path snapshot(Map<String, String> more) throws IOException {
        Map<String, String> files = new TreeMap<>(more);
        files.put("vpcs.json", """
                {"Vpcs": [{"VpcId": "vpc-a", "CidrBlock": "10.20.0.0/16"}]}
                """);
        files.put("subnets.json", """
                {"Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-a", "CidrBlock": "10.20.1.0/24",
                  "AvailabilityZone": "us-east-1a"}]}
                """);
        files.put("route-tables.json", """
                {"RouteTables": [{"RouteTableId": "rtb-a", "VpcId": "vpc-a",
                  "Associations": [{"Main": true}],
                  "Routes": [{"DestinationCidrBlock": "10.20.0.0/16", "GatewayId": "local"},
                             {"DestinationCidrBlock": "0.0.0.0/0", "TransitGatewayId": "tgw-1"}]}]}
                """);
        files.put("groups.json", """
                {"SecurityGroups": [{"GroupId": "sg-a", "GroupName": "box", "VpcId": "vpc-a", "Description": "box",
                  "IpPermissions": [],
                  "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]}
                """);
        files.put("instances.json", """
                {"Reservations": [{"Instances": [{"InstanceId": "i-1", "SubnetId": "subnet-a", "VpcId": "vpc-a",
                  "PrivateIpAddress": "10.20.1.10", "Tags": [{"Key": "Name", "Value": "box"}],
                  "SecurityGroups": [{"GroupId": "sg-a"}],
                  "NetworkInterfaces": [{"NetworkInterfaceId": "eni-1", "SubnetId": "subnet-a",
                    "PrivateIpAddress": "10.20.1.10", "Groups": [{"GroupId": "sg-a"}]}]}]}]}
                """);
        Path d = Files.createDirectories(dir.resolve("snap"));
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(d.resolve(f.getKey()), f.getValue());
        }
        return d;
    }
}
