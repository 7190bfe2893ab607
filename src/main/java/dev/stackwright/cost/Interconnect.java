package dev.stackwright.cost;

import java.math.BigDecimal;

/**
 * VPC peering or a Transit Gateway to connect N VPCs. Peering has no hourly fee and moves data at the inter-zone rate
 * (free within one zone), but a full mesh needs N(N-1)/2 connections; a Transit Gateway charges each attachment by the
 * hour and every GB sent into it. Inter-zone transfer behind a Transit Gateway is not counted.
 */
public final class Interconnect {
    private Interconnect() {}

    /**
     * Peering against a transit gateway for the same VPCs, by the month.
     *
     * @param peeringConnections connections for a full mesh
     * @param difference         Transit Gateway minus peering
     */
    public record Comparison(
            int vpcs, int peeringConnections, BigDecimal peering, BigDecimal transitGateway, BigDecimal difference) {}

    /**
     * Prices a full peering mesh and a transit gateway for the VPCs and the traffic between them.
     *
     * @param gbPerMonth      GB a month between the VPCs, all of them together
     * @param crossZoneShare  the part of it that crosses zones (0 to 1); the rest stays in one zone and is free to peer
     */
    public static Comparison compare(int vpcs, BigDecimal gbPerMonth, BigDecimal crossZoneShare, PriceBook book) {
        if (vpcs < 2) {
            throw new IllegalArgumentException("connecting needs at least 2 VPCs, got " + vpcs);
        }
        if (crossZoneShare.signum() < 0 || crossZoneShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("crossZoneShare must be between 0 and 1, got " + crossZoneShare);
        }
        BigDecimal crossing = gbPerMonth.multiply(crossZoneShare);
        BigDecimal sameZone = gbPerMonth.subtract(crossing);
        // Charged leaving one zone and arriving in the other.
        BigDecimal peering = crossing.multiply(BigDecimal.TWO)
                .multiply(Prices.rate(book, "data-transfer.inter-az.gb"))
                .add(sameZone.multiply(Prices.rate(book, "vpc-peering.same-az.gb")));
        BigDecimal tgw = BigDecimal.valueOf(vpcs)
                .multiply(book.hoursPerMonth())
                .multiply(Prices.rate(book, "transit-gateway.attachment-hour"))
                .add(gbPerMonth.multiply(Prices.rate(book, "transit-gateway.gb")));
        return new Comparison(vpcs, vpcs * (vpcs - 1) / 2, peering, tgw, tgw.subtract(peering));
    }
}
