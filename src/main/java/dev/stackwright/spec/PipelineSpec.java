package dev.stackwright.spec;

import dev.stackwright.model.Environment;
import dev.stackwright.model.app.Pipeline;
import java.util.List;
import java.util.Optional;

/**
 * The {@code pipeline:} section with defaults applied: where the code comes from, the environments the one image is
 * promoted through, which of them wait for a person's approval, and the figures {@code cost} prices the builds from.
 * The pipeline is the project's, one stack {@code <name>-pipeline}, written in one spec whose environment it lists.
 *
 * @param environments promotion order, earliest first (dev before staging before prod), without repeats
 * @param approvalBefore environments whose release waits for a manual approval, each one of {@code environments}
 */
public record PipelineSpec(
        Source source,
        List<Environment> environments,
        List<Environment> approvalBefore,
        int buildsPerMonth,
        int buildMinutes,
        int releaseMinutes,
        Pipeline.BuildCompute computeType) {

    /** The order environments are promoted in: an image reaches prod after staging after dev. */
    public static final List<Environment> PROMOTION_ORDER =
            List.of(Environment.DEV, Environment.STAGING, Environment.PROD);

    public PipelineSpec {
        environments = List.copyOf(environments);
        approvalBefore = List.copyOf(approvalBefore);
    }

    /** Whether the release to {@code env} waits for a manual approval. */
    public boolean approvalBefore(Environment env) {
        return approvalBefore.contains(env);
    }

    /** The source of the code: a repository behind a CodeConnections connection, or on CodeCommit. */
    public record Source(
            Pipeline.Provider provider, Optional<String> connectionArn, String repository, String branch) {}
}
