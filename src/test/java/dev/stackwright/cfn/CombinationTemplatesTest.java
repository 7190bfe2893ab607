package dev.stackwright.cfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.Stackwright;
import dev.stackwright.cfnspec.ResourceSpecCheck;
import dev.stackwright.plan.NetworkCombinations;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every option combination renders a template that AWS's resource specification accepts, the same way twice. */
class CombinationTemplatesTest {
    static List<NetworkCombinations.Case> combinations() {
        return NetworkCombinations.all();
    }

    @ParameterizedTest
    @MethodSource("combinations")
    void template_passesResourceSpecification_andIsDeterministic(NetworkCombinations.Case c) {
        JsonNode template =
                Stackwright.plan("stackwright.yml", c.yaml()).networkTemplate().toJson();
        ResourceSpecCheck.load().strictTypes().assertValid(template);
        JsonNode again =
                Stackwright.plan("stackwright.yml", c.yaml()).networkTemplate().toJson();
        assertThat(TemplateWriter.write(again, TemplateWriter.Format.YAML))
                .isEqualTo(TemplateWriter.write(template, TemplateWriter.Format.YAML));
    }

    @ParameterizedTest
    @MethodSource("combinations")
    void everyTaggableResource_carriesTheStackTags(NetworkCombinations.Case c) {
        JsonNode resources = Stackwright.plan("stackwright.yml", c.yaml())
                .networkTemplate()
                .toJson()
                .path("Resources");
        resources.properties().forEach(e -> {
            JsonNode tags = e.getValue().path("Properties").path("Tags");
            if (!tags.isMissingNode()) {
                assertThat(tags.findValuesAsText("Key"))
                        .as(e.getKey())
                        .contains("Name", "stackwright:stack", "stackwright:version");
            }
        });
        // The types that support Tags and that we emit must all have them.
        for (String type : List.of(
                "AWS::EC2::VPC",
                "AWS::EC2::Subnet",
                "AWS::EC2::RouteTable",
                "AWS::EC2::SecurityGroup",
                "AWS::EC2::NetworkAcl",
                "AWS::EC2::VPCEndpoint",
                "AWS::EC2::EIP",
                "AWS::EC2::NatGateway",
                "AWS::EC2::NetworkInterface",
                "AWS::IAM::Role",
                "AWS::AutoScaling::AutoScalingGroup")) {
            resources.properties().stream()
                    .filter(e -> e.getValue().path("Type").asText().equals(type))
                    .forEach(e -> assertThat(e.getValue().path("Properties").has("Tags"))
                            .as(e.getKey() + " has Tags")
                            .isTrue());
        }
    }
}
