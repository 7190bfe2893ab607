package dev.stackwright;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * describe-* snapshot folders for tests: a shipped one copied (without some files, or with edits), or one written from
 * its files. Every edit must apply and every file left out must be there, so a test never passes on a copy that is
 * the original.
 */
public final class SnapshotFolders {
    private SnapshotFolders() {}

    /**
     * A copy of {@code snapshot} in a new folder {@code copy} with one piece of one file's text replaced; the piece
     * must be there, so that a test never passes on an edit that did not apply.
     */
    public static Path edited(Path snapshot, Path copy, String file, String from, String to) throws IOException {
        return edited(snapshot, copy, new String[] {file, from, to});
    }

    /**
     * A copy of {@code snapshot} in {@code copy} with pieces of files' text replaced, given as triples: file, the
     * piece, its replacement, as often as needed; each piece must be there.
     */
    public static Path edited(Path snapshot, Path copy, String... edits) throws IOException {
        if (edits.length % 3 != 0) {
            throw new IllegalArgumentException("edits come as file, piece, replacement");
        }
        copiedWithout(snapshot, copy);
        for (int i = 0; i < edits.length; i += 3) {
            Path file = copy.resolve(edits[i]);
            String text = Files.readString(file);
            assertThat(text).as("the edit applies to " + edits[i]).contains(edits[i + 1]);
            Files.writeString(file, text.replace(edits[i + 1], edits[i + 2]));
        }
        return copy;
    }

    /**
     * A copy of {@code snapshot} in a new folder {@code copy} without the files {@code left}, each of which must be in
     * {@code snapshot}, so that a test never passes on a file that was not there to leave out.
     */
    public static Path copiedWithout(Path snapshot, Path copy, String... left) throws IOException {
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
    public static Path written(Map<String, String> files, Path into) throws IOException {
        Files.createDirectories(into);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(into.resolve(f.getKey()), f.getValue());
        }
        return into;
    }
}
