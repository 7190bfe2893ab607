package dev.stackwright.flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The copy of AWS's IP ranges that ships: AWS's own dated data, only the services and regions {@code flows} prices, and
 * enough to name S3 and DynamoDB in a default-format log without any other help.
 */
class ShippedIpRangesTest {
    @TempDir
    Path dir;

    private static JsonNode shipped() throws IOException {
        try (InputStream in = ServiceRanges.class.getResourceAsStream(ServiceRanges.RESOURCE)) {
            assertThat(in).as(ServiceRanges.RESOURCE).isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void keepsAwsSyncTokenAndCreateDate() throws IOException {
        JsonNode file = shipped();
        assertThat(file.path("syncToken").asText()).matches("\\d{10}");
        assertThat(file.path("createDate").asText()).matches("\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}-\\d{2}");
        assertThat(ServiceRanges.builtIn().date())
                .isEqualTo(file.path("createDate").asText());
    }

    @Test
    void holdsOnlyS3AndDynamoDb_inThePricedRegions() throws IOException {
        Set<String> priced = new TreeSet<>();
        try (Stream<Path> books = Files.list(Path.of("src/main/resources/dev/stackwright/cost/prices"))) {
            books.map(p -> p.getFileName().toString().replace(".json", "")).forEach(priced::add);
        }
        Set<String> services = new TreeSet<>();
        Set<String> regions = new TreeSet<>();
        for (JsonNode p : shipped().path("prefixes")) {
            services.add(p.path("service").asText());
            regions.add(p.path("region").asText());
        }
        assertThat(services).containsExactly("DYNAMODB", "S3");
        assertThat(regions).isEqualTo(priced);
    }

    @Test
    void knownPrefixes_classify() {
        ServiceRanges ranges = ServiceRanges.builtIn();
        // 52.216.0.0/15 and 54.231.0.0/16 are S3 in us-east-1, 52.92.0.0/17 S3 in eu-west-1, 52.94.10.0/24 DynamoDB
        // in us-west-2, in AWS's file of 2024-09-13.
        assertThat(ranges.serviceOf("52.217.44.0")).contains("S3");
        assertThat(ranges.serviceOf("54.231.200.0")).contains("S3");
        assertThat(ranges.serviceOf("52.92.17.0")).contains("S3");
        assertThat(ranges.serviceOf("52.94.10.0")).contains("DYNAMODB");
        assertThat(ranges.serviceOf("93.184.216.0")).isEmpty();
    }

    /** A default-format log (no header, no pkt-dst-aws-service) through the command: S3 named from the shipped copy. */
    @Test
    void defaultFormatLog_namesS3_fromTheShippedCopy() throws IOException {
        List<String> records = new ArrayList<>();
        // eni-nat (10.0.0.100) sends 3 GB to an S3 address of us-east-1, 1 GB to DynamoDB there, 0.5 GB elsewhere.
        records.add("2 123456789012 eni-nat 10.0.0.100 54.231.12.34 42000 443 6 10 3000000000 1700000000 1700003600"
                + " ACCEPT OK");
        records.add("2 123456789012 eni-nat 10.0.0.100 52.119.226.7 42001 443 6 10 1000000000 1700000000 1700003600"
                + " ACCEPT OK");
        records.add("2 123456789012 eni-nat 10.0.0.100 93.184.216.34 42002 443 6 10 500000000 1700000000 1700003600"
                + " ACCEPT OK");
        Path log = FlowLogs.write(dir.resolve("default.log"), String.join("\n", records) + "\n");
        JsonNode a = FlowsCommandTest.json(
                FlowsCommandTest.cli("flows", log.toString(), "--nat", "eni-nat", "--format", "json"));
        JsonNode nat = a.get("nat");
        assertThat(nat.get("serviceFrom").asText())
                .isEqualTo("AWS's published IP ranges of "
                        + shipped().path("createDate").asText());
        List<String> lines = new ArrayList<>();
        nat.get("lines")
                .forEach(l -> lines.add(
                        l.get("service").asText() + " " + l.get("bytes").asLong()));
        assertThat(lines).containsExactly("S3 3000000000", "DYNAMODB 1000000000", "internet 500000000");
    }

    /**
     * 3.251.110.208/28 is S3 in eu-west-1 in AWS's file of 2024-09-13, while the rest of 3.251.110.0/24 is in none of
     * the shipped ranges: an address in the /28 is S3, its neighbour in the same /24 is not.
     */
    @Test
    void addressesInsideAndBesideASmallPrefix_areTold_apart() throws IOException {
        assertThat(ServiceRanges.builtIn().blockBits()).isEqualTo(28);
        String records = "2 123456789012 eni-nat 10.0.0.100 3.251.110.210 42000 443 6 10 2000000000 1700000000"
                + " 1700003600 ACCEPT OK\n"
                + "2 123456789012 eni-nat 10.0.0.100 3.251.110.5 42001 443 6 10 700000000 1700000000 1700003600"
                + " ACCEPT OK\n";
        Path log = FlowLogs.write(dir.resolve("small-prefix.log"), records);
        JsonNode nat = FlowsCommandTest.json(
                        FlowsCommandTest.cli("flows", log.toString(), "--nat", "eni-nat", "--format", "json"))
                .get("nat");
        List<String> lines = new ArrayList<>();
        nat.get("lines")
                .forEach(l -> lines.add(
                        l.get("service").asText() + " " + l.get("bytes").asLong()));
        assertThat(lines).containsExactly("S3 2000000000", "internet 700000000");
    }
}
