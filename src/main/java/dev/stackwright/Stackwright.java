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

import java.nio.file.Path;
import java.util.Optional;

/**
 * The library entry point: spec file in, checked spec, network and application models and their templates out. The
 * command line is a thin front end over this.
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
     * Loads, checks and plans a spec file.
     *
     * @throws dev.stackwright.diag.InputException listing every problem in the spec
     */
    public static Result plan(Path specFile) {
        return fromSpec(SpecLoader.load(specFile));
    }

    /** Plans spec text; {@code fileName} names it in messages. */
    public static Result plan(String fileName, String text) {
        return fromSpec(SpecLoader.parse(fileName, text));
    }

    /** Plans a checked spec. */
    public static Result fromSpec(StackSpec spec) {
        // Only `frontDoor: auto` needs prices; a chosen front door never reads the price book.
        FrontDoorDecision decision = FrontDoorDecision.of(spec,
                spec.frontDoor().requested().isPresent() ? Optional.empty() : FrontDoorAuto.breakEven(spec));
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
