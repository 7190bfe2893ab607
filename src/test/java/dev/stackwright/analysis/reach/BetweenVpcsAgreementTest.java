package dev.stackwright.analysis.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.SnapshotFolders;
import dev.stackwright.importer.Imported;
import dev.stackwright.importer.cfn.TemplateImporter;
import dev.stackwright.importer.snapshot.Snapshot;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Network;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check}'s flows between VPCs ({@link BetweenVpcs}) agree with {@code why} ({@link CrossVpc#evaluate}, asked
 * as {@code why} asks it: fresh engines, one port): every row's verdict is {@code why}'s at the first and last port of
 * each of its ranges, and every pair of resources of two linked VPCs that {@code why} finds reachable, or cannot tell,
 * on a port is in a row with that verdict, and no row holds a pair {@code why} finds blocked. So the candidates
 * {@code check} asks about (from the destinations' inbound rules and the sources' outbound ones) leave out nothing that
 * gets through.
 */
class BetweenVpcsAgreementTest {
    private static final List<Integer> PORTS = List.of(1, 22, 53, 443, 5432, 8080, 65535);

    @TempDir
    Path dir;

    private static Imported snapshot(String dir) {
        Imported in = Snapshot.read(Path.of(dir));
        assertThat(in.hasErrors()).as(in.findings().toString()).isFalse();
        return in;
    }

    /** The tgw fixture with ledger's block sent to a VPN attachment: the way is cannot tell. */
    private Imported overVpn() throws IOException {
        Path copy = SnapshotFolders.copiedWithout(Path.of("src/test/resources/between/tgw"), dir.resolve("vpn"));
        Path routes = copy.resolve("tgw-routes-tgw-rtb-1.json");
        String text = Files.readString(routes);
        String edited = text.replace(
                "{\"DestinationCidrBlock\": \"10.30.0.0/16\", \"Type\": \"propagated\", \"State\": \"active\",\n"
                        + "   \"TransitGatewayAttachments\": [{\"TransitGatewayAttachmentId\": \"tgw-attach-b\","
                        + " \"ResourceId\": \"vpc-b\", \"ResourceType\": \"vpc\"}]}",
                "{\"DestinationCidrBlock\": \"10.30.0.0/16\", \"Type\": \"static\", \"State\": \"active\",\n"
                        + "   \"TransitGatewayAttachments\": [{\"TransitGatewayAttachmentId\": \"tgw-attach-vpn\","
                        + " \"ResourceType\": \"vpn\"}]}");
        assertThat(edited).as("the edit applies").isNotEqualTo(text);
        Files.writeString(routes, edited);
        return snapshot(copy.toString());
    }

    private List<Imported> inputs() throws IOException {
        List<Imported> out = new ArrayList<>();
        out.add(snapshot("src/test/resources/import/snapshot/peered-groups"));
        out.add(snapshot("src/test/resources/import/snapshot/peered-dual-stack"));
        out.add(snapshot("src/test/resources/import/snapshot/tgw-ipv6"));
        out.add(snapshot("src/test/resources/between/peered-db"));
        out.add(snapshot("src/test/resources/between/tgw"));
        out.add(overVpn());
        out.add(snapshot("src/test/resources/between/ipv6-peered"));
        out.add(snapshot("src/test/resources/between/tgw-peered"));
        out.add(template("src/test/resources/between/peered-db.yaml"));
        out.add(template("src/test/resources/between/ipv6-amazon.yaml"));
        return out;
    }

    private static Imported template(String file) {
        Imported template = TemplateImporter.read(Path.of(file), TemplateImporter.Options.defaults());
        assertThat(template.hasErrors()).as(template.findings().toString()).isFalse();
        return template;
    }

    private static Location.Resource at(Network n, Attachment a) {
        return new Reachability(n).locate(a).orElseThrow();
    }

    private static Verdict why(
            Imported in, Network from, Attachment s, Network to, Attachment d, Protocol p, long port) {
        return CrossVpc.evaluate(from, at(from, s), to, at(to, d), p, PortRange.of((int) port), in.transitGateways())
                .verdict();
    }

    @Test
    void everyRow_isWhatWhySays_atTheEndsOfEachOfItsRanges() throws IOException {
        int rows = 0;
        List<Verdict> seen = new ArrayList<>();
        for (Imported in : inputs()) {
            for (BetweenVpcs.Row row :
                    BetweenVpcs.of(in.networks(), in.transitGateways()).rows()) {
                rows++;
                seen.add(row.verdict());
                for (Interval i : row.ports().intervals()) {
                    for (long port : List.of(Math.max(1, i.lo()), i.hi())) {
                        assertThat(why(
                                        in,
                                        row.from(),
                                        row.sources().getFirst(),
                                        row.to(),
                                        row.destinations().getFirst(),
                                        row.protocol(),
                                        port))
                                .as("%s -> %s %s %d", row.sources(), row.destinations(), row.protocol(), port)
                                .isEqualTo(row.verdict());
                    }
                }
            }
        }
        assertThat(rows).as("the inputs have flows between VPCs to check").isGreaterThan(5);
        assertThat(seen).contains(Verdict.REACHABLE, Verdict.CANNOT_TELL);
    }

    @Test
    void everyPairWhyReaches_orCannotTell_isInARow_andNoBlockedOneIs() throws IOException {
        int reachable = 0;
        for (Imported in : inputs()) {
            BetweenVpcs between = BetweenVpcs.of(in.networks(), in.transitGateways());
            for (BetweenVpcs.Link link : between.links()) {
                for (Network[] ends : List.of(new Network[] {link.a(), link.b()}, new Network[] {link.b(), link.a()})) {
                    for (Attachment s : ends[0].attachments()) {
                        for (Attachment d : ends[1].attachments()) {
                            for (Protocol p : List.of(Protocol.TCP, Protocol.UDP)) {
                                for (int port : PORTS) {
                                    Verdict want = why(in, ends[0], s, ends[1], d, p, port);
                                    List<Verdict> listed = between.rows().stream()
                                            .filter(r -> r.protocol() == p
                                                    && r.ports().contains(port)
                                                    && r.sources().contains(s)
                                                    && r.destinations().contains(d))
                                            .map(BetweenVpcs.Row::verdict)
                                            .toList();
                                    String what = s.name() + " -> " + d.name() + " " + p.id() + " " + port;
                                    if (want == Verdict.BLOCKED) {
                                        assertThat(listed).as(what).isEmpty();
                                    } else {
                                        assertThat(listed).as(what).containsExactly(want);
                                        reachable++;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(reachable).isGreaterThan(10);
    }

    /**
     * "A VPC peering connection is a networking connection between two VPCs that enables you to route traffic between
     * them" (https://docs.aws.amazon.com/vpc/latest/peering/what-is-vpc-peering.html): VPCs that share no peering
     * connection or transit gateway have no way to each other, and check asks nothing about them.
     */
    @Test
    void vpcsThatNoLinkJoins_areNotAsked() {
        Imported in = snapshot("src/test/resources/between/tgw");
        BetweenVpcs between = BetweenVpcs.of(in.networks(), in.transitGateways());
        assertThat(between.links()).singleElement().satisfies(l -> {
            assertThat(l.a().stackName()).isEqualTo("shop");
            assertThat(l.b().stackName()).isEqualTo("ledger");
            assertThat(l.via()).containsExactly("transit gateway tgw-1");
        });
        // lab admits everything from 10.0.0.0/8, but routes nothing to the transit gateway.
        assertThat(between.rows())
                .noneMatch(r ->
                        r.from().stackName().equals("lab") || r.to().stackName().equals("lab"));
    }

    /**
     * A pair linked only by IPv6 routes (::/0 to the peering connection in one VPC, the other's /56 in the other) has
     * its flows listed: over IPv6, where the group admits shop's /56; its IPv4 rule admits a block no route carries.
     */
    @Test
    void vpcsLinkedByIpv6RoutesAlone_haveTheirFlowsListed() {
        Imported in = snapshot("src/test/resources/between/ipv6-peered");
        BetweenVpcs between = BetweenVpcs.of(in.networks(), in.transitGateways());
        assertThat(between.links())
                .singleElement()
                .satisfies(l -> assertThat(l.via()).containsExactly("peering pcx-6"));
        assertThat(between.rows())
                .extracting(r ->
                        r.protocol().id() + " " + Reachability.portList(r.ports()) + " " + r.verdict() + " " + r.via())
                .containsExactly("tcp 443 REACHABLE [peering pcx-6]", "udp 53 REACHABLE [peering pcx-6]");
        assertThat(between.rows())
                .as("batch has no IPv6 address, and IPv4 has no route: it reaches nothing")
                .allSatisfy(r ->
                        assertThat(r.sources()).extracting(Attachment::name).doesNotContain("batch"));
    }

    /**
     * "you must add a static route to the transit gateway route table that points to the transit gateway peering
     * attachment" (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-peering-add-route.html): shop routes to tgw-a and
     * ledger to tgw-b, whose tables send each other's block across their peering attachment.
     */
    @Test
    void vpcsBehindPeeredTransitGateways_haveTheirFlowsListed() {
        Imported in = snapshot("src/test/resources/between/tgw-peered");
        BetweenVpcs between = BetweenVpcs.of(in.networks(), in.transitGateways());
        assertThat(between.rows()).singleElement().satisfies(r -> {
            assertThat(r.from().stackName()).isEqualTo("shop");
            assertThat(Reachability.portList(r.ports())).isEqualTo("443, 5432");
            assertThat(r.verdict()).isEqualTo(Verdict.REACHABLE);
            assertThat(r.via()).containsExactly("transit gateways tgw-a and tgw-b (peered)");
        });
    }

    /**
     * IPv6 blocks that Amazon provides are not in a template, so where an IPv6 flow between two VPCs lands cannot be
     * told: the row is cannot tell, naming the block, never reachable or blocked.
     */
    @Test
    void ipv6BetweenAmazonProvidedBlocks_isCannotTell() {
        Imported in = template("src/test/resources/between/ipv6-amazon.yaml");
        BetweenVpcs between = BetweenVpcs.of(in.networks(), in.transitGateways());
        assertThat(between.links())
                .singleElement()
                .satisfies(l -> assertThat(l.via()).containsExactly("peering Peering"));
        assertThat(between.rows()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.verdict()).isEqualTo(Verdict.CANNOT_TELL);
            assertThat(r.unmodelled()).anySatisfy(u -> assertThat(u).contains("Amazon-provided, not in the input"));
        });
    }

    /**
     * {@code why} on such a flow says its legs' route verdicts rest on stand-in addresses: a leg's "BLOCKED
     * route-diverted" must not read as AWS's answer under the cannot-tell verdict.
     */
    @Test
    void whyOverAmazonProvidedBlocks_saysTheLegsRestOnStandIns() {
        dev.stackwright.cli.CliTest.Run why = dev.stackwright.cli.CliTest.run(
                "why", "--template", "src/test/resources/between/ipv6-amazon.yaml", "Web", "Api", "443");
        assertThat(why.out())
                .contains("Web -> Api  tcp 443: CANNOT TELL over IPv6")
                .contains("The IPv6 blocks these legs need are not in the input, so each leg places the other VPC at"
                        + " stand-in addresses: a route table it shows as blocking (route-diverted, asymmetric-return)"
                        + " is not AWS's answer, and the flow is cannot tell.")
                .endsWith("Cannot tell over IPv6.\n");
        // Before the legs, so it is read first.
        assertThat(why.out().indexOf("stand-in addresses")).isLessThan(why.out().indexOf("Leaving Shop"));
    }
}
