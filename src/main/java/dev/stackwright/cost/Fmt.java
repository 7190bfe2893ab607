package dev.stackwright.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Display of money and quantities. Amounts stay exact {@link BigDecimal}s everywhere else; only these methods round,
 * and always the same way (half up), so output never depends on the machine's locale.
 */
public final class Fmt {
    private static final DecimalFormatSymbols ROOT = DecimalFormatSymbols.getInstance(Locale.ROOT);

    private Fmt() {}

    /** Dollars and cents: {@code $1,234.57}, {@code -$3.10}. */
    public static String usd(BigDecimal amount) {
        DecimalFormat f = new DecimalFormat("#,##0.00", ROOT);
        f.setRoundingMode(RoundingMode.HALF_UP);
        String text = f.format(amount.abs());
        boolean negative = amount.setScale(2, RoundingMode.HALF_UP).signum() < 0;
        return (negative ? "-$" : "$") + text;
    }

    /** A difference, always signed: {@code +$3.10}, {@code -$3.10}, {@code $0.00}. */
    public static String signedUsd(BigDecimal amount) {
        String text = usd(amount);
        return amount.setScale(2, RoundingMode.HALF_UP).signum() > 0 ? "+" + text : text;
    }

    /** A unit price exactly as the price book has it, at least to the cent: {@code $0.50}, {@code $0.0000166667}. */
    public static String price(BigDecimal price) {
        BigDecimal stripped = price.stripTrailingZeros();
        return "$" + (stripped.scale() < 2 ? price.setScale(2) : stripped).toPlainString();
    }

    /** A quantity with grouping and at most four decimals: {@code 1,460}, {@code 2.5}, {@code 1.1507}. */
    public static String qty(BigDecimal quantity) {
        DecimalFormat f = new DecimalFormat("#,##0.####", ROOT);
        f.setRoundingMode(RoundingMode.HALF_UP);
        return f.format(quantity);
    }

    /** Exact, without exponent or trailing zeros: {@code 0.045}, {@code 730}. */
    public static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
