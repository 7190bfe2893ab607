package dev.stackwright.starter;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * One starter project as shipped under {@code starters/<language>/}: the files it lists in {@code files.txt} and what
 * {@code starter.properties} says about it (docs/starters.md). Pure: the caller reads the resources.
 *
 * @param port the port the service listens on, for stackwright.yml's {@code service.port}
 * @param healthPath the health endpoint, for {@code service.healthCheckPath}
 * @param testCommand the shell command that runs the starter's own tests, offline, in the generated folder
 * @param prefetchCommand the shell command that downloads what {@code testCommand} needs
 * @param files the listed files, as listed (before the dot- and suffix rules)
 */
public record Starter(
        String language, int port, String healthPath, String testCommand, String prefetchCommand, List<String> files) {
    /** The languages Stackwright ships a starter for; the files live under {@code starters/<language>/}. */
    public static final List<String> LANGUAGES = List.of("java", "node");

    /** Files every starter gets, whatever its language: {@code starters/common/}. */
    public static final String COMMON = "common";

    public Starter {
        files = List.copyOf(files);
    }

    /** Reads a starter from the text of its {@code starter.properties} and {@code files.txt}. */
    public static Starter parse(String language, String properties, String filesTxt) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(properties));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Starter(
                language,
                Integer.parseInt(required(p, language, "port")),
                required(p, language, "healthPath"),
                required(p, language, "test"),
                required(p, language, "prefetch"),
                listed(filesTxt));
    }

    /** The paths a {@code files.txt} lists: one a line; blank lines and {@code #} comments left out. */
    public static List<String> listed(String filesTxt) {
        return filesTxt.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    /**
     * Where a listed file goes in the project, or empty when it is not for this database: a path segment
     * {@code dot-x} becomes {@code .x}; a name ending in {@code .postgres}, {@code .mysql}, {@code .nodb} (none) or
     * {@code .withdb} (postgres or mysql) is written without the suffix, and only for that choice.
     */
    public static Optional<String> target(String listed, Database database) {
        String path = listed;
        for (Database d : Database.values()) {
            String suffix = "." + (d == Database.NONE ? "nodb" : d.id());
            if (path.endsWith(suffix)) {
                if (d != database) {
                    return Optional.empty();
                }
                path = path.substring(0, path.length() - suffix.length());
            }
        }
        if (path.endsWith(".withdb")) {
            if (database == Database.NONE) {
                return Optional.empty();
            }
            path = path.substring(0, path.length() - ".withdb".length());
        }
        return Optional.of(path.replaceAll("(^|/)dot-", "$1."));
    }

    /** A file's text with {@code {{name}}} and {@code {{database}}} filled in. */
    public static String render(String text, String projectName, Database database) {
        return text.replace("{{name}}", projectName).replace("{{database}}", database.id());
    }

    private static String required(Properties p, String language, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("starters/" + language + "/starter.properties has no " + key);
        }
        return value.strip();
    }
}
