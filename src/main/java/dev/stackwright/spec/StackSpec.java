package dev.stackwright.spec;

import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.YamlDocument;
import dev.stackwright.model.Environment;
import dev.stackwright.model.app.RegistryImage;
import java.util.List;
import java.util.Optional;

/**
 * The user's {@code stackwright.yml}, with defaults applied. {@code *Spec} records mirror the YAML and stop at the
 * planner; the model never sees raw YAML. {@code source} keeps the locations so later stages can point at keys.
 */
public record StackSpec(
        String name,
        String region,
        Environment environment,
        NetworkSpec network,
        ServiceSpec service,
        FrontDoorSpec frontDoor,
        Optional<DatabaseSpec> database,
        AlarmsSpec alarms,
        TrafficSpec traffic,
        Optional<PipelineSpec> pipeline,
        YamlDocument source,
        List<Diagnostic> warnings) {

    public StackSpec {
        warnings = List.copyOf(warnings);
    }

    /** {@code <name>-<environment>}: names the stacks and prefixes resource names. */
    public String stackName() {
        return name + "-" + environment.id();
    }

    /** The CloudFormation stack of the network: {@code <name>-<environment>-network}. Its exports carry this prefix. */
    public String networkStackName() {
        return stackName() + "-network";
    }

    /** The project's registry stack, {@code <name>-registry}: one ECR repository for every environment. */
    public String registryStackName() {
        return RegistryImage.stackName(name);
    }

    /** The CloudFormation stack of the application: {@code <name>-<environment>-app}. */
    public String appStackName() {
        return appStackName(environment);
    }

    /** The application stack of one of the project's environments, this one or another. */
    public String appStackName(Environment of) {
        return name + "-" + of.id() + "-app";
    }

    /** The project's pipeline stack, {@code <name>-pipeline}: one for all environments, so it has no environment. */
    public String pipelineStackName() {
        return name + "-pipeline";
    }
}
