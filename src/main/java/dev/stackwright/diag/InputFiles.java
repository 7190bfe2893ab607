package dev.stackwright.diag;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a file the user named, turning "not there", "cannot read" and "too large" into located problems with a fix.
 * Every file Stackwright reads as input goes through {@link #read}, so the size caps apply in one place.
 */
public final class InputFiles {
    /** The largest spec or policy file read: a real one is a few KB; this only stops {@code -f /dev/zero}. */
    public static final long SPEC_LIMIT = 64L * 1024 * 1024;

    /**
     * The largest CloudFormation template, snapshot file or price book read: a whole 10,000-interface account is
     * 23 MB of describe-* JSON, so this leaves room while keeping a run inside the JVM's default heap.
     */
    public static final long DATA_LIMIT = 256L * 1024 * 1024;

    private InputFiles() {}

    /**
     * The file's text (UTF-8), at most {@link #SPEC_LIMIT} bytes.
     *
     * @param what         how messages name the file, e.g. "policy file"
     * @param whenMissing  the fix when it does not exist
     * @throws InputException {@code no-file}, {@code unreadable} or {@code too-large}, located at the file
     */
    public static String read(Path file, String what, String whenMissing) {
        return read(file, what, whenMissing, SPEC_LIMIT);
    }

    /**
     * The file's text (UTF-8), at most {@code limit} bytes. Reads no more than the limit (plus one byte), so a device
     * such as /dev/zero or a file growing as it is read is refused without exhausting memory.
     *
     * @throws InputException {@code no-file}, {@code unreadable} or {@code too-large}, located at the file
     */
    public static String read(Path file, String what, String whenMissing, long limit) {
        String shown = file.toString();
        try {
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limit + 1));
            }
            if (bytes.length > limit) {
                throw new InputException(List.of(Diagnostic.error(
                        "too-large",
                        SourceLocation.ofFile(shown),
                        "",
                        "the " + what + " is larger than " + megabytes(limit) + ", the most Stackwright reads",
                        null,
                        "check that this is the right file (a device such as /dev/zero never ends)")));
            }
            return utf8(bytes);
        } catch (NoSuchFileException e) {
            throw new InputException(List.of(Diagnostic.error(
                    "no-file", SourceLocation.ofFile(shown), "", what + " not found", null, whenMissing)));
        } catch (CharacterCodingException e) {
            throw new InputException(List.of(Diagnostic.error(
                    "unreadable",
                    SourceLocation.ofFile(shown),
                    "",
                    "the " + what + " is not UTF-8 text",
                    null,
                    "save it as UTF-8, or check that this is the right file")));
        } catch (IOException e) {
            throw new InputException(List.of(Diagnostic.error(
                    "unreadable",
                    SourceLocation.ofFile(shown),
                    "",
                    "cannot read the " + what + ": " + e.getMessage(),
                    null,
                    "check the path and its permissions")));
        }
    }

    private static String megabytes(long bytes) {
        return bytes / (1024 * 1024) + " MB";
    }

    /**
     * The text of UTF-8 bytes; malformed bytes are refused, not replaced. Decoded straight into a string (for ASCII
     * text a copy), and checked by the strict decoder only when the result holds a replacement character: a snapshot
     * file is tens of MB, and decoding it through a char buffer cost three copies of it.
     */
    static String utf8(byte[] bytes) throws CharacterCodingException {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0) {
            // Either the file has the character itself (then this decodes) or its bytes are not UTF-8 (this throws).
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
        }
        return text;
    }
}
