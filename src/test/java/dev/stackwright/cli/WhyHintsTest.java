package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class WhyHintsTest {
    /** The rule as a pattern: a why command runs from its opening backtick to the next one, where the input goes. */
    private static final Pattern WHY = Pattern.compile("(`stackwright why [^`]*)`");

    @Provide
    Arbitrary<String> fixes() {
        // Pieces that make and break why commands: unclosed ones, backticks inside, two in a row, dollar signs.
        return Arbitraries.of(
                        "`stackwright why ", "`", "a b 22", " ", "$1", "\\", "`stackwright whyx", "stackwright why ")
                .list()
                .ofMaxSize(8)
                .map(parts -> String.join("", parts));
    }

    @Property
    void addsTheInputWhereThePatternWould(@ForAll("fixes") String fix, @ForAll("arguments") String arguments) {
        String expected = arguments.isEmpty()
                ? fix
                : WHY.matcher(fix).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + arguments + "`"));
        assertThat(WhyHints.withInput(fix, arguments)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> arguments() {
        return Arbitraries.of("", " --snapshot snap/", " -f '$HOME'\\''s.yml'", " `x`");
    }

    @Test
    void everyWhyCommand_getsTheInput_andNothingElseChanges() {
        String fix = "close it in security group web; `stackwright why internet web-1 22` shows the path, "
                + "and `stackwright why web-1 db-1 5432` another";
        assertThat(WhyHints.withInput(fix, " --snapshot snap/"))
                .isEqualTo(
                        "close it in security group web; "
                                + "`stackwright why internet web-1 22 --snapshot snap/` shows the path, and `stackwright why web-1 db-1 5432 --snapshot snap/` another");
        assertThat(WhyHints.withInput(fix, "")).isSameAs(fix);
        assertThat(WhyHints.withInput("use nat: instance", " -f x.yml")).isEqualTo("use nat: instance");
    }

    @Test
    void pathsWithSpacesOrDollars_areQuoted_soTheHintStillRuns() {
        assertThat(WhyHints.option("-f", "examples/prod/stackwright.yml"))
                .isEqualTo(" -f examples/prod/stackwright.yml");
        assertThat(WhyHints.option("--snapshot", "my account/")).isEqualTo(" --snapshot 'my account/'");
        assertThat(WhyHints.withInput("`stackwright why a b 1`", WhyHints.option("-f", "$HOME's.yml")))
                .isEqualTo("`stackwright why a b 1 -f '$HOME'\\''s.yml'`");
    }
}
