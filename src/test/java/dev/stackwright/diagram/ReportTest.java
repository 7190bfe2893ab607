package dev.stackwright.diagram;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.Golden;
import dev.stackwright.Stackwright;
import dev.stackwright.cli.CliTest;
import dev.stackwright.cli.Main;
import dev.stackwright.model.Subnet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code stackwright report}: golden pages of the examples, self-contained, every subnet shown, every link resolving. */
class ReportTest {
    @TempDir
    Path dir;

    static Stream<String> examples() throws IOException {
        return DiagramTest.examples();
    }

    static String report(String... args) {
        List<String> all = new ArrayList<>(List.of("report"));
        all.addAll(List.of(args));
        CliTest.Run r = run(all.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        return r.out();
    }

    /** The ids the page's {@code href="#..."} links point to that no element carries. */
    static Set<String> danglingLinks(String html) {
        Set<String> ids = new TreeSet<>();
        Matcher id = Pattern.compile(" id=\"([^\"]+)\"").matcher(html);
        while (id.find()) {
            ids.add(id.group(1));
        }
        Set<String> dangling = new TreeSet<>();
        Matcher href = Pattern.compile(" href=\"#([^\"]+)\"").matcher(html);
        while (href.find()) {
            if (!ids.contains(href.group(1))) {
                dangling.add(href.group(1));
            }
        }
        return dangling;
    }

    /** Links the page has to anything but its own anchors: a report must open offline. */
    static List<String> outsideReferences(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?:src|href)=\"(?!#)([^\"]*)\"|url\\((?!#)([^)]*)\\)|@import")
                .matcher(html);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("examples")
    void report_example_matchesGolden_showsEverySubnet_andEveryLinkResolves(String example) throws IOException {
        String spec = "examples/" + example + "/stackwright.yml";
        String html = report("-f", spec);
        Golden.assertMatches(example + "/report.html", html);
        assertThat(report("-f", spec)).as("same input, same bytes").isEqualTo(html);
        for (Subnet s : Stackwright.plan(Path.of(spec)).network().subnets()) {
            assertThat(html).contains("<td>" + s.cidr() + "</td>");
        }
        assertThat(html)
                .contains("-matrix\">Reachability matrix", "class=\"why\" id=\"v1-why-", "Monthly cost", "<svg ");
        assertThat(danglingLinks(html)).isEmpty();
        assertThat(html.split("href=\"#v1-why-", -1).length - 1)
                .as("matrix cells that link to their paths")
                .isPositive();
        assertThat(outsideReferences(html)).isEmpty();
        assertThat(html).doesNotContain("<script", "<link ", "<img");
        SvgBoxes.parse(html.substring(html.indexOf("<svg "), html.indexOf("</svg>") + "</svg>".length()));
    }

    /** A line with no confirmed price says so, as {@code cost} does: never a $0 that would read as free. */
    @Test
    void report_unpricedLines_sayUnpriced_notZeroDollars() {
        String html = report("-f", "examples/staging-gateway-bastion/stackwright.yml");
        assertThat(html)
                .contains(
                        "<td>bastion t4g.nano</td><td class=\"num\">unpriced</td>",
                        "plus 4 unpriced line(s), left out of the total, not $0");
        assertThat(html).doesNotContain("<td>bastion t4g.nano</td><td class=\"num\">$0.00</td>");
    }

    /** Every cell's path ends with a {@code why} command; each of them, run as written, says the flow is reachable. */
    @Test
    void report_whyCommands_runAsWritten_andAgreeWithTheMatrix() {
        for (String args :
                List.of("-f examples/prod-nat-instances/stackwright.yml", "--template " + DiagramTest.TWO_VPCS)) {
            String html = report(args.split(" "));
            Matcher m = Pattern.compile("stackwright why ([^<]+)</li>").matcher(html);
            int commands = 0;
            while (m.find()) {
                commands++;
                CliTest.Run why = run(("why " + m.group(1)).split(" "));
                assertThat(why.code()).as(m.group(1) + ": " + why.err()).isZero();
                assertThat(why.out()).as(m.group(1)).contains("Reachable.").doesNotContain("Blocked.");
            }
            assertThat(commands).as("why commands in the report of " + args).isPositive();
        }
    }

    @Test
    void report_ofATemplateAndASnapshot_hasNoCost_butEverythingElse() {
        for (String[] input : List.of(
                new String[] {"--template", DiagramTest.TWO_VPCS}, new String[] {"--snapshot", DiagramTest.SNAPSHOT})) {
            String html = report(input);
            assertThat(html)
                    .contains("Reachability matrix", "Security groups", "Route tables")
                    .doesNotContain("Monthly cost");
            assertThat(danglingLinks(html)).isEmpty();
            assertThat(outsideReferences(html)).isEmpty();
        }
    }

    @Test
    void report_output_keepsAFileStackwrightDidNotWrite() throws IOException {
        Path mine = dir.resolve("report.html");
        Files.writeString(mine, "<html>notes</html>\n");
        CliTest.Run refused = run("report", "-f", "examples/dev-isolated/stackwright.yml", "-o", mine.toString());
        assertThat(refused.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(refused.err()).contains("exists and was not written by Stackwright");
        assertThat(Files.readString(mine)).isEqualTo("<html>notes</html>\n");
        CliTest.Run forced =
                run("report", "-f", "examples/dev-isolated/stackwright.yml", "-o", mine.toString(), "--force");
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(Files.readString(mine)).startsWith("<!DOCTYPE html>\n<!-- " + Diagram.GENERATED);
    }
}
