package dev.stackwright.analysis;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.cli.CliTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IPv6 routes to a peering connection or a transit gateway are followed as the IPv4 ones are: out to the edge of the
 * VPC, and in from the blocks the route tables send there, with the replies going back the same way.
 *
 * <p>https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html: "If you have a VPC peering connection
 * between VPCs that have associated IPv6 CIDR blocks, you can add a route to your route table that points to the
 * IPv6 CIDR block of the peer VPC" ... "To enable the flow of traffic between the VPCs using IPv6 addresses, you must
 * add a route to the route tables for the subnets in each VPC that points to the VPC peering connection", and on
 * https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html a VPC attachment carries IPv6 when "IPv6
 * support" is enabled and its subnets have IPv6 blocks; a subnet then routes an IPv6 block to the transit gateway.
 * Batfish's AWS model holds IPv6 routes in the same route tables with the same targets as IPv4 ones
 * (batfish/batfish, representation/aws/RouteV6.java beside RouteV4.java, both of Route).
 */
class Ipv6LinksTest {
    @TempDir
    Path dir;

    /** A dual-stack VPC whose table sends a peer VPC's IPv6 block to a peering connection, and a server admitting it. */
    static final String PEERED = """
            Resources:
              Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.9.0.0/16}}
              Ipv6: {Type: AWS::EC2::VPCCidrBlock, Properties: {VpcId: !Ref Vpc, AmazonProvidedIpv6CidrBlock: true}}
              Peer: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.30.0.0/16}}
              Peering: {Type: AWS::EC2::VPCPeeringConnection, Properties: {VpcId: !Ref Vpc, PeerVpcId: !Ref Peer}}
              Subnet:
                Type: AWS::EC2::Subnet
                DependsOn: Ipv6
                Properties:
                  VpcId: !Ref Vpc
                  CidrBlock: 10.9.0.0/24
                  AvailabilityZone: us-east-1a
                  Ipv6CidrBlock: !Select [1, !Cidr [!Select [0, !GetAtt Vpc.Ipv6CidrBlocks], 4, 64]]
                  AssignIpv6AddressOnCreation: true
              Table: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref Vpc}}
              Assoc: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref Subnet, RouteTableId: !Ref Table}}
              ToPeer6: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref Table, DestinationIpv6CidrBlock: "2600:1f18:aaaa:bb00::/56", VpcPeeringConnectionId: !Ref Peering}}
              Db:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  VpcId: !Ref Vpc
                  GroupDescription: database
                  SecurityGroupIngress:
                    - {IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIpv6: "2600:1f18:aaaa:bb00::/56"}
                  SecurityGroupEgress:
                    - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIpv6: "2600:1f18:aaaa:bb00::/56"}
              Box: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref Subnet, SecurityGroupIds: [!Ref Db], InstanceType: t3.micro, ImageId: ami-12345678}}
            """;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("stack.yaml");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void anIpv6RouteToAPeeringConnection_isImportedAsOne_notWarnedAsNotModelled() throws IOException {
        CliTest.Run r = run("check", "--vpc", "Vpc", "--template", write(PEERED).toString());
        assertThat(r.out() + r.err()).doesNotContain("ipv6-route-not-modelled");
    }

    @Test
    void outOverAnIpv6PeeringRoute_leavesTheVpc_likeIpv4() throws IOException {
        CliTest.Run why = run(
                "why",
                "Box",
                "2600:1f18:aaaa:bb00::10",
                "443",
                "--vpc",
                "Vpc",
                "--template",
                write(PEERED).toString());
        assertThat(why.code()).as(why.out() + why.err()).isZero();
        assertThat(why.out())
                .contains("2600:1f18:aaaa:bb00::/56 -> peering Peering", "leaves the VPC")
                .doesNotContain("CANNOT TELL")
                .endsWith("Reachable.\n");
    }

    @Test
    void inFromThePeersIpv6Block_comesThroughThePeering_andGoesBackThatWay() throws IOException {
        Path t = write(PEERED);
        CliTest.Run why =
                run("why", "2600:1f18:aaaa:bb00::10", "Box", "5432", "--vpc", "Vpc", "--template", t.toString());
        assertThat(why.code()).as(why.out() + why.err()).isZero();
        assertThat(why.out())
                .contains("through a peering or transit gateway route", "2600:1f18:aaaa:bb00::/56 -> peering Peering")
                .endsWith("Reachable.\n");
        // Without the route back, the replies have no way: blocked, not cannot tell.
        CliTest.Run noRoute = run(
                "why",
                "2600:1f18:aaaa:bb00::10",
                "Box",
                "5432",
                "--vpc",
                "Vpc",
                "--template",
                write(PEERED.replaceAll("(?m)^  ToPeer6:.*\n", "")).toString());
        assertThat(noRoute.out()).doesNotContain("CANNOT TELL").endsWith("Blocked.\n");
    }

    @Test
    void anIpv6RouteToATransitGateway_theInputOnlyNames_leavesTheVpc() throws IOException {
        String overTgw =
                PEERED.replace("VpcPeeringConnectionId: !Ref Peering", "TransitGatewayId: tgw-0123456789abcdef0");
        CliTest.Run why = run(
                "why",
                "Box",
                "2600:1f18:aaaa:bb00::10",
                "443",
                "--vpc",
                "Vpc",
                "--template",
                write(overTgw).toString());
        assertThat(why.out() + why.err()).doesNotContain("ipv6-route-not-modelled");
        assertThat(why.out())
                .contains("2600:1f18:aaaa:bb00::/56 -> transit gateway tgw-0123456789abcdef0")
                .endsWith("Reachable.\n");
    }

    /**
     * A transit gateway whose attachments the input describes is walked over its route tables for IPv6 as for IPv4;
     * over a VPC attachment whose {@code Ipv6Support} the input does not give, an IPv6 flow is cannot tell (with the
     * option disabled "IPv6 routes do not propagate" but "the setting does not filter IPv6 traffic":
     * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTransitGatewayVpcAttachmentRequestOptions.html).
     * With it enabled, the gateway's IPv6 static route decides: here a blackhole.
     */
    @Test
    void anIpv6FlowOverADescribedTransitGateway_isWalked_overItsIpv6Routes() throws IOException {
        String overTgw =
                PEERED.replace("VpcPeeringConnectionId: !Ref Peering", "TransitGatewayId: tgw-0123456789abcdef0");
        dev.stackwright.model.Network n = dev.stackwright.importer.cfn.TemplateImporter.read(
                        write(overTgw), dev.stackwright.importer.cfn.TemplateImporter.Options.defaults())
                .networks()
                .stream()
                .filter(x -> x.stackName().equals("Vpc"))
                .findFirst()
                .orElseThrow();
        for (dev.stackwright.model.TransitGateways.Ipv6Support support :
                dev.stackwright.model.TransitGateways.Ipv6Support.values()) {
            dev.stackwright.model.TransitGateways transit = new dev.stackwright.model.TransitGateways(
                    java.util.List.of(new dev.stackwright.model.TransitGateways.Gateway("tgw-0123456789abcdef0")),
                    java.util.List.of(new dev.stackwright.model.TransitGateways.Attachment(
                            "tgw-attach-1",
                            "tgw-0123456789abcdef0",
                            dev.stackwright.model.TransitGateways.Kind.VPC,
                            java.util.Optional.of("Vpc"),
                            java.util.Optional.of(n.vpc().cidr()),
                            java.util.List.of("Subnet"),
                            java.util.Optional.empty(),
                            java.util.List.of(),
                            true,
                            support)),
                    java.util.List.of(new dev.stackwright.model.TransitGateways.RouteTable(
                            "tgw-rtb-1",
                            "tgw-0123456789abcdef0",
                            java.util.List.of("tgw-attach-1"),
                            java.util.List.of(),
                            java.util.List.of(new dev.stackwright.model.TransitGateways.StaticRoute(
                                    dev.stackwright.model.IpPrefix.parse("2600:1f18:aaaa:bb00::/56"),
                                    java.util.Optional.empty())))));
            dev.stackwright.analysis.reach.Reachability reach =
                    new dev.stackwright.analysis.reach.Reachability(n, transit);
            dev.stackwright.analysis.reach.Names names = new dev.stackwright.analysis.reach.Names(n, reach.space());
            dev.stackwright.analysis.reach.Answer a = reach.evaluate(new dev.stackwright.analysis.reach.Flow(
                    names.source("Box").locations().getFirst(),
                    names.destination("2600:1f18:aaaa:bb00::10").locations().getFirst(),
                    dev.stackwright.model.Protocol.TCP,
                    dev.stackwright.model.PortRange.of(443)));
            if (support == dev.stackwright.model.TransitGateways.Ipv6Support.ENABLED) {
                assertThat(a.verdict()).isEqualTo(dev.stackwright.analysis.reach.Verdict.BLOCKED);
                assertThat(a.blockers().getFirst().message())
                        .isEqualTo("route table tgw-rtb-1 of transit gateway tgw-0123456789abcdef0 drops "
                                + "2600:1f18:aaaa:bb00::/56 (a blackhole route)");
            } else {
                assertThat(a.verdict())
                        .as(support.name())
                        .isEqualTo(dev.stackwright.analysis.reach.Verdict.CANNOT_TELL);
                assertThat(a.unmodelled().getFirst()).startsWith("IPv6 over VPC attachment tgw-attach-1, whose ");
            }
        }
    }
}
