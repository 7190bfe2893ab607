package dev.stackwright.deploy.aws;

import dev.stackwright.deploy.DeployException;
import dev.stackwright.deploy.ImageRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/** ECR through the SDK: DescribeImages for one tag or digest, GetAuthorizationToken for a push. */
final class SdkImageRegistry implements ImageRegistry {
    private final SdkAws aws;

    SdkImageRegistry(SdkAws aws) {
        this.aws = aws;
    }

    @Override
    public boolean hasImage(String repository, String reference) {
        EcrClient ecr = aws.ecrClient();
        ImageIdentifier id = reference.startsWith("sha256:")
                ? ImageIdentifier.builder().imageDigest(reference).build()
                : ImageIdentifier.builder().imageTag(reference).build();
        try {
            return aws.call(
                            "looking for the image " + repository + (id.imageDigest() != null ? "@" : ":") + reference
                                    + " in ECR",
                            () -> ecr.describeImages(
                                    b -> b.repositoryName(repository).imageIds(id)))
                    .hasImageDetails();
        } catch (DeployException e) {
            // Not there is an answer, not a failure: the first deploy asks before anything was pushed.
            if (e.getCause() instanceof ImageNotFoundException || e.getCause() instanceof RepositoryNotFoundException) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Login login() {
        EcrClient ecr = aws.ecrClient();
        AuthorizationData data = aws
                .call("asking ECR for a login to push the image", () -> ecr.getAuthorizationToken(b -> {}))
                .authorizationData()
                .stream()
                .findFirst()
                .orElseThrow(() -> new DeployException(
                        "ECR returned no login for pushing the image",
                        "check that the credentials may call ecr:GetAuthorizationToken"));
        String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new DeployException(
                    "ECR returned a login token that is not USER:PASSWORD",
                    "run `aws ecr get-login-password` to see whether the account answers, then deploy again");
        }
        return new Login(decoded.substring(0, colon), decoded.substring(colon + 1), data.proxyEndpoint());
    }
}
