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
        List<String> charts = charts(html);
        assertThat(charts)
                .as("the ways-out chart, and the front door's when the plan has one")
                .isNotEmpty();
        for (String chart : charts) {
            assertThat(SvgBoxes.assertNoOverlaps(chart))
                    .as("the chart's labels")
                    .isNotEmpty();
        }
    }

    /** The cost charts of a page, each an {@code <svg class="chart">} element. */
    static List<String> charts(String html) {
        List<String> out = new ArrayList<>();
        int at = html.indexOf("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\"");
        while (at >= 0) {
            int end = html.indexOf("</svg>", at) + "</svg>".length();
            out.add(html.substring(at, end));
            at = html.indexOf("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\"", end);
        }
        return out;
    }

    /**
     * Each option is a curve, the plan's drawn thick; each break-even the cost JSON gives is a dot on the chart, with
     * its label beside it, and the front door's crossings likewise.
     */
    @Test
    void report_charts_drawEveryOption_andMarkEveryBreakEven() {
        String html = report("-f", "examples/staging-lambda-alb/stackwright.yml");
        List<String> charts = charts(html);
        assertThat(charts).hasSize(2);
        String nat = charts.get(0);
        assertThat(nat.split("<polyline ", -1).length - 1)
                .as("one curve per way out")
                .isEqualTo(6);
        assertThat(nat.split("class=\"chart-plan\"", -1).length - 1)
                .as("the plan's curve, thick")
                .isEqualTo(1);
        assertThat(nat)
                .contains(
                        "<title>nat: gateway (one): cheaper below 3,650 GB/month through NAT</title>",
                        "the plan's traffic: 10 GB/month through NAT",
                        "nat: regional-gateway (the plan)");
        String door = charts.get(1);
        assertThat(door.split("<polyline ", -1).length - 1).isEqualTo(3);
        assertThat(door)
                .contains(
                        "ALB and API Gateway HTTP API cost the same at 28.79M requests/month",
                        "ALB and API Gateway REST API cost the same at 7.14M requests/month",
                        "Application Load Balancer (the plan)");
        assertThat(door.split("<circle class=\"chart-break-even\"", -1).length - 1)
                .as("a dot on the curve and one beside its label, per break-even")
                .isEqualTo(4);
    }

    /** {@code --policy} as check reads it: a flow the file does not allow is a finding, in the table and the picture. */
    @Test
    void report_andDiagram_withAPolicy_showWhatCheckWithThatPolicyFinds() throws IOException {
        String spec = "examples/prod-nat-instances/stackwright.yml";
        Path policy = dir.resolve("policy.yml");
        Files.writeString(policy, """
                allow:
                  - {from: role:front-door, to: role:app, ports: [service]}
                """);
        CliTest.Run check = run("check", "-f", spec, "--policy", policy.toString());
        assertThat(check.code()).as("check with the policy fails").isEqualTo(Main.INPUT_PROBLEM);
        assertThat(check.out()).contains("internet-ingress");

        String builtIn = report("-f", spec);
        assertThat(builtIn).contains("Check passed").doesNotContain("internet-ingress");
        String withPolicy = report("-f", spec, "--policy", policy.toString());
        assertThat(withPolicy)
                .contains(
                        "Check failed",
                        "(policy " + policy + ")",
                        "<td>internet-ingress</td><td class=\"error\">policy");

        CliTest.Run plain = run("diagram", "-f", spec);
        CliTest.Run red = run("diagram", "-f", spec, "--policy", policy.toString());
        assertThat(plain.out()).doesNotContain("class=\"flow-warning\"", "chip chip-warning");
        assertThat(red.code()).as(red.err()).isZero();
        assertThat(red.out()).contains("class=\"flow-warning\"", "chip chip-warning");
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

    /** The deployed stacks are a spec's: with a template, AWS options are refused before any call is made. */
    @Test
    void report_withAwsOptions_ofATemplate_exitsOneWithTheFix() {
        CliTest.Run r = run("report", "--template", DiagramTest.TWO_VPCS, "--endpoint-url", "http://127.0.0.1:9");
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err()).contains("is not one", "with -f");
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
