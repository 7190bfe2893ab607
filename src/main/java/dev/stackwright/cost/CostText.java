package dev.stackwright.cost;

import dev.stackwright.render.TextTable;
import dev.stackwright.spec.TrafficSpec;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The estimate as text for a terminal. Deterministic: the same estimate always gives the same bytes. */
public final class CostText {
    private CostText() {}

    public static String render(CostEstimate e) {
        StringBuilder out = new StringBuilder();
        out.append(e.stackName())
                .append("  ")
                .append(e.region())
                .append("  ")
                .append(Fmt.usd(e.total()))
                .append(" a month");
        if (!e.unpriced().isEmpty()) {
            out.append(" + ").append(e.unpriced().size()).append(" unpriced");
        }
        out.append('\n');
        out.append("Prices: ")
                .append(e.book().label())
                .append(", from ")
                .append(e.book().origin())
                .append("; ")
                .append(Fmt.qty(e.book().hoursPerMonth()))
                .append(" hours a month\n\n");

        traffic(out, e.traffic(), e.trafficKeys());
        breakdown(out, e);
        unpriced(out, e);
        freeTiers(out, e);
        alternatives(out, e);
        e.endpointAdvice()
                .ifPresent(a -> out.append("\nInterface endpoint or NAT, per service\n  ")
                        .append(a.text())
                        .append('\n'));
        e.choices().ifPresent(c -> choices(out, c));
        list(out, "Assumed", e.assumptions());
        list(out, "Notes", e.warnings());
        return out.toString();
    }

    private static void traffic(StringBuilder out, TrafficSpec t, List<String> keys) {
        out.append("Traffic (* = assumed, not in stackwright.yml)\n");
        TextTable table = TextTable.withColumns(3).rightAlign(1);
        for (String key : keys) {
            table.row(key, Fmt.qty(t.value(key)), t.isAssumed(key) ? "*" : "");
        }
        out.append(table.render("  "));
    }

    private static void breakdown(StringBuilder out, CostEstimate e) {
        out.append("\nBreakdown\n");
        TextTable table = TextTable.withHeader(
                        "TIER", "RESOURCE", "ITEM", "QUANTITY", "UNIT PRICE", "MONTHLY", "FORMULA")
                .rightAlign(3, 4, 5);
        Map<String, BigDecimal> subtotals = e.subtotals();
        for (String group : CostEstimate.GROUPS) {
            List<CostLine> in =
                    e.lines().stream().filter(l -> l.group().equals(group)).toList();
            if (in.isEmpty()) {
                continue;
            }
            for (CostLine l : in) {
                table.row(
                        l.group(),
                        l.resource(),
                        l.item(),
                        Fmt.qty(l.quantity()) + " " + shortUnit(l.priceKey(), l.unit()),
                        l.unitPrice().map(Fmt::price).orElse("unpriced"),
                        l.status() == CostLine.Status.UNPRICED ? "unpriced" : Fmt.usd(l.amount()),
                        l.status() == CostLine.Status.UNPRICED
                                ? l.formula()
                                : l.formula() + " = " + Fmt.usd(l.amount()));
            }
            table.row(
                    "",
                    "",
                    group + " subtotal",
                    "",
                    "",
                    Fmt.usd(java.util.Objects.requireNonNull(subtotals.get(group))),
                    ""); // the group has lines
        }
        table.row(
                "",
                "",
                "total",
                "",
                "",
                Fmt.usd(e.total()),
                e.unpriced().isEmpty() ? "" : "plus " + e.unpriced().size() + " unpriced");
        out.append(table.render("  "));
    }

    private static void unpriced(StringBuilder out, CostEstimate e) {
        if (e.unpriced().isEmpty()) {
            return;
        }
        out.append("\nUnpriced (left out of the total, not $0)\n");
        for (CostLine l : e.unpriced()) {
            out.append("  ")
                    .append(l.resource())
                    .append(" ")
                    .append(l.item())
                    .append(": ")
                    .append(l.problem().orElse(""))
                    .append('\n');
        }
        out.append("  To read them from AWS's Price List: stackwright prices fetch -f ")
                .append(e.specFile())
                .append(" (writes stackwright-prices/")
                .append(e.region())
                .append(".json beside it, used from then on; docs/cost.md)\n");
    }

    private static void freeTiers(StringBuilder out, CostEstimate e) {
        if (e.freeTiers().isEmpty()) {
            return;
        }
        out.append("\nFree tier (not subtracted: whether it applies depends on your account)\n");
        e.book().freeTierNote().ifPresent(n -> out.append("  ").append(n).append('\n'));
        TextTable table = TextTable.withColumns(4).rightAlign(2);
        for (FreeTierLine f : e.freeTiers()) {
            table.row(f.key(), f.formula(), "-" + Fmt.usd(f.saving()), f.term());
        }
        out.append(table.render("  "));
    }

    private static void alternatives(StringBuilder out, CostEstimate e) {
        if (e.alternatives().isEmpty()) {
            return; // A VPC the user brings: its NAT is not the plan's to change.
        }
        TrafficSpec.NatBound n = e.traffic().natGbPerMonth();
        out.append("\nWays out of the app tier, on the same traffic (")
                .append(Fmt.qty(n.otherAws().add(n.internet())))
                .append(" GB/month to AWS services and the internet)\n");
        TextTable table = TextTable.withHeader("OPTION", "MONTHLY", "DIFFERENCE", "AGAINST THE PLAN")
                .rightAlign(1, 2);
        int planUnpriced = e.alternatives().stream()
                .filter(NatAlternatives.Alternative::current)
                .mapToInt(NatAlternatives.Alternative::unpriced)
                .findFirst()
                .orElse(0);
        for (NatAlternatives.Alternative a : e.alternatives()) {
            String label = a.option().label() + (a.current() ? " (plan)" : "");
            // With a region's book missing entries, an option may leave out lines the plan prices (or the reverse):
            // its total is then no fair comparison, so no verdict is drawn from it.
            StringBuilder note = new StringBuilder(
                    a.current() || a.unpriced() == planUnpriced
                            ? a.breakEven().text()
                            : "not comparable on price: it has other unpriced lines than the plan");
            a.caveats().forEach(c -> note.append("; ").append(c));
            if (a.unpriced() > 0) {
                note.append("; ").append(a.unpriced()).append(" unpriced, left out");
            }
            table.row(label, Fmt.usd(a.monthly()), a.current() ? "-" : Fmt.signedUsd(a.difference()), note.toString());
        }
        out.append(table.render("  "));
        e.cheaperAlternative()
                .ifPresent(a -> out.append("  Cheaper on this traffic, giving up nothing the plan has: ")
                        .append(a.option().label())
                        .append(", ")
                        .append(Fmt.usd(a.difference().negate()))
                        .append(" a month less.\n"));
    }

    private static void choices(StringBuilder out, Choices c) {
        c.frontDoor().ifPresent(f -> {
            out.append("\nFront door, on the same ")
                    .append(Fmt.qty(f.requestsPerMonth()))
                    .append(" requests a month\n");
            TextTable table = TextTable.withHeader("OPTION", "MONTHLY", "BREAK-EVEN WITH THE ALB")
                    .rightAlign(1);
            String plan = " (plan)";
            table.row(
                    "alb" + (c.frontDoorPlanned() == dev.stackwright.model.app.FrontDoorKind.ALB ? plan : ""),
                    Fmt.usd(f.alb()),
                    "-");
            table.row(
                    "api-gateway (HTTP API)"
                            + (c.frontDoorPlanned() == dev.stackwright.model.app.FrontDoorKind.API_GATEWAY ? plan : ""),
                    Fmt.usd(f.http()),
                    crossing(f.albVsHttp()));
            table.row("REST API", Fmt.usd(f.rest()), crossing(f.albVsRest()));
            out.append(table.render("  "));
            out.append(
                    "  API Gateway is cheaper below the break-even, the ALB above it; `frontDoor: auto` picks by it.\n");
        });
        c.compute().ifPresent(k -> {
            out.append("\nCompute for the same ")
                    .append(c.tasks())
                    .append(c.tasks() == 1 ? " task" : " tasks")
                    .append('\n');
            TextTable table = TextTable.withHeader("OPTION", "MONTHLY", "").rightAlign(1);
            table.row("fargate", Fmt.usd(k.fargate()), "");
            table.row(
                    "ecs-ec2 on " + c.hostType(),
                    Fmt.usd(k.ec2()),
                    k.instances() + (k.instances() == 1 ? " host" : " hosts"));
            out.append(table.render("  "));
            out.append("  ")
                    .append(
                            k.cheaper().equals("neither")
                                    ? "They cost the same."
                                    : k.cheaper() + " is cheaper by "
                                            + Fmt.usd(k.difference().abs()) + " a month.")
                    .append('\n');
        });
        c.environments().ifPresent(i -> {
            out.append("\nConnecting the ")
                    .append(i.vpcs())
                    .append(" environments' VPCs (")
                    .append(Fmt.qty(c.environmentGb()))
                    .append(" GB a month between them, half across zones)\n");
            TextTable table = TextTable.withHeader("OPTION", "MONTHLY", "").rightAlign(1);
            table.row(
                    "peering (" + i.peeringConnections() + " connections)",
                    Fmt.usd(i.peering()),
                    "no hourly fee; not transitive");
            table.row("transit gateway", Fmt.usd(i.transitGateway()), i.vpcs() + " attachments");
            out.append(table.render("  "));
        });
    }

    private static String crossing(java.util.Optional<java.math.BigDecimal> volume) {
        return volume.map(v -> Fmt.qty(v) + " requests a month").orElse("never crosses");
    }

    private static void list(StringBuilder out, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        out.append('\n').append(title).append('\n');
        items.forEach(i -> out.append("  - ").append(i).append('\n'));
    }

    /** A short unit for the quantity column; the book's full unit is in the JSON. */
    static String shortUnit(String key, String unit) {
        if (key.endsWith("gb-month")) {
            return "GB-month";
        }
        if (key.endsWith("az-hour")) {
            return "zone-h";
        }
        if (key.startsWith("public-ipv4")) {
            return "address-h";
        }
        if (key.endsWith(".hour")) {
            return "h";
        }
        if (key.endsWith(".gb") || key.equals("vpc-endpoint.gateway")) {
            return "GB";
        }
        if (key.equals("vpc.base")) {
            return "VPC";
        }
        if (key.endsWith("-minute")) {
            return "min";
        }
        return unit;
    }

    /** Three lines for {@code stackwright plan}: the month's total and its three dearest lines. */
    public static String summary(CostEstimate e) {
        StringBuilder out = new StringBuilder();
        out.append(Fmt.usd(e.total())).append(" a month at ").append(e.book().label());
        if (!e.unpriced().isEmpty()) {
            out.append(" + ").append(e.unpriced().size()).append(" unpriced");
        }
        out.append('\n');
        TextTable top = TextTable.withColumns(2).rightAlign(0);
        for (CostLine l : e.top(3)) {
            top.row(Fmt.usd(l.amount()), l.resource() + " " + l.item() + " (" + l.formula() + ")");
        }
        out.append(top.render("  "));
        e.cheaperAlternative()
                .ifPresent(a -> out.append("  cheaper on this traffic: ")
                        .append(a.option().label())
                        .append(", ")
                        .append(Fmt.usd(a.difference().negate()))
                        .append(" a month less (stackwright cost)\n"));
        return out.toString();
    }
}
