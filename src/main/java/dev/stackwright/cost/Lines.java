package dev.stackwright.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The lines of a bill under construction, priced from one book: what every pricer writes its lines through. */
final class Lines {
    private final PriceBook book;
    private final List<CostLine> lines = new ArrayList<>();

    Lines(PriceBook book) {
        this.book = book;
    }

    List<CostLine> all() {
        return List.copyOf(lines);
    }

    /**
     * Adds the storage line of a CloudWatch log group that receives {@code gbPerMonth} and keeps it {@code days} days:
     * in steady state, a month's logs times the days over the days of a month, in GB-months.
     */
    void logStorage(String group, String resource, BigDecimal gbPerMonth, int days) {
        storage(group, resource, gbPerMonth, days, "cloudwatch-logs.storage.gb-month");
    }

    /** The same for logs kept {@code days} days in an S3 Standard bucket. */
    void s3Storage(String group, String resource, BigDecimal gbPerMonth, int days) {
        storage(group, resource, gbPerMonth, days, "s3.standard.gb-month");
    }

    private void storage(String group, String resource, BigDecimal gbPerMonth, int days, String key) {
        BigDecimal stored = gbPerMonth
                .multiply(BigDecimal.valueOf(days))
                .divide(book.daysPerMonth(), 10, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        add(
                group,
                resource,
                "stored " + days + " days",
                stored,
                key,
                Fmt.qty(gbPerMonth) + " GB/month x " + days + " days / " + Fmt.qty(book.daysPerMonth()) + " days");
    }

    /**
     * Adds a line that a free allowance covers whole (backup storage within the database's size): nothing above it to
     * charge, shown with how it was counted at $0, whether or not the book prices the excess.
     */
    void included(String group, String resource, String item, BigDecimal quantity, String key, String counted) {
        String unit = book.find(key).map(Price::unit).orElse("?");
        lines.add(new CostLine(
                group,
                resource,
                item,
                quantity,
                unit,
                Optional.of(BigDecimal.ZERO),
                Optional.of(BigDecimal.ZERO),
                counted,
                key,
                CostLine.Status.FREE,
                Optional.empty()));
    }

    /**
     * Adds the line(s) for a quantity of a price entry: one line per tier the quantity reaches, or one unpriced line
     * naming what is missing and how to add it.
     */
    void add(String group, String resource, String item, BigDecimal quantity, String key, String counted) {
        Optional<Price> found = book.find(key);
        if (found.isEmpty() || !found.get().isPriced()) {
            String why = found.isEmpty()
                    ? "no entry `" + key + "` in the price book (" + book.origin() + ")"
                    : "the price book's entry `" + key + "` has no confirmed price"
                            + found.get().note().map(n -> " (" + n + ")").orElse("");
            String fix = "add `\"" + key
                    + "\": {\"unit\": ..., \"price\": ..., \"source\": ..., \"read\": ..., \"confidence\": ...}` "
                    + "to the price book, from the service's AWS pricing page (docs/cost.md)";
            lines.add(new CostLine(
                    group,
                    resource,
                    item,
                    quantity,
                    found.map(Price::unit).orElse("?"),
                    Optional.empty(),
                    Optional.empty(),
                    counted,
                    key,
                    CostLine.Status.UNPRICED,
                    Optional.of(why + ". Fix: " + fix + ".")));
            return;
        }
        Price price = found.get();
        List<Price.TierCharge> charges = price.charge(quantity);
        for (Price.TierCharge c : charges) {
            String tierItem = price.isTiered() && charges.size() + tiersAbove(price, c) > 1
                    ? item + " [" + c.label() + " " + CostText.shortUnit(key, price.unit()) + "]"
                    : item;
            String formula = (charges.size() > 1 ? Fmt.qty(c.quantity()) : counted) + " x " + Fmt.price(c.unitPrice());
            CostLine.Status status = c.unitPrice().signum() == 0 ? CostLine.Status.FREE : CostLine.Status.PRICED;
            lines.add(new CostLine(
                    group,
                    resource,
                    tierItem,
                    c.quantity(),
                    price.unit(),
                    Optional.of(c.unitPrice()),
                    Optional.of(c.cost()),
                    formula,
                    key,
                    status,
                    Optional.empty()));
        }
    }

    /** Labels a tier line whenever the entry is tiered, so the reader sees which tier's price applies. */
    private static int tiersAbove(Price price, Price.TierCharge c) {
        return price.tiers().size() - 1 - c.index();
    }
}
