package dev.stackwright.cost;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stackwright.cli.CliTest;
import dev.stackwright.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stackwright cost} through picocli with captured streams: results on stdout, problems on stderr. */
class CostCommandTest {
    @TempDir
    Path dir;

    private Path spec(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void help_listsCost_andItsOptions() {
        assertThat(run("--help").out()).contains("cost");
        assertThat(run("cost", "--help").out()).contains("--format", "--compare", "--prices", "docs/cost.md");
    }

    @Test
    void text_showsTrafficBreakdownAlternativesAndTotal() throws IOException {
        CliTest.Run r = run(
                "cost",
                "-f",
                spec("stackwright.yml", "name: shop\nenvironment: prod\n").toString());
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .startsWith("shop-prod  us-east-1  $")
                .contains(
                        "Traffic (* = assumed",
                        "Breakdown",
                        "NAT instance t4g.nano",
                        "1 address x 730 h x $0.005 = $3.65",
                        "public subtotal",
                        "Free tier (not subtracted",
                        "Ways out of the app tier",
                        "nat: gateway-per-az",
                        "Interface endpoint or NAT, per service",
                        "Assumed");
    }

    @Test
    void json_isParseable_withExactAmounts() throws IOException {
        CliTest.Run r = run(
                "cost",
                "--format",
                "json",
                "-f",
                spec("stackwright.yml", "name: shop\nnetwork: {nat: gateway}\n").toString());
        assertThat(r.code()).isZero();
        JsonNode cost = new ObjectMapper().readTree(r.out());
        assertThat(cost.path("stackName").asText()).isEqualTo("shop-dev");
        assertThat(cost.path("prices").path("version").asText())
                .isEqualTo(PriceBookTest.BOOK.version())
                .matches("\\d{4}-\\d{2}-\\d{2}");
        JsonNode nat = cost.path("lines").findValues("item").stream()
                .filter(i -> i.asText().equals("NAT gateway"))
                .findFirst()
                .orElseThrow();
        assertThat(nat).isNotNull();
        assertThat(cost.path("lines").get(1).path("monthly").decimalValue()).isEqualByComparingTo("32.85");
        assertThat(cost.path("alternatives").get(0).path("plan").asBoolean()).isTrue();
        assertThat(cost.path("traffic").path("assumed")).hasSize(11);
        // Every unit price used can be traced to its book entry: the AWS page, the day read, how it was confirmed.
        JsonNode natSource = cost.path("priceSources").path("nat-gateway.hour");
        assertThat(natSource.path("source").asText()).isEqualTo("https://aws.amazon.com/vpc/pricing/");
        assertThat(natSource.path("confidence").asText()).isIn("aws-page", "secondary");
        assertThat(natSource.path("read").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
        List<String> used = cost.path("lines").findValues("priceKey").stream()
                .map(JsonNode::asText)
                .distinct()
                .sorted()
                .toList();
        List<String> sourced = new java.util.ArrayList<>();
        cost.path("priceSources").fieldNames().forEachRemaining(sourced::add);
        assertThat(sourced).isSorted().isSubsetOf(used);
        assertThat(cost.path("freeTiers").get(0).path("subtracted").asBoolean()).isFalse();
    }

    @Test
    void sameSpecTwice_sameBytes() throws IOException {
        Path file = spec(
                "stackwright.yml",
                "name: shop\nenvironment: staging\nnetwork: {nat: regional-gateway, endpoints: [logs, sts]}\n");
        assertThat(run("cost", "-f", file.toString()).out())
                .isEqualTo(run("cost", "-f", file.toString()).out());
        assertThat(run("cost", "--format", "json", "-f", file.toString()).out())
                .isEqualTo(
                        run("cost", "--format", "json", "-f", file.toString()).out());
    }

    @Test
    void regionWithoutAPriceBook_exitsOne_sayingHowToAddIt() throws IOException {
        Path file = spec("stackwright.yml", "name: shop\nregion: ap-southeast-2\n");
        CliTest.Run r = run("cost", "-f", file.toString());
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .contains(
                        file + ":2:9: region: has no price book",
                        "stackwright-prices/ap-southeast-2.json",
                        "--prices FILE",
                        "1 problem found.")
                .doesNotContain("Exception");
    }

    @Test
    void pricesOption_usesTheGivenBook_andWarnsWhenItIsForAnotherRegion() throws IOException {
        Path book = dir.resolve("cheap.json");
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode)
                json.readTree(Path.of("src/main/resources/dev/stackwright/cost/prices/us-east-1.json")
                        .toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree.path("prices").path("nat-gateway.hour"))
                .put("price", 0.1);
        json.writeValue(book.toFile(), tree);
        Path file = spec("stackwright.yml", "name: shop\nregion: eu-west-1\nnetwork: {nat: gateway}\n");
        CliTest.Run r = run("cost", "-f", file.toString(), "--prices", book.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("730 h x $0.10 = $73.00");
        assertThat(r.err()).contains("warning: the prices are us-east-1's but the stack deploys to eu-west-1");
    }

    @Test
    void badPricesFile_exitsOne_withTheProblemLocated() throws IOException {
        Path book = dir.resolve("bad.json");
        Files.writeString(book, """
                                {
                                  "region": "us-east-1",
                                  "version": "2026-11-22",
                                  "currency": "USD",
                                  "hoursPerMonth": {"value": 0},
                                  "prices": {}
                                }
                                """);
        CliTest.Run r =
                run("cost", "-f", spec("stackwright.yml", "name: shop\n").toString(), "--prices", book.toString());
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err()).contains(book + ":5:30: hoursPerMonth.value: must be a number above 0 (got `0`)");
    }

    @Test
    void unpricedResource_stillPrintsTheRest_andWarnsOnStderr() throws IOException {
        CliTest.Run r = run(
                "cost",
                "-f",
                spec("stackwright.yml", "name: shop\nnetwork:\n  natInstance: {type: c7gn.medium}\n")
                        .toString());
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .containsPattern("NAT instance c7gn\\.medium\\s+730 h\\s+unpriced\\s+unpriced")
                .contains("Unpriced (left out of the total, not $0)", "ec2.c7gn.medium.hour");
        assertThat(r.err()).contains("warning: 1 line has no price and is left out of the total");
    }

    @Test
    void compare_printsTheDifferenceLineByLine() throws IOException {
        Path a = spec("a.yml", "name: shop\nnetwork: {nat: gateway}\n");
        Path b = spec("b.yml", "name: shop\nnetwork: {nat: gateway-per-az}\n");
        CliTest.Run r = run("cost", "-f", a.toString(), "--compare", b.toString());
        assertThat(r.code()).isZero();
        // One more NAT gateway and its address: 32.85 + 3.65, less the cross-zone transfer the second zone no longer
        // pays
        assertThat(r.out())
                .contains("A: " + a, "B: " + b)
                .containsPattern("nat-b\\s+NAT gateway\\s+-\\s+\\$32\\.85\\s+\\+\\$32\\.85")
                .containsPattern("inter-az\\s+to and from the NAT in another zone\\s+\\$0\\.10\\s+-\\s+-\\$0\\.10");
        // Rows come by tier, as the breakdown orders them: B's new public-tier gateway before A's vpc-wide transfer.
        assertThat(r.out().indexOf("nat-b")).isLessThan(r.out().indexOf("inter-az"));
        JsonNode json = new ObjectMapper()
                .readTree(run("cost", "--format", "json", "-f", a.toString(), "--compare", b.toString())
                        .out());
        assertThat(json.path("difference").decimalValue())
                .isEqualByComparingTo(json.path("monthlyB")
                        .decimalValue()
                        .subtract(json.path("monthlyA").decimalValue()));
        assertThat(json.path("difference").decimalValue()).isEqualByComparingTo("36.4");
    }

    @Test
    void compare_withAMissingFile_saysWhichOptionToFix() throws IOException {
        Path a = spec("a.yml", "name: shop\n");
        CliTest.Run r = run(
                "cost",
                "-f",
                a.toString(),
                "--compare",
                dir.resolve("nothere.yml").toString());
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err())
                .contains(
                        "nothere.yml:1:1: the spec to compare with was not found. Fix: check the path given to --compare")
                .doesNotContain("stackwright init")
                .doesNotContain("Exception");
    }

    @Test
    void badTraffic_exitsOne_locatedWithAFix() throws IOException {
        Path file = spec("stackwright.yml", "name: shop\ntraffic:\n  logGbPerMonth: -3\n");
        CliTest.Run r = run("cost", "-f", file.toString());
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err())
                .contains(
                        file
                                + ":3:18: traffic.logGbPerMonth: must not be negative (got `-3`). Fix: use 0 or a positive figure");
    }

    @Test
    void everyShippedExample_isPricedWithItsRegionsBuiltInBook() throws IOException {
        try (var dirs = Files.list(Path.of("examples"))) {
            List<Path> examples = dirs.map(d -> d.resolve("stackwright.yml"))
                    .filter(Files::exists)
                    .sorted()
                    .toList();
            assertThat(examples).hasSizeGreaterThanOrEqualTo(3);
            for (Path example : examples) {
                CliTest.Run r = run("cost", "-f", example.toString());
                assertThat(r.code()).as(example.toString()).isEqualTo(Main.OK);
                assertThat(r.err()).as(example.toString()).doesNotContain("no price book", "the prices are");
                assertThat(r.out())
                        .as(example.toString())
                        .containsPattern("\\$[0-9,]+\\.[0-9]{2} a month")
                        .containsPattern("from built-in (us-east-1|us-west-2|eu-west-1);");
            }
        }
    }

    @Test
    void aRegionalBookWithGaps_listsTheGapsAsUnpriced_andDrawsNoVerdictFromThem() {
        CliTest.Run r = run("cost", "-f", "examples/staging-gateway-bastion/stackwright.yml");
        assertThat(r.code()).isZero();
        // us-west-2 has no confirmed EC2 price: the bastion is unpriced, not $0 and not us-east-1's figure.
        assertThat(r.out())
                .containsPattern("bastion t4g\\.nano\\s+730 h\\s+unpriced\\s+unpriced")
                .contains("no entry `ec2.t4g.nano.hour` in the price book (built-in us-west-2)")
                .contains(
                        "To read them from AWS's Price List: stackwright prices fetch -f examples/staging-gateway-bastion/stackwright.yml "
                                + "(writes stackwright-prices/us-west-2.json beside it")
                .containsPattern("nat: instance, one per zone\\s+\\$[0-9.]+\\s+-\\$[0-9.]+\\s+not comparable on price")
                .doesNotContain("Cheaper on this traffic");
        // The bastion's instance (network), the ALB's LCUs, the db.t3.micro hours and the backup storage above the
        // free allowance (app) have no confirmed us-west-2 price.
        assertThat(r.err()).contains("warning: 4 lines have no price and are left out of the total");
    }
}
