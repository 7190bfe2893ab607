package dev.stackwright.cost;

import dev.stackwright.Stackwright;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

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
            assertThat(p.source()).as(region + " " + p.key())
                    .matches("https://(aws\\.amazon\\.com|docs\\.aws\\.amazon\\.com|calculator\\.aws)/.*");
            assertThat(p.read()).as(region + " " + p.key()).isEqualTo("2026-11-22");
            assertThat(p.confidence()).as(region + " " + p.key()).isIn("aws-page", "secondary", "unconfirmed");
        }
        for (FreeTier f : book.freeTiers().values()) {
            assertThat(book.find(f.appliesTo())).as(region + " free tier " + f.key()).isPresent();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-west-2", "eu-west-1"})
    void regionalBooks_sayWhereEachFigureWasConfirmed_andUseOnlyKeysTheFirstBookKnows(String region) {
        PriceBook book = PriceBooks.builtIn(region).orElseThrow();
        for (Price p : book.prices().values()) {
            // Secondary figures carry where they were confirmed and why they are believed to hold for this region.
            assertThat(p.confirmedVia().isPresent() || p.note().isPresent()).as(region + " " + p.key()).isTrue();
            if (!p.confidence().equals("aws-page")) {
                assertThat(p.note()).as(region + " " + p.key() + " explains its confirmation").isPresent();
            }
            // A typo in a key would make the entry unreachable and its resource silently unpriced.
            assertThat(PriceBookTest.BOOK.prices()).as(region + " " + p.key()).containsKey(p.key());
        }
    }

    @Test
    void regionalFigures_areTheRegionsOwn_notUsEast1sCopied() {
        // Europe (Ireland) NAT gateways cost more than N. Virginia's: a copied book would show 0.045.
        assertThat(rate(EU_WEST_1, "nat-gateway.hour")).isEqualByComparingTo("0.048");
        assertThat(rate(EU_WEST_1, "nat-gateway.gb")).isEqualByComparingTo("0.048");
        assertThat(rate(EU_WEST_1, "regional-nat-gateway.az-hour")).isEqualByComparingTo("0.048");
        assertThat(rate(US_WEST_2, "nat-gateway.hour")).isEqualByComparingTo("0.045");
        // What could not be confirmed for the region is absent, so it is listed as unpriced.
        for (PriceBook book : List.of(US_WEST_2, EU_WEST_1)) {
            assertThat(book.find("ec2.t4g.nano.hour")).as(book.region()).isEmpty();
            assertThat(book.find("data-transfer.internet-out.gb")).as(book.region()).isEmpty();
            assertThat(book.find("vpc-endpoint.interface.az-hour")).as(book.region()).isEmpty();
        }
    }

    @Test
    void eachShippedExample_findsItsRegionsBook() {
        for (String[] example : List.of(new String[]{"staging-gateway-bastion", "us-west-2"}, new String[]{"dev-isolated", "eu-west-1"})) {
            Stackwright.Result r = Stackwright.plan(Path.of("examples", example[0], "stackwright.yml"));
            assertThat(PriceBooks.forSpec(r.spec(), Optional.empty()).region()).as(example[0]).isEqualTo(example[1]);
        }
    }

    /**
     * staging-gateway-bastion (us-west-2, one NAT gateway, a bastion, default traffic): worked by hand.
     * NAT gateway 730 h x $0.045 = $32.85; its Elastic IP 730 h x $0.005 = $3.65; the bastion's public IPv4 $3.65;
     * NAT-bound 5 GB to other AWS services + 5 GB to the internet = 10 GB x $0.045 = $0.45. Total $40.60.
     * The bastion's instance and volume, inter-zone transfer, flow logs and egress have no us-west-2 figure: unpriced.
     */
    @Test
    void stagingGatewayBastion_inUsWest2_knownAnswer() {
        CostEstimate e = Costs.networkEstimate(Stackwright.plan(Path.of("examples/staging-gateway-bastion/stackwright.yml")), US_WEST_2);
        assertThat(amount(e, "nat-a", "NAT gateway")).isEqualByComparingTo("32.85");
        assertThat(amount(e, "nat-a", "data processed")).isEqualByComparingTo("0.45");
        assertThat(amount(e, "bastion", "public IPv4")).isEqualByComparingTo("3.65");
        assertThat(e.total()).isEqualByComparingTo("40.60");
        assertThat(e.unpriced()).extracting(CostLine::resource)
                .containsExactlyInAnyOrder("bastion", "bastion", "inter-az", "flow-logs", "flow-logs", "internet");
        assertThat(e.warnings()).noneMatch(w -> w.contains("the prices are"));
    }

    /**
     * dev-isolated (eu-west-1, no NAT, 6 interface endpoints in 2 zones): the endpoints' 5 GB of other AWS traffic
     * x $0.01 = $0.05 is the only priced charge; the endpoints' zone-hours have no confirmed eu-west-1 figure.
     */
    @Test
    void devIsolated_inEuWest1_knownAnswer() {
        CostEstimate e = Costs.networkEstimate(Stackwright.plan(Path.of("examples/dev-isolated/stackwright.yml")), EU_WEST_1);
        assertThat(e.total()).isEqualByComparingTo("0.05");
        // The example's one interface endpoint (secretsmanager, for the function's database password) has no
        // regional hourly price yet.
        assertThat(e.unpriced()).filteredOn(l -> l.resource().endsWith("-endpoint")).hasSize(1);
        assertThat(e.unpriced()).hasSize(4);
    }

    /** A NAT gateway in Ireland: 730 h x $0.048 = $35.04 and 10 GB x $0.048 = $0.48, plus its address $3.65. */
    @Test
    void natGateway_inEuWest1_knownAnswer() {
        CostEstimate e = Costs.estimate(Stackwright.plan("stackwright.yml",
                "name: shop\nregion: eu-west-1\nnetwork: {nat: gateway, azs: 2}\n"), EU_WEST_1);
        assertThat(amount(e, "nat-a", "NAT gateway")).isEqualByComparingTo("35.04");
        assertThat(amount(e, "nat-a", "data processed")).isEqualByComparingTo("0.48");
        assertThat(amount(e, "nat-a", "public IPv4 (Elastic IP)")).isEqualByComparingTo("3.65");
        assertThat(e.total()).isEqualByComparingTo(new BigDecimal("35.04").add(new BigDecimal("0.48")).add(new BigDecimal("3.65")));
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
        return e.lines().stream().filter(l -> l.resource().equals(resource) && l.item().equals(item))
                .findFirst().orElseThrow(() -> new AssertionError("no line " + resource + " " + item)).amount();
    }
}
