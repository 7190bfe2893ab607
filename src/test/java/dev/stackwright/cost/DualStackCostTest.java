package dev.stackwright.cost;

import static dev.stackwright.cost.NetworkCostTest.estimate;
import static dev.stackwright.cost.NetworkCostTest.line;
import static dev.stackwright.cost.NetworkCostTest.lines;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What moves from NAT to the egress-only internet gateway in a dual-stack network, worked by hand from the us-east-1
 * book (NAT gateway processing $0.045/GB, inter-zone $0.01/GB each way), beside the same network on IPv4 alone
 * ({@link NetworkCostTest#singleNatGateway_hourAddressDataAndCrossZoneTransfer}: $58.50).
 */
class DualStackCostTest {
    private static final String SPEC = """
                                       name: shop
                                       network: {nat: gateway, ipv6: %s}
                                       traffic:
                                         natGbPerMonth: {otherAws: 100, internet: 300}
                                         ipv6Share: %s
                                         egressGbPerMonth: 0
                                         logGbPerMonth: 0
                                       """;

    @Test
    void ipv6Share_movesItsPartOfTheNatBoundGb_toTheFreeEgressOnlyGateway() {
        CostEstimate e = estimate(SPEC.formatted("true", "0.25"));
        // 400 GB would cross the NAT; a quarter, 100 GB, goes to IPv6-capable destinations.
        CostLine eigw = line(e, "egress-only", "egress-only internet gateway");
        assertThat(eigw.quantity()).isEqualByComparingTo("100");
        assertThat(eigw.amount()).isEqualByComparingTo("0");
        // The NAT processes the other 300 GB: 300 x 0.045 = 13.50 (18.00 on IPv4 alone).
        CostLine processed = line(e, "nat-a", "data processed");
        assertThat(processed.quantity()).isEqualByComparingTo("300");
        assertThat(processed.amount()).isEqualByComparingTo("13.5");
        // Half of what crosses the NAT comes from zone b: 300 x 1/2 x 2 x 0.01 = 3.00 (4.00 on IPv4 alone).
        assertThat(line(e, "inter-az", "to and from").amount()).isEqualByComparingTo("3");
        // 32.85 + 3.65 + 13.50 + 3.00: the hour and the address stay, NAT still carries IPv4.
        assertThat(e.total()).isEqualByComparingTo("53");
        // The assumptions name the NAT processing saved: 100 GB x 0.045 = 4.50.
        assertThat(e.assumptions())
                .anySatisfy(n -> assertThat(n)
                        .startsWith("ipv6Share 0.25 moves 100 GB a month from NAT to the egress-only internet gateway")
                        .contains("$4.50 of NAT processing saved")
                        .contains("Data transfer out to the internet is charged either way"));
        assertThat(e.trafficKeys()).contains("ipv6Share");
    }

    @Test
    void ipv6ShareWithoutIpv6_changesNothing() {
        CostEstimate ipv4 = estimate(SPEC.formatted("false", "0.25"));
        assertThat(lines(ipv4, "egress-only")).isEmpty();
        assertThat(ipv4.total()).isEqualByComparingTo("58.5");
        assertThat(ipv4.trafficKeys()).doesNotContain("ipv6Share");
    }

    @Test
    void dualStackWithShareZero_keepsEveryGbOnTheNat_andAssumesNothingMoved() {
        CostEstimate e = estimate(SPEC.formatted("true", "0"));
        assertThat(line(e, "egress-only", "egress-only internet gateway").quantity())
                .isEqualByComparingTo("0");
        assertThat(line(e, "nat-a", "data processed").amount()).isEqualByComparingTo("18");
        assertThat(e.total()).isEqualByComparingTo("58.5");
        assertThat(e.assumptions()).noneSatisfy(n -> assertThat(n).startsWith("ipv6Share"));
    }

    @Test
    void natInstances_chargeNoProcessing_soNothingIsSaved() {
        CostEstimate e = estimate("""
                                  name: shop
                                  network: {nat: instance, ipv6: true}
                                  traffic:
                                    natGbPerMonth: {otherAws: 0, internet: 200}
                                    ipv6Share: 0.5
                                  """);
        assertThat(line(e, "egress-only", "egress-only internet gateway").quantity())
                .isEqualByComparingTo("100");
        assertThat(e.assumptions()).anySatisfy(n -> assertThat(n).contains("$0.00 of NAT processing saved"));
    }

    @Test
    void natNone_hasNoEgressOnlyGateway_evenWithIpv6() {
        CostEstimate e = estimate("""
                                  name: shop
                                  network: {nat: none, ipv6: true}
                                  traffic:
                                    ipv6Share: 0.5
                                  """);
        assertThat(lines(e, "egress-only")).isEmpty();
    }
}
