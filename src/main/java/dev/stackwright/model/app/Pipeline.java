package dev.stackwright.model.app;

import dev.stackwright.model.Environment;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The project's delivery pipeline, one stack for all environments: the source, one build that pushes the image to the
 * project's registry, then one release per environment in promotion order, each rolling out the digest that build
 * pushed (never a rebuild), some after a manual approval.
 *
 * @param stackName         {@code <name>-pipeline}
 * @param registryStackName the stack that owns the image repository, whose exports the pipeline imports
 * @param arm               whether the app runs on Graviton, so the image is built on an Arm build host
 * @param logRetentionDays  retention of the build and release logs
 * @param alarmEmail        subscribed to the pipeline's notification topic when present
 */
public record Pipeline(
        String project,
        String stackName,
        String registryStackName,
        Source source,
        BuildCompute buildCompute,
        boolean arm,
        List<Release> releases,
        int buildsPerMonth,
        int buildMinutes,
        int releaseMinutes,
        int logRetentionDays,
        Optional<String> alarmEmail) {

    public Pipeline {
        releases = List.copyOf(releases);
    }

    /** The source of the code: a repository behind a CodeConnections connection, or on CodeCommit. */
    public record Source(Provider provider, Optional<String> connectionArn, String repository, String branch) {}

    /**
     * One environment's release: the app stack it rolls out to and what it updates there.
     *
     * @param approval whether a person approves the release first
     */
    public record Release(Environment environment, String appStackName, boolean approval, Target target) {}

    /** What a release updates: names fixed by the app stack of the environment ({@code <name>-<environment>}). */
    public sealed interface Target {
        /** An ECS service in its cluster, and the task definition family a new revision is registered in. */
        record Ecs(String cluster, String service, String taskFamily, String container) implements Target {}

        /** A Lambda function that runs an image. */
        record Lambda(String function) implements Target {}
    }

    /** Where the repository lives. Every provider but CodeCommit is reached through a connection. */
    public enum Provider {
        GITHUB,
        GITLAB,
        BITBUCKET,
        CODECOMMIT;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** GitHub, GitLab and Bitbucket are read through a CodeConnections connection; CodeCommit directly. */
        public boolean needsConnection() {
            return this != CODECOMMIT;
        }

        public static Optional<Provider> fromId(String id) {
            return Arrays.stream(values()).filter(p -> p.id().equals(id)).findFirst();
        }
    }

    /** CodeBuild's on-demand Linux compute sizes a build may take. */
    public enum BuildCompute {
        SMALL("BUILD_GENERAL1_SMALL", "general1.small"),
        MEDIUM("BUILD_GENERAL1_MEDIUM", "general1.medium"),
        LARGE("BUILD_GENERAL1_LARGE", "general1.large");

        private final String codeBuildName;
        private final String priceName;

        BuildCompute(String codeBuildName, String priceName) {
            this.codeBuildName = codeBuildName;
            this.priceName = priceName;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The name CloudFormation's {@code Environment.ComputeType} takes. */
        public String codeBuildName() {
            return codeBuildName;
        }

        /** The size as CodeBuild's pricing page names it, e.g. {@code general1.small}. */
        public String priceName() {
            return priceName;
        }

        public static Optional<BuildCompute> fromId(String id) {
            return Arrays.stream(values()).filter(c -> c.id().equals(id)).findFirst();
        }
    }
}
