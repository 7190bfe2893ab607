package dev.stackwright.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One CloudFormation stack to deploy: what the deployer needs and nothing else (Copilot's split: template generation
 * is pure, the deployer sees name, template, parameters and tags).
 *
 * @param role          which part of the application it is; stacks deploy in role order and are destroyed in reverse
 * @param template      the template as a JSON tree, for the resource count and deletion policies
 * @param templateBody  the template as sent to CloudFormation
 * @param kept          parameters that keep the value the deployed stack has (UsePreviousValue), none of
 *                      {@code parameters}
 */
public record StackDeployment(
        Role role,
        String stackName,
        JsonNode template,
        String templateBody,
        Map<String, String> parameters,
        Map<String, String> tags,
        java.util.Set<String> kept) {

    /**
     * The stacks of one application, in deploy order: the app stack imports the network and registry stacks' outputs,
     * and the pipeline (which imports the registry's) makes the app's first image before the app stack is created.
     */
    public enum Role {
        NETWORK,
        /** The project's image repository, shared by every environment: destroying one environment keeps it. */
        REGISTRY,
        /** The project's pipeline, written in the spec of the environment it releases to first. */
        PIPELINE,
        APP;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public StackDeployment {
        parameters = new TreeMap<>(parameters);
        tags = new TreeMap<>(tags);
        kept = new java.util.TreeSet<>(kept);
        kept.removeAll(parameters.keySet());
    }

    /** A stack whose parameters take the given values, the rest their template defaults. */
    public StackDeployment(
            Role role,
            String stackName,
            JsonNode template,
            String templateBody,
            Map<String, String> parameters,
            Map<String, String> tags) {
        this(role, stackName, template, templateBody, parameters, tags, java.util.Set.of());
    }

    /** The same stack deployed with these parameter values (the rest keep their template defaults). */
    public StackDeployment withParameters(Map<String, String> values) {
        Map<String, String> all = new TreeMap<>(parameters);
        all.putAll(values);
        java.util.Set<String> stillKept = new java.util.TreeSet<>(kept);
        stillKept.removeAll(values.keySet());
        return new StackDeployment(role, stackName, template, templateBody, all, tags, stillKept);
    }

    /** The same stack keeping the deployed value of this parameter (CloudFormation's UsePreviousValue). */
    public StackDeployment keeping(String parameter) {
        Map<String, String> rest = new TreeMap<>(parameters);
        rest.remove(parameter);
        java.util.Set<String> all = new java.util.TreeSet<>(kept);
        all.add(parameter);
        return new StackDeployment(role, stackName, template, templateBody, rest, tags, all);
    }

    public int resourceCount() {
        return template.path("Resources").size();
    }

    /** Resources the template keeps when the stack is deleted (DeletionPolicy Retain or Snapshot), sorted. */
    public List<KeptResource> keptOnDelete() {
        List<KeptResource> kept = new java.util.ArrayList<>();
        template.path("Resources").properties().forEach(e -> {
            String policy = e.getValue().path("DeletionPolicy").asText("Delete");
            if (policy.equals("Retain") || policy.equals("RetainExceptOnCreate") || policy.equals("Snapshot")) {
                kept.add(new KeptResource(e.getKey(), e.getValue().path("Type").asText(), policy));
            }
        });
        kept.sort(java.util.Comparator.comparing(KeptResource::logicalId));
        return kept;
    }

    public record KeptResource(String logicalId, String type, String policy) {}
}
