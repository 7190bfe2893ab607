package dev.stackwright.analysis;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.cli.CliTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `why` and `check` say where the input reaches past what the model holds, or names what is not there. */
class ReachVerdictsCliTest {
    @TempDir
    Path dir;

    /*
     * https://docs.aws.amazon.com/vpn/latest/s2svpn/vpn-route-priority.html: "In your VPC route table, you must add a
     * route for your remote network and specify the virtual private gateway as the target. This enables traffic from
     * your VPC that's destined for your remote network to route via the virtual private gateway and over one of the
     * VPN tunnels." What the tunnels and the network beyond do is not in the input: the answer is cannot tell.
     */
    static final String VPN = """
            Resources:
              Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.9.0.0/16}}
              Vgw: {Type: AWS::EC2::VPNGateway, Properties: {Type: ipsec.1}}
              VgwAttach: {Type: AWS::EC2::VPCGatewayAttachment, Properties: {VpcId: !Ref Vpc, VpnGatewayId: !Ref Vgw}}
              Subnet: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.9.0.0/24, AvailabilityZone: us-east-1a}}
              Table: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref Vpc}}
              Out: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref Table, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Vgw}}
              Assoc: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref Subnet, RouteTableId: !Ref Table}}
              Group:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: office access
                  VpcId: !Ref Vpc
                  SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 192.168.0.0/16}]
              Box: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref Subnet, SecurityGroupIds: [!Ref Group], ImageId: ami-12345678}}
            """;

    private Path vpn() throws IOException {
        Path file = dir.resolve("vpn.yaml");
        Files.writeString(file, VPN);
        return file;
    }

    @Test
    void why_pastAVirtualPrivateGateway_cannotTell_withItsOwnExitCode() throws IOException {
        CliTest.Run out = run("why", "Box", "internet", "443", "--template", vpn().toString());
        assertThat(out.code()).as(out.out() + out.err()).isEqualTo(3);
        assertThat(out.out())
                .contains("Box -> internet  tcp 443: CANNOT TELL: virtual private gateway vgw-Vgw not modelled")
                .doesNotContain("REACHABLE", "BLOCKED")
                .endsWith("Cannot tell.\n");
    }

    @Test
    void whyHelp_documentsTheExitCodes() {
        assertThat(run("why", "--help").out())
                .contains("Exit codes: 0 an answer (reachable or blocked)", "3 cannot tell");
    }

    @Test
    void why_inFromTheOffice_overTheVpn_cannotTell_butWhatAGroupBlocksIsStillBlocked() throws IOException {
        CliTest.Run ssh = run("why", "192.168.1.0/24", "Box", "22", "--template", vpn().toString());
        assertThat(ssh.code()).as(ssh.out() + ssh.err()).isEqualTo(3);
        assertThat(ssh.out())
                .contains("CANNOT TELL: virtual private gateway vgw-Vgw not modelled")
                .endsWith("Cannot tell.\n");
        CliTest.Run rdp = run("why", "192.168.1.0/24", "Box", "3389", "--template", vpn().toString());
        assertThat(rdp.code()).isZero();
        assertThat(rdp.out()).contains("BLOCKED sg-ingress-denied").endsWith("Blocked.\n");
    }

    @Test
    void check_reportsTheFlowsItCannotTell_asADistinctVerdict_inTextJsonAndSarif() throws IOException {
        Path template = vpn();
        CliTest.Run text = run("check", "--template", template.toString());
        assertThat(text.out())
                .contains(
                        "Cannot tell (the way crosses a hop Stackwright does not model)",
                        "virtual private gateway vgw-Vgw not modelled");
        assertThat(text.out()).as("egress by tier is not none").containsPattern("data +- +- +cannot tell");
        CliTest.Run json = run("check", "--template", template.toString(), "--format", "json");
        assertThat(json.out())
                .contains(
                        "\"cannotTell\"",
                        "\"verdict\": \"cannot-tell\"",
                        "\"unmodelled\": [\n              \"virtual private gateway vgw-Vgw not modelled\"");
        CliTest.Run sarif = run("check", "--template", template.toString(), "--format", "sarif");
        assertThat(sarif.out())
                .contains("\"ruleId\": \"reach/cannot-tell\"", "\"level\": \"note\"", "\"verdict\": \"cannot-tell\"");
    }

    /*
     * https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html: "An internet gateway enables resources
     * in your public subnets (such as EC2 instances) to connect to the internet if the resource has a public IPv4
     * address or an IPv6 address. Similarly, resources on the internet can initiate a connection to resources in your
     * subnet using the public IPv4 address or IPv6 address." An address no interface has is nobody.
     */
    @Test
    void why_toAnAddressNoInterfaceHas_saysWhatIsThere_andGivesNoVerdict() {
        CliTest.Run r = run("why", "internet", "10.0.0.92", "22", "-f", CheckAndWhyCliTest.PROD);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).doesNotContain("REACHABLE", "Reachable.", "Blocked.");
        assertThat(r.err())
                .contains("10.0.0.92 is in subnet app-a (10.0.0.0/24), but no interface has 10.0.0.92 in the input");
    }

    @Test
    void why_fromTheInternet_toPrivateAddresses_isBlocked_evenWhereTheResourceIsPublic() {
        CliTest.Run byName = run("why", "internet", "front-door-a", "443", "-f", CheckAndWhyCliTest.PROD);
        assertThat(byName.out()).endsWith("Reachable.\n");
        CliTest.Run byAddress = run("why", "internet", "10.0.128.0/24", "443", "-f", CheckAndWhyCliTest.PROD);
        assertThat(byAddress.code()).isZero();
        assertThat(byAddress.out())
                .contains("BLOCKED private-address: 10.0.128.0/24 is an address inside the VPC")
                .doesNotContain("REACHABLE")
                .endsWith("pairs reachable.\n")
                .contains("0 of ");
    }
}
