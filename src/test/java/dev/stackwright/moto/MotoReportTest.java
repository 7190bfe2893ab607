package dev.stackwright.moto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report} with {@code --endpoint-url}: one example deployed to a local AWS (moto, see {@link MotoServer}), its
 * spec changed, and the page's "Deployed vs this plan" section held against what {@code diff} prints.
 */
class MotoReportTest {
    @TempDir
    static Path work;

    private static MotoServer moto;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start(work.resolve("moto.log"));
        System.setProperty("aws.accessKeyId", "stackwright-test");
        System.setProperty("aws.secretAccessKey", "stackwright-test");
    }

    @AfterAll
    static void stopMoto() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void report_ofADeployedStack_listsWhatDiffLists_andWithoutAwsOptions_hasNoSuchSection() throws IOException {
        Path spec = work.resolve("stackwright.yml");
        String yaml = Files.readString(Path.of("examples/dev-isolated/stackwright.yml"));
        assertThat(yaml).contains("  memory: 1024\n");
        Files.writeString(spec, yaml);
        // From nothing, deploy stops before the app until its image is in the registry: push one, as a user would.
        Run first = cli("deploy", "--yes", "-f", spec.toString(), "--endpoint-url", moto.endpoint());
        assertThat(first.code()).as(first.text()).isEqualTo(1);
        assertThat(first.err()).as(first.text()).contains("docker push ");
        MotoImages.push(moto, "eu-west-1", "orders-api", "latest", 'r');
        Run deploy = cli("deploy", "--yes", "-f", spec.toString(), "--endpoint-url", moto.endpoint());
        assertThat(deploy.code()).as(deploy.text()).isZero();

        Run unchanged = cli("report", "-f", spec.toString(), "--endpoint-url", moto.endpoint());
        assertThat(unchanged.code()).as(unchanged.text()).isZero();
        assertThat(unchanged.out())
                .contains(
                        "<h2>Deployed vs this plan</h2>",
                        "<h3>orders-api-dev-network: no changes</h3>",
                        "<h3>orders-api-dev-app: no changes</h3>");

        Files.writeString(spec, yaml.replace("  memory: 1024\n", "  memory: 2048\n"));
        Run diff = cli("diff", "-f", spec.toString(), "--endpoint-url", moto.endpoint());
        assertThat(diff.code()).as(diff.text()).isZero();
        assertThat(diff.out()).containsPattern("~ modify\\s+Function\\s+AWS::Lambda::Function\\s+\\(MemorySize\\)");
        Run changed = cli("report", "-f", spec.toString(), "--endpoint-url", moto.endpoint());
        assertThat(changed.code()).as(changed.text()).isZero();
        for (String line : diff.out().split("\n", -1)) {
            if (line.startsWith("orders-api-dev-")) {
                assertThat(changed.out()).as("diff's line " + line).contains("<h3>" + line + "</h3>");
            }
        }
        assertThat(changed.out())
                .contains(
                        "<tr><td>~ modify</td><td>Function</td><td>AWS::Lambda::Function</td><td>MemorySize</td></tr>",
                        "<a href=\"#deployed\">Deployed vs this plan</a>");

        Run offline = cli("report", "-f", spec.toString());
        assertThat(offline.code()).as(offline.text()).isZero();
        assertThat(offline.out()).doesNotContain("Deployed vs this plan", "id=\"deployed\"");

        Run destroy = cli("destroy", "--yes", "-f", spec.toString(), "--endpoint-url", moto.endpoint());
        assertThat(destroy.code()).as(destroy.text()).isZero();
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(String.join(" ", List.of(args)), code, out.toString(), err.toString());
    }

    private record Run(String command, int code, String out, String err) {
        String text() {
            return "$ stackwright " + command + "\nexit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
