package dev.stackwright.analysis;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stackwright.cli.CliTest;
import dev.stackwright.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stackwright check} and {@code stackwright why} through the command line, with captured streams. */
class CheckAndWhyCliTest {
    static final String PROD = "examples/prod-nat-instances/stackwright.yml";
    static final String STAGING = "examples/staging-gateway-bastion/stackwright.yml";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void help_listsCheckAndWhy() {
        assertThat(run("--help").out()).contains("check", "why");
        assertThat(run("check", "--help").out()).contains("--format", "--policy", "sarif");
        assertThat(run("why", "--help").out())
                .contains("SRC", "DST", "PORT", "--protocol", "stackwright why internet front-door 443");
    }

    @Test
    void everyShippedExample_passesTheCheck() throws IOException {
        try (var dirs = Files.list(Path.of("examples"))) {
            for (Path example : dirs.map(d -> d.resolve("stackwright.yml"))
                    .filter(Files::exists)
                    .toList()) {
                CliTest.Run r = run("check", "-f", example.toString());
                assertThat(r.code()).as(example + "\n" + r.out() + r.err()).isZero();
                assertThat(r.out()).contains("Policy (built-in): passed", "Check passed.");
                assertThat(r.err()).isEmpty();
            }
        }
    }

    @Test
    void check_exitsOne_onALintError() throws IOException {
        // Stackwright's own plans carry no lint errors, so the error comes from another tool's template.
        Path template = write("ssh-open.yaml", """
                Resources:
                  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.9.0.0/16}}
                  Igw: {Type: AWS::EC2::InternetGateway}
                  Attach: {Type: AWS::EC2::VPCGatewayAttachment, Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}}
                  Subnet: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.9.0.0/24, AvailabilityZone: us-east-1a, MapPublicIpOnLaunch: true}}
                  Table: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref Vpc}}
                  Out: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref Table, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw}}
                  Assoc: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref Subnet, RouteTableId: !Ref Table}}
                  Ssh:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: ssh from anywhere
                      VpcId: !Ref Vpc
                      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}]
                  Box: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref Subnet, SecurityGroupIds: [!Ref Ssh], ImageId: ami-12345678}}
                """);
        CliTest.Run r = run("check", "--template", template.toString());
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.out()).contains("SW006 error").contains("Check failed");
    }

    @Test
    void why_betweenTwoPeeredVpcs_followsTheFlowOutOverThePeeringAndIn() throws IOException {
        Path template = write("two-vpcs.yaml", """
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
                  GroupA:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: client
                      VpcId: !Ref VpcA
                      SecurityGroupEgress: [{IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 10.30.0.0/16}]
                  GroupB:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: server
                      VpcId: !Ref VpcB
                      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 10.20.1.0/24}]
                  Client: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref SubnetA, SecurityGroupIds: [!Ref GroupA], ImageId: ami-12345678}}
                  Server: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref SubnetB, SecurityGroupIds: [!Ref GroupB], ImageId: ami-12345678}}
                """);
        CliTest.Run open = run("why", "Client", "Server", "5432", "--template", template.toString());
        assertThat(open.code()).as(open.err()).isZero();
        assertThat(open.out())
                .contains("Leaving VpcA", "Between the VPCs: peering Peering, used both ways", "Entering VpcB")
                .endsWith("Reachable.\n");
        CliTest.Run ssh = run("why", "Client", "Server", "22", "--template", template.toString());
        assertThat(ssh.code()).isZero();
        assertThat(ssh.out()).contains("BLOCKED").endsWith("Blocked.\n");
    }

    @Test
    void check_withAStricterPolicyFile_exitsOne_andListsTheViolations() throws IOException {
        Path policy = write("policy.yml", """
                                          allow:
                                            - {from: internet, to: role:front-door, ports: [443]}
                                            - {from: role:front-door, to: role:app, ports: [service]}
                                            - {from: role:app, to: role:database, ports: [database]}
                                          """);
        CliTest.Run r = run("check", "-f", PROD, "--policy", policy.toString());
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.out())
                .contains(
                        "Policy (" + policy + "): 3 violations",
                        "internet-ingress  front-door-a is reachable from the internet on tcp 80",
                        "Check failed: 3 policy violations.");
        // The why command in each fix names the same spec, so it can be copied as it is.
        assertThat(r.out()).contains("`stackwright why internet front-door-a 80 -f " + PROD + "` shows the path");
    }

    @Test
    void check_withABadPolicyFile_pointsAtTheLine_withoutAStackTrace() throws IOException {
        Path policy = write("policy.yml", "guarded: [role:app, databse]\n");
        CliTest.Run r = run("check", "-f", PROD, "--policy", policy.toString());
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .contains(
                        policy + ":1:21: guarded[1]: `databse` is not", "did you mean `database`?", "1 problem found.")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void check_json_andSarif_areParseable() throws IOException {
        ObjectMapper json = new ObjectMapper();
        CliTest.Run j = run("check", "--format", "json", "-f", STAGING);
        assertThat(j.code()).isZero();
        JsonNode report = json.readTree(j.out());
        assertThat(report.path("passed").asBoolean()).isTrue();
        assertThat(report.path("exposure")
                        .path("fromInternet")
                        .get(2)
                        .path("sourceCidrs")
                        .get(0)
                        .asText())
                .isEqualTo("203.0.113.0/24");
        CliTest.Run s = run("check", "--format", "sarif", "-f", STAGING);
        assertThat(s.code()).isZero();
        JsonNode sarif = json.readTree(s.out());
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        // Its ALB has no certificate: one warning, located at the spec's frontDoor key.
        assertThat(sarif.path("runs").get(0).path("results")).singleElement().satisfies(result -> {
            assertThat(result.path("ruleId").asText()).isEqualTo("SW015");
            assertThat(result.path("level").asText()).isEqualTo("warning");
            assertThat(result.path("locations")
                            .get(0)
                            .path("physicalLocation")
                            .path("region")
                            .path("startLine")
                            .asInt())
                    .isEqualTo(18);
        });
    }

    @Test
    void why_reachable_showsThePathAndExitsZero() {
        CliTest.Run r = run("why", "internet", "front-door", "443", "-f", PROD);
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains(
                        "front-door = security group front-door (front-door-a, front-door-b, front-door-c)",
                        "internet -> front-door-b  tcp 443: REACHABLE from anywhere on the internet",
                        "3 of 3 pairs reachable.");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void why_udp_isBlockedByTheTcpOnlyRules() {
        CliTest.Run r = run("why", "--protocol", "udp", "internet", "front-door-a", "443", "-f", PROD);
        assertThat(r.code()).isZero();
        // The group admits tcp only, and an ALB's HTTPS listener takes tcp only.
        assertThat(r.out()).contains("udp 443: BLOCKED by 2 components", "sg-ingress-denied", "no-listener");
    }

    @Test
    void why_badArguments_areAllReported_withSuggestions() {
        CliTest.Run r = run("why", "ap", "databse", "70000", "-f", PROD);
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .contains(
                        "stackwright why: PORT: must be a whole number from 1 to 65535 (got `70000`)",
                        "stackwright why: SRC: `ap` is not a resource, security group, subnet, tier or service of this network. "
                                + "Fix: did you mean `app`?",
                        "DST: `databse`",
                        "did you mean `database`?",
                        "3 problems found.")
                .doesNotContain("Exception");
    }

    @Test
    void why_needsOneEndInsideTheVpc() {
        CliTest.Run r = run("why", "internet", "203.0.113.0/24", "443", "-f", PROD);
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err()).contains("leave no flow to explain");
    }

    @Test
    void why_unknownProtocol_isAUsageError() {
        CliTest.Run r = run("why", "--protocol", "icmp", "internet", "front-door", "443", "-f", PROD);
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("--protocol");
    }
}
