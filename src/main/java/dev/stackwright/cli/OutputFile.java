package dev.stackwright.cli;

import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.diag.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A file a command writes with {@code -o}: a file already there is replaced only when Stackwright wrote it (its
 * head carries {@code marker}) or the user says {@code --force}, so a typo in {@code -o} cannot destroy their work.
 */
final class OutputFile {
    /** How much of the head of an existing file is searched for the marker. */
    private static final int HEAD = 512;

    private OutputFile() {}

    /**
     * Writes {@code text} to {@code file}.
     *
     * @throws InputException when the file exists, was not written by Stackwright and {@code force} is off, or cannot
     *                        be written
     */
    static void write(Path file, String text, String marker, boolean force) {
        if (Files.isDirectory(file)) {
            throw problem(file, "is a folder", "give a file name, e.g. " + file.resolve("diagram.svg"));
        }
        if (Files.exists(file) && !force && !writtenByUs(file, marker)) {
            throw problem(
                    file,
                    "exists and was not written by Stackwright, so it is left as it is",
                    "choose another -o path, or add --force to replace it");
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw problem(file, "cannot be written (" + e.getMessage() + ")", "check the path and its permissions");
        }
    }

    /** Whether the file's head carries the marker our writers put there. */
    static boolean writtenByUs(Path file, String marker) {
        try (InputStream in = Files.newInputStream(file)) {
            String head = new String(in.readNBytes(HEAD), StandardCharsets.UTF_8);
            return head.contains(marker);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputException problem(Path file, String message, String fix) {
        return new InputException(
                List.of(Diagnostic.error("output", SourceLocation.ofFile(file.toString()), "-o", message, null, fix)));
    }
}
