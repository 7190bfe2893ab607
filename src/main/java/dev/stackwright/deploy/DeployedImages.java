package dev.stackwright.deploy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code rollback} reads: which image an environment runs, and which images its repository held before. The SDK
 * adapter ({@code deploy.aws}) answers from ECS, CloudFormation and ECR; tests answer from a local AWS.
 */
public interface DeployedImages {
    /** The images of an ECR repository, newest push first; empty when the repository holds none. */
    List<PushedImage> images(String repository);

    /**
     * The image URI the ECS service's running task definition gives the container, as written there
     * ({@code REPO:TAG} or {@code REPO@sha256:...}); empty when the service or the container is not there.
     */
    Optional<String> ecsImage(String cluster, String service, String container);

    /** A deployed stack's parameters, by key; empty when the stack does not exist. */
    Map<String, String> stackParameters(String stack);

    /** One image as ECR lists it. */
    record PushedImage(String digest, List<String> tags, Instant pushedAt) {
        public PushedImage {
            tags = List.copyOf(tags);
        }
    }
}
