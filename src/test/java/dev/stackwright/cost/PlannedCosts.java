package dev.stackwright.cost;

import dev.stackwright.Stackwright;

/** The cost entry points over a planned spec, as the tests call them. */
public final class PlannedCosts {
    private PlannedCosts() {}

    public static CostEstimate estimate(Stackwright.Result r, PriceBook book) {
        return Costs.estimate(r.spec(), r.planned(), r.application(), r.existingVpc(), book);
    }

    public static CostEstimate networkEstimate(Stackwright.Result r, PriceBook book) {
        return Costs.networkEstimate(r.spec(), r.planned(), r.application(), r.existingVpc(), book);
    }

    public static String planSummary(Stackwright.Result r) {
        return Costs.planSummary(r.spec(), r.planned(), r.application(), r.existingVpc());
    }
}
