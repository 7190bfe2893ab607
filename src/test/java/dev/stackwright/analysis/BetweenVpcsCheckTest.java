package dev.stackwright.analysis;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stackwright.SnapshotFolders;
import dev.stackwright.cli.CliTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check}'s "Between VPCs" part: the flows from one VPC of the input into another over a link they share, and
 * the policy's verdict on them.
 *
 * <p>AWS: "A VPC peering connection is a networking connection between two VPCs that enables you to route traffic
 * between them using private IPv4 addresses or IPv6 addresses. Instances in either VPC can communicate with each other
 * as if they are within the same network." (https://docs.aws.amazon.com/vpc/latest/peering/what-is-vpc-peering.html),
 * and "To enable the flow of traffic between the VPCs using private IP addresses, the owner of each VPC in the VPC
 * peering connection must manually add a route to one or more of their VPC route tables that points to the IP address
 * range of the other VPC (the peer VPC)." (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html).
 *
 * <p>Fixtures: {@code between/peered-db} (a snapshot) and {@code between/peered-db.yaml} (the same network as a
 * template): VPC shop (10.20.0.0/16) with instance web, VPC ledger (10.30.0.0/16) with a postgres database whose group
 * admits every port from all of shop, joined by a peering connection both route through. {@code between/tgw}: shop and
 * ledger attached to transit gateway tgw-1 (ledger's api admits tcp 443 from 10.0.0.0/8), and lab, which admits
 * everything from 10.0.0.0/8 but routes nothing to the gateway.
 */
class BetweenVpcsCheckTest {
    static final Path PEERED_DB = Path.of("src/test/resources/between/peered-db");
    static final Path PEERED_DB_TEMPLATE = Path.of("src/test/resources/between/peered-db.yaml");
    static final Path TGW = Path.of("src/test/resources/between/tgw");
    static final Path PEERED_GROUPS = Path.of("src/test/resources/import/snapshot/peered-groups");

    @TempDir
    Path dir;

    /** A copy of a snapshot folder with files' text changed: file, text, replacement, as often as needed. */
    private Path edited(Path snapshot, String... edits) throws IOException {
        return SnapshotFolders.edited(snapshot, dir.resolve(snapshot.getFileName() + "-" + edits.length), edits);
    }

    /** The line of the text report that holds every one of {@code parts}. */
    private static String line(String out, String... parts) {
        return Arrays.stream(out.split("\n", -1))
                .filter(l -> Arrays.stream(parts).allMatch(l::contains))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line with " + List.of(parts) + " in:\n" + out));
    }

    private static String between(String out) {
        int at = out.indexOf("=== Between VPCs ===");
        assertThat(at).as(out).isNotNegative();
        return out.substring(at);
    }

    @Test
    void aPeeredSnapshot_listsTheFlowFromOneVpcIntoTheOther_withItsPort() {
        CliTest.Run r = run("check", "--snapshot", PEERED_GROUPS.toString());
        // Each VPC alone has nothing tier to tier; between them, shop's web reaches ledger's api on 443 by the
        // reference to its group across pcx-1 (batch, in the same subnet without the group, does not).
        String between = between(r.out());
        assertThat(line(between, "shop web -> ledger ledger-api")).contains("tcp", "443", "peering pcx-1");
        assertThat(between).contains("peering pcx-1  shop, ledger").doesNotContain("batch");
        assertThat(r.out().indexOf("=== VPC ledger")).isLessThan(r.out().indexOf("=== Between VPCs ==="));
    }

    @Test
    void aDatabaseOpenToThePeerOnEveryPort_failsTheBuiltInPolicy_namingBothVpcs() {
        CliTest.Run r = run("check", "--snapshot", PEERED_DB.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        String between = between(r.out());
        assertThat(line(between, "shop web -> ledger ledger-db", "tcp"))
                .contains("(all ports)", "peering pcx-1", "stackwright why");
        assertThat(line(between, "shop web -> ledger ledger-db", "udp")).contains("(all ports)");
        // The built-in policy lets the app reach the database on its port (role:app selects web in its own VPC):
        // every other port is a violation, and so is udp.
        assertThat(between)
                .contains("Policy between VPCs (built-in): 2 violations")
                .contains("in VPC ledger is reachable from web-web#subnet-a in VPC shop on tcp 0-5431, 5433-65535"
                        + " over peering pcx-1")
                .contains("on udp (all ports) over peering pcx-1");
        assertThat(r.out()).endsWith("Check failed: 2 policy violations between VPCs.\n");
        // Each VPC alone passes: the database's exposure is only visible between them.
        assertThat(r.out()).contains("Check passed.\n\n=== VPC ledger").contains("Check passed.\n\n=== Between VPCs");
    }

    @Test
    void theSameNetworkAsATemplate_listsTheSameFlow_andFails() {
        CliTest.Run r = run("check", "--template", PEERED_DB_TEMPLATE.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        String between = between(r.out());
        assertThat(line(between, "Shop WebGroup -> Ledger DbGroup (2 pairs)", "tcp"))
                .contains("(all ports)", "peering Peering");
        assertThat(between)
                .contains("Db-LedgerData and Db-LedgerData2 in VPC Ledger are reachable from Web in VPC Shop on tcp"
                        + " 0-5431, 5433-65535 over peering Peering (2 pairs)");
    }

    @Test
    void theDatabaseOpenToThePeerOnItsPortOnly_passes() throws IOException {
        Path narrowed = edited(
                PEERED_DB,
                "groups.json",
                "{\"IpProtocol\": \"-1\", \"IpRanges\": [{\"CidrIp\": \"10.20.0.0/16\", \"Description\": \"all of shop\"}]}",
                "{\"IpProtocol\": \"tcp\", \"FromPort\": 5432, \"ToPort\": 5432,"
                        + " \"IpRanges\": [{\"CidrIp\": \"10.20.0.0/16\"}]}");
        CliTest.Run r = run("check", "--snapshot", narrowed.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        String between = between(r.out());
        assertThat(line(between, "shop web -> ledger ledger-db")).contains("tcp", "5432");
        assertThat(between).doesNotContain("udp").contains("Policy between VPCs (built-in): passed");
    }

    @Test
    void vpcsThatNoLinkJoins_listNothing() throws IOException {
        Path unlinked = edited(
                PEERED_DB,
                "route-tables.json",
                ",\n              {\"DestinationCidrBlock\": \"10.30.0.0/16\", \"VpcPeeringConnectionId\": \"pcx-1\"}",
                "",
                "route-tables.json",
                ",\n              {\"DestinationCidrBlock\": \"10.20.0.0/16\", \"VpcPeeringConnectionId\": \"pcx-1\"}",
                "");
        CliTest.Run r = run("check", "--snapshot", unlinked.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(between(r.out()))
                .contains("No peering connection or transit gateway joins two VPCs of the input")
                .doesNotContain("ledger-db");
        assertThat(r.out()).endsWith("All 2 VPCs passed.\n");
    }

    /**
     * "A transit gateway acts as a Regional virtual router for traffic flowing between your virtual private clouds
     * (VPCs) and on-premises networks." (https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html)
     */
    @Test
    void overATransitGateway_theFlowIsListed_andAVpcAttachedToNothingIsNot() {
        CliTest.Run r = run("check", "--snapshot", TGW.toString());
        String between = between(r.out());
        assertThat(line(between, "shop web -> ledger ledger-api")).contains("tcp", "443", "transit gateway tgw-1");
        assertThat(between).contains("transit gateway tgw-1  shop, ledger").doesNotContain("lab");
        assertThat(r.code())
                .isEqualTo(1); // ledger's api is an app, guarded, and the built-in policy allows no such flow
    }

    /**
     * A transit gateway route to a VPN attachment is a hop the model does not hold: "cannot tell", never reachable
     * or blocked, and no violation.
     */
    @Test
    void aWayOverAVpnAttachment_isCannotTell_inTextJsonAndSarif() throws IOException {
        Path vpn = edited(
                TGW,
                "tgw-routes-tgw-rtb-1.json",
                "{\"DestinationCidrBlock\": \"10.30.0.0/16\", \"Type\": \"propagated\", \"State\": \"active\",\n"
                        + "   \"TransitGatewayAttachments\": [{\"TransitGatewayAttachmentId\": \"tgw-attach-b\","
                        + " \"ResourceId\": \"vpc-b\", \"ResourceType\": \"vpc\"}]}",
                "{\"DestinationCidrBlock\": \"10.30.0.0/16\", \"Type\": \"static\", \"State\": \"active\",\n"
                        + "   \"TransitGatewayAttachments\": [{\"TransitGatewayAttachmentId\": \"tgw-attach-vpn\","
                        + " \"ResourceType\": \"vpn\"}]}");
        CliTest.Run r = run("check", "--snapshot", vpn.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        String between = between(r.out());
        assertThat(between).contains("Flows from one VPC into another\n  nothing\n");
        assertThat(line(between.substring(between.indexOf("Cannot tell between VPCs")), "shop web -> ledger"))
                .contains("tcp", "443", "VPN attachment tgw-attach-vpn");
        assertThat(between).contains("Policy between VPCs (built-in): passed");

        CliTest.Run why = run("why", "web-web#subnet-a", "api", "443", "--snapshot", vpn.toString());
        assertThat(why.code()).as(why.out()).isEqualTo(3);

        JsonNode json = json(run("check", "--format", "json", "--snapshot", vpn.toString()));
        JsonNode row = json.path("betweenVpcs").get(0);
        assertThat(row.path("verdict").asText()).isEqualTo("cannot-tell");
        assertThat(row.path("unmodelled").toString()).contains("VPN attachment tgw-attach-vpn");

        CliTest.Run sarif = run("check", "--format", "sarif", "--snapshot", vpn.toString());
        assertThat(sarif.out())
                .contains("reach/cannot-tell", "cannot tell whether web-web#subnet-a (shop) reaches api");
    }

    private static JsonNode json(CliTest.Run r) {
        try {
            return new ObjectMapper().readTree(r.out());
        } catch (IOException e) {
            throw new AssertionError(r.out() + r.err(), e);
        }
    }

    @Test
    void json_listsEachFlowAndTheVerdict() {
        CliTest.Run r = run("check", "--format", "json", "--snapshot", PEERED_DB.toString());
        JsonNode json = json(r);
        assertThat(json.path("passed").asBoolean()).isFalse();
        JsonNode rows = json.path("betweenVpcs");
        assertThat(rows.size()).isEqualTo(2);
        JsonNode tcp = rows.get(0);
        assertThat(tcp.path("from").path("vpc").asText()).isEqualTo("shop");
        assertThat(tcp.path("from").path("resources").get(0).asText()).isEqualTo("web-web#subnet-a");
        assertThat(tcp.path("to").path("vpc").asText()).isEqualTo("ledger");
        assertThat(tcp.path("protocol").asText()).isEqualTo("tcp");
        assertThat(tcp.path("ports").toString()).isEqualTo("[{\"from\":0,\"to\":65535}]");
        assertThat(tcp.path("verdict").asText()).isEqualTo("reachable");
        assertThat(tcp.path("via").toString()).isEqualTo("[\"peering pcx-1\"]");
        assertThat(tcp.path("why").asText()).endsWith("--snapshot " + PEERED_DB);
        JsonNode policy = json.path("betweenVpcsPolicy");
        assertThat(policy.path("passed").asBoolean()).isFalse();
        assertThat(policy.path("violations").get(0).path("rule").asText()).isEqualTo("guarded");
        assertThat(policy.path("violations").get(0).path("targets").get(0).asText())
                .isEqualTo("ledger-db-ledger-db#subnet-b");
    }

    @Test
    void sarif_reportsTheViolationsAsPolicyResults() {
        CliTest.Run r = run("check", "--format", "sarif", "--snapshot", PEERED_DB.toString());
        JsonNode results = json(r).path("runs").get(0).path("results");
        List<JsonNode> guarded = Stream.iterate(0, i -> i < results.size(), i -> i + 1)
                .map(results::get)
                .filter(x -> x.path("ruleId").asText().equals("policy/guarded"))
                .toList();
        assertThat(guarded).hasSize(2);
        assertThat(guarded.getFirst().path("message").path("text").asText())
                .contains("in VPC ledger", "in VPC shop", "stackwright why");
    }

    @Test
    void theWhyCommandOfARow_answersItTheSame() {
        CliTest.Run r = run("check", "--snapshot", PEERED_GROUPS.toString());
        String command = line(between(r.out()), "shop web -> ledger ledger-api");
        String why = command.substring(command.indexOf("stackwright why ") + "stackwright why ".length());
        List<String> args = new java.util.ArrayList<>(List.of("why"));
        for (String word : why.split(" ", -1)) {
            args.add(word.startsWith("'") ? word.substring(1, word.length() - 1) : word);
        }
        CliTest.Run answer = run(args.toArray(String[]::new));
        assertThat(answer.code()).as(answer.out() + answer.err()).isZero();
        assertThat(answer.out()).endsWith("Reachable.\n");
    }

    @Test
    void anInputWithOneVpc_hasNoBetweenVpcsPart() {
        Path one = Path.of("src/test/resources/import/snapshot/good");
        assertThat(run("check", "--snapshot", one.toString()).out()).doesNotContain("Between VPCs");
        assertThat(json(run("check", "--format", "json", "--snapshot", one.toString()))
                        .has("betweenVpcs"))
                .isFalse();
    }
}
