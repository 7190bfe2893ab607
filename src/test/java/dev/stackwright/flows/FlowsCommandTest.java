package dev.stackwright.flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stackwright.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stackwright flows} on generated logs whose every answer is known ({@link FlowLogs}). */
class FlowsCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
        String text() {
            return out + err;
        }
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    static JsonNode json(Run run) throws IOException {
        assertThat(run.code()).as(run.text()).isZero();
        return new ObjectMapper().readTree(run.out());
    }

    @Test
    void knownLog_everyFigure() throws IOException {
        Path log = FlowLogs.write(dir.resolve("flows.log"), FlowLogs.text(FlowLogs.knownRecords()));
        JsonNode a = json(cli("flows", log.toString(), "--format", "json", "--top", "20"));
        assertKnownAnswers(a);
    }

    /** Every figure of {@link FlowLogs#knownRecords}, checked one by one. */
    static void assertKnownAnswers(JsonNode a) {
        JsonNode s = a.get("summary");
        assertThat(s.get("records").asLong()).isEqualTo(36);
        assertThat(s.get("bytes").asLong()).isEqualTo(6_605_020_420L);
        assertThat(s.get("rejected").asLong()).isEqualTo(5);
        assertThat(s.get("noData").asLong()).isZero();
        assertThat(s.get("firstStart").asLong()).isEqualTo(FlowLogs.START);
        assertThat(s.get("lastEnd").asLong()).isEqualTo(FlowLogs.END);
        assertThat(a.get("malformed").get("count").asLong()).isZero();

        assertThat(rows(a.get("topByBytes"), "source", "destination", "bytes", "flows"))
                .containsExactly(
                        "10.0.0.100 52.216.1.1 2000000000 1",
                        "10.0.1.10 10.0.0.100 2000000000 1",
                        "10.0.0.100 3.5.0.1 1000000000 1",
                        "52.216.1.1 10.0.0.100 1000000000 1",
                        "10.0.0.100 52.94.0.10 500000000 1",
                        "10.0.0.100 93.184.216.34 100000000 1",
                        "10.0.1.10 10.0.2.20 5000000 5",
                        "10.0.1.11 10.0.2.20 20000 20",
                        "203.0.113.9 10.0.0.5 240 2",
                        "198.51.100.7 10.0.0.5 180 3");
        assertThat(rows(a.get("topByFlows"), "source", "destination", "flows").subList(0, 4))
                .containsExactly(
                        "10.0.1.11 10.0.2.20 20",
                        "10.0.1.10 10.0.2.20 5",
                        "198.51.100.7 10.0.0.5 3",
                        "203.0.113.9 10.0.0.5 2");

        JsonNode rejected = a.get("rejected");
        assertThat(rows(rejected.get("bySource"), "key", "flows", "packets"))
                .containsExactly("198.51.100.7 3 3", "203.0.113.9 2 4");
        assertThat(rows(rejected.get("byPort"), "key", "flows", "packets"))
                .containsExactly("tcp/22 3 3", "tcp/3389 2 4");
        assertThat(rows(rejected.get("byInterface"), "key", "flows", "packets")).containsExactly("eni-web 5 7");

        JsonNode nat = a.get("nat");
        assertThat(nat.get("interfaces").get(0).asText()).startsWith("eni-nat (forwards packets");
        assertThat(nat.get("interfaces")).hasSize(1);
        assertThat(nat.get("monthFactor").decimalValue()).isEqualByComparingTo("730");
        // 1 hour observed -> x730; NAT gateway $0.045/GB; interface endpoint $0.01 a zone-hour (1 zone) + $0.01/GB.
        assertThat(rows(nat.get("lines"), "nat", "service", "bytes", "gbPerMonth", "natMonthlyUsd", "endpoint"))
                .containsExactly(
                        "eni-nat S3 3000000000 2190.0 98.55 gateway",
                        "eni-nat EC2 1000000000 730.0 32.85 interface",
                        "eni-nat DYNAMODB 500000000 365.0 16.43 gateway",
                        "eni-nat internet 100000000 73.0 3.29 none");
        JsonNode lines = nat.get("lines");
        assertThat(lines.get(0).get("endpointSavesMonthlyUsd").decimalValue()).isEqualByComparingTo("98.55");
        // 32.85 through the NAT - (7.30 for the zone + 7.30 for 730 GB) through the endpoint.
        assertThat(lines.get(1).get("endpointSavesMonthlyUsd").decimalValue()).isEqualByComparingTo("18.25");
        assertThat(lines.get(2).get("endpointSavesMonthlyUsd").decimalValue()).isEqualByComparingTo("16.43");
        assertThat(lines.get(3).has("endpointSavesMonthlyUsd")).isFalse();
        assertThat(lines.get(0).get("flows").asLong()).isEqualTo(2);
    }

    static List<String> rows(JsonNode array, String... fields) {
        List<String> out = new ArrayList<>();
        for (JsonNode row : array) {
            List<String> cells = new ArrayList<>();
            for (String f : fields) {
                cells.add(row.get(f).asText());
            }
            out.add(String.join(" ", cells));
        }
        return out;
    }

    @Test
    void text_showsTheTables_andThePort() {
        Path log = FlowLogs.write(dir.resolve("flows.log"), FlowLogs.text(FlowLogs.knownRecords()));
        Run run = cli("flows", log.toString(), "--port", "22");
        assertThat(run.code()).as(run.text()).isZero();
        assertThat(run.out())
                .contains("36 records, 6,605,020,420 bytes, 5 rejected, 0 without data (NODATA/SKIPDATA), over 1 h")
                .contains("Traffic to port 22")
                .containsPattern("198\\.51\\.100\\.7\\s+10\\.0\\.0\\.5\\s+tcp\\s+REJECT\\s+3\\s+180")
                .containsPattern("eni-nat\\s+S3\\s+3,000,000,000\\s+2,190\\s+\\$98\\.55\\s+gateway\\s+\\$98\\.55")
                .contains("Rejected by destination port");
        assertThat(run.out()).doesNotContain("  \n");
    }

    @Test
    void gzip_andAFolder_ofTwoFormats_giveTheSameAnswers() throws IOException {
        List<String> records = FlowLogs.knownRecords();
        Path folder = dir.resolve("logs");
        FlowLogs.write(folder.resolve("a/part1.log.gz"), FlowLogs.text(records.subList(0, 20)));
        FlowLogs.write(folder.resolve("b/part2.log"), FlowLogs.text(records.subList(20, records.size())));
        JsonNode a = json(cli("flows", folder.toString(), "--format", "json", "--top", "20"));
        assertKnownAnswers(a);
        assertThat(a.get("source").asText()).isEqualTo("2 files in " + folder);
    }

    @Test
    void malformedLines_areCounted_andSampledWithTheirLineNumbers() throws IOException {
        List<String> records = new ArrayList<>(FlowLogs.knownRecords());
        records.add(3, "this line is not a record");
        records.add(10, records.get(0).replace(" 1000000 ", " lots "));
        Path log = FlowLogs.write(dir.resolve("flows.log"), FlowLogs.text(records));
        JsonNode a = json(cli("flows", log.toString(), "--format", "json", "--top", "20"));
        assertThat(a.get("malformed").get("count").asLong()).isEqualTo(2);
        JsonNode sample = a.get("malformed").get("sample");
        // The header is line 1, so record index i is line i + 2.
        assertThat(sample.get(0).get("line").asLong()).isEqualTo(5);
        assertThat(sample.get(0).get("problem").asText()).isEqualTo("fewer fields than the header names");
        assertThat(sample.get(0).get("text").asText()).isEqualTo("this line is not a record");
        assertThat(sample.get(1).get("line").asLong()).isEqualTo(12);
        assertThat(sample.get(1).get("problem").asText()).contains("wrong type");
        assertThat(sample.get(0).get("file").asText()).isEqualTo(log.toString());
        assertKnownAnswers(withoutMalformed(a));
    }

    private static JsonNode withoutMalformed(JsonNode a) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = a.deepCopy();
        copy.putObject("malformed").put("count", 0);
        return copy;
    }

    @Test
    void nothingReadable_isExit1_withTheFirstLine() {
        Path log = FlowLogs.write(dir.resolve("flows.log"), FlowLogs.HEADER + "\nnot a record\nnor this\n");
        Run run = cli("flows", log.toString());
        assertThat(run.code()).as(run.text()).isEqualTo(1);
        assertThat(run.err())
                .contains(log + ":2:1: no record could be read: all 2 are malformed")
                .contains("Fix: ")
                .doesNotContain("Exception");
    }

    @Test
    void unknownHeaderField_isNamed_withDidYouMean() {
        Path log = FlowLogs.write(
                dir.resolve("flows.log"),
                FlowLogs.HEADER.replace("pkt-dstaddr", "pkt-dstadr") + "\n"
                        + FlowLogs.knownRecords().getFirst() + "\n");
        Run run = cli("flows", log.toString());
        assertThat(run.code()).as(run.text()).isEqualTo(1);
        int column = FlowLogs.HEADER.indexOf("pkt-dstaddr") + 1;
        assertThat(run.err())
                .contains(log + ":1:" + column + ": unknown flow log field in the header (got pkt-dstadr)")
                .contains("did you mean `pkt-dstaddr`?");

        Path binary = dir.resolve("image.log");
        try {
            Files.write(binary, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0});
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Run garbage = cli("flows", binary.toString());
        assertThat(garbage.code()).as(garbage.text()).isEqualTo(1);
        assertThat(garbage.err())
                .contains(binary + ":1:1: is not a text flow log: its first line holds binary data")
                .doesNotContain("PNG");
    }

    @Test
    void truncatedGzip_saysSo_andTheOtherFilesAreStillRead() throws IOException {
        List<String> records = FlowLogs.knownRecords();
        Path folder = dir.resolve("logs");
        FlowLogs.write(folder.resolve("good.log"), FlowLogs.text(records));
        Path whole = FlowLogs.write(dir.resolve("whole.log.gz"), FlowLogs.text(bulk(20_000)));
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = folder.resolve("cut.log.gz");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        Run run = cli("flows", folder.toString(), "--format", "json", "--top", "20");
        assertThat(run.code()).as(run.text()).isZero();
        assertThat(run.err()).contains(cut + ": the gzip stream ends early (a truncated file");
        assertKnownAnswers(new ObjectMapper().readTree(run.out()));

        Run alone = cli("flows", cut.toString());
        assertThat(alone.code()).as(alone.text()).isEqualTo(1);
        assertThat(alone.err())
                .contains(cut + ":1:1: the gzip stream ends early")
                .contains("Fix: fetch the file again");
    }

    /** Many plain records, enough that a gzip cut in half loses its end but keeps its header. */
    static List<String> bulk(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(FlowLogs.record(
                    "eni-x",
                    "10.9.0." + (i % 200),
                    "10.9.1.1",
                    30000 + i % 1000,
                    443,
                    1,
                    i,
                    "ACCEPT",
                    "10.9.1.1",
                    "-",
                    "egress"));
        }
        return out;
    }

    @Test
    void defaultFormat_withoutHeader_needsNat_andClassifiesByRanges() throws IOException {
        // Default-format records (version 2, no header, as CloudWatch Logs exports them).
        String log = """
                2 123456789012 eni-nat 10.0.0.100 52.216.1.1 42000 443 6 10 4000000000 1700000000 1700003600 ACCEPT OK
                2 123456789012 eni-nat 10.0.1.10 10.0.0.100 42000 443 6 10 4000000000 1700000000 1700003600 ACCEPT OK
                2 123456789012 eni-nat 10.0.0.100 198.51.100.1 42000 443 6 10 1000000000 1700000000 1700003600 ACCEPT OK
                2 123456789012 eni-x - - - - - - - 1700000000 1700003600 - NODATA
                """;
        Path file = FlowLogs.write(dir.resolve("default.log"), log);
        Run without = cli("flows", file.toString());
        assertThat(without.out()).contains("logs in the default format need --nat ENI");

        ServiceRanges ranges = ServiceRanges.parse("""
                {"createDate": "test", "prefixes": [
                  {"ip_prefix": "52.216.0.0/15", "region": "us-east-1", "service": "S3"},
                  {"ip_prefix": "52.0.0.0/8", "region": "us-east-1", "service": "AMAZON"}]}
                """);
        try (var engine = dev.stackwright.deploy.flowlogs.LocalFlowLogs.open(file)) {
            assertThat(engine.hasPacketFields()).isFalse();
            FlowAnswers a = FlowReport.answer(
                    engine,
                    "test",
                    new FlowReport.Options(
                            10,
                            java.util.Optional.empty(),
                            List.of("eni-nat"),
                            n -> java.util.Optional.empty(),
                            ranges,
                            java.util.Optional.empty()));
            assertThat(a.summary().records()).isEqualTo(4);
            assertThat(a.summary().noData()).isEqualTo(1);
            assertThat(a.nat().serviceFrom()).isEqualTo("AWS's published IP ranges of test");
            assertThat(a.nat().lines())
                    .extracting(l -> l.service() + " " + l.bytes() + " " + l.endpoint())
                    .containsExactly("S3 4000000000 gateway", "internet 1000000000 none");
        }
    }
}
