package dev.stackwright.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stackwright.Stackwright;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of bad input gets one clear `file:line:col: path: what (got X). Fix: how.` message. */
class SpecErrorsTest {

    private static List<String> problems(String yaml) {
        InputException e = catchThrowableOfType(InputException.class, () -> Stackwright.plan("stackwright.yml", yaml));
        assertThat(e).as("expected the spec to be rejected").isNotNull();
        return e.diagnostics().stream().map(Diagnostic::format).toList();
    }

    /** A map where a list belongs is the schema's one error, not an internal error in the binder behind it. */
    @Test
    void serviceCalls_asAMap_isOneTypeError() {
        List<String> all = problems("name: shop\nservice:\n  compute: fargate\n  port: 8080\n  calls: {sqs: true}\n");
        assertThat(all).hasSize(1);
        assertThat(all.getFirst()).startsWith("stackwright.yml:5:").contains("service.calls");
    }

    @Test
    void malformedYaml_pointsAtTheLineAndColumn() {
        assertThat(problems("name: shop\nnetwork:\n  azs: 2\n   nat: none\n"))
                .singleElement()
                .asString()
                .startsWith("stackwright.yml:4:")
                .contains("this is not valid YAML")
                .contains("Fix: check the indentation");
    }

    @Test
    void unknownKey_suggestsTheClosestKnownKey() {
        assertThat(problems("name: shop\nnetwork:\n  natt: none\n"))
                .containsExactly(
                        "stackwright.yml:3:3: network.natt: is not a key Stackwright knows. Fix: did you mean `nat`? Rename it.");
    }

    @Test
    void unknownKey_withNothingClose_listsTheAllowedKeys() {
        assertThat(problems("name: shop\nalarms:\n  pager: 3\n"))
                .singleElement()
                .asString()
                .isEqualTo(
                        "stackwright.yml:3:3: alarms.pager: is not a key Stackwright knows. Fix: remove it; keys allowed under alarms: email.");
    }

    @Test
    void missingName_isRequired() {
        assertThat(problems("region: us-east-1\n"))
                .singleElement()
                .asString()
                .startsWith("stackwright.yml:1:1: name: this key is required. Fix: add `name:` at the top level");
    }

    @Test
    void invalidCidr_isNamedWithItsValue() {
        assertThat(problems("name: shop\nnetwork:\n  cidr: 10.0.0.300/16\n"))
                .containsExactly(
                        "stackwright.yml:3:9: network.cidr: is not an IPv4 CIDR block (got `10.0.0.300/16`). "
                                + "Fix: write it as address/prefix, e.g. `10.2.0.0/16`, or remove it to use the environment's default.");
    }

    @Test
    void rangeOfBlocks_isNotOneCidr() {
        // The address library reads 10-11.0.0.0/8 as two /8 blocks: each a prefix block, together not a CIDR.
        assertThat(problems("name: shop\nnetwork:\n  cidr: 10-11.0.0.0/8\n"))
                .containsExactly(
                        "stackwright.yml:3:9: network.cidr: is not an IPv4 CIDR block (got `10-11.0.0.0/8`). "
                                + "Fix: write it as address/prefix, e.g. `10.2.0.0/16`, or remove it to use the environment's default.");
    }

    @Test
    void cidrWithHostBits_showsTheAlignedBlock() {
        assertThat(problems("name: shop\nnetwork:\n  cidr: 10.20.1.0/16\n"))
                .containsExactly(
                        "stackwright.yml:3:9: network.cidr: has host bits set, so it is not the start of a block (got 10.20.1.0/16). Fix: use `10.20.0.0/16`.");
    }

    @Test
    void publicCidr_isRejected() {
        assertThat(problems("name: shop\nnetwork:\n  cidr: 8.8.0.0/16\n"))
                .containsExactly(
                        "stackwright.yml:3:9: network.cidr: is not a private (RFC 1918) range (got 8.8.0.0/16). "
                                + "Fix: use a block inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16, e.g. `10.2.0.0/16`.");
    }

    @Test
    void cidrLargerThanAVpc_isRejected() {
        assertThat(problems("name: shop\nnetwork:\n  cidr: 172.16.0.0/12\n"))
                .singleElement()
                .asString()
                .contains("network.cidr: is larger than a VPC can be")
                .contains("Fix: use a /16, e.g. `172.16.0.0/16`.");
    }

    @Test
    void vpcTooSmallForTheTiers_isRejected() {
        assertThat(problems("name: shop\nnetwork:\n  cidr: 10.16.0.0/24\n"))
                .containsExactly(
                        "stackwright.yml:3:9: network.cidr: is too small for 3 tiers in 4 zone slots (public, app and data subnets need at least a /22) "
                                + "(got /24). Fix: use a /20 or larger, e.g. `10.16.0.0/20`.");
    }

    @Test
    void vpcTooSmallForMaxTasks_saysHowManyFit() {
        assertThat(problems("name: shop\nnetwork:\n  cidr: 10.16.0.0/22\n  maxTasks: 500\n"))
                .containsExactly(
                        "stackwright.yml:4:13: network.maxTasks: the VPC 10.16.0.0/22 is too small for app subnets holding 500 tasks per zone "
                                + "(got maxTasks 500 in a /22). Fix: lower maxTasks to 98 or less, or use a larger block such as a /16.");
    }

    @Test
    void maxTasksBeyondTheLargestVpc_saysSixteenIsTheLimit() {
        assertThat(problems("name: shop\nnetwork:\n  maxTasks: 9000\n"))
                .singleElement()
                .asString()
                .contains("lower maxTasks to 6549 or less (a /16 is the largest block a VPC can have)");
    }

    @Test
    void azsOutOfRange_givesTheRange() {
        assertThat(problems("name: shop\nnetwork:\n  azs: 4\n"))
                .containsExactly(
                        "stackwright.yml:3:8: network.azs: must be between 2 and 3 (got `4`). Fix: use a whole number from 2 to 3.");
        assertThat(problems("name: shop\nnetwork:\n  azs: 1\n"))
                .singleElement()
                .asString()
                .contains("(got `1`)");
    }

    @Test
    void bastionWithoutCidr_asksForTheRange() {
        assertThat(problems("name: shop\nnetwork:\n  access: bastion\n"))
                .containsExactly(
                        "stackwright.yml:3:11: network.bastionCidr: access: bastion needs the address range allowed to SSH in. "
                                + "Fix: add `bastionCidr: 203.0.113.0/24` under network, with your office or VPN range.");
    }

    @Test
    void bastionOpenToTheWorld_isRejected() {
        assertThat(problems("name: shop\nnetwork:\n  access: bastion\n  bastionCidr: 0.0.0.0/0\n"))
                .singleElement()
                .asString()
                .contains("network.bastionCidr: would open SSH to a large part of the internet (got 0.0.0.0/0)");
    }

    @Test
    void cidrOverlappingAnotherEnvironment_isRejected() {
        assertThat(problems("name: shop\nenvironment: dev\nnetwork:\n  cidr: 10.0.0.0/16\n"))
                .containsExactly(
                        "stackwright.yml:4:9: network.cidr: overlaps the prod environment's block 10.0.0.0/16, so the two VPCs could never be peered "
                                + "(got 10.0.0.0/16). Fix: use a block outside 10.0.0.0/14, e.g. `10.16.0.0/16`, or remove it to use dev's default 10.2.0.0/16.");
    }

    @Test
    void cidrOverlappingTwoEnvironments_reportsBoth() {
        assertThat(problems("name: shop\nenvironment: prod\nnetwork:\n  cidr: 10.0.0.0/8\n"))
                .anyMatch(m -> m.contains("overlaps the staging environment's block"))
                .anyMatch(m -> m.contains("overlaps the dev environment's block"));
    }

    @Test
    void unknownEnum_suggestsTheClosestValue() {
        assertThat(problems("name: shop\nnetwork:\n  nat: gatway\n"))
                .containsExactly(
                        "stackwright.yml:3:8: network.nat: is not an allowed value (got `gatway`). "
                                + "Fix: did you mean `gateway`? Use one of: instance, gateway, gateway-per-az, regional-gateway, none.");
    }

    @Test
    void wrongType_saysWhatToWrite() {
        assertThat(problems("name: shop\nservice:\n  port: \"8080\"\n"))
                .containsExactly(
                        "stackwright.yml:3:9: service.port: must be a whole number (got `8080`). Fix: write a whole number without quotes, e.g. `port: 8080`.");
    }

    @Test
    void duplicateKey_pointsAtTheSecond() {
        assertThat(problems("name: shop\nnetwork:\n  azs: 2\n  azs: 3\n"))
                .containsExactly(
                        "stackwright.yml:4:3: network.azs: this key appears twice. Fix: keep one `azs` (the first is at line 3).");
    }

    @Test
    void unknownEndpoint_suggestsTheService() {
        assertThat(problems("name: shop\nnetwork:\n  endpoints: [s3, ecr-api]\n"))
                .containsExactly(
                        "stackwright.yml:3:19: network.endpoints[1]: is not an endpoint service Stackwright knows (got `ecr-api`). Fix: did you mean `ecr.api`?");
    }

    @Test
    void portCollision_withTheDefaultDatabasePort_pointsAtTheServicePort() {
        assertThat(problems("name: shop\nservice:\n  port: 5432\ndatabase:\n  engine: postgres\n"))
                .containsExactly(
                        "stackwright.yml:3:9: service.port: is the postgres database's default port too (got 5432). "
                                + "Fix: move the service to another port, e.g. 8080, or set database.port.");
    }

    @Test
    void portCollision_withAnExplicitDatabasePort_pointsAtIt() {
        assertThat(problems("name: shop\nservice:\n  port: 3000\ndatabase:\n  port: 3000\n"))
                .singleElement()
                .asString()
                .startsWith(
                        "stackwright.yml:5:9: database.port: the database port is the same as the service port (got 3000)");
    }

    @Test
    void emptyFile_andNonMapping_areExplained() {
        assertThat(problems("")).singleElement().asString().contains("the file is empty");
        assertThat(problems("- a\n- b\n"))
                .singleElement()
                .asString()
                .contains("must be a YAML mapping")
                .contains("(got a list)");
    }

    @Test
    void manyProblems_areAllReportedAtOnce_inFileOrder() {
        List<String> all = problems("""
                name: Shop
                enviroment: prod
                network:
                  cidr: 8.8.0.0/16
                  azs: 9
                  access: bastion
                service:
                  port: 0
                """);
        assertThat(all).hasSize(6);
        assertThat(all)
                .map(m -> m.substring(0, m.indexOf(": ", 16)))
                .containsExactly(
                        "stackwright.yml:1:7",
                        "stackwright.yml:2:1",
                        "stackwright.yml:4:9",
                        "stackwright.yml:5:8",
                        "stackwright.yml:6:11",
                        "stackwright.yml:8:9");
    }

    @Test
    void warnings_doNotStopThePlan_butAreKept() {
        Stackwright.Result r = Stackwright.plan(
                "stackwright.yml", "name: shop\nnetwork:\n  nat: gateway\n  natInstance: {type: t4g.micro}\n");
        assertThat(r.spec().warnings())
                .singleElement()
                .extracting(Diagnostic::format)
                .asString()
                .isEqualTo(
                        "stackwright.yml:4:3: warning: network.natInstance: is ignored because nat is not `instance` (got nat: gateway). "
                                + "Fix: remove natInstance, or set `nat: instance`.");
    }

    @Test
    void bastionKeyName_withCharactersEc2Refuses_isLocatedWithAFix() {
        assertThat(
                        problems(
                                "name: shop\nnetwork:\n  access: bastion\n  bastionCidr: 203.0.113.0/24\n  bastionKeyName: \"ops key é\"\n"))
                .singleElement()
                .asString()
                .startsWith("stackwright.yml:5:19: network.bastionKeyName: is not in the expected form")
                .endsWith(
                        "Fix: use the key pair's name as `aws ec2 describe-key-pairs` lists it (ASCII, up to 255 characters), e.g. `ops`.");
    }
}
