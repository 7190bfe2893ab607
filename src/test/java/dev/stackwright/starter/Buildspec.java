package dev.stackwright.starter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A checker for CodeBuild buildspec files, written from AWS's "Build specification reference for CodeBuild"
 * (https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html). What it holds a file to, from that page:
 *
 * <ul>
 *   <li>{@code version} is required; 0.2 is the version to use (0.1 runs each command in a separate shell);
 *   <li>top level: {@code version, run-as, env, proxy, batch, phases, reports, artifacts, cache};
 *   <li>{@code env}: {@code shell, variables, parameter-store, exported-variables, secrets-manager,
 *       git-credential-helper}; {@code shell} on Linux is {@code bash} or {@code /bin/sh}; {@code exported-variables}
 *       is a list of names;
 *   <li>{@code phases} is required; "the build phases include install, pre_build, build, and post_build. You can't
 *       change the spelling of these build phase names, and you can't create more build phase names"
 *       (https://docs.aws.amazon.com/codebuild/latest/userguide/getting-started-cli-create-build-spec.html); each
 *       phase has {@code run-as, on-failure (ABORT | CONTINUE), runtime-versions (install only), commands, finally};
 *       {@code commands} is a sequence of scalars, each one command (a phase with neither commands nor runtime
 *       versions is refused here: it would do nothing);
 *   <li>{@code artifacts}: {@code files} is required, a sequence of locations; also {@code name, discard-paths,
 *       base-directory, exclude-paths, enable-symlinks, s3-prefix, secondary-artifacts}.
 * </ul>
 *
 * <p>And two rules of ours, the interface between these files and the pipeline: every exported variable is assigned
 * by a command, every artifact file is written by one, and every variable a command reads without setting it (but
 * CodeBuild's own, such as CODEBUILD_RESOLVED_SOURCE_VERSION) is named in the comment block at the top of the file:
 * what the pipeline must set.
 */
final class Buildspec {
    static final List<String> PHASES = List.of("install", "pre_build", "build", "post_build");
    private static final Set<String> TOP =
            Set.of("version", "run-as", "env", "proxy", "batch", "phases", "reports", "artifacts", "cache");
    private static final Set<String> ENV = Set.of(
            "shell", "variables", "parameter-store", "exported-variables", "secrets-manager", "git-credential-helper");
    private static final Set<String> PHASE = Set.of("run-as", "on-failure", "runtime-versions", "commands", "finally");
    private static final Set<String> ARTIFACTS = Set.of(
            "files",
            "name",
            "discard-paths",
            "base-directory",
            "exclude-paths",
            "enable-symlinks",
            "s3-prefix",
            "secondary-artifacts");
    /** Variables every shell has: no file needs to declare them. */
    private static final Set<String> SHELL = Set.of("HOME", "PATH", "PWD");

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern READ = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern ASSIGNED = Pattern.compile("(?:^|[\\s;&|(])([A-Za-z_][A-Za-z0-9_]*)=");
    /** jq's own variables ({@code jq --arg name value}): {@code $name} inside the filter is not the shell's. */
    private static final Pattern JQ_ARG = Pattern.compile("--arg(?:json)?\\s+([A-Za-z_][A-Za-z0-9_]*)");

    private Buildspec() {}

    static JsonNode parse(String text) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not YAML: " + e.getMessage(), e);
        }
    }

    /** What is wrong with the buildspec {@code text}, one line each, {@code file: key: problem}; empty when nothing. */
    static List<String> problems(String file, String text) {
        List<String> out = new ArrayList<>();
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(text);
        } catch (IOException e) {
            return List.of(file + ": not YAML: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return List.of(file + ": a buildspec is a YAML mapping");
        }
        unknownKeys(file, "", root, TOP, out);
        if (!root.path("version").asText().equals("0.2")) {
            out.add(file + ": version: must be 0.2 (got " + root.path("version").asText("nothing") + ")");
        }
        JsonNode env = root.path("env");
        if (!env.isMissingNode()) {
            unknownKeys(file, "env.", env, ENV, out);
            JsonNode shell = env.path("shell");
            if (!shell.isMissingNode() && !Set.of("bash", "/bin/sh").contains(shell.asText())) {
                out.add(file + ": env.shell: must be bash or /bin/sh on Linux (got " + shell.asText() + ")");
            }
            JsonNode variables = env.path("variables");
            if (!variables.isMissingNode()) {
                if (!variables.isObject()) {
                    out.add(file + ": env.variables: must be a mapping of names to values");
                } else {
                    variables.properties().forEach(v -> {
                        if (!v.getValue().isValueNode()) {
                            out.add(file + ": env.variables." + v.getKey() + ": must be a plain value");
                        }
                    });
                }
            }
            JsonNode exported = env.path("exported-variables");
            if (!exported.isMissingNode()) {
                for (String name : strings(file, "env.exported-variables", exported, out)) {
                    if (!NAME.matcher(name).matches()) {
                        out.add(file + ": env.exported-variables: " + name + " is not a variable name");
                    }
                }
            }
        }
        JsonNode phases = root.path("phases");
        List<String> commands = new ArrayList<>();
        if (!phases.isObject() || phases.isEmpty()) {
            out.add(file + ": phases: required, with at least one of " + PHASES);
        } else {
            for (Iterator<String> names = phases.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!PHASES.contains(name)) {
                    out.add(file + ": phases." + name + ": not a phase; CodeBuild's phases are " + PHASES);
                    continue;
                }
                JsonNode phase = phases.path(name);
                if (!phase.isObject()) {
                    out.add(file + ": phases." + name + ": must be a mapping");
                    continue;
                }
                unknownKeys(file, "phases." + name + ".", phase, PHASE, out);
                if (phase.has("runtime-versions") && !name.equals("install")) {
                    out.add(file + ": phases." + name + ".runtime-versions: only the install phase has it");
                }
                JsonNode onFailure = phase.path("on-failure");
                if (!onFailure.isMissingNode() && !Set.of("ABORT", "CONTINUE").contains(onFailure.asText())) {
                    out.add(file + ": phases." + name + ".on-failure: must be ABORT or CONTINUE (got "
                            + onFailure.asText() + ")");
                }
                if (!phase.has("commands")) {
                    // Optional in the reference, but a phase without commands does nothing, but for an install
                    // phase that only picks runtime versions.
                    if (!phase.has("runtime-versions")) {
                        out.add(file + ": phases." + name + ": has no commands");
                    }
                } else {
                    commands.addAll(strings(file, "phases." + name + ".commands", phase.path("commands"), out));
                }
                if (phase.has("finally")) {
                    commands.addAll(strings(file, "phases." + name + ".finally", phase.path("finally"), out));
                }
            }
        }
        JsonNode artifacts = root.path("artifacts");
        List<String> files = List.of();
        if (!artifacts.isMissingNode()) {
            unknownKeys(file, "artifacts.", artifacts, ARTIFACTS, out);
            if (!artifacts.has("files")) {
                out.add(file + ": artifacts.files: required");
            } else {
                files = strings(file, "artifacts.files", artifacts.path("files"), out);
            }
        }
        // Our rules: the file's interface with the pipeline is complete.
        String all = String.join("\n", commands);
        Set<String> assigned = new TreeSet<>(matches(ASSIGNED, all));
        assigned.addAll(matches(JQ_ARG, all));
        env.path("variables").fieldNames().forEachRemaining(assigned::add);
        for (String name : strings(file, "env.exported-variables", env.path("exported-variables"), new ArrayList<>())) {
            if (!assigned.contains(name)) {
                out.add(file + ": env.exported-variables: " + name + " is exported but no command sets it");
            }
        }
        for (String artifact : files) {
            if (!all.contains("> " + artifact) && !all.contains(">" + artifact)) {
                out.add(file + ": artifacts.files: no command writes " + artifact);
            }
        }
        String header = header(text);
        Set<String> undeclared = new TreeSet<>();
        for (String read : matches(READ, all)) {
            if (!assigned.contains(read) && !SHELL.contains(read) && !codeBuildSets(read) && !header.contains(read)) {
                undeclared.add(read);
            }
        }
        if (!undeclared.isEmpty()) {
            out.add(file + ": the commands read " + undeclared
                    + " without setting them: name each in the comment at the top of the file, as the pipeline"
                    + " must set it");
        }
        return out;
    }

    /**
     * The commands of every phase in CodeBuild's order, one shell script that stops at the first failure, after the
     * buildspec's {@code env.variables}, which CodeBuild sets before the first command ("variables: Optional sequence.
     * Represents one or more custom environment variables, in plain text key-value mapping",
     * https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html).
     */
    static String script(String text) {
        JsonNode root = parse(text);
        JsonNode phases = root.path("phases");
        StringBuilder script = new StringBuilder("set -eo pipefail\n");
        root.path("env")
                .path("variables")
                .properties()
                .forEach(v -> script.append("export ")
                        .append(v.getKey())
                        .append("='")
                        .append(v.getValue().asText().replace("'", "'\\''"))
                        .append("'\n"));
        for (String phase : PHASES) {
            for (JsonNode command : phases.path(phase).path("commands")) {
                script.append(command.asText()).append('\n');
            }
        }
        return script.toString();
    }

    /**
     * CodeBuild's own variables, there in every build: AWS_DEFAULT_REGION, AWS_REGION and the CODEBUILD_ ones
     * (https://docs.aws.amazon.com/codebuild/latest/userguide/build-env-ref-env-vars.html).
     */
    private static boolean codeBuildSets(String name) {
        return name.startsWith("CODEBUILD_") || name.equals("AWS_DEFAULT_REGION") || name.equals("AWS_REGION");
    }

    private static String header(String text) {
        StringBuilder header = new StringBuilder();
        for (String line : text.lines().toList()) {
            if (!line.startsWith("#")) {
                break;
            }
            header.append(line).append('\n');
        }
        return header.toString();
    }

    private static List<String> strings(String file, String key, JsonNode node, List<String> out) {
        if (node.isMissingNode()) {
            return List.of();
        }
        if (!node.isArray() || node.isEmpty()) {
            out.add(file + ": " + key + ": must be a non-empty sequence");
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                // The usual cause: `- echo "a: b"` unquoted, which YAML reads as a mapping.
                out.add(file + ": " + key + ": " + item + " is not a string (quote a command that holds ': ')");
            } else {
                values.add(item.asText());
            }
        }
        return values;
    }

    private static void unknownKeys(String file, String prefix, JsonNode node, Set<String> known, List<String> out) {
        node.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                out.add(file + ": " + prefix + k + ": not a buildspec key (known: " + new TreeSet<>(known) + ")");
            }
        });
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
