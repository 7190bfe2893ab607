package dev.stackwright.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Whether one AWS service's traffic is cheaper through an interface endpoint or through the NAT. An endpoint costs an
 * hourly fee in every zone plus its own per-GB fee; the NAT path costs the NAT's per-GB fee (none for a NAT instance)
 * plus inter-zone transfer when a zone has no NAT of its own. The same for every service, since the prices are.
 *
 * @param against          what the endpoint is compared with, e.g. {@code the plan's NAT gateway}
 * @param natPathPerGb     what a GB through the NAT path costs
 * @param endpointPerZone  the endpoint's monthly fee in one zone
 * @param endpointPerGb    the endpoint's own per-GB fee
 * @param perZoneGb        the break-even in GB a month per zone; empty when the endpoint never pays for itself on price
 */
public record EndpointAdvice(
        String against,
        int zones,
        BigDecimal natPathPerGb,
        BigDecimal endpointPerZone,
        BigDecimal endpointPerGb,
        Optional<BigDecimal> perZoneGb,
        String text) {

    /**
     * GB a month per zone above which an interface endpoint is cheaper than the NAT path: the zone's hourly fee over
     * what each GB saves (NAT path per GB minus the endpoint's own per GB).
     */
    public static Optional<BigDecimal> breakEvenPerZone(
            BigDecimal hoursPerMonth, BigDecimal endpointAzHour, BigDecimal endpointPerGb, BigDecimal natPathPerGb) {
        BigDecimal saved = natPathPerGb.subtract(endpointPerGb);
        if (saved.signum() <= 0) {
            return Optional.empty();
        }
        return Optional.of(hoursPerMonth.multiply(endpointAzHour).divide(saved, 10, RoundingMode.HALF_UP));
    }

    /** What a month of {@code gb} through the NAT path costs. */
    public BigDecimal natPathMonthly(BigDecimal gb) {
        return natPathPerGb.multiply(gb);
    }

    /** What a month of {@code gb} through one service's interface endpoint costs: its fee in every zone and per GB. */
    public BigDecimal interfaceEndpointMonthly(BigDecimal gb) {
        return endpointPerZone.multiply(BigDecimal.valueOf(zones)).add(endpointPerGb.multiply(gb));
    }

    /**
     * What routing a month of {@code gb} of one service's traffic to an endpoint instead of the NAT saves (negative
     * when the endpoint costs more): a gateway endpoint (S3, DynamoDB) is free, so it saves the whole NAT path; an
     * interface endpoint saves the NAT path less its own fees.
     */
    public BigDecimal endpointSaving(BigDecimal gb, boolean gatewayEndpoint) {
        return gatewayEndpoint ? natPathMonthly(gb) : natPathMonthly(gb).subtract(interfaceEndpointMonthly(gb));
    }

    /** The advice for a network; empty when the book lacks a price it needs (the estimate lists those as unpriced). */
    public static Optional<EndpointAdvice> of(NetworkShape shape, PriceBook book) {
        Optional<Price> azHour = priced(book, "vpc-endpoint.interface.az-hour");
        Optional<Price> epGb = priced(book, "vpc-endpoint.interface.gb");
        Optional<Price> interAz = priced(book, "data-transfer.inter-az.gb");
        if (azHour.isEmpty() || epGb.isEmpty() || interAz.isEmpty()) {
            return Optional.empty();
        }
        String against;
        Optional<Price> natGb;
        boolean instance = shape.nats().stream().anyMatch(n -> n.kind() == NetworkShape.Kind.INSTANCE);
        boolean regional = shape.nats().stream().anyMatch(n -> n.kind() == NetworkShape.Kind.REGIONAL_GATEWAY);
        if (!shape.hasNat()) {
            against = "a NAT gateway in each zone (the plan has no NAT, so its endpoints are needed anyway)";
            natGb = priced(book, "nat-gateway.gb");
        } else if (instance) {
            against = "the plan's NAT instances (no per-GB fee)";
            natGb = Optional.empty();
        } else if (regional) {
            against = "the plan's regional NAT gateway";
            natGb = priced(book, "regional-nat-gateway.gb");
        } else {
            against = "the plan's NAT gateway" + (shape.nats().size() > 1 ? "s" : "");
            natGb = priced(book, "nat-gateway.gb");
        }
        if (shape.hasNat() && !instance && natGb.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal natRate = natGb.map(Price::firstRate).orElse(BigDecimal.ZERO);
        int crossing = shape.zonesWithoutOwnNat();
        if (crossing > 0) {
            // The share of a zone-spread GB that crosses to another zone, charged in both directions.
            natRate = natRate.add(interAz.get()
                            .firstRate()
                            .multiply(BigDecimal.TWO)
                            .multiply(BigDecimal.valueOf(crossing))
                            .divide(BigDecimal.valueOf(shape.azs()), 10, RoundingMode.HALF_UP))
                    .stripTrailingZeros();
        }
        BigDecimal natPath = natRate;
        BigDecimal perZoneFee = book.hoursPerMonth().multiply(azHour.get().firstRate());
        BigDecimal endpointGb = epGb.get().firstRate();
        Optional<BigDecimal> perZone =
                breakEvenPerZone(book.hoursPerMonth(), azHour.get().firstRate(), endpointGb, natPath);
        int zones = shape.azs();
        String text = perZone.map(gb -> "an interface endpoint for a service is cheaper than " + against + " above "
                        + Fmt.qty(gb.setScale(2, RoundingMode.HALF_UP)) + " GB/month per zone ("
                        + Fmt.qty(gb.multiply(BigDecimal.valueOf(zones)).setScale(2, RoundingMode.HALF_UP))
                        + " GB/month in "
                        + zones + " zones): " + Fmt.usd(perZoneFee) + " a zone a month ("
                        + Fmt.qty(book.hoursPerMonth())
                        + " h x " + Fmt.price(azHour.get().firstRate()) + ") / (" + Fmt.price(natPath) + " - "
                        + Fmt.price(endpointGb) + " per GB)")
                .orElse("an interface endpoint never pays for itself on price against " + against + ": it costs "
                        + Fmt.usd(perZoneFee) + " a zone a month plus " + Fmt.price(endpointGb) + "/GB, the NAT path "
                        + Fmt.price(natPath) + "/GB. Endpoints still keep that traffic private and off the NAT.");
        return Optional.of(new EndpointAdvice(against, zones, natPath, perZoneFee, endpointGb, perZone, text));
    }

    private static Optional<Price> priced(PriceBook book, String key) {
        return book.find(key).filter(Price::isPriced);
    }
}
