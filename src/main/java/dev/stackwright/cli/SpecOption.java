package dev.stackwright.cli;

import dev.stackwright.Stackwright;
import dev.stackwright.spec.SpecLoader;
import dev.stackwright.spec.StackSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code -f} option shared by commands that read a spec. */
final class SpecOption {
    @Option(
            names = {"-f", "--file"},
            paramLabel = "FILE",
            defaultValue = "stackwright.yml",
            description = "The spec to read (default: ${DEFAULT-VALUE}).")
    Path file;

    /** Plans the spec, printing its warnings to {@code err}; problems throw and reach Main's handler. */
    Stackwright.Result plan(PrintWriter err) {
        return plan(file, err);
    }

    /** Plans any spec file (e.g. the other side of {@code cost --compare}), printing its warnings to {@code err}. */
    static Stackwright.Result plan(Path specFile, PrintWriter err) {
        StackSpec spec = SpecLoader.load(specFile);
        // The front end reads what planning needs (the price book for `frontDoor: auto`, an existing VPC's folder);
        // planning itself reads nothing.
        Stackwright.Result result = Stackwright.fromSpec(spec, Stackwright.Facts.gather(spec));
        Main.warn(result.spec().warnings(), err);
        return result;
    }
}
