package dev.stackwright.deploy;

/** The ECR calls of deploy: is the app's image there yet, and a login to push it. */
public interface ImageRegistry {
    /**
     * Whether the repository holds an image with this tag or digest ({@code sha256:...}); false also when the
     * repository does not exist yet.
     */
    boolean hasImage(String repository, String reference);

    /** A short-lived login for {@code docker login}: ECR's GetAuthorizationToken, decoded. */
    Login login();

    /**
     * What {@code docker login --username USER --password-stdin ENDPOINT} takes.
     *
     * @param endpoint the registry, {@code https://ACCOUNT.dkr.ecr.REGION.amazonaws.com}
     */
    record Login(String user, String password, String endpoint) {
        @Override
        public String toString() {
            return "Login[user=" + user + ", endpoint=" + endpoint + "]"; // never the password
        }
    }
}
