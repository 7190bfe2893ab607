package dev.stackwright.diagram;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.cost.CostCurve;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Monthly cost against traffic as an inline SVG: one polyline per option, the plan's drawn thick, a dot where an
 * option breaks even, and every label in a column beside the plot, stacked, so no two labels can overlap. The curves
 * come from the cost JSON ({@code curve}: a fixed part and a rate per unit from each step on); nothing is priced here.
 */
final class CostChart {
    private static final int PLOT_X = 70;
    private static final int PLOT_Y = 12;
    private static final int PLOT_W = 420;
    private static final int PLOT_H = 220;
    private static final int COLUMN_X = PLOT_X + PLOT_W + 24;
    private static final int COLUMN_W = 540;
    private static final int ENTRY_H = 18;
    private static final int ENTRY_GAP = 4;
    private static final int TICKS = 5;
    private static final List<String> COLOURS =
            List.of("#0073bb", "#1d8102", "#ff9900", "#8c4fff", "#00a4a6", "#545b64", "#b0084d");

    /**
     * One option's cost.
     *
     * @param dashed it cannot carry all of the traffic, so its curve is an approximation of a different network
     */
    record Series(String label, CostCurve curve, boolean plan, boolean dashed) {}

    /** A break-even: where {@code series} (an index) crosses another, at volume {@code x}. */
    record Mark(String text, int series, BigDecimal x) {}

    private CostChart() {}

    /** A curve as the cost JSON writes it. */
    static CostCurve curve(JsonNode node) {
        List<CostCurve.Step> steps = new ArrayList<>();
        for (JsonNode s : node.path("steps")) {
            steps.add(new CostCurve.Step(
                    s.path("from").decimalValue(), s.path("perUnit").decimalValue()));
        }
        return new CostCurve(node.path("fixedMonthly").decimalValue(), steps);
    }

    /**
     * The chart.
     *
     * @param id      unique in the page, for the accessible title
     * @param unit    the volume's unit, e.g. {@code GB/month through NAT}
     * @param atPlan  the plan's volume, marked on the plan's curve
     * @param least   the smallest range the x axis shows, so that a plan with little traffic still shows a trend; the
     *                axis also reaches twice the plan's volume and a quarter past the last break-even
     */
    static String svg(
            String id,
            String title,
            String unit,
            List<Series> series,
            List<Mark> marks,
            BigDecimal atPlan,
            BigDecimal least) {
        BigDecimal reach = atPlan.multiply(BigDecimal.TWO).max(least);
        for (Mark m : marks) {
            reach = reach.max(m.x().multiply(new BigDecimal("1.25")));
        }
        BigDecimal xStep = niceStep(reach.divide(BigDecimal.valueOf(TICKS), 10, RoundingMode.HALF_UP));
        BigDecimal xMax = xStep.multiply(BigDecimal.valueOf(TICKS));
        BigDecimal top = BigDecimal.ZERO;
        for (Series s : series) {
            top = top.max(s.curve().at(xMax));
        }
        BigDecimal yStep = niceStep(top.divide(BigDecimal.valueOf(TICKS), 10, RoundingMode.HALF_UP));
        BigDecimal yMax = yStep.multiply(BigDecimal.valueOf(TICKS));

        Svg plot = new Svg();
        // Axes and ticks.
        plot.path("chart-axis", "M" + PLOT_X + "," + PLOT_Y + " V" + (PLOT_Y + PLOT_H) + " H" + (PLOT_X + PLOT_W));
        for (int i = 0; i <= TICKS; i++) {
            int px = PLOT_X + PLOT_W * i / TICKS;
            int py = PLOT_Y + PLOT_H - PLOT_H * i / TICKS;
            plot.path("chart-grid", "M" + PLOT_X + "," + py + " H" + (PLOT_X + PLOT_W));
            plot.raw("<text class=\"chart-tick\" x=\"" + px + "\" y=\"" + (PLOT_Y + PLOT_H + 14)
                    + "\" text-anchor=\"middle\">" + Svg.escape(volume(xStep.multiply(BigDecimal.valueOf(i))))
                    + "</text>\n");
            plot.raw("<text class=\"chart-tick\" x=\"" + (PLOT_X - 6) + "\" y=\"" + (py + 4)
                    + "\" text-anchor=\"end\">$" + Svg.escape(volume(yStep.multiply(BigDecimal.valueOf(i))))
                    + "</text>\n");
        }
        plot.text("chart-axis-title", PLOT_X, PLOT_Y + PLOT_H + 32, unit + " (cost: $ a month)");

        Svg column = new Svg();
        int y = PLOT_Y;
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String colour = COLOURS.get(i % COLOURS.size());
            StringBuilder points = new StringBuilder();
            for (BigDecimal x : corners(s.curve(), xMax)) {
                points.append(points.isEmpty() ? "" : " ")
                        .append(px(x, xMax))
                        .append(',')
                        .append(py(s.curve().at(x), yMax));
            }
            plot.raw("<polyline class=\"" + (s.plan() ? "chart-plan" : "chart-option")
                    + (s.dashed() ? " chart-dashed" : "") + "\" stroke=\"" + colour + "\" points=\"" + points
                    + "\"><title>" + Svg.escape(s.label()) + "</title></polyline>\n");
            String text = s.label() + (s.plan() ? " (the plan)" : "");
            entry(column, "legend", y, text);
            column.raw("<path class=\"chart-swatch" + (s.dashed() ? " chart-dashed" : "") + "\" stroke=\"" + colour
                    + "\" d=\"M" + (COLUMN_X + 4) + "," + (y + ENTRY_H / 2) + " h16\"/>\n");
            y += ENTRY_H + ENTRY_GAP;
        }
        int planIndex = indexOfPlan(series);
        if (planIndex >= 0) {
            CostCurve plan = series.get(planIndex).curve();
            int x = px(atPlan, xMax);
            int dotY = py(plan.at(atPlan), yMax);
            plot.path("leader", "M" + x + "," + PLOT_Y + " V" + (PLOT_Y + PLOT_H));
            plot.raw("<circle class=\"chart-now\" cx=\"" + x + "\" cy=\"" + dotY + "\" r=\"4\"/>\n");
            entry(column, "label", y, "the plan's traffic: " + volume(atPlan) + " " + unit);
            column.raw("<circle class=\"chart-now\" cx=\"" + (COLUMN_X + 12) + "\" cy=\"" + (y + ENTRY_H / 2)
                    + "\" r=\"4\"/>\n");
            y += ENTRY_H + ENTRY_GAP;
        }
        for (Mark m : marks) {
            String colour = COLOURS.get(m.series() % COLOURS.size());
            int x = px(m.x(), xMax);
            int dotY = py(series.get(m.series()).curve().at(m.x()), yMax);
            plot.raw("<circle class=\"chart-break-even\" fill=\"" + colour + "\" cx=\"" + x + "\" cy=\"" + dotY
                    + "\" r=\"5\"><title>" + Svg.escape(m.text()) + "</title></circle>\n");
            plot.path("leader", "M" + x + "," + dotY + " L" + COLUMN_X + "," + (y + ENTRY_H / 2));
            entry(column, "label", y, m.text());
            column.raw("<circle class=\"chart-break-even\" fill=\"" + colour + "\" cx=\"" + (COLUMN_X + 12) + "\" cy=\""
                    + (y + ENTRY_H / 2) + "\" r=\"5\"/>\n");
            y += ENTRY_H + ENTRY_GAP;
        }
        int width = COLUMN_X + COLUMN_W + 4;
        int height = Math.max(PLOT_Y + PLOT_H + 40, y + 4);
        StringBuilder desc =
                new StringBuilder(title + ": monthly cost against " + unit + ", 0 to " + volume(xMax) + ". Options: "
                        + String.join(", ", series.stream().map(Series::label).toList()) + ".");
        marks.forEach(m -> desc.append(' ').append(m.text()).append('.'));
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"" + width + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + width + " " + height + "\" role=\"img\" aria-labelledby=\"" + id + "-title "
                + id + "-desc\">\n<title id=\"" + id + "-title\">" + Svg.escape(title) + "</title>\n<desc id=\"" + id
                + "-desc\">" + Svg.escape(desc.toString()) + "</desc>\n" + plot + column + "</svg>\n";
    }

    /** A label in the column: a box sized to its text, which {@code SvgBoxes} reads back to check for overlaps. */
    private static void entry(Svg column, String kind, int y, String text) {
        String shown = Svg.fit(text, COLUMN_W - 32);
        int w = Math.min(COLUMN_W, 32 + shown.length() * Diagram.CHAR_W);
        column.rect(kind, COLUMN_X, y, w, ENTRY_H);
        column.text("chart-entry", COLUMN_X + 26, y + 13, shown);
    }

    private static int indexOfPlan(List<Series> series) {
        for (int i = 0; i < series.size(); i++) {
            if (series.get(i).plan()) {
                return i;
            }
        }
        return -1;
    }

    /** Where the curve bends inside the chart: zero, each step's start, the end. Straight between them. */
    private static List<BigDecimal> corners(CostCurve c, BigDecimal xMax) {
        TreeSet<BigDecimal> xs = new TreeSet<>(List.of(BigDecimal.ZERO, xMax));
        c.steps().stream()
                .map(CostCurve.Step::from)
                .filter(f -> f.signum() > 0 && f.compareTo(xMax) < 0)
                .forEach(xs::add);
        return List.copyOf(xs);
    }

    private static int px(BigDecimal x, BigDecimal xMax) {
        return PLOT_X
                + x.multiply(BigDecimal.valueOf(PLOT_W))
                        .divide(xMax, 0, RoundingMode.HALF_UP)
                        .intValue();
    }

    private static int py(BigDecimal y, BigDecimal yMax) {
        return PLOT_Y
                + PLOT_H
                - y.multiply(BigDecimal.valueOf(PLOT_H))
                        .divide(yMax, 0, RoundingMode.HALF_UP)
                        .intValue();
    }

    /** The smallest of 1, 2, 2.5 and 5 times a power of ten that is at least {@code v} (1 for nothing). */
    static BigDecimal niceStep(BigDecimal v) {
        if (v.signum() <= 0) {
            return BigDecimal.ONE;
        }
        BigDecimal power = BigDecimal.ONE.scaleByPowerOfTen(v.precision() - v.scale() - 1);
        for (String m : List.of("1", "2", "2.5", "5", "10")) {
            BigDecimal candidate = power.multiply(new BigDecimal(m));
            if (candidate.compareTo(v) >= 0) {
                return candidate.stripTrailingZeros();
            }
        }
        return power.multiply(BigDecimal.TEN);
    }

    /** A volume or amount for an axis or label: grouped thousands, millions as {@code M}, at most two decimals. */
    static String volume(BigDecimal v) {
        BigDecimal million = BigDecimal.valueOf(1_000_000);
        if (v.abs().compareTo(million) >= 0) {
            return grouped(v.divide(million, 2, RoundingMode.HALF_UP)) + "M";
        }
        return grouped(v.setScale(2, RoundingMode.HALF_UP));
    }

    private static String grouped(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        if (s.scale() <= 0) {
            return String.format(Locale.ROOT, "%,d", s.toBigInteger());
        }
        return String.format(Locale.ROOT, "%,." + s.scale() + "f", s);
    }
}
