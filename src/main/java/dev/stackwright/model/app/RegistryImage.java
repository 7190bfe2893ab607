package dev.stackwright.model.app;

/**
 * The app's image in the project's own ECR repository, which the registry stack ({@code <name>-registry}) holds for
 * every environment: by tag (the app stack's ImageTag parameter, whose default this is), or pinned by digest.
 *
 * @param repository the repository's name: the project's name
 * @param reference  a tag ({@code latest}, {@code 1.4.2}) or a digest ({@code sha256:...})
 */
public record RegistryImage(String repository, String reference) {
    /** The tag the app runs when the spec names no image: the one a first push is told to use. */
    public static final String DEFAULT_TAG = "latest";

    /** The registry stack of a project: one per project, shared by its environments. */
    public static String stackName(String project) {
        return project + "-registry";
    }

    /** Pinned by digest: no tag to choose, and the app stack has no ImageTag parameter. */
    public boolean byDigest() {
        return reference.startsWith("sha256:");
    }
}
