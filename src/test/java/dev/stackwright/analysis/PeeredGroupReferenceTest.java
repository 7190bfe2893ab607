package dev.stackwright.analysis;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.SnapshotFolders;
import dev.stackwright.cli.CliTest;
import dev.stackwright.importer.Imported;
import dev.stackwright.importer.cfn.TemplateImporter;
import dev.stackwright.importer.snapshot.Snapshot;
import dev.stackwright.model.Network;
import dev.stackwright.model.Peer;
import dev.stackwright.model.SecurityGroupRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security group rules that reference a group of a peered VPC. AWS: "You can update the inbound or outbound rules for
 * your VPC security groups to reference security groups for peered VPCs. Doing so allows traffic to flow to and from
 * instances that are associated with the referenced security group in the peered VPC." Requirements: "To reference a
 * security group in a peer VPC, the VPC peering connection must be in the active state." "To reference a security
 * group that is in another AWS account but the same Region, include the account number with the ID of the security
 * group. For example, 123456789012/sg-1a2b3c4d." (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html)
 * Over a transit gateway: "This new feature allows you to create inbound security rules that reference security groups
 * defined in other Amazon Virtual Private Clouds (Amazon VPCs) attached to a transit gateway ... Outbound security rules
 * referencing over Transit Gateway aren't supported at this time."
 * (https://aws.amazon.com/blogs/networking-and-content-delivery/introducing-security-group-referencing-for-aws-transit-gateway/)
 *
 * <p>The snapshot {@code import/snapshot/peered-groups}: VPC shop (10.20.0.0/16) with instances web (group web) and
 * batch (group batch) in one subnet, VPC ledger (10.30.0.0/16) with instance api (group ledger-api), peered by pcx-1;
 * web's group allows tcp 443 out to ledger-api, and ledger-api allows tcp 443 in from web, both by reference.
 */
class PeeredGroupReferenceTest {
    static final Path SNAPSHOT = Path.of("src/test/resources/import/snapshot/peered-groups");

    @TempDir
    Path dir;

    private static CliTest.Run why(Path snapshot, String from, String to) {
        return run("why", from, to, "443", "--snapshot", snapshot.toString());
    }

    /** A copy of the snapshot folder with files' text changed: file, text, replacement, as often as needed. */
    private Path edited(String... edits) throws IOException {
        return SnapshotFolders.edited(SNAPSHOT, dir.resolve("snap"), edits);
    }

    private static List<SecurityGroupRule> rules(Imported in, String vpc, String group, boolean ingress) {
        Network n = in.networks().stream()
                .filter(x -> x.stackName().equals(vpc))
                .findFirst()
                .orElseThrow();
        return ingress
                ? n.securityGroup(group).orElseThrow().ingress()
                : n.securityGroup(group).orElseThrow().egress();
    }

    @Test
    void snapshot_theReferenceKeepsWhichVpcsGroupItNames() {
        Imported in = Snapshot.read(SNAPSHOT);
        assertThat(in.findings()).isEmpty();
        assertThat(rules(in, "ledger", "ledger-api", true))
                .singleElement()
                .satisfies(r -> assertThat(r.peer())
                        .isEqualTo(new Peer.OtherVpcGroup("shop", "web", true, Optional.of("active"))));
        assertThat(rules(in, "shop", "web", false))
                .singleElement()
                .satisfies(r -> assertThat(r.peer().describe()).isEqualTo("sg ledger-api of ledger"));
    }

    @Test
    void snapshot_aMemberOfTheReferencedGroup_reachesThePeeredVpc() {
        CliTest.Run r = why(SNAPSHOT, "web", "api");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "web: out tcp 443 to sg ledger-api of ledger (the ledger api over pcx-1)",
                        "ledger-api: in tcp 443 from sg web of shop (the shop's web tier over pcx-1)",
                        "Between the VPCs: peering pcx-1, used both ways")
                .endsWith("Reachable.\n");
    }

    @Test
    void snapshot_anotherInstanceOfTheSameSubnet_isNotAMember_soTheGroupsBlockIt() {
        CliTest.Run r = why(SNAPSHOT, "i-batch", "api");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("security group ledger-api allows tcp 443 only from sg web of shop, not ")
                .endsWith("Blocked.\n");
    }

    @Test
    void snapshot_aPeeringThatIsNotActive_makesTheReferenceAdmitNothing() throws IOException {
        Path snap = edited("groups.json", "\"PeeringStatus\": \"active\"", "\"PeeringStatus\": \"pending-acceptance\"");
        CliTest.Run r = why(snap, "web", "api");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("peering pcx-1 is pending-acceptance, not active, and a reference across a peering"
                        + " connection needs it active")
                .endsWith("Blocked.\n");
    }

    @Test
    void snapshot_withoutPeeringStatusOnTheReference_thePeeringConnectionsOwnStatusDecides() throws IOException {
        Path snap = edited(
                "groups.json",
                "\"PeeringStatus\": \"active\",",
                "",
                "peering.json",
                "\"Code\": \"active\"",
                "\"Code\": \"deleted\"");
        Imported in = Snapshot.read(snap);
        assertThat(rules(in, "ledger", "ledger-api", true))
                .singleElement()
                .satisfies(r -> assertThat(r.peer())
                        .isEqualTo(new Peer.OtherVpcGroup("shop", "web", true, Optional.of("deleted"))));
        assertThat(why(snap, "web", "api").out())
                .contains("peering pcx-1 is deleted, not active")
                .endsWith("Blocked.\n");
    }

    @Test
    void
            snapshot_overATransitGatewayWhoseOptionsAreNotGiven_anInboundReferenceCannotTell_andAnOutboundOneMatchesNothing()
                    throws IOException {
        Path snap =
                edited("route-tables.json", "\"VpcPeeringConnectionId\": \"pcx-1\"", "\"TransitGatewayId\": \"tgw-1\"");
        CliTest.Run r = why(snap, "web", "api");
        assertThat(r.out())
                .contains(
                        "AWS does not support outbound rules that reference a group across transit gateway tgw-1",
                        "CANNOT TELL: the security group referencing support of transit gateway tgw-1 and its VPC"
                                + " attachments (not in the input) not modelled")
                .endsWith("Blocked.\n");
    }

    @Test
    void snapshot_withoutAnyLinkBetweenTheVpcs_theReferenceSaysSo() throws IOException {
        Path snap = edited("route-tables.json", "\"VpcPeeringConnectionId\": \"pcx-1\"", "\"GatewayId\": \"local\"");
        CliTest.Run r = why(snap, "web", "api");
        assertThat(r.out())
                .contains("no peering connection joins ledger and this VPC")
                .endsWith("Blocked.\n");
    }

    @Test
    void snapshot_aGroupOfAVpcTheInputDoesNotHave_isAFinding_andAFlowOverItCannotTell() throws IOException {
        Path snap = edited(
                "groups.json",
                "{\"GroupId\": \"sg-web\", \"UserId\": \"111122223333\", \"VpcId\": \"vpc-a\"",
                "{\"GroupId\": \"sg-far\", \"UserId\": \"444455556666\", \"VpcId\": \"vpc-far\"");
        Imported in = Snapshot.read(snap);
        assertThat(in.findings()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("dangling-reference");
            assertThat(d.location().toString()).contains("groups.json:");
            assertThat(d.message()).contains("security group sg-far");
        });
        assertThat(rules(in, "ledger", "ledger-api", true))
                .singleElement()
                .satisfies(r -> assertThat(r.peer().describe()).isEqualTo("sg sg-far of vpc-far (not in the input)"));
        // From a private address outside the VPC, routed over pcx-1, which could be a member: cannot tell, not blocked.
        CliTest.Run r = run("why", "10.20.9.9", "api", "443", "--snapshot", snap.toString(), "--vpc", "ledger");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(r.out()).contains("which of 10.20.9.9/32 carry sg sg-far of vpc-far (not in the input)");
        // web is in a VPC of the input and does not carry that group.
        assertThat(why(snap, "web", "api").out()).endsWith("Blocked.\n");
    }

    @Test
    void snapshot_aCrossAccountReference_namesTheAccountBeforeTheGroup() throws IOException {
        Path snap = edited(
                "groups.json",
                "{\"GroupId\": \"sg-web\", \"UserId\"",
                "{\"GroupId\": \"111122223333/sg-web\", \"UserId\"");
        Imported in = Snapshot.read(snap);
        assertThat(rules(in, "ledger", "ledger-api", true))
                .singleElement()
                .satisfies(r -> assertThat(r.peer())
                        .isEqualTo(new Peer.OtherVpcGroup("shop", "web", true, Optional.of("active"))));
    }

    /** The same two VPCs as a template, peered by a VPCPeeringConnection of the template. */
    private static final String TEMPLATE = """
            Resources:
              VpcA: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.20.0.0/16}}
              VpcB: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.30.0.0/16}}
              SubnetA: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref VpcA, CidrBlock: 10.20.1.0/24, AvailabilityZone: us-east-1a}}
              SubnetB: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref VpcB, CidrBlock: 10.30.1.0/24, AvailabilityZone: us-east-1a}}
              Peering: {Type: AWS::EC2::VPCPeeringConnection, Properties: {VpcId: !Ref VpcA, PeerVpcId: !Ref VpcB}}
              TableA: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref VpcA}}
              TableB: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref VpcB}}
              ToB: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref TableA, DestinationCidrBlock: 10.30.0.0/16, VpcPeeringConnectionId: !Ref Peering}}
              ToA: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref TableB, DestinationCidrBlock: 10.20.0.0/16, VpcPeeringConnectionId: !Ref Peering}}
              AssocA: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref SubnetA, RouteTableId: !Ref TableA}}
              AssocB: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref SubnetB, RouteTableId: !Ref TableB}}
              Web:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: web
                  VpcId: !Ref VpcA
                  SecurityGroupEgress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.30.0.0/16}]
              Batch:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: batch
                  VpcId: !Ref VpcA
                  SecurityGroupEgress: [{IpProtocol: "-1", CidrIp: 0.0.0.0/0}]
              Api:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: api
                  VpcId: !Ref VpcB
                  SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, SourceSecurityGroupId: !GetAtt Web.GroupId}]
              WebHost: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref SubnetA, SecurityGroupIds: [!Ref Web], ImageId: ami-12345678}}
              BatchHost: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref SubnetA, SecurityGroupIds: [!Ref Batch], ImageId: ami-12345678}}
              ApiHost: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref SubnetB, SecurityGroupIds: [!Ref Api], ImageId: ami-12345678}}
            """;

    @Test
    void template_aSourceSecurityGroupIdOfAnotherVpcsGroup_admitsItsMembersOverThePeering() throws IOException {
        Path file = dir.resolve("peered.yaml");
        Files.writeString(file, TEMPLATE);
        Imported in = TemplateImporter.read(file, TemplateImporter.Options.defaults());
        assertThat(rules(in, "VpcB", "Api", true))
                .singleElement()
                .satisfies(r ->
                        assertThat(r.peer()).isEqualTo(new Peer.OtherVpcGroup("VpcA", "Web", true, Optional.empty())));
        CliTest.Run ok = run("why", "WebHost", "ApiHost", "443", "--template", file.toString());
        assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("Api: in tcp 443 from sg Web of VpcA").endsWith("Reachable.\n");
        CliTest.Run no = run("why", "BatchHost", "ApiHost", "443", "--template", file.toString());
        assertThat(no.out())
                .contains("security group Api allows tcp 443 only from sg Web of VpcA, not ")
                .endsWith("Blocked.\n");
    }

    @Test
    void template_aLiteralIdTheTemplateDoesNotHave_staysADanglingReference() throws IOException {
        Path file = dir.resolve("literal.yaml");
        Files.writeString(file, TEMPLATE.replace("!GetAtt Web.GroupId", "sg-0123456789abcdef0"));
        Imported in = TemplateImporter.read(file, TemplateImporter.Options.defaults());
        assertThat(in.findings()).anySatisfy(d -> assertThat(d.code()).isEqualTo("dangling-reference"));
        assertThat(run("why", "WebHost", "ApiHost", "443", "--template", file.toString())
                        .out())
                .endsWith("Blocked.\n");
    }
}
