package dev.stackwright.flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.Stackwright;
import dev.stackwright.cfn.TemplateWriter;
import dev.stackwright.moto.MotoServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dual-stack example's network stack (flow logs to S3) created on the local AWS (moto, with the launcher's patch
 * 18 for Glue and Athena): the flow log delivers to the stack's bucket in Stackwright's format, the Glue table has the
 * format's columns and the delivery path's partitions, the workgroup enforces encrypted results in the bucket, all read
 * back with boto3; then {@code flows --athena -f} sends every query to that workgroup and database with no other
 * option. moto runs no SQL (it answers with results handed to it), so the SQL itself is proven on DuckDB
 * ({@link FlowLogTableTest}).
 */
class FlowLogStackMotoTest {
    private static final String SPEC = "examples/staging-dual-stack/stackwright.yml";

    @TempDir
    Path dir;

    @Test
    void networkStack_makesTheTableAndWorkgroup_andFlowsAthenaFindsThem() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Stackwright.Result planned = Stackwright.plan(Path.of(SPEC));
        Path template = dir.resolve("network.template.yaml");
        Files.writeString(
                template, TemplateWriter.write(planned.networkTemplate().toJson(), TemplateWriter.Format.YAML));
        FlowLogTable names = FlowLogTable.of("shop", dev.stackwright.model.Environment.STAGING);
        System.setProperty("aws.accessKeyId", "stackwright-test");
        System.setProperty("aws.secretAccessKey", "stackwright-test");
        try (MotoServer moto = MotoServer.start(dir.resolve("moto.log"))) {
            JsonNode made = json.readTree(moto.python(
                    "flow_log_stack.py", "us-east-1", "create", "shop-staging-network", template.toString()));
            assertThat(made.path("status").asText()).as(made.toString()).isEqualTo("CREATE_COMPLETE");
            String bucket = made.at("/outputs/FlowLogBucket").asText();
            assertThat(made.at("/outputs/FlowLogDatabase").asText()).isEqualTo(names.database());
            assertThat(made.at("/outputs/FlowLogTable").asText()).isEqualTo(names.table());
            assertThat(made.at("/outputs/FlowLogWorkGroup").asText()).isEqualTo(names.workgroup());

            JsonNode log = made.at("/flowLogs/0");
            assertThat(log.path("type").asText()).isEqualTo("s3");
            assertThat(log.path("destination").asText()).isEqualTo("arn:aws:s3:::" + bucket);
            assertThat(log.path("format").asText()).isEqualTo(FlowFormat.STACKWRIGHT.logFormat());

            List<String> columns = new ArrayList<>();
            made.at("/table/columns")
                    .forEach(c -> columns.add(c.get(0).asText() + " " + c.get(1).asText()));
            assertThat(columns)
                    .isEqualTo(FlowLogTable.columns().stream()
                            .map(c -> c.name() + " " + c.type())
                            .toList());
            assertThat(made.at("/table/partitionKeys").toString()).isEqualTo("[\"day\",\"hour\"]");
            assertThat(made.at("/table/location").asText())
                    .isEqualTo("s3://" + bucket + "/AWSLogs/123456789012/vpcflowlogs/us-east-1/");
            assertThat(made.at("/table/parameters/projection.enabled").asText()).isEqualTo("true");

            assertThat(made.at("/workgroup/enforced").asBoolean()).isTrue();
            assertThat(made.at("/workgroup/encryption").asText()).isEqualTo("SSE_S3");
            assertThat(made.at("/workgroup/output").asText()).isEqualTo("s3://" + bucket + "/athena-results/");

            cannedResults(moto, json);
            var run = FlowsCommandTest.cli(
                    "flows", "--athena", "-f", SPEC, "--endpoint-url", moto.endpoint(), "--format", "json");
            JsonNode a = FlowsCommandTest.json(run);
            assertThat(a.path("source").asText()).isEqualTo("Athena table " + names.database() + "." + names.table());
            assertThat(a.at("/summary/records").asLong()).isEqualTo(36);

            JsonNode queries = json.readTree(moto.python("flow_log_stack.py", "us-east-1", "queries"));
            assertThat(queries.size()).as(queries.toString()).isEqualTo(9);
            for (JsonNode q : queries) {
                assertThat(q.path("workgroup").asText()).isEqualTo(names.workgroup());
                assertThat(q.path("database").asText()).isEqualTo(names.database());
                assertThat(q.path("query").asText())
                        .contains("FROM \"" + names.database() + "\".\"" + names.table() + "\"");
            }
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    /** The rows of each query, in the order FlowReport asks them (with -f, the drift check's connections last). */
    private static void cannedResults(MotoServer moto, ObjectMapper json) throws Exception {
        List<List<List<String>>> results = List.of(
                List.of(List.of("36", "6605020420", "4000", "1700000000", "1700003600", "5", "0")),
                List.of(List.of("10.0.0.100", "52.216.1.1", "2000000000", "1")),
                List.of(List.of("10.0.1.11", "10.0.2.20", "20000", "20")),
                List.of(List.of("198.51.100.7", "3", "3")),
                List.of(List.of("6", "22", "3", "3")),
                List.of(List.of("eni-web", "5", "7")),
                List.of(List.of("eni-nat", "1")),
                List.of(List.of("eni-nat", "S3", "", "3000000000", "2")),
                List.of(List.of("10.1.64.10", "10.1.168.20", "6", "5432", "1", "1000")));
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
                        HttpRequest.newBuilder(URI.create(moto.endpoint() + "/moto-api/static/athena/query-results"))
                                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                                .header("Content-Type", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
    }
}
