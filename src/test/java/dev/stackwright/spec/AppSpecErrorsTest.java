package dev.stackwright.spec;

import dev.stackwright.Stackwright;
import dev.stackwright.cli.CliTest;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Bad application settings: each a `file:line:col` message with a fix, all reported together. */
class AppSpecErrorsTest {

    private static List<String> problems(String yaml) {
        InputException e = catchThrowableOfType(InputException.class, () -> Stackwright.plan("stackwright.yml", yaml));
        assertThat(e).as("expected the spec to be rejected").isNotNull();
        return e.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::format).toList();
    }

    private static List<String> warnings(String yaml) {
        return Stackwright.plan("stackwright.yml", yaml).spec().warnings().stream().map(Diagnostic::format).toList();
    }

    @Test
    void unknownCompute_listsTheChoices() {
        assertThat(problems("name: shop\nservice:\n  compute: kubernetes\n")).containsExactly(
                "stackwright.yml:3:12: service.compute: is not an allowed value (got `kubernetes`). Fix: use one of: ecs-ec2, fargate, lambda.");
    }

    @Test
    void unknownFrontDoor_shortForm_suggestsTheClosest() {
        assertThat(problems("name: shop\nfrontDoor: albb\n")).containsExactly(
                "stackwright.yml:2:12: frontDoor: is not an allowed value (got `albb`). Fix: did you mean `alb`? Use one of: auto, alb, api-gateway.");
    }

    @Test
    void unknownFrontDoor_mappingForm_isCheckedByTheSchema() {
        assertThat(problems("name: shop\nfrontDoor:\n  type: nlb\n")).singleElement().asString()
                .startsWith("stackwright.yml:3:9: frontDoor.type: is not an allowed value (got `nlb`)");
    }

    @Test
    void frontDoorOfTheWrongType_saysBothFormsWork() {
        assertThat(problems("name: shop\nfrontDoor: [alb]\n")).singleElement().asString()
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
                """)).containsExactly("stackwright.yml:3:8: network.nat: the function could not reach secretsmanager with "
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
                """)).singleElement().asString()
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
        assertThat(problems("name: shop\nservice:\n  instanceType: t3.micro\n  memory: 1024\n")).containsExactly(
                "stackwright.yml:3:17: service.instanceType: a task of 256 CPU units and 1024 MiB does not fit on a t3.micro "
                        + "(2 vCPU, 1024 MiB, of which the OS and ECS agent keep 256) (got t3.micro). "
                        + "Fix: use instanceType: t3.small, or lower service.memory to 768 and service.cpu to 2048 or less.");
    }

    @Test
    void taskTooLarge_withTheDefaultType_pointsAtTheMemory() {
        assertThat(problems("name: shop\nservice:\n  memory: 4096\n")).singleElement().asString()
                .startsWith("stackwright.yml:3:11: service.memory: a task of 256 CPU units and 4096 MiB does not fit on a t3.micro")
                .contains("Fix: use instanceType: t3.large");
    }

    @Test
    void unknownInstanceType_isAWarning_withASuggestion() {
        assertThat(warnings("name: shop\nservice:\n  instanceType: t3.mikro\n")).singleElement().asString()
                .contains("service.instanceType: is not in Stackwright's catalogue")
                .contains("did you mean `t3.micro`?");
    }

    @Test
    void domainWithoutCertificate_isRefused_withTheCommandToGetOne() {
        assertThat(problems("name: shop\nregion: eu-west-1\nfrontDoor:\n  type: alb\n  domain: api.shop.example\n")).containsExactly(
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
                """)).singleElement().asString()
                .startsWith("stackwright.yml:5:19: frontDoor.certificateArn: is in us-east-1, but the load balancer or API is in eu-west-1");
    }

    @Test
    void databasePortCollidingWithTheServicePort_isRefused() {
        assertThat(problems("name: shop\nservice:\n  port: 5432\ndatabase:\n  engine: postgres\n")).singleElement().asString()
                .startsWith("stackwright.yml:3:9: service.port: is the postgres database's default port too");
    }

    @Test
    void fargatePairAwsDoesNotAccept_givesTheValidRange() {
        assertThat(problems("name: shop\nservice:\n  compute: fargate\n  cpu: 1024\n  memory: 1536\n")).containsExactly(
                "stackwright.yml:5:11: service.memory: is not a memory size Fargate accepts with cpu 1024 (got 1536 MiB). "
                        + "Fix: use 2048 to 8192 MiB in steps of 1024, or change service.cpu.");
        assertThat(problems("name: shop\nservice:\n  compute: fargate\n  cpu: 300\n")).containsExactly(
                "stackwright.yml:4:8: service.cpu: is not a CPU size Fargate offers (got 300). "
                        + "Fix: use one of 256, 512, 1024, 2048, 4096, 8192, 16384.");
    }

    @Test
    void secretThatIsNotAnArn_isRefused() {
        assertThat(problems("name: shop\nservice:\n  secrets:\n    TOKEN: hunter2\n")).singleElement().asString()
                .startsWith("stackwright.yml:4:12: service.secrets.TOKEN: is not the ARN of a Secrets Manager secret or an SSM parameter")
                .contains("plain values belong in service.environment");
    }

    @Test
    void variableTheDatabaseSets_isReserved() {
        assertThat(problems("name: shop\nservice:\n  environment:\n    DB_HOST: localhost\ndatabase: {engine: mysql}\n"))
                .singleElement().asString().startsWith("stackwright.yml:4:5: service.environment.DB_HOST: is set by Stackwright");
    }

    @Test
    void scalingRange_andDesiredCount_areChecked() {
        assertThat(problems("name: shop\nservice:\n  scaling: {min: 4, max: 2}\n")).singleElement().asString()
                .contains("service.scaling.min: is more than scaling.max (got 4 > 2)");
        assertThat(problems("name: shop\nservice:\n  desiredCount: 9\n")).singleElement().asString()
                .contains("service.desiredCount: desiredCount 9 is outside scaling 1..5");
    }

    @Test
    void settingsTheComputeIgnores_areWarnings() {
        assertThat(warnings("name: shop\nservice:\n  compute: lambda\n  cpu: 512\n  scaling: {max: 3}\n"))
                .anySatisfy(w -> assertThat(w).contains("service.cpu: is ignored because Lambda gives CPU in proportion to memory"))
                .anySatisfy(w -> assertThat(w).contains("service.scaling: is ignored because Lambda scales per request"));
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
        assertThat(all).hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("could not reach secretsmanager, sqs"))
                .anySatisfy(p -> assertThat(p).contains("needs a certificate"))
                .anySatisfy(p -> assertThat(p).contains("service.port: is the mysql database's default port too"));
    }

    @Test
    void cli_exitsOne_andPrintsEachProblemOnce(@TempDir Path dir) throws IOException {
        Path spec = Files.writeString(dir.resolve("stackwright.yml"),
                "name: shop\nservice:\n  compute: fargate\n  cpu: 512\n  memory: 512\nfrontDoor: {domain: a.example.com}\n");
        CliTest.Run run = CliTest.run("synth", "-f", spec.toString(), "-o", dir.resolve("out").toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("service.memory: is not a memory size Fargate accepts with cpu 512")
                .contains("frontDoor.domain: needs a certificate").contains("2 problems found.").doesNotContain("Exception");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
