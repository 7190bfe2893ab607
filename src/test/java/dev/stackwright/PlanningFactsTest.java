package dev.stackwright;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.cfn.Template;
import dev.stackwright.cfn.TemplateWriter;
import dev.stackwright.model.app.FrontDoorKind;
import dev.stackwright.spec.SpecLoader;
import dev.stackwright.spec.StackSpec;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Planning decides from the spec and the facts handed to it, and reads nothing itself. */
class PlanningFactsTest {
    private static final String AUTO = "name: shop\ntraffic: {requestsPerMonth: 1000000}\n";

    @Test
    void fromSpec_autoFrontDoor_decidesByTheBreakEvenHandedIn() {
        StackSpec spec = SpecLoader.parse("stackwright.yml", AUTO);
        Stackwright.Result cheapAlb = Stackwright.fromSpec(
                spec, new Stackwright.Facts(Optional.of(new BigDecimal("1000")), Optional.empty()));
        Stackwright.Result dearAlb = Stackwright.fromSpec(
                spec, new Stackwright.Facts(Optional.of(new BigDecimal("5000000")), Optional.empty()));
        assertThat(cheapAlb.application().frontDoor().kind()).isEqualTo(FrontDoorKind.ALB);
        assertThat(dearAlb.application().frontDoor().kind()).isEqualTo(FrontDoorKind.API_GATEWAY);
        assertThat(dearAlb.application().frontDoor().reason()).contains("price book");
    }

    @Test
    void fromSpec_withoutABreakEven_usesTheFallbackThreshold_andSaysSo() {
        Stackwright.Result r =
                Stackwright.fromSpec(SpecLoader.parse("stackwright.yml", AUTO), Stackwright.Facts.none());
        assertThat(r.application().frontDoor().kind()).isEqualTo(FrontDoorKind.API_GATEWAY);
        assertThat(r.application().frontDoor().reason()).contains("fallback threshold");
    }

    @Test
    void fromSpec_sameSpecAndFacts_sameTemplates_asTheConvenienceEntryPoint() {
        StackSpec spec = SpecLoader.parse("stackwright.yml", AUTO);
        Stackwright.Result gathered = Stackwright.fromSpec(spec, Stackwright.Facts.gather(spec));
        Stackwright.Result convenient = Stackwright.plan("stackwright.yml", AUTO);
        assertThat(yaml(gathered.networkTemplate())).isEqualTo(yaml(convenient.networkTemplate()));
        assertThat(yaml(gathered.appTemplate())).isEqualTo(yaml(convenient.appTemplate()));
    }

    @Test
    void fromSpec_existingVpcWithoutItsFolder_isRefused_withTheFix() {
        StackSpec spec = SpecLoader.parse("stackwright.yml", "name: shop\nnetwork:\n  existingVpc: vpc-0abc12345\n");
        assertThatThrownBy(() -> Stackwright.fromSpec(spec, Stackwright.Facts.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Facts.gather(spec)");
    }

    private static String yaml(Template t) {
        return TemplateWriter.write(t.toJson(), TemplateWriter.Format.YAML);
    }
}
