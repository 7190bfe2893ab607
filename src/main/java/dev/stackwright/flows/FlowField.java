package dev.stackwright.flows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One field of a VPC flow log record, as AWS names it in a custom format ({@code ${pkt-dstaddr}}) and in a log file's
 * header line ({@code pkt-dstaddr}), with the column it becomes in SQL ({@code pkt_dstaddr}, as AWS's Parquet files and
 * Athena tables name it) and its SQL type.
 *
 * @param version the flow log version that introduced it
 */
public record FlowField(String name, String sqlType, int version) {

    /** {@code pkt-dstaddr} -> {@code pkt_dstaddr}. */
    public String column() {
        return name.replace('-', '_');
    }

    /** The column's type in a Glue (Hive) table, as Athena reads it: {@code int}, {@code bigint} or {@code string}. */
    public String hiveType() {
        return switch (sqlType) {
            case "INTEGER" -> "int";
            case "BIGINT" -> "bigint";
            case "VARCHAR" -> "string";
            default -> throw new IllegalStateException("no Hive type for " + sqlType + " (" + name + ")");
        };
    }

    /** Every field AWS documents for flow logs up to version 5, in AWS's order. */
    public static final List<FlowField> ALL = List.of(
            new FlowField("version", "INTEGER", 2),
            new FlowField("account-id", "VARCHAR", 2),
            new FlowField("interface-id", "VARCHAR", 2),
            new FlowField("srcaddr", "VARCHAR", 2),
            new FlowField("dstaddr", "VARCHAR", 2),
            new FlowField("srcport", "INTEGER", 2),
            new FlowField("dstport", "INTEGER", 2),
            new FlowField("protocol", "INTEGER", 2),
            new FlowField("packets", "BIGINT", 2),
            new FlowField("bytes", "BIGINT", 2),
            new FlowField("start", "BIGINT", 2),
            new FlowField("end", "BIGINT", 2),
            new FlowField("action", "VARCHAR", 2),
            new FlowField("log-status", "VARCHAR", 2),
            new FlowField("vpc-id", "VARCHAR", 3),
            new FlowField("subnet-id", "VARCHAR", 3),
            new FlowField("instance-id", "VARCHAR", 3),
            new FlowField("tcp-flags", "INTEGER", 3),
            new FlowField("type", "VARCHAR", 3),
            new FlowField("pkt-srcaddr", "VARCHAR", 3),
            new FlowField("pkt-dstaddr", "VARCHAR", 3),
            new FlowField("region", "VARCHAR", 4),
            new FlowField("az-id", "VARCHAR", 4),
            new FlowField("sublocation-type", "VARCHAR", 4),
            new FlowField("sublocation-id", "VARCHAR", 4),
            new FlowField("pkt-src-aws-service", "VARCHAR", 5),
            new FlowField("pkt-dst-aws-service", "VARCHAR", 5),
            new FlowField("flow-direction", "VARCHAR", 5),
            new FlowField("traffic-path", "INTEGER", 5));

    private static final Map<String, FlowField> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(FlowField::name, Function.identity()));

    public static Optional<FlowField> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The field whose SQL column is {@code column} ({@code pkt_dstaddr}), as Parquet files name them. */
    public static Optional<FlowField> ofColumn(String column) {
        return named(column.replace('_', '-'));
    }

    public static List<String> names() {
        return ALL.stream().map(FlowField::name).toList();
    }
}
