package dev.stackwright.flows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.cost.Fmt;
import dev.stackwright.render.TextTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** {@link FlowAnswers} as text tables and as JSON; both deterministic. */
public final class FlowsText {
    private FlowsText() {}

    public static String text(FlowAnswers a) {
        StringBuilder out = new StringBuilder();
        FlowAnswers.Summary s = a.summary();
        out.append("Flow logs: ").append(a.source()).append('\n');
        out.append("  ")
                .append(count(s.records()))
                .append(" records, ")
                .append(count(s.bytes()))
                .append(" bytes, ")
                .append(count(s.rejected()))
                .append(" rejected, ")
                .append(count(s.noData()))
                .append(" without data (NODATA/SKIPDATA), over ")
                .append(hours(s.spanSeconds()))
                .append('\n');
        if (a.malformed().count() > 0) {
            out.append("  ").append(count(a.malformed().count())).append(" malformed records skipped; the first:\n");
            for (FlowEngine.Malformed.Sample m : a.malformed().sample()) {
                out.append("    ")
                        .append(m.file())
                        .append(':')
                        .append(m.line())
                        .append(": ")
                        .append(m.problem())
                        .append(": ")
                        .append(m.text())
                        .append('\n');
            }
        }

        section(out, "Top talkers by bytes", talkers(a.topByBytes()));
        section(out, "Top talkers by flows", talkers(a.topByFlows()));
        section(out, "Rejected by source", rejected("source", a.rejectedBySource()));
        section(out, "Rejected by destination port", rejected("port", a.rejectedByPort()));
        section(out, "Rejected by interface", rejected("interface", a.rejectedByInterface()));
        a.port().ifPresent(p -> {
            TextTable t = TextTable.withHeader("source", "destination", "protocol", "action", "flows", "bytes")
                    .rightAlign(4, 5);
            p.rows()
                    .forEach(r -> t.row(
                            r.source(), r.destination(), r.protocol(), r.action(), count(r.flows()), count(r.bytes())));
            section(out, "Traffic to port " + p.port(), t);
        });
        nat(out, a.nat());
        a.drift().ifPresent(d -> {
            TextTable t = TextTable.withHeader("client", "at", "server", "at", "port", "flows", "bytes")
                    .rightAlign(5, 6);
            d.unexpected()
                    .forEach(u -> t.row(
                            u.client(),
                            u.clientAt(),
                            u.server(),
                            u.serverAt(),
                            u.protocol() + "/" + u.port(),
                            count(u.flows()),
                            count(u.bytes())));
            out.append("\nAccepted but not in the plan (")
                    .append(count(d.unexpected().size()))
                    .append(" of ")
                    .append(count(d.checked()))
                    .append(" connections checked against the security groups, routes and ACLs")
                    .append(d.checked() >= d.limit() ? ", the largest " + count(d.limit()) + " by bytes" : "")
                    .append(")\n");
            out.append(t.isEmpty() ? "  (none: every accepted connection is one the plan allows)\n" : t.render("  "));
        });
        return out.toString();
    }

    private static void nat(StringBuilder out, FlowAnswers.NatReport nat) {
        out.append("\nThrough NAT by destination service\n");
        if (nat.interfaces().isEmpty()) {
            out.append("  (no NAT interface: none named with --nat")
                    .append(
                            nat.serviceFrom().startsWith("pkt-")
                                    ? " and none forwards packets in this log)\n"
                                    : "; logs in the default format need --nat ENI to tell which interface is a NAT)\n");
            return;
        }
        out.append("  NAT interfaces: ")
                .append(String.join(", ", nat.interfaces()))
                .append('\n');
        out.append("  services from ").append(nat.serviceFrom()).append('\n');
        out.append("  a month is the observed span x ")
                .append(Fmt.qty(nat.monthFactor().setScale(4, RoundingMode.HALF_UP)))
                .append("; prices: ")
                .append(nat.pricing())
                .append('\n');
        TextTable t = TextTable.withHeader(
                        "nat", "service", "bytes", "GB/month", "NAT/month", "endpoint", "saves/month")
                .rightAlign(2, 3, 4, 6);
        for (FlowAnswers.NatLine l : nat.lines()) {
            t.row(
                    l.natInterface(),
                    l.service(),
                    count(l.bytes()),
                    Fmt.qty(l.gbPerMonth().setScale(2, RoundingMode.HALF_UP)),
                    l.natMonthly().map(Fmt::usd).orElse("-"),
                    l.endpoint(),
                    l.saving().map(Fmt::usd).orElse("-"));
        }
        out.append(t.isEmpty() ? "  (no traffic through them to outside addresses)\n" : t.render("  "));
    }

    private static TextTable talkers(List<FlowAnswers.Talker> rows) {
        TextTable t =
                TextTable.withHeader("source", "destination", "bytes", "flows").rightAlign(2, 3);
        rows.forEach(r -> t.row(r.source(), r.destination(), count(r.bytes()), count(r.flows())));
        return t;
    }

    private static TextTable rejected(String key, List<FlowAnswers.Rejected> rows) {
        TextTable t = TextTable.withHeader(key, "flows", "packets").rightAlign(1, 2);
        rows.forEach(r -> t.row(r.key(), count(r.flows()), count(r.packets())));
        return t;
    }

    private static void section(StringBuilder out, String title, TextTable table) {
        out.append('\n').append(title).append('\n');
        out.append(table.isEmpty() ? "  (none)\n" : table.render("  "));
    }

    private static String count(long n) {
        return Fmt.qty(BigDecimal.valueOf(n));
    }

    private static String hours(long seconds) {
        return Fmt.qty(BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP)) + " h";
    }

    public static String json(FlowAnswers a) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("source", a.source());
        FlowAnswers.Summary s = a.summary();
        ObjectNode summary = root.putObject("summary");
        summary.put("records", s.records());
        summary.put("bytes", s.bytes());
        summary.put("packets", s.packets());
        summary.put("rejected", s.rejected());
        summary.put("noData", s.noData());
        summary.put("firstStart", s.firstStart());
        summary.put("lastEnd", s.lastEnd());
        summary.put("spanSeconds", s.spanSeconds());
        ObjectNode malformed = root.putObject("malformed");
        malformed.put("count", a.malformed().count());
        ArrayNode sample = malformed.putArray("sample");
        a.malformed()
                .sample()
                .forEach(m -> sample.addObject()
                        .put("file", m.file())
                        .put("line", m.line())
                        .put("problem", m.problem())
                        .put("text", m.text()));
        talkersJson(root.putArray("topByBytes"), a.topByBytes());
        talkersJson(root.putArray("topByFlows"), a.topByFlows());
        ObjectNode rejected = root.putObject("rejected");
        rejectedJson(rejected.putArray("bySource"), a.rejectedBySource());
        rejectedJson(rejected.putArray("byPort"), a.rejectedByPort());
        rejectedJson(rejected.putArray("byInterface"), a.rejectedByInterface());
        a.port().ifPresent(p -> {
            ObjectNode port = root.putObject("port");
            port.put("port", p.port());
            ArrayNode rows = port.putArray("rows");
            p.rows()
                    .forEach(r -> rows.addObject()
                            .put("source", r.source())
                            .put("destination", r.destination())
                            .put("protocol", r.protocol())
                            .put("action", r.action())
                            .put("flows", r.flows())
                            .put("bytes", r.bytes()));
        });
        ObjectNode nat = root.putObject("nat");
        ArrayNode interfaces = nat.putArray("interfaces");
        a.nat().interfaces().forEach(interfaces::add);
        nat.put("serviceFrom", a.nat().serviceFrom());
        nat.put("monthFactor", a.nat().monthFactor().setScale(6, RoundingMode.HALF_UP));
        nat.put("pricing", a.nat().pricing());
        ArrayNode lines = nat.putArray("lines");
        for (FlowAnswers.NatLine l : a.nat().lines()) {
            ObjectNode o = lines.addObject()
                    .put("nat", l.natInterface())
                    .put("service", l.service())
                    .put("bytes", l.bytes())
                    .put("flows", l.flows())
                    .put("gbPerMonth", l.gbPerMonth().setScale(4, RoundingMode.HALF_UP))
                    .put("endpoint", l.endpoint());
            l.natMonthly().ifPresent(v -> o.put("natMonthlyUsd", v.setScale(2, RoundingMode.HALF_UP)));
            l.saving().ifPresent(v -> o.put("endpointSavesMonthlyUsd", v.setScale(2, RoundingMode.HALF_UP)));
        }
        a.drift().ifPresent(d -> {
            ObjectNode drift = root.putObject("drift");
            drift.put("checked", d.checked());
            drift.put("limit", d.limit());
            ArrayNode rows = drift.putArray("unexpected");
            d.unexpected()
                    .forEach(u -> rows.addObject()
                            .put("client", u.client())
                            .put("clientAt", u.clientAt())
                            .put("server", u.server())
                            .put("serverAt", u.serverAt())
                            .put("protocol", u.protocol())
                            .put("port", u.port())
                            .put("flows", u.flows())
                            .put("bytes", u.bytes()));
        });
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void talkersJson(ArrayNode out, List<FlowAnswers.Talker> rows) {
        rows.forEach(r -> out.addObject()
                .put("source", r.source())
                .put("destination", r.destination())
                .put("bytes", r.bytes())
                .put("flows", r.flows()));
    }

    private static void rejectedJson(ArrayNode out, List<FlowAnswers.Rejected> rows) {
        rows.forEach(
                r -> out.addObject().put("key", r.key()).put("flows", r.flows()).put("packets", r.packets()));
    }
}
