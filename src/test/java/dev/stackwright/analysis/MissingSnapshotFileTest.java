package dev.stackwright.analysis;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stackwright.SnapshotFolders;
import dev.stackwright.cli.CliTest;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.importer.Imported;
import dev.stackwright.importer.snapshot.Snapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot folder without its describe-security-groups output: one finding that names the folder, what it leaves
 * unknown and the command that writes the file, in place of a warning per reference; and cannot-tell rows that the
 * text report sums up when there are too many to read. "DescribeSecurityGroups: Describes the specified security
 * groups or all of your security groups" (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeSecurityGroups.html):
 * the rules of a group the interfaces name are in that output and nowhere else in a snapshot.
 */
class MissingSnapshotFileTest {
    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path GOOD = Path.of("src/test/resources/import/snapshot/good");

    /** A copy of the shipped snapshot without {@code left}. */
    private Path without(String left) throws IOException {
        return SnapshotFolders.copiedWithout(GOOD, dir.resolve("snapshot"), left);
    }

    private static List<Diagnostic> missingFile(Imported imported) {
        return imported.findings().stream()
                .filter(d -> d.code().equals("missing-file"))
                .toList();
    }

    @Test
    void aFolderWithoutItsSecurityGroups_isOneFinding_withTheCommandThatWritesTheFile() throws IOException {
        Path snap = without("groups.json");
        Imported imported = Snapshot.read(snap);
        List<Diagnostic> missing = missingFile(imported);
        assertThat(missing).hasSize(1);
        Diagnostic d = missing.getFirst();
        assertThat(d.isError()).isFalse();
        assertThat(d.location().file()).isEqualTo(snap.toString());
        assertThat(d.message())
                .contains("no describe-security-groups output")
                .contains("3 resources in it name 3 security groups")
                .contains("cannot tell");
        assertThat(d.fix())
                .contains("`aws ec2 describe-security-groups --output json > " + snap.resolve("security-groups.json")
                        + "`");
        // Folded: no warning per interface and group.
        assertThat(imported.findings()).noneMatch(x -> x.message().contains("refers to security group"));

        CliTest.Run check = run("check", "--snapshot", snap.toString());
        assertThat(check.out())
                .as(check.err())
                .contains("Import findings (3)")
                .contains(snap + ":1:1: warning: the snapshot has no describe-security-groups output")
                .doesNotContain("refers to security group")
                // Still cannot tell, never reachable or blocked.
                .containsPattern("\n  web +public +tcp +\\(all ports\\) +anywhere on the internet \\(cannot tell: the"
                        + " rules of security group sg-lb not modelled\\)\n");
    }

    @Test
    void aFolderWithItsSecurityGroups_butNotOneGroup_keepsTheWarningOfThatReference() throws IOException {
        Path snap = SnapshotFolders.edited(
                GOOD, dir.resolve("dangling"), "groups.json", "\"GroupId\": \"sg-db\"", "\"GroupId\": \"sg-db2\"");
        Imported imported = Snapshot.read(snap);
        assertThat(missingFile(imported)).isEmpty();
        assertThat(imported.findings())
                .anyMatch(x -> x.code().equals("dangling-reference")
                        && x.message().contains("refers to security group sg-db,")
                        && x.location().file().endsWith("rds.json"));
    }

    @Test
    void aFolderWithoutSecurityGroups_whoseResourcesNameNone_hasNoSuchFinding() throws IOException {
        Path snap = SnapshotFolders.written(
                Map.of(
                        "vpcs.json",
                        "{\"Vpcs\": [{\"VpcId\": \"vpc-1\", \"CidrBlock\": \"10.0.0.0/16\"}]}",
                        "subnets.json",
                        "{\"Subnets\": [{\"SubnetId\": \"subnet-1\", \"VpcId\": \"vpc-1\", \"CidrBlock\":"
                                + " \"10.0.0.0/24\", \"AvailabilityZone\": \"us-east-1a\"}]}"),
                dir.resolve("bare"));
        // The folder lacks its route tables and ACLs too (MissingRoutesOrAclsTest), but no group is missing.
        assertThat(missingFile(Snapshot.read(snap)))
                .hasSize(2)
                .noneMatch(d -> d.message().contains("describe-security-groups"));
    }

    @Test
    void filesGivenInMemory_nameTheSnapshotAsTheFolder() {
        Imported imported = Snapshot.read(
                "acct",
                Map.of(
                        "vpcs.json",
                        "{\"Vpcs\": [{\"VpcId\": \"vpc-1\", \"CidrBlock\": \"10.0.0.0/16\"}]}",
                        "enis.json",
                        "{\"NetworkInterfaces\": [{\"NetworkInterfaceId\": \"eni-1\", \"SubnetId\": \"subnet-1\","
                                + " \"VpcId\": \"vpc-1\", \"PrivateIpAddress\": \"10.0.0.5\","
                                + " \"Groups\": [{\"GroupId\": \"sg-1\"}]}]}",
                        "subnets.json",
                        "{\"Subnets\": [{\"SubnetId\": \"subnet-1\", \"VpcId\": \"vpc-1\", \"CidrBlock\":"
                                + " \"10.0.0.0/24\", \"AvailabilityZone\": \"us-east-1a\"}]}"));
        // No route tables or network ACLs either: one finding per missing file, each fixed into the same folder.
        List<Diagnostic> missing = missingFile(imported);
        assertThat(missing).hasSize(3);
        assertThat(missing)
                .filteredOn(d -> d.message().contains("describe-security-groups"))
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.message()).contains("1 resource in it name 1 security group;");
                    assertThat(d.fix()).contains("> " + Path.of("acct", "security-groups.json"));
                });
        assertThat(missing)
                .extracting(Diagnostic::fix)
                .anyMatch(f -> f.contains("> " + Path.of("acct", "route-tables.json")))
                .anyMatch(f -> f.contains("> " + Path.of("acct", "network-acls.json")));
    }

    /**
     * {@code n} instances in one subnet without a route out, each in a security group of its own that the folder
     * does not hold: every pair may connect, so the tier table has far more cannot-tell rows than one reads.
     */
    private Path manyUntold(int n) throws IOException {
        return manyUntold(n, false);
    }

    /** The same, with {@code routedOut} a route to an internet gateway and a public address on each instance. */
    private Path manyUntold(int n, boolean routedOut) throws IOException {
        StringBuilder instances = new StringBuilder("{\"Reservations\": [{\"Instances\": [");
        for (int i = 0; i < n; i++) {
            instances
                    .append(i == 0 ? "" : ",")
                    .append("{\"InstanceId\": \"i-")
                    .append(i)
                    .append("\", \"SubnetId\": \"subnet-1\", \"VpcId\": \"vpc-1\", \"PrivateIpAddress\": \"10.0.0.")
                    .append(10 + i)
                    .append(routedOut ? "\", \"PublicIpAddress\": \"198.51.100." + (10 + i) : "")
                    .append("\", \"State\": {\"Name\": \"running\"}, \"SecurityGroups\": [{\"GroupId\": \"sg-")
                    .append(i)
                    .append("\"}], \"Tags\": [{\"Key\": \"Name\", \"Value\": \"db-")
                    .append(i)
                    .append("\"}]}");
        }
        instances.append("]}]}");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("vpcs.json", "{\"Vpcs\": [{\"VpcId\": \"vpc-1\", \"CidrBlock\": \"10.0.0.0/16\"}]}");
        files.put(
                "subnets.json",
                "{\"Subnets\": [{\"SubnetId\": \"subnet-1\", \"VpcId\": \"vpc-1\", \"CidrBlock\": \"10.0.0.0/24\","
                        + " \"AvailabilityZone\": \"us-east-1a\"}]}");
        files.put("instances.json", instances.toString());
        if (routedOut) {
            files.put(
                    "gateways.json",
                    "{\"InternetGateways\": [{\"InternetGatewayId\": \"igw-1\", \"Attachments\": [{\"State\":"
                            + " \"available\", \"VpcId\": \"vpc-1\"}]}]}");
            files.put(
                    "route-tables.json",
                    "{\"RouteTables\": [{\"RouteTableId\": \"rtb-1\", \"VpcId\": \"vpc-1\", \"Associations\":"
                            + " [{\"Main\": true, \"RouteTableId\": \"rtb-1\"}], \"Routes\": [{\"DestinationCidrBlock\":"
                            + " \"10.0.0.0/16\", \"GatewayId\": \"local\"}, {\"DestinationCidrBlock\": \"0.0.0.0/0\","
                            + " \"GatewayId\": \"igw-1\"}]}]}");
        }
        return SnapshotFolders.written(files, dir.resolve(routedOut ? "public" : "many"));
    }

    @Test
    void manyCannotTellRows_areSummedInTheText_andListedInJson() throws IOException {
        Path snap = manyUntold(25);
        CliTest.Run check = run("check", "--snapshot", snap.toString());
        String out = check.out();
        // 25 groups of one instance, each pair both ways, tcp and udp: 25 * 24 * 2 flows, one row per tier and
        // protocol in the text.
        assertThat(out)
                .as(check.err())
                .containsPattern("\n  data +data +tcp +\\(all ports\\) +25 resources -> 25 resources \\(600 pairs;"
                        + " cannot tell, see below\\)\n")
                .containsPattern("\n  data +data +udp +\\(all ports\\) +25 resources -> 25 resources \\(600 pairs;"
                        + " cannot tell, see below\\)\n")
                .contains("  Cannot tell: 1,200 flows, too many to list (more than 20), summed per pair of tiers and"
                        + " protocol; `--format json` lists every one.\n")
                .contains("  Not modelled: the rules of 25 security groups: sg-0, sg-1, sg-10, sg-11,")
                .contains(" and 13 more (25).\n")
                .doesNotContain("db-3 -> ");
        assertThat(Pattern.compile("not modelled").matcher(out).results().count())
                .as("each cause named once per table, not once per row")
                .isLessThan(5);

        JsonNode json = JSON.readTree(
                run("check", "--snapshot", snap.toString(), "--format", "json").out());
        JsonNode tiers = json.path("vpcs").get(0).path("exposure").path("cannotTellTierToTier");
        assertThat(tiers.size()).as("JSON keeps every row").isGreaterThan(20);
    }

    @Test
    void manyCannotTellFlowsInAndOut_areSummedPerTier() throws IOException {
        Path snap = manyUntold(25, true);
        CliTest.Run check = run("check", "--snapshot", snap.toString());
        String out = check.out();
        // Each instance in a public subnet with a public address: the internet may reach it on any port (tcp and
        // udp: 50 flows), and its way out is cannot tell (one row per group's cause).
        assertThat(out)
                .as(check.err())
                .containsPattern("\n  25 resources +public +tcp +\\(all ports\\) +the internet \\(cannot tell, see"
                        + " below\\)\n")
                .contains("  Cannot tell: 50 flows, too many to list (more than 20), summed per tier and protocol;")
                .containsPattern("\n  public +25 resources +internet +tcp \\(all ports\\) +see below\n")
                .contains("summed per tier, destination and protocol; `--format json` lists every one.\n")
                .doesNotContainPattern("\n  db-7 +public");
        JsonNode json = JSON.readTree(
                run("check", "--snapshot", snap.toString(), "--format", "json").out());
        assertThat(json.path("vpcs")
                        .get(0)
                        .path("exposure")
                        .path("cannotTellFromInternet")
                        .size())
                .isEqualTo(50);
    }

    @Test
    void fewCannotTellRows_areListedOneByOne() throws IOException {
        Path snap = manyUntold(3);
        String out = run("check", "--snapshot", snap.toString()).out();
        // 3 * 2 * 2 = 12 flows: at most 20, so listed with their causes as before.
        assertThat(out)
                .doesNotContain("too many to list")
                .contains("cannot tell: the rules of security group sg-0, the rules of security group sg-1 not"
                        + " modelled");
    }

    @Test
    void theReportAndTheDiagram_showCannotTellFlows_apartFromProvedOnes() throws IOException {
        Path snap = without("groups.json");
        CliTest.Run report = run("report", "--snapshot", snap.toString());
        assertThat(report.code()).as(report.err()).isZero();
        String html = report.out();
        assertThat(html)
                .contains("class=\"cannot-tell\"")
                .contains(" In italics: flows it cannot tell,")
                .contains(">cannot tell: tcp/udp (all ports)</a>")
                .contains("<summary>Cannot tell whether internet reaches public: ")
                .contains("<p>Not modelled: the rules of security group sg-lb.")
                .contains("<li>internet (anywhere on the internet) -&gt; web on tcp (all ports): cannot tell, the"
                        + " rules of security group sg-lb not modelled</li>")
                // The diagram in the page: a dashed arrow of its own, titled with the cause.
                .contains("class=\"flow-untold\"")
                .contains("(cannot tell: the rules of security group sg-lb not modelled)");
        // Every link of the page leads somewhere on it.
        java.util.regex.Matcher href = Pattern.compile(" href=\"#([^\"]+)\"").matcher(html);
        while (href.find()) {
            assertThat(html).contains(" id=\"" + href.group(1) + "\"");
        }

        CliTest.Run diagram = run("diagram", "--snapshot", snap.toString());
        assertThat(diagram.out())
                .contains(".flow-untold {")
                .contains("class=\"flow-untold\"")
                .contains("Flows the analysis cannot tell: internet to public");
    }
}
