package dev.stackwright.deploy;

import dev.stackwright.cfn.Template;
import dev.stackwright.deploy.DeployedImages.PushedImage;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.diag.InputException;
import dev.stackwright.model.app.Application;
import dev.stackwright.spec.StackSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code stackwright rollback}: puts an environment back on the image before the one it runs (or a tag given), by
 * deploying its app stack with the stack parameter {@code ImageTag} changed, through the same change set path as
 * {@code deploy}. The image it runs is the stack's ImageTag parameter ({@link AppImage}: a pipeline release updates
 * it too). The previous image is the newest tagged one the repository received before it (ECR's push times).
 */
public final class Rollback {
    /** The stack parameter the app stack takes its image tag from (AppTemplate names it). */
    public static final String IMAGE_TAG = AppImage.PARAMETER;

    private Rollback() {}

    /** What the environment runs and what it goes back to. */
    public record Choice(String running, String tag, String digest) {}

    /**
     * Rolls the spec's environment back. Returns the deploy's exit code; 0 also when it runs the image already.
     *
     * @param to the tag to go back to; empty for the image pushed before the running one
     * @throws InputException  when the app runs a fixed image (service.image) rather than its repository's
     * @throws DeployException when the stack or the image is not there, or no earlier image is
     */
    public static int run(
            Aws aws,
            Deployer deployer,
            StackSpec spec,
            Application app,
            Template appTemplate,
            Optional<String> to,
            Deployer.Options options,
            Console console) {
        if (!appTemplate.toJson().path("Parameters").has(IMAGE_TAG)) {
            throw new InputException(List.of(Diagnostic.error(
                    "rollback-fixed-image",
                    spec.source().valueLocation("service.image"),
                    "service.image",
                    "rollback moves the app between images of its own repository, and this app runs a fixed image",
                    app.container().image().orElse(null),
                    "set service.image to the image to run and `stackwright deploy`")));
        }
        DeployedImages deployed = aws.deployedImages();
        String stack = spec.appStackName();
        Optional<Stack> deployedStack = aws.cloudFormation().describeStack(stack);
        if (deployedStack.isEmpty()) {
            throw new DeployException(
                    "there is no app stack " + stack + " in " + aws.region() + ", so nothing to roll back",
                    "deploy it first with `stackwright deploy`");
        }
        console.err().println("Finding the image " + stack + " runs...");
        // The repository the app runs from, as the stack names it, else the spec's.
        String repository = Optional.ofNullable(deployedStack.get().outputs().get("RepositoryUri"))
                .map(Stack.Output::value)
                .map(Rollback::repositoryOf)
                .orElse(app.repositoryName());
        String running = AppImage.running(deployedStack).orElse("latest");
        console.err()
                .println("  runs " + repository + (running.startsWith("sha256:") ? "@" : ":") + running
                        + " (the stack's " + IMAGE_TAG + ")");
        List<PushedImage> images = deployed.images(repository);
        Choice choice = choose(repository, running, images, to);
        if (choice.digest().equals(digestOf(running, images).orElse(""))) {
            console.err().println(stack + " runs " + choice.tag() + " already: nothing to roll back.");
            return 0;
        }
        console.err()
                .println("Rolling " + stack + " back to " + repository + ":" + choice.tag() + " ("
                        + shortDigest(choice.digest()) + ")");
        StackDeployment current = DeployPlan.stack(spec, StackDeployment.Role.APP, stack, appTemplate);
        StackDeployment rollback = new StackDeployment(
                current.role(),
                current.stackName(),
                current.template(),
                current.templateBody(),
                Map.of(IMAGE_TAG, choice.tag()),
                current.tags());
        return deployer.deploy(List.of(rollback), options);
    }

    /**
     * The image to go back to: the tag asked for, or the newest tagged image pushed before the running one. Pure.
     *
     * @param images the repository's images, newest push first
     */
    public static Choice choose(String repository, String running, List<PushedImage> images, Optional<String> to) {
        if (images.isEmpty()) {
            throw new DeployException(
                    "the repository " + repository + " holds no image",
                    "push one (the pipeline's build does), then deploy");
        }
        if (to.isPresent()) {
            return images.stream()
                    .filter(i -> i.tags().contains(to.get()))
                    .findFirst()
                    .map(i -> new Choice(running, to.get(), i.digest()))
                    .orElseThrow(() -> new DeployException(
                            "the repository " + repository + " has no image tagged " + to.get(),
                            "pass --to with one of its tags, newest first: " + recentTags(images)));
        }
        int at = indexOf(running, images);
        if (at < 0) {
            throw new DeployException(
                    "the image " + repository + (running.startsWith("sha256:") ? "@" : ":") + running
                            + " that runs is not in the repository, so there is no previous one to find",
                    "pass --to with one of its tags, newest first: " + recentTags(images));
        }
        String runningDigest = images.get(at).digest();
        return images.subList(at + 1, images.size()).stream()
                .filter(i -> !i.tags().isEmpty() && !i.digest().equals(runningDigest))
                .findFirst()
                .map(i -> new Choice(running, i.tags().getFirst(), i.digest()))
                .orElseThrow(() -> new DeployException(
                        "no tagged image was pushed to " + repository + " before the one that runs ("
                                + images.get(at).tags().stream().findFirst().orElse(shortDigest(runningDigest))
                                + ")",
                        "there is nothing older to go back to; pass --to TAG to pick another image"));
    }

    /** The tag or digest of an image URI: {@code REPO:TAG} gives TAG, {@code REPO@sha256:...} the digest. */
    static String reference(String uri) {
        int at = uri.lastIndexOf('@');
        if (at >= 0) {
            return uri.substring(at + 1);
        }
        int slash = uri.lastIndexOf('/');
        int colon = uri.lastIndexOf(':');
        return colon > slash ? uri.substring(colon + 1) : "latest";
    }

    /** The repository of an ECR image URI or repository URI: {@code HOST/REPO[:TAG|@DIGEST]} gives REPO. */
    static String repositoryOf(String uri) {
        int slash = uri.indexOf('/');
        String path = slash < 0 ? uri : uri.substring(slash + 1);
        int at = path.indexOf('@');
        path = at < 0 ? path : path.substring(0, at);
        int colon = path.lastIndexOf(':');
        return colon < 0 ? path : path.substring(0, colon);
    }

    private static int indexOf(String reference, List<PushedImage> images) {
        for (int i = 0; i < images.size(); i++) {
            PushedImage image = images.get(i);
            if (image.digest().equals(reference) || image.tags().contains(reference)) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<String> digestOf(String reference, List<PushedImage> images) {
        int at = indexOf(reference, images);
        return at < 0 ? Optional.empty() : Optional.of(images.get(at).digest());
    }

    private static String recentTags(List<PushedImage> images) {
        String tags = images.stream().flatMap(i -> i.tags().stream()).limit(5).collect(Collectors.joining(", "));
        return tags.isEmpty() ? "(it holds untagged images only)" : tags;
    }

    private static String shortDigest(String digest) {
        return digest.length() > 19 ? digest.substring(0, 19) : digest;
    }
}
