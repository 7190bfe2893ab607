package dev.stackwright.cli.daemon;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The launcher's side of the daemon: a small JVM that finds (or starts) the daemon for this folder and build, hands it
 * the command, and copies what it writes to this process's streams.
 *
 * <p>{@code Client DIR IDLE_SECONDS N SERVER_ARGV... ARGS...}: DIR is the daemons' folder, the N words after it are the
 * command line that starts a daemon (the launcher's JVM, options and class path, ending in {@code __serve}), and the
 * rest is the user's command. The daemon's socket is named by a digest of that command line and the working
 * directory, so another build, JDK, option or folder gets a daemon of its own.
 *
 * <p>Exit code {@link #NOT_SERVED} says nothing ran and nothing was written: the launcher then runs the command in a
 * JVM of its own, as it does without a daemon. Every other code is the command's.
 */
public final class Client {
    /** EX_TEMPFAIL: no daemon could take the command; no Stackwright command exits with it. */
    public static final int NOT_SERVED = 75;

    /** How long a daemon just started may take to open its socket. */
    private static final long START_MILLIS = 60_000;

    private static final long MAX_LOG_BYTES = 1 << 20;

    /** sun_path holds 108 bytes on Linux and 104 on macOS, the terminating zero included. */
    private static final int MAX_SOCKET_PATH = 103;

    /**
     * What the environment may change in a command's output: the locale and time zone. A daemon started under others
     * would answer in its own, so they are part of its name.
     */
    private static final List<String> ENVIRONMENT =
            List.of("LANG", "LC_ALL", "LC_CTYPE", "LC_MESSAGES", "LC_NUMERIC", "LC_TIME", "TZ");

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private final PrintStream notes;

    private Client(PrintStream notes) {
        this.notes = notes;
    }

    public static void main(String[] argv) throws IOException, InterruptedException {
        if (argv.length == 2 && argv[0].equals("--train")) {
            System.exit(train(Path.of(argv[1])));
        }
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        OutputStream err = new FileOutputStream(FileDescriptor.err);
        System.exit(run(argv, out, err));
    }

    /**
     * The launcher's training run for the client's own start-up cache: one command's round trip through every class a
     * real one loads, against a stand-in daemon on a thread (a real one would cost a second JVM, and the cache
     * records only this one). {@code dir} is a throw-away folder; the daemons' folder is made in it.
     */
    static int train(Path dir) throws IOException, InterruptedException {
        Path daemons = dir.resolve("daemons");
        List<String> server = List.of("java", "__serve");
        String cwd = Path.of("").toAbsolutePath().toString();
        Client client = new Client(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
        if (!client.ownFolder(daemons)) {
            return 1;
        }
        Path socket = daemons.resolve(key(server, cwd) + ".sock");
        try (java.nio.channels.ServerSocketChannel stand =
                java.nio.channels.ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stand.bind(UnixDomainSocketAddress.of(socket));
            Thread daemon = new Thread(() -> {
                try (SocketChannel c = stand.accept()) {
                    Wire.Request.read(new DataInputStream(new BufferedInputStream(Channels.newInputStream(c))));
                    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(c)));
                    byte[] text = "trained\n".getBytes(StandardCharsets.UTF_8);
                    Wire.writeFrame(out, Wire.OUT, text, 0, text.length);
                    Wire.writeFrame(out, Wire.ERR, text, 0, text.length);
                    Wire.writeExit(out, 0);
                } catch (IOException e) {
                    // the client's side below then fails, and so does the training
                }
            });
            daemon.start();
            List<String> argv = new ArrayList<>(List.of(daemons.toString(), "1", String.valueOf(server.size())));
            argv.addAll(server);
            argv.add("plan");
            int code =
                    run(argv.toArray(String[]::new), OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
            daemon.join();
            return code;
        } finally {
            Files.deleteIfExists(socket);
        }
    }

    /** Runs the command through the daemon, writing its two streams to {@code out} and {@code err}. */
    public static int run(String[] argv, OutputStream out, OutputStream err) {
        PrintStream notes = new PrintStream(err, true, StandardCharsets.UTF_8);
        if (argv.length < 3) {
            notes.println("stackwright: the daemon client needs DIR IDLE_SECONDS N SERVER_ARGV... ARGS...");
            return NOT_SERVED;
        }
        int n;
        try {
            n = Integer.parseInt(argv[2]);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || 3 + n > argv.length) {
            notes.println("stackwright: the daemon client was given a bad server command line");
            return NOT_SERVED;
        }
        Path dir = Path.of(argv[0]);
        List<String> server = Arrays.asList(argv).subList(3, 3 + n);
        List<String> args = Arrays.asList(argv).subList(3 + n, argv.length);
        return new Client(notes).run(dir, argv[1], server, args, out, err);
    }

    private int run(Path dir, String idle, List<String> server, List<String> args, OutputStream out, OutputStream err) {
        String cwd = Path.of("").toAbsolutePath().toString();
        if (!ownFolder(dir)) {
            return NOT_SERVED;
        }
        String key = key(server, cwd);
        Path socket = dir.resolve(key + ".sock");
        int length = socket.toString().getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_SOCKET_PATH) {
            notes.println("stackwright: not using a background JVM: its socket's path would be " + length
                    + " bytes, and sockets take at most " + MAX_SOCKET_PATH + ". Fix: set STACKWRIGHT_DAEMON_DIR to a"
                    + " shorter folder, or STACKWRIGHT_DAEMON=off");
            return NOT_SERVED;
        }
        Wire.Request request = new Wire.Request(Wire.Kind.RUN, cwd, stdoutCharset(), args);
        // Twice at most: a daemon of a jar since rebuilt refuses, stops, and the second round starts a new one.
        for (int round = 0; round < 2; round++) {
            SocketChannel found = connect(socket);
            SocketChannel channel = found != null ? found : start(server, socket, dir.resolve(key + ".log"), idle, cwd);
            if (channel == null) {
                return NOT_SERVED;
            }
            try (channel) {
                Answer answer = talk(channel, request, out, err);
                switch (answer) {
                    case Answer.Exited exited -> {
                        return exited.code();
                    }
                    case Answer.Refused refused -> {
                        return NOT_SERVED;
                    }
                    case Answer.Outdated outdated -> waitForStop(lockOf(socket));
                }
            } catch (IOException e) {
                // Output may have been written by now: running the command again could write it twice.
                notes.println("stackwright: the background JVM stopped before the command finished ("
                        + e.getMessage() + "); see " + dir.resolve(key + ".log")
                        + ". Fix: run the command again, or with STACKWRIGHT_DAEMON=off.");
                return 70;
            }
        }
        return NOT_SERVED;
    }

    /** How a request ended. Nothing was written unless it {@link Exited}. */
    sealed interface Answer {
        record Exited(int code) implements Answer {}

        /** The daemon will not run it, and goes on. */
        record Refused() implements Answer {}

        /** The daemon's jar changed: it stops. */
        record Outdated() implements Answer {}
    }

    /** The file a daemon holds locked while it lives. */
    static Path lockOf(Path socket) {
        return socket.resolveSibling(socket.getFileName() + ".lock");
    }

    /** Waits (a few seconds at most) until no daemon holds the lock, so a new one can take it. */
    static void waitForStop(Path lock) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock held = channel.tryLock()) {
                if (held != null) {
                    return;
                }
            } catch (IOException e) {
                return; // the new daemon will say what is wrong
            }
            if (!paused()) {
                return;
            }
        }
    }

    /** A short wait between two looks at a socket or lock; false when interrupted (the caller then gives up). */
    private static boolean paused() {
        try {
            Thread.sleep(20);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends one request and copies the answer; also how {@code daemon status|stop} read theirs. */
    static Answer talk(SocketChannel channel, Wire.Request request, OutputStream out, OutputStream err)
            throws IOException {
        DataOutputStream toDaemon = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
        request.write(toDaemon);
        DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 1 << 16));
        BufferedOutputStream stdout = new BufferedOutputStream(out, 1 << 16);
        BufferedOutputStream stderr = new BufferedOutputStream(err, 1 << 12);
        byte[] buffer = new byte[1 << 16];
        byte last = 0;
        while (true) {
            byte kind;
            try {
                kind = in.readByte();
            } catch (EOFException e) {
                throw new EOFException("no exit code");
            }
            int length = in.readInt();
            switch (kind) {
                case Wire.OUT, Wire.ERR -> {
                    // A terminal shows both streams: keep their order by flushing one before the other is written.
                    if (kind != last) {
                        (kind == Wire.OUT ? stderr : stdout).flush();
                        last = kind;
                    }
                    BufferedOutputStream target = kind == Wire.OUT ? stdout : stderr;
                    copy(in, target, length, buffer);
                    if (in.available() == 0) {
                        target.flush(); // nothing more yet: show what there is
                    }
                }
                case Wire.EXIT -> {
                    stdout.flush();
                    stderr.flush();
                    return new Answer.Exited(length);
                }
                case Wire.REFUSED, Wire.OUTDATED -> {
                    if (length < 0 || length > 1 << 16) {
                        throw new IOException("bad frame length " + length);
                    }
                    in.readFully(new byte[length]); // the reason: the launcher acts the same whatever it is
                    return kind == Wire.REFUSED ? new Answer.Refused() : new Answer.Outdated();
                }
                default -> throw new IOException("bad frame kind " + kind);
            }
        }
    }

    private static void copy(DataInputStream in, OutputStream target, int length, byte[] buffer) throws IOException {
        if (length < 0) {
            throw new IOException("bad frame length " + length);
        }
        int left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, Math.min(left, buffer.length));
            if (n < 0) {
                throw new EOFException("cut off");
            }
            target.write(buffer, 0, n);
            left -= n;
        }
    }

    /** Starts a daemon and waits for its socket; null when it could not start (its log says why). */
    private @Nullable SocketChannel start(List<String> server, Path socket, Path log, String idle, String cwd) {
        notes.println("stackwright: starting a background JVM that keeps its compiled code for later commands in this"
                + " folder (stop it: stackwright daemon stop; never start one: STACKWRIGHT_DAEMON=off)");
        List<String> command = new ArrayList<>();
        // Ignored signals survive exec, and the JVM keeps them ignored: a Ctrl-C meant for this command, or the
        // terminal closing, does not end the daemon with it.
        command.addAll(List.of("/bin/sh", "-c", "trap '' INT HUP; exec \"$@\"", "stackwright-daemon"));
        command.addAll(server);
        command.addAll(List.of("--socket", socket.toString(), "--idle", idle));
        Process process;
        try {
            // Each daemon adds to the log of the ones before it (why they stopped is worth keeping), up to a limit.
            if (Files.isRegularFile(log) && Files.size(log) > MAX_LOG_BYTES) {
                Files.delete(log);
            }
            process = new ProcessBuilder(command)
                    .directory(new File(cwd))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            notes.println("stackwright: could not start the background JVM (" + e.getMessage() + "); running"
                    + " without it");
            return null;
        }
        long deadline = System.nanoTime() + START_MILLIS * 1_000_000;
        while (System.nanoTime() < deadline) {
            SocketChannel channel = connect(socket);
            if (channel != null) {
                return channel;
            }
            if (!process.isAlive()) {
                // It may have stopped because another client's daemon took the lock first: one more look.
                channel = connect(socket);
                if (channel == null) {
                    notes.println(
                            "stackwright: the background JVM did not start (see " + log + "); running without" + " it");
                }
                return channel;
            }
            if (!paused()) {
                return null;
            }
        }
        notes.println("stackwright: the background JVM did not answer within " + START_MILLIS / 1000 + " s (see " + log
                + "); running without it");
        return null;
    }

    /** A connection to the daemon at {@code socket}, or null when none listens there. */
    static @Nullable SocketChannel connect(Path socket) {
        if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
                return channel;
            } catch (IOException e) {
                channel.close();
                return null;
            }
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Whether {@code dir} is a folder of this user's that nobody else can write or read: created so when missing. A
     * folder in a shared place such as {@code /tmp} could otherwise hold another user's socket posing as a daemon.
     */
    private boolean ownFolder(Path dir) {
        try {
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                Files.setPosixFilePermissions(dir, OWNER_ONLY); // the umask may have taken some away
            } catch (FileAlreadyExistsException e) {
                // checked below
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                notes.println("stackwright: not using a background JVM: " + dir + " is not a folder");
                return false;
            }
            String owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName();
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
            if (!owner.equals(System.getProperty("user.name")) || !perms.equals(OWNER_ONLY)) {
                notes.println("stackwright: not using a background JVM: " + dir + " must belong to you alone (owner "
                        + owner + ", " + PosixFilePermissions.toString(perms) + "). Fix: remove it, or set"
                        + " STACKWRIGHT_DAEMON=off");
                return false;
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            notes.println("stackwright: not using a background JVM: " + dir + ": " + e.getMessage());
            return false;
        }
    }

    /**
     * The daemon's name: a digest of how it is started, where it works, and the locale it works in. Two 64-bit FNV-1a hashes with different
     * starting points, not SHA-256: the client runs on every command, and loading the JDK's security providers for a
     * name no attacker chooses cost it about 20 ms.
     */
    static String key(List<String> server, String cwd) {
        long a = 0xcbf29ce484222325L;
        long b = 0x84222325cbf29ce4L;
        List<String> words = new ArrayList<>(server);
        words.add(cwd);
        for (String name : ENVIRONMENT) {
            String value = System.getenv(name);
            words.add(name + "=" + (value == null ? "" : value));
        }
        for (String word : words) {
            for (byte x : word.getBytes(StandardCharsets.UTF_8)) {
                a = (a ^ (x & 0xff)) * 0x100000001b3L;
                b = (b ^ (x & 0xff)) * 0x100000001b3L;
            }
            a = (a ^ 0x100) * 0x100000001b3L; // a separator no byte equals: ("ab","c") and ("a","bc") differ
            b = (b ^ 0x100) * 0x100000001b3L;
        }
        return hex16(a) + hex16(b);
    }

    private static String hex16(long v) {
        String h = Long.toHexString(v);
        return "0".repeat(16 - h.length()) + h; // not String.format: its patterns cost a start-up
    }

    private static String stdoutCharset() {
        String name = System.getProperty("stdout.encoding");
        return name == null ? java.nio.charset.Charset.defaultCharset().name() : name;
    }
}
