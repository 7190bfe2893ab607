package dev.stackwright.cli;

import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.diag.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "init", mixinStandardHelpOptions = true, description = "Write a commented starter stackwright.yml.")
final class InitCommand implements Callable<Integer> {
    @Option(
            names = {"-f", "--file"},
            paramLabel = "FILE",
            defaultValue = "stackwright.yml",
            description = "Where to write it (default: ${DEFAULT-VALUE}).")
    Path file;

    @Option(names = "--name", paramLabel = "NAME", description = "Project name (default: from the current directory).")
    @Nullable
    String name;

    @Option(names = "--force", description = "Overwrite an existing file.")
    boolean force;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws IOException {
        String project =
                name != null ? name : projectNameFrom(file.toAbsolutePath().getParent());
        dev.stackwright.spec.SpecLoader.requireValidName(project, SourceLocation.ofFile(file.toString()), "--name");
        String text = starter().replace("{{name}}", project);
        if (Files.isDirectory(file)) {
            throw problem(
                    "not-a-file",
                    "is a folder, not a file",
                    "give -f the path of the file to write, e.g. -f " + file.resolve("stackwright.yml"));
        }
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw problem(
                    "no-folder",
                    "the folder " + file.getParent() + " does not exist",
                    "make it first (mkdir -p " + file.getParent() + "), or give -f a path in an existing folder");
        }
        try {
            if (force) {
                Files.writeString(file, text, StandardCharsets.UTF_8);
            } else {
                Files.writeString(
                        file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
        } catch (FileAlreadyExistsException e) {
            throw problem(
                    "file-exists",
                    "already exists, so it was left alone",
                    "edit it, or pass --force to replace it with the starter");
        } catch (IOException e) {
            throw problem(
                    "unwritable",
                    "cannot be written (" + SynthCommand.reason(e) + ")",
                    "check the folder's permissions, or give -f another path");
        }
        command.commandLine().getOut().println("wrote " + file + ". Next: `stackwright plan -f " + file + "`");
        return Main.OK;
    }

    private InputException problem(String code, String what, String fix) {
        return new InputException(
                List.of(Diagnostic.error(code, SourceLocation.ofFile(file.toString()), "", what, null, fix)));
    }

    /** Turns a directory name into a valid project name: lower case, hyphens, 2 to 32 characters. */
    static String projectNameFrom(@Nullable Path dir) {
        String raw = dir == null || dir.getFileName() == null
                ? ""
                : dir.getFileName().toString();
        String cleaned = raw.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^[^a-z]+", "")
                .replaceAll("-+$", "");
        if (cleaned.length() > 32) {
            cleaned = cleaned.substring(0, 32).replaceAll("-+$", "");
        }
        return cleaned.length() < 2 ? "my-app" : cleaned;
    }

    private static String starter() throws IOException {
        try (InputStream in = InitCommand.class.getResourceAsStream("/dev/stackwright/cli/starter.yml")) {
            if (in == null) {
                throw new IllegalStateException("starter.yml is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
