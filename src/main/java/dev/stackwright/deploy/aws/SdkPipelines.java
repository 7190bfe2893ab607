package dev.stackwright.deploy.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.deploy.DeployException;
import dev.stackwright.deploy.Pipelines;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * CodePipeline's JSON API (protocol awsJson1_1, target prefix {@code CodePipeline_20150709}), signed with the SDK's
 * SigV4 signer and sent through the shared HTTP client. Four calls do not warrant the SDK's CodePipeline module, and
 * the Maven mirror this project builds from has none of the SDK's current version.
 * https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_Operations.html
 */
final class SdkPipelines implements Pipelines {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The build stage and action of Stackwright's pipeline template, whose exported IMAGE_TAG names the image. */
    static final String BUILD = "Build";

    private final SdkAws aws;

    SdkPipelines(SdkAws aws) {
        this.aws = aws;
    }

    @Override
    public String start(String pipeline) {
        ObjectNode body = JSON.createObjectNode().put("name", pipeline);
        return call("starting the pipeline " + pipeline, "StartPipelineExecution", body)
                .path("pipelineExecutionId")
                .asText();
    }

    @Override
    public List<String> inProgress(String pipeline) {
        ObjectNode body = JSON.createObjectNode().put("pipelineName", pipeline).put("maxResults", 20);
        List<String> ids = new ArrayList<>();
        // Newest first, as CodePipeline lists them.
        for (JsonNode e : call("listing the runs of the pipeline " + pipeline, "ListPipelineExecutions", body)
                .path("pipelineExecutionSummaries")) {
            if (e.path("status").asText().equals("InProgress")) {
                ids.add(e.path("pipelineExecutionId").asText());
            }
        }
        return ids;
    }

    @Override
    public Execution execution(String pipeline, String executionId) {
        JsonNode run = call(
                        "reading the run " + executionId + " of the pipeline " + pipeline,
                        "GetPipelineExecution",
                        JSON.createObjectNode().put("pipelineName", pipeline).put("pipelineExecutionId", executionId))
                .path("pipelineExecution");
        ObjectNode body = JSON.createObjectNode().put("pipelineName", pipeline);
        body.putObject("filter").put("pipelineExecutionId", executionId);
        JsonNode actions = call(
                        "reading the actions of the run " + executionId + " of the pipeline " + pipeline,
                        "ListActionExecutions",
                        body)
                .path("actionExecutionDetails");
        // Newest first: the first is where the run is; a failed one says why.
        Optional<String> stage = Optional.empty();
        Optional<String> tag = Optional.empty();
        Optional<String> failure = Optional.empty();
        for (JsonNode a : actions) {
            if (stage.isEmpty()) {
                stage = Optional.of(a.path("stageName").asText());
            }
            if (a.path("stageName").asText().equals(BUILD)
                    && a.path("status").asText().equals("Succeeded")
                    && tag.isEmpty()) {
                tag = text(a.path("output").path("outputVariables").path("IMAGE_TAG"));
            }
            if (a.path("status").asText().equals("Failed") && failure.isEmpty()) {
                failure = text(a.path("output").path("executionResult").path("externalExecutionSummary"))
                        .or(() -> Optional.of(a.path("actionName").asText() + " failed"))
                        .map(f -> a.path("stageName").asText() + ": " + f);
            }
        }
        return new Execution(
                executionId,
                run.path("status").asText("InProgress"),
                stage,
                tag,
                failure.or(() -> text(run.path("statusSummary"))));
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }

    /** One signed call; CodePipeline's error ({@code __type}, {@code message}) becomes one sentence and a fix. */
    private JsonNode call(String action, String operation, ObjectNode body) {
        return aws.call(action, () -> {
            byte[] payload = body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            URI endpoint = URI.create(Optional.ofNullable(aws.endpointUrl())
                    .orElse("https://codepipeline." + aws.region() + ".amazonaws.com"));
            SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                    .method(SdkHttpMethod.POST)
                    .uri(endpoint)
                    .encodedPath("/")
                    .putHeader("Content-Type", "application/x-amz-json-1.1")
                    .putHeader("X-Amz-Target", "CodePipeline_20150709." + operation)
                    .build();
            AwsCredentialsIdentity identity =
                    aws.credentials().resolveIdentity().join();
            SignedRequest signed = AwsV4HttpSigner.create()
                    .sign(r -> r.identity(identity)
                            .request(request)
                            .payload(ContentStreamProvider.fromByteArrayUnsafe(payload))
                            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "codepipeline")
                            .putProperty(AwsV4HttpSigner.REGION_NAME, aws.region()));
            try {
                HttpExecuteResponse response = aws.http()
                        .prepareRequest(HttpExecuteRequest.builder()
                                .request(signed.request())
                                .contentStreamProvider(signed.payload().orElse(null))
                                .build())
                        .call();
                byte[] bytes;
                Optional<? extends InputStream> in = response.responseBody();
                bytes = in.isPresent() ? in.get().readAllBytes() : new byte[0];
                int status = response.httpResponse().statusCode();
                JsonNode answer;
                try {
                    answer = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
                } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
                    // Something else answered: a proxy's page, or a local AWS without this call (moto has none).
                    throw new DeployException(
                            "the endpoint " + endpoint + " answered " + operation + " (while " + action + ") with HTTP "
                                    + status + " and a body that is not CodePipeline's JSON",
                            "point --endpoint-url at a service that has CodePipeline's " + operation
                                    + " call, or push the first image yourself (deploy --build), then deploy again",
                            notJson);
                }
                if (status >= 300) {
                    String type = answer.path("__type").asText("");
                    throw AwsErrors.service(
                            type.substring(type.indexOf('#') + 1),
                            answer.path("message").asText(answer.path("Message").asText("")),
                            status,
                            action,
                            aws.target().profile());
                }
                return answer;
            } catch (IOException e) {
                throw new DeployException(
                        "could not reach CodePipeline while " + action + ": " + e.getMessage(),
                        "check the network and the endpoint, then deploy again",
                        e);
            }
        });
    }
}
