package dev.stackwright.cfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stackwright.Stackwright;
import dev.stackwright.deploy.DeployPlan;
import dev.stackwright.deploy.StackDeployment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry stack: one repository per project, kept, with the exports the app and pipeline stacks import. */
class RegistryTemplateTest {
    private static JsonNode registry(String yaml) {
        return Stackwright.plan("stackwright.yml", yaml)
                .registryTemplate()
                .orElseThrow()
                .toJson();
    }

    @Test
    void repository_isNamedForTheProject_sameForEveryEnvironment() {
        JsonNode dev = registry("name: shop\nenvironment: dev\n");
        JsonNode prod = registry("name: shop\nenvironment: prod\n");
        assertThat(prod).isEqualTo(dev);
        JsonNode repo = dev.path("Resources").path("Repository");
        assertThat(repo.path("Type").asText()).isEqualTo("AWS::ECR::Repository");
        assertThat(repo.path("Properties").path("RepositoryName").asText()).isEqualTo("shop");
        assertThat(dev.path("Resources").size()).isOne();
    }

    @Test
    void repository_isKept_immutable_scanned_encrypted() {
        JsonNode repo = registry("name: shop\n").path("Resources").path("Repository");
        assertThat(repo.path("DeletionPolicy").asText()).isEqualTo("Retain");
        assertThat(repo.path("UpdateReplacePolicy").asText()).isEqualTo("Retain");
        JsonNode p = repo.path("Properties");
        assertThat(p.path("ImageTagMutability").asText()).isEqualTo("IMMUTABLE");
        assertThat(p.path("ImageScanningConfiguration").path("ScanOnPush").asBoolean())
                .isTrue();
        assertThat(p.path("EncryptionConfiguration").path("EncryptionType").asText())
                .isEqualTo("AES256");
        assertThat(p.path("EmptyOnDelete").asBoolean()).isFalse();
    }

    /** An image an environment runs or may roll back to is tagged: no rule may expire a tagged image. */
    @Test
    void lifecycle_expiresOnlyUntaggedImages() throws Exception {
        JsonNode policy = new ObjectMapper()
                .readTree(registry("name: shop\n")
                        .path("Resources")
                        .path("Repository")
                        .path("Properties")
                        .path("LifecyclePolicy")
                        .path("LifecyclePolicyText")
                        .asText());
        List<String> selected = new ArrayList<>();
        policy.path("rules")
                .forEach(r -> selected.add(r.path("selection").path("tagStatus").asText()));
        assertThat(selected).containsExactly("untagged");
        assertThat(policy.path("rules")
                        .path(0)
                        .path("selection")
                        .path("countNumber")
                        .asInt())
                .isEqualTo(14);
    }

    /** The exact names the app stack and the pipeline stack import, once deployed under its stack name. */
    @Test
    void exports_areTheRegistryStacksNameThenUriArnAndName() {
        var result = Stackwright.plan("stackwright.yml", "name: shop\n");
        StackDeployment stack = DeployPlan.of(
                        result.spec(),
                        result.networkTemplate(),
                        result.registryTemplate(),
                        result.pipelineTemplate(),
                        result.appTemplate())
                .get(1);
        assertThat(stack.stackName()).isEqualTo("shop-registry");
        List<String> exports = new ArrayList<>();
        stack.template()
                .path("Outputs")
                .properties()
                .forEach(o -> exports.add(o.getValue()
                        .path("Export")
                        .path("Name")
                        .path("Fn::Sub")
                        .asText()
                        .replace("${AWS::StackName}", stack.stackName())));
        assertThat(exports)
                .containsExactly(
                        "shop-registry-RepositoryArn", "shop-registry-RepositoryName", "shop-registry-RepositoryUri");
    }
}
