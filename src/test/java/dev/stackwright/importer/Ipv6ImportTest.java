package dev.stackwright.importer;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.cli.CliTest;
import dev.stackwright.importer.cfn.TemplateImporter;
import dev.stackwright.importer.snapshot.DefaultAcls;
import dev.stackwright.importer.snapshot.Snapshot;
import dev.stackwright.model.DualStack;
import dev.stackwright.model.Ipv6Block;
import dev.stackwright.model.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IPv6 read from templates and describe-* snapshots, and what check and why make of it: the case of the issue (a
 * group open to ::/0 behind a ::/0 route to an internet gateway was "Reachable from the internet: nothing"), egress-only
 * internet gateways, IPv6 network ACL entries in one rule order with the IPv4 ones, longest prefix within the family,
 * and an instance's IPv6 address as an end of {@code why}.
 */
class Ipv6ImportTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    /** A VPC with an Amazon-provided /56, one subnet cut from it with Fn::Cidr, and a web server in it. */
    static final String DUAL_STACK = """
            Resources:
              Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.9.0.0/16}}
              Ipv6: {Type: AWS::EC2::VPCCidrBlock, Properties: {VpcId: !Ref Vpc, AmazonProvidedIpv6CidrBlock: true}}
              Igw: {Type: AWS::EC2::InternetGateway}
              Attach: {Type: AWS::EC2::VPCGatewayAttachment, Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}}
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
              V6Default: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref Table, DestinationIpv6CidrBlock: "::/0", GatewayId: !Ref Igw}}
              Web:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  VpcId: !Ref Vpc
                  GroupDescription: web
                  SecurityGroupIngress:
                    - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIpv6: "::/0"}
              Box: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref Subnet, SecurityGroupIds: [!Ref Web], InstanceType: t3.micro, ImageId: ami-12345678}}
            """;

    @Test
    void groupOpenToIpv6World_behindAnIpv6DefaultRoute_isReachableFromTheInternet() throws IOException {
        Path t = write("dual.yaml", DUAL_STACK);
        CliTest.Run r = run("check", "--template", t.toString());
        assertThat(r.out()).doesNotContain("Reachable from the internet: nothing");
        assertThat(r.out()).containsPattern("Box +public +tcp +443 +anywhere on the IPv6 internet");
        CliTest.Run why = run("why", "internet", "Box", "443", "--template", t.toString());
        assertThat(why.code()).isZero();
        assertThat(why.out())
                .contains(
                        "from the IPv6 internet through the internet gateway",
                        "Web: in tcp 443 from anywhere (::/0)",
                        "::/0 -> internet gateway",
                        "Reachable.");
    }

    @Test
    void sshOpenToIpv6World_failsTheCheck_likeOnIpv4() throws IOException {
        Path t = write("ssh.yaml", DUAL_STACK.replace("FromPort: 443, ToPort: 443", "FromPort: 22, ToPort: 22"));
        CliTest.Run r = run("check", "--template", t.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("SW006", "admits SSH (22) from anywhere (::/0)");
    }

    @Test
    void fnCidrOverTheAmazonProvidedBlock_isWorkedOut_asAStandIn() throws IOException {
        Imported in = TemplateImporter.read(write("dual.yaml", DUAL_STACK), TemplateImporter.Options.defaults());
        Network n = in.networks().getFirst();
        DualStack d = n.ipv6().orElseThrow();
        assertThat(d.vpcBlock()).isEqualTo(new Ipv6Block.AmazonProvided());
        DualStack.SubnetBlock s = d.subnets().getFirst();
        assertThat(s.assignOnCreation()).isTrue();
        // The second /64 of the stand-in /56: inside it, distinct from the first.
        assertThat(s.block().standIn()).isTrue();
        assertThat(s.block().addresses().toCanonicalString()).isEqualTo("3fff:0:0:5601::/64");
        assertThat(d.routes())
                .containsExactly(new DualStack.Ipv6Route("Table", "::/0", DualStack.Target.INTERNET_GATEWAY));
        assertThat(d.rules()).hasSize(1);
    }

    @Test
    void subnetBlockThatCannotBeWorkedOut_isPresentAtAnUnknownPlace_andSaid() throws IOException {
        Path t = write(
                "unknown.yaml",
                DUAL_STACK.replace(
                        "!Select [1, !Cidr [!Select [0, !GetAtt Vpc.Ipv6CidrBlocks], 4, 64]]",
                        "!ImportValue shared-v6"));
        Imported in = TemplateImporter.read(t, TemplateImporter.Options.defaults());
        assertThat(in.findings()).anyMatch(f -> f.message().contains("analysed as a /64 of its own"));
        DualStack.SubnetBlock s =
                in.networks().getFirst().ipv6().orElseThrow().subnets().getFirst();
        assertThat(s.block().standIn()).isTrue();
        // Still reachable over ::/0: the rule names every IPv6 address, wherever the block is.
        assertThat(run("why", "internet", "Box", "443", "--template", t.toString())
                        .out())
                .contains("Reachable.");
    }

    /**
     * "An egress-only internet gateway is used to enable outbound communication over IPv6 from instances in your VPC to
     * the internet, and prevents hosts outside of your VPC from initiating an IPv6 connection with your instance."
     * (Amazon VPC User Guide, Egress-only internet gateways)
     */
    @Test
    void egressOnlyGateway_letsOut_andRepliesIn_butNothingStartsFromOutside() throws IOException {
        String eigw = DUAL_STACK
                .replace(
                        "V6Default: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref Table, DestinationIpv6CidrBlock: \"::/0\", GatewayId: !Ref Igw}}",
                        """
                        Eigw: {Type: AWS::EC2::EgressOnlyInternetGateway, Properties: {VpcId: !Ref Vpc}}
                          V6Default: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref Table, DestinationIpv6CidrBlock: "::/0", EgressOnlyInternetGatewayId: !Ref Eigw}}""")
                .replace(
                        "SecurityGroupIngress:",
                        "SecurityGroupEgress:\n        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIpv6: \"::/0\"}\n      SecurityGroupIngress:");
        Path t = write("eigw.yaml", eigw);
        CliTest.Run out = run("why", "Box", "internet", "443", "--template", t.toString());
        assertThat(out.out()).contains("via ::/0 -> egress-only internet gateway Eigw", "Reachable.");
        CliTest.Run in = run("why", "internet", "Box", "443", "--template", t.toString());
        assertThat(in.out()).contains("BLOCKED egress-only", "Blocked.");
        CliTest.Run check = run("check", "--template", t.toString());
        assertThat(check.out()).doesNotContainPattern("Box +\\S+ +tcp +443 +anywhere on the IPv6 internet");
    }

    /**
     * "Each network ACL has a set of numbered ingress rules and a separate set of numbered egress rules. When
     * determining whether a packet should be allowed in or out of a subnet associated with the network ACL, AWS
     * processes the entries in the network ACL according to the rule numbers, in ascending order." (NetworkAclEntry);
     * IPv4 and IPv6 entries share the numbers, and the default ACL has rule 100 for IPv4 and 101 for IPv6 (Amazon VPC
     * User Guide, Default network ACL).
     */
    @Test
    void aclEntriesOnIpv6_areTakenInRuleOrder_andOnlyForIpv6() throws IOException {
        String acl = DUAL_STACK + """
                  Acl: {Type: AWS::EC2::NetworkAcl, Properties: {VpcId: !Ref Vpc}}
                  AclAssoc: {Type: AWS::EC2::SubnetNetworkAclAssociation, Properties: {SubnetId: !Ref Subnet, NetworkAclId: !Ref Acl}}
                  Deny6: {Type: AWS::EC2::NetworkAclEntry, Properties: {NetworkAclId: !Ref Acl, RuleNumber: 90, Protocol: 6, RuleAction: deny, Ipv6CidrBlock: "2001:db8::/32", PortRange: {From: 443, To: 443}}}
                  Allow6: {Type: AWS::EC2::NetworkAclEntry, Properties: {NetworkAclId: !Ref Acl, RuleNumber: 101, Protocol: -1, RuleAction: allow, Ipv6CidrBlock: "::/0"}}
                  Deny4: {Type: AWS::EC2::NetworkAclEntry, Properties: {NetworkAclId: !Ref Acl, RuleNumber: 50, Protocol: -1, RuleAction: deny, CidrBlock: 0.0.0.0/0}}
                  Out6: {Type: AWS::EC2::NetworkAclEntry, Properties: {NetworkAclId: !Ref Acl, RuleNumber: 101, Protocol: -1, RuleAction: allow, Egress: true, Ipv6CidrBlock: "::/0"}}
                """;
        Path t = write("acl.yaml", acl);
        CliTest.Run why = run("why", "internet", "Box", "443", "--template", t.toString());
        // IPv4 is denied by rule 50; IPv6 passes rule 101 except from 2001:db8::/32, which rule 90 denies first.
        assertThat(why.out())
                .contains(
                        "rule 101 allow all from ::/0",
                        "[only from anywhere on the IPv6 internet except 2001:db8::/32]",
                        "Reachable.");
        CliTest.Run from = run("why", "2001:db8::5", "Box", "443", "--template", t.toString());
        assertThat(from.out()).contains("rule 90 deny tcp 443 from 2001:db8::/32", "Blocked.");
    }

    /**
     * "We use the most specific route in your route table that matches the traffic to determine how to route the
     * traffic (longest prefix match)." (Amazon VPC User Guide, Route priority); IPv6 routes compete only with IPv6
     * routes.
     */
    @Test
    void longestPrefix_withinTheFamily() throws IOException {
        String routes = DUAL_STACK + """
                  Eigw: {Type: AWS::EC2::EgressOnlyInternetGateway, Properties: {VpcId: !Ref Vpc}}
                  Narrow: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref Table, DestinationIpv6CidrBlock: "2001:db8::/32", EgressOnlyInternetGatewayId: !Ref Eigw}}
                """;
        Path t = write("routes.yaml", routes);
        assertThat(run("why", "2001:db8::5", "Box", "443", "--template", t.toString())
                        .out())
                .contains("BLOCKED egress-only", "Blocked.");
        assertThat(run("why", "2600:1f18::5", "Box", "443", "--template", t.toString())
                        .out())
                .contains("::/0 -> internet gateway", "Reachable.");
    }

    @Test
    void snapshot_readsIpv6_andWhyTakesAnInterfacesIpv6Address() throws IOException {
        Path snap = dir.resolve("snap");
        write("snap/vpcs.json", """
                {"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.1.0.0/16",
                  "Ipv6CidrBlockAssociationSet": [{"Ipv6CidrBlock": "2600:1f18:1:ab00::/56", "Ipv6CidrBlockState": {"State": "associated"}}]}]}
                """);
        write("snap/subnets.json", """
                {"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.1.0.0/24", "AvailabilityZone": "us-east-1a",
                  "AssignIpv6AddressOnCreation": false,
                  "Ipv6CidrBlockAssociationSet": [{"Ipv6CidrBlock": "2600:1f18:1:ab00::/64", "Ipv6CidrBlockState": {"State": "associated"}}]}]}
                """);
        write("snap/igw.json", """
                {"InternetGateways": [{"InternetGatewayId": "igw-1", "Attachments": [{"VpcId": "vpc-1", "State": "available"}]}]}
                """);
        write("snap/eigw.json", """
                {"EgressOnlyInternetGateways": [{"EgressOnlyInternetGatewayId": "eigw-1", "Attachments": [{"VpcId": "vpc-1", "State": "attached"}]}]}
                """);
        write("snap/route-tables.json", """
                {"RouteTables": [{"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Associations": [{"Main": true}],
                  "Routes": [{"DestinationCidrBlock": "10.1.0.0/16", "GatewayId": "local"},
                             {"DestinationIpv6CidrBlock": "2600:1f18:1:ab00::/56", "GatewayId": "local"},
                             {"DestinationIpv6CidrBlock": "::/0", "GatewayId": "igw-1"}]}]}
                """);
        write("snap/security-groups.json", """
                {"SecurityGroups": [{"GroupId": "sg-1", "GroupName": "web", "VpcId": "vpc-1", "Description": "web",
                  "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [],
                    "Ipv6Ranges": [{"CidrIpv6": "::/0", "Description": "HTTPS over IPv6"}]}],
                  "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}]}]}
                """);
        write("snap/enis.json", """
                {"NetworkInterfaces": [{"NetworkInterfaceId": "eni-1", "SubnetId": "subnet-1", "VpcId": "vpc-1",
                  "PrivateIpAddress": "10.1.0.10", "Groups": [{"GroupId": "sg-1"}],
                  "Ipv6Addresses": [{"Ipv6Address": "2600:1f18:1:ab00::10"}],
                  "TagSet": [{"Key": "Name", "Value": "server"}]},
                 {"NetworkInterfaceId": "eni-2", "SubnetId": "subnet-1", "VpcId": "vpc-1",
                  "PrivateIpAddress": "10.1.0.11", "Groups": [{"GroupId": "sg-1"}], "Ipv6Addresses": [],
                  "TagSet": [{"Key": "Name", "Value": "v4only"}]}]}
                """);
        // A whole account: its subnets use the default network ACL (DefaultAcls).
        DefaultAcls.addTo(snap);
        Imported in = Snapshot.read(snap);
        DualStack d = in.networks().getFirst().ipv6().orElseThrow();
        assertThat(d.vpcBlock()).isEqualTo(Ipv6Block.Known.parse("2600:1f18:1:ab00::/56"));
        assertThat(d.egressOnlyGateways()).containsExactly("eigw-1");
        assertThat(d.routes())
                .containsExactly(new DualStack.Ipv6Route("rtb-1", "::/0", DualStack.Target.INTERNET_GATEWAY));
        assertThat(d.interfaces())
                .contains(new DualStack.Ipv6Interface("server", true, java.util.List.of("2600:1f18:1:ab00::10")))
                .contains(new DualStack.Ipv6Interface("v4only", false, java.util.List.of()));

        CliTest.Run why = run("why", "internet", "2600:1f18:1:ab00::10", "443", "--snapshot", snap.toString());
        assertThat(why.code()).isZero();
        assertThat(why.out()).contains("2600:1f18:1:ab00::10 = 2600:1f18:1:ab00::10 (server)", "Reachable.");
        CliTest.Run nobody = run("why", "internet", "2600:1f18:1:ab00::99", "443", "--snapshot", snap.toString());
        assertThat(nobody.code()).isEqualTo(1);
        assertThat(nobody.err()).contains("no interface has 2600:1f18:1:ab00::99");
        // An interface without an IPv6 address is reached by nobody over IPv6.
        CliTest.Run v4only = run("why", "internet", "v4only", "443", "--snapshot", snap.toString());
        assertThat(v4only.out()).contains("BLOCKED no-ipv6-address");
        CliTest.Run check = run("check", "--snapshot", snap.toString());
        assertThat(check.out()).containsPattern("server +\\S+ +tcp +443 +anywhere on the IPv6 internet");
    }
}
