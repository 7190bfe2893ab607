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
 * {@code why} between dual-stack resources in two VPCs, named by resource: each family is checked over its own routes
 * and the answer says which get through. Snapshots: {@code import/snapshot/peered-dual-stack} (VPC shop,
 * 10.20.0.0/16 and 2600:1f18:0:a00::/56, with instance web; VPC ledger, 10.30.0.0/16 and 2600:1f18:0:b00::/56, with
 * instance ledger; peering pcx-1 routed both ways for both families) and {@code import/snapshot/tgw-ipv6} (the same
 * VPCs over transit gateway tgw-1).
 *
 * <p>AWS: "If you have a VPC peering connection between VPCs that have associated IPv6 CIDR blocks, you can add a
 * route to your route table that points to the IPv6 CIDR block of the peer VPC"
 * (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html), and for three VPCs peered over IPv4 of
 * which two have IPv6 routes to each other: "VPC A and VPC B can communicate using IPv6 over the VPC peering
 * connection. VPC C cannot communicate using IPv6 with either VPC A or VPC B."
 * (https://docs.aws.amazon.com/vpc/latest/peering/peering-configurations-full-access.html, "Three VPCs peered for
 * IPv6"). So each family crosses by its own routes, and one may where the other does not.
 */
class DualStackCrossVpcWhyTest {
    static final Path PEERED = Path.of("src/test/resources/import/snapshot/peered-dual-stack");
    static final Path TRANSIT = Path.of("src/test/resources/import/snapshot/tgw-ipv6");

    static final String IPV4_ROUTES_A =
            "     {\"DestinationCidrBlock\": \"10.30.0.0/16\", \"VpcPeeringConnectionId\": \"pcx-1\"},\n";
    static final String IPV4_ROUTES_B =
            "     {\"DestinationCidrBlock\": \"10.20.0.0/16\", \"VpcPeeringConnectionId\": \"pcx-1\"},\n";
    static final String IPV6_ROUTES_A =
            "     {\"DestinationIpv6CidrBlock\": \"2600:1f18:0:b00::/56\", \"VpcPeeringConnectionId\": \"pcx-1\"},\n";
    static final String IPV6_ROUTES_B =
            "     {\"DestinationIpv6CidrBlock\": \"2600:1f18:0:a00::/56\", \"VpcPeeringConnectionId\": \"pcx-1\"},\n";
    /** ledger-api's IPv4 range, so that only its IPv6 range admits. */
    static final String LEDGER_IPV4_RANGE =
            "\"IpRanges\": [{\"CidrIp\": \"10.20.0.0/16\", \"Description\": \"shop over IPv4\"}],";

    @TempDir
    Path dir;

    private int copies;

    /** A copy of a snapshot folder with some of one file's text taken out (each piece must be there). */
    private Path without(Path snapshot, String file, String... pieces) throws IOException {
        Path copy = snapshot;
        for (String piece : pieces) {
            copy = edited(copy, file, piece, "");
        }
        return copy;
    }

    /** A copy of a snapshot folder with one piece of one file's text replaced (it must be there). */
    private Path edited(Path snapshot, String file, String from, String to) throws IOException {
        return SnapshotFolders.edited(snapshot, dir.resolve("snap" + copies++), file, from, to);
    }

    private static CliTest.Run why(Path snapshot) {
        return run("why", "web", "ledger", "443", "--snapshot", snapshot.toString());
    }

    @Test
    void peering_routedForBothFamilies_isReachableOverIpv4AndIpv6_eachShown() {
        CliTest.Run r = why(PEERED);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.err()).doesNotContain("warning");
        assertThat(r.out())
                .contains(
                        "web-web#subnet-a -> ledger  tcp 443: REACHABLE over IPv4 and IPv6\n",
                        "Over IPv4:",
                        "route table rtb-a                        10.30.0.0/16 -> peering pcx-1",
                        "ledger-api: in tcp 443 from 10.20.0.0/16 (shop over IPv4)",
                        "Over IPv6:",
                        "route table rtb-a                        2600:1f18:0:b00::/56 -> peering pcx-1",
                        "ledger-api: in tcp 443 from 2600:1f18:0:a00::/56 (shop over IPv6)",
                        "<- route table rtb-b                        2600:1f18:0:a00::/56 -> peering pcx-1")
                .doesNotContain("BLOCKED", "CANNOT TELL")
                .endsWith("\nReachable over IPv4 and IPv6.\n");
        // Each family's section carries its own addresses only.
        String v4 = r.out().substring(r.out().indexOf("Over IPv4:"), r.out().indexOf("Over IPv6:"));
        assertThat(v4).doesNotContain("2600:", "::/0");
    }

    /** Main answered "Reachable." here, with no word that IPv6 does not get through. */
    @Test
    void peering_ipv4RoutesOnly_isReachableOverIpv4Only_andSaysIpv6HasNoRoute() throws IOException {
        CliTest.Run r = why(without(PEERED, "route-tables.json", IPV6_ROUTES_A, IPV6_ROUTES_B));
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "web-web#subnet-a -> ledger  tcp 443: REACHABLE over IPv4 only\n",
                        "  IPv6 BLOCKED no-link: no route from subnet-a towards ledger's IPv6 blocks (none sends"
                                + " 2600:1f18:0:b01::/64 to a peering connection or transit gateway)\n",
                        "Over IPv4:",
                        "Between the VPCs: peering pcx-1, used both ways")
                // A reachable answer shows the ways that work; the other family's blockers are in its line above.
                .doesNotContain("Over IPv6:")
                .endsWith("\nReachable over IPv4 only.\n");
    }

    /** Main answered "Blocked." (no-link) here, checking the link over IPv4 only, though IPv6 gets through. */
    @Test
    void peering_ipv6RoutesOnly_isReachableOverIpv6Only() throws IOException {
        CliTest.Run r = why(without(PEERED, "route-tables.json", IPV4_ROUTES_A, IPV4_ROUTES_B));
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "web-web#subnet-a -> ledger  tcp 443: REACHABLE over IPv6 only\n",
                        "  IPv4 BLOCKED no-link: no route from subnet-a towards ledger's IPv4 blocks (none sends"
                                + " 10.30.1.0/24 to a peering connection or transit gateway)\n",
                        "Over IPv6:",
                        "Between the VPCs: peering pcx-1, used both ways",
                        "<- route table rtb-b                        2600:1f18:0:a00::/56 -> peering pcx-1")
                .doesNotContain("Over IPv4:")
                .endsWith("\nReachable over IPv6 only.\n");
    }

    /**
     * With no route of either family towards the other VPC, each family is said once, plainly; main printed each leg's
     * per-range blockers too ("IPv6 BLOCKED no-route: route table rtb-a has no route to 42 ranges from
     * 2600:1f18:0:b00::/56 to 3000::/4", the internet gateway the VPC lacks, the way back) and both families' parts.
     */
    @Test
    void peering_noRoutes_isBlocked_withOneLinePerFamily() throws IOException {
        CliTest.Run r =
                why(without(PEERED, "route-tables.json", IPV4_ROUTES_A, IPV4_ROUTES_B, IPV6_ROUTES_A, IPV6_ROUTES_B));
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                        why web (shop) -> ledger (ledger) (tcp 443)

                        web-web#subnet-a -> ledger  tcp 443: BLOCKED over IPv4 and IPv6
                          IPv4 BLOCKED no-link: no route from subnet-a towards ledger's IPv4 blocks (none sends \
                        10.30.1.0/24 to a peering connection or transit gateway)
                          IPv6 BLOCKED no-link: no route from subnet-a towards ledger's IPv6 blocks (none sends \
                        2600:1f18:0:b01::/64 to a peering connection or transit gateway)

                        Blocked over IPv4 and IPv6.
                        """);
    }

    /**
     * IPv4 routed, IPv6 not: the IPv4 answer stays as it was, with its parts; IPv6 is one line, without the legs'
     * blockers main printed for it ("no route to 42 ranges", "no-internet-gateway", "no-return-route").
     */
    @Test
    void peering_ipv4RoutesOnly_aBlockedFlow_keepsTheIpv4Answer_andSaysIpv6Once() throws IOException {
        Path routes4 = without(PEERED, "route-tables.json", IPV6_ROUTES_A, IPV6_ROUTES_B);
        CliTest.Run r = run("why", "web", "ledger", "443", "--protocol", "udp", "--snapshot", routes4.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "web-web#subnet-a -> ledger  udp 443: BLOCKED over IPv4 and IPv6\n",
                        "  IPv4 BLOCKED sg-ingress-denied: security group ledger-api has no ingress rule for udp 443",
                        "  IPv6 BLOCKED no-link: no route from subnet-a towards ledger's IPv6 blocks (none sends"
                                + " 2600:1f18:0:b01::/64 to a peering connection or transit gateway)\n",
                        "Over IPv4:",
                        "Between the VPCs: peering pcx-1, used both ways",
                        "BLOCKED sg-ingress-denied")
                .doesNotContain("Over IPv6:", "ranges", "IPv6 BLOCKED no-route", "IPv6 BLOCKED sg-ingress-denied")
                .endsWith("\nBlocked over IPv4 and IPv6.\n");
    }

    /** The blockers of both families when each is routed but something else stops it: every one, labelled. */
    @Test
    void peering_bothRouted_butBlocked_listsEachFamilysBlockers_labelled() throws IOException {
        CliTest.Run r = run("why", "web", "ledger", "443", "--protocol", "udp", "--snapshot", PEERED.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "web-web#subnet-a -> ledger  udp 443: BLOCKED over IPv4 and IPv6\n",
                        "  IPv4 BLOCKED sg-ingress-denied: security group ledger-api",
                        "  IPv6 BLOCKED sg-ingress-denied: security group ledger-api",
                        // A blocked answer shows every way and what stops it.
                        "Over IPv4:",
                        "Over IPv6:")
                .endsWith("\nBlocked over IPv4 and IPv6.\n");
    }

    /**
     * The server's group admits the shop's IPv6 block only (its IPv4 range gone): with both families routed, only
     * IPv6 gets in. Main answered a bare "Reachable.", checking the link over IPv4 with legs that carried IPv6 too.
     */
    @Test
    void peering_aGroupAdmittingIpv6Only_withBothRoutes_isReachableOverIpv6Only() throws IOException {
        CliTest.Run r = why(without(PEERED, "groups.json", LEDGER_IPV4_RANGE));
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "web-web#subnet-a -> ledger  tcp 443: REACHABLE over IPv6 only\n",
                        "  IPv4 BLOCKED sg-ingress-denied: security group ledger-api",
                        "ledger-api: in tcp 443 from 2600:1f18:0:a00::/56 (shop over IPv6)")
                .doesNotContain("Over IPv4:")
                .endsWith("\nReachable over IPv6 only.\n");
    }

    /**
     * The group that admits IPv6 only, and routes for IPv4 only: neither family gets through, each for its own reason.
     * Main also answered "Blocked.", but from legs that mixed the families, and named no IPv6 link problem.
     */
    @Test
    void peering_aGroupAdmittingIpv6Only_withIpv4RoutesOnly_isBlocked() throws IOException {
        Path routes4 = without(PEERED, "route-tables.json", IPV6_ROUTES_A, IPV6_ROUTES_B);
        Path both = without(routes4, "groups.json", LEDGER_IPV4_RANGE);
        CliTest.Run r = why(both);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "web-web#subnet-a -> ledger  tcp 443: BLOCKED over IPv4 and IPv6\n",
                        "  IPv4 BLOCKED sg-ingress-denied: security group ledger-api",
                        "  IPv6 BLOCKED no-link: no route from subnet-a towards ledger's IPv6 blocks")
                .doesNotContain("IPv4 BLOCKED no-link")
                .endsWith("\nBlocked over IPv4 and IPv6.\n");
    }

    /** Naming an address still asks about its family alone, as before. */
    @Test
    void peering_anIpv6AddressNamed_isCheckedOverIpv6Alone() throws IOException {
        CliTest.Run r = run(
                "why",
                "web",
                "2600:1f18:0:b01::20",
                "443",
                "--snapshot",
                without(PEERED, "route-tables.json", IPV4_ROUTES_A, IPV4_ROUTES_B)
                        .toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("Between the VPCs: peering pcx-1, used both ways")
                .doesNotContain("REACHABLE over", "Over IPv4:", "Over IPv6:")
                .endsWith("\nReachable.\n");
    }

    /**
     * A name for several resources answers every pair, as within one VPC; once one pair is answered per family, each
     * pair gets its line, and one whose source has no IPv6 address (batch: the snapshot gives it none) is answered
     * over IPv4 alone.
     */
    @Test
    void severalPairs_eachGetsItsLine_andTheSummaryCountsPairs() throws IOException {
        Path withBatch = edited(
                without(PEERED, "route-tables.json", IPV6_ROUTES_A, IPV6_ROUTES_B),
                "instances.json",
                "  {\"InstanceId\": \"i-b\",",
                """
                  {"InstanceId": "i-c", "SubnetId": "subnet-a", "VpcId": "vpc-a", "PrivateIpAddress": "10.20.1.11",
                   "Tags": [{"Key": "Name", "Value": "batch"}], "SecurityGroups": [{"GroupId": "sg-a"}],
                   "NetworkInterfaces": [{"NetworkInterfaceId": "eni-c", "SubnetId": "subnet-a",
                                          "PrivateIpAddress": "10.20.1.11", "Groups": [{"GroupId": "sg-a"}]}]},
                  {"InstanceId": "i-b",\
                """);
        CliTest.Run r = run("why", "sg:web", "ledger", "443", "--snapshot", withBatch.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "web-web#subnet-a -> ledger  tcp 443: REACHABLE over IPv4 only\n",
                        "  IPv6 BLOCKED no-link: no route from subnet-a towards ledger's IPv6 blocks",
                        "\nbatch -> ledger  tcp 443: REACHABLE over IPv4\n")
                .endsWith("\n2 of 2 pairs reachable.\n");
    }

    // The same over a transit gateway: tgw-1's table learns both VPCs' blocks of both families.

    static final String TGW_IPV4_ROUTE =
            ",\n              {\"DestinationCidrBlock\": \"10.0.0.0/8\", \"TransitGatewayId\": \"tgw-1\"}";
    static final String TGW_IPV6_ROUTE =
            ",\n              {\"DestinationIpv6CidrBlock\": \"2600:1f18::/32\", \"TransitGatewayId\": \"tgw-1\"}";

    @Test
    void transitGateway_routedForBothFamilies_isReachableOverIpv4AndIpv6() {
        CliTest.Run r = why(TRANSIT);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "web-web#subnet-a -> ledger  tcp 443: REACHABLE over IPv4 and IPv6\n",
                        "transit gateway tgw-1: route table tgw-rtb-1, 10.30.0.0/16 -> VPC attachment tgw-attach-b"
                                + " (propagated)",
                        "transit gateway tgw-1: route table tgw-rtb-1, 2600:1f18:0:b00::/56 -> VPC attachment"
                                + " tgw-attach-b (propagated)")
                .endsWith("\nReachable over IPv4 and IPv6.\n");
    }

    @Test
    void transitGateway_ipv4RoutesOnly_isReachableOverIpv4Only() throws IOException {
        CliTest.Run r = why(without(TRANSIT, "route-tables.json", TGW_IPV6_ROUTE));
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "web-web#subnet-a -> ledger  tcp 443: REACHABLE over IPv4 only\n",
                        "  IPv6 BLOCKED no-link: no route from subnet-a towards ledger's IPv6 blocks (none sends"
                                + " 2600:1f18:0:b01::/64 to a peering connection or transit gateway)\n")
                .endsWith("\nReachable over IPv4 only.\n");
    }

    /** Main answered "Blocked." here. */
    @Test
    void transitGateway_ipv6RoutesOnly_isReachableOverIpv6Only() throws IOException {
        CliTest.Run r = why(without(TRANSIT, "route-tables.json", TGW_IPV4_ROUTE));
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "web-web#subnet-a -> ledger  tcp 443: REACHABLE over IPv6 only\n",
                        "  IPv4 BLOCKED no-link: no route from subnet-a towards ledger's IPv4 blocks (none sends"
                                + " 10.30.1.0/24 to a peering connection or transit gateway)\n",
                        "Between the VPCs: transit gateway tgw-1, used both ways",
                        "transit gateway tgw-1: route table tgw-rtb-1, 2600:1f18:0:a00::/56 -> VPC attachment"
                                + " tgw-attach-a (propagated)")
                .endsWith("\nReachable over IPv6 only.\n");
    }

    @Test
    void transitGateway_aGroupAdmittingIpv6Only_isReachableOverIpv6Only() throws IOException {
        CliTest.Run r = why(without(TRANSIT, "groups.json", "\"IpRanges\": [{\"CidrIp\": \"10.20.0.0/16\"}],"));
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "web-web#subnet-a -> ledger  tcp 443: REACHABLE over IPv6 only\n",
                        "  IPv4 BLOCKED sg-ingress-denied: security group ledger-api")
                .endsWith("\nReachable over IPv6 only.\n");
    }

    /**
     * Without the attachments' options, whether IPv6 crosses is not told ("The setting does not filter IPv6 traffic":
     * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTransitGatewayVpcAttachmentRequestOptions.html):
     * with IPv4 routed the pair is reachable over IPv4 and IPv6 cannot tell (exit 0); with IPv4 not routed, it cannot
     * tell (exit 3), never blocked.
     */
    @Test
    void transitGateway_ipv6CannotTell_isSaid_andDecidesTheVerdictOnlyWhenIpv4DoesNotReach() throws IOException {
        String options = "\"Options\": {\"DnsSupport\": \"enable\", \"Ipv6Support\": \"enable\","
                + " \"ApplianceModeSupport\": \"disable\"}";
        Path unknown = edited(TRANSIT, "tgw-vpc-attachments.json", options, "\"Options\": {}");
        CliTest.Run r = why(unknown);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "web-web#subnet-a -> ledger  tcp 443: REACHABLE over IPv4\n",
                        "  IPv6 CANNOT TELL: IPv6 over VPC attachment tgw-attach-a, whose Options.Ipv6Support the"
                                + " input does not give")
                .endsWith("\nReachable over IPv4.\n");

        CliTest.Run v6 = why(without(unknown, "route-tables.json", TGW_IPV4_ROUTE));
        assertThat(v6.code()).as(v6.out() + v6.err()).isEqualTo(3);
        assertThat(v6.out())
                .contains(
                        "web-web#subnet-a -> ledger  tcp 443: CANNOT TELL over IPv6\n",
                        "  IPv4 BLOCKED no-link: no route from subnet-a towards ledger's IPv4 blocks",
                        "  IPv6 CANNOT TELL: ")
                .endsWith("\nCannot tell over IPv6.\n");
    }
}
