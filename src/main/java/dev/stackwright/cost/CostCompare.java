package dev.stackwright.cost;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.render.TextTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Two estimates side by side, line by line: what B costs more or less than A, and where. */
public final class CostCompare {
    private CostCompare() {}

    /** A line in either estimate; empty on the side that lacks it. */
    public record Row(String key, Optional<CostLine> a, Optional<CostLine> b) {
        public BigDecimal difference() {
            return b.map(CostLine::amount)
                    .orElse(BigDecimal.ZERO)
                    .subtract(a.map(CostLine::amount).orElse(BigDecimal.ZERO));
        }
    }

    /** Rows by tier as the breakdown orders them; within a tier, A's lines in A's order, then B's new ones. */
    public static List<Row> rows(CostEstimate a, CostEstimate b) {
        Map<String, CostLine> inA = new LinkedHashMap<>();
        a.lines().forEach(l -> inA.putIfAbsent(l.key(), l));
        Map<String, CostLine> inB = new LinkedHashMap<>();
        b.lines().forEach(l -> inB.putIfAbsent(l.key(), l));
        List<Row> rows = new ArrayList<>();
        inA.forEach((key, line) -> rows.add(new Row(key, Optional.of(line), Optional.ofNullable(inB.get(key)))));
        inB.forEach((key, line) -> {
            if (!inA.containsKey(key)) {
                rows.add(new Row(key, Optional.empty(), Optional.of(line)));
            }
        });
        rows.sort(java.util.Comparator.comparingInt(
                r -> CostEstimate.GROUPS.indexOf(r.a().or(r::b).orElseThrow().group())));
        return rows;
    }

    public static String text(String nameA, CostEstimate a, String nameB, CostEstimate b) {
        StringBuilder out = new StringBuilder();
        out.append("A: ")
                .append(nameA)
                .append("  ")
                .append(a.stackName())
                .append("  ")
                .append(Fmt.usd(a.total()))
                .append(" a month\n");
        out.append("B: ")
                .append(nameB)
                .append("  ")
                .append(b.stackName())
                .append("  ")
                .append(Fmt.usd(b.total()))
                .append(" a month\n");
        out.append("B - A: ")
                .append(Fmt.signedUsd(b.total().subtract(a.total())))
                .append(" a month\n\n");
        TextTable table = TextTable.withHeader("TIER", "RESOURCE", "ITEM", "A", "B", "B - A")
                .rightAlign(3, 4, 5);
        for (Row r : rows(a, b)) {
            CostLine any = r.a().or(r::b).orElseThrow();
            if (r.difference().signum() == 0
                    && r.a().isPresent()
                    && r.b().isPresent()
                    && r.a().get().status() == r.b().get().status()) {
                continue;
            }
            table.row(any.group(), any.resource(), any.item(), side(r.a()), side(r.b()), Fmt.signedUsd(r.difference()));
        }
        table.row(
                "",
                "",
                "total",
                Fmt.usd(a.total()),
                Fmt.usd(b.total()),
                Fmt.signedUsd(b.total().subtract(a.total())));
        out.append(table.render("  "));
        out.append("  (lines that cost the same in both are left out)\n");
        if (!a.unpriced().isEmpty() || !b.unpriced().isEmpty()) {
            out.append("  Unpriced lines are left out of both totals: A ")
                    .append(a.unpriced().size())
                    .append(", B ")
                    .append(b.unpriced().size())
                    .append(".\n");
        }
        return out.toString();
    }

    public static String json(String nameA, CostEstimate a, String nameB, CostEstimate b) {
        ObjectNode root = CostJson.NODES.objectNode();
        root.put("a", nameA).put("b", nameB);
        root.put("monthlyA", CostJson.exact(a.total()))
                .put("monthlyB", CostJson.exact(b.total()))
                .put("difference", CostJson.exact(b.total().subtract(a.total())));
        ArrayNode rows = root.putArray("lines");
        for (Row r : rows(a, b)) {
            ObjectNode node = rows.addObject();
            node.put("key", r.key());
            r.a().ifPresent(l -> node.set("a", CostJson.line(l)));
            r.b().ifPresent(l -> node.set("b", CostJson.line(l)));
            node.put("difference", CostJson.exact(r.difference()));
        }
        root.set("estimateA", CostJson.tree(a));
        root.set("estimateB", CostJson.tree(b));
        return CostJson.write(root);
    }

    private static String side(Optional<CostLine> line) {
        return line.map(l -> l.status() == CostLine.Status.UNPRICED ? "unpriced" : Fmt.usd(l.amount()))
                .orElse("-");
    }
}
