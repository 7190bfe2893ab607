package dev.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real SDK adapter end to end, against an HTTP server on 127.0.0.1 that answers in CloudFormation's and STS's
 * query protocol with canned XML: proves the region, the endpoint override and the credentials (fake keys from
 * system properties) reach the wire, and that AWS errors come out as one sentence and a fix.
 */
class AwsCommandsTest {
    private static final String CFN = "xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"";
    private static final String STACK = """
            <DescribeStacksResponse %s><DescribeStacksResult><Stacks><member>
              <StackName>shop-dev-network</StackName>
              <StackId>arn:aws:cloudformation:eu-west-1:123456789012:stack/shop-dev-network/1</StackId>
              <StackStatus>%s</StackStatus>
              <CreationTime>2026-03-02T10:00:00Z</CreationTime>
              <Tags><member><Key>stackwright:stack</Key><Value>shop-dev</Value></member></Tags>
              <Outputs><member><OutputKey>VpcId</OutputKey><OutputValue>vpc-0abc</OutputValue></member></Outputs>
              <DriftInformation><StackDriftStatus>NOT_CHECKED</StackDriftStatus></DriftInformation>
            </member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></DescribeStacksResponse>
            """;
    private static final String IDENTITY = """
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>
              <Arn>arn:aws:iam::123456789012:user/tester</Arn><UserId>AIDATEST</UserId><Account>123456789012</Account>
            </GetCallerIdentityResult><ResponseMetadata><RequestId>2</RequestId></ResponseMetadata></GetCallerIdentityResponse>
            """;

    @TempDir
    Path dir;

    private HttpServer server;
    private String endpoint;
    /** Action -> (status, body). */
    private final Map<String, String[]> answers = new HashMap<>();

    private final List<Map<String, String>> requests = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        System.setProperty("aws.accessKeyId", "AKIDSTACKWRIGHTTEST");
        System.setProperty("aws.secretAccessKey", "not-a-real-secret");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = new HashMap<>();
            for (String pair : body.split("&", -1)) {
                String[] kv = pair.split("=", 2);
                form.put(
                        URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
            form.put(
                    "Authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            synchronized (requests) {
                requests.add(form);
            }
            String[] answer = answers.getOrDefault(form.get("Action"), new String[] {
                "400",
                "<ErrorResponse " + CFN + "><Error><Type>Sender</Type><Code>InvalidAction</Code>"
                        + "<Message>not scripted: " + form.get("Action")
                        + "</Message></Error><RequestId>0</RequestId></ErrorResponse>"
            });
            byte[] bytes = answer[1].getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(Integer.parseInt(answer[0]), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
        answers.put("GetCallerIdentity", new String[] {"200", IDENTITY});
    }

    @AfterEach
    void stop() {
        server.stop(0);
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private Path spec() throws IOException {
        Path file = dir.resolve("stackwright.yml");
        Files.writeString(file, "name: shop\nregion: eu-west-1\n");
        return file;
    }

    private List<String> actions() {
        return requests.stream().map(r -> r.get("Action")).toList();
    }

    @Test
    void whoami_signsWithTheKeysAndRegion_andCallsTheEndpointGiven() {
        CliTest.Run r = CliTest.run(
                "whoami",
                "-f",
                dir.resolve("none.yml").toString(),
                "--region",
                "eu-central-1",
                "--endpoint-url",
                endpoint);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "account   123456789012",
                        "identity  arn:aws:iam::123456789012:user/tester",
                        "region    eu-central-1 (from --region)",
                        "endpoint  " + endpoint);
        assertThat(requests)
                .singleElement()
                .satisfies(q -> assertThat(q.get("Authorization"))
                        .contains("Credential=AKIDSTACKWRIGHTTEST/", "/eu-central-1/sts/aws4_request"));
    }

    @Test
    void status_readsTheStacks_inTheSpecsRegion() throws IOException {
        answers.put("DescribeStacks", new String[] {"200", STACK.formatted(CFN, "CREATE_COMPLETE")});
        CliTest.Run r = CliTest.run("status", "-f", spec().toString(), "--endpoint-url", endpoint);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("shop-dev-network  CREATE_COMPLETE", "VpcId", "vpc-0abc", "drift:  not checked");
        assertThat(requests.getFirst()).containsEntry("StackName", "shop-dev-network");
        assertThat(requests.getFirst().get("Authorization")).contains("/eu-west-1/cloudformation/aws4_request");
    }

    @Test
    void status_ofAStackThatDoesNotExist_isNotDeployed() throws IOException {
        answers.put("DescribeStacks", new String[] {
            "400",
            "<ErrorResponse " + CFN + "><Error><Type>Sender</Type><Code>ValidationError</Code>"
                    + "<Message>Stack with id shop-dev-network does not exist</Message></Error><RequestId>3</RequestId></ErrorResponse>"
        });
        CliTest.Run r = CliTest.run("status", "-f", spec().toString(), "--endpoint-url", endpoint);
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("shop-dev-network  not deployed");
    }

    @Test
    void deploy_withNoChanges_exitsZero_andDeletesTheChangeSet() throws IOException {
        answers.put("DescribeStacks", new String[] {"200", STACK.formatted(CFN, "UPDATE_COMPLETE")});
        answers.put("CreateChangeSet", new String[] {
            "200",
            "<CreateChangeSetResponse " + CFN + "><CreateChangeSetResult>"
                    + "<Id>arn:cs</Id><StackId>arn:stack</StackId></CreateChangeSetResult></CreateChangeSetResponse>"
        });
        answers.put("DescribeChangeSet", new String[] {
            "200",
            "<DescribeChangeSetResponse " + CFN + "><DescribeChangeSetResult>"
                    + "<ChangeSetName>stackwright-x</ChangeSetName><ChangeSetId>arn:cs</ChangeSetId><Status>FAILED</Status>"
                    + "<ExecutionStatus>UNAVAILABLE</ExecutionStatus><StatusReason>The submitted information didn't contain changes. "
                    + "Submit different information to create a change set.</StatusReason><Changes/></DescribeChangeSetResult></DescribeChangeSetResponse>"
        });
        answers.put("DeleteChangeSet", new String[] {
            "200", "<DeleteChangeSetResponse " + CFN + "><DeleteChangeSetResult/></DeleteChangeSetResponse>"
        });

        // An image outside the project's registry: this server answers CloudFormation alone, and the subject here is
        // the change set (the registry's image check is FirstImageTest's and MotoRoundTripTest's).
        Path file = spec();
        Files.writeString(file, "name: shop\nregion: eu-west-1\nservice: {image: 'nginx:1.27'}\n");
        CliTest.Run r = CliTest.run("deploy", "-f", file.toString(), "--endpoint-url", endpoint);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("shop-dev-network: no changes", "VpcId");
        assertThat(r.err())
                .contains(
                        "Deploying shop-dev to account 123456789012 in eu-west-1 as arn:aws:iam::123456789012:user/tester");
        assertThat(actions()).contains("CreateChangeSet", "DeleteChangeSet").doesNotContain("ExecuteChangeSet");
        Map<String, String> create = requests.stream()
                .filter(q -> "CreateChangeSet".equals(q.get("Action")))
                .findFirst()
                .orElseThrow();
        assertThat(create)
                .containsEntry("ChangeSetType", "UPDATE")
                .containsEntry("Capabilities.member.1", "CAPABILITY_IAM")
                .containsEntry("Tags.member.1.Key", "stackwright:role")
                .containsEntry("Tags.member.2.Value", "shop-dev")
                .doesNotContainKey("Parameters");
        assertThat(create.get("TemplateBody")).contains("AWS::EC2::VPC");
    }

    @Test
    void expiredCredentials_oneSentenceAndTheFix_noStackTrace() {
        answers.put("GetCallerIdentity", new String[] {
            "403",
            "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                    + "<Error><Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message>"
                    + "</Error><RequestId>4</RequestId></ErrorResponse>"
        });
        CliTest.Run r = CliTest.run(
                "whoami",
                "-f",
                dir.resolve("none.yml").toString(),
                "--region",
                "eu-west-1",
                "--endpoint-url",
                endpoint);
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err())
                .startsWith("stackwright: your AWS credentials have expired.\nFix: refresh them")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    void accessDenied_namesWhatWasDenied() throws IOException {
        answers.put("DescribeStacks", new String[] {
            "403",
            "<ErrorResponse " + CFN + "><Error><Type>Sender</Type><Code>AccessDenied</Code>"
                    + "<Message>User: arn:aws:iam::123456789012:user/tester is not authorized to perform: cloudformation:DescribeStacks. "
                    + "More text.</Message></Error><RequestId>5</RequestId></ErrorResponse>"
        });
        CliTest.Run r = CliTest.run("status", "-f", spec().toString(), "--endpoint-url", endpoint);
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err())
                .contains(
                        "access denied while describing stack shop-dev-network",
                        "cloudformation:DescribeStacks.",
                        "Fix: grant the identity")
                .doesNotContain("More text", "Exception");
    }

    @Test
    void nothingListening_saysTheEndpointIsNotReachable() {
        server.stop(0);
        CliTest.Run r = CliTest.run(
                "whoami",
                "-f",
                dir.resolve("none.yml").toString(),
                "--region",
                "eu-west-1",
                "--endpoint-url",
                endpoint);
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err())
                .contains("could not reach AWS at " + endpoint, "--endpoint-url")
                .doesNotContain("Exception");
    }

    @Test
    void endpointThatIsNotAUrl_isTheUsersMistake_onEveryAwsCommand() throws IOException {
        String file = spec().toString();
        for (String bad : List.of("not a url", "http://a b", "localhost:4566", "http://", "ftp://x")) {
            for (String[] args : List.of(
                    new String[] {"whoami", "-f", file},
                    new String[] {"status", "-f", file},
                    new String[] {"diff", "-f", file},
                    new String[] {"deploy", "-f", file, "--yes"},
                    new String[] {"vpc", "inspect", "vpc-0abc", "-f", file})) {
                List<String> line = new ArrayList<>(List.of(args));
                line.addAll(List.of("--endpoint-url", bad));
                CliTest.Run r = CliTest.run(line.toArray(String[]::new));
                assertThat(r.code()).as(line + ": " + r.err()).isEqualTo(Main.INPUT_PROBLEM);
                assertThat(r.err())
                        .as(String.join(" ", line))
                        .contains("--endpoint-url `" + bad + "`", "Fix: give a URL such as http://localhost:4566")
                        .doesNotContain("Exception", "internal error", "\tat ");
            }
        }
        assertThat(requests).isEmpty();
    }

    @Test
    void whoami_masksTheCredentialsOfAnEndpoint() {
        String withPassword = endpoint.replace("http://", "http://admin:s3cret@");
        CliTest.Run r = CliTest.run(
                "whoami",
                "-f",
                dir.resolve("none.yml").toString(),
                "--region",
                "eu-west-1",
                "--endpoint-url",
                withPassword);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("endpoint  " + endpoint.replace("http://", "http://***@"))
                .doesNotContain("s3cret", "admin");

        server.stop(0);
        r = CliTest.run(
                "whoami",
                "-f",
                dir.resolve("none.yml").toString(),
                "--region",
                "eu-west-1",
                "--endpoint-url",
                withPassword);
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err())
                .contains("could not reach AWS at http://***@127.0.0.1")
                .doesNotContain("s3cret", "admin");
    }

    @Test
    void masked_hidesTheUserInformationOfEveryUrl() {
        assertThat(dev.stackwright.deploy.AwsTarget.masked(
                        "http://u:p@host:4566/x and https://k@h/ and http://h:1/a@b"))
                .isEqualTo("http://***@host:4566/x and https://***@h/ and http://h:1/a@b");
        assertThat(dev.stackwright.deploy.AwsTarget.withoutCredentials("http://u:p@host:4566/"))
                .isEqualTo("http://host:4566/");
    }

    @Test
    void unknownProfile_saysSo() {
        CliTest.Run r = CliTest.run(
                "whoami",
                "-f",
                dir.resolve("none.yml").toString(),
                "--region",
                "eu-west-1",
                "--endpoint-url",
                endpoint,
                "--profile",
                "no-such-profile-for-stackwright-tests");
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err())
                .contains("no-such-profile-for-stackwright-tests", "Fix: run `aws configure --profile")
                .doesNotContain("Exception");
        assertThat(requests).as("nothing sent without credentials").isEmpty();
    }

    @Test
    void badTimeout_isExplained() throws IOException {
        CliTest.Run r = CliTest.run("deploy", "-f", spec().toString(), "--timeout", "soon", "--endpoint-url", endpoint);
        assertThat(r.code()).isEqualTo(Main.INPUT_PROBLEM);
        assertThat(r.err()).contains("--timeout soon is not a duration", "30m");
        assertThat(AwsOptions.duration("90s")).hasSeconds(90);
        assertThat(AwsOptions.duration("2h")).hasHours(2);
        assertThat(AwsOptions.duration("15")).hasMinutes(15);
    }
}
