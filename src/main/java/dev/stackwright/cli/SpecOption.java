package dev.stackwright.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code -f} option shared by commands that read a spec. */
final class SpecOption {
    @Option(names = {"-f", "--file"}, paramLabel = "FILE", defaultValue = "stackwright.yml",
            description = "The spec to read (default: ${DEFAULT-VALUE}).")
    Path file;
}
