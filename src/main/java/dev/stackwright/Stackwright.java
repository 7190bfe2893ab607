package dev.stackwright;

import dev.stackwright.adopt.ExistingVpcPlanner;
import dev.stackwright.adopt.VpcFolder;
import dev.stackwright.cfn.AppTemplate;
import dev.stackwright.cfn.NetworkTemplate;
import dev.stackwright.cfn.PipelineTemplate;
import dev.stackwright.cfn.RegistryTemplate;
import dev.stackwright.cfn.Template;
import dev.stackwright.cost.FrontDoorAuto;
import dev.stackwright.model.ExistingVpc;
import dev.stackwright.model.Intent;
import dev.stackwright.model.Network;
import dev.stackwright.model.PlannedNetwork;
import dev.stackwright.model.app.Application;
import dev.stackwright.model.app.Pipeline;
import dev.stackwright.plan.AppPlanner;
import dev.stackwright.plan.FrontDoorDecision;
import dev.stackwright.plan.NetworkPlanner;
import dev.stackwright.plan.PipelinePlanner;
import dev.stackwright.spec.SpecLoader;
import dev.stackwright.spec.StackSpec;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The library entry point: spec file in, checked spec, network and application models and their templates out. The
 * command line is a thin front end over this.
 *
 * <p>Planning itself ({@link #fromSpec(StackSpec, Facts)}) is a function of the spec and of the facts handed to it:
 * it reads no file and no price. The other entry points are conveniences that first read those facts
 * ({@link Facts#gather}): the region's price book for {@code frontDoor: auto}, the folder of an existing VPC.
 */
public final class Stackwright {
    private Stackwright() {}

    /**
     * Everything one spec produces: the network stack, the registry stack when the app runs from the project's own
     * repository ({@link #registryTemplate()}), then the app stack.
     *
     * @param planned     the network and what the spec meant by it
     * @param existingVpc the VPC the user brings ({@code network.existingVpc}): the network stack then holds only the
     *                    security groups
     */
    public record Result(
            StackSpec spec,
            PlannedNetwork planned,
            Application application,
            Template networkTemplate,
            Template appTemplate,
            Optional<ExistingVpc> existingVpc) {
        public Result(
                StackSpec spec,
                PlannedNetwork planned,
                Application application,
                Template networkTemplate,
                Template appTemplate) {
            this(spec, planned, application, networkTemplate, appTemplate, Optional.empty());
        }

        /**
         * The registry stack's template ({@code <name>-registry}, the project's ECR repository), when the app runs from
         * it; empty when the spec's image is elsewhere and there is nothing to push.
         */
        public Optional<Template> registryTemplate() {
            return application.registryImage().map(image -> RegistryTemplate.render(application));
        }

        /** The network as AWS will have it. */
        public Network network() {
            return planned.network();
        }

        /** What the spec meant by the network. */
        public Intent intent() {
            return planned.intent();
        }

        /** The project's pipeline, when the spec has {@code pipeline:}: planned from the spec, on demand. */
        public Optional<Pipeline> pipeline() {
            return PipelinePlanner.plan(spec, application);
        }

        /** The pipeline stack's template, {@code <name>-pipeline}, when the spec has {@code pipeline:}. */
        public Optional<Template> pipelineTemplate() {
            return pipeline().map(PipelineTemplate::render);
        }
    }

    /**
     * Loads, checks and plans a spec file, with the facts {@link Facts#gather} reads for it.
     *
     * @throws dev.stackwright.diag.InputException listing every problem in the spec
     */
    public static Result plan(Path specFile) {
        return fromSpec(SpecLoader.load(specFile));
    }

    /** Plans spec text; {@code fileName} names it in messages. With the facts {@link Facts#gather} reads for it. */
    public static Result plan(String fileName, String text) {
        return fromSpec(SpecLoader.parse(fileName, text));
    }

    /** Plans a checked spec, with the facts {@link Facts#gather} reads for it. */
    public static Result fromSpec(StackSpec spec) {
        return fromSpec(spec, Facts.gather(spec));
    }

    /**
     * What planning is told rather than finds out for itself, so that planning reads no file.
     *
     * @param frontDoorBreakEven requests a month at which an ALB and an HTTP API cost the same for the spec's traffic,
     *                           when a price book can say; empty falls back to
     *                           {@link FrontDoorDecision#FALLBACK_THRESHOLD}
     * @param existingVpc        the folder describing the VPC the user brings ({@code network.existingVpc}), as read
     */
    public record Facts(Optional<BigDecimal> frontDoorBreakEven, Optional<VpcFolder> existingVpc) {
        /** No price book and no existing VPC: {@code frontDoor: auto} falls back to the fixed threshold. */
        public static Facts none() {
            return new Facts(Optional.empty(), Optional.empty());
        }

        /**
         * Reads what the spec asks for: the region's price book (built in, or dropped in beside the spec) only for
         * {@code frontDoor: auto}, since a chosen front door never reads it; the existing VPC's folder only when the
         * spec names one.
         *
         * @throws dev.stackwright.diag.InputException when the existing VPC's folder does not exist or cannot be read
         */
        public static Facts gather(StackSpec spec) {
            Optional<BigDecimal> breakEven =
                    spec.frontDoor().requested().isPresent() ? Optional.empty() : FrontDoorAuto.breakEven(spec);
            return new Facts(
                    breakEven,
                    spec.network().existingVpc().isPresent() ? Optional.of(VpcFolder.read(spec)) : Optional.empty());
        }
    }

    /**
     * Plans a checked spec. Pure: reads no file and no price book; the same spec and facts give the same bytes.
     *
     * @throws IllegalArgumentException when the spec brings a VPC and the facts lack its folder
     */
    public static Result fromSpec(StackSpec spec, Facts facts) {
        FrontDoorDecision decision = FrontDoorDecision.of(spec, facts.frontDoorBreakEven());
        if (spec.network().existingVpc().isPresent()) {
            VpcFolder folder = facts.existingVpc()
                    .orElseThrow(() -> new IllegalArgumentException("the spec brings the VPC "
                            + spec.network().existingVpc().get() + " but the facts hold no folder for it;"
                            + " pass Stackwright.Facts.gather(spec)"));
            ExistingVpcPlanner.Adopted adopted = ExistingVpcPlanner.plan(spec, decision.kind(), folder);
            Application application = AppPlanner.plan(spec, adopted.network(), decision);
            return new Result(
                    spec,
                    adopted.network(),
                    application,
                    NetworkTemplate.renderAdopted(adopted.network(), adopted.vpc()),
                    AppTemplate.render(application, adopted.network()),
                    Optional.of(adopted.vpc()));
        }
        PlannedNetwork network = NetworkPlanner.plan(spec, decision.kind());
        Application application = AppPlanner.plan(spec, network, decision);
        return new Result(
                spec, network, application, NetworkTemplate.render(network), AppTemplate.render(application, network));
    }
}
