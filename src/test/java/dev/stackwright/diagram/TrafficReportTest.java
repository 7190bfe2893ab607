package dev.stackwright.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stackwright.cli.CliTest;
import dev.stackwright.flows.FlowLogs;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report --flows}: the page's "Traffic (flow logs)" section says what {@code flows --format json} says of the
 * same log (a generated one whose answers are known, {@link FlowLogs}), row for row; the page stays deterministic and
 * self-contained; bad input is one line and exit 1.
 */
class TrafficReportTest {
    private static final String SPEC = "examples/staging-dual-stack/stackwright.yml";

    @TempDir
    Path dir;

    private Path knownLog() {
        return FlowLogs.write(dir.resolve("flows.log"), FlowLogs.text(FlowLogs.knownRecords()));
    }

    private String report(Path log, String name) throws IOException {
        Path page = dir.resolve(name);
        CliTest.Run r = CliTest.run("report", "-f", SPEC, "--flows", log.toString(), "-o", page.toString());
        assertThat(r.code()).as(r.err()).isZero();
        return Files.readString(page);
    }

    private static String section(String page) {
        int start = page.indexOf("<section id=\"flows\">");
        assertThat(start).as("the flows section").isNotNegative();
        return page.substring(start, page.indexOf("</section>", start));
    }

    private static String row(String... cells) {
        StringBuilder h = new StringBuilder("<tr>");
        for (String c : cells) {
            h.append(TrafficSection.isFigure(c) ? "<td class=\"num\">" : "<td>")
                    .append(HtmlReport.esc(c))
                    .append("</td>");
        }
        return h.append("</tr>").toString();
    }

    private static String n(JsonNode v) {
        return TrafficSection.count(v.asLong());
    }

    private static String usd(JsonNode v) {
        return v.isMissingNode()
                ? "-"
                : "$" + v.decimalValue().setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    @Test
    void section_saysWhatFlowsJsonSays_rowForRow() throws IOException {
        Path log = knownLog();
        CliTest.Run flows = CliTest.run("flows", log.toString(), "-f", SPEC, "--format", "json");
        assertThat(flows.code()).as(flows.err()).isZero();
        JsonNode a = new ObjectMapper().readTree(flows.out());
        String s = section(report(log, "page.html"));

        assertThat(s).contains("<h2>Traffic (flow logs)</h2>");
        assertThat(s)
                .contains(n(a.at("/summary/records")) + " records, " + n(a.at("/summary/bytes")) + " bytes, "
                        + n(a.at("/summary/rejected")) + " rejected");
        List<String> expected = new ArrayList<>();
        for (String list : List.of("topByBytes", "topByFlows")) {
            for (JsonNode r : a.path(list)) {
                expected.add(row(
                        r.path("source").asText(),
                        r.path("destination").asText(),
                        n(r.path("bytes")),
                        n(r.path("flows"))));
            }
        }
        for (String by : List.of("bySource", "byPort", "byInterface")) {
            for (JsonNode r : a.path("rejected").path(by)) {
                expected.add(row(r.path("key").asText(), n(r.path("flows")), n(r.path("packets"))));
            }
        }
        assertThat(a.at("/nat/lines").size())
                .as("NAT lines in the known log: S3, EC2, DynamoDB, internet")
                .isEqualTo(4);
        for (JsonNode l : a.at("/nat/lines")) {
            expected.add(row(
                    l.path("nat").asText(),
                    l.path("service").asText(),
                    n(l.path("bytes")),
                    n(l.path("flows")),
                    l.path("gbPerMonth").decimalValue().toPlainString(),
                    usd(l.path("natMonthlyUsd")),
                    l.path("endpoint").asText(),
                    usd(l.path("endpointSavesMonthlyUsd"))));
        }
        for (JsonNode u : a.at("/drift/unexpected")) {
            expected.add(row(
                    u.path("client").asText(),
                    u.path("clientAt").asText(),
                    u.path("server").asText(),
                    u.path("serverAt").asText(),
                    u.path("protocol").asText() + "/" + u.path("port").asInt(),
                    n(u.path("flows")),
                    n(u.path("bytes"))));
        }
        // In the order flows gives them: each row after the one before.
        int at = 0;
        for (String r : expected) {
            int next = s.indexOf(r, at);
            assertThat(next).as("row %s after position %d of\n%s", r, at, s).isGreaterThanOrEqualTo(at);
            at = next + r.length();
        }
        // The known answers themselves, so the comparison is not of two empty lists: S3 through eni-nat, 3 GB an
        // hour, 2,190 GB a month, all of it saved by the free gateway endpoint.
        JsonNode s3 = a.at("/nat/lines/0");
        assertThat(s3.path("service").asText()).isEqualTo("S3");
        assertThat(s3.path("bytes").asLong()).isEqualTo(3_000_000_000L);
        assertThat(s3.path("gbPerMonth").decimalValue()).isEqualByComparingTo(new BigDecimal("2190"));
        assertThat(s3.path("endpointSavesMonthlyUsd").decimalValue())
                .isEqualByComparingTo(s3.path("natMonthlyUsd").decimalValue());
        assertThat(s).contains(row("10.0.1.10", "10.0.2.20", "5,000,000", "5"));
        assertThat(s).contains(row("198.51.100.7", "3", "3"));
    }

    @Test
    void figures_areRightAligned_addressesAreNot() {
        assertThat(TrafficSection.isFigure("2,000,000")).isTrue();
        assertThat(TrafficSection.isFigure("1460.0")).isTrue();
        assertThat(TrafficSection.isFigure("$80.30")).isTrue();
        assertThat(TrafficSection.isFigure("-$3.10")).isTrue();
        assertThat(TrafficSection.isFigure("10.1.64.10")).isFalse();
        assertThat(TrafficSection.isFigure("-")).isFalse();
        assertThat(TrafficSection.isFigure("tcp/22")).isFalse();
    }

    @Test
    void page_isTheSameBytesEveryRun_andOnlyHasTheSectionWhenAsked() throws IOException {
        Path log = knownLog();
        String first = report(log, "one.html");
        assertThat(report(log, "two.html")).isEqualTo(first);
        assertThat(first).contains("<a href=\"#flows\">Traffic (flow logs)</a>");
        CliTest.Run without = CliTest.run("report", "-f", SPEC);
        assertThat(without.code()).as(without.err()).isZero();
        assertThat(without.out()).doesNotContain("Traffic (flow logs)");
    }

    @Test
    void page_inChromium_fetchesNothing() throws IOException {
        Path page = dir.resolve("traffic.html").toAbsolutePath();
        report(knownLog(), "traffic.html");
        Path netLog = dir.resolve("traffic.netlog.json").toAbsolutePath();
        BrowserTest.Chromium.Result r = BrowserTest.Chromium.run(
                List.of("--log-net-log=" + netLog, "--dump-dom", page.toUri().toString()), "traffic");
        assertThat(r.stdout()).contains("Traffic (flow logs)", "Through NAT by destination service");
        assertThat(BrowserTest.pageRequests(netLog))
                .as("requests the page made")
                .isEmpty();
    }

    @Test
    void missingPath_isOneLine_exit1() {
        CliTest.Run r = CliTest.run(
                "report", "-f", SPEC, "--flows", dir.resolve("nowhere.log").toString());
        assertThat(r.code()).isOne();
        assertThat(r.err()).contains("nowhere.log:1:1: no such file or folder").doesNotContain("Exception", "\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unreadableGzip_isOneLine_exit1() throws IOException {
        Path bad = dir.resolve("cut.log.gz");
        Files.write(bad, new byte[] {0x1f, (byte) 0x8b, 8, 0, 'x', 'y'});
        CliTest.Run r = CliTest.run("report", "-f", SPEC, "--flows", bad.toString());
        assertThat(r.code()).isOne();
        assertThat(r.err()).contains("cut.log.gz").contains("truncated").doesNotContain("Exception", "\tat ");
        assertThat(r.out()).isEmpty();
    }
}
