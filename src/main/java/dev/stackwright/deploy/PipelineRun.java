package dev.stackwright.deploy;

import java.time.Instant;
import java.util.Optional;

/**
 * The project's pipeline, as a first deploy uses it: when the app's image is not in the registry yet, deploy starts
 * the pipeline and waits for the image it pushes, then creates the app stack with that image's tag. The spec's
 * {@code pipeline:} section and its CodePipeline calls provide one; {@link FirstImage.Source.Pipeline} takes it.
 */
public interface PipelineRun {
    /** The pipeline's name, for messages. */
    String name();

    /**
     * Starts one execution and waits, until {@code deadline}, for it to push an image to the registry.
     *
     * @return the tag it pushed; empty when the execution ended without one (having said why on the console)
     */
    Optional<String> firstImage(Instant deadline);
}
