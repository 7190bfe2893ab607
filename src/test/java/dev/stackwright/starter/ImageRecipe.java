package dev.stackwright.starter;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A Dockerfile carried out on this machine, without Docker: the machines that run these tests have a Docker client but
 * no daemon, and no registry to pull base images from, so a real {@code docker build} cannot run here. What can run is
 * what the image holds and does: each stage gets a folder as its file system; {@code COPY} copies from the build
 * context (refusing a file the context's {@code .dockerignore} leaves out, as Docker does) or from an earlier stage;
 * {@code RUN} runs the build tools' commands ({@code mvn}, {@code npm}) in the stage's {@code WORKDIR} with the stage's
 * {@code ENV}; the last stage's {@code ENTRYPOINT} and {@code CMD} can then be started in its folder.
 *
 * <p>What a folder cannot stand in for is left out and listed ({@link #notCarriedOut}) so that a test names each
 * one: the base images' own contents, files from an outside image ({@code COPY --from=} an image name), downloads
 * ({@code ADD} of a URL: no network in tests), system commands of a base image ({@code RUN addgroup ...}), the user
 * the image runs as, and the health check (the test asks the same endpoint itself).
 */
final class ImageRecipe {
    /** One instruction: its line (where it starts), keyword, flags such as {@code --from=build}, and the rest. */
    record Instruction(int line, String keyword, Map<String, String> flags, String arguments) {
        @Override
        public String toString() {
            return "line " + line + ": " + keyword + " " + arguments;
        }
    }

    /** An instruction this emulation did not carry out, and why. */
    record Skipped(Instruction instruction, String why) {}

    /** The last stage, ready to start: its folder, working directory, environment and command. */
    record Image(Path root, Path workdir, Map<String, String> env, List<String> command, List<Integer> exposed) {}

    private static final Pattern BLANKS = Pattern.compile("\\s+");

    /** Commands RUN may carry out: the build tools whose work the image keeps. */
    private static final List<String> BUILD_TOOLS = List.of("mvn", "npm");

    private final String text;
    private final List<Instruction> instructions;
    private final List<Skipped> skipped = new ArrayList<>();

    private ImageRecipe(String text, List<Instruction> instructions) {
        this.text = text;
        this.instructions = List.copyOf(instructions);
    }

    static ImageRecipe parse(String dockerfile) {
        List<Instruction> out = new ArrayList<>();
        String[] lines = dockerfile.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int start = i + 1;
            StringBuilder text = new StringBuilder();
            // A backslash at the end of a line continues the instruction; comment lines inside it are dropped.
            while (line.endsWith("\\") && i + 1 < lines.length) {
                text.append(line, 0, line.length() - 1).append(' ');
                do {
                    line = lines[++i].strip();
                } while (line.startsWith("#") && i + 1 < lines.length);
            }
            text.append(line);
            out.add(instruction(start, text.toString().strip()));
        }
        return new ImageRecipe(dockerfile, out);
    }

    private static final Pattern FLAG = Pattern.compile("--([a-z-]+)(?:=(\\S*))?\\s+");

    private static Instruction instruction(int line, String text) {
        int space = text.indexOf(' ');
        String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase(java.util.Locale.ROOT);
        String rest = space < 0 ? "" : text.substring(space + 1).strip();
        Map<String, String> flags = new LinkedHashMap<>();
        // Flags come first; HEALTHCHECK's own options are flags too, and its CMD is the rest.
        Matcher m = FLAG.matcher(rest);
        while (m.lookingAt()) {
            flags.put(m.group(1), m.group(2) == null ? "" : m.group(2));
            rest = rest.substring(m.end());
            m = FLAG.matcher(rest);
        }
        return new Instruction(line, keyword, flags, rest);
    }

    /** The Dockerfile as written. */
    String text() {
        return text;
    }

    List<Instruction> instructions() {
        return instructions;
    }

    /** What {@link #build} left out, in the file's order. */
    List<Skipped> notCarriedOut() {
        return List.copyOf(skipped);
    }

    /** One stage as it builds: its folder, working directory (absolute in the image) and environment. */
    private static final class Stage {
        final Path root;
        String workdir = "/";
        final Map<String, String> env = new LinkedHashMap<>();
        final List<String> entrypoint = new ArrayList<>();
        final List<String> cmd = new ArrayList<>();
        final List<Integer> exposed = new ArrayList<>();

        Stage(Path root) {
            this.root = root;
        }

        Path at(String imagePath) {
            String absolute = imagePath.startsWith("/") ? imagePath : workdir + "/" + imagePath;
            Path p = root;
            for (String part : absolute.split("/", -1)) {
                if (!part.isEmpty() && !part.equals(".")) {
                    p = p.resolve(part);
                }
            }
            return p.normalize();
        }
    }

    /** Why a build failed: the instruction and what went wrong, as a test reports it. */
    static final class BuildFailed extends RuntimeException {
        BuildFailed(Instruction at, String what) {
            super("Dockerfile " + at + ": " + what);
        }
    }

    /**
     * Builds every stage in {@code into}, from the build context {@code context}; {@code toolEnv} is added to the
     * environment of each RUN (the harness's offline settings and PATH). Returns the last stage.
     */
    Image build(Path context, Path into, Map<String, String> toolEnv, Path log)
            throws IOException, InterruptedException {
        skipped.clear();
        List<PathMatcher> ignored = dockerignore(context);
        Map<String, Stage> stages = new LinkedHashMap<>();
        Stage stage = null;
        for (Instruction in : instructions) {
            if (in.keyword.equals("FROM")) {
                String[] words = BLANKS.split(in.arguments.strip(), -1);
                String name = words.length >= 3 && words[1].equalsIgnoreCase("AS") ? words[2] : "" + stages.size();
                stage = new Stage(Files.createDirectories(into.resolve("stage-" + stages.size())));
                stages.put(name, stage);
                skipped.add(new Skipped(in, "the base image's own files and environment: no registry here"));
                continue;
            }
            if (stage == null) {
                throw new BuildFailed(in, "comes before the first FROM");
            }
            switch (in.keyword) {
                case "WORKDIR" -> {
                    stage.workdir = stage.at(in.arguments)
                            .toString()
                            .substring(stage.root.toString().length());
                    stage.workdir = stage.workdir.isEmpty() ? "/" : stage.workdir;
                    Files.createDirectories(stage.at("."));
                }
                case "ENV" -> stage.env.putAll(env(in));
                case "COPY", "ADD" -> copy(in, stage, stages, context, ignored);
                case "RUN" -> run(in, stage, toolEnv, log);
                case "EXPOSE" -> {
                    for (String port : BLANKS.split(in.arguments.strip(), -1)) {
                        stage.exposed.add(Integer.parseInt(port.replaceAll("/.*", "")));
                    }
                }
                case "ENTRYPOINT" -> {
                    stage.entrypoint.clear();
                    stage.entrypoint.addAll(execForm(in));
                    stage.cmd.clear();
                }
                case "CMD" -> {
                    stage.cmd.clear();
                    stage.cmd.addAll(execForm(in));
                }
                case "USER" -> skipped.add(new Skipped(in, "runs as this machine's user"));
                case "HEALTHCHECK" -> skipped.add(new Skipped(in, "the test asks the health endpoint itself"));
                case "LABEL", "ARG" -> {}
                default -> throw new BuildFailed(in, "an instruction this emulation does not know");
            }
        }
        if (stage == null) {
            throw new IllegalArgumentException("the Dockerfile has no FROM");
        }
        List<String> command = new ArrayList<>(stage.entrypoint);
        command.addAll(stage.cmd);
        return new Image(stage.root, stage.at("."), Map.copyOf(stage.env), command, List.copyOf(stage.exposed));
    }

    private static final Pattern PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)");

    private static Map<String, String> env(Instruction in) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = PAIR.matcher(in.arguments);
        int end = 0;
        while (m.find()) {
            String value = m.group(2);
            out.put(m.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
            end = m.end();
        }
        if (out.isEmpty() || !in.arguments.substring(end).isBlank()) {
            throw new BuildFailed(in, "only the KEY=value form of ENV is carried out");
        }
        return out;
    }

    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The JSON array form of CMD and ENTRYPOINT: what runs without a shell (its process gets the signals). */
    private static List<String> execForm(Instruction in) {
        String a = in.arguments.strip();
        if (!a.startsWith("[") || !a.endsWith("]")) {
            throw new BuildFailed(in, "the shell form: use the exec form [\"executable\", \"arg\"]");
        }
        List<String> out = new ArrayList<>();
        Matcher m = QUOTED.matcher(a);
        while (m.find()) {
            out.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        return out;
    }

    private void copy(Instruction in, Stage stage, Map<String, Stage> stages, Path context, List<PathMatcher> ignored)
            throws IOException {
        List<String> words = List.of(BLANKS.split(in.arguments.strip(), -1));
        if (words.size() < 2) {
            throw new BuildFailed(in, "needs a source and a destination");
        }
        List<String> sources = words.subList(0, words.size() - 1);
        String dest = words.getLast();
        String from = in.flags.get("from");
        Path base;
        if (from != null) {
            Stage earlier = stages.get(from);
            if (earlier == null) {
                skipped.add(new Skipped(in, "files of the image " + from + ": no registry here"));
                return;
            }
            base = earlier.root;
        } else if (in.keyword.equals("ADD") && sources.stream().anyMatch(s -> s.matches("https?://.*"))) {
            skipped.add(new Skipped(in, "a download: no network in tests"));
            return;
        } else {
            base = context;
        }
        boolean intoFolder = dest.endsWith("/") || dest.equals(".") || sources.size() > 1;
        Path target = stage.at(dest);
        for (String source : sources) {
            // A source of an earlier stage is a path in its file system; one of the context, a path in the context.
            Path src = base.resolve(source.replaceFirst("^/+", "")).normalize();
            if (!Files.exists(src)) {
                throw new BuildFailed(
                        in, (from == null ? "the build context has no " : "stage " + from + " has no ") + source);
            }
            if (from == null) {
                Path relative = context.relativize(src);
                if (isIgnored(relative, ignored)) {
                    throw new BuildFailed(in, source + " is left out of the build context by .dockerignore");
                }
            }
            if (Files.isDirectory(src)) {
                // A folder's contents go into the destination, not the folder itself (Docker's rule).
                copyTree(src, target, from == null ? context : null, ignored);
            } else {
                Path to = intoFolder || Files.isDirectory(target) ? target.resolve(src.getFileName()) : target;
                Files.createDirectories(to.getParent());
                Files.copy(src, to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** A folder's files into {@code to}; those of the build context ({@code context} given) less what it leaves out. */
    private static void copyTree(Path from, Path to, @Nullable Path context, List<PathMatcher> ignored)
            throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.sorted().toList()) {
                if (context != null && isIgnored(context.relativize(p), ignored)) {
                    continue;
                }
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.createDirectories(dest.getParent());
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private void run(Instruction in, Stage stage, Map<String, String> toolEnv, Path log)
            throws IOException, InterruptedException {
        String command = in.arguments;
        String tool = BLANKS.split(command.strip(), -1)[0];
        if (!BUILD_TOOLS.contains(tool)) {
            skipped.add(new Skipped(in, "a system command of the base image"));
            return;
        }
        // The image runs RUN with /bin/sh -c; bash reads these commands the same way.
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command)
                .directory(stage.at(".").toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(stage.env);
        pb.environment().putAll(toolEnv);
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new BuildFailed(in, "did not finish in 10 minutes");
        }
        if (p.exitValue() != 0) {
            throw new BuildFailed(in, "exited " + p.exitValue() + "; its output is in " + log);
        }
    }

    /** The .dockerignore patterns of the context ({@code target/} and {@code *.iml} forms; no {@code !} here). */
    private static List<PathMatcher> dockerignore(Path context) throws IOException {
        Path file = context.resolve(".dockerignore");
        List<PathMatcher> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file)) {
            String p = line.strip();
            if (p.isEmpty() || p.startsWith("#")) {
                continue;
            }
            if (p.startsWith("!")) {
                throw new IllegalArgumentException(".dockerignore exceptions (!) are not carried out: " + p);
            }
            p = p.replaceAll("/+$", "").replaceFirst("^/", "");
            out.add(FileSystems.getDefault().getPathMatcher("glob:" + p));
        }
        return out;
    }

    /** Whether a path of the context, or a folder it is in, matches a pattern (a folder left out takes its files). */
    private static boolean isIgnored(Path relative, List<PathMatcher> ignored) {
        for (Path p = relative; p != null; p = p.getParent()) {
            for (PathMatcher m : ignored) {
                if (m.matches(p)) {
                    return true;
                }
            }
        }
        return false;
    }
}
