package dev.stackwright.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stackwright.cli.CliTest;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.Suggestions;
import dev.stackwright.importer.cfn.TemplateImporter;
import dev.stackwright.importer.snapshot.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input no AWS account would hold: each gives a located finding, in bounded time, never an internal error. */
class HostileInputTest {
    @TempDir
    Path dir;

    private static final String VPC_AND_SUBNET = """
            {"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}],
             "Subnets": [{"SubnetId": "subnet-a", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "us-east-1a"}]}""";

    private static Imported snapshot(String file) {
        Map<String, String> files = new TreeMap<>();
        files.put("a.json", VPC_AND_SUBNET);
        files.put("b.json", file);
        return Snapshot.read("s", files);
    }

    private static List<String> formatted(Imported imported) {
        return imported.findings().stream().map(Diagnostic::format).toList();
    }

    @Test
    void snapshotRule_withPortsOutOfOrder_orACidrThatIsNotOne_isAFindingAtItsPlace() {
        // "FromPort: If the protocol is TCP or UDP, this is the start of the port range." AWS refuses a range whose
        // start is above its end (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html).
        Imported imported = snapshot("""
                {"SecurityGroups": [{"GroupId": "sg-1", "GroupName": "g", "VpcId": "vpc-1", "IpPermissions": [
                  {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 80, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
                  {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 99999999999, "IpRanges": [{"CidrIp": "10.0.0.0/8"}]},
                  {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "*"}, {"CidrIp": "80-443"}, {"CidrIp": ""}]}]}]}""");

        assertThat(formatted(imported))
                .anySatisfy(f -> assertThat(f).contains("b.json:", "IpPermissions[0].FromPort", "starts above its end"))
                .anySatisfy(f -> assertThat(f).contains("IpPermissions[1].ToPort", "is not a port"))
                .anySatisfy(f -> assertThat(f).contains("IpPermissions[2].IpRanges[0].CidrIp", "(got *)"))
                .anySatisfy(f -> assertThat(f).contains("IpPermissions[2].IpRanges[1].CidrIp", "(got 80-443)"));
        assertThat(imported.networks()
                        .getFirst()
                        .securityGroup("g")
                        .orElseThrow()
                        .ingress())
                .isEmpty();
    }

    @Test
    void snapshotDatabasePort_thatIsNotANumber_andAListWhereAnObjectBelongs_areFindings() {
        Imported imported = snapshot("""
                {"DBInstances": [{"DBInstanceIdentifier": "db", "Endpoint": {"Port": "5432; DROP"},
                  "VpcSecurityGroups": {"VpcSecurityGroupId": "sg-x"},
                  "DBSubnetGroup": {"Subnets": [{"SubnetIdentifier": "subnet-a"}]}}],
                 "Reservations": [{"Instances": {"InstanceId": "i-1"}}]}""");

        assertThat(formatted(imported))
                .anySatisfy(f -> assertThat(f).contains("DBInstances[0].Endpoint.Port", "is not a port"))
                .anySatisfy(f -> assertThat(f).contains("Reservations[0].Instances", "must be a list"));
    }

    private static Imported template(String resources) {
        return TemplateImporter.read("t.yaml", """
                Resources:
                  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
                """ + resources, TemplateImporter.Options.defaults());
    }

    @Test
    void templateRule_withPortsOutOfOrder_isAFinding_notACrash() {
        Imported imported = template("""
                  Group:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: g
                      VpcId: !Ref Vpc
                      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 443, ToPort: 80, CidrIp: 0.0.0.0/0}]
                """);

        assertThat(formatted(imported))
                .anySatisfy(f -> assertThat(f)
                        .contains(
                                "t.yaml:", "SecurityGroupIngress[0].FromPort", "starts above its end", "(got 443-80)"));
    }

    @Test
    void templateNulCharacter_isAFinding() {
        Imported imported = template("""
                  Subnet: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: "10.0.1.0/24\\0", AvailabilityZone: us-east-1a}}
                """);

        assertThat(formatted(imported))
                .anySatisfy(f -> assertThat(f).contains("Resources.Subnet.Properties.CidrBlock", "control character"));
    }

    @Test
    void aConditionChainThousandsLong_endsInAFinding_notAStackOverflow() {
        StringBuilder conditions = new StringBuilder("Conditions:\n");
        for (int i = 0; i < 20_000; i++) {
            conditions
                    .append("  C")
                    .append(i)
                    .append(": {Condition: C")
                    .append(i + 1)
                    .append("}\n");
        }
        conditions.append("  C20000: {\"Fn::Equals\": [a, a]}\n");
        StringBuilder getAtts = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            getAtts.append("  V")
                    .append(i)
                    .append(": {Type: AWS::EC2::VPC, Properties: {CidrBlock: !GetAtt V")
                    .append(i + 1)
                    .append(".CidrBlock}}\n");
        }
        getAtts.append("  V5000: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.1.0.0/16}}\n");
        String text = conditions + "Resources:\n"
                + "  Vpc: {Type: AWS::EC2::VPC, Condition: C0, Properties: {CidrBlock: 10.0.0.0/16}}\n" + getAtts;

        Imported imported = assertTimeoutPreemptively(
                Duration.ofSeconds(20),
                () -> TemplateImporter.read("deep.yaml", text, TemplateImporter.Options.defaults()));

        assertThat(formatted(imported))
                .anySatisfy(f -> assertThat(f).contains("deep.yaml:", "Resources.Vpc.Condition", "cannot be evaluated"))
                .anySatisfy(f -> assertThat(f).contains("Resources.V0.Properties.CidrBlock", "more than 100 deep"));
    }

    @Test
    void fnCidrCountAboveAwsLimit_isAFinding() {
        // "count: The number of CIDRs to generate. Valid range is between 1 and 256."
        // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-cidr.html
        Imported imported = template("""
                  Subnet: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, AvailabilityZone: us-east-1a,
                    CidrBlock: !Select [0, !Cidr [10.0.0.0/8, 16777216, 0]]}}
                """);

        assertThat(formatted(imported))
                .anySatisfy(f -> assertThat(f).contains("Resources.Subnet.Properties.CidrBlock", "above 256"));
    }

    @Test
    void thousandsOfDanglingReferences_areAllReported_inLinearTime() {
        StringBuilder rules = new StringBuilder();
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            rules.append("  R")
                    .append(i)
                    .append(": {Type: AWS::EC2::SecurityGroupIngress, Properties: {GroupId: sg-gone")
                    .append(i)
                    .append(", IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}}\n");
        }

        Imported imported = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> template(rules.toString()));

        assertThat(imported.findings())
                .filteredOn(d -> d.code().equals("dangling-reference"))
                .hasSize(n);
    }

    @Test
    void didYouMean_overVeryLongNames_isBounded() {
        String longName = "x".repeat(200_000);

        assertThat(assertTimeoutPreemptively(
                        Duration.ofSeconds(5), () -> Suggestions.closest(longName, List.of("y".repeat(200_000), "xx"))))
                .isEmpty();
        assertThat(Suggestions.closest("Vpc", List.of("Vpcs", "Subnets"))).contains("Vpcs");
    }

    /**
     * A thousand VPCs on one transit gateway, all with the same block: each VPC's report names a few of the others it
     * overlaps, so the report grows with the VPCs, not with their pairs (it was 325 MB for 192 KB of input).
     */
    @Test
    void aThousandConnectedVpcs_giveAReportProportionalToTheInput() throws IOException {
        int n = 1_000;
        StringBuilder vpcs = new StringBuilder("{\"Vpcs\": [");
        StringBuilder tables = new StringBuilder("{\"RouteTables\": [");
        for (int i = 0; i < n; i++) {
            String sep = i == 0 ? "" : ",";
            vpcs.append(sep).append("{\"VpcId\": \"vpc-").append(i).append("\", \"CidrBlock\": \"10.0.0.0/16\"}");
            tables.append(sep)
                    .append("{\"RouteTableId\": \"rtb-")
                    .append(i)
                    .append("\", \"VpcId\": \"vpc-")
                    .append(i)
                    .append("\", \"Associations\": [{\"Main\": true}], \"Routes\": [")
                    .append("{\"DestinationCidrBlock\": \"10.0.0.0/8\", \"TransitGatewayId\": \"tgw-1\"}]}");
        }
        Files.writeString(dir.resolve("describe-vpcs.json"), vpcs.append("]}").toString());
        Files.writeString(
                dir.resolve("describe-route-tables.json"), tables.append("]}").toString());
        long input =
                Files.size(dir.resolve("describe-vpcs.json")) + Files.size(dir.resolve("describe-route-tables.json"));

        CliTest.Run r = CliTest.run("check", "--snapshot", dir.toString());

        // The size first, and the texts as booleans: an assertion message holding a report of hundreds of MB makes
        // surefire's reporter fail while encoding it, and the run then counts the failed test as passed.
        assertThat((long) r.out().length()).isLessThan(30 * input);
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.out().contains("overlaps vpc-1's 10.0.0.0/16 (transit gateway tgw-1)"))
                .as("names the first overlapping VPC")
                .isTrue();
        assertThat(r.out().contains("and 996 more")).as("counts the rest").isTrue();
    }
}
