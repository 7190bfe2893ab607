package dev.stackwright.flows;

import dev.stackwright.model.Environment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Athena table over the flow logs a network stack delivers to its S3 bucket ({@code network.flowLogs.destination:
 * s3}): its names, which {@code synth} writes into the network template and {@code flows --athena} takes as defaults,
 * and its shape. The columns are the fields of {@link FlowFormat#STACKWRIGHT}, the format the flow log writes, in its
 * order, so the template's LogFormat, the table and the queries of {@link FlowQueries} name the same things.
 *
 * @param database  the Glue database, e.g. {@code shop_prod_flow_logs}
 * @param table     the table in it
 * @param workgroup the Athena workgroup whose results configuration (encrypted, in the bucket) is enforced
 */
public record FlowLogTable(String database, String table, String workgroup) {
    /** The table's name: the name docs/flows.md and {@code flows --table} have always used. */
    public static final String TABLE = "vpc_flow_logs";

    /** Where in the bucket the workgroup writes query results (the logs are under {@code AWSLogs/}). */
    public static final String RESULTS_PREFIX = "athena-results/";

    /** Where AWS delivers the logs in the bucket: {@code AWSLogs/ACCOUNT/vpcflowlogs/REGION/yyyy/MM/dd/HH/}. */
    public static final String LOGS_PREFIX = "AWSLogs/";

    /** The format the flow log writes and the table reads. */
    public static final FlowFormat FORMAT = FlowFormat.STACKWRIGHT;

    /** A column of the table: name and Hive type. */
    public record Column(String name, String type) {}

    /** The names for one project and environment; Glue takes lower-case letters, digits and underscores. */
    public static FlowLogTable of(String project, Environment environment) {
        String base = project + "-" + environment.id();
        return new FlowLogTable(base.replace('-', '_').toLowerCase(Locale.ROOT) + "_flow_logs", TABLE, base + "-flows");
    }

    /** One column per field the flow log writes, in the order it writes them. */
    public static List<Column> columns() {
        return FORMAT.fields().stream()
                .map(f -> new Column(f.column(), f.hiveType()))
                .toList();
    }

    /**
     * The partitions, projected rather than stored (no crawler, no {@code MSCK REPAIR}): {@code day} as AWS's
     * {@code yyyy/MM/dd} and {@code hour} as {@code HH}, the path of a flow log delivered with per-hour partitions.
     */
    public static List<Column> partitionKeys() {
        return List.of(new Column("day", "string"), new Column("hour", "string"));
    }

    /**
     * The table's parameters: partition projection over the days the bucket keeps ({@code retentionDays}, the
     * lifecycle's expiry, up to now) and every hour, read at {@code location} + {@code day/hour}; the header line each
     * log file starts with is skipped.
     *
     * @param location the logs of one account and region, e.g. {@code s3://bucket/AWSLogs/123456789012/vpcflowlogs/eu-west-1/}
     */
    public static Map<String, String> parameters(String location, int retentionDays) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("EXTERNAL", "TRUE");
        p.put("skip.header.line.count", "1");
        p.put("projection.enabled", "true");
        p.put("projection.day.type", "date");
        p.put("projection.day.format", "yyyy/MM/dd");
        p.put("projection.day.range", "NOW-" + retentionDays + "DAYS,NOW");
        p.put("projection.day.interval", "1");
        p.put("projection.day.interval.unit", "DAYS");
        p.put("projection.hour.type", "integer");
        p.put("projection.hour.range", "0,23");
        p.put("projection.hour.digits", "2");
        p.put("storage.location.template", location + "${day}/${hour}/");
        return p;
    }
}
