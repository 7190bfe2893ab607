package dev.stackwright.diagram;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.SnapshotFolders;
import dev.stackwright.cli.CliTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report of an imported input shows what reading it found, as {@code check} prints it first, and its verdict
 * counts an import error as check's exit code does: a reviewer who reads only the page must not see "Check passed"
 * where {@code check} fails.
 */
class ReportImportFindingsTest {
    @TempDir
    Path dir;

    private static final Path GOOD = Path.of("src/test/resources/import/snapshot/good");

    /** A copy of the shipped snapshot without {@code left} ("": nothing left out), with a file {@code extraName} ("": none). */
    private Path snapshot(String left, String extraName, String extraText) throws IOException {
        Path copy = left.isEmpty()
                ? SnapshotFolders.copiedWithout(GOOD, dir.resolve("snapshot"))
                : SnapshotFolders.copiedWithout(GOOD, dir.resolve("snapshot"), left);
        if (!extraName.isEmpty()) {
            Files.writeString(copy.resolve(extraName), extraText);
        }
        return copy;
    }

    @Test
    void aWarningOfTheImport_isOnThePage_andTheVerdictIsCheck() throws IOException {
        Path snap = snapshot("groups.json", "", "");
        CliTest.Run check = run("check", "--snapshot", snap.toString());
        CliTest.Run report = run("report", "--snapshot", snap.toString());
        assertThat(report.code()).as(report.err()).isZero();
        String html = report.out();
        assertThat(html)
                .contains("<li><a href=\"#import-findings\">Import findings</a></li>")
                // The shipped snapshot's own two warnings, and the missing file's.
                .contains("<section id=\"import-findings\">\n<h2>Import findings (3)</h2>")
                .contains("warning: the snapshot has no describe-security-groups output")
                .contains("extra.json:2:12: warning: Vpc: is not a describe-* output this reader knows")
                .contains("aws ec2 describe-security-groups --output json &gt; ");
        // A warning fails neither: the page says what check's exit code says.
        assertThat(check.code()).isZero();
        assertThat(html).contains("<p class=\"verdict ok\">Check passed for 1 VPC");
        everyLinkLeadsSomewhere(html);
    }

    @Test
    void anErrorOfTheImport_failsThePage_asItFailsCheck() throws IOException {
        Path snap = snapshot("", "notes.json", "[\"not a describe output\"]");
        CliTest.Run check = run("check", "--snapshot", snap.toString());
        assertThat(check.code()).as("check fails on an import error").isEqualTo(1);
        assertThat(check.out()).contains("is not the output of an `aws ... describe-*` command");

        String html = run("report", "--snapshot", snap.toString()).out();
        assertThat(html)
                .contains("<p class=\"verdict failed\">Check failed for 1 VPC")
                .containsPattern("<h2>Import findings \\(\\d+, 1 error\\)</h2>")
                .contains("<li class=\"error\"><code>")
                .contains("is not the output of an `aws ... describe-*` command");
        everyLinkLeadsSomewhere(html);
    }

    @Test
    void anInputWithoutFindings_hasNoSuchSection() {
        String html = run("report", "-f", "examples/prod-nat-instances/stackwright.yml")
                .out();
        assertThat(html).contains("<p class=\"verdict ok\">Check passed");
        assertThat(html).doesNotContain("import-findings").doesNotContain("Import findings");
    }

    private static void everyLinkLeadsSomewhere(String html) {
        Matcher href = Pattern.compile(" href=\"#([^\"]+)\"").matcher(html);
        while (href.find()) {
            assertThat(html).contains(" id=\"" + href.group(1) + "\"");
        }
    }
}
