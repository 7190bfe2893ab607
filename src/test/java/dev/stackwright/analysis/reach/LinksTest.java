package dev.stackwright.analysis.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.SnapshotFolders;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.Lint;
import dev.stackwright.analysis.lint.LintContext;
import dev.stackwright.importer.Imported;
import dev.stackwright.importer.snapshot.Snapshot;
import dev.stackwright.model.Network;
import dev.stackwright.model.RouteTarget;
import dev.stackwright.model.TransitGateways;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which VPCs of an input are linked, read once ({@link Links}) for check's flows between VPCs, the lint rules and the
 * diagram: IPv6 routes count, and so do two transit gateways that a peering attachment connects.
 */
class LinksTest {
    @TempDir
    Path dir;

    private static Imported snapshot(Path dir) {
        Imported in = Snapshot.read(dir);
        assertThat(in.hasErrors()).as(in.findings().toString()).isFalse();
        return in;
    }

    private static Imported snapshot(String dir) {
        return snapshot(Path.of(dir));
    }

    private static Network vpc(Imported in, String name) {
        return in.networks().stream()
                .filter(n -> n.stackName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** A copy of a fixture with one text of one file replaced. */
    private Path edited(String fixture, String file, String from, String to) throws IOException {
        return SnapshotFolders.edited(Path.of(fixture), Files.createTempDirectory(dir, file), file, from, to);
    }

    /**
     * "If you have a VPC peering connection between VPCs that have associated IPv6 CIDR blocks, you can add a route to
     * your route table that points to the IPv6 CIDR block of the peer VPC"
     * (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html): VPCs whose only routes to a peering
     * connection are IPv6 ones (::/0 in one, the other's /56 in the other) are linked by it.
     */
    @Test
    void ipv6RoutesAlone_linkTwoVpcs() {
        Imported in = snapshot("src/test/resources/between/ipv6-peered");
        Network shop = vpc(in, "shop");
        Network ledger = vpc(in, "ledger");
        assertThat(shop.routeTables())
                .as("no IPv4 route leads to the peering connection")
                .allSatisfy(t -> assertThat(t.routes()).noneMatch(r -> Links.isLink(r.target())));
        assertThat(Links.targets(shop)).containsExactly(new RouteTarget.Peering("pcx-6"));
        assertThat(Links.names(ledger)).containsExactly("peering pcx-6");
        assertThat(Links.joins(shop, ledger, in.transitGateways()))
                .extracting(Links.Join::name)
                .containsExactly("peering pcx-6");
        assertThat(Links.pairs(in.networks(), in.transitGateways()))
                .singleElement()
                .satisfies(l -> assertThat(l.via()).containsExactly("peering pcx-6"));
    }

    /**
     * "you must add a static route to the transit gateway route table that points to the transit gateway peering
     * attachment" (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-peering-add-route.html): a VPC routing to one
     * gateway and a VPC routing to another, peered with it, are linked through both, and named so.
     */
    @Test
    void vpcsBehindPeeredTransitGateways_areLinked_andNamedByBothGateways() {
        Imported in = snapshot("src/test/resources/between/tgw-peered");
        Network shop = vpc(in, "shop");
        Network ledger = vpc(in, "ledger");
        assertThat(Links.joins(shop, ledger, in.transitGateways()))
                .singleElement()
                .isEqualTo(new Links.Join(
                        "transit gateways tgw-a and tgw-b (peered)",
                        new RouteTarget.TransitGateway("tgw-a"),
                        new RouteTarget.TransitGateway("tgw-b")));
        assertThat(Links.joins(ledger, shop, in.transitGateways()))
                .extracting(Links.Join::name)
                .containsExactly("transit gateways tgw-b and tgw-a (peered)");
        assertThat(Links.joins(shop, ledger, TransitGateways.NONE))
                .as("without the input's gateways nothing says they are peered")
                .isEmpty();
    }

    @Test
    void gatewaysWithoutAPeeringAttachment_doNotLinkTheirVpcs() throws IOException {
        Path copy = edited(
                "src/test/resources/between/tgw-peered",
                "tgw-peering-attachments.json",
                "\"TransitGatewayId\": \"tgw-b\"",
                "\"TransitGatewayId\": \"tgw-c\"");
        Imported in = snapshot(copy);
        assertThat(Links.pairs(in.networks(), in.transitGateways())).isEmpty();
        assertThat(BetweenVpcs.of(in.networks(), in.transitGateways()).rows()).isEmpty();
    }

    /** Gateways peered through a third are linked too, as a flow crosses them ({@link TransitPath}). */
    @Test
    void gatewaysPeeredThroughAThird_nameIt() throws IOException {
        Path copy = edited(
                "src/test/resources/between/tgw-peered",
                "tgw-peering-attachments.json",
                "\"Status\": {\"Code\": \"available\", \"Message\": \"Available\"}, \"State\": \"available\"}]}",
                "\"State\": \"available\"},\n"
                        + "  {\"TransitGatewayAttachmentId\": \"tgw-attach-peer-2\","
                        + " \"RequesterTgwInfo\": {\"TransitGatewayId\": \"tgw-b\"},"
                        + " \"AccepterTgwInfo\": {\"TransitGatewayId\": \"tgw-z\"}, \"State\": \"available\"}]}");
        Path moved = edited(
                copy.toString(),
                "route-tables.json",
                "\"TransitGatewayId\": \"tgw-b\"",
                "\"TransitGatewayId\": \"tgw-z\"");
        Imported in = snapshot(moved);
        assertThat(Links.joins(vpc(in, "shop"), vpc(in, "ledger"), in.transitGateways()))
                .extracting(Links.Join::name)
                .containsExactly("transit gateways tgw-a and tgw-z (peered through tgw-b)");
    }

    /**
     * SW012 reads the same links: two overlapping VPCs behind peered transit gateways are connected. "You cannot create
     * a VPC peering connection between VPCs that have matching or overlapping IPv4 or IPv6 CIDR blocks"
     * (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html); a transit gateway cannot route to both.
     */
    @Test
    void connectedVpcsOverlap_seesVpcsBehindPeeredGateways() throws IOException {
        Path copy = edited(
                "src/test/resources/between/tgw-peered",
                "vpcs.json",
                "\"CidrBlock\": \"10.30.0.0/16\"",
                "\"CidrBlock\": \"10.20.0.0/16\"");
        Imported in = snapshot(edited(
                copy.toString(), "subnets.json", "\"CidrBlock\": \"10.30.1.0/24\"", "\"CidrBlock\": \"10.20.2.0/24\""));
        Network shop = vpc(in, "shop");
        Network ledger = vpc(in, "ledger");
        List<Finding> peered = sw012(shop, ledger, in.transitGateways());
        assertThat(peered)
                .singleElement()
                .satisfies(f -> assertThat(f.message())
                        .contains("overlaps ledger's 10.20.0.0/16", "transit gateways tgw-a and tgw-b (peered)"));
        assertThat(sw012(shop, ledger, TransitGateways.NONE)).isEmpty();
    }

    private static List<Finding> sw012(Network n, Network other, TransitGateways transit) {
        return Lint.run(new LintContext(
                        n,
                        Optional.empty(),
                        new Reachability(n, transit),
                        OptionalInt.empty(),
                        List.of(LintContext.Sibling.imported(other))))
                .stream()
                .filter(f -> f.id().equals("SW012"))
                .toList();
    }
}
