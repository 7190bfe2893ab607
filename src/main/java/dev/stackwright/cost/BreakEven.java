package dev.stackwright.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Where two linear costs, {@code fixed + slope x volume}, cross. Used for every "cheaper above X" in the report.
 *
 * @param volume where they cross, when they do at a positive volume
 * @param text   e.g. {@code cheaper above 208.57 GB/month}
 */
public record BreakEven(Optional<BigDecimal> volume, String text) {

    /**
     * Compares option A with option B.
     *
     * @param unit the volume's unit for the text, e.g. {@code GB/month through NAT}
     */
    public static BreakEven of(
            BigDecimal fixedA, BigDecimal slopeA, BigDecimal fixedB, BigDecimal slopeB, String unit) {
        int slopes = slopeA.compareTo(slopeB);
        int fixeds = fixedA.compareTo(fixedB);
        if (slopes == 0) {
            return new BreakEven(
                    Optional.empty(),
                    fixeds == 0
                            ? "the same at any volume"
                            : fixeds < 0 ? "cheaper at any volume" : "dearer at any volume");
        }
        BigDecimal at = fixedA.subtract(fixedB).divide(slopeB.subtract(slopeA), 10, RoundingMode.HALF_UP);
        if (at.signum() <= 0) {
            // They cross at zero or below: at every real volume the one with the smaller slope wins.
            return new BreakEven(Optional.empty(), slopes < 0 ? "cheaper at any volume" : "dearer at any volume");
        }
        String shown = Fmt.qty(at.setScale(2, RoundingMode.HALF_UP)) + " " + unit;
        return new BreakEven(Optional.of(at), slopes < 0 ? "cheaper above " + shown : "cheaper below " + shown);
    }
}
