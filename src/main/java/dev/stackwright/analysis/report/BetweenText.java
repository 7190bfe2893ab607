package dev.stackwright.analysis.report;

import dev.stackwright.analysis.BetweenReport;
import dev.stackwright.analysis.reach.BetweenVpcs;
import dev.stackwright.analysis.reach.Names;
import dev.stackwright.analysis.reach.Reachability;
import dev.stackwright.analysis.reach.Verdict;
import dev.stackwright.render.TextTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The "Between VPCs" part of {@code check}'s text report: the links, the flows across them, the policy's verdict. Its
 * grouping of links and rows ({@link #links}, {@link #lines}) is the report page's too.
 */
public final class BetweenText {
    /** VPCs named in one cell before the rest are counted. */
    private static final int SHOWN = 6;

    private BetweenText() {}

    static void render(BetweenReport r, StringBuilder out) {
        out.append("\n=== Between VPCs ===\n");
        BetweenVpcs flows = r.flows();
        if (flows.links().isEmpty()) {
            out.append(NO_LINKS).append('\n');
            return;
        }
        out.append("Links\n");
        TextTable links = TextTable.withHeader("VIA", "VPCS");
        links(flows).forEach((via, vpcs) -> links.row(via, vpcs(vpcs)));
        links.renderTo(out, "  ");

        out.append("\nFlows from one VPC into another\n");
        TextTable reached = TextTable.withHeader("FLOW", "PROTO", "PORTS", "VIA", "CHECK WITH");
        TextTable untold = TextTable.withHeader("FLOW", "PROTO", "PORTS", "NOT MODELLED", "CHECK WITH");
        Cells cells = cells(r);
        cells.reached().forEach(c -> reached.row(c.toArray(String[]::new)));
        cells.untold().forEach(c -> untold.row(c.toArray(String[]::new)));
        if (reached.isEmpty()) {
            out.append("  nothing\n");
        } else {
            reached.renderTo(out, "  ");
        }
        if (!untold.isEmpty()) {
            out.append("\nCannot tell between VPCs (the way crosses what Stackwright does not model)\n");
            untold.renderTo(out, "  ");
        }

        CheckText.policy("Policy between VPCs", r.policySource(), r.violations(), out, () -> {});
    }

    /**
     * The flows' lines as table cells: flow, protocol, ports, then the links crossed (reached) or what is not modelled
     * (cannot tell), then the {@code why} command that answers the line.
     */
    public record Cells(List<List<String>> reached, List<List<String>> untold) {}

    /** The lines of the report's flows ({@link #lines}) as cells, reachable ones apart from those it cannot tell. */
    public static Cells cells(BetweenReport r) {
        List<List<String>> reached = new ArrayList<>();
        List<List<String>> untold = new ArrayList<>();
        for (Line l : lines(r.flows().rows())) {
            BetweenVpcs.Row row = l.first();
            boolean yes = row.verdict() == Verdict.REACHABLE;
            (yes ? reached : untold)
                    .add(List.of(
                            l.flow(),
                            row.protocol().id(),
                            Reachability.portList(row.ports()),
                            String.join(", ", yes ? row.via() : row.unmodelled()),
                            r.why(row)));
        }
        return new Cells(reached, untold);
    }

    /** What the part says of an input whose VPCs no link joins. */
    public static final String NO_LINKS =
            "No peering connection or transit gateway joins two VPCs of the input: nothing flows between them.";

    /** The VPCs a link joins, as a cell: the first few, then how many more. */
    public static String vpcs(Set<String> vpcs) {
        return Summaries.abbreviate(List.copyOf(vpcs), SHOWN);
    }

    /**
     * By link, the VPCs it joins, links by name and VPCs in input order: a thousand VPCs on one transit gateway make
     * one line, not half a million pairs.
     */
    public static Map<String, Set<String>> links(BetweenVpcs flows) {
        Map<String, Set<String>> joined = new TreeMap<>();
        for (BetweenVpcs.Link l : flows.links()) {
            for (String via : l.via()) {
                Set<String> vpcs = joined.computeIfAbsent(via, k -> new LinkedHashSet<>());
                vpcs.add(l.a().stackName());
                vpcs.add(l.b().stackName());
            }
        }
        return joined;
    }

    /**
     * Rows alike in all but their resources, as one line: the VPCs, the resources' security groups (or kind), the
     * protocol, ports, verdict and way. The JSON report lists each row and its resources.
     *
     * @param first the first row of the line, whose {@code why} command answers it
     */
    public record Line(BetweenVpcs.Row first, String fromLabel, String toLabel, long pairs) {
        /** "shop web -> ledger ledger-api (1 pair)". */
        public String flow() {
            return first.from().stackName() + " " + fromLabel + " -> "
                    + first.to().stackName() + " " + toLabel + " (" + pairs + (pairs == 1 ? " pair)" : " pairs)");
        }
    }

    /** The rows as lines ({@link Line}), in the rows' order. */
    public static List<Line> lines(List<BetweenVpcs.Row> rows) {
        Map<List<Object>, Line> out = new LinkedHashMap<>();
        for (BetweenVpcs.Row row : rows) {
            String from = Names.byGroups(row.sources().getFirst());
            String to = Names.byGroups(row.destinations().getFirst());
            List<Object> key = List.of(
                    row.from().stackName(),
                    from,
                    row.to().stackName(),
                    to,
                    row.protocol(),
                    row.ports(),
                    row.verdict(),
                    row.via(),
                    row.unmodelled());
            Line seen = out.get(key);
            out.put(
                    key,
                    seen == null
                            ? new Line(row, from, to, row.pairs())
                            : new Line(seen.first(), from, to, seen.pairs() + row.pairs()));
        }
        return List.copyOf(out.values());
    }
}
