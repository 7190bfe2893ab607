package dev.stackwright.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Stackwright;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known answers, worked by hand from the us-east-1 book: 730 hours a month, public IPv4 per address, tiers split. */
class NetworkCostTest {
    static final PriceBook BOOK = PriceBookTest.BOOK;

    static CostEstimate estimate(String yaml) {
        return PlannedCosts.networkEstimate(Stackwright.plan("stackwright.yml", yaml), BOOK);
    }

    static List<CostLine> lines(CostEstimate e, String resource) {
        return e.lines().stream().filter(l -> l.resource().equals(resource)).toList();
    }

    static CostLine line(CostEstimate e, String resource, String itemStart) {
        return e.lines().stream()
                .filter(l -> l.resource().equals(resource) && l.item().startsWith(itemStart))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line " + resource + " " + itemStart + " in " + e.lines()));
    }

    private static final String QUIET = """
                                        traffic:
                                          egressGbPerMonth: 0
                                          logGbPerMonth: 0
                                          natGbPerMonth: {s3: 0, dynamodb: 0, otherAws: 0, internet: 0}
                                        """;

    @Test
    void natInstancePerZone_threeZones_hoursEbsAndOneAddressEach() {
        CostEstimate e = estimate("name: shop\nenvironment: prod\n" + QUIET);
        // 730 h x $0.0042
        assertThat(line(e, "nat-a", "NAT instance t4g.nano").monthly())
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("3.066"));
        assertThat(line(e, "nat-a", "NAT instance").formula()).isEqualTo("730 h x $0.0042");
        // 8 GB x $0.08
        assertThat(line(e, "nat-b", "root volume").amount()).isEqualByComparingTo("0.64");
        // One public IPv4 address per NAT instance, the Elastic IP (the launch address is released at boot): 730 h x
        // $0.005
        CostLine ips = line(e, "nat-c", "public IPv4");
        assertThat(ips.quantity()).isEqualByComparingTo("730");
        assertThat(ips.amount()).isEqualByComparingTo("3.65");
        assertThat(ips.formula()).isEqualTo("1 address x 730 h x $0.005");
        assertThat(e.assumptions())
                .anySatisfy(a -> assertThat(a).startsWith("a NAT instance pays for one public IPv4 address"));
        // 3 x (3.066 + 0.64 + 3.65)
        assertThat(e.subtotals().get("public")).isEqualByComparingTo("22.068");
        // flow logs on with nothing logged, no egress: the public tier is the whole bill.
        assertThat(e.total()).isEqualByComparingTo("22.068");
    }

    @Test
    void singleNatGateway_hourAddressDataAndCrossZoneTransfer() {
        CostEstimate e = estimate("""
                                  name: shop
                                  network: {nat: gateway}
                                  traffic:
                                    natGbPerMonth: {otherAws: 100, internet: 300}
                                    egressGbPerMonth: 0
                                    logGbPerMonth: 0
                                  """);
        assertThat(line(e, "nat-a", "NAT gateway").amount()).isEqualByComparingTo("32.85"); // 730 x 0.045
        assertThat(line(e, "nat-a", "public IPv4").amount()).isEqualByComparingTo("3.65"); // 1 address x 730 x 0.005
        assertThat(line(e, "nat-a", "data processed").amount()).isEqualByComparingTo("18"); // 400 GB x 0.045
        // Zone b has no NAT: half of the 400 GB crosses, charged leaving and arriving: 400 x 1/2 x 2 x 0.01
        CostLine cross = line(e, "inter-az", "to and from");
        assertThat(cross.quantity()).isEqualByComparingTo("400");
        assertThat(cross.amount()).isEqualByComparingTo("4");
        assertThat(e.total()).isEqualByComparingTo("58.5");
    }

    @Test
    void regionalGateway_chargedPerActiveZone_withAnAddressInEach() {
        CostEstimate e = estimate("name: shop\nenvironment: prod\nnetwork: {nat: regional-gateway}\n" + QUIET);
        CostLine hours = line(e, "nat", "regional NAT gateway");
        assertThat(hours.quantity()).isEqualByComparingTo("2190"); // 3 zones x 730 h
        assertThat(hours.amount()).isEqualByComparingTo("98.55");
        assertThat(line(e, "nat", "public IPv4").amount()).isEqualByComparingTo("10.95");
        assertThat(lines(e, "inter-az")).isEmpty();
    }

    @Test
    void noNat_withEndpoints_pricesEachEndpointPerZone_andSaysInternetTrafficHasNoRoute() {
        CostEstimate e = estimate("""
                                  name: shop
                                  network: {nat: none, endpoints: [ecr.api, ecr.dkr, logs]}
                                  traffic:
                                    natGbPerMonth: {otherAws: 50, internet: 5}
                                  """);
        assertThat(e.lines()).noneMatch(l -> l.resource().startsWith("nat"));
        // 2 zones x 730 h x $0.01
        assertThat(line(e, "logs-endpoint", "interface endpoint").amount()).isEqualByComparingTo("14.6");
        assertThat(line(e, "interface-endpoints", "data processed").amount()).isEqualByComparingTo("0.5"); // 50 x 0.01
        assertThat(e.warnings()).anyMatch(w -> w.contains("5 GB a month") && w.contains("has no route"));
    }

    @Test
    void perZoneGateways_shareTheTraffic_andTheSharesAddUpExactly() {
        CostEstimate e = estimate("""
                                  name: shop
                                  environment: prod
                                  network: {nat: gateway-per-az}
                                  traffic:
                                    natGbPerMonth: {otherAws: 300, internet: 200}
                                    egressGbPerMonth: 0
                                    logGbPerMonth: 0
                                  """);
        assertThat(line(e, "nat-a", "data processed").quantity()).isEqualByComparingTo("166.6666666667");
        // 3 x (32.85 + 3.65) + 500 GB x 0.045, to the cent and beyond
        assertThat(e.subtotals().get("public")).isEqualByComparingTo("132");
        assertThat(lines(e, "inter-az")).isEmpty();
    }

    @Test
    void bastion_hasOnePublicAddress() {
        CostEstimate e = estimate("name: shop\nnetwork: {access: bastion, bastionCidr: 203.0.113.0/24}\n" + QUIET);
        assertThat(line(e, "bastion", "public IPv4").quantity()).isEqualByComparingTo("730");
        assertThat(line(e, "bastion", "bastion t4g.nano").amount()).isEqualByComparingTo("3.066");
    }

    @Test
    void flowLogs_deliveryAndStorageForTheRetention() {
        CostEstimate e = estimate("name: shop\nenvironment: prod\ntraffic: {logGbPerMonth: 20}\n");
        assertThat(line(e, "flow-logs", "delivered").amount()).isEqualByComparingTo("10"); // 20 GB x 0.50
        CostLine stored = line(e, "flow-logs", "stored 90 days");
        // 20 GB/month kept 90 days of a 730/24-day month: 20 x 90 / 30.41666... = 59.178... GB-months x 0.03
        assertThat(stored.quantity().setScale(4, java.math.RoundingMode.HALF_UP))
                .isEqualByComparingTo("59.1781");
        assertThat(stored.amount().setScale(4, java.math.RoundingMode.HALF_UP)).isEqualByComparingTo("1.7753");
    }

    @Test
    void flowLogsToS3_areNeverPricedAsCloudWatchLogs_andTheBucketKeepsThemForTheRetention() {
        CostEstimate e = estimate(
                "name: shop\nenvironment: prod\nnetwork: {flowLogs: {destination: s3}}\ntraffic: {logGbPerMonth: 20}\n");
        CostLine delivered = line(e, "flow-logs", "delivered");
        assertThat(delivered.item()).isEqualTo("delivered to S3");
        assertThat(delivered.monthly())
                .as("no S3 delivery price in the book: unpriced, not $0")
                .isEmpty();
        assertThat(delivered.priceKey()).isEqualTo("cloudwatch-logs.vended-s3.gb");
        assertThat(e.lines())
                .noneMatch(l -> l.priceKey().startsWith("cloudwatch-logs.")
                        && l.resource().equals("flow-logs")
                        && !l.priceKey().equals("cloudwatch-logs.vended-s3.gb"));
        // The same 59.178 GB-months as in CloudWatch Logs, at S3 Standard's $0.023.
        CostLine stored = line(e, "flow-logs", "stored 90 days");
        assertThat(stored.priceKey()).isEqualTo("s3.standard.gb-month");
        assertThat(stored.amount().setScale(4, java.math.RoundingMode.HALF_UP)).isEqualByComparingTo("1.3611");
    }

    @Test
    void gatewayEndpoints_areShownFree_atAwsPrice() {
        CostEstimate e = estimate("name: shop\ntraffic:\n  natGbPerMonth: {s3: 500}\n");
        CostLine s3 = line(e, "s3-endpoint", "gateway endpoint");
        assertThat(s3.status()).isEqualTo(CostLine.Status.FREE);
        assertThat(s3.quantity()).isEqualByComparingTo("500");
        assertThat(s3.amount()).isZero();
    }

    @Test
    void egressBeyondTenTerabytes_isSplitIntoTierLines() {
        CostEstimate e = estimate("name: shop\ntraffic: {egressGbPerMonth: 12000}\n");
        List<CostLine> egress = lines(e, "internet");
        assertThat(egress)
                .extracting(CostLine::item)
                .containsExactly(
                        "data out to the internet [first 10,240 GB]", "data out to the internet [10,240 to 51,200 GB]");
        assertThat(egress).extracting(CostLine::formula).containsExactly("10,240 x $0.09", "1,760 x $0.085");
        assertThat(egress.stream().map(CostLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("1071.2");
    }

    @Test
    void anInstanceTypeWithoutAPrice_isUnpriced_leftOutOfTheTotal_andSaysHowToAddIt() {
        CostEstimate e = estimate("name: shop\nnetwork:\n  natInstance: {type: m7g.large}\n" + QUIET);
        CostLine nat = line(e, "nat-a", "NAT instance m7g.large");
        assertThat(nat.status()).isEqualTo(CostLine.Status.UNPRICED);
        assertThat(nat.monthly()).isEmpty();
        assertThat(nat.problem())
                .hasValueSatisfying(p -> assertThat(p)
                        .contains("no entry `ec2.m7g.large.hour` in the price book (built-in us-east-1)")
                        .contains("Fix: add `\"ec2.m7g.large.hour\": {\"unit\": ..."));
        assertThat(e.unpriced()).containsExactly(nat);
        // Only the volume and the address are in the total: 0.64 + 3.65
        assertThat(e.total()).isEqualByComparingTo("4.29");
        assertThat(e.warnings()).contains("1 line has no price and is left out of the total: see Unpriced");
        String text = CostText.render(e);
        assertThat(text)
                .contains("$4.29 a month + 1 unpriced")
                .contains("Unpriced (left out of the total, not $0)")
                .doesNotContain("m7g.large  730 h  unpriced  $0.00");
    }

    @Test
    void freeTier_isAnOptionalLine_neverSubtracted() {
        CostEstimate e = estimate("name: shop\ntraffic: {egressGbPerMonth: 40}\n");
        FreeTierLine free = e.freeTiers().stream()
                .filter(f -> f.priceKey().equals("data-transfer.internet-out.gb"))
                .findFirst()
                .orElseThrow();
        assertThat(free.covered()).isEqualByComparingTo("40");
        assertThat(free.saving()).isEqualByComparingTo("3.6");
        assertThat(line(e, "internet", "data out").amount()).isEqualByComparingTo("3.6");
        BigDecimal sum = e.lines().stream().map(CostLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(e.total()).isEqualByComparingTo(sum);
    }

    @Test
    void totalIsTheSumOfThePricedLines_andTheTextAndJsonAreDeterministic() {
        String yaml = "name: shop\nenvironment: staging\nnetwork: {nat: gateway-per-az, endpoints: [logs]}\n";
        CostEstimate a = estimate(yaml);
        CostEstimate b = estimate(yaml);
        assertThat(a.total())
                .isEqualByComparingTo(a.subtotals().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(CostText.render(a)).isEqualTo(CostText.render(b));
        assertThat(CostJson.render(a)).isEqualTo(CostJson.render(b));
    }

    @Test
    void planSummary_isTheTotalAndTheThreeDearestLines_orSaysTheBookIsMissing() {
        String summary =
                PlannedCosts.planSummary(Stackwright.plan("stackwright.yml", "name: shop\nnetwork: {nat: gateway}\n"));
        assertThat(summary.lines().toList()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(summary)
                .startsWith("$")
                .contains(" a month at us-east-1 prices of " + PriceBookTest.BOOK.version() + " (USD, on-demand)\n")
                .contains("$32.85  nat-a NAT gateway (730 h x $0.045)");
        // The amounts are right-aligned, so the three lines read as a column.
        List<String> top = summary.lines().skip(1).limit(3).toList();
        assertThat(top)
                .extracting(l -> l.indexOf(" ", l.indexOf('$')))
                .containsOnly(top.getFirst().indexOf(" ", top.getFirst().indexOf('$')));
        assertThat(PlannedCosts.planSummary(
                        Stackwright.plan("stackwright.yml", "name: shop\nregion: ap-southeast-2\n")))
                .isEqualTo("no price book for ap-southeast-2 (`stackwright cost` says how to add one)\n");
    }

    @Test
    void defaults_arePrintedAsAssumed() {
        CostEstimate e = estimate("name: shop\ntraffic: {requestsPerMonth: 2000000}\n");
        String text = CostText.render(e);
        assertThat(text).containsPattern("requestsPerMonth\\s+2,000,000\\n");
        assertThat(text).containsPattern("avgResponseKb\\s+20\\s+\\*\\n");
        // Egress defaults to what is served: 2,000,000 x 20 KB = 40 GB
        assertThat(text).containsPattern("egressGbPerMonth\\s+40\\s+\\*\\n");
    }
}
