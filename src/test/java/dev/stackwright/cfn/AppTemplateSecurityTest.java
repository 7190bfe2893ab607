package dev.stackwright.cfn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.Stackwright;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the app stack grants and to whom: image pulls, the alarm topic, invoke permissions, the API's authorizer. */
class AppTemplateSecurityTest {
    private static final String CERT =
            "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
    private static final String ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI";

    private static JsonNode app(String yaml) {
        return Stackwright.plan("stackwright.yml", yaml).appTemplate().toJson();
    }

    private static JsonNode resources(String yaml) {
        return app(yaml).path("Resources");
    }

    /** The execution role's statements, by first action. */
    private static List<JsonNode> executionStatements(JsonNode resources) {
        List<JsonNode> out = new ArrayList<>();
        resources
                .path("ExecutionRole")
                .path("Properties")
                .path("Policies")
                .forEach(p -> p.path("PolicyDocument").path("Statement").forEach(out::add));
        return out;
    }

    private static JsonNode statementWith(List<JsonNode> statements, String action) {
        return statements.stream()
                .filter(s -> s.path("Action").toString().contains("\"" + action + "\""))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no statement with " + action + " in " + statements));
    }

    private static final String REGISTRY_ARN =
            "[{\"Fn::ImportValue\":{\"Fn::Sub\":\"${RegistryStack}-RepositoryArn\"}}]";

    @Test
    void noImage_runsFromTheRegistryStack_andPullsOnlyFromItsRepository() {
        JsonNode template = app("name: shop\nservice: {compute: fargate}\nfrontDoor: alb\n");
        JsonNode r = template.path("Resources");
        assertThat(r.has("Repository"))
                .as("the repository lives in the registry stack")
                .isFalse();
        List<JsonNode> s = executionStatements(r);
        assertThat(statementWith(s, "ecr:BatchGetImage").path("Resource").toString())
                .isEqualTo(REGISTRY_ARN);
        assertThat(statementWith(s, "ecr:GetAuthorizationToken").path("Action")).hasSize(1);
        assertThat(statementWith(s, "ecr:GetAuthorizationToken")
                        .path("Resource")
                        .toString())
                .isEqualTo("[\"*\"]");
        assertThat(template.path("Parameters")
                        .path("RegistryStack")
                        .path("Default")
                        .asText())
                .isEqualTo("shop-registry");
        assertThat(template.path("Parameters").path("ImageTag").path("Default").asText())
                .isEqualTo("latest");
        assertThat(r.path("TaskDefinition")
                        .path("Properties")
                        .path("ContainerDefinitions")
                        .path(0)
                        .path("Image")
                        .toString())
                .isEqualTo("{\"Fn::Sub\":[\"${RepositoryUri}:${ImageTag}\",{\"RepositoryUri\":"
                        + "{\"Fn::ImportValue\":{\"Fn::Sub\":\"${RegistryStack}-RepositoryUri\"}}}]}");
        assertThat(template.path("Outputs").has("RepositoryUri")).isFalse();
    }

    @Test
    void imageInAnotherEcrRepository_namesThatRepository_andNeedsNoRegistry() {
        String yaml = """
                      name: shop
                      service: {compute: fargate, image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:2.1'}
                      frontDoor: alb
                      """;
        JsonNode r = resources(yaml);
        assertThat(r.has("Repository")).isFalse();
        assertThat(statementWith(executionStatements(r), "ecr:BatchGetImage")
                        .path("Resource")
                        .toString())
                .isEqualTo("[\"arn:aws:ecr:eu-west-1:123456789012:repository/team/api\"]");
        assertThat(executionStatements(r))
                .filteredOn(st -> st.path("Resource").toString().equals("[\"*\"]"))
                .extracting(st -> st.path("Action").toString())
                .containsExactly("[\"ecr:GetAuthorizationToken\"]");
        assertThat(Stackwright.plan("stackwright.yml", yaml).registryTemplate()).isEmpty();
        assertThat(app(yaml).path("Parameters").has("RegistryStack")).isFalse();
    }

    /** The old per-environment repository name is just another repository now: named, not made. */
    @Test
    void imageInTheOldPerEnvironmentRepository_isAnotherRepository() {
        JsonNode r = resources("""
                               name: shop
                               service: {compute: fargate, image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/shop-dev:1.0'}
                               frontDoor: alb
                               """);
        assertThat(statementWith(executionStatements(r), "ecr:BatchGetImage")
                        .path("Resource")
                        .toString())
                .isEqualTo("[\"arn:aws:ecr:us-east-1:123456789012:repository/shop-dev\"]");
    }

    @Test
    void imageInTheProjectsRepository_runsFromTheRegistry_withItsTagAsTheDefault() {
        String yaml = """
                      name: shop
                      service: {compute: fargate, image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/shop:1.0'}
                      frontDoor: alb
                      """;
        JsonNode template = app(yaml);
        assertThat(statementWith(executionStatements(template.path("Resources")), "ecr:BatchGetImage")
                        .path("Resource")
                        .toString())
                .isEqualTo(REGISTRY_ARN);
        assertThat(template.path("Parameters").path("ImageTag").path("Default").asText())
                .isEqualTo("1.0");
        assertThat(Stackwright.plan("stackwright.yml", yaml).registryTemplate()).isPresent();
    }

    @Test
    void imagePinnedByDigest_inTheProjectsRepository_hasNoTagParameter() {
        String digest = "sha256:" + "c".repeat(64);
        JsonNode template = app("name: shop\nservice: {compute: fargate, image: "
                + "'123456789012.dkr.ecr.us-east-1.amazonaws.com/shop@" + digest + "'}\nfrontDoor: alb\n");
        assertThat(template.path("Parameters").has("ImageTag")).isFalse();
        assertThat(template.path("Resources")
                        .path("TaskDefinition")
                        .path("Properties")
                        .path("ContainerDefinitions")
                        .path(0)
                        .path("Image")
                        .path("Fn::Sub")
                        .path(0)
                        .asText())
                .isEqualTo("${RepositoryUri}@" + digest);
    }

    @Test
    void dockerHubImage_getsNoEcrPermission_andNoRepository() {
        JsonNode r = resources("name: shop\nservice: {compute: fargate, image: 'nginx:1.27'}\nfrontDoor: alb\n");
        assertThat(r.has("Repository")).isFalse();
        assertThat(executionStatements(r))
                .noneSatisfy(st -> assertThat(st.path("Action").toString()).contains("ecr:"));
        assertThat(app("name: shop\nservice: {compute: fargate, image: 'nginx:1.27'}\nfrontDoor: alb\n")
                        .path("Outputs")
                        .has("RepositoryUri"))
                .isFalse();
    }

    @Test
    void alarmTopic_isEncryptedWithARotatedKeyCloudWatchMayUse_andRefusesPublishWithoutTls() {
        JsonNode r = resources("name: shop\nfrontDoor: alb\n");
        assertThat(r.path("AlarmTopic")
                        .path("Properties")
                        .path("KmsMasterKeyId")
                        .path("Ref")
                        .asText())
                .isEqualTo("AlarmTopicKey");
        JsonNode key = r.path("AlarmTopicKey").path("Properties");
        assertThat(key.path("EnableKeyRotation").asBoolean()).isTrue();
        JsonNode cloudWatch = key.path("KeyPolicy").path("Statement").get(1);
        assertThat(cloudWatch.path("Principal").path("Service").asText()).isEqualTo("cloudwatch.amazonaws.com");
        assertThat(cloudWatch.path("Action").toString()).isEqualTo("[\"kms:Decrypt\",\"kms:GenerateDataKey*\"]");
        JsonNode noGrants = key.path("KeyPolicy").path("Statement").get(2);
        assertThat(noGrants.path("Effect").asText()).isEqualTo("Deny");
        assertThat(noGrants.path("Action").toString()).isEqualTo("[\"kms:CreateGrant\"]");
        assertThat(noGrants.path("Condition").path("BoolIfExists").toString())
                .isEqualTo("{\"aws:PrincipalIsAWSService\":\"false\",\"kms:GrantIsForAWSResource\":\"false\"}");
        JsonNode statements = r.path("AlarmTopicPolicy")
                .path("Properties")
                .path("PolicyDocument")
                .path("Statement");
        assertThat(statements.get(0).path("Effect").asText()).isEqualTo("Allow");
        assertThat(statements.get(0).path("Principal").path("Service").asText()).isEqualTo("cloudwatch.amazonaws.com");
        assertThat(statements.get(1).path("Effect").asText()).isEqualTo("Deny");
        assertThat(statements
                        .get(1)
                        .path("Condition")
                        .path("Bool")
                        .path("aws:SecureTransport")
                        .asText())
                .isEqualTo("false");
    }

    @Test
    void lambdaBehindAnAlb_mayBeInvokedOnlyFromItsTargetGroup() {
        JsonNode r = resources("name: shop\nservice: {compute: lambda}\nfrontDoor: alb\n");
        assertThat(r.path("LoadBalancerInvokePermission")
                        .path("Properties")
                        .path("SourceArn")
                        .path("Fn::Sub")
                        .asText())
                .isEqualTo(
                        "arn:${AWS::Partition}:elasticloadbalancing:${AWS::Region}:${AWS::AccountId}:targetgroup/shop-dev/*");
        assertThat(r.path("TargetGroup").path("Properties").path("Name").asText())
                .isEqualTo("shop-dev");
    }

    @Test
    void albWithoutACertificate_hasNoHttpsListener() {
        JsonNode r = resources("name: shop\nfrontDoor: alb\n");
        assertThat(r.has("ListenerHttps")).isFalse();
        assertThat(r.path("ListenerHttp")
                        .path("Properties")
                        .path("DefaultActions")
                        .get(0)
                        .path("Type")
                        .asText())
                .isEqualTo("forward");
        JsonNode https = resources(
                "name: shop\nfrontDoor: {type: alb, domain: shop.example.com, certificateArn: '" + CERT + "'}\n");
        assertThat(https.path("ListenerHttp")
                        .path("Properties")
                        .path("DefaultActions")
                        .get(0)
                        .path("Type")
                        .asText())
                .isEqualTo("redirect");
    }

    @Test
    void jwtAuth_guardsTheDefaultRoute_butNotTheHealthCheck() {
        JsonNode r = resources(
                "name: shop\nservice: {compute: fargate, healthCheckPath: /health}\nfrontDoor:\n  type: api-gateway\n"
                        + "  auth: {issuer: '" + ISSUER + "', audience: [abc123]}\n");
        JsonNode authorizer = r.path("ApiAuthorizer").path("Properties");
        assertThat(authorizer.path("AuthorizerType").asText()).isEqualTo("JWT");
        assertThat(authorizer.path("IdentitySource").toString()).isEqualTo("[\"$request.header.Authorization\"]");
        assertThat(authorizer.path("JwtConfiguration").path("Issuer").asText()).isEqualTo(ISSUER);
        assertThat(authorizer.path("JwtConfiguration").path("Audience").toString())
                .isEqualTo("[\"abc123\"]");
        JsonNode route = r.path("ApiRoute").path("Properties");
        assertThat(route.path("AuthorizationType").asText()).isEqualTo("JWT");
        assertThat(route.path("AuthorizerId").path("Ref").asText()).isEqualTo("ApiAuthorizer");
        JsonNode health = r.path("ApiHealthRoute").path("Properties");
        assertThat(health.path("RouteKey").asText()).isEqualTo("GET /health");
        assertThat(health.path("AuthorizationType").asText()).isEqualTo("NONE");
        // The open route is a deliberate deviation from Control Tower's rule, and says why.
        assertThat(r.path("ApiHealthRoute")
                        .path("Metadata")
                        .path("guard")
                        .path("Reasons")
                        .toString())
                .contains("health check path only");
        assertThat(r.path("ApiRoute").path("Metadata").path("guard").isMissingNode())
                .isTrue();
    }

    @Test
    void jwtAuth_withTheRootAsHealthCheck_opensNoRoute() {
        JsonNode r = resources("name: shop\nfrontDoor:\n  type: api-gateway\n  auth: {issuer: '" + ISSUER
                + "', audience: [abc123]}\n");
        assertThat(r.has("ApiAuthorizer")).isTrue();
        assertThat(r.has("ApiHealthRoute")).isFalse();
    }

    @Test
    void jwtAuth_healthCheckWithAQuery_opensThePathOnly() {
        JsonNode r =
                resources("name: shop\nservice: {compute: fargate, healthCheckPath: '/health?deep=1'}\nfrontDoor:\n"
                        + "  type: api-gateway\n  auth: {issuer: '" + ISSUER + "', audience: [abc123]}\n");
        assertThat(r.path("ApiHealthRoute").path("Properties").path("RouteKey").asText())
                .isEqualTo("GET /health");
    }

    @Test
    void jwtAuth_withAuto_picksApiGateway_andSaysWhy() {
        Stackwright.Result result = Stackwright.plan(
                "stackwright.yml",
                "name: shop\ntraffic: {requestsPerMonth: 900000000}\n" + "frontDoor:\n  auth: {issuer: '" + ISSUER
                        + "', audience: [abc123]}\n");
        assertThat(result.application().frontDoor().kind())
                .isEqualTo(dev.stackwright.model.app.FrontDoorKind.API_GATEWAY);
        assertThat(result.application().frontDoor().reason())
                .isEqualTo("auto: frontDoor.auth needs API Gateway's JWT authorizer");
        assertThat(result.application().notes())
                .anySatisfy(n -> assertThat(n).startsWith("The API checks a JWT from " + ISSUER));
    }

    @Test
    void apiWithoutAuth_isSaidToBePublic() {
        assertThat(Stackwright.plan("stackwright.yml", "name: shop\nfrontDoor: api-gateway\n")
                        .application()
                        .notes())
                .contains("The API is public: anyone on the internet can call it. Add frontDoor.auth (a JWT issuer and "
                        + "audience) to let only signed-in callers through, or check credentials in the app.");
    }
}
