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

    /** Flow logs in S3 and Athena, for {@code flows}. */
    default FlowLogStore flowLogs() {
        throw new DeployException("this connection cannot read flow logs", "use the AWS SDK connection");
    }

    /**
     * The calls of {@code rollback}: which image an environment runs and what came before it. Only the SDK adapter
     * answers; a test double that needs them overrides this.
     */
    default DeployedImages deployedImages() {
        throw new UnsupportedOperationException("this connection does not read deployed images");
    }

    /**
     * The CodePipeline calls of a first deploy that waits for the pipeline's image. Only the SDK adapter answers; a test
     * double that needs them overrides this.
     */
    default Pipelines pipelines() {
        throw new UnsupportedOperationException("this connection does not run pipelines");
    }

    @Override
    default void close() {}
}
