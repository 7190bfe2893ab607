package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's training run: it must run the real commands to the end, or the cache misses what they load. */
class TrainCommandTest {
    @TempDir
    Path dir;

    @Test
    void everydayCommandLines_allSucceed_andLeaveNothingBehind() throws IOException {
        assertThat(TrainCommand.commandLines(dir)).hasSize(7).containsOnly(Main.OK);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void train_exitsZero() {
        assertThat(CliTest.run("__train").code()).isZero();
    }
}
