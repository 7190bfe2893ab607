package dev.stackwright.analysis;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.SnapshotFolders;
import dev.stackwright.cli.CliTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code why} on an IPv6 address in another VPC over a transit gateway, from a snapshot (the describe-* folder
 * {@code import/snapshot/tgw-ipv6}) and from a template.
 *
 * <p>AWS: a transit gateway route table "allows for both IPv4 or IPv6 CIDRs and targets"
 * (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html); a VPC attachment's {@code Ipv6Support}:
 * "When you enable route propagation, IPv6 VPC CIDRs propagate to the transit gateway route tables. When disabled, the
 * network interface does not receive an IPv6 address, and IPv6 routes do not propagate. The setting does not filter
 * IPv6 traffic. The default is disable."
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTransitGatewayVpcAttachmentRequestOptions.html);
 * in a template, "Ipv6Support: Enable or disable IPv6 support. The default is disable."
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ec2-transitgatewayvpcattachment-options.html).
 */
class TransitGatewayIpv6Test {
    static final Path SNAPSHOT = Path.of("src/test/resources/import/snapshot/tgw-ipv6");

    @TempDir
    Path dir;

    /** A copy of the snapshot folder with one file's text changed. */
    private Path edited(String file, String from, String to) throws IOException {
        return SnapshotFolders.edited(SNAPSHOT, dir.resolve("snap"), file, from, to);
    }

    @Test
    void snapshot_anIpv6AddressInTheOtherVpc_isReachable_overTheTransitGatewaysIpv6Routes() {
        CliTest.Run r = run("why", "web", "2600:1f18:0:b01::20", "443", "--snapshot", SNAPSHOT.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "route table rtb-a                        2600:1f18::/32 -> transit gateway tgw-1",
                        "Between the VPCs: transit gateway tgw-1, used both ways",
                        "subnet-a -> 2600:1f18:0:b01::/64:",
                        "transit gateway tgw-1: route table tgw-rtb-1, 2600:1f18:0:b00::/56 -> VPC attachment"
                                + " tgw-attach-b (propagated)",
                        "transit gateway tgw-1: route table tgw-rtb-1, 2600:1f18:0:a00::/56 -> VPC attachment"
                                + " tgw-attach-a (propagated)",
                        "ledger-api: in tcp 443 from 2600:1f18:0:a00::/56 (shop over IPv6)")
                .doesNotContain("CANNOT TELL", "no-link")
                .endsWith("Reachable.\n");
        assertThat(r.err()).doesNotContain("unknown-key", "bad-value");
    }

    @Test
    void snapshot_theServersGroupAdmittingIpv4Only_blocksTheIpv6Flow_afterTheLink() throws IOException {
        Path snap = edited(
                "groups.json", "\"CidrIpv6\": \"2600:1f18:0:a00::/56\"", "\"CidrIpv6\": \"2600:1f18:0:c00::/56\"");
        CliTest.Run r = run("why", "web", "2600:1f18:0:b01::20", "443", "--snapshot", snap.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("security group ledger-api").endsWith("Blocked.\n");
    }

    /** With Ipv6Support disabled, B's IPv6 block does not propagate: the table has no route to it, and says why. */
    @Test
    void snapshot_anAttachmentWithIpv6SupportDisabled_propagatesNoIpv6Route_soTheFlowIsBlocked() throws IOException {
        Path snap = edited(
                "tgw-vpc-attachments.json",
                "\"VpcId\": \"vpc-b\",\n   \"SubnetIds\": [\"subnet-b\"], \"State\": \"available\",\n"
                        + "   \"Options\": {\"DnsSupport\": \"enable\", \"Ipv6Support\": \"enable\"",
                "\"VpcId\": \"vpc-b\",\n   \"SubnetIds\": [\"subnet-b\"], \"State\": \"available\",\n"
                        + "   \"Options\": {\"DnsSupport\": \"enable\", \"Ipv6Support\": \"disable\"");
        String routes = Files.readString(snap.resolve("tgw-routes-tgw-rtb-1.json"));
        // AWS lists no propagated IPv6 route for such an attachment.
        Files.writeString(
                snap.resolve("tgw-routes-tgw-rtb-1.json"),
                routes.replaceAll("(?s),\\s*\\{\"DestinationCidrBlock\": \"2600:1f18:0:b00::/56\".*?\\]\\}", ""));
        CliTest.Run r = run("why", "web", "2600:1f18:0:b01::20", "443", "--snapshot", snap.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("BLOCKED tgw-ipv6-disabled: route table tgw-rtb-1 of transit gateway tgw-1 has no route to"
                        + " 2600:1f18:0:b00::/56: VPC attachment tgw-attach-b of ledger propagates to it, but its"
                        + " Ipv6Support option is disabled (AWS's default), so the VPC's IPv6 blocks do not propagate;"
                        + " enable Ipv6Support on the attachment")
                .endsWith("Blocked.\n");
        // IPv4 over the same attachment is not affected.
        CliTest.Run v4 = run("why", "web", "10.30.1.20", "443", "--snapshot", snap.toString());
        assertThat(v4.out()).endsWith("Reachable.\n");
    }

    /** describe-transit-gateway-attachments alone gives no options: whether IPv6 crosses is not told. */
    @Test
    void snapshot_withoutTheAttachmentsOptions_anIpv6FlowCannotBeTold() throws IOException {
        Path snap = edited(
                "tgw-vpc-attachments.json",
                "\"Options\": {\"DnsSupport\": \"enable\", \"Ipv6Support\": \"enable\", \"ApplianceModeSupport\":"
                        + " \"disable\"}}]}",
                "\"Options\": {}}]}");
        CliTest.Run r = run("why", "web", "2600:1f18:0:b01::20", "443", "--snapshot", snap.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(r.out())
                .contains("IPv6 over VPC attachment tgw-attach-b, whose Options.Ipv6Support the input does not give")
                .endsWith("Cannot tell.\n");
    }

    /** A static IPv6 route more specific than the propagated block wins, as for IPv4: here a blackhole. */
    @Test
    void snapshot_aMoreSpecificStaticIpv6Blackhole_dropsTheFlow() throws IOException {
        Path snap = edited(
                "tgw-routes-tgw-rtb-1.json",
                "\"AdditionalRoutesAvailable\": false",
                "\"AdditionalRoutesAvailable\": false, \"_\": 0");
        String routes = Files.readString(snap.resolve("tgw-routes-tgw-rtb-1.json"));
        Files.writeString(
                snap.resolve("tgw-routes-tgw-rtb-1.json"),
                routes.replace(
                        "{\"Routes\": [",
                        "{\"Routes\": [\n  {\"DestinationCidrBlock\": \"2600:1f18:0:b01::/64\", \"Type\": \"static\","
                                + " \"State\": \"blackhole\"},"));
        CliTest.Run r = run("why", "web", "2600:1f18:0:b01::20", "443", "--snapshot", snap.toString());
        assertThat(r.out())
                .contains("BLOCKED tgw-blackhole: route table tgw-rtb-1 of transit gateway tgw-1 drops"
                        + " 2600:1f18:0:b01::/64 (a blackhole route)")
                .endsWith("Blocked.\n");
    }

    /** A transit gateway route whose block is not one (a /129) is a located finding; the rest is analysed. */
    @Test
    void snapshot_anIpv6TransitGatewayRouteWithABadBlock_isALocatedFinding_neverAnInternalError() throws IOException {
        Path snap = edited(
                "tgw-routes-tgw-rtb-1.json",
                "\"DestinationCidrBlock\": \"2600:1f18:0:b00::/56\"",
                "\"DestinationCidrBlock\": \"2600:1f18:0:b00::/129\"");
        CliTest.Run r = run("why", "web", "2600:1f18:0:b01::20", "443", "--snapshot", snap.toString());
        assertThat(r.code()).as(r.out() + r.err()).isNotEqualTo(70);
        assertThat(r.err())
                .containsPattern("tgw-routes-tgw-rtb-1\\.json:\\d+:\\d+: .*DestinationCidrBlock")
                .contains("is not an IPv4 or IPv6 CIDR block", "2600:1f18:0:b00::/129")
                .doesNotContain("Exception");
        CliTest.Run check = run("check", "--snapshot", snap.toString());
        assertThat(check.code()).as(check.out() + check.err()).isNotEqualTo(70);
        assertThat(check.out() + check.err())
                .contains("is not an IPv4 or IPv6 CIDR block")
                .doesNotContain("Exception");
    }

    /**
     * Two VPCs with known IPv6 blocks, attached to Hub (with {@code optionsA} and {@code optionsB} after their
     * subnets), one route table that learns A's blocks and has a static IPv6 route to B.
     */
    static String template(String optionsA, String optionsB) {
        return """
                Resources:
                  VpcA: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.20.0.0/16}}
                  VpcB: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.30.0.0/16}}
                  BlockA: {Type: AWS::EC2::VPCCidrBlock, Properties: {VpcId: !Ref VpcA, Ipv6CidrBlock: "2600:1f18:0:a00::/56"}}
                  BlockB: {Type: AWS::EC2::VPCCidrBlock, Properties: {VpcId: !Ref VpcB, Ipv6CidrBlock: "2600:1f18:0:b00::/56"}}
                  SubnetA: {Type: AWS::EC2::Subnet, DependsOn: BlockA, Properties: {VpcId: !Ref VpcA, CidrBlock: 10.20.1.0/24, AvailabilityZone: us-east-1a, Ipv6CidrBlock: "2600:1f18:0:a01::/64", AssignIpv6AddressOnCreation: true}}
                  SubnetB: {Type: AWS::EC2::Subnet, DependsOn: BlockB, Properties: {VpcId: !Ref VpcB, CidrBlock: 10.30.1.0/24, AvailabilityZone: us-east-1a, Ipv6CidrBlock: "2600:1f18:0:b01::/64", AssignIpv6AddressOnCreation: true}}
                  Hub: {Type: AWS::EC2::TransitGateway}
                  AttachA: {Type: AWS::EC2::TransitGatewayVpcAttachment, Properties: {TransitGatewayId: !Ref Hub, VpcId: !Ref VpcA, SubnetIds: [!Ref SubnetA]%1$s}}
                  AttachB: {Type: AWS::EC2::TransitGatewayVpcAttachment, Properties: {TransitGatewayId: !Ref Hub, VpcId: !Ref VpcB, SubnetIds: [!Ref SubnetB]%2$s}}
                  HubTable: {Type: AWS::EC2::TransitGatewayRouteTable, Properties: {TransitGatewayId: !Ref Hub}}
                  HubAssocA: {Type: AWS::EC2::TransitGatewayRouteTableAssociation, Properties: {TransitGatewayRouteTableId: !Ref HubTable, TransitGatewayAttachmentId: !Ref AttachA}}
                  HubAssocB: {Type: AWS::EC2::TransitGatewayRouteTableAssociation, Properties: {TransitGatewayRouteTableId: !Ref HubTable, TransitGatewayAttachmentId: !Ref AttachB}}
                  HubPropA: {Type: AWS::EC2::TransitGatewayRouteTablePropagation, Properties: {TransitGatewayRouteTableId: !Ref HubTable, TransitGatewayAttachmentId: !Ref AttachA}}
                  HubToB: {Type: AWS::EC2::TransitGatewayRoute, Properties: {TransitGatewayRouteTableId: !Ref HubTable, DestinationCidrBlock: "2600:1f18:0:b00::/56", TransitGatewayAttachmentId: !Ref AttachB}}
                  TableA: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref VpcA}}
                  TableB: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref VpcB}}
                  AssocA: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref SubnetA, RouteTableId: !Ref TableA}}
                  AssocB: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref SubnetB, RouteTableId: !Ref TableB}}
                  ToHubA: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref TableA, DestinationIpv6CidrBlock: "2600:1f18::/32", TransitGatewayId: !Ref Hub}}
                  ToHubB: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref TableB, DestinationIpv6CidrBlock: "2600:1f18::/32", TransitGatewayId: !Ref Hub}}
                  Client:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: client
                      VpcId: !Ref VpcA
                      SecurityGroupEgress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIpv6: "2600:1f18::/32"}]
                  Server:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: server
                      VpcId: !Ref VpcB
                      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIpv6: "2600:1f18:0:a00::/56"}]
                  ClientA: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref SubnetA, SecurityGroupIds: [!Ref Client], ImageId: ami-12345678}}
                  ServerB: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref SubnetB, SecurityGroupIds: [!Ref Server], ImageId: ami-12345678, Ipv6Addresses: [{Ipv6Address: "2600:1f18:0:b01::20"}]}}
                """.formatted(optionsA, optionsB);
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve("tgw6-" + Integer.toHexString(text.hashCode()) + ".yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void template_withIpv6SupportEnabled_reachesTheOtherVpc_overAStaticAndAPropagatedIpv6Route() throws IOException {
        String enabled = ", Options: {Ipv6Support: enable}";
        Path t = write(template(enabled, enabled));
        CliTest.Run r = run("why", "ClientA", "2600:1f18:0:b01::20", "443", "--template", t.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "transit gateway Hub: route table HubTable, 2600:1f18:0:b00::/56 -> VPC attachment AttachB"
                                + " (static)",
                        "transit gateway Hub: route table HubTable, 2600:1f18:0:a00::/56 -> VPC attachment AttachA"
                                + " (propagated)")
                .endsWith("Reachable.\n");
    }

    /**
     * Without Options an attachment's Ipv6Support is AWS's default, disable: B's block does not propagate, so a table
     * that only learns it has no route to B, and says why. IPv6 sent into an attachment with the option disabled is
     * not documented ("The setting does not filter IPv6 traffic"): cannot tell, never reachable.
     */
    @Test
    void template_withoutOptions_ipv6SupportIsDisabled_soBsBlockIsNotLearned() throws IOException {
        String learnB = template(", Options: {Ipv6Support: enable}", "")
                .replaceAll(
                        "(?m)^  HubToB: .*$",
                        "  HubPropB: {Type: AWS::EC2::TransitGatewayRouteTablePropagation, Properties:"
                                + " {TransitGatewayRouteTableId: !Ref HubTable, TransitGatewayAttachmentId: !Ref"
                                + " AttachB}}");
        CliTest.Run r = run(
                "why",
                "ClientA",
                "2600:1f18:0:b01::20",
                "443",
                "--template",
                write(learnB).toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("BLOCKED tgw-ipv6-disabled: route table HubTable of transit gateway Hub has no route to"
                        + " 2600:1f18:0:b01::/64: VPC attachment AttachB of VpcB propagates to it, but its Ipv6Support"
                        + " option is disabled")
                .endsWith("Blocked.\n");

        CliTest.Run neither = run(
                "why",
                "ClientA",
                "2600:1f18:0:b01::20",
                "443",
                "--template",
                write(template("", "")).toString());
        assertThat(neither.code()).as(neither.out() + neither.err()).isEqualTo(3);
        assertThat(neither.out())
                .contains("CANNOT TELL: IPv6 over VPC attachment AttachA, whose Ipv6Support is disabled")
                .endsWith("Cannot tell.\n");
    }

    /**
     * The same VPCs joined by a peering connection instead: "If you have a VPC peering connection between VPCs that have
     * associated IPv6 CIDR blocks, you can add a route to your route table that points to the IPv6 CIDR block of the
     * peer VPC" (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html). The link checks read the
     * IPv6 routes both ways; without B's route back, the replies have no way.
     */
    @Test
    void template_overAnIpv6PeeringRoute_bothWays_isReachable_andWithoutTheWayBackIsNoLink() throws IOException {
        String peered = template("", "")
                .replaceAll("(?m)^  (Hub|AttachA|AttachB|HubTable|HubAssocA|HubAssocB|HubPropA|HubToB): .*\\n", "")
                .replace("TransitGatewayId: !Ref Hub", "VpcPeeringConnectionId: !Ref Peering")
                .replace(
                        "  TableA:",
                        "  Peering: {Type: AWS::EC2::VPCPeeringConnection, Properties: {VpcId: !Ref VpcA, PeerVpcId:"
                                + " !Ref VpcB}}\n  TableA:");
        assertThat(peered).doesNotContain("TransitGateway");
        CliTest.Run r = run(
                "why",
                "ClientA",
                "2600:1f18:0:b01::20",
                "443",
                "--template",
                write(peered).toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "route table TableA                          2600:1f18::/32 -> peering Peering",
                        "Between the VPCs: peering Peering, used both ways",
                        "<- route table TableB                          2600:1f18::/32 -> peering Peering")
                .endsWith("Reachable.\n");

        String oneWay = peered.replaceAll("(?m)^  ToHubB: .*\\n", "");
        CliTest.Run back = run(
                "why",
                "ClientA",
                "2600:1f18:0:b01::20",
                "443",
                "--template",
                write(oneWay).toString());
        assertThat(back.out())
                .contains("BLOCKED no-link: peering Peering does not lead to VpcB: none of its route tables uses it")
                .endsWith("Blocked.\n");
    }

    /** A source VPC without IPv6 has no IPv6 address to send from: blocked with the reason, never an internal error. */
    @Test
    void template_anIpv4OnlySourceVpc_isBlockedForAnIpv6Destination_withTheReason() throws IOException {
        String enabled = ", Options: {Ipv6Support: enable}";
        String v4only = template(enabled, enabled)
                .replaceAll("(?m)^  BlockA: .*\n", "")
                .replace("DependsOn: BlockA, ", "")
                .replace(", Ipv6CidrBlock: \"2600:1f18:0:a01::/64\", AssignIpv6AddressOnCreation: true", "");
        assertThat(v4only).doesNotContain("2600:1f18:0:a01::/64");
        CliTest.Run r = run(
                "why",
                "ClientA",
                "2600:1f18:0:b01::20",
                "443",
                "--template",
                write(v4only).toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "BLOCKED no-ipv6-address: ClientA has no IPv6 address",
                        "BLOCKED no-link: VpcA has no IPv6 block, so no IPv6 route leads to or from it")
                .endsWith("Blocked.\n");
    }

    @Test
    void template_anIpv6TransitGatewayRouteWithABadBlock_isALocatedFinding() throws IOException {
        String bad = template(", Options: {Ipv6Support: enable}", ", Options: {Ipv6Support: enable}")
                .replace(
                        "DestinationCidrBlock: \"2600:1f18:0:b00::/56\"",
                        "DestinationCidrBlock: \"2600:1f18:0:b00::/129\"");
        CliTest.Run r = run("check", "--template", write(bad).toString());
        assertThat(r.code()).as(r.out() + r.err()).isNotEqualTo(70);
        assertThat(r.out() + r.err())
                .containsPattern("\\.yaml:\\d+:\\d+: .*HubToB.*DestinationCidrBlock")
                .contains("is not an IPv4 or IPv6 CIDR block")
                .doesNotContain("Exception");
    }
}
