package dev.stackwright.cli;

import dev.stackwright.Stackwright;
import dev.stackwright.analysis.Analysis;
import dev.stackwright.analysis.policy.Policy;
import dev.stackwright.analysis.policy.PolicyLoader;
import dev.stackwright.analysis.policy.Violation;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.diag.SourceLocation;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Network;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The analysis gate of {@code plan} and {@code synth}: they refuse a network that breaks the policy (the built-in
 * secure-by-default one, or the user's).
 */
final class GateOption {
    @Option(
            names = "--policy",
            paramLabel = "FILE",
            description = "A policy the network must satisfy; each section it has replaces the built-in policy's "
                    + "(see docs/analysis.md). Default: the built-in secure-by-default policy.")
    @Nullable
    Path policy;

    /**
     * Starts the analysis on another thread: it is the slowest part of a short run, and the machine has a second
     * core while the caller renders the template.
     */
    Check start(Stackwright.Result result) {
        Network network = result.network();
        Policy rules = PolicyLoader.loadOrDefaults(policy, network);
        SourceLocation at =
                SourceLocation.ofFile(policy == null ? result.spec().source().file() : policy.toString());
        // In a VPC the user brings, what was there before is not ours to refuse: only flows that touch what the stack
        // adds (its security groups' resources) block; the rest is reported.
        Set<String> ours = result.existingVpc()
                .map(vpc -> {
                    Set<String> own = Set.copyOf(vpc.ownGroups());
                    return network.attachments().stream()
                            .filter(a -> a.securityGroupNames().stream().anyMatch(own::contains))
                            .map(Attachment::name)
                            .collect(Collectors.toUnmodifiableSet());
                })
                .orElse(null);
        return new Check(
                CompletableFuture.supplyAsync(() -> Analysis.gate(network, rules)),
                at,
                ours,
                result.spec().source().file());
    }

    /**
     * A running gate.
     *
     * @param ours the resources the stacks add to a VPC the user brings; null when Stackwright plans the whole VPC
     */
    record Check(
            CompletableFuture<List<Violation>> violations,
            SourceLocation at,
            @Nullable Set<String> ours,
            String specFile) {
        /** Pre-existing violations shown before "and N more". */
        static final int SHOWN = 10;

        /**
         * Refuses a network that breaks the policy; in a VPC the user brings, prints what was already there as
         * warnings on {@code err} and refuses only what involves the stacks' own resources.
         *
         * @throws InputException listing every blocking violation, each with its fix
         */
        void enforce(PrintWriter err) {
            List<Violation> found;
            try {
                found = violations.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            List<Violation> blocking = ours == null
                    ? found
                    : found.stream().filter(this::involvesOurs).toList();
            List<Violation> before = ours == null
                    ? List.of()
                    : found.stream().filter(v -> !involvesOurs(v)).toList();
            for (Violation v : before.subList(0, Math.min(SHOWN, before.size()))) {
                err.println(
                        specFile + ": warning: the VPC you bring already breaks the policy (not refused: Stackwright "
                                + "did not create it): " + v.message() + " [" + v.resource() + "]");
            }
            if (before.size() > SHOWN) {
                err.println(specFile + ": warning: ... and " + (before.size() - SHOWN) + " more in the VPC you bring; "
                        + "`stackwright check" + WhyHints.option("-f", specFile) + "` lists them all");
            }
            err.flush();
            if (!blocking.isEmpty()) {
                String why =
                        Path.of(specFile).equals(Path.of("stackwright.yml")) ? "" : WhyHints.option("-f", specFile);
                throw new InputException(blocking.stream()
                        .map(v -> Diagnostic.error(
                                "policy-" + v.rule(),
                                at,
                                "policy." + v.rule(),
                                "the planned network breaks the policy: " + v.message() + " [" + v.resource() + "]",
                                null,
                                WhyHints.withInput(v.fix(), why)))
                        .toList());
            }
        }

        private boolean involvesOurs(Violation v) {
            Set<String> mine = java.util.Objects.requireNonNull(ours); // asked only in a VPC the user brings
            return v.targets().stream().anyMatch(mine::contains)
                    || v.sources().stream().anyMatch(mine::contains);
        }
    }
}
