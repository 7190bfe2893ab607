package dev.stackwright.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** docker or podman, as found on the PATH: both take the same build, login and push commands. */
public final class ContainerEngine {
    /** The engines {@code deploy --build} uses, in the order it looks for them. */
    public static final List<String> NAMES = List.of("docker", "podman");

    private final Path executable;

    private ContainerEngine(Path executable) {
        this.executable = executable;
    }

    /** The first of docker, then podman, that is an executable file in a folder of {@code path} (PATH's format). */
    public static Optional<ContainerEngine> find(@Nullable String path) {
        List<Path> folders = new ArrayList<>();
        for (String dir : (path == null ? "" : path).split(java.io.File.pathSeparator, -1)) {
            if (!dir.isBlank()) {
                folders.add(Path.of(dir));
            }
        }
        for (String name : NAMES) {
            for (Path dir : folders) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(new ContainerEngine(candidate));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code docker} or {@code podman}, as commands shown to the user name it. */
    public String name() {
        return String.valueOf(executable.getFileName());
    }

    /**
     * Runs the engine with these arguments in {@code dir} and returns its exit code. Its output and error streams,
     * merged, go line by line to {@code output}; {@code input}, when given, is its standard input (a password, so that
     * it never shows in a process listing).
     */
    public int run(List<String> arguments, Path dir, @Nullable String input, Consumer<String> output) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(arguments);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        String shown = name() + " " + arguments.getFirst();
        try {
            Process p = pb.start();
            try (OutputStream stdin = p.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    output.accept(line);
                }
            }
            return p.waitFor();
        } catch (IOException e) {
            throw new DeployException(
                    "`" + shown + "` could not be started (" + e.getMessage() + ")",
                    "check that " + executable + " runs, or push the image yourself",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException(
                    "interrupted while `" + shown + "` ran", "run `stackwright deploy --build` again", e);
        }
    }
}
