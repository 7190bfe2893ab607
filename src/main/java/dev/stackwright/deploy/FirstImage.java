package dev.stackwright.deploy;

import dev.stackwright.cfn.AppTemplate;
import dev.stackwright.model.app.RegistryImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Before the app stack, when the app runs from the project's registry: its image must be there, or ECS never starts a
 * task and Lambda refuses to create the function. When it is missing, the {@link Source} says what happens: build and
 * push it here ({@code deploy --build}), start the project's pipeline and wait for its image, or stop with the
 * commands that push it.
 */
public final class FirstImage implements BeforeApp {
    /** ECR's and Docker's rule for a tag: up to 128 letters, digits, {@code _ . -}, not starting with . or -. */
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    /** How a missing image is made. */
    public sealed interface Source {
        /**
         * {@code deploy --build}: {@code docker build} (or podman) in the spec's folder, login, push.
         *
         * @param engine   empty when neither docker nor podman is on the PATH
         * @param context  the folder built, the spec's
         * @param platform the platform the app's compute runs, {@code linux/amd64} or {@code linux/arm64}
         */
        record Build(Optional<ContainerEngine> engine, Path context, String platform) implements Source {}

        /** The project's pipeline: started, then waited for until it pushes an image. */
        record Pipeline(PipelineRun run) implements Source {}

        /**
         * The project's pipeline promotes to this environment from another: a first deploy starts from the image the
         * app stack of that environment runs, as the pipeline's release would.
         *
         * @param fromStack the app stack of the environment before this one in the pipeline's order
         */
        record Promoted(String fromStack) implements Source {}

        /** Neither: stop before the app stack, saying how to push the image. */
        record Instructions(String platform) implements Source {}
    }

    private final Aws aws;
    private final Console console;
    private final String registryStack;
    private final RegistryImage image;
    private final Optional<String> tag;
    private final Source source;

    /**
     * @param tag the tag to run instead of the spec's ({@code deploy --image-tag}); refused with an image pinned by
     *            digest, which has no tag to choose
     * @throws DeployException for a tag ECR would refuse, or a tag given for an image pinned by digest
     */
    public FirstImage(
            Aws aws, Console console, String registryStack, RegistryImage image, Optional<String> tag, Source source) {
        this.aws = aws;
        this.console = console;
        this.registryStack = registryStack;
        this.image = image;
        this.source = source;
        checkTag(image, tag);
        this.tag = tag;
    }

    /** The checks of {@code --image-tag}, before anything is deployed. */
    public static void checkTag(RegistryImage image, Optional<String> tag) {
        if (tag.isEmpty()) {
            return;
        }
        if (image.byDigest()) {
            throw new DeployException(
                    "--image-tag " + tag.get() + " cannot apply: service.image pins the digest " + image.reference(),
                    "drop --image-tag, or put a tag in service.image instead of the digest");
        }
        if (!TAG.matcher(tag.get()).matches()) {
            throw new DeployException(
                    "--image-tag `" + tag.get() + "` is not an image tag",
                    "use up to 128 letters, digits, `_`, `.` and `-`, not starting with `.` or `-` (e.g. --image-tag 1.4.2)");
        }
    }

    @Override
    public StackDeployment prepare(StackDeployment app, Instant deadline) {
        PrintWriter err = console.err();
        String uri = repositoryUri();
        // Without --image-tag, a deployed app stack keeps the image it runs (a release may have moved it on).
        Optional<String> running = tag.isPresent() || image.byDigest()
                ? Optional.empty()
                : AppImage.running(aws.cloudFormation(), app.stackName());
        String reference = tag.or(() -> running).orElse(image.reference());
        String shown = uri + (image.byDigest() ? "@" : ":") + reference;
        if (aws.ecr().hasImage(image.repository(), reference)) {
            err.println("The image " + shown + " is in the registry"
                    + (running.isPresent() ? " (" + app.stackName() + " runs it; --image-tag picks another)." : "."));
            return running.isPresent() ? app.keeping(AppImage.PARAMETER) : withTag(app, reference);
        }
        String notDeployed = "the image " + shown + " is not in the registry yet, so " + app.stackName()
                + " was not deployed (the stacks before it were)";
        if (image.byDigest()) {
            throw new DeployException(
                    notDeployed,
                    "push the image service.image pins by digest to " + uri
                            + ", or name it by tag in service.image; then deploy again");
        }
        return switch (source) {
            case Source.Build b -> {
                build(b, uri, reference, app.stackName());
                yield withTag(app, reference);
            }
            case Source.Pipeline p -> {
                err.println("The image " + shown + " is not in the registry yet: the pipeline "
                        + p.run().name() + " builds it; waiting for its image, then " + app.stackName()
                        + " runs that...");
                String pushed = p.run()
                        .firstImage(deadline)
                        .orElseThrow(() -> new DeployException(
                                "the pipeline " + p.run().name() + " ended without pushing an image, so "
                                        + app.stackName() + " was not deployed",
                                "fix what failed (above, or in the CodePipeline console), then deploy again"));
                err.println("The pipeline pushed " + uri + ":" + pushed + ".");
                yield withTag(app, pushed);
            }
            case Source.Promoted p -> {
                String promoted = AppImage.running(aws.cloudFormation(), p.fromStack())
                        .filter(t -> aws.ecr().hasImage(image.repository(), t))
                        .orElseThrow(() -> new DeployException(
                                notDeployed + "; the pipeline promotes to it from " + p.fromStack()
                                        + ", which runs no image of the registry yet",
                                "deploy that environment first (its image then comes here), or name an image"
                                        + " of the registry with --image-tag TAG, or build one with --build"));
                err.println("The image " + shown + " is not in the registry; " + app.stackName()
                        + " starts from " + uri + ":" + promoted + ", the image " + p.fromStack()
                        + " runs (the pipeline promotes from it).");
                yield withTag(app, promoted);
            }
            case Source.Instructions i ->
                throw new DeployException(
                        notDeployed,
                        "push it with `" + pushCommands("docker", uri, reference, i.platform())
                                + "`, or run `stackwright deploy --build` to build and push it here; then deploy again");
        };
    }

    /** The commands that push the image by hand, one line for a shell, with the engine's name. */
    String pushCommands(String engine, String uri, String reference, String platform) {
        return "aws ecr get-login-password --region " + aws.region() + " | " + engine
                + " login --username AWS --password-stdin " + host(uri) + " && " + engine + " build --platform "
                + platform + " -t " + uri + ":" + reference + " . && " + engine + " push " + uri + ":" + reference;
    }

    private void build(Source.Build b, String uri, String reference, String appStack) {
        PrintWriter err = console.err();
        ContainerEngine engine = b.engine()
                .orElseThrow(() -> new DeployException(
                        "--build needs docker or podman, and neither is on the PATH, so " + appStack
                                + " was not deployed",
                        "install Docker or Podman, or push the image yourself: `"
                                + pushCommands("docker", uri, reference, b.platform()) + "`; then deploy again"));
        String target = uri + ":" + reference;
        run(engine, List.of("build", "--platform", b.platform(), "-t", target, "."), b.context(), null, appStack);
        ImageRegistry.Login login = aws.ecr().login();
        run(
                engine,
                List.of("login", "--username", login.user(), "--password-stdin", login.endpoint()),
                b.context(),
                login.password(),
                appStack);
        run(engine, List.of("push", target), b.context(), null, appStack);
        err.println("Pushed " + target + ".");
    }

    private void run(
            ContainerEngine engine, List<String> arguments, Path dir, @Nullable String input, String appStack) {
        PrintWriter err = console.err();
        String shown = engine.name() + " " + String.join(" ", arguments);
        err.println("Running `" + shown + "` in " + dir + "...");
        err.flush();
        int code = engine.run(arguments, dir, input, line -> {
            err.println("  " + line);
            err.flush();
        });
        if (code != 0) {
            throw new DeployException(
                    "`" + engine.name() + " " + arguments.getFirst() + "` failed (exit " + code + "), so " + appStack
                            + " was not deployed",
                    "fix what its output above says, then run `stackwright deploy --build` again");
        }
    }

    /** The app stack with the tag to run, unless the image is pinned by digest (no ImageTag parameter then). */
    private StackDeployment withTag(StackDeployment app, String tag) {
        return image.byDigest() ? app : app.withParameters(Map.of(AppTemplate.IMAGE_TAG, tag));
    }

    /** The repository's URI, as the registry stack exports it (it was deployed just before). */
    private String repositoryUri() {
        return aws.cloudFormation()
                .describeStack(registryStack)
                .map(s -> s.outputs().get("RepositoryUri"))
                .map(Stack.Output::value)
                .orElseThrow(() -> new DeployException(
                        "the registry stack " + registryStack + " has no RepositoryUri output",
                        "run `stackwright status`; if the stack is missing or failed, deploy again"));
    }

    private static String host(String uri) {
        int slash = uri.indexOf('/');
        return slash < 0 ? uri : uri.substring(0, slash);
    }
}
