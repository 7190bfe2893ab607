package dev.stackwright.cost;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * One line of a monthly bill: what, how much, at what unit price, and the formula that gives the amount.
 *
 * @param group     where it lives: {@code public}, {@code app}, {@code data} (subnet tiers) or {@code vpc} (region-wide)
 * @param resource  the resource it belongs to, e.g. {@code nat-a}, {@code logs-endpoint}
 * @param item      what is charged, e.g. {@code NAT instance t4g.nano}
 * @param quantity  units in the month
 * @param unit      the price book's unit, e.g. {@code NAT gateway-hour}
 * @param unitPrice the price of one unit; empty when unpriced
 * @param monthly   quantity x unit price, exact; empty when unpriced
 * @param formula   how the quantity and amount come about, e.g. {@code 2 addresses x 730 h x $0.005}
 * @param priceKey  the price book entry, e.g. {@code public-ipv4.hour}
 * @param problem   why it is unpriced, with the fix
 */
public record CostLine(
        String group,
        String resource,
        String item,
        BigDecimal quantity,
        String unit,
        Optional<BigDecimal> unitPrice,
        Optional<BigDecimal> monthly,
        String formula,
        String priceKey,
        Status status,
        Optional<String> problem) {

    public enum Status {
        /** Charged at a price from the book. */
        PRICED,
        /**
         * The book says it costs nothing (e.g. gateway endpoints), or an allowance covers it whole (backup storage within
         * the database's size): shown, at $0.
         */
        FREE,
        /** No price in the book: listed, left out of the total, never shown as $0. */
        UNPRICED
    }

    /** Identifies the line across two estimates, for {@code --compare}. */
    public String key() {
        return group + " / " + resource + " / " + item;
    }

    public BigDecimal amount() {
        return monthly.orElse(BigDecimal.ZERO);
    }
}
