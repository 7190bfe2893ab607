package dev.stackwright.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** describe-* snapshot folders for CLI tests: a shipped one copied with an edit, or one written from its files. */
final class SnapshotFolders {
    private SnapshotFolders() {}

    /**
     * A copy of {@code snapshot} in a new folder {@code copy} with one piece of one file's text replaced; the piece
     * must be there, so that a test never passes on an edit that did not apply.
     */
    static Path edited(Path snapshot, Path copy, String file, String from, String to) throws IOException {
        copiedWithout(snapshot, copy);
        String text = Files.readString(copy.resolve(file));
        assertThat(text).as("the edit applies to " + file).contains(from);
        Files.writeString(copy.resolve(file), text.replace(from, to));
        return copy;
    }

    /**
     * A copy of {@code snapshot} in a new folder {@code copy} without the files {@code left}, each of which must be in
     * {@code snapshot}, so that a test never passes on a file that was not there to leave out.
     */
    static Path copiedWithout(Path snapshot, Path copy, String... left) throws IOException {
        for (String file : left) {
            assertThat(snapshot.resolve(file)).as("the file to leave out").exists();
        }
        Set<String> leftOut = Set.of(left);
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(snapshot)) {
            for (Path f : files.toList()) {
                if (!leftOut.contains(f.getFileName().toString())) {
                    Files.copy(f, copy.resolve(f.getFileName().toString()));
                }
            }
        }
        return copy;
    }

    /** A new folder {@code into} holding exactly {@code files} (name to text). */
    static Path written(Map<String, String> files, Path into) throws IOException {
        Files.createDirectories(into);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(into.resolve(f.getKey()), f.getValue());
        }
        return into;
    }
}
