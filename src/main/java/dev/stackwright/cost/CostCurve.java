package dev.stackwright.cost;

import java.math.BigDecimal;
import java.util.List;

/**
 * A monthly cost as a function of one volume (GB through NAT, requests): a fixed part, then a rate per unit that may
 * change at tier boundaries. What the report draws as a curve; its break-evens are where two of them cross.
 *
 * @param fixed the monthly cost at no volume
 * @param steps the rate per unit from each boundary on, the first from zero, in ascending order
 */
public record CostCurve(BigDecimal fixed, List<Step> steps) {
    /** From {@code from} units on, each unit costs {@code perUnit}. */
    public record Step(BigDecimal from, BigDecimal perUnit) {}

    public CostCurve {
        steps = List.copyOf(steps);
    }

    static CostCurve line(BigDecimal fixed, BigDecimal perUnit) {
        return new CostCurve(fixed, List.of(new Step(BigDecimal.ZERO, perUnit)));
    }

    /** The monthly cost at a volume. */
    public BigDecimal at(BigDecimal volume) {
        BigDecimal total = fixed;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            BigDecimal end = i + 1 < steps.size() ? volume.min(steps.get(i + 1).from()) : volume;
            if (end.compareTo(s.from()) > 0) {
                total = total.add(end.subtract(s.from()).multiply(s.perUnit()));
            }
        }
        return total;
    }
}
