package dev.stackwright.cost;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A free allowance. Stackwright never subtracts it from a total: it is shown as its own line, because whether it
 * applies depends on the account (what else uses the same allowance).
 *
 * @param appliesTo the price entry it covers, e.g. {@code data-transfer.internet-out.gb}
 * @param quantity  free units per month, in that entry's unit
 * @param term      when it applies, e.g. {@code every month}
 */
public record FreeTier(
        String key,
        String appliesTo,
        BigDecimal quantity,
        String unit,
        String term,
        String source,
        String read,
        String confidence,
        Optional<String> note) {}
