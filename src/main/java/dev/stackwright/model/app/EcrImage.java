package dev.stackwright.model.app;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image in a private ECR repository, read from its URI ({@code ACCOUNT.dkr.ecr.REGION.amazonaws.com/REPO:TAG}), so
 * that pull permissions can name the repository instead of every repository. Images elsewhere (Docker Hub, ECR
 * Public, another registry) have no ECR repository to name and need no ECR permission.
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/Registries.html
 */
public record EcrImage(String account, String region, String repository, String partition) {
    private static final Pattern URI = Pattern.compile(
            "^([0-9]{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?/([a-z0-9][a-z0-9._/-]*?)(?::([A-Za-z0-9_.-]+)|@(sha256:[a-f0-9]{64}))?$");

    /** The ECR image an URI names, or empty for an image that is not in a private ECR repository. */
    public static Optional<EcrImage> parse(String uri) {
        Matcher m = URI.matcher(uri);
        if (!m.matches()) {
            return Optional.empty();
        }
        String partition = m.group(3) != null ? "aws-cn" : m.group(2).startsWith("us-gov-") ? "aws-us-gov" : "aws";
        return Optional.of(new EcrImage(m.group(1), m.group(2), m.group(4), partition));
    }

    /** The tag or digest ({@code sha256:...}) an ECR image URI names, or empty when it names neither. */
    public static Optional<String> reference(String uri) {
        Matcher m = URI.matcher(uri);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(m.group(5) != null ? m.group(5) : m.group(6));
    }

    /** {@code arn:aws:ecr:REGION:ACCOUNT:repository/REPO}: what ecr:BatchGetImage and GetDownloadUrlForLayer act on. */
    public String repositoryArn() {
        return "arn:" + partition + ":ecr:" + region + ":" + account + ":repository/" + repository;
    }
}
