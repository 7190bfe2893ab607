package dev.stackwright.cli;

import dev.stackwright.Stackwright;
import dev.stackwright.analysis.Analysis;
import dev.stackwright.analysis.policy.Policy;
import dev.stackwright.analysis.policy.PolicyLoader;
import dev.stackwright.analysis.policy.Violation;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.diag.SourceLocation;
import dev.stackwright.model.Network;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The analysis gate of {@code plan} and {@code synth}: they refuse a network that breaks the policy (the built-in
 * secure-by-default one, or the user's).
 */
final class GateOption {
    @Option(names = "--policy", paramLabel = "FILE",
            description = "A policy the network must satisfy; each section it has replaces the built-in policy's "
                    + "(see docs/analysis.md). Default: the built-in secure-by-default policy.")
    Path policy;

    /**
     * Starts the analysis on another thread: it is the slowest part of a short run, and the machine has a second
     * core while the caller renders the template.
     */
    Check start(Stackwright.Result result) {
        Network network = result.network();
        Policy rules = PolicyLoader.loadOrDefaults(policy, network);
        SourceLocation at = SourceLocation.ofFile(policy == null ? result.spec().source().file() : policy.toString());
        return new Check(CompletableFuture.supplyAsync(() -> Analysis.gate(network, rules)), at);
    }

    /** A running gate. */
    record Check(CompletableFuture<List<Violation>> violations, SourceLocation at) {
        /** @throws InputException listing every violation, each with its fix */
        void enforce() {
            List<Violation> found;
            try {
                found = violations.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            if (!found.isEmpty()) {
                throw new InputException(found.stream().map(v -> Diagnostic.error("policy-" + v.rule(), at, "policy." + v.rule(),
                        "the planned network breaks the policy: " + v.message() + " [" + v.resource() + "]", null, v.fix())).toList());
            }
        }
    }
}
