package dev.stackwright;

import dev.stackwright.cfn.NetworkTemplate;
import dev.stackwright.cfn.Template;
import dev.stackwright.model.Network;
import dev.stackwright.plan.NetworkPlanner;
import dev.stackwright.spec.SpecLoader;
import dev.stackwright.spec.StackSpec;

import java.nio.file.Path;

/**
 * The library entry point: spec file in, checked spec, network model and templates out. The command line is a thin
 * front end over this.
 */
public final class Stackwright {
    private Stackwright() {
    }

    /** Everything one spec produces. */
    public record Result(StackSpec spec, Network network, Template networkTemplate) {
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

    private static Result fromSpec(StackSpec spec) {
        Network network = NetworkPlanner.plan(spec);
        return new Result(spec, network, NetworkTemplate.render(network));
    }
}
