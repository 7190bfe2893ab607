package dev.stackwright.cost;

import dev.stackwright.model.ExistingVpc;
import dev.stackwright.model.Network;
import dev.stackwright.model.PlannedNetwork;
import dev.stackwright.model.app.Application;
import dev.stackwright.plan.EndpointNeeds;
import dev.stackwright.plan.PipelinePlanner;
import dev.stackwright.spec.StackSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The cost package's entry point: a planned stack (spec, network, application) and a price book in, a monthly estimate out. Pure. */
public final class Costs {
    private Costs() {}

    /**
     * Both stacks, network and app.
     *
     * @param existingVpc the VPC the user brings, when the network is adopted: it is not priced
     */
    public static CostEstimate estimate(
            StackSpec spec,
            PlannedNetwork network,
            Application application,
            Optional<ExistingVpc> existingVpc,
            PriceBook book) {
        return estimate(spec, network, application, existingVpc, book, true);
    }

    /** The network stack alone, as the NAT alternatives compare it. */
    public static CostEstimate networkEstimate(
            StackSpec spec,
            PlannedNetwork network,
            Application application,
            Optional<ExistingVpc> existingVpc,
            PriceBook book) {
        return estimate(spec, network, application, existingVpc, book, false);
    }

    private static CostEstimate estimate(
            StackSpec spec,
            PlannedNetwork planned,
            Application application,
            Optional<ExistingVpc> existingVpc,
            PriceBook book,
            boolean withApp) {
        Network net = planned.network();
        boolean existing = existingVpc.isPresent();
        NetworkShape shape = existing ? null : NetworkShape.of(planned);
        // A VPC the user brings is already paid for: only what the stack adds to it is priced.
        NetworkPricer.Priced network = shape == null
                ? new NetworkPricer.Priced(
                        List.of(),
                        List.of(),
                        List.of("the existing VPC " + existingVpc.get().vpcId()
                                + " (its NAT, endpoints, flow logs) is not in this estimate: it is already yours"))
                : NetworkPricer.price(shape, spec.traffic(), book);
        NetworkPricer.Priced app = withApp
                ? AppPricer.price(application, net, spec.traffic(), book)
                : new NetworkPricer.Priced(List.of(), List.of(), List.of());
        NetworkPricer.Priced pipeline = withApp
                ? PipelinePlanner.plan(spec, application)
                        .map(p -> PipelinePricer.price(p, book))
                        .orElse(new NetworkPricer.Priced(List.of(), List.of(), List.of()))
                : new NetworkPricer.Priced(List.of(), List.of(), List.of());
        NetworkPricer.Priced priced = new NetworkPricer.Priced(
                concat(concat(network.lines(), app.lines()), pipeline.lines()),
                concat(concat(network.assumptions(), app.assumptions()), pipeline.assumptions()),
                concat(network.notes(), app.notes()));
        List<String> warnings = new ArrayList<>();
        if (!book.region().equals(net.region())) {
            warnings.add("the prices are " + book.region() + "'s but the stack deploys to " + net.region()
                    + "; pass that region's book with --prices, or add it (docs/cost.md)");
        }
        warnings.addAll(priced.notes());
        long unpriced = priced.lines().stream()
                .filter(l -> l.status() == CostLine.Status.UNPRICED)
                .count();
        if (unpriced > 0) {
            warnings.add(unpriced + (unpriced == 1 ? " line has" : " lines have") + " no price and "
                    + (unpriced == 1 ? "is" : "are") + " left out of the total: see Unpriced");
        }
        List<NatAlternatives.Alternative> alternatives = shape == null
                ? List.of()
                : NatAlternatives.compare(
                        shape, spec.network().natInstanceType(), EndpointNeeds.withoutNat(spec), spec.traffic(), book);
        return new CostEstimate(
                net.stackName(),
                spec.source().file(),
                net.region(),
                book,
                spec.traffic(),
                priced.lines(),
                FreeTierLine.of(priced.lines(), book),
                alternatives,
                shape == null ? Optional.empty() : EndpointAdvice.of(shape, book),
                priced.assumptions(),
                warnings,
                withApp
                        ? Optional.of(Choices.of(application, net.azs().size(), spec.traffic(), book))
                        : Optional.empty());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /**
     * The month's total and its three dearest lines, for {@code stackwright plan}: priced with the region's built-in
     * or dropped-in book. Never fails for want of a book; it says so instead.
     */
    public static String planSummary(
            StackSpec spec, PlannedNetwork network, Application application, Optional<ExistingVpc> existingVpc) {
        PriceBook book;
        try {
            book = PriceBooks.forSpec(spec, java.util.Optional.empty());
        } catch (dev.stackwright.diag.InputException e) {
            boolean missing = e.diagnostics().stream().anyMatch(d -> d.code().equals("no-price-book"));
            return missing
                    ? "no price book for " + spec.region() + " (`stackwright cost` says how to add one)\n"
                    : "the price book has problems (`stackwright cost` lists them)\n";
        }
        return CostText.summary(estimate(spec, network, application, existingVpc, book));
    }
}
