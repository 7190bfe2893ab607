package dev.stackwright.cli;

import dev.stackwright.Stackwright;
import dev.stackwright.analysis.Analysis;
import dev.stackwright.analysis.BetweenReport;
import dev.stackwright.analysis.CheckReport;
import dev.stackwright.analysis.lint.LintContext;
import dev.stackwright.analysis.policy.Policy;
import dev.stackwright.analysis.policy.PolicyLoader;
import dev.stackwright.analysis.report.CheckJson;
import dev.stackwright.analysis.report.CheckSarif;
import dev.stackwright.analysis.report.CheckText;
import dev.stackwright.cfn.TemplateWriter;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.SourceLocation;
import dev.stackwright.importer.Imported;
import dev.stackwright.meta.SideBySide;
import dev.stackwright.model.Network;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Prove the network is secure before deploying: what the internet reaches, each tier's internet "
                + "egress, the tier-to-tier matrix, the policy verdict and lint findings. Reads a spec, any "
                + "CloudFormation template (--template) or a describe-* snapshot (--snapshot); a template or snapshot "
                + "with several VPCs gets a section per VPC, then the flows between VPCs that a peering connection or "
                + "transit gateway joins. Exits 1 when the policy is violated or a finding is an error.")
final class CheckCommand implements Callable<Integer> {
    enum Format {
        text,
        json,
        sarif
    }

    @Mixin
    InputOption input;

    @Option(
            names = "--format",
            defaultValue = "text",
            paramLabel = "FORMAT",
            description = "text, json or sarif (SARIF 2.1.0, for GitHub code scanning) (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(
            names = "--policy",
            paramLabel = "FILE",
            description = "A policy file; each section it has replaces the built-in policy's (see docs/analysis.md).")
    @Nullable
    Path policy;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        InputOption.Loaded loaded = input.load(command.commandLine().getErr());
        if (loaded.spec().isEmpty()) {
            return imported(loaded);
        }
        Stackwright.Result result = loaded.spec().get();
        Policy rules = PolicyLoader.loadOrDefaults(policy, result.network());
        CheckReport report = WhyHints.withInput(
                Analysis.check(
                        result.network(),
                        Optional.of(result.intent()),
                        OptionalInt.of(result.spec().network().maxTasks()),
                        rules),
                input.whyArguments());
        PrintWriter out = command.commandLine().getOut();
        switch (format) {
            case text -> CheckText.render(report, out);
            case json -> {
                CheckJson.write(report, TemplateWriter.jsonGenerator(out));
                out.print("\n");
            }
            case sarif -> {
                CheckSarif.write(
                        report,
                        uri(input.specFile()),
                        result.spec().source()::keyLocation,
                        TemplateWriter.jsonGenerator(out));
                out.print("\n");
            }
        }
        return report.passed() ? Main.OK : Main.INPUT_PROBLEM;
    }

    /** Every VPC of a template or snapshot, each checked against the policy; import findings first. */
    private int imported(InputOption.Loaded loaded) {
        Imported imported = loaded.imported();
        // One policy for the whole input: a name must be some VPC's, and selects nothing in the others (a note says
        // so).
        PolicyLoader.Loaded rules = PolicyLoader.loadOrDefaults(policy, imported.networks());
        // Each VPC has an engine of its own over immutable models: checked side by side, reports in input order.
        List<CheckReport> reports = SideBySide.map(imported.networks(), n -> checkOne(imported, n, rules.policy()));
        // Flows from one VPC into another, judged by the same policy with the destination VPC's names and ports.
        BetweenReport between = WhyHints.withInput(
                Analysis.between(
                        imported.networks(),
                        imported.transitGateways(),
                        n -> rules.policy(),
                        rules.policy().source()),
                input.whyArguments());
        // The policy's notes are shown where the input's own findings are: located in the file they are about.
        List<Diagnostic> findings = java.util.stream.Stream.concat(imported.findings().stream(), rules.notes().stream())
                .toList();
        PrintWriter out = command.commandLine().getOut();
        switch (format) {
            // Each format is written as it is made: a large account's report runs to hundreds of MB.
            case text -> CheckText.render(loaded.input(), reports, findings, between, out);
            case json -> {
                CheckJson.write(loaded.input(), reports, findings, between, TemplateWriter.jsonGenerator(out));
                out.print("\n");
            }
            case sarif -> {
                CheckSarif.write(
                        reports,
                        findings,
                        between,
                        imported::place,
                        SourceLocation.ofFile(loaded.input()),
                        f -> uri(Path.of(f)),
                        TemplateWriter.jsonGenerator(out));
                out.print("\n");
            }
        }
        return Analysis.passed(imported.hasErrors(), reports, between) ? Main.OK : Main.INPUT_PROBLEM;
    }

    /** One VPC of an input, checked against the policy. */
    private CheckReport checkOne(Imported imported, Network n, Policy rules) {
        // Imported: what AWS has, with no intent (no environment, NAT or access mode) for this VPC or the others.
        List<LintContext.Sibling> others = imported.networks().stream()
                .filter(o -> o != n)
                .map(LintContext.Sibling::imported)
                .toList();
        return WhyHints.withInput(
                Analysis.check(n, Optional.empty(), OptionalInt.empty(), rules, others, imported.transitGateways()),
                input.whyArguments());
    }

    /** The spec as code scanning sees it: relative to the working directory (the repository root in CI). */
    static String uri(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath();
        return absolute.startsWith(here)
                ? here.relativize(absolute).toString().replace('\\', '/')
                : absolute.toUri().toString();
    }
}
