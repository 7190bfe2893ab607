package dev.stackwright.cli;

import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.diag.YamlDocument;
import dev.stackwright.model.Environment;
import dev.stackwright.spec.PipelineSpec;
import dev.stackwright.spec.SpecDefaults;
import dev.stackwright.spec.StackSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The environments a project has. A spec describes one environment, so a project is its specs side by side in one
 * folder ({@code stackwright.yml}, {@code stackwright.staging.yml}, {@code prod.yml}: any {@code .yml} or
 * {@code .yaml} file), each naming the project in {@code name}. Planning reads one file; this reads the folder, so it
 * lives in the CLI. Files that are not specs of the project (build.yml, release.yml, broken YAML) are passed over.
 */
final class ProjectEnvironments {
    private ProjectEnvironments() {}

    /** The project's specs in the folder of {@code specFile}, by environment; {@code spec}'s own among them. */
    static Map<Environment, Path> find(StackSpec spec, Path specFile) {
        Map<Environment, Path> found = new TreeMap<>();
        specs(spec, specFile).forEach((env, s) -> found.put(env, s.file()));
        return found;
    }

    /** One spec of the project: its file and its YAML, read once. */
    private record ProjectSpec(Path file, YamlDocument doc) {}

    /** The project's specs by environment, each file read once; {@code spec}'s own as it was loaded. */
    private static Map<Environment, ProjectSpec> specs(StackSpec spec, Path specFile) {
        Map<Environment, ProjectSpec> found = new TreeMap<>();
        Path folder = java.util.Objects.requireNonNull(
                specFile.toAbsolutePath().getParent()); // a file's absolute path has one
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (Files.isRegularFile(file) && (name.endsWith(".yml") || name.endsWith(".yaml"))) {
                    projectSpec(file, spec.name())
                            .ifPresent(doc -> environmentOf(doc)
                                    .ifPresent(env -> found.putIfAbsent(env, new ProjectSpec(file, doc))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        found.put(spec.environment(), new ProjectSpec(specFile, spec.source()));
        return found;
    }

    /**
     * Refuses a pipeline that promotes to an environment the project has no spec for: the release would have no
     * stack to update, and no deploy would ever create one. Points at the entry in {@code pipeline.environments}.
     */
    static void checkPipeline(StackSpec spec, Path specFile) {
        if (spec.pipeline().isEmpty()) {
            return;
        }
        Map<Environment, Path> have = find(spec, specFile);
        YamlDocument doc = spec.source();
        String path = "pipeline.environments";
        var listed = doc.root().path("pipeline").path("environments");
        List<Diagnostic> problems = new ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
            Optional<Environment> env = Environment.fromId(listed.get(i).asText());
            if (env.isEmpty() || have.containsKey(env.get())) {
                continue;
            }
            String at = path + "[" + i + "]";
            problems.add(Diagnostic.error(
                    "pipeline-environment-without-spec",
                    doc.valueLocation(at),
                    at,
                    "the project " + spec.name() + " has no " + env.get().id() + " environment: no spec beside "
                            + specFile.getFileName() + " says `name: " + spec.name() + "` and `environment: "
                            + env.get().id() + "` (the project has " + String.join(", ", ids(have)) + ")",
                    env.get().id(),
                    "write its spec beside this one (e.g. `stackwright."
                            + env.get().id() + ".yml` with `name: "
                            + spec.name() + "` and `environment: " + env.get().id()
                            + "`), or remove it from pipeline.environments"));
        }
        if (!problems.isEmpty()) {
            throw new InputException(problems);
        }
    }

    /** The environments found, in promotion order. */
    private static List<String> ids(Map<Environment, Path> have) {
        return PipelineSpec.PROMOTION_ORDER.stream()
                .filter(have::containsKey)
                .map(Environment::id)
                .toList();
    }

    /**
     * The environment this one is promoted from, when another spec of the project holds a pipeline that lists this
     * environment after a first one: a first deploy here starts from the image that environment runs, as the
     * pipeline's release would.
     */
    static Optional<Environment> promotedFrom(StackSpec spec, Path specFile) {
        if (spec.pipeline().isPresent()) {
            return Optional.empty(); // the first stop of its own pipeline: the pipeline builds its image
        }
        for (Map.Entry<Environment, ProjectSpec> other : specs(spec, specFile).entrySet()) {
            if (other.getKey() == spec.environment()) {
                continue;
            }
            List<String> order = new ArrayList<>();
            other.getValue().doc().root().path("pipeline").path("environments").forEach(e -> order.add(e.asText()));
            int at = order.indexOf(spec.environment().id());
            if (at > 0) {
                return Environment.fromId(order.get(at - 1));
            }
        }
        return Optional.empty();
    }

    /** The environment a spec is of. */
    private static Optional<Environment> environmentOf(YamlDocument doc) {
        return Environment.fromId(doc.root().path("environment").asText(SpecDefaults.text("environment")));
    }

    /** A file's YAML, when it is a spec of this project. */
    private static Optional<YamlDocument> projectSpec(Path file, String project) {
        YamlDocument doc;
        try {
            doc = YamlDocument.parse(file.toString(), Files.readString(file));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not a spec (or not readable): not one of the project's environments
        }
        return project.equals(doc.root().path("name").asText(null)) ? Optional.of(doc) : Optional.empty();
    }
}
