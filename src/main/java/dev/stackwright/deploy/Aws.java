package dev.stackwright.deploy;

/** One connection to AWS (a region, an account's credentials, perhaps another endpoint): the services we use. */
public interface Aws extends AutoCloseable {
    String region();

    Identity whoami();

    CloudFormation cloudFormation();

    TemplateStore templates();

    ServiceTasks ecs();

    /** The EC2 describe calls of {@code vpc inspect}. */
    Ec2Describer ec2();

    /** The ECR calls of deploy: whether the app's image is there, and a login to push it. */
    ImageRegistry ecr();

    /** The RDS and ELBv2 calls of destroy. */
    Protection protection();

    @Override
    default void close() {}
}
