package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WhyHintsTest {
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
