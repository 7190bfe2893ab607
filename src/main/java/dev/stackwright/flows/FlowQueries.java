package dev.stackwright.flows;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL of every answer, over a relation with one column per {@link FlowField} (missing fields as NULL). The same
 * text runs on DuckDB for local files and on Amazon Athena for logs in S3, so it keeps to what both engines share:
 * plain aggregates, CASE, LIKE, LEAST and {@code split_part}; ties are broken by every grouping key, so the order is
 * deterministic on both.
 *
 * @param relation the table or view to read, e.g. {@code flows} or {@code "db"."vpc_flow_logs"}
 * @param top      how many rows each ranking keeps
 */
public record FlowQueries(String relation, int top) {

    /** Record count, bytes, the time span and how many records are rejects or carry no data. */
    public String summary() {
        return "SELECT COUNT(*), COALESCE(SUM(bytes), 0), COALESCE(SUM(packets), 0), MIN(start), MAX(\"end\"),"
                + " SUM(CASE WHEN action = 'REJECT' THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN log_status IN ('NODATA', 'SKIPDATA') THEN 1 ELSE 0 END)"
                + " FROM " + relation;
    }

    /** Source and destination pairs by bytes (or by flows): address, address, bytes, flows. */
    public String topTalkers(boolean byFlows) {
        String order = byFlows ? "flows DESC, bytes DESC" : "bytes DESC, flows DESC";
        return "SELECT srcaddr, dstaddr, SUM(bytes) AS bytes, COUNT(*) AS flows FROM " + relation
                + " WHERE bytes IS NOT NULL GROUP BY srcaddr, dstaddr ORDER BY " + order
                + ", srcaddr, dstaddr LIMIT " + top;
    }

    /** Rejected records grouped by the given columns: the keys, then flows and packets. */
    public String rejectedBy(List<String> columns) {
        String keys = String.join(", ", columns);
        return "SELECT " + keys + ", COUNT(*) AS flows, COALESCE(SUM(packets), 0) AS packets FROM " + relation
                + " WHERE action = 'REJECT' GROUP BY " + keys + " ORDER BY flows DESC, packets DESC, " + keys
                + " LIMIT " + top;
    }

    /** Traffic to one destination port: source, destination, protocol, action, flows, bytes. */
    public String toPort(int port) {
        return "SELECT srcaddr, dstaddr, protocol, action, COUNT(*) AS flows, COALESCE(SUM(bytes), 0) AS bytes FROM "
                + relation + " WHERE dstport = " + port
                + " GROUP BY srcaddr, dstaddr, protocol, action ORDER BY bytes DESC, flows DESC, srcaddr, dstaddr,"
                + " protocol, action LIMIT " + top;
    }

    /**
     * Interfaces that forward packets not addressed to them, as a NAT does: where the packet's own address differs
     * from the interface's (needs {@code pkt-srcaddr} and {@code pkt-dstaddr}).
     */
    public String forwardingInterfaces() {
        return "SELECT interface_id, COUNT(*) FROM " + relation
                + " WHERE (pkt_dstaddr IS NOT NULL AND dstaddr IS NOT NULL AND pkt_dstaddr <> dstaddr)"
                + " OR (pkt_srcaddr IS NOT NULL AND srcaddr IS NOT NULL AND pkt_srcaddr <> srcaddr)"
                + " GROUP BY interface_id ORDER BY interface_id";
    }

    /**
     * Bytes a NAT's interfaces exchanged with addresses outside private space, each byte once: the outer leg of every
     * translated connection (out to the destination and back). Rows: interface, AWS service (from
     * {@code pkt-*-aws-service}, or NULL), when the service is unknown the first address (a number) of the remote's
     * block of {@code blockBits} bits, to look up in AWS's published ranges, bytes, flows. With blocks no larger than
     * the most specific published range, each block lies wholly inside or outside every range.
     */
    public String natTraffic(List<String> natInterfaces, int blockBits) {
        if (blockBits < 0 || blockBits > 32) {
            throw new IllegalArgumentException("an IPv4 prefix length: " + blockBits);
        }
        String remotePrivate = isPrivate("dstaddr");
        String remote = "CASE WHEN " + remotePrivate + " THEN srcaddr ELSE dstaddr END";
        String service = "CASE WHEN " + remotePrivate + " THEN pkt_src_aws_service ELSE pkt_dst_aws_service END";
        String inner = "SELECT interface_id, bytes, " + remote + " AS remote, " + service + " AS service FROM "
                + relation + " WHERE action = 'ACCEPT' AND bytes IS NOT NULL AND interface_id IN ("
                + natInterfaces.stream().map(FlowQueries::literal).collect(Collectors.joining(", ")) + ")";
        // Arithmetic both DuckDB and Athena evaluate alike: the address as a number, floored to its block.
        long blockSize = 1L << (32 - blockBits);
        String number = "(CAST(split_part(remote, '.', 1) AS BIGINT) * 16777216"
                + " + CAST(split_part(remote, '.', 2) AS BIGINT) * 65536"
                + " + CAST(split_part(remote, '.', 3) AS BIGINT) * 256 + CAST(split_part(remote, '.', 4) AS BIGINT))";
        String network = "CASE WHEN service IS NULL AND remote LIKE '%.%.%.%' THEN CAST(floor(" + number + " / CAST("
                + blockSize + " AS DOUBLE)) AS BIGINT) * " + blockSize + " END";
        return "SELECT interface_id, service, " + network + " AS network, SUM(bytes) AS bytes, COUNT(*) AS flows"
                + " FROM (" + inner + ") t WHERE remote IS NOT NULL AND NOT " + isPrivate("remote")
                + " GROUP BY interface_id, service, " + network + " ORDER BY interface_id, bytes DESC, service,"
                + " network";
    }

    /**
     * Accepted TCP and UDP traffic as connections: the lower port is taken as the server's, so a request and its
     * replies fold into one row. Rows: client, server, protocol, port, flows, bytes; the largest {@code limit}.
     */
    public String connections(int limit) {
        String request = "dstport <= srcport";
        return "SELECT client, server, protocol, port, COUNT(*) AS flows, COALESCE(SUM(bytes), 0) AS bytes FROM ("
                + "SELECT CASE WHEN " + request + " THEN srcaddr ELSE dstaddr END AS client,"
                + " CASE WHEN " + request + " THEN dstaddr ELSE srcaddr END AS server,"
                + " protocol, LEAST(srcport, dstport) AS port, bytes FROM " + relation
                + " WHERE action = 'ACCEPT' AND protocol IN (6, 17) AND srcport IS NOT NULL AND dstport IS NOT NULL"
                + " AND srcaddr IS NOT NULL AND dstaddr IS NOT NULL) t"
                + " GROUP BY client, server, protocol, port ORDER BY bytes DESC, flows DESC, client, server, protocol,"
                + " port LIMIT " + limit;
    }

    /** RFC 1918 space, as string prefixes both engines match the same way. */
    static String isPrivate(String column) {
        StringBuilder sql = new StringBuilder("(")
                .append(column)
                .append(" LIKE '10.%' OR ")
                .append(column)
                .append(" LIKE '192.168.%'");
        for (int second = 16; second <= 31; second++) {
            sql.append(" OR ")
                    .append(column)
                    .append(" LIKE '172.")
                    .append(second)
                    .append(".%'");
        }
        return sql.append(')').toString();
    }

    /** A SQL string literal; interface IDs come from the user's --nat and from the log itself. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
