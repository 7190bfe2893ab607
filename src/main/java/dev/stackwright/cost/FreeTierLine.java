package dev.stackwright.cost;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a free allowance could take off the bill. Shown beside the total, never subtracted from it.
 *
 * @param covered units of the month's use that the allowance covers
 * @param saving  covered units at the entry's first-tier rate
 */
public record FreeTierLine(
        String key, String priceKey, BigDecimal covered, String unit, BigDecimal saving, String term, String formula) {

    /** The allowances that apply to priced lines, in key order. */
    static List<FreeTierLine> of(List<CostLine> lines, PriceBook book) {
        Map<String, BigDecimal> used = new TreeMap<>();
        for (CostLine l : lines) {
            if (l.status() == CostLine.Status.PRICED) {
                used.merge(l.priceKey(), l.quantity(), BigDecimal::add);
            }
        }
        List<FreeTierLine> out = new ArrayList<>();
        for (FreeTier free : book.freeTiers().values()) {
            BigDecimal use = used.get(free.appliesTo());
            if (use == null || use.signum() == 0) {
                continue;
            }
            Price price = book.find(free.appliesTo()).orElseThrow();
            BigDecimal covered = use.min(free.quantity());
            BigDecimal rate = price.firstRate();
            out.add(new FreeTierLine(
                    free.key(),
                    free.appliesTo(),
                    covered,
                    free.unit(),
                    covered.multiply(rate),
                    free.term(),
                    Fmt.qty(covered) + " of " + Fmt.qty(use) + " " + CostText.shortUnit(free.appliesTo(), price.unit())
                            + " x " + Fmt.price(rate)));
        }
        return out;
    }
}
