package dev.stackwright.deploy;

import dev.stackwright.cfn.AppTemplate;
import java.util.Optional;

/**
 * Which image an app stack runs: its {@code ImageTag} parameter. CloudFormation is the one record of it: a pipeline
 * release updates that parameter (release.yml), {@code rollback} deploys the stack with it changed, and
 * {@code deploy} without {@code --image-tag} keeps it. So the three never undo each other, and each reads the
 * running image here.
 */
public final class AppImage {
    /** The app stack's parameter naming the image tag in the project's repository (AppTemplate writes it). */
    public static final String PARAMETER = AppTemplate.IMAGE_TAG;

    private AppImage() {}

    /** The tag the deployed app stack runs; empty when there is no stack, or it runs an image pinned by digest. */
    public static Optional<String> running(Optional<Stack> appStack) {
        return appStack.filter(AppImage::created)
                .flatMap(s -> Optional.ofNullable(s.parameters().get(PARAMETER)));
    }

    /** A stack whose creation failed or never ran runs nothing: deploy creates it afresh, from the template's default. */
    private static boolean created(Stack s) {
        return !s.status().equals("REVIEW_IN_PROGRESS")
                && !s.status().equals("CREATE_IN_PROGRESS")
                && !s.status().equals("CREATE_FAILED")
                && !s.status().startsWith("ROLLBACK_");
    }

    /**
     * The app stack deployed without a tag chosen: a deployed stack keeps the image it runs (UsePreviousValue), a new
     * one starts from the template's default. {@code diff} shows what {@code deploy} without {@code --image-tag} does.
     */
    public static StackDeployment keepRunning(StackDeployment app) {
        return app.template().path("Parameters").has(PARAMETER) ? app.keeping(PARAMETER) : app;
    }

    /** The tag the app stack of that name runs, read from CloudFormation. */
    public static Optional<String> running(CloudFormation cfn, String appStack) {
        return running(cfn.describeStack(appStack));
    }
}
