package dev.stackwright.cli;

import dev.stackwright.Stackwright;
import dev.stackwright.cost.CostCompare;
import dev.stackwright.cost.CostEstimate;
import dev.stackwright.cost.CostJson;
import dev.stackwright.cost.CostText;
import dev.stackwright.cost.Costs;
import dev.stackwright.cost.PriceBook;
import dev.stackwright.cost.PriceBooks;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.diag.SourceLocation;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "cost",
        mixinStandardHelpOptions = true,
        description = {
            "Price the plan per month: every line with its quantity, unit price and formula, the free tier "
                    + "beside it, and every way out of the app tier priced on the same traffic (traffic: in the spec).",
            "Prices come from a price book: --prices FILE, else stackwright-prices/<region>.json beside the spec, "
                    + "else the built-in one (us-east-1). See docs/cost.md."
        })
final class CostCommand implements Callable<Integer> {
    enum Format {
        text,
        json
    }

    @Mixin
    SpecOption spec;

    @Option(
            names = "--format",
            defaultValue = "text",
            paramLabel = "FORMAT",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(
            names = "--compare",
            paramLabel = "OTHER.yml",
            description = "Another spec: prints what it costs more or less than this one, line by line.")
    @Nullable
    Path compare;

    @Option(
            names = "--prices",
            paramLabel = "FILE",
            description = "A price book to use instead of the region's (JSON, as docs/cost.md describes).")
    @Nullable
    Path prices;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter err = command.commandLine().getErr();
        Stackwright.Result result = spec.plan(err);
        CostEstimate estimate = estimate(result);
        String text;
        if (compare != null) {
            if (!Files.exists(compare)) {
                throw new InputException(List.of(Diagnostic.error(
                        "no-file",
                        SourceLocation.ofFile(compare.toString()),
                        "",
                        "the spec to compare with was not found",
                        null,
                        "check the path given to --compare")));
            }
            Stackwright.Result other = SpecOption.plan(compare, err);
            CostEstimate otherEstimate = estimate(other);
            warn(otherEstimate, compare, err);
            text = switch (format) {
                case text -> CostCompare.text(spec.file.toString(), estimate, compare.toString(), otherEstimate);
                case json -> CostCompare.json(spec.file.toString(), estimate, compare.toString(), otherEstimate);
            };
        } else {
            text = switch (format) {
                case text -> CostText.render(estimate);
                case json -> CostJson.render(estimate);
            };
        }
        warn(estimate, spec.file, err);
        command.commandLine().getOut().print(text);
        return Main.OK;
    }

    private CostEstimate estimate(Stackwright.Result result) {
        return estimate(result, Optional.ofNullable(prices));
    }

    /** The estimate of a planned spec with the price book {@code cost} would use; {@code report} shows the same. */
    static CostEstimate estimate(Stackwright.Result result, Optional<Path> prices) {
        PriceBook book = PriceBooks.forSpec(result.spec(), prices);
        return Costs.estimate(result.spec(), result.planned(), result.application(), result.existingVpc(), book);
    }

    /** What the user should act on goes to stderr too, so it is seen even when stdout is piped. */
    private static void warn(CostEstimate estimate, Path file, PrintWriter err) {
        for (String w : estimate.warnings()) {
            err.println(file + ": warning: " + w);
        }
    }
}
