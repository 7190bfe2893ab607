package dev.stackwright.deploy;

import java.time.Instant;
import java.util.List;

/**
 * What {@code rollback} reads besides the stack: which images the repository held before the one that runs (which
 * image runs is the app stack's, {@link AppImage}). The SDK adapter ({@code deploy.aws}) answers from ECR; tests
 * answer from a local AWS.
 */
public interface DeployedImages {
    /** The images of an ECR repository, newest push first; empty when the repository holds none. */
    List<PushedImage> images(String repository);

    /** One image as ECR lists it. */
    record PushedImage(String digest, List<String> tags, Instant pushedAt) {
        public PushedImage {
            tags = List.copyOf(tags);
        }
    }
}
