package dev.stackwright.diag;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** Reads a file the user named, turning "not there" and "cannot read" into located problems with a fix. */
public final class InputFiles {
    private InputFiles() {
    }

    /**
     * The file's text (UTF-8).
     *
     * @param what         how messages name the file, e.g. "policy file"
     * @param whenMissing  the fix when it does not exist
     * @throws InputException {@code no-file} or {@code unreadable}, located at the file
     */
    public static String read(Path file, String what, String whenMissing) {
        String shown = file.toString();
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(List.of(Diagnostic.error("no-file", SourceLocation.ofFile(shown), "",
                    what + " not found", null, whenMissing)));
        } catch (IOException e) {
            throw new InputException(List.of(Diagnostic.error("unreadable", SourceLocation.ofFile(shown), "",
                    "cannot read the " + what + ": " + e.getMessage(), null, "check the path and its permissions")));
        }
    }
}
