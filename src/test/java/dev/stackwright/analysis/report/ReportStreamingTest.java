package dev.stackwright.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.stackwright.analysis.Analysis;
import dev.stackwright.analysis.CheckReport;
import dev.stackwright.analysis.policy.Policy;
import dev.stackwright.bench.SyntheticAccount;
import dev.stackwright.cfn.TemplateWriter;
import dev.stackwright.diag.SourceLocation;
import dev.stackwright.model.Network;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The reports of a large account are written as they are made (the text runs to 30 MB at 10,000 interfaces, the JSON
 * to over 500 MB): the pieces handed to the output must add up to exactly the report made whole, and none may be the
 * whole of a large report.
 */
class ReportStreamingTest {
    private static final List<CheckReport> REPORTS = SyntheticAccount.account(2, 400, 800, 7).stream()
            .map(ReportStreamingTest::check)
            .toList();

    private static CheckReport check(Network n) {
        return Analysis.check(n, Optional.empty(), OptionalInt.empty(), Policy.defaults());
    }

    /** Keeps every piece it is handed, as text. */
    private static final class Pieces implements Appendable {
        final List<String> pieces = new ArrayList<>();

        @Override
        public Appendable append(CharSequence csq) {
            pieces.add(csq.toString());
            return this;
        }

        @Override
        public Appendable append(CharSequence csq, int start, int end) {
            return append(csq.subSequence(start, end));
        }

        @Override
        public Appendable append(char c) {
            return append(String.valueOf(c));
        }
    }

    @Test
    void anAccountWrittenInPieces_isTheSameTextAsTheWholeReport() {
        String whole = CheckText.render("acct", REPORTS, List.of());
        Pieces out = new Pieces();

        CheckText.render("acct", REPORTS, List.of(), out);

        assertThat(String.join("", out.pieces)).isEqualTo(whole);
        assertThat(whole).hasSizeGreaterThan(4 << 16);
        assertThat(out.pieces).hasSizeGreaterThan(2);
        assertThat(out.pieces).allSatisfy(p -> assertThat(p.length()).isLessThan(whole.length() / 2));
        assertThat(whole).endsWith("Check failed: 2 of 2 VPCs failed.\n");
    }

    @Test
    void oneNetworkWrittenInPieces_isTheSameTextAsItsReport() {
        Pieces out = new Pieces();

        CheckText.render(REPORTS.getFirst(), out);

        assertThat(String.join("", out.pieces)).isEqualTo(CheckText.render(REPORTS.getFirst()));
        assertThat(out.pieces).hasSizeGreaterThan(1);
    }

    @Test
    void streamedJson_isTheJsonOfTheWholeTreeByteForByte() {
        StringWriter streamed = new StringWriter();
        JsonGenerator g = TemplateWriter.jsonGenerator(streamed);

        CheckJson.write("acct", REPORTS, List.of(), g);

        String whole = TemplateWriter.write(CheckJson.render("acct", REPORTS, List.of()), TemplateWriter.Format.JSON);
        assertThat(streamed + "\n").isEqualTo(whole);
        assertThat(whole).contains("\"flows\": [").contains("\"violations\": [");
    }

    @Test
    void streamedSarif_isTheSarifOfTheWholeTreeByteForByte() {
        StringWriter streamed = new StringWriter();
        SourceLocation fallback = SourceLocation.ofFile("acct");

        CheckSarif.write(
                REPORTS, List.of(), name -> Optional.empty(), fallback, f -> f, TemplateWriter.jsonGenerator(streamed));

        String whole = TemplateWriter.write(
                CheckSarif.render(REPORTS, List.of(), name -> Optional.empty(), fallback, f -> f),
                TemplateWriter.Format.JSON);
        assertThat(streamed + "\n").isEqualTo(whole);
        assertThat(whole).contains("\"ruleId\": \"policy/guarded\"", "\"columnKind\": \"unicodeCodePoints\"");
    }

    @Test
    void streamedJson_leavesTheOutputOpenForWhatFollows() throws IOException {
        StringWriter out = new StringWriter() {
            @Override
            public void close() {
                throw new AssertionError("the command's output must stay open");
            }
        };
        JsonGenerator g = TemplateWriter.jsonGenerator(out);

        CheckJson.write(REPORTS.getFirst(), g);
        g.close();
        out.write("\n");

        assertThat(out.toString()).startsWith("{\n  \"stackName\": ").endsWith("}\n");
    }

    @Test
    void anOutputThatFails_isReportedNotSwallowed() {
        Appendable full = new Appendable() {
            @Override
            public Appendable append(CharSequence csq) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public Appendable append(CharSequence csq, int start, int end) throws IOException {
                return append(csq);
            }

            @Override
            public Appendable append(char c) throws IOException {
                return append(String.valueOf(c));
            }
        };

        assertThatThrownBy(() -> CheckText.render(REPORTS.getFirst(), full))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("No space left on device");
    }
}
