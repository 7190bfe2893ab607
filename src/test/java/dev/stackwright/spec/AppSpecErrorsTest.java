package dev.stackwright.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stackwright.Stackwright;
import dev.stackwright.cli.CliTest;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad application settings: each a `file:line:col` message with a fix, all reported together. */
class AppSpecErrorsTest {

    private static List<String> problems(String yaml) {
        InputException e = catchThrowableOfType(InputException.class, () -> Stackwright.plan("stackwright.yml", yaml));
        assertThat(e).as("expected the spec to be rejected").isNotNull();
        return e.diagnostics().stream()
                .filter(Diagnostic::isError)
                .map(Diagnostic::format)
                .toList();
    }

    private static List<String> warnings(String yaml) {
        return Stackwright.plan("stackwright.yml", yaml).spec().warnings().stream()
                .map(Diagnostic::format)
                .toList();
    }

    @Test
    void unknownCompute_listsTheChoices() {
        assertThat(problems("name: shop\nservice:\n  compute: kubernetes\n"))
                .containsExactly(
                        "stackwright.yml:3:12: service.compute: is not an allowed value (got `kubernetes`). Fix: use one of: ecs-ec2, fargate, lambda.");
    }

    @Test
    void unknownFrontDoor_shortForm_suggestsTheClosest() {
        assertThat(problems("name: shop\nfrontDoor: albb\n"))
                .containsExactly(
                        "stackwright.yml:2:12: frontDoor: is not an allowed value (got `albb`). Fix: did you mean `alb`? Use one of: auto, alb, api-gateway.");
    }

    @Test
    void unknownFrontDoor_mappingForm_isCheckedByTheSchema() {
        assertThat(problems("name: shop\nfrontDoor:\n  type: nlb\n"))
                .singleElement()
                .asString()
                .startsWith("stackwright.yml:3:9: frontDoor.type: is not an allowed value (got `nlb`)");
    }

    @Test
    void frontDoorOfTheWrongType_saysBothFormsWork() {
        assertThat(problems("name: shop\nfrontDoor: [alb]\n"))
                .singleElement()
                .asString()
                .contains("frontDoor: must be text or a mapping of keys")
                .contains("Fix: write a name such as `alb`, or a mapping with `type:` and its settings");
    }

    @Test
    void lambdaWithoutNat_andNoEndpointForItsSecrets_isRefused() {
        assertThat(problems("""
                name: shop
                network:
                  nat: none
                service:
                  compute: lambda
                database:
                  engine: postgres
                """))
                .containsExactly("stackwright.yml:3:8: network.nat: the function could not reach secretsmanager with "
                        + "nat: none (a function reads its secrets and database password at run time) (got nat: none). "
                        + "Fix: add secretsmanager to network.endpoints (interface endpoints), or use nat: instance.");
    }

    @Test
    void appCallsWithoutNat_mustBeListedAsEndpoints_whateverTheCompute() {
        assertThat(problems("""
                name: shop
                network:
                  nat: none
                  endpoints: [s3]
                service:
                  compute: fargate
                  calls: [sqs, s3, sns]
                """))
                .singleElement()
                .asString()
                .startsWith("stackwright.yml:4:14: network.endpoints: the app could not reach sns, sqs with nat: none")
                .endsWith("Fix: add sns, sqs to network.endpoints (interface endpoints), or use nat: instance.");
    }

    @Test
    void lambdaWithoutNat_isAccepted_whenItsEndpointsAreListed() {
        Stackwright.Result r = Stackwright.plan("stackwright.yml", """
                name: shop
                network: {nat: none, endpoints: [secretsmanager]}
                service: {compute: lambda}
                database: {engine: postgres}
                """);
        assertThat(r.network().endpoints()).extracting(e -> e.service()).contains("secretsmanager");
    }

    @Test
    void taskTooLargeForTheInstanceType_namesABiggerType() {
        assertThat(problems("name: shop\nservice:\n  instanceType: t3.micro\n  memory: 1024\n"))
                .containsExactly(
                        "stackwright.yml:3:17: service.instanceType: a task of 256 CPU units and 1024 MiB does not fit on a t3.micro "
                                + "(2 vCPU, 1024 MiB, of which the OS and ECS agent keep 256) (got t3.micro). "
                                + "Fix: use instanceType: t3.small, or lower service.memory to 768 and service.cpu to 2048 or less.");
    }

    @Test
    void taskTooLarge_withTheDefaultType_pointsAtTheMemory() {
        assertThat(problems("name: shop\nservice:\n  memory: 4096\n"))
                .singleElement()
                .asString()
                .startsWith(
                        "stackwright.yml:3:11: service.memory: a task of 256 CPU units and 4096 MiB does not fit on a t3.micro")
                .contains("Fix: use instanceType: t3.large");
    }

    @Test
    void unknownInstanceType_isAWarning_withASuggestion() {
        assertThat(warnings("name: shop\nservice:\n  instanceType: t3.mikro\n"))
                .singleElement()
                .asString()
                .contains("service.instanceType: is not in Stackwright's catalogue")
                .contains("did you mean `t3.micro`?");
    }

    @Test
    void domainWithoutCertificate_isRefused_withTheCommandToGetOne() {
        assertThat(problems("name: shop\nregion: eu-west-1\nfrontDoor:\n  type: alb\n  domain: api.shop.example\n"))
                .containsExactly(
                        "stackwright.yml:5:11: frontDoor.domain: needs a certificate to serve HTTPS (got api.shop.example). "
                                + "Fix: add `certificateArn:` under frontDoor with an ACM certificate for api.shop.example in eu-west-1 "
                                + "(`aws acm request-certificate --domain-name api.shop.example --validation-method DNS --region eu-west-1`).");
    }

    @Test
    void certificateFromAnotherRegion_isRefused() {
        assertThat(problems("""
                name: shop
                region: eu-west-1
                frontDoor:
                  domain: api.shop.example
                  certificateArn: arn:aws:acm:us-east-1:123456789012:certificate/abc
                """))
                .singleElement()
                .asString()
                .startsWith(
                        "stackwright.yml:5:19: frontDoor.certificateArn: is in us-east-1, but the load balancer or API is in eu-west-1");
    }

    @Test
    void databasePortCollidingWithTheServicePort_isRefused() {
        assertThat(problems("name: shop\nservice:\n  port: 5432\ndatabase:\n  engine: postgres\n"))
                .singleElement()
                .asString()
                .startsWith("stackwright.yml:3:9: service.port: is the postgres database's default port too");
    }

    @Test
    void fargatePairAwsDoesNotAccept_givesTheValidRange() {
        assertThat(problems("name: shop\nservice:\n  compute: fargate\n  cpu: 1024\n  memory: 1536\n"))
                .containsExactly(
                        "stackwright.yml:5:11: service.memory: is not a memory size Fargate accepts with cpu 1024 (got 1536 MiB). "
                                + "Fix: use 2048 to 8192 MiB in steps of 1024, or change service.cpu.");
        assertThat(problems("name: shop\nservice:\n  compute: fargate\n  cpu: 300\n"))
                .containsExactly("stackwright.yml:4:8: service.cpu: is not a CPU size Fargate offers (got 300). "
                        + "Fix: use one of 256, 512, 1024, 2048, 4096, 8192, 16384.");
    }

    @Test
    void secretThatIsNotAnArn_isRefused() {
        assertThat(problems("name: shop\nservice:\n  secrets:\n    TOKEN: hunter2\n"))
                .singleElement()
                .asString()
                .startsWith(
                        "stackwright.yml:4:12: service.secrets.TOKEN: is not the ARN of a Secrets Manager secret or an SSM parameter")
                .contains("plain values belong in service.environment");
    }

    @Test
    void variableTheDatabaseSets_isReserved() {
        assertThat(problems(
                        "name: shop\nservice:\n  environment:\n    DB_HOST: localhost\ndatabase: {engine: mysql}\n"))
                .singleElement()
                .asString()
                .startsWith("stackwright.yml:4:5: service.environment.DB_HOST: is set by Stackwright");
    }

    @Test
    void scalingRange_andDesiredCount_areChecked() {
        assertThat(problems("name: shop\nservice:\n  scaling: {min: 4, max: 2}\n"))
                .singleElement()
                .asString()
                .contains("service.scaling.min: is more than scaling.max (got 4 > 2)");
        assertThat(problems("name: shop\nservice:\n  desiredCount: 9\n"))
                .singleElement()
                .asString()
                .contains("service.desiredCount: desiredCount 9 is outside scaling 1..5");
    }

    @Test
    void settingsTheComputeIgnores_areWarnings() {
        assertThat(warnings("name: shop\nservice:\n  compute: lambda\n  cpu: 512\n  scaling: {max: 3}\n"))
                .anySatisfy(w -> assertThat(w)
                        .contains("service.cpu: is ignored because Lambda gives CPU in proportion to memory"))
                .anySatisfy(
                        w -> assertThat(w).contains("service.scaling: is ignored because Lambda scales per request"));
    }

    @Test
    void everyProblem_isReportedAtOnce() {
        List<String> all = problems("""
                name: shop
                network:
                  nat: none
                service:
                  compute: lambda
                  port: 3306
                  calls: [sqs]
                frontDoor:
                  domain: api.shop.example
                database:
                  engine: mysql
                """);
        assertThat(all)
                .hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("could not reach secretsmanager, sqs"))
                .anySatisfy(p -> assertThat(p).contains("needs a certificate"))
                .anySatisfy(p -> assertThat(p).contains("service.port: is the mysql database's default port too"));
    }

    @Test
    void cli_exitsOne_andPrintsEachProblemOnce(@TempDir Path dir) throws IOException {
        Path spec = Files.writeString(
                dir.resolve("stackwright.yml"),
                "name: shop\nservice:\n  compute: fargate\n  cpu: 512\n  memory: 512\nfrontDoor: {domain: a.example.com}\n");
        CliTest.Run run = CliTest.run(
                "synth", "-f", spec.toString(), "-o", dir.resolve("out").toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err())
                .contains("service.memory: is not a memory size Fargate accepts with cpu 512")
                .contains("frontDoor.domain: needs a certificate")
                .contains("2 problems found.")
                .doesNotContain("Exception");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    // ---- plain-text secrets in service.environment ---------------------------------------------------------------

    @Test
    void secretByName_isRefusedAtTheValue_withoutEchoingIt() {
        assertThat(problems("name: shop\nservice:\n  environment:\n    Stripe_Api_Key: sk_live_51Habc\n"))
                .containsExactly(
                        "stackwright.yml:4:21: service.environment.Stripe_Api_Key: looks like a secret in plain text (a name that says it "
                                + "holds a secret); it would be readable in the template and the console (got a value of 14 characters). "
                                + "Fix: put the value in Secrets Manager (`aws secretsmanager create-secret --name stripe_api_key "
                                + "--secret-string ...`) and give its ARN under service.secrets as `Stripe_Api_Key: arn:aws:secretsmanager:...`; "
                                + "if it holds no secret, rename the variable.");
    }

    @Test
    void secretShapedValues_areEachRefused_allAtOnce() {
        List<String> all = problems("""
                name: shop
                service:
                  environment:
                    AWS_KEY_ID: AKIAIOSFODNN7EXAMPLE
                    AWS_KEY: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
                    GH: ghp_abcdefghijklmnopqrstuvwxyz0123456789
                    SLACK: xoxb-123456789012-abcdefghijkl
                    TLS_KEY: |
                      -----BEGIN RSA PRIVATE KEY-----
                      MIIEowIBAAKCAQEA
                    PASSWORD_ARN: arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf
                    COMMIT: 3f786850e387550fdab836ed7e6dc881de23001b
                    LOG_LEVEL: debug
                """);
        assertThat(all).hasSize(5);
        assertThat(all.get(0))
                .startsWith("stackwright.yml:4:17: service.environment.AWS_KEY_ID: looks like a secret in plain text "
                        + "(an AWS access key ID)")
                .contains("(got `AKIA...` (20 characters))");
        assertThat(all.get(1))
                .startsWith("stackwright.yml:5:14: service.environment.AWS_KEY: looks like a secret in plain text "
                        + "(a 40-character secret key)")
                .contains("(got a value of 40 characters)");
        assertThat(all.get(2))
                .startsWith(
                        "stackwright.yml:6:9: service.environment.GH: looks like a secret in plain text (a GitHub token)");
        assertThat(all.get(3))
                .startsWith(
                        "stackwright.yml:7:12: service.environment.SLACK: looks like a secret in plain text (a Slack token)");
        assertThat(all.get(4))
                .startsWith(
                        "stackwright.yml:8:14: service.environment.TLS_KEY: looks like a secret in plain text (a private key)")
                .contains("(got `-----BEGIN RSA PRIVATE KEY-----...`)");
        assertThat(String.join("\n", all)).doesNotContain("wJalrXUtnFEMI", "MIIEowIBAAKCAQEA", "IOSFODNN7");
    }

    @Test
    void cli_refusesAPlainTextSecret_exitOne_noJavaText(@TempDir Path dir) throws IOException {
        Path spec = Files.writeString(
                dir.resolve("stackwright.yml"),
                "name: shop\nservice:\n  compute: fargate\n  environment:\n    DB_TOKEN: s3cr3t-value\n");
        CliTest.Run run = CliTest.run("plan", "-f", spec.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err())
                .contains("stackwright.yml:5:15: service.environment.DB_TOKEN: looks like a secret in plain text")
                .contains("Fix: put the value in Secrets Manager")
                .doesNotContain("s3cr3t-value", "Exception", "at dev.");
    }

    // ---- characters AWS refuses ------------------------------------------------------------------------------------

    @Test
    void imageWithCharactersEcsRefuses_isLocated() {
        assertThat(problems("name: shop\nservice:\n  compute: fargate\n  image: 'my image:latest'\n"))
                .containsExactly(
                        "stackwright.yml:4:10: service.image: is not an image reference ECS accepts (got `my image:latest`). Fix: use "
                                + "REGISTRY/REPOSITORY:TAG (up to 255 letters, digits and - _ . : / # @), e.g. "
                                + "`123456789012.dkr.ecr.us-east-1.amazonaws.com/shop:1.0.0`.");
    }

    @Test
    void lambdaImageOutsideEcr_isRefused() {
        assertThat(problems("name: shop\nservice:\n  compute: lambda\n  image: nginx:1.27\n"))
                .singleElement()
                .asString()
                .startsWith(
                        "stackwright.yml:4:10: service.image: is not in a private ECR repository, and Lambda runs container "
                                + "images only from ECR (got `nginx:1.27`)");
    }

    @Test
    void healthCheckPathWithCharactersALoadBalancerRefuses_isLocated() {
        assertThat(problems("name: shop\nservice:\n  healthCheckPath: /health<check>\n"))
                .singleElement()
                .asString()
                .startsWith(
                        "stackwright.yml:3:20: service.healthCheckPath: has characters a load balancer health check does not take")
                .contains("Fix: use a path such as `/health`");
    }

    // ---- frontDoor.auth ------------------------------------------------------------------------------------------

    @Test
    void auth_withAnAlb_anHttpIssuerAndNoAudience_reportsAllThree() {
        assertThat(problems("""
                name: shop
                frontDoor:
                  type: alb
                  auth:
                    issuer: http://login.example.com
                    audience: []
                """))
                .containsExactly(
                        "stackwright.yml:4:3: frontDoor.auth: needs API Gateway's JWT authorizer; an ALB does not check bearer tokens "
                                + "(got type: alb). Fix: set frontDoor.type: api-gateway (or auto), or remove auth and check tokens in the app.",
                        "stackwright.yml:5:13: frontDoor.auth.issuer: is not an https URL, which API Gateway needs to fetch the issuer's "
                                + "keys (got `http://login.example.com`). Fix: use the `iss` of your tokens, e.g. "
                                + "`https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI` or `https://login.example.com/`.",
                        "stackwright.yml:6:15: frontDoor.auth.audience: is empty, so every token would be refused. Fix: list the accepted "
                                + "`aud` values (a Cognito app client ID), e.g. `audience: [1example23456789]`.");
    }

    @Test
    void auth_withoutIssuerOrAudience_saysWhatToAdd() {
        assertThat(problems("name: shop\nfrontDoor:\n  type: api-gateway\n  auth: {}\n"))
                .containsExactly(
                        "stackwright.yml:4:3: frontDoor.auth.audience: is missing. Fix: list the accepted `aud` values (a Cognito app "
                                + "client ID), e.g. `audience: [1example23456789]`.",
                        "stackwright.yml:4:3: frontDoor.auth.issuer: is missing. Fix: add `issuer:` with your identity provider's issuer URL, "
                                + "e.g. `https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI`.");
    }

    @Test
    void auth_unknownKey_isCaughtByTheSchema() {
        assertThat(problems(
                        "name: shop\nfrontDoor:\n  type: api-gateway\n  auth: {issuer: 'https://a.example.com', audience: [x], "
                                + "scopes: [read]}\n"))
                .singleElement()
                .asString()
                .contains("frontDoor.auth.scopes");
    }

    @Test
    void auth_onApiGateway_isAccepted() {
        assertThat(warnings("""
                            name: shop
                            frontDoor:
                              type: api-gateway
                              auth:
                                issuer: https://login.example.com/
                                audience: [api]
                            """)).isEmpty();
    }
}
