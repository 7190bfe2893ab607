package dev.stackwright.deploy;

import java.time.Instant;

/** What must hold before the app stack is deployed: {@link FirstImage} makes sure its image is in the registry. */
@FunctionalInterface
public interface BeforeApp {
    /**
     * The app stack to deploy (perhaps with parameters set, such as the image tag), after making sure what it needs
     * exists; throws a {@link DeployException} saying what is missing and how to make it when it cannot.
     */
    StackDeployment prepare(StackDeployment app, Instant deadline);

    /** An app that runs an image from elsewhere: nothing to check. */
    BeforeApp NOTHING = (app, deadline) -> app;
}
