package dev.stackwright.cost;

import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.diag.SourceLocation;
import java.math.BigDecimal;
import java.util.List;

/** Looks up what a calculation cannot do without, with a message that names the missing entry and how to add it. */
final class Prices {
    private Prices() {}

    static Price require(PriceBook book, String key) {
        Price price = book.find(key).orElseThrow(() -> missing(book, key, "has no entry for"));
        if (!price.isPriced()) {
            throw missing(book, key, "has no confirmed price for");
        }
        return price;
    }

    static BigDecimal rate(PriceBook book, String key) {
        return require(book, key).firstRate();
    }

    static BigDecimal fact(PriceBook book, String key, String fact) {
        return require(book, key)
                .fact(fact)
                .orElseThrow(() -> new InputException(List.of(Diagnostic.error(
                        "missing-fact",
                        SourceLocation.ofFile(book.origin()),
                        "prices." + key + "." + fact,
                        "the price book entry lacks this figure",
                        null,
                        "add it from the AWS page the entry cites (docs/cost.md)"))));
    }

    private static InputException missing(PriceBook book, String key, String what) {
        return new InputException(List.of(Diagnostic.error(
                "unpriced",
                SourceLocation.ofFile(book.origin()),
                "prices." + key,
                "the price book " + what + " this",
                null,
                "add `\"" + key + "\"` with unit, price, source, read and confidence, "
                        + "from the service's AWS pricing page (docs/cost.md)")));
    }
}
