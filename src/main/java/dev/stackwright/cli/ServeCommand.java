package dev.stackwright.cli;

import dev.stackwright.cli.daemon.Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Hidden: the daemon the launcher's client starts ({@link dev.stackwright.cli.daemon.Client}). It runs commands for
 * the client in this JVM, one after another, until it has been idle for {@code --idle} seconds, is stopped, or its
 * jar changes.
 */
@Command(name = "__serve", hidden = true)
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--socket", required = true)
    Path socket = Path.of("");

    @Option(names = "--idle", defaultValue = "1200")
    long idleSeconds;

    /** The file whose change stops the daemon; the jar this class came from unless given. */
    @Option(names = "--watch")
    @Nullable
    Path watch;

    @Override
    public Integer call() {
        Path watched = watch != null ? watch : ownJar();
        try {
            return new Server(socket, Duration.ofSeconds(Math.max(1, idleSeconds)), Main::run, watched, System.out)
                    .serve();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static @Nullable Path ownJar() {
        CodeSource source = ServeCommand.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return null;
        }
        try {
            Path jar = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(jar) ? jar : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
