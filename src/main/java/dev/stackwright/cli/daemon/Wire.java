package dev.stackwright.cli.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the launcher's client and the daemon say to each other over the daemon's Unix socket, which only its owner can
 * open (its folder is {@code 0700}).
 *
 * <p>The client sends one request: {@link #MAGIC}, a {@link Kind}, its working directory, the charset of its standard
 * output, and the command's arguments. The daemon answers with frames: {@link #OUT} and {@link #ERR} carry bytes for
 * the client's two streams in the order the command wrote them; the last frame is {@link #EXIT} with the exit code,
 * {@link #REFUSED} with a reason when the daemon will not run it (a request from another folder), and the client then
 * runs the command itself, or {@link #OUTDATED} when the jar was rebuilt since the daemon started: it stops, and the
 * client starts a new one.
 *
 * <p>This class loads nothing of the rest of Stackwright: the client starts a JVM on every command and must stay small.
 */
public final class Wire {
    /** Changes whenever the format does, so a client never misreads a daemon of another build. */
    static final int MAGIC = 0x53570002;

    static final byte OUT = 1;
    static final byte ERR = 2;
    static final byte EXIT = 3;
    static final byte REFUSED = 4;
    static final byte OUTDATED = 5;

    /** What the client asks for. */
    enum Kind {
        /** Run a command as {@code stackwright ARGS} in the given folder. */
        RUN,
        /** Say who you are: process, folder, uptime, commands served. */
        STATUS,
        /** Stop now. */
        STOP
    }

    /** One request. */
    record Request(Kind kind, String workingDirectory, String charset, List<String> args) {
        Request {
            args = List.copyOf(args);
        }

        void write(DataOutputStream out) throws IOException {
            out.writeInt(MAGIC);
            out.writeByte(kind.ordinal());
            writeString(out, workingDirectory);
            writeString(out, charset);
            out.writeInt(args.size());
            for (String a : args) {
                writeString(out, a);
            }
            out.flush();
        }

        static Request read(DataInputStream in) throws IOException {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a request of this build");
            }
            int kind = in.readUnsignedByte();
            if (kind >= Kind.values().length) {
                throw new IOException("unknown request kind " + kind);
            }
            String dir = readString(in);
            String charset = readString(in);
            int count = in.readInt();
            if (count < 0 || count > 100_000) {
                throw new IOException("bad argument count " + count);
            }
            List<String> args = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                args.add(readString(in));
            }
            return new Request(Kind.values()[kind], dir, charset, args);
        }
    }

    static void writeFrame(DataOutputStream out, byte kind, byte[] bytes, int offset, int length) throws IOException {
        out.writeByte(kind);
        out.writeInt(length);
        out.write(bytes, offset, length);
    }

    static void writeExit(DataOutputStream out, int code) throws IOException {
        out.writeByte(EXIT);
        out.writeInt(code);
        out.flush();
    }

    /** A last frame that carries text: {@link #REFUSED} or {@link #OUTDATED}. */
    static void writeLast(DataOutputStream out, byte kind, String reason) throws IOException {
        byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
        writeFrame(out, kind, bytes, 0, bytes.length);
        out.flush();
    }

    /** A string of any length (DataOutputStream's own stops at 64 KB), as UTF-8. */
    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    /** A length and that many bytes; a length no request needs is refused rather than allocated. */
    static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 64 * 1024 * 1024) {
            throw new EOFException("bad length " + length);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    private Wire() {}
}
