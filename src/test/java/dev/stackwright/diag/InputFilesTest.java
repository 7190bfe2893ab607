package dev.stackwright.diag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input files are read as UTF-8 text, exactly: what is not UTF-8 is refused with a located error, never replaced. */
class InputFilesTest {
    @TempDir
    Path dir;

    private String read(byte[] bytes) throws IOException {
        Path file = dir.resolve("input.json");
        Files.write(file, bytes);
        return InputFiles.read(file, "snapshot file", "check the folder", InputFiles.DATA_LIMIT);
    }

    @Test
    void utf8Text_readsAsWritten() throws IOException {
        String text = "{\"Description\": \"caf\u00e9 \u2013 \ud83d\ude80\", \"Plain\": \"ascii\"}\n";

        assertThat(read(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
    }

    @Test
    void theReplacementCharacterItself_isText() throws IOException {
        String text = "{\"Name\": \"\ufffd\"}";

        assertThat(read(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
    }

    @Test
    void bytesThatAreNotUtf8_areRefusedAtTheFile() {
        // 0xC3 starts a two-byte sequence; '(' cannot continue it. Latin-1 "é" (0xE9) alone is not UTF-8 either.
        for (byte[] bad : new byte[][] {{'{', (byte) 0xC3, '(', '}'}, {'"', 'c', 'a', 'f', (byte) 0xE9, '"'}}) {
            assertThatThrownBy(() -> read(bad)).isInstanceOfSatisfying(InputException.class, e -> {
                Diagnostic d = e.diagnostics().getFirst();
                assertThat(d.code()).isEqualTo("unreadable");
                assertThat(d.message()).isEqualTo("the snapshot file is not UTF-8 text");
                assertThat(d.location().file()).endsWith("input.json");
                assertThat(d.fix()).contains("save it as UTF-8");
            });
        }
    }
}
