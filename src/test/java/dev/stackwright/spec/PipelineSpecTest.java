package dev.stackwright.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.model.Environment;
import dev.stackwright.model.app.Pipeline;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code pipeline:} section: what it binds to, and each mistake as one located line with its fix. */
class PipelineSpecTest {
    private static final String ARN =
            "arn:aws:codeconnections:us-east-1:123456789012:connection/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";

    private static StackSpec load(String yaml) {
        return SpecLoader.parse("stackwright.yml", yaml);
    }

    private static List<String> problems(String yaml) {
        InputException e = catchThrowableOfType(InputException.class, () -> load(yaml));
        assertThat(e).as("expected the spec to be rejected").isNotNull();
        return e.diagnostics().stream()
                .filter(Diagnostic::isError)
                .map(Diagnostic::format)
                .toList();
    }

    private static String github(String rest) {
        return "name: shop\nenvironment: dev\npipeline:\n  source:\n    provider: github\n    connectionArn: " + ARN
                + "\n    repository: acme/shop\n" + rest;
    }

    @Test
    void noPipelineSection_noPipeline() {
        assertThat(load("name: shop\n").pipeline()).isEmpty();
    }

    @Test
    void github_bindsWithDefaults_environmentIsTheSpecsOwn_noApprovalOutsideProd() {
        PipelineSpec p = load(github("")).pipeline().orElseThrow();
        assertThat(p.source().provider()).isEqualTo(Pipeline.Provider.GITHUB);
        assertThat(p.source().connectionArn()).contains(ARN);
        assertThat(p.source().branch()).isEqualTo("main");
        assertThat(p.environments()).containsExactly(Environment.DEV);
        assertThat(p.approvalBefore()).isEmpty();
        assertThat(p.computeType()).isEqualTo(Pipeline.BuildCompute.SMALL);
    }

    @Test
    void throughProd_approvalBeforeProdByDefault() {
        PipelineSpec p = load(github("  environments: [dev, staging, prod]\n"))
                .pipeline()
                .orElseThrow();
        assertThat(p.environments()).containsExactly(Environment.DEV, Environment.STAGING, Environment.PROD);
        assertThat(p.approvalBefore()).containsExactly(Environment.PROD);
    }

    @Test
    void explicitApprovals_replaceTheDefault() {
        PipelineSpec p = load(github("  environments: [dev, staging, prod]\n  approvalBefore: []\n"))
                .pipeline()
                .orElseThrow();
        assertThat(p.approvalBefore()).isEmpty();
    }

    @Test
    void connectionProviderWithoutArn_isRefusedAtTheProvider_withHowToMakeOne() {
        assertThat(problems("name: shop\npipeline:\n  source:\n    provider: gitlab\n    repository: acme/shop\n"))
                .singleElement()
                .asString()
                .startsWith("stackwright.yml:4:15: pipeline.source.connectionArn: gitlab is reached through a "
                        + "CodeConnections connection")
                .contains("Fix: create one in the console", "add `connectionArn: arn:aws:codeconnections:");
    }

    @Test
    void codecommitWithArn_isRefused() {
        assertThat(problems("name: shop\npipeline:\n  source:\n    provider: codecommit\n    connectionArn: " + ARN
                        + "\n    repository: shop\n"))
                .singleElement()
                .asString()
                .startsWith("stackwright.yml:5:5: pipeline.source.connectionArn: codecommit is read directly")
                .contains("Fix: remove connectionArn");
    }

    @Test
    void repositoryShape_followsTheProvider() {
        assertThat(problems(github("").replace("acme/shop", "shop")))
                .singleElement()
                .asString()
                .contains("pipeline.source.repository: a github repository is named `owner/name`");
        assertThat(problems("name: shop\npipeline: {source: {provider: codecommit, repository: acme/shop}}\n"))
                .singleElement()
                .asString()
                .contains("a CodeCommit repository is named without an owner", "e.g. `shop`");
    }

    @Test
    void unknownEnvironment_isRefusedWithTheNearestName() {
        assertThat(problems(github("  environments: [dev, stagin]\n")))
                .singleElement()
                .asString()
                .startsWith("stackwright.yml:8:23: pipeline.environments[1]: is not an allowed value (got `stagin`)")
                .contains("did you mean `staging`?");
    }

    @Test
    void duplicateEnvironment_isRefused() {
        assertThat(problems(github("  environments: [dev, dev]\n")))
                .singleElement()
                .asString()
                .startsWith("stackwright.yml:8:17: pipeline.environments: lists the same item more than once");
    }

    @Test
    void environmentsOutOfOrder_areRefused_withTheOrderedList() {
        assertThat(problems(github("  environments: [dev, prod, staging]\n")))
                .singleElement()
                .asString()
                .startsWith("stackwright.yml:8:29: pipeline.environments[2]: comes after prod, but an image is "
                        + "promoted towards prod")
                .contains("`environments: [dev, staging, prod]`");
    }

    @Test
    void listWithoutTheSpecsEnvironment_isRefused() {
        assertThat(problems(github("  environments: [staging, prod]\n")))
                .singleElement()
                .asString()
                .startsWith("stackwright.yml:8:17: pipeline.environments: does not hold this spec's environment, dev")
                .contains("Fix: add dev to the list");
    }

    @Test
    void approvalBeforeAnEnvironmentNotReleasedTo_isRefused() {
        assertThat(problems(github("  approvalBefore: [prod]\n")))
                .singleElement()
                .asString()
                .startsWith("stackwright.yml:8:20: pipeline.approvalBefore[0]: is not an environment the pipeline "
                        + "releases to (got prod)");
    }

    @Test
    void unknownKey_isRefusedWithTheNearestKey() {
        assertThat(problems(github("  buildMinute: 4\n")))
                .singleElement()
                .asString()
                .startsWith("stackwright.yml:8:3: pipeline.buildMinute: is not a key Stackwright knows")
                .contains("did you mean `buildMinutes`?");
    }

    @Test
    void missingSource_isRefused() {
        assertThat(problems("name: shop\npipeline:\n  buildMinutes: 4\n"))
                .singleElement()
                .asString()
                .contains("pipeline.source: this key is required");
    }
}
