package dev.stackwright.cli.daemon;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The daemon: one JVM that runs commands for the launcher's client, one at a time, so that the code the compilers made
 * for one command is there for the next. A whole process compiles anew on every run; on a 10,000-interface account
 * that is most of its time (docs/benchmarks.md).
 *
 * <p>It serves one working directory (the client's key includes it, and a request from another is refused), answers
 * on a Unix socket in a folder only its owner can open, and stops when idle for its idle time, when asked, or when
 * the jar it runs was rebuilt. A second daemon for the same socket finds the lock taken and stops at once.
 */
public final class Server {
    /** Runs one command line with the given streams and returns its exit code: the CLI's own entry point. */
    @FunctionalInterface
    public interface Runner {
        int run(String[] args, PrintWriter out, PrintWriter err);
    }

    /** How often an idle daemon looks at its jar and its clock. */
    private static final Duration TICK = Duration.ofSeconds(5);

    private final Path socket;
    private final Duration idle;
    private final Runner runner;
    private final @Nullable Path watched;
    private final @Nullable FileTime watchedAt;
    private final Path home = Path.of("").toAbsolutePath();
    private final Instant started = Instant.now();
    private final PrintStream log;
    private int served;

    /**
     * @param watched the jar this daemon runs: when it changes, the daemon refuses work and stops (null: none)
     * @param log where the daemon notes its start, its stop and why (the client sends it to a file beside the socket)
     */
    public Server(Path socket, Duration idle, Runner runner, @Nullable Path watched, PrintStream log) {
        this.socket = socket.toAbsolutePath();
        this.idle = idle;
        this.runner = runner;
        this.watched = watched;
        this.watchedAt = watched == null ? null : modified(watched);
        this.log = log;
    }

    /** Serves until idle, stopped or outdated; returns the process's exit code. */
    public int serve() throws IOException {
        Path lockFile = Client.lockOf(socket);
        try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockChannel.tryLock()) {
            if (lock == null) {
                log.println("another daemon serves " + socket + "; stopping");
                return 0;
            }
            // The lock is ours, so a socket file left here is a dead daemon's.
            Files.deleteIfExists(socket);
            try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                    Selector selector = Selector.open()) {
                server.bind(UnixDomainSocketAddress.of(socket));
                server.configureBlocking(false);
                server.register(selector, SelectionKey.OP_ACCEPT);
                log.println("serving " + home + " on " + socket + " (pid "
                        + ProcessHandle.current().pid() + ")");
                String why = loop(server, selector);
                log.println("stopping: " + why + " (" + served + " commands served)");
                return 0;
            } finally {
                Files.deleteIfExists(socket);
            }
        }
    }

    private String loop(ServerSocketChannel server, Selector selector) throws IOException {
        long lastUsed = System.nanoTime();
        while (true) {
            long left = idle.toNanos() - (System.nanoTime() - lastUsed);
            if (left <= 0) {
                return "idle for " + idle.toSeconds() + " s";
            }
            if (outdated()) {
                return "the jar changed";
            }
            selector.select(Math.max(1, Math.min(left, TICK.toNanos()) / 1_000_000));
            selector.selectedKeys().clear();
            SocketChannel client = server.accept();
            if (client == null) {
                continue;
            }
            try (client) {
                client.configureBlocking(true);
                String stop = answer(client);
                if (stop != null) {
                    return stop;
                }
            } catch (IOException e) {
                log.println("a client went away: " + e.getMessage());
            }
            lastUsed = System.nanoTime();
        }
    }

    /** Answers one request; returns why to stop, or null to go on. */
    private @Nullable String answer(SocketChannel client) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(client)));
        DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(client), 1 << 16));
        Wire.Request request = Wire.Request.read(in);
        return switch (request.kind()) {
            case STOP -> {
                Wire.writeExit(out, 0);
                yield "asked to stop";
            }
            case STATUS -> {
                byte[] text = (status() + "\n").getBytes(StandardCharsets.UTF_8);
                Wire.writeFrame(out, Wire.OUT, text, 0, text.length);
                Wire.writeExit(out, 0);
                yield null;
            }
            case RUN -> runHere(request, out);
        };
    }

    private @Nullable String runHere(Wire.Request request, DataOutputStream out) throws IOException {
        if (!request.workingDirectory().equals(home.toString())) {
            Wire.writeLast(out, Wire.REFUSED, "this daemon serves " + home);
            return null;
        }
        if (outdated()) {
            Wire.writeLast(out, Wire.OUTDATED, "the jar changed");
            return "the jar changed";
        }
        return run(request, out);
    }

    private @Nullable String run(Wire.Request request, DataOutputStream socketOut) throws IOException {
        Charset charset = charset(request.charset());
        Frames frames = new Frames(socketOut);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(frames.stream(Wire.OUT), charset), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(frames.stream(Wire.ERR), charset), true);
        served++;
        long begun = System.nanoTime();
        int code;
        String stop = null;
        try {
            code = runner.run(request.args().toArray(String[]::new), out, err);
        } catch (ClientGone gone) {
            log.println("the client went away during: " + String.join(" ", request.args()));
            return null;
        } catch (OutOfMemoryError e) {
            // This JVM's heap may be in any state now: say so, and leave the next command to a fresh process.
            err.println("stackwright: the background JVM ran out of memory on this command. Fix: run it again with"
                    + " STACKWRIGHT_DAEMON=off, which gives the command a JVM of its own.");
            code = 1;
            stop = "out of memory";
        }
        out.flush();
        err.flush();
        log.println("exit " + code + " in " + (System.nanoTime() - begun) / 1_000_000 + " ms: "
                + String.join(" ", request.args()));
        if (frames.gone) {
            return stop;
        }
        Wire.writeExit(socketOut, code);
        return stop;
    }

    private String status() {
        Runtime rt = Runtime.getRuntime();
        long usedMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        return "pid " + ProcessHandle.current().pid() + ", serving " + home + " since " + started + ", "
                + served + (served == 1 ? " command" : " commands") + ", heap " + usedMb + " of "
                + (rt.totalMemory() >> 20) + " MB";
    }

    private boolean outdated() {
        return watched != null && !Objects.equals(watchedAt, modified(watched));
    }

    private static @Nullable FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    /** The client closed its end: the command stops at its next write instead of running on for nobody. */
    private static final class ClientGone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ClientGone(IOException cause) {
            super(cause);
        }
    }

    /** Both streams of a command, as frames on one socket in the order they were flushed. */
    private static final class Frames {
        private final DataOutputStream socket;
        boolean gone;

        Frames(DataOutputStream socket) {
            this.socket = socket;
        }

        OutputStream stream(byte kind) {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    if (len == 0) {
                        return;
                    }
                    try {
                        Wire.writeFrame(socket, kind, b, off, len);
                    } catch (IOException e) {
                        gone = true;
                        throw new ClientGone(e);
                    }
                }

                @Override
                public void flush() {
                    try {
                        socket.flush();
                    } catch (IOException e) {
                        gone = true;
                        throw new ClientGone(e);
                    }
                }
            };
        }
    }
}
