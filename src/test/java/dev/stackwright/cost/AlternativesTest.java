package dev.stackwright.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every way out priced on the same traffic, with the break-even volume, and the endpoint-or-NAT rule per service. */
class AlternativesTest {
    static final PriceBook BOOK = PriceBookTest.BOOK;

    private static NatAlternatives.Alternative option(CostEstimate e, NatAlternatives.Option o) {
        return e.alternatives().stream()
                .filter(a -> a.option() == o)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void endpointVsNatGateway_breakEvenPerZone_countsTheEndpointsOwnPerGbFee() {
        // $7.30 a zone a month (730 h x $0.01) over the $0.035 each GB saves ($0.045 NAT - $0.01 endpoint)
        Optional<BigDecimal> perZone = EndpointAdvice.breakEvenPerZone(
                new BigDecimal("730"), new BigDecimal("0.01"), new BigDecimal("0.01"), new BigDecimal("0.045"));
        assertThat(perZone)
                .hasValueSatisfying(
                        v -> assertThat(v.setScale(2, RoundingMode.HALF_UP)).isEqualByComparingTo("208.57"));
        // Against a NAT instance, which charges nothing per GB, an endpoint never pays for itself on price.
        assertThat(EndpointAdvice.breakEvenPerZone(
                        new BigDecimal("730"), new BigDecimal("0.01"), new BigDecimal("0.01"), BigDecimal.ZERO))
                .isEmpty();
    }

    @Test
    void endpointAdvice_forTheNetwork_addsCrossZoneTransferOfASharedGateway() {
        CostEstimate perAz = NetworkCostTest.estimate("name: shop\nnetwork: {nat: gateway-per-az}\n");
        assertThat(perAz.endpointAdvice()
                        .orElseThrow()
                        .perZoneGb()
                        .orElseThrow()
                        .setScale(2, RoundingMode.HALF_UP))
                .isEqualByComparingTo("208.57");
        CostEstimate single = NetworkCostTest.estimate("name: shop\nnetwork: {nat: gateway}\n");
        EndpointAdvice a = single.endpointAdvice().orElseThrow();
        // Half the zones cross to the NAT, both ways: 0.045 + 1/2 x 2 x 0.01 = 0.055; 7.30 / 0.045
        assertThat(a.natPathPerGb()).isEqualByComparingTo("0.055");
        assertThat(a.perZoneGb().orElseThrow().setScale(2, RoundingMode.HALF_UP))
                .isEqualByComparingTo("162.22");
        assertThat(a.text()).contains("above 162.22 GB/month per zone (324.44 GB/month in 2 zones)");
        CostEstimate instances = NetworkCostTest.estimate("name: shop\nenvironment: prod\n");
        assertThat(instances.endpointAdvice().orElseThrow().perZoneGb()).isEmpty();
    }

    @Test
    void singleGateway_againstPerZoneGateways_breaksEvenWhereCrossZoneTransferPaysForTheSecondGateway() {
        CostEstimate e = NetworkCostTest.estimate("""
                                                  name: shop
                                                  network: {nat: gateway}
                                                  traffic:
                                                    natGbPerMonth: {otherAws: 100, internet: 300}
                                                  """);
        assertThat(e.alternatives().getFirst().current()).isTrue();
        assertThat(e.alternatives().getFirst().option()).isEqualTo(NatAlternatives.Option.GATEWAY);
        NatAlternatives.Alternative perAz = option(e, NatAlternatives.Option.GATEWAY_PER_AZ);
        // A second gateway adds 730 x (0.045 + 0.005) = $36.50 and saves 400 GB x 1/2 x 2 x $0.01 = $4.00
        assertThat(perAz.difference()).isEqualByComparingTo("32.5");
        // and pays for itself once 36.50 / (1/2 x 2 x 0.01) = 3,650 GB a month go through NAT.
        assertThat(perAz.breakEven().volume())
                .hasValueSatisfying(v -> assertThat(v).isEqualByComparingTo("3650"));
        assertThat(perAz.breakEven().text()).isEqualTo("cheaper above 3,650 GB/month through NAT");
        // The plan's own total is the estimate's total.
        assertThat(e.alternatives().getFirst().monthly()).isEqualByComparingTo(e.total());
        NatAlternatives.Alternative regional = option(e, NatAlternatives.Option.REGIONAL_GATEWAY);
        assertThat(regional.monthly()).isEqualByComparingTo(perAz.monthly());
    }

    @Test
    void natInstances_areCheaperThanGateways_atAnyVolume_andTheReportSaysSo() {
        CostEstimate e = NetworkCostTest.estimate("""
                                                  name: shop
                                                  environment: prod
                                                  network: {nat: gateway-per-az}
                                                  traffic:
                                                    natGbPerMonth: {otherAws: 1000, internet: 1000}
                                                  """);
        NatAlternatives.Alternative instances = option(e, NatAlternatives.Option.INSTANCE_PER_AZ);
        assertThat(instances.breakEven().text()).isEqualTo("cheaper at any volume");
        assertThat(instances.difference()).isNegative();
        // Cheapest that gives up nothing the plan has (zone independence, internet reach): instances per zone.
        assertThat(e.cheaperAlternative())
                .hasValueSatisfying(a -> assertThat(a.option()).isEqualTo(NatAlternatives.Option.INSTANCE_PER_AZ));
        NatAlternatives.Alternative none = option(e, NatAlternatives.Option.NONE);
        assertThat(none.reachesEverything()).isFalse();
        assertThat(none.caveats()).anyMatch(c -> c.startsWith("no internet path for the 1,000 GB/month"));
        // No break-even with an option that cannot carry the same traffic.
        assertThat(none.breakEven().volume()).isEmpty();
        assertThat(none.breakEven().text()).isEqualTo("no break-even: it cannot carry this traffic");
        assertThat(CostText.render(e))
                .contains("Cheaper on this traffic, giving up nothing the plan has: nat: instance, one per zone");
    }

    @Test
    void noNat_alternative_addsTheEndpointsContainersAndSessionManagerNeed() {
        dev.stackwright.Stackwright.Result r = dev.stackwright.Stackwright.plan("stackwright.yml", "name: shop\n");
        NetworkShape plan = NetworkShape.of(r.planned());
        NetworkShape none = NatAlternatives.shapeFor(
                NatAlternatives.Option.NONE, plan, "t4g.nano", dev.stackwright.plan.EndpointNeeds.withoutNat(r.spec()));
        assertThat(none.nats()).isEmpty();
        // ECS on EC2 with Session Manager: image pulls and logs, the ECS agent, Session Manager.
        assertThat(none.interfaceEndpoints())
                .extracting(NetworkShape.InterfaceEndpoint::service)
                .contains("ecr.api", "ecr.dkr", "logs", "ecs", "ssm", "ssmmessages", "ec2messages");
        assertThat(none.interfaceEndpoints()).allMatch(i -> i.zones() == 2);
    }

    @Test
    void noNat_alternative_forAFunction_addsWhatItCallsAndReads_notContainerEndpoints() {
        dev.stackwright.Stackwright.Result r = dev.stackwright.Stackwright.plan("stackwright.yml", """
                name: shop
                service: {compute: lambda, calls: [sqs, s3]}
                frontDoor: api-gateway
                database: {engine: postgres}
                """);
        NetworkShape none = NatAlternatives.shapeFor(
                NatAlternatives.Option.NONE,
                NetworkShape.of(r.planned()),
                "t4g.nano",
                dev.stackwright.plan.EndpointNeeds.withoutNat(r.spec()));
        // S3 has a free gateway endpoint; the password comes from Secrets Manager; the image is pulled at deploy time.
        assertThat(none.interfaceEndpoints())
                .extracting(NetworkShape.InterfaceEndpoint::service)
                .containsExactly("secretsmanager", "sqs");
    }
}
