package dev.stackwright.cfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stackwright.Stackwright;
import dev.stackwright.plan.NetworkCombinations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The network stack strips the VPC's default security group of every rule, with a function that may do only that. */
class DefaultSecurityGroupTemplateTest {
    static List<NetworkCombinations.Case> combinations() {
        return NetworkCombinations.all();
    }

    private static JsonNode resources(String yaml) {
        return Stackwright.plan("stackwright.yml", yaml)
                .networkTemplate()
                .toJson()
                .path("Resources");
    }

    @ParameterizedTest
    @MethodSource("combinations")
    void everyNetworkStack_revokesTheRulesOfItsVpcsDefaultGroup(NetworkCombinations.Case c) {
        JsonNode resources = resources(c.yaml());
        JsonNode custom = resources.path("DefaultSecurityGroupWithoutRules");
        assertThat(custom.path("Type").asText()).isEqualTo("Custom::DefaultSecurityGroupRules");
        assertThat(custom.path("Properties").path("GroupId").path("Fn::GetAtt"))
                .containsExactly(json("\"Vpc\""), json("\"DefaultSecurityGroup\""));
        assertThat(custom.path("Properties")
                        .path("ServiceToken")
                        .path("Fn::GetAtt")
                        .path(0)
                        .asText())
                .isEqualTo("DefaultSecurityGroupRevokeFunction");
        // No security group resource stands for the default group: AWS creates it with the VPC.
        assertThat(resources.has("DefaultSecurityGroup")).isFalse();
    }

    @Test
    void theFunctionsRole_mayRevokeRulesOfThatOneGroup_andWriteItsOwnLogs() {
        JsonNode resources = resources("name: shop\n");
        JsonNode statements = resources
                .path("DefaultSecurityGroupRevokeRole")
                .path("Properties")
                .path("Policies")
                .path(0)
                .path("PolicyDocument")
                .path("Statement");
        assertThat(statements).hasSize(3);
        assertThat(statements.path(0).path("Action").toString())
                .isEqualTo("[\"ec2:RevokeSecurityGroupEgress\",\"ec2:RevokeSecurityGroupIngress\"]");
        assertThat(statements.path(0).path("Resource").path(0).path("Fn::Sub").asText())
                .isEqualTo(
                        "arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:security-group/${Vpc.DefaultSecurityGroup}");
        assertThat(statements.path(1).path("Action").toString()).isEqualTo("[\"ec2:DescribeSecurityGroups\"]");
        assertThat(statements.path(2).path("Action").toString())
                .isEqualTo("[\"logs:CreateLogStream\",\"logs:PutLogEvents\"]");
        assertThat(statements
                        .path(2)
                        .path("Resource")
                        .path(0)
                        .path("Fn::GetAtt")
                        .path(0)
                        .asText())
                .isEqualTo("DefaultSecurityGroupRevokeLogs");
        assertThat(resources
                        .path("DefaultSecurityGroupRevokeRole")
                        .path("Properties")
                        .has("ManagedPolicyArns"))
                .isFalse();

        JsonNode function = resources.path("DefaultSecurityGroupRevokeFunction").path("Properties");
        assertThat(function.path("LoggingConfig").path("LogGroup").path("Ref").asText())
                .isEqualTo("DefaultSecurityGroupRevokeLogs");
        assertThat(resources
                        .path("DefaultSecurityGroupRevokeLogs")
                        .path("Properties")
                        .path("RetentionInDays")
                        .asInt())
                .isPositive();
        // Inline code has a 4 KB limit.
        assertThat(function.path("Code").path("ZipFile").asText().length()).isLessThan(4096);
    }

    /**
     * Runs the function's code under Python against a fake EC2 and a fake CloudFormation response URL: it revokes
     * exactly the rules the group has, does nothing on Delete, and answers FAILED (rather than never) on an error.
     */
    @Test
    void theFunction_revokesWhatTheGroupHas_andAlwaysAnswers(@TempDir Path dir)
            throws IOException, InterruptedException {
        String code = resources("name: shop\n")
                .path("DefaultSecurityGroupRevokeFunction")
                .path("Properties")
                .path("Code")
                .path("ZipFile")
                .asText();
        Files.writeString(dir.resolve("index.py"), code, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("driver.py"), """
                import contextlib, json, sys, types, urllib.request
                calls, answers = [], []
                state = {"ingress": [], "egress": [], "fail": False}
                class Ec2:
                    def describe_security_groups(self, GroupIds):
                        calls.append(["describe"] + GroupIds)
                        if state["fail"]:
                            raise RuntimeError("AccessDenied")
                        return {"SecurityGroups": [{"GroupId": GroupIds[0], "IpPermissions": state["ingress"],
                                                    "IpPermissionsEgress": state["egress"]}]}
                    def revoke_security_group_ingress(self, GroupId, IpPermissions):
                        calls.append(["revoke-ingress", GroupId, len(IpPermissions)])
                    def revoke_security_group_egress(self, GroupId, IpPermissions):
                        calls.append(["revoke-egress", GroupId, len(IpPermissions)])
                boto3 = types.ModuleType("boto3")
                boto3.client = lambda name: Ec2()
                sys.modules["boto3"] = boto3
                def urlopen(request, timeout):
                    answers.append([request.get_method(), json.loads(request.data)])
                    return contextlib.nullcontext()
                urllib.request.urlopen = urlopen
                import index
                class Context:
                    log_group_name = "/logs"
                def run(kind, **s):
                    state.update({"ingress": [], "egress": [], "fail": False}, **s)
                    index.handler({"RequestType": kind, "ResourceProperties": {"GroupId": "sg-1"}, "StackId": "st",
                                   "RequestId": "rq", "LogicalResourceId": "lr", "ResponseURL": "https://s3/x"}, Context())
                rule = {"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": "sg-1", "UserId": "1"}]}
                run("Create", ingress=[rule], egress=[{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
                run("Update")
                run("Delete", ingress=[rule])
                run("Create", fail=True)
                print(json.dumps({"calls": calls, "answers": answers}))
                """, StandardCharsets.UTF_8);
        Process p;
        try {
            p = new ProcessBuilder("python3", "driver.py")
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            assumeThat(e).as("python3 is not installed").isNull();
            return;
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        JsonNode result =
                new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElseThrow());
        assertThat(result.path("calls").toString())
                .isEqualTo("[[\"describe\",\"sg-1\"],[\"revoke-ingress\",\"sg-1\",1],"
                        + "[\"revoke-egress\",\"sg-1\",1],[\"describe\",\"sg-1\"],[\"describe\",\"sg-1\"]]");
        JsonNode answers = result.path("answers");
        assertThat(answers).hasSize(4);
        assertThat(answers).allSatisfy(a -> {
            assertThat(a.path(0).asText()).isEqualTo("PUT");
            assertThat(a.path(1).path("PhysicalResourceId").asText()).isEqualTo("sg-1-without-rules");
            assertThat(a.path(1).path("RequestId").asText()).isEqualTo("rq");
        });
        assertThat(answers.findValuesAsText("Status")).containsExactly("SUCCESS", "SUCCESS", "SUCCESS", "FAILED");
        assertThat(answers.path(3).path(1).path("Reason").asText()).contains("AccessDenied", "/logs");
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
