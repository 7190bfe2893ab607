package dev.stackwright.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.YamlDocument;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code traffic:} section: how much the app is used, so that {@code stackwright cost} can price what depends on
 * use. Every figure is optional; an absent one gets a small dev default, and its key is listed in {@code assumed}
 * so that reports can say what was assumed rather than measured.
 *
 * @param requestsPerMonth        HTTP requests the front door serves per month
 * @param avgRequestKb            average request size in KB (headers and body): the ALB processes it as well as the
 *                                response
 * @param avgResponseKb           average response size in KB (1 KB = 1,000 bytes, as AWS meters)
 * @param avgDurationMs           average run time of one request in milliseconds: what Lambda bills (per ms)
 * @param newConnectionsPerSecond new client connections per second, averaged over the month
 * @param activeConnections       concurrent client connections, averaged over the month
 * @param egressGbPerMonth        everything that leaves AWS for the internet: responses and uploads through NAT.
 *                                When absent it is requests x response size
 * @param natGbPerMonth           what the app tier sends out of the VPC, by destination (GB processed, both ways)
 * @param logGbPerMonth           VPC flow logs written per month
 * @param appLogGbPerMonth        what the app's tasks or function (and API Gateway's access log) write to CloudWatch
 *                                Logs per month
 * @param databaseGbPerMonth      what the app and its database exchange per month, queries and results together.
 *                                When absent it is what the app serves: requests x response size
 * @param databaseChangePercentPerDay the share of the database that changes in a day, in percent: what each day's
 *                                incremental backup holds
 * @param ipv6Share               the share (0 to 1) of the NAT-bound traffic that goes to IPv6-capable destinations:
 *                                in a dual-stack network it leaves through the egress-only internet gateway instead
 * @param assumed                 the keys (as in the YAML, e.g. {@code natGbPerMonth.s3}) that were not given
 */
public record TrafficSpec(
        BigDecimal requestsPerMonth,
        BigDecimal avgRequestKb,
        BigDecimal avgResponseKb,
        BigDecimal avgDurationMs,
        BigDecimal newConnectionsPerSecond,
        BigDecimal activeConnections,
        BigDecimal egressGbPerMonth,
        NatBound natGbPerMonth,
        BigDecimal logGbPerMonth,
        BigDecimal appLogGbPerMonth,
        BigDecimal databaseGbPerMonth,
        BigDecimal databaseChangePercentPerDay,
        BigDecimal ipv6Share,
        List<String> assumed) {

    /** GB per month that the app tier sends to each kind of destination outside the VPC. */
    public record NatBound(BigDecimal s3, BigDecimal dynamodb, BigDecimal otherAws, BigDecimal internet) {
        public NatBound {
            Objects.requireNonNull(s3);
            Objects.requireNonNull(dynamodb);
            Objects.requireNonNull(otherAws);
            Objects.requireNonNull(internet);
        }

        public BigDecimal total() {
            return s3.add(dynamodb).add(otherAws).add(internet);
        }
    }

    public TrafficSpec {
        assumed = assumed.stream().sorted().distinct().toList();
    }

    /**
     * A small dev service, as the schema's defaults describe it: a million requests of 2 KB answered with 20 KB in
     * 100 ms a month, a trickle through NAT, a few GB of flow logs, about a KB of application log per request (1 GB),
     * each response read from the database once, and 2% of the database changing in a day. What leaves for the
     * internet is what is served.
     */
    public static final TrafficSpec DEV_DEFAULTS = new TrafficSpec(
            fromSchema("requestsPerMonth"),
            fromSchema("avgRequestKb"),
            fromSchema("avgResponseKb"),
            fromSchema("avgDurationMs"),
            fromSchema("newConnectionsPerSecond"),
            fromSchema("activeConnections"),
            servedGb(fromSchema("requestsPerMonth"), fromSchema("avgResponseKb")),
            new NatBound(
                    fromSchema("natGbPerMonth.s3"),
                    fromSchema("natGbPerMonth.dynamodb"),
                    fromSchema("natGbPerMonth.otherAws"),
                    fromSchema("natGbPerMonth.internet")),
            fromSchema("logGbPerMonth"),
            fromSchema("appLogGbPerMonth"),
            servedGb(fromSchema("requestsPerMonth"), fromSchema("avgResponseKb")),
            fromSchema("databaseChangePercentPerDay"),
            fromSchema("ipv6Share"),
            List.of(
                    "activeConnections",
                    "appLogGbPerMonth",
                    "avgDurationMs",
                    "avgRequestKb",
                    "avgResponseKb",
                    "databaseChangePercentPerDay",
                    "databaseGbPerMonth",
                    "egressGbPerMonth",
                    "ipv6Share",
                    "logGbPerMonth",
                    "natGbPerMonth.dynamodb",
                    "natGbPerMonth.internet",
                    "natGbPerMonth.otherAws",
                    "natGbPerMonth.s3",
                    "newConnectionsPerSecond",
                    "requestsPerMonth"));

    /** The same traffic with another NAT-bound volume. */
    public TrafficSpec withNatGbPerMonth(NatBound nat) {
        return new TrafficSpec(
                requestsPerMonth,
                avgRequestKb,
                avgResponseKb,
                avgDurationMs,
                newConnectionsPerSecond,
                activeConnections,
                egressGbPerMonth,
                nat,
                logGbPerMonth,
                appLogGbPerMonth,
                databaseGbPerMonth,
                databaseChangePercentPerDay,
                ipv6Share,
                assumed);
    }

    private static BigDecimal fromSchema(String key) {
        return SpecDefaults.decimal("traffic." + key);
    }

    /** Requests x response size, KB to GB (decimal, as AWS meters), without trailing zeros. */
    private static BigDecimal servedGb(BigDecimal requests, BigDecimal responseKb) {
        BigDecimal served = requests.multiply(responseKb).movePointLeft(6).stripTrailingZeros();
        return served.scale() < 0 ? served.setScale(0) : served;
    }

    /** The YAML keys of the section, in the order reports list them. */
    public static final List<String> KEYS = List.of(
            "requestsPerMonth",
            "avgRequestKb",
            "avgResponseKb",
            "avgDurationMs",
            "newConnectionsPerSecond",
            "activeConnections",
            "egressGbPerMonth",
            "natGbPerMonth.s3",
            "natGbPerMonth.dynamodb",
            "natGbPerMonth.otherAws",
            "natGbPerMonth.internet",
            "ipv6Share",
            "logGbPerMonth",
            "appLogGbPerMonth",
            "databaseGbPerMonth",
            "databaseChangePercentPerDay");

    public boolean isAssumed(String key) {
        return assumed.contains(key);
    }

    /** The figure under a key of {@link #KEYS}. */
    public BigDecimal value(String key) {
        return switch (key) {
            case "requestsPerMonth" -> requestsPerMonth;
            case "avgRequestKb" -> avgRequestKb;
            case "avgResponseKb" -> avgResponseKb;
            case "avgDurationMs" -> avgDurationMs;
            case "newConnectionsPerSecond" -> newConnectionsPerSecond;
            case "activeConnections" -> activeConnections;
            case "egressGbPerMonth" -> egressGbPerMonth;
            case "natGbPerMonth.s3" -> natGbPerMonth.s3();
            case "natGbPerMonth.dynamodb" -> natGbPerMonth.dynamodb();
            case "natGbPerMonth.otherAws" -> natGbPerMonth.otherAws();
            case "natGbPerMonth.internet" -> natGbPerMonth.internet();
            case "logGbPerMonth" -> logGbPerMonth;
            case "appLogGbPerMonth" -> appLogGbPerMonth;
            case "databaseGbPerMonth" -> databaseGbPerMonth;
            case "databaseChangePercentPerDay" -> databaseChangePercentPerDay;
            case "ipv6Share" -> ipv6Share;
            default -> throw new IllegalArgumentException("not a traffic key: " + key);
        };
    }

    /**
     * Binds {@code traffic:}. Types are the schema's to report; this adds what a schema cannot say well: that a
     * figure must not be negative, with a fix. Problems fall back to the default so the rest is still checked.
     */
    static TrafficSpec bind(JsonNode section, YamlDocument doc, List<Diagnostic> problems) {
        List<String> assumed = new ArrayList<>();
        Amounts a = new Amounts(doc, problems, assumed);
        TrafficSpec d = DEV_DEFAULTS;
        JsonNode nat = section.path("natGbPerMonth");
        BigDecimal requests = a.get(section, "requestsPerMonth", d.requestsPerMonth(), "1000000");
        BigDecimal requestKb = a.get(section, "avgRequestKb", d.avgRequestKb(), "2");
        BigDecimal responseKb = a.get(section, "avgResponseKb", d.avgResponseKb(), "20");
        BigDecimal durationMs = a.get(section, "avgDurationMs", d.avgDurationMs(), "120");
        BigDecimal newConnections = a.get(section, "newConnectionsPerSecond", d.newConnectionsPerSecond(), "5");
        BigDecimal active = a.get(section, "activeConnections", d.activeConnections(), "100");
        // Without a figure, what leaves is what is served: requests x response size.
        BigDecimal servedGb = servedGb(requests, responseKb);
        BigDecimal egress = a.get(section, "egressGbPerMonth", servedGb, "100");
        NatBound natBound = new NatBound(
                a.get(nat, "natGbPerMonth.s3", d.natGbPerMonth().s3(), "50"),
                a.get(nat, "natGbPerMonth.dynamodb", d.natGbPerMonth().dynamodb(), "5"),
                a.get(nat, "natGbPerMonth.otherAws", d.natGbPerMonth().otherAws(), "20"),
                a.get(nat, "natGbPerMonth.internet", d.natGbPerMonth().internet(), "30"));
        BigDecimal logs = a.get(section, "logGbPerMonth", d.logGbPerMonth(), "10");
        BigDecimal appLogs = a.get(section, "appLogGbPerMonth", d.appLogGbPerMonth(), "3");
        // Without a figure, every response is read from the database once: what is served crosses to the app.
        BigDecimal database = a.get(section, "databaseGbPerMonth", servedGb, "50");
        BigDecimal change = a.get(section, "databaseChangePercentPerDay", d.databaseChangePercentPerDay(), "5");
        BigDecimal ipv6Share = a.get(section, "ipv6Share", d.ipv6Share(), "0.6");
        return new TrafficSpec(
                requests,
                requestKb,
                responseKb,
                durationMs,
                newConnections,
                active,
                egress,
                natBound,
                logs,
                appLogs,
                database,
                change,
                ipv6Share,
                assumed);
    }

    private record Amounts(YamlDocument doc, List<Diagnostic> problems, List<String> assumed) {
        BigDecimal get(JsonNode parent, String key, BigDecimal fallback, String example) {
            String leaf = key.substring(key.lastIndexOf('.') + 1);
            JsonNode node = parent.path(leaf);
            if (node.isMissingNode() || node.isNull()) {
                assumed.add(key);
                return fallback;
            }
            if (!node.isNumber()) {
                return fallback; // the schema reports the type, at this key
            }
            BigDecimal value = node.decimalValue();
            if (value.signum() < 0) {
                String path = "traffic." + key;
                problems.add(Diagnostic.error(
                        "negative-amount",
                        doc.valueLocation(path),
                        path,
                        "must not be negative",
                        "`" + value.toPlainString() + "`",
                        "use 0 or a positive figure, e.g. `" + leaf + ": " + example + "`"));
                return fallback;
            }
            return value;
        }
    }
}
