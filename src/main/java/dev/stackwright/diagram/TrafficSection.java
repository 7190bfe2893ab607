package dev.stackwright.diagram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's "Traffic (flow logs)" section: the answers of {@code stackwright flows}, read from its JSON (the page
 * computes nothing of its own, so its figures are the command's), as tables.
 */
final class TrafficSection {
    private TrafficSection() {}

    static void render(StringBuilder h, String json) {
        JsonNode a;
        try {
            a = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode s = a.path("summary");
        h.append("<section id=\"flows\">\n<h2>Traffic (flow logs)</h2>\n<p>")
                .append(esc(a.path("source").asText()))
                .append(": ")
                .append(count(s.path("records")))
                .append(" records, ")
                .append(count(s.path("bytes")))
                .append(" bytes, ")
                .append(count(s.path("rejected")))
                .append(" rejected, ")
                .append(count(s.path("noData")))
                .append(" without data, over ")
                .append(hours(s))
                .append(" (as <code>stackwright flows</code> answers it).</p>\n");
        JsonNode malformed = a.path("malformed");
        if (malformed.path("count").asLong() > 0) {
            h.append("<p class=\"warning\">")
                    .append(count(malformed.path("count")))
                    .append(" malformed records skipped.</p>\n<ul>\n");
            for (JsonNode m : malformed.path("sample")) {
                h.append("<li><code>")
                        .append(esc(
                                m.path("file").asText() + ":" + m.path("line").asLong()))
                        .append("</code> ")
                        .append(esc(m.path("problem").asText()))
                        .append("</li>\n");
            }
            h.append("</ul>\n");
        }
        for (String by : List.of("Bytes", "Flows")) {
            table(
                    h,
                    "Top talkers by " + by.toLowerCase(java.util.Locale.ROOT),
                    List.of("Source", "Destination", "Bytes", "Flows"),
                    a.path("topBy" + by),
                    r -> List.of(
                            text(r, "source"), text(r, "destination"), count(r.path("bytes")), count(r.path("flows"))));
        }
        JsonNode rejected = a.path("rejected");
        for (String[] by : new String[][] {
            {"bySource", "Rejected by source", "Source"},
            {"byPort", "Rejected by destination port", "Port"},
            {"byInterface", "Rejected by interface", "Interface"}
        }) {
            table(
                    h,
                    by[1],
                    List.of(by[2], "Flows", "Packets"),
                    rejected.path(by[0]),
                    r -> List.of(text(r, "key"), count(r.path("flows")), count(r.path("packets"))));
        }
        JsonNode port = a.path("port");
        if (!port.isMissingNode()) {
            table(
                    h,
                    "Traffic to port " + port.path("port").asInt(),
                    List.of("Source", "Destination", "Protocol", "Action", "Flows", "Bytes"),
                    port.path("rows"),
                    r -> List.of(
                            text(r, "source"),
                            text(r, "destination"),
                            text(r, "protocol"),
                            text(r, "action"),
                            count(r.path("flows")),
                            count(r.path("bytes"))));
        }
        nat(h, a.path("nat"));
        JsonNode drift = a.path("drift");
        if (!drift.isMissingNode()) {
            h.append("<h3>Accepted but not in the plan</h3>\n<p>")
                    .append(count(drift.path("unexpected").size()))
                    .append(" of ")
                    .append(count(drift.path("checked")))
                    .append(" connections checked against the security groups, routes and ACLs")
                    .append(
                            drift.path("checked").asLong()
                                            >= drift.path("limit").asLong()
                                    ? ", the largest " + count(drift.path("limit")) + " by bytes"
                                    : "")
                    .append(".</p>\n");
            rows(
                    h,
                    List.of("Client", "At", "Server", "At", "Port", "Flows", "Bytes"),
                    drift.path("unexpected"),
                    r -> List.of(
                            text(r, "client"),
                            text(r, "clientAt"),
                            text(r, "server"),
                            text(r, "serverAt"),
                            text(r, "protocol") + "/" + r.path("port").asInt(),
                            count(r.path("flows")),
                            count(r.path("bytes"))),
                    "none: every accepted connection is one the plan allows");
        }
        h.append("</section>\n");
    }

    private static void nat(StringBuilder h, JsonNode nat) {
        h.append("<h3>Through NAT by destination service</h3>\n");
        if (nat.path("interfaces").isEmpty()) {
            h.append("<p class=\"note\">No NAT interface found in these logs (logs in the default format need ")
                    .append("<code>stackwright flows --nat ENI</code> to tell which interface is a NAT).</p>\n");
            return;
        }
        List<String> interfaces = new ArrayList<>();
        nat.path("interfaces").forEach(i -> interfaces.add(i.asText()));
        h.append("<p>NAT interfaces: ")
                .append(esc(String.join(", ", interfaces)))
                .append(". Services from ")
                .append(esc(nat.path("serviceFrom").asText()))
                .append("; a month is the observed span &times; ")
                .append(esc(nat.path("monthFactor").decimalValue().toPlainString()))
                .append("; prices: ")
                .append(esc(nat.path("pricing").asText()))
                .append(".</p>\n");
        rows(
                h,
                List.of("NAT", "Service", "Bytes", "Flows", "GB/month", "NAT/month", "Endpoint", "Saves/month"),
                nat.path("lines"),
                r -> List.of(
                        text(r, "nat"),
                        text(r, "service"),
                        count(r.path("bytes")),
                        count(r.path("flows")),
                        r.path("gbPerMonth").decimalValue().toPlainString(),
                        usd(r.path("natMonthlyUsd")),
                        text(r, "endpoint"),
                        usd(r.path("endpointSavesMonthlyUsd"))),
                "no traffic through them to outside addresses");
    }

    private static void table(
            StringBuilder h,
            String title,
            List<String> header,
            JsonNode items,
            java.util.function.Function<JsonNode, List<String>> row) {
        h.append("<h3>").append(esc(title)).append("</h3>\n");
        rows(h, header, items, row, "none");
    }

    /** A table whose figures are right-aligned; a note when it is empty. */
    private static void rows(
            StringBuilder h,
            List<String> header,
            JsonNode items,
            java.util.function.Function<JsonNode, List<String>> row,
            String empty) {
        if (items.isEmpty()) {
            h.append("<p class=\"note\">(").append(esc(empty)).append(")</p>\n");
            return;
        }
        h.append("<table>\n<tr>");
        header.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
        h.append("</tr>\n");
        for (JsonNode item : items) {
            h.append("<tr>");
            for (String cell : row.apply(item)) {
                h.append(isFigure(cell) ? "<td class=\"num\">" : "<td>")
                        .append(esc(cell))
                        .append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
    }

    /** A count or an amount ({@code 2,000}, {@code 1460.5}, {@code -$3.10}), right-aligned; not an address. */
    static boolean isFigure(String cell) {
        return cell.matches("-?\\$?[0-9][0-9,]*(\\.[0-9]+)?");
    }

    private static String text(JsonNode row, String key) {
        return row.path(key).asText();
    }

    /** A whole number with thousands separators, the same on every machine. */
    static String count(JsonNode n) {
        return count(n.asLong());
    }

    static String count(long n) {
        String digits = Long.toString(Math.abs(n));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(digits.charAt(i));
        }
        return (n < 0 ? "-" : "") + out;
    }

    private static String usd(JsonNode amount) {
        if (amount.isMissingNode() || amount.isNull()) {
            return "-";
        }
        BigDecimal v = amount.decimalValue().setScale(2, RoundingMode.HALF_UP);
        return (v.signum() < 0 ? "-$" : "$") + v.abs().toPlainString();
    }

    private static String hours(JsonNode summary) {
        long span = Math.max(
                1, summary.path("lastEnd").asLong() - summary.path("firstStart").asLong());
        return BigDecimal.valueOf(span)
                        .divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP)
                        .toPlainString() + " h";
    }

    private static String esc(String s) {
        return HtmlReport.esc(s);
    }
}
