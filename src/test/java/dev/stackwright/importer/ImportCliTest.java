package dev.stackwright.importer;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stackwright.bench.SnapshotWriter;
import dev.stackwright.bench.SyntheticAccount;
import dev.stackwright.cli.CliTest;
import dev.stackwright.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} and {@code why} over a template and a snapshot, through the command line. */
class ImportCliTest {
    static final String SHORT_FORMS = "src/test/resources/import/cfn/short-forms.yaml";
    static final String TWO_VPCS = "src/test/resources/import/cfn/two-vpcs.json";
    static final String GOOD = "src/test/resources/import/snapshot/good";
    static final String BROKEN = "src/test/resources/import/snapshot/broken";

    @TempDir
    Path dir;

    @Test
    void checkTemplate_generatedByStackwright_passes() throws IOException {
        CliTest.Run synth = run(
                "synth", "-f", "examples/prod-nat-instances/stackwright.yml", "-o", dir.toString(), "--format", "json");
        assertThat(synth.code()).as(synth.err()).isZero();
        Path template;
        try (var files = Files.list(dir)) {
            template = files.filter(f -> f.toString().endsWith("-network.template.json"))
                    .findFirst()
                    .orElseThrow();
        }
        CliTest.Run r = run("check", "--template", template.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("1 VPC", "=== VPC Vpc (1 of 1) ===", "Policy (built-in): passed", "The VPC passed.");
    }

    @Test
    void checkTemplate_listsImportFindings_andAWarningDoesNotFail() {
        CliTest.Run r = run("check", "--template", SHORT_FORMS, "--region", "eu-west-1");
        assertThat(r.out())
                .contains("Import findings", "Resources.Mystery.Properties.CidrBlock", "=== VPC Vpc (1 of 1) ===");
        assertThat(r.out()).doesNotContain("import error");
    }

    @Test
    void checkTemplate_withTwoVpcs_hasASectionPerVpc_andFailsWhenOneFails() {
        CliTest.Run r = run("check", "--template", TWO_VPCS);
        assertThat(r.out()).contains("2 VPCs", "=== VPC Blue (1 of 2) ===", "=== VPC Green (2 of 2) ===");
        assertThat(r.out()).contains("Resources.GreenToNowhere.Properties.NatGatewayId");
        assertThat(r.code()).isEqualTo(r.out().contains("Check failed") ? Main.INPUT_PROBLEM : Main.OK);
    }

    @Test
    void checkSnapshot_json_carriesImportFindings_andEveryVpc() throws IOException {
        CliTest.Run r = run("check", "--snapshot", GOOD, "--format", "json");
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.path("vpcs")).hasSize(1);
        assertThat(json.path("vpcs").get(0).path("stackName").asText()).isEqualTo("shop-prod");
        assertThat(json.path("importFindings").findValuesAsText("code")).contains("unknown-key", "dangling-reference");
        assertThat(json.path("importFindings").get(0).path("line").asInt()).isPositive();
        assertThat(json.path("passed").asBoolean()).isEqualTo(r.code() == Main.OK);
    }

    @Test
    void checkSnapshot_withAMalformedFile_exitsOne_butAnalysesTheRest() {
        CliTest.Run r = run("check", "--snapshot", BROKEN);
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.out()).contains("this is not valid JSON", "=== VPC shop-prod (1 of 1) ===", "import error");
    }

    @Test
    void checkTemplate_sarif_locatesResultsInTheTemplate() throws IOException {
        CliTest.Run r = run("check", "--template", SHORT_FORMS, "--format", "sarif");
        JsonNode json = new ObjectMapper().readTree(r.out());
        JsonNode results = json.path("runs").get(0).path("results");
        assertThat(results.size()).isPositive();
        JsonNode imported = null;
        for (JsonNode result : results) {
            if (result.path("ruleId").asText().equals("import")) {
                imported = result;
            }
            assertThat(result.path("locations")
                            .get(0)
                            .path("physicalLocation")
                            .path("artifactLocation")
                            .path("uri")
                            .asText())
                    .isEqualTo(SHORT_FORMS);
        }
        assertThat(imported).isNotNull();
        assertThat(imported.path("locations")
                        .get(0)
                        .path("physicalLocation")
                        .path("region")
                        .path("startLine")
                        .asInt())
                .isGreaterThan(1);
    }

    /**
     * A template says what AWS will have, not what anyone meant: even a VPC tagged as dev (by hand and by Stackwright's
     * own stack tag) is checked with its environment unknown, and the rule that depends on it says so.
     */
    @Test
    void checkTemplate_hasNoIntent_soTheEnvironmentIsUnknown_notReadFromTags_norTakenForProdSilently()
            throws IOException {
        Path template = Files.writeString(dir.resolve("dev.yaml"), """
                Resources:
                  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.2.0.0/16, Tags: [{Key: Environment, Value: dev}, {Key: 'stackwright:stack', Value: shop-dev}]}}
                  Igw: {Type: AWS::EC2::InternetGateway}
                  Attach: {Type: AWS::EC2::VPCGatewayAttachment, Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}}
                  Public: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref Vpc}}
                  Out: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref Public, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw}}
                  PublicA: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.2.0.0/24}}
                  PublicAssoc: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref PublicA, RouteTableId: !Ref Public}}
                  Lb: {Type: AWS::ElasticLoadBalancingV2::LoadBalancer, Properties: {Scheme: internet-facing, Subnets: [!Ref PublicA]}}
                  Http: {Type: AWS::ElasticLoadBalancingV2::Listener, Properties: {LoadBalancerArn: !Ref Lb, Port: 80, Protocol: HTTP, DefaultActions: [{Type: forward, TargetGroupArn: tg}]}}
                """);
        CliTest.Run r = run("check", "--template", template.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.out())
                .contains(
                        "SW015 error  load balancer Lb",
                        "(the environment is not known for an imported network, so this is judged as in prod)");
        assertThat(r.out()).doesNotContain("SW015 warning");
    }

    @Test
    void notATemplate_exitsOne_withTheReason() throws IOException {
        Path file = Files.writeString(dir.resolve("stackwright.yml"), "name: shop\n");
        CliTest.Run r = run("check", "--template", file.toString());
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err()).contains("not a CloudFormation template", "1 problem found.");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void twoInputs_areAUsageError() {
        CliTest.Run r = run("check", "--template", SHORT_FORMS, "--snapshot", GOOD);
        assertThat(r.code()).isEqualTo(Main.USAGE);
        assertThat(r.err()).contains("mutually exclusive");
        assertThat(run("why", "internet", "web", "443", "-f", "x.yml", "--snapshot", GOOD)
                        .code())
                .isEqualTo(Main.USAGE);
    }

    @Test
    void whySnapshot_answersHopByHop() {
        CliTest.Run r = run("why", "internet", "web", "443", "--snapshot", GOOD);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("web");
        assertThat(r.out().toLowerCase(java.util.Locale.ROOT)).contains("reachable");
        assertThat(r.err()).contains("warning:");
    }

    @Test
    void whyTemplate_withSeveralVpcs_picksTheOneWithBothEnds_orAsksForVpc() {
        CliTest.Run r = run("why", "BlueFn", "BlueDb", "5432", "--template", TWO_VPCS);
        assertThat(r.code()).as(r.err()).isZero();
        CliTest.Run ambiguous = run("why", "internet", "10.0.0.0/8", "443", "--template", TWO_VPCS);
        assertThat(ambiguous.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(ambiguous.err()).contains("2 VPCs", "--vpc");
        CliTest.Run named = run("why", "BlueFn", "BlueDb", "5432", "--template", TWO_VPCS, "--vpc", "Blu");
        assertThat(named.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(named.err()).contains("did you mean `Blue`?");
    }

    /**
     * One end outside every VPC (the internet), the other a resource of one VPC: that VPC, without --vpc. Before, the
     * command asked for --vpc and suggested the first VPC of the input, whichever held the resource.
     */
    @Test
    void whyTemplate_withSeveralVpcs_theInternetAndAResource_picksTheResourcesVpc() {
        CliTest.Run in = run("why", "internet", "GreenBox", "22", "--template", TWO_VPCS);
        assertThat(in.err()).doesNotContain("--vpc");
        assertThat(in.out()).startsWith("why internet -> GreenBox (tcp 22)");
        CliTest.Run out = run("why", "BlueDb", "internet", "443", "--template", TWO_VPCS);
        assertThat(out.err()).doesNotContain("--vpc");
        assertThat(out.out()).startsWith("why BlueDb -> internet (tcp 443)");
    }

    /** A name no VPC has: --vpc would not help, so the error says so and suggests the closest name of any VPC. */
    @Test
    void whyTemplate_withSeveralVpcs_aNameNoVpcHas_isSaidSo_notAskedToNameAVpc() {
        CliTest.Run r = run("why", "BlueFn", "BlueDbb", "5432", "--template", TWO_VPCS);
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err())
                .contains(
                        "DST: `BlueDbb` is not a resource, security group, subnet, tier or service of any VPC of the"
                                + " input",
                        "did you mean `BlueDb` (in Blue)?",
                        "1 problem found.")
                .doesNotContain("--vpc", "SRC:", "Exception");
        CliTest.Run both = run("why", "Nobody", "BlueDbb", "5432", "--template", TWO_VPCS);
        assertThat(both.err()).contains("SRC: `Nobody`", "DST: `BlueDbb`", "2 problems found.");
    }

    @Test
    void fixes_nameTheSnapshot_inTheirWhyCommands() throws IOException {
        // A small synthetic account: its clutter rules break the built-in policy, so fixes suggest why commands.
        Path snapshot = Files.createDirectories(dir.resolve("account"));
        SnapshotWriter.write(SyntheticAccount.account(1, 100, 200, 3), snapshot);
        CliTest.Run r = run("check", "--snapshot", snapshot.toString());
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.out())
                .contains("`stackwright why ")
                .doesNotContainPattern("`stackwright why [^`]*[0-9]` shows")
                .containsPattern("`stackwright why [^`]* --snapshot " + snapshot + "` shows");
        // And the hint runs as written.
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "`stackwright why ([^ ]+) ([^ ]+) ([0-9]+) --snapshot")
                .matcher(r.out());
        assertThat(m.find()).isTrue();
        CliTest.Run why = run("why", m.group(1), m.group(2), m.group(3), "--snapshot", snapshot.toString());
        assertThat(why.code()).as(why.err()).isZero();
        assertThat(why.out()).contains(m.group(1) + " -> " + m.group(2));
    }
}
