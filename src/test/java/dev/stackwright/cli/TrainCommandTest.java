package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.bench.SnapshotWriter;
import dev.stackwright.bench.SyntheticAccount;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's training runs: they must run the real commands to the end, or the caches miss what they load. */
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

    /**
     * synth, then check (text, SARIF) and why on the account, and check on the two templates. The account's random
     * rules break the built-in policy, so its checks exit 1 as a user's would; anything else means a command did
     * not run to the end and the cache would miss its classes and profiles.
     */
    @Test
    void analysisCommandLines_runEveryCommandToItsVerdict_andLeaveNothingBehind() throws IOException {
        assertThat(TrainCommand.analysisCommandLines(dir))
                .containsExactly(Main.OK, Main.INPUT_PROBLEM, Main.INPUT_PROBLEM, Main.OK, Main.OK, Main.OK, Main.OK);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void trainAnalysis_exitsZero() {
        assertThat(CliTest.run("__train", "--analysis").code()).isZero();
    }

    /** The shipped account is what its documented command writes, byte for byte: it cannot drift from the generator. */
    @Test
    void shippedAccount_isTheGeneratorsOutput() throws IOException {
        List<Path> written = SnapshotWriter.write(SyntheticAccount.account(1, 500, 1000, 2), dir);
        assertThat(written.stream().map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrderElementsOf(TrainCommand.ACCOUNT_FILES);
        for (Path file : written) {
            try (InputStream shipped = Objects.requireNonNull(
                    TrainCommand.class.getResourceAsStream(TrainCommand.ACCOUNT + file.getFileName()))) {
                assertThat(new String(shipped.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                        .as(file.getFileName().toString())
                        .isEqualTo(Files.readString(file));
            }
        }
    }
}
