package dev.stackwright.cli;

import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.diag.SourceLocation;
import dev.stackwright.diag.Suggestions;
import dev.stackwright.starter.Database;
import dev.stackwright.starter.Starter;
import dev.stackwright.starter.StarterSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = {
            "Write a commented starter stackwright.yml.",
            "With --starter, write a whole service project into the folder of -f (default: this one): a CRUD service"
                    + " for /items, its tests, Dockerfile, build.yml and release.yml, and its stackwright.yml."
        })
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

    @Option(
            names = "--force",
            description = "Overwrite an existing file. With --starter: write into a folder that is not empty,"
                    + " replacing the files the starter writes (and saying which); other files stay.")
    boolean force;

    @Option(
            names = "--starter",
            paramLabel = "LANGUAGE",
            description = "Write a starter service project too: java or node (docs/starters.md).")
    @Nullable
    String starter;

    @Option(
            names = "--database",
            paramLabel = "DATABASE",
            description = "With --starter: postgres (default), mysql or none (items kept in memory).")
    @Nullable
    String database;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws IOException {
        String project =
                name != null ? name : projectNameFrom(file.toAbsolutePath().getParent());
        dev.stackwright.spec.SpecLoader.requireValidName(project, SourceLocation.ofFile(file.toString()), "--name");
        if (starter != null) {
            return writeStarterProject(starter, project);
        }
        if (database != null) {
            throw problem(
                    "database-without-starter",
                    "--database chooses the database of a starter project, and there is no --starter",
                    "add --starter java or --starter node, or set database.engine in stackwright.yml");
        }
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

    /**
     * Writes the starter project into the folder of {@link #file}: the common files, the language's files for the
     * chosen database, and stackwright.yml. Everything is rendered before anything is written, so a problem found
     * on the way leaves the folder as it was.
     */
    private Integer writeStarterProject(String language, String project) throws IOException {
        if (!Starter.LANGUAGES.contains(language)) {
            throw optionProblem(
                    "unknown-starter",
                    "--starter",
                    "there is no starter for " + language,
                    Suggestions.closest(language, Starter.LANGUAGES)
                            .map(s -> "did you mean --starter " + s + "?")
                            .orElse("use --starter " + String.join(" or --starter ", Starter.LANGUAGES)));
        }
        String databaseOption = database;
        Database db = databaseOption == null ? Database.POSTGRES : database(databaseOption);
        if (Files.isDirectory(file)) {
            throw problem(
                    "not-a-file",
                    "is a folder, not a file",
                    "give -f the path of the stackwright.yml to write, e.g. -f " + file.resolve("stackwright.yml"));
        }
        Path folder = file.toAbsolutePath().normalize().getParent();
        java.util.Objects.requireNonNull(folder, "an absolute file path has a parent");
        Starter chosen = StarterResources.load(language);
        Map<String, String> files = new TreeMap<>();
        for (String listed : StarterResources.commonFiles()) {
            Starter.target(listed, db)
                    .ifPresent(t ->
                            files.put(t, Starter.render(StarterResources.read(Starter.COMMON, listed), project, db)));
        }
        for (String listed : chosen.files()) {
            Starter.target(listed, db).ifPresent(t -> {
                if (files.put(t, Starter.render(StarterResources.read(language, listed), project, db)) != null) {
                    // Two sources for one file: which one wins would be an accident of order.
                    throw new IllegalStateException("the " + language + " starter lists " + t + ", a common file");
                }
            });
        }
        String specName = String.valueOf(file.getFileName());
        if (files.put(specName, StarterSpec.yaml(project, chosen, db)) != null) {
            throw new IllegalStateException("the " + language + " starter lists " + specName + " itself");
        }
        List<String> present = present(folder);
        if (!present.isEmpty() && !force) {
            throw folderProblem(
                    folder,
                    "folder-not-empty",
                    "the folder is not empty (it has "
                            + String.join(", ", present.subList(0, Math.min(3, present.size())))
                            + (present.size() > 3 ? " and " + (present.size() - 3) + " more" : "") + ")",
                    "run it in an empty folder (mkdir shop && cd shop), or pass --force to write the starter's files"
                            + " over the same names (other files stay)");
        }
        List<String> replaced = new ArrayList<>();
        for (String relative : files.keySet()) {
            Path target = folder.resolve(relative);
            if (Files.isDirectory(target)) {
                throw folderProblem(
                        target, "not-a-file", "is a folder, where the starter writes a file", "move it away first");
            }
            if (Files.exists(target)) {
                replaced.add(relative);
            }
        }
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path target = folder.resolve(f.getKey());
                Files.createDirectories(java.util.Objects.requireNonNull(target.getParent()));
                Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw folderProblem(
                    folder,
                    "unwritable",
                    "cannot be written (" + SynthCommand.reason(e) + ")",
                    "check the folder's permissions, or give -f a path in another folder");
        }
        PrintWriter out = command.commandLine().getOut();
        for (String r : replaced) {
            out.println("replaced " + r + " (--force)");
        }
        out.println("wrote the " + language + " starter (database: " + db.id() + ") into " + folder + ": "
                + files.size() + " files, " + specName + " among them.");
        String specOption = specName.equals("stackwright.yml") ? "" : " -f " + specName;
        out.println("Next: README.md says how to run it and its tests; then `stackwright plan" + specOption
                + "` and `stackwright deploy" + specOption + "`.");
        return Main.OK;
    }

    private Database database(String option) {
        return Database.parse(option)
                .orElseThrow(() -> optionProblem(
                        "unknown-database",
                        "--database",
                        "there is no database choice " + option,
                        // MariaDB is the MySQL the tests run on, and the starters' driver speaks to both.
                        (option.equalsIgnoreCase("mariadb")
                                        ? Optional.of(Database.MYSQL.id())
                                        : Suggestions.closest(option, Database.ids()))
                                .map(s -> "did you mean --database " + s + "?")
                                .orElse("use --database postgres, mysql or none")));
    }

    /** What the folder holds, by name, sorted; a missing folder holds nothing, and .git alone counts as empty. */
    private static List<String> present(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> String.valueOf(p.getFileName()))
                    .filter(n -> !n.equals(".git"))
                    .sorted()
                    .toList();
        }
    }

    private InputException optionProblem(String code, String option, String what, String fix) {
        return new InputException(
                List.of(Diagnostic.error(code, SourceLocation.ofFile(file.toString()), option, what, null, fix)));
    }

    private static InputException folderProblem(Path where, String code, String what, String fix) {
        return new InputException(
                List.of(Diagnostic.error(code, SourceLocation.ofFile(where.toString()), "", what, null, fix)));
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
