package dev.stackwright.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Stackwright;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worked examples in README.md and docs/cost.md quote the tool's own figures: each is run from the spec the page
 * shows, so a change in prices or in what is counted cannot leave the page telling another story.
 */
class DocumentedFiguresTest {

    @Test
    void readmeWorkedExample_isWhatCostPrints() throws IOException {
        String section = section(Files.readString(Path.of("README.md")), "### Choosing by traffic");
        String spec = block(section, "```yaml");
        String output = costText(spec);
        String afterSpec = section.substring(section.indexOf(spec) + spec.length() + 3);
        List<String> excerpt =
                block(afterSpec, "```").lines().filter(l -> !l.isBlank()).toList();
        assertThat(excerpt).hasSizeGreaterThan(8);
        for (String line : excerpt) {
            // "..." marks where the README shortens a line: the part before it must be printed as it is.
            String quoted = line.contains("...") ? line.substring(0, line.indexOf("...")) : line;
            assertThat(output).as("README line: " + line).contains(quoted.stripTrailing());
        }
    }

    @Test
    void costMdWorkedExample_quotesTheFiguresCostPrints() throws IOException {
        String section =
                section(Files.readString(Path.of("docs/cost.md")), "## Worked example: choosing a NAT mode by traffic");
        String output = costText(block(section, "```yaml"));
        // Each figure the page's prose gives, as the report prints it.
        List<String[]> figures = List.of(
                new String[] {"$227.71 a month", "$227.71 a month"},
                new String[] {"the network is $194.83", "nat: gateway-per-az (plan)           $194.83"},
                new String[] {"$109.93 a month less", "$109.93 a month less"},
                new String[] {"saves $66.33", "-$66.33"},
                new String[] {"**5,475 GB**", "cheaper below 5,475 GB/month"},
                new String[] {
                    "above 208.57 GB a month per", "above 208.57 GB/month per zone (625.71 GB/month in 3 zones)"
                },
                new String[] {"$68.10 a month more", "+$68.10"},
                new String[] {"flow logs ($7.50 + $1.33)", "15 GB x $0.50 = $7.50"});
        for (String[] f : figures) {
            assertThat(section).as("docs/cost.md says " + f[0]).contains(f[0]);
            assertThat(output).as("cost prints " + f[1]).contains(f[1]);
        }
    }

    @Test
    void costMdRegionsSection_quotesWhatTheExamplesCost() throws IOException {
        String section = section(Files.readString(Path.of("docs/cost.md")), "### Regions shipped");
        // Example, what the page says, and the head line cost prints for it with the built-in books.
        List<String[]> examples = List.of(
                new String[] {
                    "staging-gateway-bastion", "prices at $84.55 a month plus 4 unpriced", "$84.55 a month + 4 unpriced"
                },
                new String[] {"dev-isolated", "at $29.59 plus 2", "$29.59 a month + 2 unpriced"},
                new String[] {"prod-ecs-api-gateway", "$157.52 plus 1", "$157.52 a month + 1 unpriced"});
        for (String[] x : examples) {
            Stackwright.Result plan = Stackwright.plan(Path.of("examples", x[0], "stackwright.yml"));
            String head = CostText.render(
                            PlannedCosts.estimate(plan, PriceBooks.forSpec(plan.spec(), java.util.Optional.empty())))
                    .lines()
                    .findFirst()
                    .orElseThrow();
            assertThat(section).as("docs/cost.md on " + x[0]).contains(x[1]);
            assertThat(head).as("cost of " + x[0]).contains(x[2]);
        }
    }

    private static String costText(String yaml) {
        return CostText.render(PlannedCosts.estimate(Stackwright.plan("stackwright.yml", yaml), PriceBookTest.BOOK));
    }

    private static String section(String page, String heading) {
        int start = page.indexOf(heading);
        assertThat(start).as("heading " + heading).isNotNegative();
        int next = page.indexOf("\n#", start + heading.length());
        return next < 0 ? page.substring(start) : page.substring(start, next);
    }

    /** The text of the first fenced block that opens with {@code fence}. */
    private static String block(String text, String fence) {
        int open = text.indexOf(fence);
        assertThat(open).as(fence + " block").isNotNegative();
        int from = text.indexOf('\n', open) + 1;
        return text.substring(from, text.indexOf("```", from));
    }
}
