package dev.stackwright.cli;

import dev.stackwright.starter.Starter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads the starter projects shipped in the jar under {@code /dev/stackwright/starters/}. A jar cannot list a folder,
 * so each starter's {@code files.txt} names its files (docs/starters.md).
 */
final class StarterResources {
    private static final String ROOT = "/dev/stackwright/starters/";

    private StarterResources() {}

    static Starter load(String language) {
        return Starter.parse(language, read(language, "starter.properties"), read(language, "files.txt"));
    }

    /** The files every starter gets ({@code starters/common/files.txt}). */
    static List<String> commonFiles() {
        return Starter.listed(read(Starter.COMMON, "files.txt"));
    }

    /** One file of a starter, as shipped (placeholders not yet filled in). */
    static String read(String folder, String listed) {
        String name = ROOT + folder + "/" + listed;
        try (InputStream in = StarterResources.class.getResourceAsStream(name)) {
            if (in == null) {
                // A starter that names a file it does not ship is our bug, not the user's.
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
