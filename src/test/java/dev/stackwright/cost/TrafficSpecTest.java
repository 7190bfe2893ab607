package dev.stackwright.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.Stackwright;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.spec.SchemaCheck;
import dev.stackwright.spec.TrafficSpec;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The traffic: section: figures bound exactly, defaults marked assumed, bad figures reported where they stand. */
class TrafficSpecTest {

    private static List<String> problems(String yaml) {
        InputException e = catchThrowableOfType(InputException.class, () -> Stackwright.plan("stackwright.yml", yaml));
        assertThat(e).as("expected the spec to be rejected").isNotNull();
        return e.diagnostics().stream().map(Diagnostic::format).toList();
    }

    @Test
    void givenFigures_areBoundExactly_andOnlyTheOthersAreAssumed() {
        TrafficSpec t = Stackwright.plan("stackwright.yml", """
                name: shop
                traffic:
                  requestsPerMonth: 5000000
                  avgResponseKb: 12.5
                  natGbPerMonth:
                    internet: 0.25
                """).spec().traffic();
        assertThat(t.requestsPerMonth()).isEqualByComparingTo("5000000");
        assertThat(t.avgResponseKb()).isEqualByComparingTo("12.5");
        assertThat(t.natGbPerMonth().internet()).isEqualByComparingTo("0.25");
        // Not given: what is served, 5,000,000 x 12.5 KB = 62.5 GB
        assertThat(t.egressGbPerMonth()).isEqualByComparingTo("62.5");
        assertThat(t.avgDurationMs()).as("Lambda run time, when not given").isEqualByComparingTo("100");
        // Not given either: the app reads each response from its database once, the same 62.5 GB
        assertThat(t.databaseGbPerMonth()).isEqualByComparingTo("62.5");
        assertThat(t.avgRequestKb()).isEqualByComparingTo("2");
        assertThat(t.databaseChangePercentPerDay()).isEqualByComparingTo("2");
        assertThat(t.assumed())
                .containsExactly(
                        "activeConnections",
                        "appLogGbPerMonth",
                        "avgDurationMs",
                        "avgRequestKb",
                        "databaseChangePercentPerDay",
                        "databaseGbPerMonth",
                        "egressGbPerMonth",
                        "ipv6Share",
                        "logGbPerMonth",
                        "natGbPerMonth.dynamodb",
                        "natGbPerMonth.otherAws",
                        "natGbPerMonth.s3",
                        "newConnectionsPerSecond");
    }

    @Test
    void theRequestSizeAndTheDatabaseFigures_areBoundWhenGiven() {
        TrafficSpec t = Stackwright.plan("stackwright.yml", """
                name: shop
                traffic: {avgRequestKb: 4.5, databaseGbPerMonth: 300, databaseChangePercentPerDay: 0}
                """).spec().traffic();
        assertThat(t.avgRequestKb()).isEqualByComparingTo("4.5");
        assertThat(t.databaseGbPerMonth()).isEqualByComparingTo("300");
        assertThat(t.databaseChangePercentPerDay()).isZero();
        assertThat(t.assumed()).doesNotContain("avgRequestKb", "databaseGbPerMonth", "databaseChangePercentPerDay");
        assertThat(problems("name: shop\ntraffic:\n  databaseChangePercentPerDay: -1\n"))
                .containsExactly(
                        "stackwright.yml:3:32: traffic.databaseChangePercentPerDay: must not be negative (got `-1`). "
                                + "Fix: use 0 or a positive figure, e.g. `databaseChangePercentPerDay: 5`.");
    }

    @Test
    void anotherNatVolume_keepsEveryOtherFigure() {
        TrafficSpec t = Stackwright.plan(
                        "stackwright.yml",
                        "name: shop\ntraffic: {avgRequestKb: 7, databaseGbPerMonth: 90, databaseChangePercentPerDay: 4}\n")
                .spec()
                .traffic();
        TrafficSpec.NatBound more =
                new TrafficSpec.NatBound(BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("500"), new BigDecimal("500"));
        TrafficSpec changed = t.withNatGbPerMonth(more);
        assertThat(changed.natGbPerMonth()).isEqualTo(more);
        assertThat(changed)
                .usingRecursiveComparison()
                .ignoringFields("natGbPerMonth")
                .isEqualTo(t);
    }

    @Test
    void noTrafficSection_isTheDevDefaults_allAssumed() {
        TrafficSpec t =
                Stackwright.plan("stackwright.yml", "name: shop\n").spec().traffic();
        assertThat(t).isEqualTo(TrafficSpec.DEV_DEFAULTS);
        assertThat(t.assumed()).hasSize(TrafficSpec.KEYS.size());
    }

    @Test
    void schemaDefaults_matchTheDefaultsTheLoaderApplies() {
        JsonNode props =
                SchemaCheck.schemaTree().path("properties").path("traffic").path("properties");
        for (String key : TrafficSpec.KEYS) {
            JsonNode node = key.contains(".")
                    ? props.path("natGbPerMonth").path("properties").path(key.substring(key.indexOf('.') + 1))
                    : props.path(key);
            assertThat(node.path("type").asText()).as(key).isEqualTo("number");
            if (node.has("default")) {
                assertThat(node.path("default").decimalValue())
                        .as(key)
                        .isEqualByComparingTo(TrafficSpec.DEV_DEFAULTS.value(key));
            } else {
                assertThat(key).isIn("egressGbPerMonth", "databaseGbPerMonth"); // derived from requests x response size
            }
        }
    }

    @Test
    void negativeFigure_isLocated_withAFix() {
        assertThat(problems("name: shop\ntraffic:\n  egressGbPerMonth: -5\n"))
                .containsExactly("stackwright.yml:3:21: traffic.egressGbPerMonth: must not be negative (got `-5`). "
                        + "Fix: use 0 or a positive figure, e.g. `egressGbPerMonth: 100`.");
        assertThat(problems("name: shop\ntraffic:\n  natGbPerMonth:\n    s3: -0.5\n"))
                .containsExactly("stackwright.yml:4:9: traffic.natGbPerMonth.s3: must not be negative (got `-0.5`). "
                        + "Fix: use 0 or a positive figure, e.g. `s3: 50`.");
    }

    @Test
    void nonNumericFigure_isLocated_withAFix() {
        assertThat(problems("name: shop\ntraffic:\n  requestsPerMonth: lots\n"))
                .containsExactly(
                        "stackwright.yml:3:21: traffic.requestsPerMonth: must be a number (got `lots`). Fix: write a number.");
        assertThat(problems("name: shop\ntraffic:\n  logGbPerMonth: \"10\"\n"))
                .singleElement()
                .asString()
                .startsWith("stackwright.yml:3:18: traffic.logGbPerMonth: must be a number (got `10`)");
    }

    @Test
    void misspeltKey_suggestsTheRightOne() {
        assertThat(problems("name: shop\ntraffic:\n  natGbPerMonth:\n    internt: 5\n"))
                .containsExactly(
                        "stackwright.yml:4:5: traffic.natGbPerMonth.internt: is not a key Stackwright knows. Fix: did you mean `internet`? Rename it.");
    }

    @Test
    void severalBadFigures_areAllReportedAtOnce() {
        assertThat(
                        problems(
                                "name: shop\ntraffic:\n  requestsPerMonth: -1\n  activeConnections: many\n  logGbPerMonth: -2\n"))
                .hasSize(3);
        assertThat(TrafficSpec.DEV_DEFAULTS.natGbPerMonth().total()).isEqualByComparingTo(new BigDecimal("21"));
    }
}
