package dev.stackwright.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.junit.jupiter.api.Test;

/**
 * The pure functions the application tier will call, with answers worked by hand from the us-east-1 book and AWS's
 * own ELB pricing example (1 new connection a second lasting 2 minutes, 5 requests a second, 300 KB a second
 * processed, 60 rules).
 */
class AppTierPricingTest {
    static final PriceBook BOOK = PriceBookTest.BOOK;

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    @Test
    void alb_awsPricingExample_processedBytesSetTheBill() {
        BigDecimal rules = AlbCost.ruleEvaluations(d("5"), 60, BOOK);
        assertThat(rules).isEqualByComparingTo("250"); // (60 - 10 free) x 5 requests a second
        AlbCost.Usage usage = new AlbCost.Usage(d("1"), d("120"), d("1.08"), rules); // 300 KB/s = 1.08 GB/h
        AlbCost.Lcus lcus = AlbCost.lcus(usage, BOOK);
        assertThat(lcus.newConnections()).isEqualByComparingTo("0.04");
        assertThat(lcus.activeConnections()).isEqualByComparingTo("0.04");
        assertThat(lcus.processedBytes()).isEqualByComparingTo("1.08");
        assertThat(lcus.ruleEvaluations()).isEqualByComparingTo("0.25");
        // The LCU is the largest dimension, not their sum.
        assertThat(lcus.billed()).isEqualByComparingTo("1.08");
        assertThat(lcus.dominant()).isEqualTo("processed bytes");
        // 1.08 LCU x $0.008 = $0.00864 an hour; AWS's example month of 24 x 30 hours gives $6.22.
        BigDecimal perHour = AlbCost.lcuCostPerHour(usage, BOOK);
        assertThat(perHour).isEqualByComparingTo("0.00864");
        assertThat(perHour.multiply(d("720")).setScale(2, RoundingMode.HALF_UP)).isEqualByComparingTo("6.22");
        // Our month is 730 hours, with the load balancer's own hour: 730 x (0.0225 + 0.00864)
        assertThat(AlbCost.monthly(usage, BOOK)).isEqualByComparingTo("22.7322");
    }

    @Test
    void alb_manyRules_ruleEvaluationsDominate() {
        AlbCost.Usage usage =
                new AlbCost.Usage(d("1"), d("120"), d("1.08"), AlbCost.ruleEvaluations(d("100"), 60, BOOK));
        AlbCost.Lcus lcus = AlbCost.lcus(usage, BOOK);
        assertThat(lcus.billed()).isEqualByComparingTo("5"); // 100 x 50 = 5,000 evaluations a second
        assertThat(lcus.dominant()).isEqualTo("rule evaluations");
        assertThat(AlbCost.ruleEvaluations(d("100"), 10, BOOK)).isZero(); // the first 10 rules are free
    }

    @Test
    void frontDoor_albVsApiGateway_breakEvenInRequestsPerMonth() {
        // 10 KB per request, connections reused: the ALB adds 10/1e6 GB x $0.008 = $0.08 per million requests on top
        // of 730 h x $0.0225 = $16.425. HTTP API: $1.00 per million; REST API: $3.50 per million.
        FrontDoorChoice.Profile profile = new FrontDoorChoice.Profile(d("10"), BigDecimal.ZERO, BigDecimal.ZERO, 0, 0);
        // 16.425 / (1.00 - 0.08) million
        assertThat(FrontDoorChoice.breakEven(profile, FrontDoorChoice.HTTP, BOOK))
                .hasValue(d("17853261"));
        // 16.425 / (3.50 - 0.08) million
        assertThat(FrontDoorChoice.breakEven(profile, FrontDoorChoice.REST, BOOK))
                .hasValue(d("4802632"));
        FrontDoorChoice.Comparison at = FrontDoorChoice.compare(profile, d("10000000"), BOOK);
        assertThat(at.alb()).isEqualByComparingTo("17.225");
        assertThat(at.http()).isEqualByComparingTo("10");
        assertThat(at.rest()).isEqualByComparingTo("35");
    }

    @Test
    void frontDoor_theAlbsAddressesMoveTheBreakEven() {
        // Two zones: 2 x 730 h x $0.005 = $7.30 more a month before any request. (16.425 + 7.30) / (1.00 - 0.08)
        // million.
        FrontDoorChoice.Profile profile = new FrontDoorChoice.Profile(d("10"), BigDecimal.ZERO, BigDecimal.ZERO, 0, 2);
        assertThat(FrontDoorChoice.breakEven(profile, FrontDoorChoice.HTTP, BOOK))
                .hasValue(d("25788043"));
        assertThat(FrontDoorChoice.albMonthly(profile, BigDecimal.ZERO, BOOK)).isEqualByComparingTo("23.725");
    }

    @Test
    void frontDoor_heavyResponses_albNeverCatchesUp() {
        // 200 KB per request costs the ALB $1.60 per million, above every HTTP API tier: no break-even.
        FrontDoorChoice.Profile profile = new FrontDoorChoice.Profile(d("200"), BigDecimal.ZERO, BigDecimal.ZERO, 0, 0);
        assertThat(FrontDoorChoice.breakEven(profile, FrontDoorChoice.HTTP, BOOK))
                .isEmpty();
        assertThat(FrontDoorChoice.apiGatewayMonthly(FrontDoorChoice.HTTP, d("400000000"), BOOK))
                .isEqualByComparingTo("390");
    }

    @Test
    void fargateVsEc2_twoSmallTasks_oneT3MediumIsCheaper() {
        // Fargate: 2 tasks x 730 h x (0.5 x 0.04048 + 1 x 0.004445)
        ComputeChoice.Comparison c =
                ComputeChoice.compare(2, d("0.5"), d("1"), ComputeChoice.Arch.X86, "t3.medium", BOOK);
        assertThat(c.fargate()).isEqualByComparingTo("36.0401");
        assertThat(c.instances()).isEqualTo(1);
        assertThat(c.ec2()).isEqualByComparingTo("30.368"); // 730 x 0.0416
        assertThat(c.difference()).isEqualByComparingTo("-5.6721");
        assertThat(c.cheaper()).isEqualTo("EC2");
        // 2 x 730 x (0.5 x 0.03238 + 1 x 0.00356)
        assertThat(ComputeChoice.fargateMonthly(2, d("0.5"), d("1"), ComputeChoice.Arch.ARM, BOOK))
                .isEqualByComparingTo("28.835");
    }

    @Test
    void fargateVsEc2_packsByTheScarcerResource() {
        // 10 tasks of 1 vCPU and 2 GB on t4g.large (2 vCPU, 8 GB): CPU needs 5 instances, memory 3.
        assertThat(ComputeChoice.instancesNeeded(10, d("1"), d("2"), "t4g.large", BOOK))
                .isEqualTo(5);
        assertThat(ComputeChoice.compare(10, d("1"), d("2"), ComputeChoice.Arch.ARM, "t4g.large", BOOK)
                        .ec2())
                .isEqualByComparingTo("245.28"); // 5 x 730 x 0.0672
    }

    @Test
    void peeringVsTransitGateway_forNVpcs() {
        Interconnect.Comparison three = Interconnect.compare(3, d("1000"), BigDecimal.ONE, BOOK);
        assertThat(three.peeringConnections()).isEqualTo(3);
        assertThat(three.peering()).isEqualByComparingTo("20"); // 1,000 GB x 2 directions x 0.01
        assertThat(three.transitGateway()).isEqualByComparingTo("129.5"); // 3 x 730 x 0.05 + 1,000 x 0.02
        Interconnect.Comparison sameZone = Interconnect.compare(10, d("1000"), BigDecimal.ZERO, BOOK);
        assertThat(sameZone.peeringConnections()).isEqualTo(45);
        assertThat(sameZone.peering()).isZero();
        assertThat(sameZone.transitGateway()).isEqualByComparingTo("385");
        assertThatThrownBy(() -> Interconnect.compare(1, d("1"), BigDecimal.ONE, BOOK))
                .hasMessageContaining("at least 2 VPCs");
    }

    @Test
    void aPriceTheBookLacks_isNamedWithTheFix() {
        assertThatThrownBy(() -> ComputeChoice.compare(1, d("1"), d("1"), ComputeChoice.Arch.X86, "c7i.large", BOOK))
                .hasMessage(
                        "built-in us-east-1:1:1: prices.ec2.c7i.large.hour: the price book has no entry for this. "
                                + "Fix: add `\"ec2.c7i.large.hour\"` with unit, price, source, read and confidence, from the service's AWS pricing page (docs/cost.md).");
    }
}
