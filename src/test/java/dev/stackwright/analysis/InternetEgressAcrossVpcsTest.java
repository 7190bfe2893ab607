package dev.stackwright.analysis;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.SnapshotFolders;
import dev.stackwright.cli.CliTest;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What leaves over a peering connection, or a transit gateway that hands another VPC its own block, goes to that VPC,
 * not to the internet: {@code check} does not list it as internet egress, though a VPC's IPv6 block is global unicast.
 * Snapshots: {@code tgw-ipv6} (shop and ledger, dual-stack, over transit gateway tgw-1, each routing
 * 2600:1f18::/32 to it) and {@code peered-dual-stack} (the same VPCs over peering pcx-1, each routing the other's
 * /56 to it); neither VPC has an internet gateway.
 *
 * <p>AWS: "VPC peering creates a direct network route between the two VPCs using private IPv4 addresses or IPv6
 * addresses. Traffic sent between the connected VPCs does not traverse the internet, a VPN connection, or an Amazon
 * Direct Connect connection."
 * (https://docs.amazonaws.cn/en_us/vpc/latest/peering/working-with-vpc-peering.html); "Amazon VPCs do not support
 * transitive peering, meaning that you can't communicate two VPCs that are not directly peered using a third VPC as
 * transit" (https://docs.aws.amazon.com/whitepapers/latest/aws-vpc-connectivity-options/vpc-peering.html). A transit
 * gateway route table "allows for both IPv4 or IPv6 CIDRs and targets"
 * (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html): a VPC attachment's propagated block is that
 * VPC's.
 */
class InternetEgressAcrossVpcsTest {
    static final Path TRANSIT = Path.of("src/test/resources/import/snapshot/tgw-ipv6");
    static final Path PEERED = Path.of("src/test/resources/import/snapshot/peered-dual-stack");

    @TempDir
    Path dir;

    /** The "Internet egress by tier" table of each VPC, one after the other. */
    private static String egress(String check) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while ((at = check.indexOf("Internet egress by tier", at)) >= 0) {
            int end = check.indexOf("S3 and DynamoDB", at);
            out.append(check, at, end);
            at = end;
        }
        return out.toString();
    }

    /** Main listed web and ledger reaching the internet on all ports "via 2600:1f18::/32 -> transit gateway tgw-1". */
    @Test
    void transitGateway_theOtherVpcsIpv6Block_isNotInternetEgress() {
        CliTest.Run r = run("check", "--snapshot", TRANSIT.toString());
        assertThat(r.code()).as(r.out() + r.err()).isNotEqualTo(70);
        String egress = egress(r.out());
        assertThat(egress).as(r.out()).contains("Internet egress by tier").doesNotContain("transit gateway tgw-1");
        assertThat(egress.split("Internet egress by tier", -1)).hasSize(3);
        assertThat(r.out()).doesNotContain("internet-egress");

        CliTest.Run why = run("why", "web", "internet", "443", "--snapshot", TRANSIT.toString(), "--vpc", "shop");
        assertThat(why.out())
                .contains(
                        "hands 2600:1f18:0:b00::/56 to VPC attachment tgw-attach-b of ledger",
                        "BLOCKED not-on-the-internet: transit gateway tgw-1 carries 2600:1f18:0:b00::/56 into VPC"
                                + " ledger, not to the internet")
                .endsWith("Blocked.\n");
    }

    /** The block is still reached as the other VPC's: `why` to an address in it crosses the link. */
    @Test
    void transitGateway_theOtherVpcsAddress_isStillReached() {
        CliTest.Run r = run("why", "web", "2600:1f18:0:b01::20", "443", "--snapshot", TRANSIT.toString());
        assertThat(r.out()).contains("Between the VPCs: transit gateway tgw-1").endsWith("Reachable.\n");
    }

    /**
     * A transit gateway that sends the rest of the IPv6 internet to ledger's attachment (a central egress VPC) still
     * carries internet egress there: only ledger's own block is ledger's.
     */
    @Test
    void transitGateway_aDefaultRouteToAnotherVpc_isStillInternetEgress_butNotThatVpcsBlock() throws IOException {
        Path routes = SnapshotFolders.edited(
                TRANSIT,
                dir.resolve("tgw-default"),
                "tgw-routes-tgw-rtb-1.json",
                "{\"Routes\": [",
                "{\"Routes\": [\n  {\"DestinationCidrBlock\": \"::/0\", \"Type\": \"static\", \"State\": \"active\","
                        + " \"TransitGatewayAttachments\": [{\"TransitGatewayAttachmentId\": \"tgw-attach-b\","
                        + " \"ResourceId\": \"vpc-b\", \"ResourceType\": \"vpc\"}]},");
        Path snap = SnapshotFolders.edited(
                routes,
                dir.resolve("tgw-default-routed"),
                "route-tables.json",
                "{\"DestinationIpv6CidrBlock\": \"2600:1f18::/32\", \"TransitGatewayId\": \"tgw-1\"}]},",
                "{\"DestinationIpv6CidrBlock\": \"::/0\", \"TransitGatewayId\": \"tgw-1\"}]},");
        CliTest.Run why = run("why", "web", "internet", "443", "--snapshot", snap.toString(), "--vpc", "shop");
        assertThat(why.out())
                .as(why.err())
                .contains("via ::/0 -> transit gateway tgw-1", "what lies beyond is not evaluated")
                .endsWith("Reachable.\n");
        CliTest.Run check = run("check", "--snapshot", snap.toString());
        assertThat(egress(check.out())).contains("::/0 -> transit gateway tgw-1");
        CliTest.Run block =
                run("why", "web", "2600:1f18:0:b00::/56", "443", "--snapshot", snap.toString(), "--vpc", "shop");
        assertThat(block.out()).endsWith("Reachable.\n");
    }

    /** Main listed web reaching the internet "via 2600:1f18:0:b00::/56 -> peering pcx-1", and ledger likewise. */
    @Test
    void peering_thePeersIpv6Block_isNotInternetEgress() {
        CliTest.Run r = run("check", "--snapshot", PEERED.toString());
        assertThat(r.code()).as(r.out() + r.err()).isNotEqualTo(70);
        assertThat(egress(r.out())).as(r.out()).doesNotContain("peering pcx-1");
        assertThat(r.out()).doesNotContain("internet-egress");

        CliTest.Run why = run("why", "web", "internet", "443", "--snapshot", PEERED.toString(), "--vpc", "shop");
        assertThat(why.out())
                .contains("BLOCKED not-on-the-internet: peering pcx-1 carries 2600:1f18:0:b00::/56 into its peer VPC,"
                        + " not to the internet")
                .endsWith("Blocked.\n");
    }
    /**
     * An IPv4 default route to the peering connection (shop sends 0.0.0.0/0 to pcx-1, not only ledger's block): the
     * peer still answers for its own block, but nothing reaches the internet that way. Main listed web reaching the
     * internet on every port "via 0.0.0.0/0 -> peering pcx-1". AWS: "If VPC A has an internet gateway, resources in
     * VPC B can't use the internet gateway in VPC A to access the internet"
     * (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html, "Edge to edge routing through a gateway
     * or private connection").
     */
    @Test
    void peering_anIpv4DefaultRoute_isNotInternetEgress() throws IOException {
        Path snap = SnapshotFolders.edited(
                PEERED,
                dir.resolve("pcx-default"),
                "route-tables.json",
                "{\"DestinationCidrBlock\": \"10.30.0.0/16\", \"VpcPeeringConnectionId\": \"pcx-1\"}",
                "{\"DestinationCidrBlock\": \"0.0.0.0/0\", \"VpcPeeringConnectionId\": \"pcx-1\"}");
        CliTest.Run r = run("check", "--snapshot", snap.toString());
        assertThat(r.code()).as(r.out() + r.err()).isNotEqualTo(70);
        assertThat(egress(r.out()))
                .as(r.out())
                .contains("Internet egress by tier")
                .doesNotContain("peering pcx-1");
        assertThat(r.out()).doesNotContain("internet-egress");

        CliTest.Run why = run("why", "web", "internet", "443", "--snapshot", snap.toString(), "--vpc", "shop");
        assertThat(why.out())
                .contains(
                        "via 0.0.0.0/0 -> peering pcx-1",
                        "BLOCKED not-on-the-internet: peering pcx-1 carries",
                        "into its peer VPC, not to the internet")
                .doesNotContain("REACHABLE")
                .endsWith("Blocked.\n");
        CliTest.Run ledger = run("why", "web", "ledger", "443", "--snapshot", snap.toString());
        assertThat(ledger.out())
                .as("the peer's own block still goes over the default route")
                .contains("via 0.0.0.0/0 -> peering pcx-1")
                .doesNotContain("Blocked.\n");
    }

    /** The "Reachable from the internet" table of each VPC, one after the other. */
    private static String ingress(String check) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while ((at = check.indexOf("Reachable from the internet", at)) >= 0) {
            int end = check.indexOf("Internet egress by tier", at);
            out.append(check, at, end);
            at = end;
        }
        return out.toString();
    }

    /**
     * The same seen from the other side: the other VPC's block is not a source on the internet. Main listed ledger as
     * "Reachable from the internet ... 2600:1f18:0:a00::/56" (shop's block, over tgw-1) and `why internet ledger`
     * answered Reachable, though neither VPC has an internet gateway.
     */
    @Test
    void transitGateway_theOtherVpcsIpv6Block_isNotASourceOnTheInternet() {
        CliTest.Run r = run("check", "--snapshot", TRANSIT.toString());
        String ingress = ingress(r.out());
        assertThat(ingress.split("Reachable from the internet", -1)).as(r.out()).hasSize(3);
        assertThat(ingress)
                .as(r.out())
                .doesNotContain("2600:1f18:0:a00::/56", "ledger ")
                .contains("nothing");

        CliTest.Run why = run("why", "internet", "ledger", "443", "--snapshot", TRANSIT.toString(), "--vpc", "ledger");
        assertThat(why.out()).doesNotContain("REACHABLE").endsWith("Blocked.\n");
        // Shop itself still reaches ledger over the gateway from its block.
        CliTest.Run shop = run("why", "web", "ledger", "443", "--snapshot", TRANSIT.toString());
        assertThat(shop.out())
                .contains("Between the VPCs: transit gateway tgw-1")
                .doesNotContain("Blocked.\n");
    }

    @Test
    void peering_thePeersIpv6Block_isNotASourceOnTheInternet() {
        CliTest.Run r = run("check", "--snapshot", PEERED.toString());
        String ingress = ingress(r.out());
        assertThat(ingress.split("Reachable from the internet", -1)).as(r.out()).hasSize(3);
        assertThat(ingress).as(r.out()).doesNotContain("2600:1f18:0:a00::/56", "2600:1f18:0:b00::/56");
        CliTest.Run why = run("why", "internet", "ledger", "443", "--snapshot", PEERED.toString(), "--vpc", "ledger");
        assertThat(why.out()).doesNotContain("REACHABLE").endsWith("Blocked.\n");
    }
}
