package dev.stackwright.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stackwright.cli.CliTest;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The curves {@code cost --format json} gives for the report's charts: each passes through the monthly figure the same
 * JSON states at the plan's traffic, and two options' curves meet at their stated break-even.
 */
class CostCurveTest {
    private static final BigDecimal CENT = new BigDecimal("0.01");

    private static JsonNode cost(String example) throws IOException {
        CliTest.Run r = CliTest.run("cost", "--format", "json", "-f", "examples/" + example + "/stackwright.yml");
        assertThat(r.code()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    private static CostCurve curve(JsonNode node) {
        List<CostCurve.Step> steps = new ArrayList<>();
        node.path("steps")
                .forEach(s -> steps.add(new CostCurve.Step(
                        s.path("from").decimalValue(), s.path("perUnit").decimalValue())));
        return new CostCurve(node.path("fixedMonthly").decimalValue(), steps);
    }

    @Test
    void natCurves_passThroughEachOptionsMonthly_andMeetThePlansAtTheBreakEven() throws IOException {
        JsonNode c = cost("staging-lambda-alb");
        BigDecimal volume = c.path("alternativesGbPerMonthThroughNat").decimalValue();
        assertThat(volume).isEqualByComparingTo("10");
        CostCurve plan = null;
        for (JsonNode a : c.path("alternatives")) {
            if (a.path("plan").asBoolean()) {
                plan = curve(a.path("curve"));
            }
        }
        assertThat(plan).isNotNull();
        int crossings = 0;
        for (JsonNode a : c.path("alternatives")) {
            CostCurve mine = curve(a.path("curve"));
            assertThat(a.path("curve").path("unit").asText()).isEqualTo("GB/month through NAT");
            assertThat(mine.at(volume))
                    .as(a.path("label").asText())
                    .isCloseTo(a.path("monthly").decimalValue(), within(CENT));
            if (a.path("breakEvenGbPerMonth").isNumber()) {
                BigDecimal at = a.path("breakEvenGbPerMonth").decimalValue();
                assertThat(mine.at(at)).isCloseTo(plan.at(at), within(CENT));
                crossings++;
            }
        }
        assertThat(crossings).isEqualTo(1);
    }

    @Test
    void frontDoorCurves_giveTheStatedMonthlies_andCrossAtTheBreakEvens() throws IOException {
        JsonNode f = cost("staging-lambda-alb").path("frontDoor");
        BigDecimal requests = f.path("requestsPerMonth").decimalValue();
        CostCurve alb = curve(f.path("curves").path("alb"));
        CostCurve http = curve(f.path("curves").path("httpApi"));
        CostCurve rest = curve(f.path("curves").path("restApi"));
        assertThat(alb.at(requests)).isCloseTo(f.path("alb").decimalValue(), within(CENT));
        assertThat(http.at(requests)).isCloseTo(f.path("httpApi").decimalValue(), within(CENT));
        assertThat(rest.at(requests)).isCloseTo(f.path("restApi").decimalValue(), within(CENT));
        assertThat(http.steps()).as("the HTTP API's volume tiers").hasSizeGreaterThan(1);
        BigDecimal toHttp = f.path("breakEvenHttpApiRequestsPerMonth").decimalValue();
        BigDecimal toRest = f.path("breakEvenRestApiRequestsPerMonth").decimalValue();
        assertThat(alb.at(toHttp)).isCloseTo(http.at(toHttp), within(CENT));
        assertThat(alb.at(toRest)).isCloseTo(rest.at(toRest), within(CENT));
    }
}
