package dev.stackwright.cli;

import dev.stackwright.Stackwright;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.importer.Imported;
import dev.stackwright.importer.cfn.TemplateImporter;
import dev.stackwright.importer.snapshot.Snapshot;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The three inputs of {@code check} and {@code why}: a spec ({@code -f}, the default), any CloudFormation template
 * ({@code --template}) or a folder of {@code aws ec2 describe-*} outputs ({@code --snapshot}); one at a time.
 */
final class InputOption {
    static final class Choice {
        @Option(
                names = {"-f", "--file"},
                paramLabel = "FILE",
                description = "The spec to read (default: stackwright.yml).")
        @Nullable
        Path file;

        @Option(
                names = "--template",
                paramLabel = "FILE",
                description = "Check any CloudFormation template (JSON or YAML) instead of a spec.")
        @Nullable
        Path template;

        @Option(
                names = "--snapshot",
                paramLabel = "DIR",
                description = "Check a folder of `aws ec2 describe-*` JSON outputs instead of a spec.")
        @Nullable
        Path snapshot;
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    @Nullable
    Choice choice;

    @Option(
            names = "--region",
            paramLabel = "REGION",
            description = "With --template: the region AWS::Region and Fn::GetAZs stand for (default: us-east-1).")
    @Nullable
    String region;

    @Option(
            names = "--parameter",
            paramLabel = "KEY=VALUE",
            description = "With --template: a value for a template parameter (over its default); repeatable.")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(
            names = "--import-value",
            paramLabel = "NAME=VALUE",
            description =
                    "With --template: the value another stack exports under NAME, for Fn::ImportValue; repeatable.")
    Map<String, String> imports = new LinkedHashMap<>();

    /** What was read: a planned spec, or the networks of a template or snapshot with the import's findings. */
    record Loaded(String input, Optional<Stackwright.Result> spec, Imported imported) {}

    /**
     * The options that name this input, to repeat in the {@code why} commands that fixes suggest: nothing for the
     * default spec, else {@code -f}, {@code --template} (with its region, parameters and import values) or {@code --snapshot}.
     */
    String whyArguments() {
        if (choice != null && choice.template != null) {
            StringBuilder out = new StringBuilder(WhyHints.option("--template", choice.template.toString()));
            if (region != null) {
                out.append(WhyHints.option("--region", region));
            }
            // The parameters given decide what the template holds: without them the command may find no network.
            parameters.forEach((k, v) -> out.append(WhyHints.option("--parameter", k + "=" + v)));
            imports.forEach((k, v) -> out.append(WhyHints.option("--import-value", k + "=" + v)));
            return out.toString();
        }
        if (choice != null && choice.snapshot != null) {
            return WhyHints.option("--snapshot", choice.snapshot.toString());
        }
        return specFile().equals(Path.of("stackwright.yml"))
                ? ""
                : WhyHints.option("-f", specFile().toString());
    }

    Path specFile() {
        return choice == null || choice.file == null ? Path.of("stackwright.yml") : choice.file;
    }

    /**
     * Reads the chosen input; spec warnings and problems behave as for every spec command.
     *
     * @throws InputException when nothing could be analysed (no VPC, or the input could not be read)
     */
    Loaded load(PrintWriter err) {
        Path template = choice == null ? null : choice.template;
        Path snapshot = choice == null ? null : choice.snapshot;
        if (template == null) {
            // Silently ignored, a value meant for a template would leave the user believing it was used.
            String templateOnly = !parameters.isEmpty()
                    ? "--parameter"
                    : !imports.isEmpty() ? "--import-value" : region != null ? "--region" : null;
            if (templateOnly != null) {
                throw new CommandLine.ParameterException(
                        mixee.commandLine(),
                        templateOnly + " applies to --template only: a spec and a snapshot carry their own values");
            }
        }
        if (template == null && snapshot == null) {
            Stackwright.Result result = SpecOption.plan(specFile(), err);
            return new Loaded(
                    specFile().toString(), Optional.of(result), new Imported(List.of(result.network()), List.of()));
        }
        Imported imported;
        String input;
        if (template != null) {
            input = template.toString();
            if (Files.isDirectory(template)) {
                throw missing(
                        input,
                        "is a folder, not a template",
                        "give the path of a template file, e.g. cdk.out/MyStack.template.json");
            }
            if (!Files.exists(template)) {
                throw missing(
                        input,
                        "there is no such file",
                        "give the path of a template, e.g. cdk.out/MyStack.template.json");
            }
            imported = TemplateImporter.read(
                    template, new TemplateImporter.Options(region == null ? "us-east-1" : region, parameters, imports));
        } else {
            input = java.util.Objects.requireNonNull(snapshot).toString(); // the group gave one of the three
            if (!Files.isDirectory(snapshot)) {
                throw missing(input, "there is no such folder", "give a folder of `aws ec2 describe-*` JSON outputs");
            }
            imported = Snapshot.read(snapshot);
        }
        if (imported.networks().isEmpty()) {
            throw new InputException(imported.findings());
        }
        return new Loaded(input, Optional.empty(), imported);
    }

    private static InputException missing(String input, String message, String fix) {
        return new InputException(List.of(Diagnostic.error(
                "not-found", dev.stackwright.diag.SourceLocation.ofFile(input), "", message, null, fix)));
    }
}
