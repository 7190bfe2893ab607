package dev.stackwright.cli;

import dev.stackwright.Stackwright;
import dev.stackwright.deploy.AppImage;
import dev.stackwright.deploy.DeployPlan;
import dev.stackwright.deploy.StackDeployment;
import java.util.List;

/**
 * The stacks of a spec in deploy order, network, registry, pipeline, app: one answer for deploy, destroy, status,
 * drift, diff and the report, so none of them forgets a stack the others know.
 */
final class ProjectStacks {
    private ProjectStacks() {}

    static List<StackDeployment> of(Stackwright.Result result) {
        return DeployPlan.of(
                result.spec(),
                result.networkTemplate(),
                result.registryTemplate(),
                result.pipelineTemplate(),
                result.appTemplate());
    }

    /** As a {@code deploy} without {@code --image-tag} would change them: a deployed app keeps the image it runs. */
    static List<StackDeployment> asDeployWouldLeaveThem(Stackwright.Result result) {
        return of(result).stream()
                .map(s -> s.role() == StackDeployment.Role.APP ? AppImage.keepRunning(s) : s)
                .toList();
    }
}
