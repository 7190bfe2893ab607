package dev.stackwright;

import dev.stackwright.adopt.ExistingVpcPlanner;
import dev.stackwright.cfn.AppTemplate;
import dev.stackwright.cfn.NetworkTemplate;
import dev.stackwright.cfn.Template;
import dev.stackwright.cost.FrontDoorAuto;
import dev.stackwright.model.ExistingVpc;
import dev.stackwright.model.Network;
import dev.stackwright.model.app.Application;
import dev.stackwright.plan.AppPlanner;
import dev.stackwright.plan.FrontDoorDecision;
import dev.stackwright.plan.NetworkPlanner;
import dev.stackwright.spec.SpecLoader;
import dev.stackwright.spec.StackSpec;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The library entry point: spec file in, checked spec, network and application models and their templates out. The
 * command line is a thin front end over this.
 *
 * <p>Planning itself ({@link #fromSpec(StackSpec, Optional)}) is a function of the spec and of the facts handed to it:
 * it reads no file and no price. The other entry points are conveniences that also pick the region's price book for
 * {@code frontDoor: auto}.
 */
public final class Stackwright {
    private Stackwright() {
    }

    /**
     * Everything one spec produces: two stacks, the network first.
     *
     * @param existingVpc the VPC the user brings ({@code network.existingVpc}): the network stack then holds only the
     *                    security groups
     */
    public record Result(StackSpec spec, Network network, Application application, Template networkTemplate,
                         Template appTemplate, Optional<ExistingVpc> existingVpc) {
        public Result(StackSpec spec, Network network, Application application, Template networkTemplate, Template appTemplate) {
            this(spec, network, application, networkTemplate, appTemplate, Optional.empty());
        }
    }

    /**
     * Loads, checks and plans a spec file, pricing {@code frontDoor: auto} with the region's book.
     *
     * @throws dev.stackwright.diag.InputException listing every problem in the spec
     */
    public static Result plan(Path specFile) {
        return fromSpec(SpecLoader.load(specFile));
    }

    /** Plans spec text; {@code fileName} names it in messages. Prices {@code frontDoor: auto} with the region's book. */
    public static Result plan(String fileName, String text) {
        return fromSpec(SpecLoader.parse(fileName, text));
    }

    /** Plans a checked spec, pricing {@code frontDoor: auto} with the region's book. */
    public static Result fromSpec(StackSpec spec) {
        return fromSpec(spec, frontDoorBreakEven(spec));
    }

    /**
     * The monthly request volume at which an ALB and an HTTP API cost the same for the spec's traffic, from the
     * region's price book (built in, or dropped in beside the spec). Only {@code frontDoor: auto} needs it: a chosen
     * front door never reads the price book. Empty when no book can say.
     */
    public static Optional<BigDecimal> frontDoorBreakEven(StackSpec spec) {
        return spec.frontDoor().requested().isPresent() ? Optional.empty() : FrontDoorAuto.breakEven(spec);
    }

    /**
     * Plans a checked spec. Pure: reads no file and no price book; the same spec and break-even give the same bytes.
     *
     * @param frontDoorBreakEven requests a month at which an ALB and an HTTP API cost the same for this traffic, when
     *                           priced ({@link #frontDoorBreakEven}); empty falls back to
     *                           {@link FrontDoorDecision#FALLBACK_THRESHOLD}
     */
    public static Result fromSpec(StackSpec spec, Optional<BigDecimal> frontDoorBreakEven) {
        FrontDoorDecision decision = FrontDoorDecision.of(spec, frontDoorBreakEven);
        if (spec.network().existingVpc().isPresent()) {
            ExistingVpcPlanner.Adopted adopted = ExistingVpcPlanner.plan(spec, decision.kind());
            Application application = AppPlanner.plan(spec, adopted.network(), decision);
            return new Result(spec, adopted.network(), application, NetworkTemplate.renderAdopted(adopted.network(), adopted.vpc()),
                    AppTemplate.render(application, adopted.network()), Optional.of(adopted.vpc()));
        }
        Network network = NetworkPlanner.plan(spec, decision.kind());
        Application application = AppPlanner.plan(spec, network, decision);
        return new Result(spec, network, application, NetworkTemplate.render(network), AppTemplate.render(application, network));
    }
}
