package dev.stackwright.cfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.Stackwright;
import dev.stackwright.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pipeline stack: promotion of one build's artifact, approvals, and roles that name only what they touch. */
class PipelineTemplateTest {
    private static final String GITHUB = """
            name: shop
            environment: dev
            service: {compute: fargate}
            pipeline:
              source:
                provider: github
                connectionArn: arn:aws:codeconnections:us-east-1:123456789012:connection/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d
                repository: acme/shop
              environments: [dev, staging, prod]
            """;

    private static JsonNode template(String yaml) {
        return Stackwright.plan("stackwright.yml", yaml)
                .pipelineTemplate()
                .orElseThrow()
                .toJson();
    }

    private static JsonNode resource(JsonNode template, String id) {
        JsonNode r = template.path("Resources").path(id);
        assertThat(r.isMissingNode()).as(id).isFalse();
        return r.path("Properties");
    }

    /**
     * The release role passes the roles the app stack's tasks run with, named by their IAM path: CloudFormation cuts
     * a long stack name out of the role names it makes (IAM's limit is 64 characters), never out of a path. A 32-letter
     * project in staging makes a 44-character stack name, too long to survive in `-ExecutionRole-` names.
     */
    @Test
    void theRolesAReleasePasses_areTheAppStacksTaskRoles_byTheirPath() {
        String name = "a-very-long-project-name-32chars";
        String yaml = GITHUB.replace("name: shop", "name: " + name);
        JsonNode app = Stackwright.plan("stackwright.yml", yaml).appTemplate().toJson();
        String appStack = name + "-dev-app";
        for (String role : List.of("ExecutionRole", "TaskRole")) {
            String path = resource(app, role).path("Path").path("Fn::Sub").asText();
            assertThat(path.replace("${AWS::StackName}", appStack))
                    .as(role)
                    .isEqualTo(AppTemplate.taskRolePath(appStack))
                    .isEqualTo("/" + appStack + "/");
        }
        assertThat(resource(template(yaml), "ReleaseDevRole").toString()).contains(":role/" + appStack + "/*\"");
    }

    @Test
    void noPipelineSection_noPipelineTemplate() {
        assertThat(Stackwright.plan("stackwright.yml", "name: shop\n").pipelineTemplate())
                .isEmpty();
    }

    @Test
    void everyRelease_takesTheBuildsArtifact_inPromotionOrder_withAnApprovalBeforeProd() {
        JsonNode stages = resource(template(GITHUB), "Pipeline").path("Stages");
        List<String> names = new ArrayList<>();
        stages.forEach(s -> names.add(s.path("Name").asText()));
        assertThat(names).containsExactly("Source", "Build", "Release-dev", "Release-staging", "Release-prod");
        assertThat(stages.get(1)
                        .path("Actions")
                        .get(0)
                        .path("OutputArtifacts")
                        .get(0)
                        .path("Name")
                        .asText())
                .isEqualTo("BuildOutput");
        for (int i = 2; i < stages.size(); i++) {
            JsonNode actions = stages.get(i).path("Actions");
            JsonNode release = actions.get(actions.size() - 1);
            assertThat(release.path("InputArtifacts").toString())
                    .as("no rebuild: the release reads the build's output")
                    .contains("\"BuildOutput\"");
            assertThat(release.path("Configuration").path("PrimarySource").asText())
                    .isEqualTo("Source");
            assertThat(actions.size()).as(names.get(i)).isEqualTo(names.get(i).equals("Release-prod") ? 2 : 1);
        }
        assertThat(stages.get(4)
                        .path("Actions")
                        .get(0)
                        .path("ActionTypeId")
                        .path("Provider")
                        .asText())
                .isEqualTo("Manual");
    }

    @Test
    void noRepositoryIsCreated_theRegistryStacksIsImported() {
        JsonNode t = template(GITHUB);
        assertThat(t.path("Resources").toString()).doesNotContain("AWS::ECR::Repository");
        assertThat(t.toString()).contains("${RegistryStack}-RepositoryArn", "${RegistryStack}-RepositoryUri");
        assertThat(t.path("Parameters").path("RegistryStack").path("Default").asText())
                .isEqualTo("shop-registry");
    }

    @Test
    void releaseRoles_updateTheirOwnAppStackOnly_andPassItsTaskRolesToEcsTasksOnly() {
        String policy = resource(template(GITHUB), "ReleaseStagingRole").toString();
        assertThat(policy)
                .contains(
                        "\"cloudformation:UpdateStack\"",
                        ":stack/shop-staging-app/*",
                        ":service/shop-staging/shop-staging",
                        ":task-definition/shop-staging:*",
                        ":role/shop-staging-app/*",
                        "\"iam:PassedToService\":\"ecs-tasks.amazonaws.com\"")
                .doesNotContain(
                        "shop-prod",
                        "shop-dev-",
                        ":role/shop-staging-app-*",
                        "\"ecs:UpdateService\"],\"Resource\":[\"*\"]",
                        "cloudformation:*",
                        "lambda:");
        // release.yml reads the stack and the build's artifact; the names of what it updates are the stack's.
        assertThat(resource(template(GITHUB), "ReleaseStagingProject")
                        .path("Environment")
                        .toString())
                .contains("\"APP_STACK\"", "\"shop-staging-app\"", "\"IMAGE_DETAIL_ARTIFACT\"")
                .doesNotContain("\"SERVICE\"", "\"CLUSTER\"");
    }

    @Test
    void bucket_isEncryptedPrivateVersionedAndExpires_andItsPolicyDeniesPlainHttp() {
        JsonNode t = template(GITHUB);
        JsonNode bucket = resource(t, "ArtifactBucket");
        assertThat(bucket.path("BucketEncryption").toString()).contains("\"SSEAlgorithm\":\"aws:kms\"");
        assertThat(bucket.path("PublicAccessBlockConfiguration").toString()).doesNotContain("false");
        assertThat(bucket.path("VersioningConfiguration").path("Status").asText())
                .isEqualTo("Enabled");
        assertThat(bucket.path("LifecycleConfiguration").toString()).contains("\"ExpirationInDays\":30");
        assertThat(resource(t, "ArtifactBucketPolicy").toString()).contains("\"aws:SecureTransport\":\"false\"");
    }

    @Test
    void codecommit_startsByEventBridge_andLambda_releasesTheFunction() {
        JsonNode t = template("""
                name: shop
                environment: dev
                service: {compute: lambda}
                pipeline: {source: {provider: codecommit, repository: shop}}
                """);
        assertThat(resource(t, "SourceChangeRule").path("EventPattern").toString())
                .contains("\"referenceName\":[\"main\"]");
        assertThat(resource(t, "ReleaseDevRole").toString())
                .contains(":function:shop-dev", "lambda:UpdateFunctionCode", ":stack/shop-dev-app/*")
                .doesNotContain("ecs:", "iam:PassRole");
        assertThat(resource(t, "ReleaseDevProject").path("Environment").toString())
                .contains("\"APP_STACK\"", "\"PrivilegedMode\":false");
        assertThat(resource(t, "PipelineRole").toString())
                .contains("codecommit:GetBranch")
                .doesNotContain("UseConnection");
    }

    @Test
    void plan_listsTheStagesAndResources_inTextAndJson() {
        StringWriter out = new StringWriter();
        int code = Main.run(
                new String[] {"plan", "-f", "examples/dev-pipeline/stackwright.yml"},
                new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true));
        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("shop-pipeline  CodePipeline V2", "Release-prod     Approve", "in the pipeline stack")
                .contains("AWS::CodePipeline::Pipeline");
        StringWriter json = new StringWriter();
        assertThat(Main.run(
                        new String[] {"plan", "-f", "examples/dev-pipeline/stackwright.yml", "--format", "json"},
                        new PrintWriter(json, true),
                        new PrintWriter(new StringWriter(), true)))
                .isZero();
        assertThat(json.toString()).contains("\"pipeline\"", "\"appStack\": \"shop-prod-app\"");
    }
}
