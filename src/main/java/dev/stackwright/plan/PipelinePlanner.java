package dev.stackwright.plan;

import dev.stackwright.model.Environment;
import dev.stackwright.model.app.Application;
import dev.stackwright.model.app.Compute;
import dev.stackwright.model.app.Pipeline;
import dev.stackwright.spec.PipelineSpec;
import dev.stackwright.spec.StackSpec;
import java.util.List;
import java.util.Optional;

/**
 * Plans the project's pipeline from the spec that carries {@code pipeline:}. Specs hold one environment each, so the
 * releases to the other environments take their names from the project's naming rule ({@code <name>-<environment>}
 * for the cluster, service, task family and function, {@code <name>-<environment>-app} for the stack) and assume
 * this spec's compute kind: the project runs the same kind of app in every environment.
 */
public final class PipelinePlanner {
    /** The container every task definition of a Stackwright app names (the app stack's only container). */
    public static final String CONTAINER = "app";

    private PipelinePlanner() {}

    /** The pipeline, when the spec has a {@code pipeline:} section. */
    public static Optional<Pipeline> plan(StackSpec spec, Application app) {
        return spec.pipeline().map(p -> plan(spec, app, p));
    }

    private static Pipeline plan(StackSpec spec, Application app, PipelineSpec p) {
        List<Pipeline.Release> releases = p.environments().stream()
                .map(env -> new Pipeline.Release(
                        env, spec.appStackName(env), p.approvalBefore(env), target(spec.name(), env, app.compute())))
                .toList();
        boolean arm = app.compute() instanceof Compute.EcsOnEc2 ec2 && ec2.arm();
        return new Pipeline(
                spec.name(),
                spec.pipelineStackName(),
                spec.name() + "-registry",
                new Pipeline.Source(
                        p.source().provider(),
                        p.source().connectionArn(),
                        p.source().repository(),
                        p.source().branch()),
                p.computeType(),
                arm,
                releases,
                p.buildsPerMonth(),
                p.buildMinutes(),
                p.releaseMinutes(),
                app.logRetentionDays(),
                app.alarmEmail());
    }

    private static Pipeline.Target target(String project, Environment env, Compute compute) {
        String name = project + "-" + env.id();
        return compute.kind().isEcs()
                ? new Pipeline.Target.Ecs(name, name, name, CONTAINER)
                : new Pipeline.Target.Lambda(name);
    }
}
