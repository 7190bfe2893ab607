package dev.stackwright.cli.daemon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The daemons in a folder, as {@code stackwright daemon status} and {@code stop} see them. */
public final class Daemons {
    /** One daemon's socket and what it said of itself, or why it said nothing. */
    public record Answer(Path socket, boolean answered, String text) {}

    /** The sockets in {@code dir}, by name; none when there is no such folder. */
    public static List<Path> sockets(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sock"))
                    .sorted()
                    .toList();
        }
    }

    public static Answer status(Path socket) {
        return ask(socket, Wire.Kind.STATUS);
    }

    /** Asks the daemon to stop, and returns once it has (its lock is free and its socket gone). */
    public static Answer stop(Path socket) {
        Answer answer = ask(socket, Wire.Kind.STOP);
        if (answer.answered()) {
            Client.waitForStop(Client.lockOf(socket));
        }
        return answer;
    }

    private static Answer ask(Path socket, Wire.Kind kind) {
        SocketChannel channel = Client.connect(socket);
        if (channel == null) {
            return new Answer(socket, false, "no daemon answers (it was stopped without removing its socket)");
        }
        try (channel) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            Client.Answer answer = Client.talk(
                    channel,
                    new Wire.Request(kind, "", StandardCharsets.UTF_8.name(), List.of()),
                    text,
                    OutputStream.nullOutputStream());
            return new Answer(
                    socket,
                    answer instanceof Client.Answer.Exited,
                    text.toString(StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return new Answer(socket, false, "no answer: " + e.getMessage());
        }
    }

    private Daemons() {}
}
