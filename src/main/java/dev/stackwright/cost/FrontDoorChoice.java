package dev.stackwright.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ALB or API Gateway (HTTP or REST API) in front of the app, on the same traffic. An ALB has a fixed hourly fee and
 * LCUs that grow with traffic; API Gateway charges only per request, in volume tiers. Below the break-even volume API
 * Gateway is cheaper. Both pay the same internet egress, so it is left out of the comparison.
 */
public final class FrontDoorChoice {
    static final String HTTP = "apigw.http.million-requests";
    static final String REST = "apigw.rest.million-requests";
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

    private FrontDoorChoice() {}

    /**
     * What each request brings, so that every LCU dimension scales with the request count.
     *
     * @param kbPerRequest                 bytes processed per request: the request and its response together, in KB
     *                                     (1,000 bytes)
     * @param newConnectionsPerRequest     new connections per request (1 when clients do not reuse connections)
     * @param activeConnectionsPerRps      concurrent connections per request-per-second (average connection length in seconds)
     * @param rulesPerRequest              listener rules processed per request
     * @param publicAddresses              the ALB's public IPv4 addresses (one per zone), charged by the hour
     */
    public record Profile(
            BigDecimal kbPerRequest,
            BigDecimal newConnectionsPerRequest,
            BigDecimal activeConnectionsPerRps,
            int rulesPerRequest,
            int publicAddresses) {
        /**
         * The ALB's use at a steady request rate: every dimension grows with it. The bill and this comparison both
         * price the load balancer's capacity units from here, so they cannot disagree.
         */
        public AlbCost.Usage albUsage(BigDecimal requestsPerSecond, PriceBook book) {
            BigDecimal gbPerHour = kbPerRequest
                    .multiply(requestsPerSecond)
                    .multiply(SECONDS_PER_HOUR)
                    .divide(MILLION, 12, RoundingMode.HALF_UP);
            return new AlbCost.Usage(
                    newConnectionsPerRequest.multiply(requestsPerSecond),
                    activeConnectionsPerRps.multiply(requestsPerSecond),
                    gbPerHour,
                    AlbCost.ruleEvaluations(requestsPerSecond, rulesPerRequest, book));
        }
    }

    /**
     * Monthly costs at one volume, where each pair crosses, and each option's cost against the request volume (the
     * curves the break-evens are solved on).
     */
    public record Comparison(
            BigDecimal requestsPerMonth,
            BigDecimal alb,
            BigDecimal http,
            BigDecimal rest,
            Optional<BigDecimal> albVsHttp,
            Optional<BigDecimal> albVsRest,
            CostCurve albCurve,
            CostCurve httpCurve,
            CostCurve restCurve) {}

    /** The ALB's monthly cost at a request volume: fixed hours plus LCU-hours that grow linearly with requests. */
    public static BigDecimal albMonthly(Profile profile, BigDecimal requestsPerMonth, PriceBook book) {
        return fixed(profile, book).add(albPerRequest(profile, book).multiply(requestsPerMonth));
    }

    /** API Gateway's monthly cost, tiers split at their boundaries. */
    public static BigDecimal apiGatewayMonthly(String key, BigDecimal requestsPerMonth, PriceBook book) {
        return Prices.require(book, key).cost(requestsPerMonth.divide(MILLION, 10, RoundingMode.HALF_UP));
    }

    public static Comparison compare(Profile profile, BigDecimal requestsPerMonth, PriceBook book) {
        return new Comparison(
                requestsPerMonth,
                albMonthly(profile, requestsPerMonth, book),
                apiGatewayMonthly(HTTP, requestsPerMonth, book),
                apiGatewayMonthly(REST, requestsPerMonth, book),
                breakEven(profile, HTTP, book),
                breakEven(profile, REST, book),
                CostCurve.line(fixed(profile, book), albPerRequest(profile, book)),
                apiGatewayCurve(HTTP, book),
                apiGatewayCurve(REST, book));
    }

    /** API Gateway's monthly cost against requests: no fixed part, the book's tiers turned from millions to requests. */
    static CostCurve apiGatewayCurve(String key, PriceBook book) {
        Price api = Prices.require(book, key);
        List<Price.Tier> tiers =
                api.isTiered() ? api.tiers() : List.of(new Price.Tier(Optional.empty(), api.firstRate()));
        List<CostCurve.Step> steps = new ArrayList<>();
        BigDecimal start = BigDecimal.ZERO;
        for (Price.Tier tier : tiers) {
            steps.add(new CostCurve.Step(start.multiply(MILLION), tier.price().divide(MILLION)));
            if (tier.upTo().isEmpty()) {
                break;
            }
            start = tier.upTo().get();
        }
        return new CostCurve(BigDecimal.ZERO, steps);
    }

    /**
     * The request volume a month at which the ALB and an API Gateway type cost the same (API Gateway cheaper below),
     * solved tier by tier; empty when they never cross.
     */
    public static Optional<BigDecimal> breakEven(Profile profile, String apiKey, PriceBook book) {
        BigDecimal fixed = fixed(profile, book);
        BigDecimal albPerMillion = albPerRequest(profile, book).multiply(MILLION);
        Price api = Prices.require(book, apiKey);
        List<Price.Tier> tiers =
                api.isTiered() ? api.tiers() : List.of(new Price.Tier(Optional.empty(), api.firstRate()));
        BigDecimal start = BigDecimal.ZERO;
        BigDecimal costAtStart = BigDecimal.ZERO;
        for (Price.Tier tier : new ArrayList<>(tiers)) {
            BigDecimal slopeGap = albPerMillion.subtract(tier.price());
            if (slopeGap.signum() != 0) {
                // fixed + alb x m = costAtStart + price x (m - start)
                BigDecimal m = costAtStart
                        .subtract(tier.price().multiply(start))
                        .subtract(fixed)
                        .divide(slopeGap, 10, RoundingMode.HALF_UP);
                boolean inTier = m.compareTo(start) >= 0
                        && tier.upTo().map(end -> m.compareTo(end) <= 0).orElse(true);
                if (inTier && m.signum() > 0) {
                    return Optional.of(m.multiply(MILLION).setScale(0, RoundingMode.HALF_UP));
                }
            }
            if (tier.upTo().isEmpty()) {
                break;
            }
            costAtStart = costAtStart.add(tier.upTo().get().subtract(start).multiply(tier.price()));
            start = tier.upTo().get();
        }
        return Optional.empty();
    }

    /** The ALB's hours and its addresses' hours: what it costs with no traffic at all. */
    private static BigDecimal fixed(Profile profile, PriceBook book) {
        BigDecimal addresses = profile.publicAddresses() == 0
                ? BigDecimal.ZERO
                : BigDecimal.valueOf(profile.publicAddresses()).multiply(Prices.rate(book, "public-ipv4.hour"));
        return book.hoursPerMonth().multiply(Prices.rate(book, AlbCost.HOUR).add(addresses));
    }

    /**
     * LCU cost per request: the LCUs of a steady one request a second, over the 3,600 requests of its hour (every
     * dimension grows with the request count, so this is the same at any volume).
     */
    private static BigDecimal albPerRequest(Profile p, PriceBook book) {
        return AlbCost.lcuCostPerHour(p.albUsage(BigDecimal.ONE, book), book)
                .divide(SECONDS_PER_HOUR, 30, RoundingMode.HALF_UP);
    }
}
