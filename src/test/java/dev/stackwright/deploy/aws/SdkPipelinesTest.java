package dev.stackwright.deploy.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.stackwright.deploy.Aws;
import dev.stackwright.deploy.AwsTarget;
import dev.stackwright.deploy.DeployException;
import dev.stackwright.deploy.Pipelines;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CodePipeline adapter's requests and how it reads the answers, against a server this test runs on 127.0.0.1:
 * moto 5.2.1 has none of these four operations (moto/codepipeline/responses.py), so the answers are CodePipeline's as
 * its API reference shows them (https://docs.aws.amazon.com/codepipeline/latest/APIReference/).
 */
class SdkPipelinesTest {
    private HttpServer server;
    private final List<String> requests = new ArrayList<>();
    private final Map<String, String> answers = new java.util.HashMap<>();
    private int status = 200;

    @BeforeEach
    void startServer() throws IOException {
        System.setProperty("aws.accessKeyId", "stackwright-test");
        System.setProperty("aws.secretAccessKey", "stackwright-test");
        server = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + target + " " + body + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] answer = answers.getOrDefault(target, "{}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private Aws aws() {
        return SdkAws.connect(new AwsTarget(
                null,
                "eu-west-1",
                "the test",
                "http://127.0.0.1:" + server.getAddress().getPort()));
    }

    @Test
    void start_andInProgress_sendSignedJsonCalls() {
        answers.put("CodePipeline_20150709.StartPipelineExecution", "{\"pipelineExecutionId\":\"run-2\"}");
        answers.put("CodePipeline_20150709.ListPipelineExecutions", """
                {"pipelineExecutionSummaries":[
                  {"pipelineExecutionId":"run-2","status":"InProgress"},
                  {"pipelineExecutionId":"run-1","status":"Succeeded"}]}""");
        try (Aws aws = aws()) {
            Pipelines p = aws.pipelines();
            assertThat(p.start("shop-pipeline")).isEqualTo("run-2");
            assertThat(p.inProgress("shop-pipeline")).containsExactly("run-2");
        }
        assertThat(requests.getFirst())
                .startsWith("POST CodePipeline_20150709.StartPipelineExecution {\"name\":\"shop-pipeline\"} "
                        + "application/x-amz-json-1.1 AWS4-HMAC-SHA256 Credential=stackwright-test/")
                .contains("/eu-west-1/codepipeline/aws4_request");
        assertThat(requests.get(1)).contains("{\"pipelineName\":\"shop-pipeline\",\"maxResults\":20}");
    }

    @Test
    void execution_readsTheStage_theBuildsImageTag_andAFailure() {
        answers.put(
                "CodePipeline_20150709.GetPipelineExecution",
                "{\"pipelineExecution\":{\"pipelineExecutionId\":\"run-2\",\"status\":\"Failed\"}}");
        answers.put("CodePipeline_20150709.ListActionExecutions", """
                {"actionExecutionDetails":[
                  {"stageName":"Release-dev","actionName":"Release","status":"Failed",
                   "output":{"executionResult":{"externalExecutionSummary":"Build terminated with state: FAILED"}}},
                  {"stageName":"Build","actionName":"Build","status":"Succeeded",
                   "output":{"outputVariables":{"IMAGE_TAG":"3f2c1ab","IMAGE_URI":"x@sha256:1"}}},
                  {"stageName":"Source","actionName":"Source","status":"Succeeded"}]}""");
        try (Aws aws = aws()) {
            Pipelines.Execution run = aws.pipelines().execution("shop-pipeline", "run-2");
            assertThat(run.status()).isEqualTo("Failed");
            assertThat(run.ended()).isTrue();
            assertThat(run.stage()).contains("Release-dev");
            assertThat(run.imageTag()).contains("3f2c1ab");
            assertThat(run.failure()).contains("Release-dev: Build terminated with state: FAILED");
        }
        assertThat(requests.get(1))
                .contains("{\"pipelineName\":\"shop-pipeline\",\"filter\":{\"pipelineExecutionId\":\"run-2\"}}");
    }

    @Test
    void aRunBeforeItsBuild_hasNoImageTag() {
        answers.put(
                "CodePipeline_20150709.GetPipelineExecution",
                "{\"pipelineExecution\":{\"pipelineExecutionId\":\"run-2\",\"status\":\"InProgress\"}}");
        answers.put("CodePipeline_20150709.ListActionExecutions", """
                {"actionExecutionDetails":[{"stageName":"Build","actionName":"Build","status":"InProgress"}]}""");
        try (Aws aws = aws()) {
            Pipelines.Execution run = aws.pipelines().execution("shop-pipeline", "run-2");
            assertThat(run.ended()).isFalse();
            assertThat(run.imageTag()).isEqualTo(Optional.empty());
            assertThat(run.stage()).contains("Build");
        }
    }

    @Test
    void codePipelinesError_isOneSentenceWithAFix() {
        status = 400;
        answers.put(
                "CodePipeline_20150709.StartPipelineExecution",
                "{\"__type\":\"com.amazonaws.codepipeline#PipelineNotFoundException\","
                        + "\"message\":\"Pipeline not found: shop-pipeline\"}");
        try (Aws aws = aws()) {
            assertThatThrownBy(() -> aws.pipelines().start("shop-pipeline"))
                    .isInstanceOf(DeployException.class)
                    .hasMessageContaining("starting the pipeline shop-pipeline")
                    .hasMessageContaining("Pipeline not found");
        }
    }
}
