package dev.stackwright.diag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    @Test
    void typos_getTheClosestCandidate() {
        assertThat(Suggestions.closest("front-dor", List.of("front-door", "app", "database")))
                .hasValue("front-door");
        assertThat(Suggestions.closest("alow", List.of("allow", "guarded"))).hasValue("allow");
        // A swap of two letters is one edit.
        assertThat(Suggestions.closest("pbulic", List.of("public", "app", "data")))
                .hasValue("public");
    }

    @Test
    void aCandidateThatKeepsNothingOfTheInput_isNoSuggestion() {
        assertThat(Suggestions.closest("db", List.of("s3", "data", "database"))).isEmpty();
        assertThat(Suggestions.closest("x", List.of("a", "b"))).isEmpty();
    }

    @Test
    void shortInputs_stillGetOneLetterTypos() {
        assertThat(Suggestions.closest("ap", List.of("app", "data"))).hasValue("app");
        assertThat(Suggestions.closest("s4", List.of("s3", "logs"))).hasValue("s3");
    }
}
