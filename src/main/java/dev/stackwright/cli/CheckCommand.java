package dev.stackwright.cli;

import dev.stackwright.Stackwright;
import dev.stackwright.analysis.Analysis;
import dev.stackwright.analysis.CheckReport;
import dev.stackwright.analysis.policy.Policy;
import dev.stackwright.analysis.policy.PolicyLoader;
import dev.stackwright.analysis.report.CheckJson;
import dev.stackwright.analysis.report.CheckSarif;
import dev.stackwright.analysis.report.CheckText;
import dev.stackwright.cfn.TemplateWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Prove the network is secure before deploying: what the internet reaches, each tier's internet "
                + "egress, the tier-to-tier matrix, the policy verdict and lint findings. Exits 1 when the policy is "
                + "violated or a finding is an error.")
final class CheckCommand implements Callable<Integer> {
    enum Format { text, json, sarif }

    @Mixin
    SpecOption spec;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text, json or sarif (SARIF 2.1.0, for GitHub code scanning) (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "A policy file; each section it has replaces the built-in policy's (see docs/analysis.md).")
    Path policy;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        Stackwright.Result result = spec.plan(command.commandLine().getErr());
        Policy rules = PolicyLoader.loadOrDefaults(policy, result.network());
        CheckReport report = Analysis.check(result, rules);
        String text = switch (format) {
            case text -> CheckText.render(report);
            case json -> TemplateWriter.write(CheckJson.render(report), TemplateWriter.Format.JSON);
            case sarif -> TemplateWriter.write(CheckSarif.render(report, uri(spec.file), result.spec().source()::keyLocation),
                    TemplateWriter.Format.JSON);
        };
        command.commandLine().getOut().print(text);
        return report.passed() ? Main.OK : Main.INPUT_PROBLEM;
    }

    /** The spec as code scanning sees it: relative to the working directory (the repository root in CI). */
    static String uri(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath();
        return absolute.startsWith(here) ? here.relativize(absolute).toString().replace('\\', '/') : absolute.toUri().toString();
    }
}
