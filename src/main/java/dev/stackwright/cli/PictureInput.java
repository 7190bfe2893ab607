package dev.stackwright.cli;

import dev.stackwright.Stackwright;
import dev.stackwright.analysis.Analysis;
import dev.stackwright.analysis.BetweenReport;
import dev.stackwright.analysis.lint.LintContext;
import dev.stackwright.analysis.policy.PolicyLoader;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.diag.SourceLocation;
import dev.stackwright.diag.Suggestions;
import dev.stackwright.diagram.Diagram;
import dev.stackwright.model.Network;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The inputs of {@code diagram} and {@code report}: those of {@code check} ({@link InputOption}), a VPC to pick from
 * several, and each VPC checked the way {@code check} checks it (with {@code --policy} as check reads it), since the
 * pictures draw what the analysis proved.
 */
final class PictureInput {
    @Mixin
    InputOption input;

    @Option(
            names = "--vpc",
            paramLabel = "VPC",
            description = "With --template or --snapshot: draw only this VPC, named as check names it in its section "
                    + "titles; by default every VPC of the input, one under the other.")
    String vpc;

    @Option(
            names = "--policy",
            paramLabel = "FILE",
            description = "A policy file, as for check: each section it has replaces the built-in policy's, so the "
                    + "findings drawn are those `check --policy` reports (see docs/analysis.md).")
    @Nullable
    Path policy;

    /**
     * What was read, and each chosen VPC with its check.
     *
     * @param notes   the policy's notes (a name some VPCs lack), which {@code check} shows with the import's findings
     * @param between the flows between the input's VPCs as {@code check} judges them (with {@code --vpc}, those into
     *                and out of that VPC), with the input's options in their {@code why} commands
     */
    record Read(InputOption.Loaded loaded, List<Diagram.Vpc> vpcs, List<Diagnostic> notes, BetweenReport between) {}

    /**
     * Reads and checks the input; import findings go to {@code err} as warnings.
     *
     * @throws InputException on the input errors of {@code check}, or a {@code --vpc} that is not in the input
     */
    Read read(PrintWriter err) {
        InputOption.Loaded loaded = input.load(err);
        loaded.imported().findings().forEach(d -> err.println(d.format()));
        List<Network> networks = loaded.imported().networks();
        List<Diagram.Vpc> out = new ArrayList<>();
        if (loaded.spec().isPresent()) {
            Stackwright.Result r = loaded.spec().get();
            out.add(new Diagram.Vpc(
                    r.network(),
                    Optional.of(r.application()),
                    Analysis.check(
                            r.network(),
                            Optional.of(r.intent()),
                            OptionalInt.of(r.spec().network().maxTasks()),
                            PolicyLoader.loadOrDefaults(policy, r.network()))));
            return new Read(loaded, out, List.of(), BetweenReport.NONE);
        }
        // One policy for the whole input, as check loads it; its notes go to err with the import findings.
        PolicyLoader.Loaded rules = PolicyLoader.loadOrDefaults(policy, networks);
        rules.notes().forEach(d -> err.println(d.format()));
        List<String> names = networks.stream().map(Network::stackName).toList();
        if (vpc != null && !names.contains(vpc)) {
            throw new InputException(List.of(Diagnostic.error(
                    "no-such-vpc",
                    SourceLocation.ofFile(loaded.input()),
                    "--vpc",
                    "`" + vpc + "` is not a VPC of the input",
                    null,
                    Suggestions.closest(vpc, names)
                            .map(c -> "did you mean `" + c + "`?")
                            .orElse("use one of: " + String.join(", ", names)))));
        }
        for (Network n : networks) {
            if (vpc == null || n.stackName().equals(vpc)) {
                // Imported: what AWS has, with no intent for this VPC or the others (as check reads them).
                List<LintContext.Sibling> others = networks.stream()
                        .filter(o -> o != n)
                        .map(LintContext.Sibling::imported)
                        .toList();
                out.add(new Diagram.Vpc(
                        n,
                        Optional.empty(),
                        Analysis.check(
                                n,
                                Optional.empty(),
                                OptionalInt.empty(),
                                rules.policy(),
                                others,
                                loaded.imported().transitGateways())));
            }
        }
        // As check judges them, with the same policy; the page's why commands read the same input.
        BetweenReport across = WhyHints.withInput(
                Analysis.between(
                        networks,
                        loaded.imported().transitGateways(),
                        n -> rules.policy(),
                        rules.policy().source(),
                        Optional.ofNullable(vpc)),
                input.whyArguments());
        return new Read(loaded, out, rules.notes(), across);
    }
}
