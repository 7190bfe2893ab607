package dev.stackwright.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.Stackwright;
import dev.stackwright.model.Environment;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Athena table {@code synth} writes for {@code network.flowLogs.destination: s3}, read from the dual-stack
 * example's network template: its columns are the flow log's LogFormat, field for field, and every query of
 * {@code flows} names only columns it has (run on DuckDB over an empty table of exactly those columns).
 */
class FlowLogTableTest {
    private static final JsonNode RESOURCES = Stackwright.plan(Path.of("examples/staging-dual-stack/stackwright.yml"))
            .networkTemplate()
            .toJson()
            .path("Resources");

    private static JsonNode table() {
        return RESOURCES.path("FlowLogTable").path("Properties").path("TableInput");
    }

    /** {@code ${version} ${account-id} ...} as the flow log writes it, as column names. */
    private static List<String> logFormatColumns() {
        String format =
                RESOURCES.path("FlowLog").path("Properties").path("LogFormat").asText();
        assertThat(format).startsWith("${");
        return Arrays.stream(format.split(" "))
                .map(f -> f.substring(2, f.length() - 1).replace('-', '_'))
                .toList();
    }

    private static List<String> tableColumns() {
        List<String> names = new ArrayList<>();
        table().path("StorageDescriptor")
                .path("Columns")
                .forEach(c -> names.add(c.path("Name").asText()));
        return names;
    }

    @Test
    void columns_areTheLogFormatsFields_inItsOrder() {
        assertThat(tableColumns())
                .hasSize(FlowFormat.STACKWRIGHT.fields().size())
                .isEqualTo(logFormatColumns());
    }

    @Test
    void partitions_followTheDeliveryPath_andNameNoColumn() {
        JsonNode log = RESOURCES.path("FlowLog").path("Properties");
        assertThat(log.path("LogDestinationType").asText()).isEqualTo("s3");
        assertThat(log.path("DestinationOptions").path("PerHourPartition").asBoolean())
                .isTrue();
        assertThat(log.path("DestinationOptions")
                        .path("HiveCompatiblePartitions")
                        .asBoolean())
                .isFalse();
        assertThat(log.path("DestinationOptions").path("FileFormat").asText()).isEqualTo("plain-text");

        List<String> keys = new ArrayList<>();
        table().path("PartitionKeys").forEach(k -> keys.add(k.path("Name").asText()));
        assertThat(keys).containsExactly("day", "hour").doesNotContainAnyElementsOf(tableColumns());

        JsonNode parameters = table().path("Parameters");
        String location = table().path("StorageDescriptor")
                .path("Location")
                .path("Fn::Sub")
                .asText();
        assertThat(location).isEqualTo("s3://${FlowLogBucket}/AWSLogs/${AWS::AccountId}/vpcflowlogs/${AWS::Region}/");
        // AWS's layout with per-hour partitions is .../REGION/yyyy/MM/dd/HH/; Fn::Sub leaves ${!x} as ${x}.
        assertThat(parameters.path("storage.location.template").path("Fn::Sub").asText())
                .isEqualTo(location + "${!day}/${!hour}/");
        assertThat(parameters.path("projection.day.format").asText()).isEqualTo("yyyy/MM/dd");
        assertThat(parameters.path("projection.hour.digits").asText()).isEqualTo("2");
        // The days the bucket keeps: the lifecycle's expiry of the logs.
        int kept = RESOURCES
                .path("FlowLogBucket")
                .path("Properties")
                .path("LifecycleConfiguration")
                .path("Rules")
                .get(0)
                .path("ExpirationInDays")
                .asInt();
        assertThat(parameters.path("projection.day.range").asText()).isEqualTo("NOW-" + kept + "DAYS,NOW");
        assertThat(parameters.path("skip.header.line.count").asText()).isEqualTo("1");
    }

    @Test
    void workgroup_enforcesEncryptedResultsInTheBucket() {
        JsonNode wg = RESOURCES.path("FlowLogWorkGroup").path("Properties");
        assertThat(wg.path("Name").asText()).isEqualTo("shop-staging-flows");
        JsonNode config = wg.path("WorkGroupConfiguration");
        assertThat(config.path("EnforceWorkGroupConfiguration").asBoolean()).isTrue();
        assertThat(config.path("ResultConfiguration")
                        .path("EncryptionConfiguration")
                        .path("EncryptionOption")
                        .asText())
                .isEqualTo("SSE_S3");
        assertThat(config.path("ResultConfiguration")
                        .path("OutputLocation")
                        .path("Fn::Sub")
                        .asText())
                .isEqualTo("s3://${FlowLogBucket}/" + FlowLogTable.RESULTS_PREFIX);
        assertThat(RESOURCES
                        .path("FlowLogDatabase")
                        .path("Properties")
                        .path("DatabaseInput")
                        .path("Name")
                        .asText())
                .isEqualTo("shop_staging_flow_logs");
        assertThat(table().path("Name").asText()).isEqualTo(FlowLogTable.TABLE);
    }

    @Test
    void names_areWhatGlueAndAthenaAccept() {
        FlowLogTable t = FlowLogTable.of("orders-api-2", Environment.PROD);
        assertThat(t.database()).isEqualTo("orders_api_2_prod_flow_logs").matches("[a-z0-9_]{1,255}");
        assertThat(t.workgroup()).isEqualTo("orders-api-2-prod-flows").matches("[a-zA-Z0-9._-]{1,128}");
        assertThat(t.table()).isEqualTo("vpc_flow_logs");
    }

    /** Every query {@code flows} sends, over {@code relation}. */
    private static List<String> everyQuery(String relation) {
        FlowQueries q = new FlowQueries(relation, 10);
        return List.of(
                q.summary(),
                q.topTalkers(false),
                q.topTalkers(true),
                q.rejectedBy(List.of("srcaddr")),
                q.rejectedBy(List.of("protocol", "dstport")),
                q.rejectedBy(List.of("interface_id")),
                q.toPort(22),
                q.forwardingInterfaces(),
                q.natTraffic(List.of("eni-0123"), 28),
                q.connections(100));
    }

    private static String createTable(List<String> columns) {
        List<String> types = new ArrayList<>();
        table().path("StorageDescriptor")
                .path("Columns")
                .forEach(c -> types.add(c.path("Type").asText()));
        List<String> defs = new ArrayList<>();
        for (int i = 0; i < tableColumns().size(); i++) {
            String name = tableColumns().get(i);
            if (columns.contains(name)) {
                String type = switch (types.get(i)) {
                    case "int" -> "INTEGER";
                    case "bigint" -> "BIGINT";
                    default -> "VARCHAR";
                };
                defs.add("\"" + name + "\" " + type);
            }
        }
        return "CREATE TABLE flows (" + defs.stream().collect(Collectors.joining(", ")) + ")";
    }

    @Test
    void everyQuery_namesOnlyTheTablesColumns() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute(createTable(tableColumns()));
            for (String sql : everyQuery("flows")) {
                s.executeQuery(sql).close();
            }
        }
    }

    /** The check above can fail: without pkt_dstaddr the NAT query does not bind. */
    @Test
    void aTableWithoutAColumn_failsTheQueryThatNamesIt() throws SQLException {
        List<String> fewer = new ArrayList<>(tableColumns());
        fewer.remove("pkt_dstaddr");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement()) {
            s.execute(createTable(fewer));
            String sql = new FlowQueries("flows", 10).forwardingInterfaces();
            assertThatThrownBy(() -> s.executeQuery(sql).close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("pkt_dstaddr");
        }
    }
}
