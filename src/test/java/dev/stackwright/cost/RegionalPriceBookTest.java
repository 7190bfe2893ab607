package dev.stackwright.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Stackwright;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The books shipped for regions other than us-east-1: loaded, sourced and dated like the first, found for the shipped
 * examples, and worked by hand on the examples from the regional figures. A figure not confirmed for a region is left
 * out of its book, so the resource shows as unpriced instead of borrowing us-east-1's price.
 */
class RegionalPriceBookTest {
    private static final PriceBook US_WEST_2 = PriceBooks.builtIn("us-west-2").orElseThrow();
    private static final PriceBook EU_WEST_1 = PriceBooks.builtIn("eu-west-1").orElseThrow();

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "us-west-2", "eu-west-1"})
    void everyBuiltInBook_loads_andEveryEntryHasAUnitAnAwsSourceADateAndItsConfidence(String region) {
        PriceBook book = PriceBooks.builtIn(region).orElseThrow();
        assertThat(book.region()).isEqualTo(region);
        assertThat(book.currency()).isEqualTo("USD");
        assertThat(book.hoursPerMonth()).isEqualByComparingTo("730");
        assertThat(book.origin()).isEqualTo("built-in " + region);
        assertThat(book.prices()).isNotEmpty();
        for (Price p : book.prices().values()) {
            assertThat(p.unit()).as(region + " " + p.key()).isNotBlank();
            assertThat(p.source())
                    .as(region + " " + p.key())
                    .matches("https://(aws\\.amazon\\.com|docs\\.aws\\.amazon\\.com|calculator\\.aws)/.*");
            PriceBookTest.assertReadOnOrBefore(p, book);
            assertThat(p.confidence()).as(region + " " + p.key()).isIn("aws-page", "secondary", "unconfirmed");
        }
        for (FreeTier f : book.freeTiers().values()) {
            assertThat(book.find(f.appliesTo()))
                    .as(region + " free tier " + f.key())
                    .isPresent();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-west-2", "eu-west-1"})
    void regionalBooks_sayWhereEachFigureWasConfirmed_andUseOnlyKeysTheFirstBookKnows(String region) {
        PriceBook book = PriceBooks.builtIn(region).orElseThrow();
        for (Price p : book.prices().values()) {
            // Secondary figures carry where they were confirmed and why they are believed to hold for this region.
            assertThat(p.confirmedVia().isPresent() || p.note().isPresent())
                    .as(region + " " + p.key())
                    .isTrue();
            if (!p.confidence().equals("aws-page")) {
                assertThat(p.note())
                        .as(region + " " + p.key() + " explains its confirmation")
                        .isPresent();
            }
            // A typo in a key would make the entry unreachable and its resource silently unpriced.
            assertThat(PriceBookTest.BOOK.prices()).as(region + " " + p.key()).containsKey(p.key());
        }
    }

    @Test
    void regionalFigures_areTheRegionsOwn_notUsEast1sCopied() {
        // Europe (Ireland) charges more than N. Virginia for these: a copied book would show us-east-1's figures.
        assertThat(rate(EU_WEST_1, "nat-gateway.hour")).isEqualByComparingTo("0.048");
        assertThat(rate(EU_WEST_1, "nat-gateway.gb")).isEqualByComparingTo("0.048");
        assertThat(rate(EU_WEST_1, "regional-nat-gateway.az-hour")).isEqualByComparingTo("0.048");
        assertThat(rate(EU_WEST_1, "vpc-endpoint.interface.az-hour")).isEqualByComparingTo("0.011");
        assertThat(rate(EU_WEST_1, "alb.hour")).isEqualByComparingTo("0.0252");
        assertThat(rate(EU_WEST_1, "cloudwatch-logs.ingest.gb")).isEqualByComparingTo("0.57");
        assertThat(rate(EU_WEST_1, "ec2.t3.micro.hour")).isEqualByComparingTo("0.0114");
        assertThat(rate(EU_WEST_1, "rds.gp3.single-az.gb-month")).isEqualByComparingTo("0.127");
        assertThat(rate(PriceBookTest.BOOK, "vpc-endpoint.interface.az-hour")).isEqualByComparingTo("0.01");
        assertThat(rate(US_WEST_2, "nat-gateway.hour")).isEqualByComparingTo("0.045");
        // What could not be confirmed for the region is absent, so it is listed as unpriced.
        for (String key : List.of("ec2.t4g.nano.hour", "alb.lcu-hour", "rds.postgres.db.t3.micro.single-az.hour")) {
            assertThat(US_WEST_2.find(key)).as("us-west-2 " + key).isEmpty();
        }
        for (String key : List.of("ec2.t4g.nano.hour", "rds.mysql.db.t3.micro.single-az.hour")) {
            assertThat(EU_WEST_1.find(key)).as("eu-west-1 " + key).isEmpty();
        }
    }

    @Test
    void eachShippedExample_findsItsRegionsBook() {
        for (String[] example : List.of(
                new String[] {"staging-gateway-bastion", "us-west-2"}, new String[] {"dev-isolated", "eu-west-1"})) {
            Stackwright.Result r = Stackwright.plan(Path.of("examples", example[0], "stackwright.yml"));
            assertThat(PriceBooks.forSpec(r.spec(), Optional.empty()).region())
                    .as(example[0])
                    .isEqualTo(example[1]);
        }
    }

    /**
     * staging-gateway-bastion's network (us-west-2, one NAT gateway, a bastion, default traffic): worked by hand.
     * NAT gateway 730 h x $0.045 = $32.85; its Elastic IP 730 h x $0.005 = $3.65; NAT-bound 5 GB to other AWS
     * services + 5 GB to the internet = 10 GB x $0.045 = $0.45; the bastion's 8 GB gp3 x $0.08 = $0.64 and its public
     * IPv4 $3.65; the zone without a NAT sends half the 10 GB across zones, both ways: 10 GB x 1/2 x 2 x $0.01 =
     * $0.10; flow logs delivered 5 GB x $0.50 = $2.50 and kept 30 days: 5 GB x 30 / (730/24) = 4.9315 GB-month x
     * $0.03 = $0.147945; egress 20 GB x $0.09 = $1.80. Total $45.787945. The bastion's t4g.nano hours have no
     * us-west-2 figure.
     */
    @Test
    void stagingGatewayBastion_inUsWest2_knownAnswer() {
        CostEstimate e = PlannedCosts.networkEstimate(
                Stackwright.plan(Path.of("examples/staging-gateway-bastion/stackwright.yml")), US_WEST_2);
        assertThat(amount(e, "nat-a", "NAT gateway")).isEqualByComparingTo("32.85");
        assertThat(amount(e, "nat-a", "data processed")).isEqualByComparingTo("0.45");
        assertThat(amount(e, "bastion", "root volume gp3")).isEqualByComparingTo("0.64");
        assertThat(amount(e, "bastion", "public IPv4")).isEqualByComparingTo("3.65");
        assertThat(amount(e, "inter-az", "to and from the NAT in another zone")).isEqualByComparingTo("0.10");
        assertThat(amount(e, "internet", "data out to the internet [first 10,240 GB]"))
                .isEqualByComparingTo("1.80");
        assertThat(amount(e, "flow-logs", "delivered to CloudWatch Logs [first 10,240 GB]"))
                .isEqualByComparingTo("2.50");
        assertThat(e.total())
                .isCloseTo(
                        new BigDecimal("45.787945"), org.assertj.core.data.Offset.offset(new BigDecimal("0.000001")));
        assertThat(e.unpriced())
                .extracting(l -> l.resource() + " " + l.item())
                .containsExactly("bastion bastion t4g.nano");
        assertThat(e.warnings()).noneMatch(w -> w.contains("the prices are"));
    }

    /**
     * dev-isolated's network (eu-west-1, no NAT, one interface endpoint in 2 zones): the endpoint 2 x 730 h x $0.011 =
     * $16.06 and its 5 GB of other AWS traffic x $0.01 = $0.05; flow logs delivered 5 GB x $0.57 = $2.85 and kept 7
     * days, 5 x 7 / (730/24) = 1.1507 GB-month x $0.03 = $0.034521; egress 20 GB x $0.09 = $1.80. Total $20.794521,
     * every line priced.
     */
    @Test
    void devIsolated_inEuWest1_knownAnswer() {
        CostEstimate e = PlannedCosts.networkEstimate(
                Stackwright.plan(Path.of("examples/dev-isolated/stackwright.yml")), EU_WEST_1);
        assertThat(amount(e, "secretsmanager-endpoint", "interface endpoint in 2 zones"))
                .isEqualByComparingTo("16.06");
        assertThat(e.total())
                .isCloseTo(
                        new BigDecimal("20.794521"), org.assertj.core.data.Offset.offset(new BigDecimal("0.000001")));
        assertThat(e.unpriced()).isEmpty();
    }

    /**
     * A NAT gateway in Ireland: 730 h x $0.048 = $35.04 and 10 GB x $0.048 = $0.48, plus its address $3.65; the
     * other zone's 10 GB x 1/2 x 2 x $0.01 = $0.10; flow logs delivered 5 GB x $0.57 = $2.85 and stored $0.034521;
     * egress $1.80.
     */
    @Test
    void natGateway_inEuWest1_knownAnswer() {
        CostEstimate e = PlannedCosts.networkEstimate(
                Stackwright.plan("stackwright.yml", "name: shop\nregion: eu-west-1\nnetwork: {nat: gateway, azs: 2}\n"),
                EU_WEST_1);
        assertThat(amount(e, "nat-a", "NAT gateway")).isEqualByComparingTo("35.04");
        assertThat(amount(e, "nat-a", "data processed")).isEqualByComparingTo("0.48");
        assertThat(amount(e, "nat-a", "public IPv4 (Elastic IP)")).isEqualByComparingTo("3.65");
        assertThat(e.total())
                .isCloseTo(
                        new BigDecimal("43.954521"), org.assertj.core.data.Offset.offset(new BigDecimal("0.000001")));
    }

    @Test
    void theShippedBooks_areTheFilesDocsCostMdNames() throws IOException {
        String doc = Files.readString(Path.of("docs/cost.md"));
        try (var files = Files.list(Path.of("src/main/resources/dev/stackwright/cost/prices"))) {
            for (Path f : files.sorted().toList()) {
                String region = f.getFileName().toString().replace(".json", "");
                assertThat(PriceBooks.builtIn(region)).as(region).isPresent();
                assertThat(doc).as("docs/cost.md lists " + region).contains("`" + region + "`");
            }
        }
    }

    private static BigDecimal rate(PriceBook book, String key) {
        return book.find(key).orElseThrow().flat().orElseThrow();
    }

    private static BigDecimal amount(CostEstimate e, String resource, String item) {
        return e.lines().stream()
                .filter(l -> l.resource().equals(resource) && l.item().equals(item))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line " + resource + " " + item))
                .amount();
    }
}
