package dev.stackwright.deploy.aws;

import dev.stackwright.deploy.DeployException;
import dev.stackwright.deploy.DeployedImages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Service;

/** ECR DescribeImages (every page), ECS DescribeServices and DescribeTaskDefinition, CloudFormation's parameters. */
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

    @Override
    public Optional<String> ecsImage(String cluster, String service, String container) {
        List<Service> services = aws.call(
                        "describing the ECS service " + service,
                        () -> aws.ecsClient()
                                .describeServices(b -> b.cluster(cluster).services(service)))
                .services();
        Optional<String> taskDefinition = services.stream()
                .filter(s -> !"INACTIVE".equals(s.status()))
                .map(Service::taskDefinition)
                .findFirst();
        if (taskDefinition.isEmpty()) {
            return Optional.empty();
        }
        return aws
                .call(
                        "describing the task definition " + taskDefinition.get(),
                        () -> aws.ecsClient().describeTaskDefinition(b -> b.taskDefinition(taskDefinition.get())))
                .taskDefinition()
                .containerDefinitions()
                .stream()
                .filter(c -> container.equals(c.name()))
                .map(ContainerDefinition::image)
                .findFirst();
    }

    @Override
    public Map<String, String> stackParameters(String stack) {
        try {
            Map<String, String> out = new TreeMap<>();
            aws
                    .call("describing the stack " + stack, () -> aws.cfn().describeStacks(b -> b.stackName(stack)))
                    .stacks()
                    .stream()
                    .findFirst()
                    .ifPresent(s -> s.parameters().forEach(p -> out.put(p.parameterKey(), p.parameterValue())));
            return out;
        } catch (DeployException e) {
            if (e.getCause() instanceof CloudFormationException c
                    && String.valueOf(c.getMessage()).contains("does not exist")) {
                return Map.of();
            }
            throw e;
        }
    }
}
