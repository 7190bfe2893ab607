package dev.stackwright.cost;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * On-demand list prices for one region, read from a versioned data file (never from code).
 *
 * @param origin        where the book was read from, for messages: a file path or {@code built-in us-east-1}
 * @param hoursPerMonth hours billed in a month of always-on use (730, the convention of AWS's calculator)
 * @param freeTierNote  what holds for every free allowance of the book (e.g. that AWS replaced its 12-month offers)
 */
public record PriceBook(
        String region,
        String version,
        String currency,
        BigDecimal hoursPerMonth,
        String origin,
        Map<String, Price> prices,
        Map<String, FreeTier> freeTiers,
        Optional<String> freeTierNote) {

    public PriceBook {
        prices = new TreeMap<>(prices);
        freeTiers = new TreeMap<>(freeTiers);
    }

    public Optional<Price> find(String key) {
        return Optional.ofNullable(prices.get(key));
    }

    /** Days in a billing month, consistent with {@link #hoursPerMonth}. */
    public BigDecimal daysPerMonth() {
        return hoursPerMonth.divide(BigDecimal.valueOf(24), 10, java.math.RoundingMode.HALF_UP);
    }

    /** Names the book in reports: {@code us-east-1 prices of 2026-11-22}. */
    public String label() {
        return region + " prices of " + version + " (" + currency + ", on-demand)";
    }
}
