package dev.stackwright.deploy.aws;

import dev.stackwright.deploy.DeployException;
import dev.stackwright.deploy.DeployedImages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/** ECR DescribeImages, every page. */
final class SdkDeployedImages implements DeployedImages {
    private final SdkAws aws;

    SdkDeployedImages(SdkAws aws) {
        this.aws = aws;
    }

    @Override
    public List<PushedImage> images(String repository) {
        List<PushedImage> out = new ArrayList<>();
        try {
            for (var page : aws.call(
                    "listing the images of the repository " + repository,
                    () -> aws.ecrClient().describeImagesPaginator(b -> b.repositoryName(repository)))) {
                for (ImageDetail d : page.imageDetails()) {
                    out.add(new PushedImage(
                            d.imageDigest(),
                            d.imageTags(),
                            d.imagePushedAt() == null ? Instant.EPOCH : d.imagePushedAt()));
                }
            }
        } catch (RepositoryNotFoundException e) {
            throw new DeployException(
                    "there is no ECR repository " + repository,
                    "deploy the project first (its repository is created before the app), then push an image",
                    e);
        } catch (DeployException e) {
            if (e.getCause() instanceof RepositoryNotFoundException) {
                throw new DeployException(
                        "there is no ECR repository " + repository,
                        "deploy the project first (its repository is created before the app), then push an image",
                        e);
            }
            throw e;
        }
        out.sort(Comparator.comparing(PushedImage::pushedAt).reversed().thenComparing(PushedImage::digest));
        return out;
    }
}
