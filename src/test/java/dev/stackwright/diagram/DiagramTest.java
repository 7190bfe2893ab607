package dev.stackwright.diagram;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.Golden;
import dev.stackwright.Stackwright;
import dev.stackwright.cli.CliTest;
import dev.stackwright.cli.Main;
import dev.stackwright.importer.cfn.TemplateImporter;
import dev.stackwright.model.Network;
import dev.stackwright.model.Subnet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

/** {@code stackwright diagram}: golden SVGs of the examples, well-formed, deterministic, and no two boxes overlapping. */
class DiagramTest {
    static final String TWO_VPCS = "src/test/resources/import/cfn/two-vpcs.json";
    static final String SNAPSHOT = "src/test/resources/import/snapshot/good";

    @TempDir
    Path dir;

    static Stream<String> examples() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of("examples"))) {
            return dirs
                    .filter(d -> Files.exists(d.resolve("stackwright.yml")))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    private static String diagram(String... args) {
        List<String> all = new ArrayList<>(List.of("diagram"));
        all.addAll(List.of(args));
        CliTest.Run r = run(all.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        return r.out();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void diagram_example_matchesGolden_isWellFormed_andHasNoOverlaps(String example) throws IOException {
        String spec = "examples/" + example + "/stackwright.yml";
        String svg = diagram("-f", spec);
        Golden.assertMatches(example + "/diagram.svg", svg);
        assertThat(diagram("-f", spec)).as("same input, same bytes").isEqualTo(svg);
        assertThat(svg)
                .startsWith("<?xml")
                .contains("<!-- " + Diagram.GENERATED)
                .endsWith("</svg>\n")
                .doesNotContain("\r");
        Document doc = SvgBoxes.parse(svg);
        assertThat(doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title")
                        .getLength())
                .isPositive();
        assertThat(doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "desc")
                        .item(0)
                        .getTextContent())
                .contains("Flows proved by the analysis");
        assertThat(SvgBoxes.assertNoOverlaps(svg))
                .extracting(SvgBoxes.Box::kind)
                .contains("subnet", "chip", "label");
        // Readable at 100% on a laptop: three zones fit a 1440-pixel-wide screen without scrolling sideways.
        assertThat(Integer.parseInt(doc.getDocumentElement().getAttribute("width")))
                .isLessThanOrEqualTo(1440);
        for (Subnet s : Stackwright.plan(Path.of(spec)).network().subnets()) {
            assertThat(svg).contains(">" + s.name() + "<", s.cidr() + "  \u00b7  " + s.usableIps() + " usable");
        }
        // Nothing from outside the file: no image, font or style sheet is fetched.
        assertThat(svg).doesNotContain("<image", "@import", "@font-face", "href=\"http", "xlink:href");
    }

    @Test
    void diagram_arrowsComeFromTheAnalysis_frontDoorToAppToDatabase() {
        String svg = diagram("-f", "examples/prod-nat-instances/stackwright.yml");
        assertThat(svg)
                .contains(
                        "internet \u2192 public",
                        "tcp 80, 443",
                        "public \u2192 app",
                        "tcp 8080",
                        "app \u2192 data",
                        "tcp 5432");
        // The analysis, not the spec: the data tier reaches nothing on the internet, so no arrow leaves it.
        assertThat(svg).doesNotContain("data \u2192 internet");
    }

    /** A dual-stack network shows its IPv6 side as it shows IPv4: the VPC's block, each subnet's, and where ::/0 goes. */
    @Test
    void diagram_dualStack_showsIpv6BlocksTheEgressOnlyGatewayAndTheRoutesPerTier() {
        String svg = diagram("-f", "examples/staging-dual-stack/stackwright.yml");
        assertThat(svg)
                .contains(
                        ">VPC 10.1.0.0/16  IPv6 Amazon-provided /56<",
                        ">IPv6 /64 #0 of the VPC's /56<",
                        ">IPv6 /64 #17 of the VPC's /56<",
                        ">IPv6 /64 #33 of the VPC's /56<",
                        ">routes to 0.0.0.0/0, ::/0<",
                        "<title>Internet gateway: 0.0.0.0/0, and ::/0 from the public tier</title>",
                        ">Egress-only gateway<",
                        ">::/0 from the app tier<",
                        "dual stack, IPv6 Amazon-provided /56, ::/0 from the public tier to the internet gateway, "
                                + "::/0 from the app tier to the egress-only internet gateway.");
        assertThat(svg.split(">IPv6 /64 #", -1)).as("one IPv6 line per subnet").hasSize(7);
        // The IPv4-only picture is unchanged: no IPv6 line, and subnets keep their height.
        String v4 = diagram("-f", "examples/staging-gateway-bastion/stackwright.yml");
        assertThat(v4).doesNotContain("IPv6", "::/0", "Egress-only").contains(">route to 0.0.0.0/0<");
    }

    /** Ports open to everyone and ports open to an office range are separate arrows, so neither is mislabelled. */
    @Test
    void diagram_internetArrows_areSplitBySources() {
        String svg = diagram("-f", "examples/staging-gateway-bastion/stackwright.yml");
        assertThat(svg).contains(">tcp 80<", ">tcp 22 from 203.0.113.0/24<").doesNotContain("tcp 22, 80");
    }

    /** The picture in the README and docs is this example's golden: regenerating the golden shows when it is stale. */
    @Test
    void docsPicture_isTheGoldenOfItsExample() throws IOException {
        assertThat(Files.readString(Path.of("docs/images/staging-gateway-bastion.svg")))
                .as("docs/images/staging-gateway-bastion.svg is stale: run ./stackwright diagram -f "
                        + "examples/staging-gateway-bastion/stackwright.yml -o docs/images/staging-gateway-bastion.svg")
                .isEqualTo(Files.readString(Golden.ROOT.resolve("staging-gateway-bastion/diagram.svg")));
    }

    @Test
    void diagram_openToTheWorld_isDrawnAsAWarning() throws IOException {
        // The spec refuses a bastion open to the world; an imported template may have one, and the picture shows it.
        Path template = dir.resolve("open.json");
        Files.writeString(
                template,
                Files.readString(Golden.ROOT.resolve("staging-gateway-bastion/network.template.json"))
                        .replace("203.0.113.0/24", "0.0.0.0/0"));
        String open = diagram("--template", template.toString());
        assertThat(open).contains("class=\"flow-warning\"", "class=\"chip chip-warning\"", "open to the world");
        String safe = diagram(
                "--template",
                Golden.ROOT
                        .resolve("staging-gateway-bastion/network.template.json")
                        .toString());
        assertThat(safe).doesNotContain("class=\"flow-warning\"", "class=\"chip chip-warning\"");
    }

    @Test
    void diagram_ofATemplateWithTwoVpcs_drawsBoth_andVpcPicksOne() {
        String both = diagram("--template", TWO_VPCS);
        SvgBoxes.assertNoOverlaps(both);
        assertThat(both).contains("Blue  VPC", "Green  VPC");
        String blue = diagram("--template", TWO_VPCS, "--vpc", "Blue");
        assertThat(blue).contains("Blue  VPC").doesNotContain("Green  VPC");
        SvgBoxes.assertNoOverlaps(blue);
    }

    /** A peering connection between two VPCs of the input names the VPC at its other end in each drawing. */
    @Test
    void diagram_ofPeeredVpcs_namesThePeerOfEachPeeringConnection() {
        String svg = diagram("--snapshot", "src/test/resources/import/snapshot/peered-dual-stack");
        SvgBoxes.assertNoOverlaps(svg);
        assertThat(svg).contains("to VPC ledger", "to VPC shop").doesNotContain("to another VPC");
        String one = diagram("--snapshot", "src/test/resources/import/snapshot/peered-dual-stack", "--vpc", "shop");
        assertThat(one).as("the peer is not drawn, so not named").contains("to another VPC");
    }

    /**
     * The diagram reads links as check does: a peering connection that only IPv6 routes use ("you can add a route to
     * your route table that points to the IPv6 CIDR block of the peer VPC",
     * https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html) is drawn with its peer, and a transit
     * gateway names the VPC behind the gateway it is peered with.
     */
    @Test
    void diagram_drawsIpv6OnlyPeering_andVpcsBehindPeeredTransitGateways() {
        String ipv6 = diagram("--snapshot", "src/test/resources/between/ipv6-peered");
        SvgBoxes.assertNoOverlaps(ipv6);
        assertThat(ipv6).contains("Peering pcx-6", "to VPC ledger", "to VPC shop");
        String tgw = diagram("--snapshot", "src/test/resources/between/tgw-peered");
        SvgBoxes.assertNoOverlaps(tgw);
        assertThat(tgw)
                .contains(
                        "Transit gateway tgw-a: to VPC ledger (transit gateways tgw-a and tgw-b (peered))",
                        "Transit gateway tgw-b: to VPC shop (transit gateways tgw-b and tgw-a (peered))")
                .doesNotContain("to other networks");
    }

    @Test
    void diagram_unknownVpc_isAnInputError_withASuggestion() {
        CliTest.Run r = run("diagram", "--template", TWO_VPCS, "--vpc", "Bleu");
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err())
                .contains("--vpc: `Bleu` is not a VPC of the input", "did you mean `Blue`?")
                .doesNotContain("Exception");
    }

    @Test
    void diagram_ofASnapshot_isDrawn() {
        String svg = diagram("--snapshot", SNAPSHOT);
        SvgBoxes.assertNoOverlaps(svg);
        assertThat(svg).contains("class=\"subnet\"", "class=\"chip");
    }

    /**
     * A generated template at the size the layout promises to draw one by one: 3 zones, 3 tiers, 20 resources in
     * every subnet (the planned ones plus network interfaces), and past it, where a subnet is summarised.
     */
    @Test
    void diagram_threeZonesThreeTiersTwentyResources_hasNoOverlaps_andMoreIsSummarised() throws IOException {
        Path full = generated(20);
        String svg = diagram("--template", full.toString());
        List<SvgBoxes.Box> boxes = SvgBoxes.assertNoOverlaps(svg);
        assertThat(boxes.stream().filter(b -> b.kind().equals("subnet")).count())
                .isEqualTo(9);
        assertThat(boxes.stream().filter(b -> b.kind().equals("chip")).count()).isEqualTo(9 * 20);

        String summarised = diagram("--template", generated(25).toString());
        SvgBoxes.assertNoOverlaps(summarised);
        assertThat(summarised).contains("\u00d7 network interface");
        assertThat(SvgBoxes.boxes(SvgBoxes.parse(summarised)).stream()
                        .filter(b -> b.kind().equals("chip"))
                        .count())
                .isLessThan(9 * 20);
    }

    /** The prod example's network template with network interfaces added until every subnet holds {@code perSubnet}. */
    private Path generated(int perSubnet) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode template = (ObjectNode) json.readTree(
                Golden.ROOT.resolve("prod-nat-instances/network.template.json").toFile());
        ObjectNode resources = (ObjectNode) template.get("Resources");
        Network imported = TemplateImporter.read(
                        Golden.ROOT.resolve("prod-nat-instances/network.template.json"),
                        new TemplateImporter.Options("us-east-1", Map.of(), Map.of()))
                .networks()
                .getFirst();
        List<String> subnets = new ArrayList<>();
        String group = null;
        for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e : resources.properties()) {
            String type = e.getValue().path("Type").asText();
            if (type.equals("AWS::EC2::Subnet")) {
                subnets.add(e.getKey());
            } else if (type.equals("AWS::EC2::SecurityGroup") && group == null) {
                group = e.getKey();
            }
        }
        assertThat(subnets).hasSize(9);
        for (String subnet : subnets) {
            String cidr =
                    resources.get(subnet).path("Properties").path("CidrBlock").asText();
            long already = imported.subnets().stream()
                    .filter(s -> s.cidr().toString().equals(cidr))
                    .mapToLong(s -> imported.attachmentsIn(s.name()).size())
                    .sum();
            for (int i = 0; i < perSubnet - already; i++) {
                ObjectNode eni = resources.putObject(subnet + "Eni" + i);
                eni.put("Type", "AWS::EC2::NetworkInterface");
                ObjectNode props = eni.putObject("Properties");
                props.putObject("SubnetId").put("Ref", subnet);
                ArrayNode groups = props.putArray("GroupSet");
                groups.addObject().put("Ref", group);
            }
        }
        Path file = dir.resolve("generated-" + perSubnet + ".json");
        json.writeValue(file.toFile(), template);
        return file;
    }

    @Test
    void diagram_output_replacesOnlyItsOwnFiles_unlessForced() throws IOException {
        String spec = "examples/dev-isolated/stackwright.yml";
        Path out = dir.resolve("net.svg");
        CliTest.Run first = run("diagram", "-f", spec, "-o", out.toString());
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(Files.readString(out)).contains(Diagram.GENERATED);
        Files.writeString(out, Files.readString(out).replace("10.0.", "10.9."));
        CliTest.Run again = run("diagram", "-f", spec, "-o", out.toString());
        assertThat(again.code()).as("our own file is replaced: " + again.err()).isZero();
        assertThat(Files.readString(out)).doesNotContain("10.9.");

        Path mine = dir.resolve("mine.svg");
        Files.writeString(mine, "<svg>my hand-drawn picture</svg>\n");
        CliTest.Run refused = run("diagram", "-f", spec, "-o", mine.toString());
        assertThat(refused.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(refused.err())
                .contains(mine + ":1:1: -o: exists and was not written by Stackwright", "--force")
                .doesNotContain("Exception");
        assertThat(Files.readString(mine)).isEqualTo("<svg>my hand-drawn picture</svg>\n");
        CliTest.Run forced = run("diagram", "-f", spec, "-o", mine.toString(), "--force");
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(Files.readString(mine)).contains(Diagram.GENERATED);
    }

    @Test
    void diagram_badInput_failsAsCheckDoes() throws IOException {
        CliTest.Run missing =
                run("diagram", "--template", dir.resolve("nope.json").toString());
        assertThat(missing.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(missing.err()).contains("nope.json", "there is no such file");

        Path bad = dir.resolve("stackwright.yml");
        Files.writeString(bad, "name: shop\nnetwork:\n  azs: 9\n");
        CliTest.Run spec = run("diagram", "-f", bad.toString());
        assertThat(spec.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(spec.err()).contains("stackwright.yml:3:8: network.azs").doesNotContain("Exception");

        Path noVpc = dir.resolve("no-vpc.json");
        Files.writeString(noVpc, "{\"Resources\": {\"Topic\": {\"Type\": \"AWS::SNS::Topic\"}}}\n");
        CliTest.Run none = run("diagram", "--template", noVpc.toString());
        assertThat(none.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(none.err())
                .contains("no-vpc.json", "declares no AWS::EC2::VPC, so there is no network to analyse")
                .doesNotContain("Exception");
    }
}
