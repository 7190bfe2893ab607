package dev.stackwright.analysis;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stackwright.SnapshotFolders;
import dev.stackwright.cli.CliTest;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.importer.Imported;
import dev.stackwright.importer.snapshot.DefaultAcls;
import dev.stackwright.importer.snapshot.Snapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot folder without its describe-route-tables or describe-network-acls output: one finding per missing file
 * at the folder, and the flows that rest on the file are cannot tell, never the defaults (only the local route, an ACL
 * that allows all). Every subnet has both in AWS: "Each subnet in your VPC must be associated with a network ACL. If
 * you don't explicitly associate a subnet with a network ACL, the subnet is automatically associated with the default
 * network ACL" (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html), and of the main route table,
 * "The route table that automatically comes with your VPC. It controls the routing for all subnets that are not explicitly
 * associated with any other route table" (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-route-tables.html).
 */
class MissingRoutesOrAclsTest {
    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ROUTES_FILE = "route-tables.json";
    private static final String ACLS_FILE = DefaultAcls.FILE;

    /**
     * A whole account: a public subnet (route to the internet gateway) with two web servers that have public
     * addresses, and a private one (the main table: local only) with an app server; one group admits the VPC on any
     * port and the internet on 443; every subnet uses the default network ACL.
     */
    private static Map<String, String> account() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("vpcs.json", """
                {"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "Tags": [{"Key": "Name", "Value": "shop"}]}]}
                """);
        files.put("subnets.json", """
                {"Subnets": [
                  {"SubnetId": "subnet-pub", "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24", "AvailabilityZone": "us-east-1a",
                   "Tags": [{"Key": "Name", "Value": "public-a"}]},
                  {"SubnetId": "subnet-app", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24", "AvailabilityZone": "us-east-1a",
                   "Tags": [{"Key": "Name", "Value": "app-a"}]}]}
                """);
        files.put("gateways.json", """
                {"InternetGateways": [{"InternetGatewayId": "igw-1", "Attachments": [{"State": "available", "VpcId": "vpc-1"}]}]}
                """);
        files.put(ROUTES_FILE, """
                {"RouteTables": [
                  {"RouteTableId": "rtb-main", "VpcId": "vpc-1", "Associations": [{"Main": true, "RouteTableId": "rtb-main"}],
                   "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"}]},
                  {"RouteTableId": "rtb-pub", "VpcId": "vpc-1",
                   "Associations": [{"Main": false, "RouteTableId": "rtb-pub", "SubnetId": "subnet-pub"}],
                   "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
                              {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "State": "active"}]}]}
                """);
        files.put("groups.json", """
                {"SecurityGroups": [{"GroupId": "sg-1", "GroupName": "shop", "Description": "shop", "VpcId": "vpc-1",
                  "IpPermissions": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "10.0.0.0/16"}]},
                                    {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
                  "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]}
                """);
        files.put("instances.json", """
                {"Reservations": [{"Instances": [
                  {"InstanceId": "i-1", "SubnetId": "subnet-pub", "VpcId": "vpc-1", "PrivateIpAddress": "10.0.0.10",
                   "PublicIpAddress": "198.51.100.10", "State": {"Name": "running"},
                   "SecurityGroups": [{"GroupId": "sg-1"}], "Tags": [{"Key": "Name", "Value": "web-1"}]},
                  {"InstanceId": "i-2", "SubnetId": "subnet-pub", "VpcId": "vpc-1", "PrivateIpAddress": "10.0.0.11",
                   "PublicIpAddress": "198.51.100.11", "State": {"Name": "running"},
                   "SecurityGroups": [{"GroupId": "sg-1"}], "Tags": [{"Key": "Name", "Value": "web-2"}]},
                  {"InstanceId": "i-3", "SubnetId": "subnet-app", "VpcId": "vpc-1", "PrivateIpAddress": "10.0.1.10",
                   "State": {"Name": "running"},
                   "SecurityGroups": [{"GroupId": "sg-1"}], "Tags": [{"Key": "Name", "Value": "app-1"}]}]}]}
                """);
        return DefaultAcls.added(files);
    }

    /** The account's folder without the files named. */
    private Path without(String... left) throws IOException {
        Map<String, String> files = account();
        Set.of(left).forEach(files::remove);
        return SnapshotFolders.written(files, dir.resolve(left.length == 0 ? "whole" : String.join("-", left)));
    }

    private static List<Diagnostic> missingFile(Imported imported) {
        return imported.findings().stream()
                .filter(d -> d.code().equals("missing-file"))
                .toList();
    }

    /** {@code why}, with what every run must hold: no bug's exit code, no stack trace. */
    private static CliTest.Run why(Path snap, String from, String to, String port) {
        CliTest.Run r = run("why", from, to, port, "--snapshot", snap.toString());
        assertThat(r.code()).as(r.out() + r.err()).isNotEqualTo(70);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        return r;
    }

    private static final String ACLS = "the network ACLs (no describe-network-acls output) not modelled";
    private static final String ROUTES = "the route tables (no describe-route-tables output) not modelled";

    @Test
    void theWholeAccount_hasNoSuchFinding_andEveryFlowIsAnswered() throws IOException {
        Path snap = without();
        assertThat(missingFile(Snapshot.read(snap))).isEmpty();
        assertThat(why(snap, "web-1", "app-1", "5432").out()).contains("REACHABLE");
        assertThat(why(snap, "internet", "web-1", "443").out()).contains("REACHABLE");
        assertThat(why(snap, "web-1", "internet", "443").out()).contains("REACHABLE");
    }

    @Test
    void withoutTheAcls_oneFindingAtTheFolder_withTheCommandThatWritesTheFile() throws IOException {
        Path snap = without(ACLS_FILE);
        List<Diagnostic> missing = missingFile(Snapshot.read(snap));
        // One for the folder, not one per subnet (it has two).
        assertThat(missing).hasSize(1);
        Diagnostic d = missing.getFirst();
        assertThat(d.isError()).isFalse();
        assertThat(d.location().file()).isEqualTo(snap.toString());
        assertThat(d.message())
                .startsWith("the snapshot has no describe-network-acls output (no file with a top-level NetworkAcls"
                        + " key), but it has 2 subnets in 1 VPC;")
                .contains("every subnet's network ACL is unknown: only flows within one subnet can be answered")
                .contains("cannot tell");
        assertThat(d.fix())
                .isEqualTo("save it in the folder: `aws ec2 describe-network-acls --output json > "
                        + snap.resolve("network-acls.json") + "`");
    }

    @Test
    void withoutTheRouteTables_oneFindingAtTheFolder_withTheCommandThatWritesTheFile() throws IOException {
        Path snap = without(ROUTES_FILE);
        List<Diagnostic> missing = missingFile(Snapshot.read(snap));
        assertThat(missing).hasSize(1);
        Diagnostic d = missing.getFirst();
        assertThat(d.isError()).isFalse();
        assertThat(d.location().file()).isEqualTo(snap.toString());
        assertThat(d.message())
                .startsWith("the snapshot has no describe-route-tables output (no file with a top-level RouteTables"
                        + " key), but it has 2 subnets in 1 VPC;")
                .contains("every subnet's routes are unknown: only flows within the VPC's own blocks can be answered");
        assertThat(d.fix())
                .isEqualTo("save it in the folder: `aws ec2 describe-route-tables --output json > "
                        + snap.resolve("route-tables.json") + "`");
    }

    @Test
    void withoutBoth_oneFindingPerFile() throws IOException {
        Path snap = without(ROUTES_FILE, ACLS_FILE);
        List<Diagnostic> missing = missingFile(Snapshot.read(snap));
        assertThat(missing).hasSize(2);
        assertThat(missing)
                .extracting(Diagnostic::fix)
                .anyMatch(f -> f.contains("aws ec2 describe-route-tables --output json"))
                .anyMatch(f -> f.contains("aws ec2 describe-network-acls --output json"));
        assertThat(missing).allMatch(d -> d.location().file().equals(snap.toString()));
    }

    /**
     * "A network access control list (ACL) allows or denies specific inbound or outbound traffic at the subnet level"
     * (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html): a flow between two resources of one
     * subnet crosses no ACL and is answered without it; one across subnets, or from the internet, crosses an ACL the
     * snapshot does not hold.
     */
    @Test
    void withoutTheAcls_withinASubnetIsAnswered_acrossOrFromTheInternetIsCannotTell() throws IOException {
        Path snap = without(ACLS_FILE);

        CliTest.Run same = why(snap, "web-1", "web-2", "5432");
        assertThat(same.code()).as(same.out() + same.err()).isZero();
        assertThat(same.out()).contains("REACHABLE").doesNotContain("CANNOT TELL");

        CliTest.Run across = why(snap, "web-1", "app-1", "5432");
        assertThat(across.code()).as(across.out() + across.err()).isEqualTo(3);
        assertThat(across.out())
                .contains("web-1 -> app-1  tcp 5432: CANNOT TELL: " + ACLS)
                .contains("-> network ACL of public-a, outbound")
                .contains("-> network ACL of app-a, inbound")
                .doesNotContain("REACHABLE")
                .doesNotContain("default network ACL");

        CliTest.Run in = why(snap, "internet", "web-1", "443");
        assertThat(in.code()).isEqualTo(3);
        assertThat(in.out()).contains("internet -> web-1  tcp 443: CANNOT TELL: " + ACLS);

        // What another hop blocks stays blocked: app-1 has no public address, whatever its ACL says.
        CliTest.Run blocked = why(snap, "internet", "app-1", "443");
        assertThat(blocked.code()).isZero();
        assertThat(blocked.out()).contains("BLOCKED").contains("no-public-ip");
    }

    /**
     * "Every route table contains a local route for communication within the VPC"
     * (https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html): without the tables, a flow within the VPC
     * is answered by that route; one that needs any other route (the internet gateway, a NAT, another VPC) is not.
     */
    @Test
    void withoutTheRouteTables_withinTheVpcIsAnswered_toOrFromTheInternetIsCannotTell() throws IOException {
        Path snap = without(ROUTES_FILE);

        CliTest.Run across = why(snap, "web-1", "app-1", "5432");
        assertThat(across.code()).as(across.out() + across.err()).isZero();
        assertThat(across.out()).contains("web-1 -> app-1  tcp 5432: REACHABLE").doesNotContain("CANNOT TELL");

        CliTest.Run in = why(snap, "internet", "web-1", "443");
        assertThat(in.code()).as(in.out() + in.err()).isEqualTo(3);
        assertThat(in.out()).contains("internet -> web-1  tcp 443: CANNOT TELL: " + ROUTES);

        CliTest.Run out = why(snap, "web-1", "internet", "443");
        assertThat(out.code()).isEqualTo(3);
        assertThat(out.out())
                .contains("web-1 -> internet  tcp 443: CANNOT TELL: " + ROUTES)
                .doesNotContain("no-route");
    }

    @Test
    void withoutBoth_withinASubnetIsStillAnswered() throws IOException {
        Path snap = without(ROUTES_FILE, ACLS_FILE);
        CliTest.Run same = why(snap, "web-1", "web-2", "22");
        assertThat(same.code()).isZero();
        assertThat(same.out()).contains("REACHABLE");
        CliTest.Run across = why(snap, "web-1", "app-1", "22");
        assertThat(across.code()).isEqualTo(3);
        assertThat(across.out()).contains("CANNOT TELL: " + ACLS);
        CliTest.Run in = why(snap, "internet", "web-1", "443");
        assertThat(in.code()).isEqualTo(3);
        assertThat(in.out())
                .contains("CANNOT TELL: ")
                .contains("the network ACLs")
                .contains("the route tables");
    }

    @Test
    void check_withoutTheAcls_showsTheFindingAndCannotTellRows_andExitsAsForAWarning() throws IOException {
        Path snap = without(ACLS_FILE);
        CliTest.Run check = run("check", "--snapshot", snap.toString());
        // A warning, as for a missing security groups output: it changes no exit code (this account fails on its own,
        // for its public instances and the flows within the public subnet, which need no ACL).
        assertThat(check.code())
                .as(check.out() + check.err())
                .isEqualTo(run("check", "--snapshot", without().toString()).code())
                .isEqualTo(1);
        assertThat(check.err()).doesNotContain("Exception");
        assertThat(check.out())
                .contains(snap + ":1:1: warning: the snapshot has no describe-network-acls output")
                .containsPattern("\n  web-1 +public +tcp +443 +anywhere on the internet \\(cannot tell: the network"
                        + " ACLs \\(no describe-network-acls output\\) not modelled\\)\n")
                .containsPattern("\n  public +data +tcp +\\(all ports\\) +shop -> shop \\(2 pairs; cannot"
                        + " tell: the network ACLs \\(no describe-network-acls output\\) not modelled\\)\n")
                // Within the public subnet: answered, reachable.
                .containsPattern("\n  public +public +tcp +\\(all ports\\) +shop -> shop \\(2 pairs\\)\n");

        JsonNode json = JSON.readTree(
                run("check", "--snapshot", snap.toString(), "--format", "json").out());
        JsonNode exposure = json.path("vpcs").get(0).path("exposure");
        assertThat(exposure.path("cannotTellTierToTier").toString())
                .contains("\"cannot-tell\"")
                .contains("the network ACLs (no describe-network-acls output)");
        assertThat(exposure.path("cannotTellFromInternet").size()).isEqualTo(2);
        // Within the subnet: answered, reachable.
        assertThat(exposure.path("tierToTier").toString()).contains("web-1").doesNotContain("app-1");

        CliTest.Run sarif = run("check", "--snapshot", snap.toString(), "--format", "sarif");
        assertThat(sarif.code()).isEqualTo(check.code());
        assertThat(sarif.out())
                .contains("\"reach/cannot-tell\"")
                .contains("the network ACLs (no describe-network-acls output) not modelled. Fix: add what is missing"
                        + " to the input, or check this path by hand.");
    }

    @Test
    void check_withoutTheRouteTables_sumsNothingAway_andExitsAsForAWarning() throws IOException {
        Path snap = without(ROUTES_FILE);
        CliTest.Run check = run("check", "--snapshot", snap.toString());
        assertThat(check.code()).as(check.out() + check.err()).isNotEqualTo(70);
        assertThat(check.out())
                .contains(snap + ":1:1: warning: the snapshot has no describe-route-tables output")
                .contains("the route tables (no describe-route-tables output) not modelled")
                // Without the tables no subnet's tier can be read from its routes.
                .containsPattern("\n  web-1 +\\w+ +tcp +443 +anywhere on the internet \\(cannot tell: the route"
                        + " tables \\(no describe-route-tables output\\) not modelled\\)\n");
    }

    /** A shipped account that passes still passes without either file: the findings are warnings, not errors. */
    @Test
    void check_ofAnAccountThatPasses_passesWithoutEitherFile_andSaysWhatIsMissing() throws IOException {
        Path good = Path.of("src/test/resources/import/snapshot/good");
        assertThat(run("check", "--snapshot", good.toString()).code()).isZero();
        for (List<String> left : List.of(List.of(ROUTES_FILE), List.of(ACLS_FILE), List.of(ROUTES_FILE, ACLS_FILE))) {
            Path snap = SnapshotFolders.copiedWithout(
                    good, dir.resolve("good-without-" + String.join("-", left)), left.toArray(String[]::new));
            CliTest.Run check = run("check", "--snapshot", snap.toString());
            assertThat(check.code()).as(left + ": " + check.out() + check.err()).isZero();
            assertThat(check.out()).contains("Check passed.");
            // The closing line counts the warnings the import listed (the folder has some of its own besides).
            java.util.regex.Matcher listed = java.util.regex.Pattern.compile("Import findings \\((\\d+)\\)")
                    .matcher(check.out());
            assertThat(listed.find()).isTrue();
            assertThat(Integer.parseInt(listed.group(1))).isGreaterThan(left.size());
            assertThat(check.out()).contains("(" + listed.group(1) + " import warnings; see above).");
            for (String file : left) {
                String command = file.equals(ROUTES_FILE) ? "describe-route-tables" : "describe-network-acls";
                assertThat(check.out())
                        .as(left.toString())
                        .containsOnlyOnce(snap + ":1:1: warning: the snapshot has no " + command + " output");
            }
        }
    }

    /**
     * Two peered VPCs whose one flow between them crosses the missing ACLs: cannot tell, so no violation, and the
     * closing line counts the one warning in the singular.
     */
    @Test
    void check_ofTwoVpcsWithoutTheAcls_passesWithOneWarning() throws IOException {
        Path full = Path.of("src/test/resources/between/peered-db");
        Path snap = SnapshotFolders.copiedWithout(full, dir.resolve("peered-without-acls"), ACLS_FILE);
        CliTest.Run check = run("check", "--snapshot", snap.toString());

        assertThat(check.code()).as(check.out() + check.err()).isZero();
        assertThat(check.out())
                .contains("Cannot tell between VPCs")
                .contains("All 2 VPCs passed (1 import warning; see above).");
    }

    /**
     * The lint rules that read route tables or ACLs are not run on a stand-in (a main table with only the local route
     * would make SW003 say the gateway endpoints are missing): each says once that it was not checked, and why.
     */
    @Test
    void lintRulesThatReadWhatIsMissing_sayTheyWereNotChecked_insteadOfJudgingAStandIn() throws IOException {
        Path good = Path.of("src/test/resources/import/snapshot/good");
        CliTest.Run whole = run("check", "--snapshot", good.toString());
        assertThat(whole.out()).doesNotContain("not checked");
        for (String left : List.of(ROUTES_FILE, ACLS_FILE)) {
            Path snap = SnapshotFolders.copiedWithout(good, dir.resolve("lint-without-" + left), left);
            CliTest.Run check = run("check", "--snapshot", snap.toString());
            assertThat(check.code()).as(check.out() + check.err()).isZero();
            List<String> rules =
                    left.equals(ROUTES_FILE) ? List.of("SW003", "SW005", "SW008", "SW013") : List.of("SW010");
            String command = left.equals(ROUTES_FILE) ? "describe-route-tables" : "describe-network-acls";
            for (String rule : rules) {
                assertThat(check.out())
                        .as(left)
                        .containsOnlyOnce(rule + " note  vpc: not checked: this rule reads")
                        .doesNotContain(rule + " warning")
                        .doesNotContain(rule + " error");
            }
            assertThat(check.out()).contains("Fix: save the output of `aws ec2 " + command + "` with the snapshot");
            assertThat(check.out().split("not checked", -1)).hasSize(rules.size() + 1);
        }
    }

    /**
     * Flows between two VPCs need a peering or transit gateway route in both: without the tables, which link the
     * subnets use, if any, is not known ("To send private IPv4 traffic from your instance to an instance in a peer VPC,
     * you must add a route to the route table that's associated with your subnet",
     * https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html).
     */
    @Test
    void betweenTwoVpcs_withoutTheRouteTables_isCannotTell_notBlocked() throws IOException {
        Path whole = Path.of("src/test/resources/between/peered-db");
        assertThat(why(whole, "web", "ledger-db", "5432").out()).contains("Reachable.");

        Path snap = SnapshotFolders.copiedWithout(whole, dir.resolve("peered"), ROUTES_FILE);
        CliTest.Run across = why(snap, "web", "ledger-db", "5432");
        assertThat(across.code()).as(across.out() + across.err()).isEqualTo(3);
        assertThat(across.out())
                .contains("Between the VPCs: not in the input (no describe-route-tables output)")
                .contains("CANNOT TELL: " + ROUTES)
                .doesNotContain("no-link")
                .endsWith("Cannot tell.\n");
    }

    /**
     * A rule naming a peered VPC's group counts only across a peering connection the flow takes: "To reference a
     * security group in a peer VPC, the VPC peering connection must be in the active state"
     * (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-security-groups.html). Without the route tables,
     * which connection the flow takes is not known, so the reference is cannot tell, not "no peering connection joins"
     * (which made the answer blocked, exit 0).
     */
    @Test
    void betweenTwoVpcs_withoutTheRouteTables_aReferenceToThePeersGroup_isCannotTell() throws IOException {
        Path whole = Path.of("src/test/resources/import/snapshot/peered-groups");
        assertThat(why(whole, "web-web#subnet-a", "api", "443").out()).endsWith("Reachable.\n");

        Path snap = SnapshotFolders.copiedWithout(whole, dir.resolve("peered"), ROUTES_FILE);
        CliTest.Run across = why(snap, "web-web#subnet-a", "api", "443");

        assertThat(across.code()).as(across.out() + across.err()).isEqualTo(3);
        assertThat(across.out())
                .contains("security group web                                  CANNOT TELL: " + ROUTES)
                .contains("security group ledger-api                CANNOT TELL: " + ROUTES)
                .doesNotContain("no peering connection joins")
                .doesNotContain("BLOCKED")
                .endsWith("Cannot tell.\n");
    }

    /**
     * check pairs a VPC without its route tables with every other VPC, since which links it routes through is not
     * known, and lists what the groups admit between them as cannot tell; before, it said that nothing flows between
     * them.
     */
    @Test
    void check_ofPeeredVpcsWithoutTheRouteTables_listsTheirFlowsAsCannotTell() throws IOException {
        Path snap = SnapshotFolders.copiedWithout(
                Path.of("src/test/resources/import/snapshot/peered-groups"), dir.resolve("peered"), ROUTES_FILE);

        CliTest.Run r = run("check", "--snapshot", snap.toString());

        assertThat(r.code()).as(r.out() + r.err()).isZero();
        String between = r.out().substring(r.out().indexOf("=== Between VPCs ==="));
        assertThat(between)
                .doesNotContain("nothing flows between them")
                .contains("  unknown links (no describe-route-tables output)  shop, ledger\n")
                .contains("Flows from one VPC into another\n  nothing\n")
                .contains("Cannot tell between VPCs")
                .containsPattern(
                        "shop web -> ledger ledger-api \\(1 pair\\) +tcp +443 +"
                                + "the route tables \\(no describe-route-tables output\\) +stackwright why 'web-web#subnet-a' api 443");
    }

    /**
     * A route towards the other VPC to a target the model does not hold (a virtual private gateway: a VPN, where the
     * network beyond may route the packets on) is cannot tell, as it is within one VPC; before, the link check said no
     * route led to the other VPC, and the answer was blocked.
     */
    @Test
    void betweenTwoVpcs_aRouteTowardsTheOtherToAnUnmodelledTarget_isCannotTell() throws IOException {
        Path snap = SnapshotFolders.edited(
                Path.of("src/test/resources/import/snapshot/peered-groups"),
                dir.resolve("vpn"),
                ROUTES_FILE,
                "{\"DestinationCidrBlock\": \"10.30.0.0/16\", \"VpcPeeringConnectionId\": \"pcx-1\"}",
                "{\"DestinationCidrBlock\": \"10.30.0.0/16\", \"GatewayId\": \"vgw-1\"}");

        CliTest.Run across = why(snap, "web-web#subnet-a", "api", "443");

        assertThat(across.code()).as(across.out() + across.err()).isEqualTo(3);
        assertThat(across.out())
                .contains("Between the VPCs: unresolved (virtual private gateway vgw-1)")
                .doesNotContain("no-link")
                .doesNotContain("no route from")
                .endsWith("Cannot tell.\n");
    }
}
