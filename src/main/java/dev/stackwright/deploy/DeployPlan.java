package dev.stackwright.deploy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.cfn.Template;
import dev.stackwright.cfn.TemplateWriter;
import dev.stackwright.meta.Version;
import dev.stackwright.spec.StackSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stacks of one spec, in deploy order: {@code <name>-<environment>-network}, then the project's
 * {@code <name>-registry} (when the app runs from it), the project's {@code <name>-pipeline} (when the spec has
 * {@code pipeline:}), then the app stack. The network stack exports its outputs as {@code <network stack name>-<Output>}
 * ({@code ${AWS::StackName}-VpcId}), so the app stack imports {@code <name>-<environment>-network-VpcId}.
 */
public final class DeployPlan {
    /** Stack tag naming the application and environment a stack belongs to; stacks without it are not ours. */
    public static final String STACK_TAG = "stackwright:stack";

    public static final String ROLE_TAG = "stackwright:role";

    private DeployPlan() {}

    /** {@code <name>-<environment>-network}, as {@link StackSpec#networkStackName()} names it. */
    public static String networkStackName(String stackName) {
        return stackName + "-network";
    }

    /**
     * The stacks to deploy for a planned spec and its rendered templates: network, registry (when the app runs from
     * the project's repository), the project's pipeline (when the spec has one: after the registry, whose repository
     * it imports, and before the app stack, whose first image it may build), app. The registry and pipeline stacks
     * belong to the project, not to one environment: every environment's plan names the same stacks, tagged with their
     * own names, so any of them may create or update them.
     */
    public static List<StackDeployment> of(
            StackSpec spec,
            Template networkTemplate,
            Optional<Template> registryTemplate,
            Optional<Template> pipelineTemplate,
            Template appTemplate) {
        List<StackDeployment> stacks = new ArrayList<>();
        stacks.add(stack(spec, StackDeployment.Role.NETWORK, spec.networkStackName(), networkTemplate));
        registryTemplate.ifPresent(t -> stacks.add(
                stack(spec.registryStackName(), StackDeployment.Role.REGISTRY, spec.registryStackName(), t)));
        pipelineTemplate.ifPresent(t -> stacks.add(
                stack(spec.pipelineStackName(), StackDeployment.Role.PIPELINE, spec.pipelineStackName(), t)));
        // The app stack imports the network's exports through its NetworkStack parameter, whose default is the name
        // above; and the registry's through RegistryStack.
        stacks.add(stack(spec, StackDeployment.Role.APP, spec.appStackName(), appTemplate));
        return List.copyOf(stacks);
    }

    /** One stack of the spec, tagged so that later commands recognise it as ours. */
    public static StackDeployment stack(
            StackSpec spec, StackDeployment.Role role, String stackName, Template template) {
        return stack(spec.stackName(), role, stackName, template);
    }

    /** One stack, tagged as belonging to {@code owner} (the {@link #STACK_TAG} value later commands expect). */
    private static StackDeployment stack(String owner, StackDeployment.Role role, String stackName, Template template) {
        ObjectNode json = template.toJson();
        // YAML: CloudFormation's inline limit counts bytes, and YAML is the smaller of the two.
        String body = TemplateWriter.write(json, TemplateWriter.Format.YAML);
        Map<String, String> tags =
                Map.of(STACK_TAG, owner, ROLE_TAG, role.id(), "stackwright:version", Version.current());
        return new StackDeployment(role, stackName, json, body, Map.of(), tags);
    }
}
