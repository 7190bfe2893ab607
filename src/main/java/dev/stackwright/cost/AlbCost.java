package dev.stackwright.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Application Load Balancer cost. An hour is billed at the load balancer rate plus LCUs, and the LCUs of an hour are
 * the largest of four dimensions (each averaged over the hour), which the price book defines:
 * https://aws.amazon.com/elasticloadbalancing/pricing/
 */
public final class AlbCost {
    static final String HOUR = "alb.hour";
    static final String LCU_HOUR = "alb.lcu-hour";

    private AlbCost() {}

    /**
     * An hour's average use.
     *
     * @param ruleEvaluationsPerSecond requests per second x rules processed beyond the free ones, see {@link #ruleEvaluations}
     */
    public record Usage(
            BigDecimal newConnectionsPerSecond,
            BigDecimal activeConnectionsPerMinute,
            BigDecimal processedGbPerHour,
            BigDecimal ruleEvaluationsPerSecond) {}

    /** LCUs by dimension; the bill takes the largest. */
    public record Lcus(
            BigDecimal newConnections,
            BigDecimal activeConnections,
            BigDecimal processedBytes,
            BigDecimal ruleEvaluations) {
        public BigDecimal billed() {
            return newConnections.max(activeConnections).max(processedBytes).max(ruleEvaluations);
        }

        /** The dimension that sets the bill. */
        public String dominant() {
            BigDecimal max = billed();
            if (processedBytes.compareTo(max) == 0) {
                return "processed bytes";
            }
            if (newConnections.compareTo(max) == 0) {
                return "new connections";
            }
            if (activeConnections.compareTo(max) == 0) {
                return "active connections";
            }
            return "rule evaluations";
        }
    }

    /** Rule evaluations per second: requests per second x the rules processed per request beyond the free ones. */
    public static BigDecimal ruleEvaluations(BigDecimal requestsPerSecond, int rulesPerRequest, PriceBook book) {
        BigDecimal free = Prices.fact(book, LCU_HOUR, "dimensions.freeRulesPerRequest");
        BigDecimal charged = BigDecimal.valueOf(rulesPerRequest).subtract(free).max(BigDecimal.ZERO);
        return requestsPerSecond.multiply(charged);
    }

    /** Each dimension divided by what one LCU provides. */
    public static Lcus lcus(Usage usage, PriceBook book) {
        return new Lcus(
                per(usage.newConnectionsPerSecond(), book, "newConnectionsPerSecond"),
                per(usage.activeConnectionsPerMinute(), book, "activeConnectionsPerMinute"),
                per(usage.processedGbPerHour(), book, "processedGbPerHour"),
                per(usage.ruleEvaluationsPerSecond(), book, "ruleEvaluationsPerSecond"));
    }

    /** The LCU charge of one hour at this use. */
    public static BigDecimal lcuCostPerHour(Usage usage, PriceBook book) {
        return lcus(usage, book).billed().multiply(Prices.rate(book, LCU_HOUR));
    }

    /** A month of this average use: hours x (load balancer-hour + billed LCUs x LCU-hour). */
    public static BigDecimal monthly(Usage usage, PriceBook book) {
        return book.hoursPerMonth().multiply(Prices.rate(book, HOUR).add(lcuCostPerHour(usage, book)));
    }

    private static BigDecimal per(BigDecimal value, PriceBook book, String dimension) {
        return value.divide(Prices.fact(book, LCU_HOUR, "dimensions." + dimension), 10, RoundingMode.HALF_UP)
                .stripTrailingZeros();
    }
}
