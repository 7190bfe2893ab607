package dev.stackwright.flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.moto.MotoServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flows --athena} against moto's Athena. moto runs no SQL: it answers each query with the next of the results
 * it was handed (its /moto-api/static/athena/query-results), so this proves the client (start, wait for the state,
 * page through results, skip the header row, parse the values into answers), not the SQL on Athena's engine; the SQL
 * is proven on DuckDB by the other tests.
 */
class FlowsAthenaMotoTest {
    @TempDir
    Path dir;

    @Test
    void athena_queriesRunThroughTheClient_andTheirRowsBecomeAnswers() throws Exception {
        ObjectMapper json = new ObjectMapper();
        // In the order FlowReport asks: summary, talkers by bytes and by flows, rejects by source, port, interface,
        // forwarding interfaces, NAT traffic.
        List<List<List<String>>> results = List.of(
                List.of(List.of("36", "6605020420", "4000", "1700000000", "1700003600", "5", "0")),
                List.of(List.of("10.0.0.100", "52.216.1.1", "2000000000", "1")),
                List.of(List.of("10.0.1.11", "10.0.2.20", "20000", "20")),
                List.of(List.of("198.51.100.7", "3", "3")),
                List.of(List.of("6", "22", "3", "3")),
                List.of(List.of("eni-web", "5", "7")),
                List.of(List.of("eni-nat", "1")),
                List.of(List.of("eni-nat", "S3", "", "3000000000", "2")));
        System.setProperty("aws.accessKeyId", "stackwright-test");
        System.setProperty("aws.secretAccessKey", "stackwright-test");
        try (MotoServer moto = MotoServer.start(dir.resolve("moto.log"))) {
            ObjectNode body =
                    json.createObjectNode().put("account_id", "123456789012").put("region", "us-east-1");
            ArrayNode canned = body.putArray("results");
            for (List<List<String>> rows : results) {
                ObjectNode result = canned.addObject();
                ArrayNode out = result.putArray("rows");
                ArrayNode header = out.addObject().putArray("Data");
                for (int i = 0; i < rows.getFirst().size(); i++) {
                    header.addObject().put("VarCharValue", "c" + i);
                }
                for (List<String> row : rows) {
                    ArrayNode data = out.addObject().putArray("Data");
                    for (String v : row) {
                        ObjectNode datum = data.addObject();
                        if (!v.isEmpty()) {
                            datum.put("VarCharValue", v);
                        }
                    }
                }
                result.putArray("column_info");
            }
            HttpResponse<String> posted = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create(moto.endpoint() + "/moto-api/static/athena/query-results"))
                                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                                    .header("Content-Type", "application/json")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);

            var run = FlowsCommandTest.cli(
                    "flows",
                    "--athena",
                    "--database",
                    "flowlogs",
                    "--athena-output",
                    "s3://results/",
                    "--endpoint-url",
                    moto.endpoint(),
                    "--region",
                    "us-east-1",
                    "--format",
                    "json");
            JsonNode a = FlowsCommandTest.json(run);
            assertThat(a.get("source").asText()).isEqualTo("Athena table flowlogs.vpc_flow_logs");
            assertThat(a.get("summary").get("records").asLong()).isEqualTo(36);
            assertThat(a.get("summary").get("bytes").asLong()).isEqualTo(6_605_020_420L);
            assertThat(a.get("topByBytes").get(0).get("destination").asText()).isEqualTo("52.216.1.1");
            assertThat(a.get("rejected").get("byPort").get(0).get("key").asText())
                    .isEqualTo("tcp/22");
            JsonNode line = a.get("nat").get("lines").get(0);
            assertThat(line.get("service").asText()).isEqualTo("S3");
            assertThat(line.get("gbPerMonth").decimalValue()).isEqualByComparingTo("2190");
            assertThat(line.get("natMonthlyUsd").decimalValue()).isEqualByComparingTo("98.55");

            var noDatabase = FlowsCommandTest.cli("flows", "--athena", "--endpoint-url", moto.endpoint());
            assertThat(noDatabase.code()).isEqualTo(1);
            assertThat(noDatabase.err()).contains("--athena needs --database");
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }
}
