package dev.stackwright.flows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Everything {@code stackwright flows} answers, as data: the text and JSON writers and the HTML report read this.
 *
 * @param source       what was read, e.g. {@code 3 files in logs/} or {@code Athena table db.vpc_flow_logs}
 * @param port         traffic to {@code --port}, when asked
 * @param drift        accepted connections the plan's security groups do not expect, when a spec was given
 */
public record FlowAnswers(
        String source,
        Summary summary,
        List<Talker> topByBytes,
        List<Talker> topByFlows,
        List<Rejected> rejectedBySource,
        List<Rejected> rejectedByPort,
        List<Rejected> rejectedByInterface,
        Optional<PortTraffic> port,
        NatReport nat,
        Optional<Drift> drift,
        FlowEngine.Malformed malformed) {

    /**
     * What the records hold in all.
     *
     * @param firstStart earliest {@code start} (Unix seconds), 0 when no record has one
     * @param lastEnd    latest {@code end}
     * @param noData     NODATA and SKIPDATA records (intervals without traffic, or records AWS could not capture)
     */
    public record Summary(
            long records, long bytes, long packets, long firstStart, long lastEnd, long rejected, long noData) {
        /** Seconds the records cover; at least one, so rates stay defined. */
        public long spanSeconds() {
            return Math.max(1, lastEnd - firstStart);
        }
    }

    /** A source and destination pair. */
    public record Talker(String source, String destination, long bytes, long flows) {}

    /** Rejected records under one key: a source address, {@code tcp/22}, or an interface. */
    public record Rejected(String key, long flows, long packets) {}

    public record PortTraffic(int port, List<PortRow> rows) {
        public PortTraffic {
            rows = List.copyOf(rows);
        }
    }

    public record PortRow(String source, String destination, String protocol, String action, long flows, long bytes) {}

    /**
     * Traffic through the NATs by destination service, scaled to a month, with what it costs and what an endpoint
     * would save.
     *
     * @param interfaces   the NAT interfaces read, and how each was found ({@code --nat} or forwarding seen in the log)
     * @param serviceFrom  where the services come from: {@code pkt-dst-aws-service} or AWS's ranges of a date
     * @param monthFactor  what the observed span is multiplied by to make a month
     * @param pricing      the price book and the path compared, or why there is none
     */
    public record NatReport(
            List<String> interfaces, String serviceFrom, BigDecimal monthFactor, String pricing, List<NatLine> lines) {
        public NatReport {
            interfaces = List.copyOf(interfaces);
            lines = List.copyOf(lines);
        }
    }

    /**
     * One NAT interface and destination service.
     *
     * @param service    {@code S3}, {@code DYNAMODB}, {@code EC2}, ..., or {@code internet} for addresses outside AWS's
     *                   service ranges
     * @param endpoint   {@code gateway}, {@code interface} or {@code none}
     * @param natMonthly the NAT path's monthly cost of this traffic; empty when unpriced
     * @param saving     what an endpoint would save a month (negative: it would cost more); empty without one
     */
    public record NatLine(
            String natInterface,
            String service,
            long bytes,
            long flows,
            BigDecimal gbPerMonth,
            String endpoint,
            Optional<BigDecimal> natMonthly,
            Optional<BigDecimal> saving) {}

    /**
     * The drift check's result.
     *
     * @param checked connections held against the plan (the largest by bytes)
     * @param limit   how many the query returned at most
     */
    public record Drift(long checked, int limit, List<Unexpected> unexpected) {
        public Drift {
            unexpected = List.copyOf(unexpected);
        }
    }

    /** An accepted connection the plan does not allow, with where each end sits in the plan. */
    public record Unexpected(
            String client,
            String clientAt,
            String server,
            String serverAt,
            String protocol,
            int port,
            long flows,
            long bytes) {}
}
