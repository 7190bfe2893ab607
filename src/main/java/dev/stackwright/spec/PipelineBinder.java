package dev.stackwright.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.YamlDocument;
import dev.stackwright.model.Environment;
import dev.stackwright.model.app.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Binds {@code pipeline:} and checks what the schema cannot: a connection exactly when the provider needs one, this
 * spec's environment in the promotion order, the order running towards prod, approvals only before environments the
 * pipeline releases to. Values the schema already refused fall back to defaults so every problem shows in one pass.
 */
final class PipelineBinder {
    private static final String PATH = "pipeline";

    private final YamlDocument doc;
    private final List<Diagnostic> problems;

    PipelineBinder(YamlDocument doc, List<Diagnostic> problems) {
        this.doc = doc;
        this.problems = problems;
    }

    Optional<PipelineSpec> bind(JsonNode node, Environment specEnvironment) {
        if (!node.isObject()) {
            return Optional.empty(); // absent, or a wrong type the schema reported
        }
        PipelineSpec.Source source = source(node.path("source"));
        List<Environment> environments = environments(node.path("environments"), specEnvironment);
        List<Environment> approvals = approvals(node.path("approvalBefore"), environments);
        return Optional.of(new PipelineSpec(
                source,
                environments,
                approvals,
                Nodes.integer(node, "buildsPerMonth", SpecDefaults.integer(PATH + ".buildsPerMonth")),
                Nodes.integer(node, "buildMinutes", SpecDefaults.integer(PATH + ".buildMinutes")),
                Nodes.integer(node, "releaseMinutes", SpecDefaults.integer(PATH + ".releaseMinutes")),
                Pipeline.BuildCompute.fromId(Nodes.text(node, "computeType", SpecDefaults.text(PATH + ".computeType")))
                        .orElse(Pipeline.BuildCompute.SMALL)));
    }

    private PipelineSpec.Source source(JsonNode node) {
        Pipeline.Provider provider =
                Pipeline.Provider.fromId(Nodes.text(node, "provider", "")).orElse(Pipeline.Provider.CODECOMMIT);
        Optional<String> connection = node.path("connectionArn").isTextual()
                ? Optional.of(node.path("connectionArn").asText())
                : Optional.empty();
        String repository = Nodes.text(node, "repository", "");
        if (node.path("provider").isTextual() && node.path("provider").asText().equals(provider.id())) {
            connection(provider, connection, repository);
        }
        return new PipelineSpec.Source(
                provider,
                connection,
                repository,
                Nodes.text(node, "branch", SpecDefaults.text(PATH + ".source.branch")));
    }

    /** GitHub, GitLab and Bitbucket need a connection; CodeCommit has none, and its repositories have no owner. */
    private void connection(Pipeline.Provider provider, Optional<String> connection, String repository) {
        if (provider.needsConnection() && connection.isEmpty()) {
            problems.add(Diagnostic.error(
                    "connection-missing",
                    doc.valueLocation(PATH + ".source.provider"),
                    PATH + ".source.connectionArn",
                    provider.id() + " is reached through a CodeConnections connection, and none is given",
                    null,
                    "create one in the console (Developer Tools > Settings > Connections), complete its handshake, "
                            + "and add `connectionArn: arn:aws:codeconnections:REGION:ACCOUNT:connection/ID` under "
                            + "pipeline.source"));
        }
        if (!provider.needsConnection() && connection.isPresent()) {
            problems.add(Diagnostic.error(
                    "connection-not-used",
                    doc.keyLocation(PATH + ".source.connectionArn"),
                    PATH + ".source.connectionArn",
                    "codecommit is read directly, without a connection",
                    null,
                    "remove connectionArn, or set provider to github, gitlab or bitbucket if the code lives there"));
        }
        if (provider.needsConnection() && !repository.isEmpty() && !repository.matches("[^/]+/[^/]+")) {
            problems.add(Diagnostic.error(
                    "bad-repository",
                    doc.valueLocation(PATH + ".source.repository"),
                    PATH + ".source.repository",
                    "a " + provider.id() + " repository is named `owner/name`",
                    "`" + repository + "`",
                    "write it as `owner/name`, e.g. `acme/" + repository.replace('/', '-') + "`"));
        }
        if (!provider.needsConnection() && repository.contains("/")) {
            problems.add(Diagnostic.error(
                    "bad-repository",
                    doc.valueLocation(PATH + ".source.repository"),
                    PATH + ".source.repository",
                    "a CodeCommit repository is named without an owner",
                    "`" + repository + "`",
                    "write the repository's name alone, e.g. `" + repository.substring(repository.lastIndexOf('/') + 1)
                            + "`"));
        }
    }

    /** The promotion order: this spec's environment by default; listed, it must hold it and run towards prod. */
    private List<Environment> environments(JsonNode list, Environment own) {
        String path = PATH + ".environments";
        if (!list.isArray()) {
            return List.of(own);
        }
        List<Environment> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Optional<Environment> env = Environment.fromId(list.get(i).asText());
            if (env.isEmpty()) {
                continue; // the schema named the allowed values
            }
            if (out.contains(env.get())) {
                continue; // the schema reported the repeat
            }
            if (!out.isEmpty() && rank(env.get()) < rank(out.getLast())) {
                problems.add(Diagnostic.error(
                        "promotion-out-of-order",
                        doc.valueLocation(path + "[" + i + "]"),
                        path + "[" + i + "]",
                        "comes after " + out.getLast().id() + ", but an image is promoted towards prod",
                        env.get().id(),
                        "list the environments in the order dev, staging, prod, e.g. `environments: [" + ordered(list)
                                + "]`"));
            }
            out.add(env.get());
        }
        if (!out.isEmpty() && !out.contains(own)) {
            problems.add(Diagnostic.error(
                    "environment-not-in-pipeline",
                    doc.valueLocation(path),
                    path,
                    "does not hold this spec's environment, " + own.id()
                            + "; the pipeline is written in the spec of an environment it releases to",
                    list.toString(),
                    "add " + own.id() + " to the list, or move the pipeline section to the spec of an environment"
                            + " it lists"));
        }
        return out.isEmpty() ? List.of(own) : out;
    }

    /** Approvals: prod by default when the pipeline reaches it; named, each must be an environment it releases to. */
    private List<Environment> approvals(JsonNode list, List<Environment> environments) {
        String path = PATH + ".approvalBefore";
        if (!list.isArray()) {
            return environments.stream()
                    .filter(e -> SpecDefaults.texts(path).contains(e.id()))
                    .toList();
        }
        List<Environment> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Optional<Environment> env = Environment.fromId(list.get(i).asText());
            if (env.isEmpty() || out.contains(env.get())) {
                continue; // the schema reported it
            }
            if (!environments.contains(env.get())) {
                problems.add(Diagnostic.error(
                        "approval-without-release",
                        doc.valueLocation(path + "[" + i + "]"),
                        path + "[" + i + "]",
                        "is not an environment the pipeline releases to",
                        env.get().id(),
                        "add it to pipeline.environments, or remove it here"));
                continue;
            }
            out.add(env.get());
        }
        return out;
    }

    private static int rank(Environment env) {
        return PipelineSpec.PROMOTION_ORDER.indexOf(env);
    }

    private static String ordered(JsonNode list) {
        List<Environment> known = new ArrayList<>();
        list.forEach(item -> Environment.fromId(item.asText()).ifPresent(known::add));
        return PipelineSpec.PROMOTION_ORDER.stream()
                .filter(known::contains)
                .map(Environment::id)
                .collect(Collectors.joining(", "));
    }
}
