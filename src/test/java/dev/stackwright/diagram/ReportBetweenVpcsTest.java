package dev.stackwright.diagram;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.SnapshotFolders;
import dev.stackwright.cli.CliTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report page of an input with several VPCs shows what {@code check} shows between them (the links, the flows from
 * one VPC into another, those it cannot tell about, the policy's verdict on them), and its headline counts a violation
 * between VPCs as check's exit code does. Before, the page had no such part and said "Check passed" where check failed.
 * The diagram draws those flows too, to and from a box of the other VPCs under each VPC; before, it drew none.
 */
class ReportBetweenVpcsTest {
    @TempDir
    Path dir;

    /** Two peered VPCs, each of which passes on its own; a rule of ledger's api admits shop's web group. */
    private static final Path PEERED = Path.of("src/test/resources/import/snapshot/peered-groups");

    @Test
    void aViolationBetweenVpcs_failsThePage_asItFailsCheck() {
        CliTest.Run check = run("check", "--snapshot", PEERED.toString());
        assertThat(check.code()).as(check.out()).isEqualTo(1);
        assertThat(check.out())
                .contains("Policy between VPCs (built-in): 1 violation")
                .doesNotContain("Policy (built-in): 1");

        CliTest.Run report = run("report", "--snapshot", PEERED.toString());

        assertThat(report.code()).as(report.err()).isZero();
        String html = report.out();
        assertThat(html)
                .contains("<p class=\"verdict failed\">Check failed for 2 VPCs (built-in policy), 1 policy violation"
                        + " between VPCs.</p>")
                .contains("<li><a href=\"#between\">Between VPCs</a></li>")
                .contains("<tr><td>peering pcx-1</td><td>shop, ledger</td></tr>")
                .contains("<tr><td>shop web -&gt; ledger ledger-api (1 pair)</td><td>tcp</td><td>443</td>"
                        + "<td>peering pcx-1</td>")
                .contains("<h3 id=\"between-policy\">Policy between VPCs (built-in)</h3>")
                .contains(
                        "<td>guarded</td><td class=\"error\">policy</td><td>api</td><td>api in VPC ledger is reachable from"
                                + " web-web#subnet-a in VPC shop on tcp 443 over peering pcx-1");
        everyLinkLeadsSomewhere(html);
    }

    /** Each row's command is one a reader can paste, and it answers as the row says. */
    @Test
    void theCheckWithCommandOfARow_answersAsTheRowSays() {
        String html = run("report", "--snapshot", PEERED.toString()).out();
        Matcher code =
                Pattern.compile("<td><code>stackwright (why [^<]+)</code></td>").matcher(html);
        assertThat(code.find()).as("a row with its command").isTrue();

        CliTest.Run why = run(words(code.group(1).replace("&#39;", "'")).toArray(String[]::new));

        assertThat(why.code()).as(why.out() + why.err()).isZero();
        assertThat(why.out()).endsWith("Reachable.\n");
    }

    @Test
    void withoutTheRouteTables_thePageListsTheFlowsAsCannotTell_asCheckDoes() throws IOException {
        Path snap = SnapshotFolders.copiedWithout(PEERED, dir.resolve("no-routes"), "route-tables.json");

        String html = run("report", "--snapshot", snap.toString()).out();

        assertThat(html)
                .contains("<p class=\"verdict ok\">Check passed for 2 VPCs (built-in policy).</p>")
                .contains("<tr><td>unknown links (no describe-route-tables output)</td><td>shop, ledger</td></tr>")
                .contains("<h3 id=\"between-flows\">Flows from one VPC into another</h3>\n<p>Nothing.</p>")
                .contains("<h3 id=\"between-untold\">Cannot tell between VPCs")
                .contains("<td>the route tables (no describe-route-tables output)</td>");
    }

    /** A page of one VPC keeps what crosses into it or out of it, and its verdict. */
    @Test
    void aPageOfOneVpc_keepsTheFlowsThatTouchIt() {
        String shop =
                run("report", "--snapshot", PEERED.toString(), "--vpc", "shop").out();

        assertThat(shop)
                .contains("Check failed for 1 VPC (built-in policy), 1 policy violation between VPCs.")
                .contains("shop web -&gt; ledger ledger-api (1 pair)");
        everyLinkLeadsSomewhere(shop);
    }

    @Test
    void anInputWithOneVpc_hasNoSuchPart() {
        String html = run("report", "--snapshot", "src/test/resources/import/snapshot/good")
                .out();

        assertThat(html).doesNotContain("id=\"between\"").doesNotContain("#between");
    }

    /** The words of a command as a shell splits it: single quotes keep what is between them. */
    private static List<String> words(String command) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    out.add(word.toString());
                }
                word.setLength(0);
                any = false;
            } else {
                word.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(word.toString());
        }
        return out;
    }

    private static void everyLinkLeadsSomewhere(String html) {
        Matcher href = Pattern.compile(" href=\"#([^\"]+)\"").matcher(html);
        while (href.find()) {
            assertThat(html).contains(" id=\"" + href.group(1) + "\"");
        }
    }

    /** Each VPC gets an arrow out to the other VPCs and one in, red where the flow breaks the policy, as check says. */
    @Test
    void theDiagram_drawsTheFlowsBetweenVpcs_redWhereTheyBreakThePolicy() {
        CliTest.Run diagram = run("diagram", "--snapshot", PEERED.toString());

        assertThat(diagram.code()).as(diagram.err()).isZero();
        String svg = diagram.out();
        assertThat(svg)
                .contains("<title>The other VPCs of the input, over peering pcx-1</title>")
                .contains("<title>data -&gt; other VPCs: tcp 443 (breaks the policy: a finding)."
                        + " web-web#subnet-a -&gt; api (ledger) over peering pcx-1</title>")
                .contains("<title>other VPCs -&gt; data: tcp 443 (breaks the policy: a finding)."
                        + " web-web#subnet-a (shop) -&gt; api over peering pcx-1</title>")
                .contains("Flows proved by the analysis: data to other VPCs tcp 443 (breaks the policy: a finding).");
        assertThat(Pattern.compile("class=\"flow-warning\"")
                        .matcher(svg)
                        .results()
                        .count())
                .isEqualTo(2);
        // The same picture is the report page's.
        assertThat(run("report", "--snapshot", PEERED.toString()).out())
                .contains("<title>data -&gt; other VPCs: tcp 443 (breaks the policy: a finding).");
    }

    /** A flow the analysis cannot tell is drawn as such (dashed, amber), never as proved. */
    @Test
    void theDiagram_drawsAFlowBetweenVpcsItCannotTell_asCannotTell() throws IOException {
        Path snap = SnapshotFolders.copiedWithout(PEERED, dir.resolve("no-routes"), "route-tables.json");

        String svg = run("diagram", "--snapshot", snap.toString()).out();

        assertThat(svg)
                .contains("<title>data -&gt; other VPCs: tcp 443 (cannot tell: the route tables (no"
                        + " describe-route-tables output) not modelled).")
                .contains("class=\"flow-untold\"")
                .doesNotContain("class=\"flow-warning\"")
                .contains("Flows the analysis cannot tell: data to other VPCs tcp 443");
    }

    @Test
    void theDiagramOfOneVpc_hasNoBoxOfOtherVpcs() {
        String svg = run("diagram", "--snapshot", "src/test/resources/import/snapshot/good")
                .out();

        assertThat(svg).doesNotContain("Other VPCs").doesNotContain("other VPCs");
    }
}
