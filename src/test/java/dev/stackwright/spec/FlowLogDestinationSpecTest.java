package dev.stackwright.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Stackwright;
import dev.stackwright.cli.CliTest;
import dev.stackwright.model.FlowLogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code network.flowLogs}: true, false, or a mapping with the destination. */
class FlowLogDestinationSpecTest {
    @TempDir
    Path dir;

    private static final String BASE = "name: shop\nenvironment: prod\nservice: {compute: fargate}\nnetwork:\n";

    private static java.util.Optional<FlowLogs> flowLogs(String network) {
        return Stackwright.plan("stackwright.yml", BASE + network).network().flowLogs();
    }

    @Test
    void aMapping_turnsThemOn_withItsDestination() {
        assertThat(flowLogs("  flowLogs: {destination: s3}\n")).contains(new FlowLogs(90, FlowLogs.Destination.S3));
        assertThat(flowLogs("  flowLogs: {destination: cloudwatch-logs}\n"))
                .contains(new FlowLogs(90, FlowLogs.Destination.CLOUDWATCH_LOGS));
        assertThat(flowLogs("  flowLogs: {}\n")).contains(new FlowLogs(90, FlowLogs.Destination.CLOUDWATCH_LOGS));
        assertThat(flowLogs("  flowLogs: true\n")).contains(new FlowLogs(90, FlowLogs.Destination.CLOUDWATCH_LOGS));
        assertThat(flowLogs("  flowLogs: false\n")).isEmpty();
        assertThat(flowLogs("  flowLogs: {destination: s3}\n  flowLogRetentionDays: 14\n"))
                .contains(new FlowLogs(14, FlowLogs.Destination.S3));
    }

    private CliTest.Run validate(String network) throws IOException {
        Path spec = dir.resolve("stackwright.yml");
        Files.writeString(spec, BASE + network);
        return CliTest.run("validate", "-f", spec.toString());
    }

    @Test
    void anUnknownDestination_isNamed_withTheClosest() throws IOException {
        CliTest.Run r = validate("  flowLogs: {destination: s4}\n");
        assertThat(r.code()).isOne();
        assertThat(r.err())
                .contains("stackwright.yml:5:27")
                .contains("network.flowLogs.destination")
                .contains("did you mean `s3`?");
    }

    @Test
    void neitherTrueFalseNorAMapping_saysWhatItTakes() throws IOException {
        CliTest.Run r = validate("  flowLogs: yes please\n");
        assertThat(r.code()).isOne();
        assertThat(r.err()).contains("network.flowLogs").contains("write true or false, or a mapping such as");
    }
}
