package dev.stackwright.analysis;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stackwright.cli.CliTest;
import dev.stackwright.importer.snapshot.DefaultAcls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} on resources in a security group the input names but does not hold. "When you associate multiple
 * security groups with a resource, the rules from each security group are effectively aggregated to create one set of
 * rules" (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html): such a group may admit whatever
 * the other hops (network ACLs, routes) let through, so check's tables carry those flows as cannot tell, the same
 * answer {@code why} gives for them, and never leave them out in silence.
 */
class MissingGroupsCliTest {
    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Written sits in a group of another stack only; Mixed is in Web (https from anywhere) and the same group; Client
     * is in a group of the template's own.
     */
    static final String TEMPLATE = CommonTemplatePatternsCliTest.VPC + """
              Web:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: https from anywhere
                  VpcId: !Ref Vpc
                  SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}]
              Mine:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: ssh from the VPC, nothing out
                  VpcId: !Ref Vpc
                  SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 10.20.0.0/16}]
                  SecurityGroupEgress: [{IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 10.20.0.0/16}]
              Client:
                Type: AWS::EC2::Instance
                Properties: {ImageId: ami-12345678, SubnetId: !Ref PublicA, SecurityGroupIds: [!Ref Mine]}
              Written:
                Type: AWS::EC2::Instance
                Properties: {ImageId: ami-12345678, SubnetId: !Ref PublicB, SecurityGroupIds: [sg-0123456789abcdef0]}
              Mixed:
                Type: AWS::EC2::Instance
                Properties: {ImageId: ami-12345678, SubnetId: !Ref PublicB, SecurityGroupIds: [!Ref Web, sg-0123456789abcdef0]}
            """;

    private static final String UNTOLD = "cannot tell: the rules of security group sg-0123456789abcdef0 not modelled";

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void anInstanceInAGroupOfAnotherStack_inAPublicSubnet_isCannotTellFromTheInternet_notNothing() throws IOException {
        Path t = write("stack.yaml", TEMPLATE);
        CliTest.Run check = run("check", "--template", t.toString());
        assertThat(check.out())
                .as(check.out() + check.err())
                .doesNotContain("Reachable from the internet\n  nothing\n")
                .containsPattern(
                        "\n  Written +public +tcp +\\(all ports\\) +anywhere on the internet \\(" + UNTOLD + "\\)\n")
                .containsPattern(
                        "\n  Written +public +udp +\\(all ports\\) +anywhere on the internet \\(" + UNTOLD + "\\)\n")
                // What the known group admits stays reachable; only the rest is cannot tell.
                .containsPattern("\n  Mixed +public +tcp +443 +anywhere on the internet\n")
                .containsPattern(
                        "\n  Mixed +public +tcp +0-442, 444-65535 +anywhere on the internet \\(" + UNTOLD + "\\)\n");
        // The policy: a cannot-tell flow is no violation (the engine does not say it happens) but is never silent:
        // it stands in the table above and, in SARIF, as a note of the rule reach/cannot-tell, as the docs say.
        assertThat(check.out())
                .contains("internet-ingress  Mixed is reachable from the internet on tcp 443 (from anywhere on the"
                        + " internet)")
                .doesNotContain("internet-ingress  Written")
                .doesNotContain("Mixed is reachable from the internet on tcp 0-442");

        JsonNode sarif = JSON.readTree(
                run("check", "--template", t.toString(), "--format", "sarif").out());
        List<String> notes = new ArrayList<>();
        for (JsonNode r : sarif.path("runs").get(0).path("results")) {
            if (r.path("ruleId").asText().equals("reach/cannot-tell")) {
                assertThat(r.path("level").asText()).isEqualTo("note");
                assertThat(r.path("properties").path("verdict").asText()).isEqualTo("cannot-tell");
                notes.add(r.path("message").path("text").asText());
            }
        }
        assertThat(notes)
                .contains("cannot tell whether the internet reaches Written on tcp (all ports) (from anywhere on the"
                        + " internet): the rules of security group sg-0123456789abcdef0 not modelled. Fix: add the"
                        + " security group to the input, or check this path by hand.");

        JsonNode json = JSON.readTree(
                run("check", "--template", t.toString(), "--format", "json").out());
        JsonNode untold = json.path("vpcs").get(0).path("exposure").path("cannotTellFromInternet");
        assertThat(untold.size()).isEqualTo(4);
        assertThat(untold.get(0).path("resource").asText()).isEqualTo("Written");
        assertThat(untold.get(0).path("verdict").asText()).isEqualTo("cannot-tell");
        assertThat(untold.get(0).path("unmodelled").get(0).asText())
                .isEqualTo("the rules of security group sg-0123456789abcdef0");
    }

    @Test
    void pairsInsideTheVpc_thatAMissingGroupMightAdmit_areCannotTellInTheTierTable() throws IOException {
        Path t = write("stack.yaml", TEMPLATE);
        String out = run("check", "--template", t.toString()).out();
        assertThat(out)
                // Client may send only tcp 5432 in the VPC; whether Written lets it in is not known.
                .containsPattern(
                        "\n  public +public +tcp +5432 +Mine -> sg-0123456789abcdef0 \\(1 pair; " + UNTOLD + "\\)\n")
                // Mine admits ssh from the VPC, but what Written may send is not known.
                .containsPattern(
                        "\n  public +public +tcp +22 +sg-0123456789abcdef0 -> Mine \\(1 pair; " + UNTOLD + "\\)\n")
                .doesNotContainPattern("\n  public +public +tcp +22 +sg-0123456789abcdef0 -> Mine \\(1 pair\\)\n");
        JsonNode json = JSON.readTree(
                run("check", "--template", t.toString(), "--format", "json").out());
        JsonNode tiers = json.path("vpcs").get(0).path("exposure").path("cannotTellTierToTier");
        assertThat(tiers.isArray()).isTrue();
        assertThat(tiers.get(0).path("verdict").asText()).isEqualTo("cannot-tell");
        assertThat(json.path("vpcs").get(0).path("exposure").path("flows").toString())
                .as("cannot-tell pairs are not flows that happen")
                .doesNotContain("\"from\":[\"Written\"]");
    }

    /**
     * Every cannot-tell row of check is what {@code why} answers for the same ends and a port of the row, and every
     * row of ingress check lists as reachable is reachable for why: the two read one engine.
     */
    @Test
    void whyOnTheEndsOfEveryCannotTellRow_answersCannotTell() throws IOException {
        Path t = write("stack.yaml", TEMPLATE);
        JsonNode exposure = JSON.readTree(run("check", "--template", t.toString(), "--format", "json")
                        .out())
                .path("vpcs")
                .get(0)
                .path("exposure");
        int asked = 0;
        for (JsonNode row : exposure.path("cannotTellFromInternet")) {
            if (row.path("protocol").asText().equals("tcp")) {
                assertCannotTell(t, "internet", row.path("resource").asText(), port(row));
                asked++;
            }
        }
        for (JsonNode row : exposure.path("cannotTellTierToTier")) {
            String from = row.path("sources").get(0).asText();
            String to = row.path("destinations").get(0).asText();
            if (row.path("protocol").asText().equals("tcp") && !from.equals(to)) {
                assertCannotTell(t, from, to, port(row));
                asked++;
            }
        }
        for (JsonNode row : exposure.path("cannotTell")) {
            if (row.path("protocol").asText().equals("tcp")
                    && row.path("destination").asText().equals("internet")) {
                assertCannotTell(t, row.path("resource").asText(), "internet", port(row));
                asked++;
            }
        }
        assertThat(asked).as("rows asked").isGreaterThanOrEqualTo(8);
        for (JsonNode row : exposure.path("fromInternet")) {
            CliTest.Run why =
                    run("why", "internet", row.path("resource").asText(), port(row), "--template", t.toString());
            assertThat(why.out()).as(why.out()).endsWith("Reachable.\n");
        }
    }

    private static String port(JsonNode row) {
        JsonNode first = row.path("ports").get(0);
        return String.valueOf(Math.max(1, first.path("from").asInt()));
    }

    private static void assertCannotTell(Path t, String from, String to, String port) {
        CliTest.Run why = run("why", from, to, port, "--template", t.toString());
        assertThat(why.code())
                .as(from + " -> " + to + " " + port + "\n" + why.out() + why.err())
                .isEqualTo(3);
        assertThat(why.out()).contains("CANNOT TELL: the rules of security group sg-0123456789abcdef0 not modelled");
    }

    /**
     * A missing group decides only what the other hops let through. "Each network ACL also includes a rule whose rule
     * number is an asterisk (*). This rule ensures that if a packet doesn't match any of the other numbered rules,
     * it's denied." (https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html): a network ACL with no entries
     * blocks everything, so there is nothing to be untold.
     */
    @Test
    void aMissingGroupBehindANetworkAclThatBlocksEverything_leavesNothingUntold() throws IOException {
        Path t = write("stack.yaml", CommonTemplatePatternsCliTest.VPC + """
                  Closed: {Type: AWS::EC2::NetworkAcl, Properties: {VpcId: !Ref Vpc}}
                  ClosedB: {Type: AWS::EC2::SubnetNetworkAclAssociation, Properties: {SubnetId: !Ref PublicB, NetworkAclId: !Ref Closed}}
                  Mine:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: ssh from the VPC
                      VpcId: !Ref Vpc
                      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 10.20.0.0/16}]
                  Client:
                    Type: AWS::EC2::Instance
                    Properties: {ImageId: ami-12345678, SubnetId: !Ref PublicA, SecurityGroupIds: [!Ref Mine]}
                  Written:
                    Type: AWS::EC2::Instance
                    Properties: {ImageId: ami-12345678, SubnetId: !Ref PublicB, SecurityGroupIds: [sg-0123456789abcdef0]}
                """);
        CliTest.Run check = run("check", "--template", t.toString());
        assertThat(check.err() + check.out())
                .as("the group is still warned about")
                .contains("Written refers to security group sg-0123456789abcdef0, which is not in the input");
        String tables = check.out().substring(check.out().indexOf("=== VPC"));
        assertThat(tables)
                .as(check.out())
                .contains("Reachable from the internet\n  nothing\n")
                .contains("Tier to tier\n  nothing\n")
                .doesNotContain("cannot tell")
                .doesNotContain("Cannot tell");
        CliTest.Run why = run("why", "internet", "Written", "22", "--template", t.toString());
        assertThat(why.code()).isZero();
        assertThat(why.out()).endsWith("Blocked.\n").doesNotContain("CANNOT TELL");
    }

    /**
     * A snapshot whose interface names a group that describe-security-groups does not list: its egress, beyond what
     * the known group lets out (nothing: its egress rules are empty), is cannot tell on the way the route table gives.
     */
    @Test
    void aSnapshotInterfaceWithADanglingGroup_isCannotTellOnItsWayOut() throws IOException {
        Path snap = Files.createDirectories(dir.resolve("snapshot"));
        Files.writeString(snap.resolve("vpcs.json"), """
                {"Vpcs": [{"CidrBlock": "10.0.0.0/16", "State": "available", "VpcId": "vpc-1",
                           "Tags": [{"Key": "Name", "Value": "shop"}]}]}
                """);
        Files.writeString(snap.resolve("subnets.json"), """
                {"Subnets": [{"AvailabilityZone": "us-west-2a", "CidrBlock": "10.0.0.0/24", "MapPublicIpOnLaunch": true,
                              "SubnetId": "subnet-pub", "VpcId": "vpc-1", "Tags": [{"Key": "Name", "Value": "public-a"}]}]}
                """);
        Files.writeString(snap.resolve("gateways.json"), """
                {"InternetGateways": [{"InternetGatewayId": "igw-1", "Attachments": [{"State": "available", "VpcId": "vpc-1"}]}]}
                """);
        Files.writeString(snap.resolve("route-tables.json"), """
                {"RouteTables": [{"RouteTableId": "rtb-pub", "VpcId": "vpc-1",
                  "Associations": [{"Main": true, "RouteTableId": "rtb-pub"}],
                  "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
                             {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "State": "active"}]}]}
                """);
        Files.writeString(snap.resolve("groups.json"), """
                {"SecurityGroups": [{"GroupId": "sg-db", "GroupName": "db", "Description": "database", "VpcId": "vpc-1",
                  "IpPermissions": [], "IpPermissionsEgress": []}]}
                """);
        Files.writeString(snap.resolve("instances.json"), """
                {"Reservations": [{"Instances": [{"InstanceId": "i-1", "SubnetId": "subnet-pub", "VpcId": "vpc-1",
                  "State": {"Name": "running"}, "PublicIpAddress": "203.0.113.10",
                  "SecurityGroups": [{"GroupId": "sg-db", "GroupName": "db"}, {"GroupId": "sg-gone", "GroupName": "gone"}],
                  "Tags": [{"Key": "Name", "Value": "worker"}]}]}]}
                """);
        // A whole account: its subnets use the default network ACL (DefaultAcls).
        DefaultAcls.addTo(snap);
        CliTest.Run check = run("check", "--snapshot", snap.toString());
        assertThat(check.out())
                .as(check.out() + check.err())
                .containsPattern("\n  public +- +- +cannot tell +-\n")
                .containsPattern(
                        "\n  public +worker +internet +tcp \\(all ports\\) +the rules of security group sg-gone"
                                + " not modelled\n");
        CliTest.Run why = run("why", "worker", "internet", "443", "--snapshot", snap.toString());
        assertThat(why.code()).as(why.out() + why.err()).isEqualTo(3);
        assertThat(why.out()).contains("CANNOT TELL: the rules of security group sg-gone not modelled");
    }

    /** An input whose groups are all there has no cannot-tell rows, and its reports keep their shape. */
    @Test
    void withoutMissingGroups_thereAreNoCannotTellRows() throws IOException {
        Path t = write("stack.yaml", TEMPLATE.replace("sg-0123456789abcdef0", "!Ref Mine"));
        CliTest.Run check = run("check", "--template", t.toString());
        assertThat(check.out()).as(check.out()).doesNotContain("cannot tell").doesNotContain("Cannot tell");
        JsonNode exposure = JSON.readTree(run("check", "--template", t.toString(), "--format", "json")
                        .out())
                .path("vpcs")
                .get(0)
                .path("exposure");
        assertThat(exposure.has("cannotTellFromInternet")).isFalse();
        assertThat(exposure.has("cannotTellTierToTier")).isFalse();
    }
}
