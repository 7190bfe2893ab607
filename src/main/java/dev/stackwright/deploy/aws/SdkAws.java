package dev.stackwright.deploy.aws;

import dev.stackwright.deploy.Aws;
import dev.stackwright.deploy.AwsTarget;
import dev.stackwright.deploy.CloudFormation;
import dev.stackwright.deploy.DeployException;
import dev.stackwright.deploy.DeployedImages;
import dev.stackwright.deploy.Ec2Describer;
import dev.stackwright.deploy.FlowLogStore;
import dev.stackwright.deploy.Identity;
import dev.stackwright.deploy.ImageRegistry;
import dev.stackwright.deploy.Pipelines;
import dev.stackwright.deploy.Protection;
import dev.stackwright.deploy.ServiceTasks;
import dev.stackwright.deploy.TemplateStore;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * The real {@link Aws}: SDK clients sharing one JDK URL-connection HTTP client, the credentials of the profile or the
 * standard chain, and an optional endpoint override. Clients are made on first use, so a command pays only for the
 * services it calls. Every SDK failure becomes a {@link DeployException} with its fix.
 */
public final class SdkAws implements Aws {
    private final AwsTarget target;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private @Nullable StsClient sts;
    private @Nullable CloudFormationClient cfn;
    private @Nullable S3Client s3;
    private @Nullable EcsClient ecs;
    private @Nullable Ec2Client ec2;
    private @Nullable RdsClient rds;
    private @Nullable ElasticLoadBalancingV2Client elb;
    private @Nullable EcrClient ecr;
    private @Nullable AthenaClient athena;
    private @Nullable Identity identity;

    private SdkAws(AwsTarget target, Region region, AwsCredentialsProvider credentials) {
        this.target = target;
        this.region = region;
        this.credentials = credentials;
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(10))
                .socketTimeout(Duration.ofSeconds(60))
                .build();
    }

    /** Resolves region and credentials (lazily: a missing credential shows on the first call). */
    public static Aws connect(AwsTarget target) {
        String regionName = target.region();
        if (regionName == null || regionName.isBlank()) {
            try {
                regionName = DefaultAwsRegionProviderChain.builder()
                        .profileName(target.profile())
                        .build()
                        .getRegion()
                        .id();
            } catch (SdkClientException e) {
                throw new DeployException(
                        "no AWS region is set", "pass --region, set `region:` in the spec, or set AWS_REGION", e);
            }
        }
        AwsCredentialsProvider credentials = target.profile() != null
                ? ProfileCredentialsProvider.create(target.profile())
                : DefaultCredentialsProvider.builder().build();
        return new SdkAws(target, Region.of(regionName), credentials);
    }

    @Override
    public String region() {
        return region.id();
    }

    AwsTarget target() {
        return target;
    }

    @Override
    public Identity whoami() {
        if (identity == null) {
            GetCallerIdentityResponse r =
                    call("asking STS who the credentials belong to", () -> sts().getCallerIdentity());
            identity = new Identity(r.account(), r.arn(), r.userId());
        }
        return identity;
    }

    @Override
    public CloudFormation cloudFormation() {
        return new SdkCloudFormation(this);
    }

    @Override
    public TemplateStore templates() {
        return new SdkTemplateStore(this);
    }

    @Override
    public ServiceTasks ecs() {
        return new SdkServiceTasks(this);
    }

    @Override
    public Ec2Describer ec2() {
        return new SdkEc2Describer(this);
    }

    @Override
    public Protection protection() {
        return new SdkProtection(this);
    }

    @Override
    public ImageRegistry ecr() {
        return new SdkImageRegistry(this);
    }

    synchronized EcrClient ecrClient() {
        if (ecr == null) {
            ecr = configure(EcrClient.builder()).build();
        }
        return ecr;
    }

    @Override
    public FlowLogStore flowLogs() {
        return new SdkFlowLogStore(this);
    }

    synchronized AthenaClient athenaClient() {
        if (athena == null) {
            athena = configure(AthenaClient.builder()).build();
        }
        return athena;
    }

    @Override
    public Pipelines pipelines() {
        return new SdkPipelines(this);
    }

    AwsCredentialsProvider credentials() {
        return credentials;
    }

    SdkHttpClient http() {
        return http;
    }

    @Override
    public DeployedImages deployedImages() {
        return new SdkDeployedImages(this);
    }

    synchronized ElasticLoadBalancingV2Client elbClient() {
        if (elb == null) {
            elb = configure(ElasticLoadBalancingV2Client.builder()).build();
        }
        return elb;
    }

    synchronized RdsClient rdsClient() {
        if (rds == null) {
            rds = configure(RdsClient.builder()).build();
        }
        return rds;
    }

    synchronized Ec2Client ec2Client() {
        if (ec2 == null) {
            ec2 = configure(Ec2Client.builder()).build();
        }
        return ec2;
    }

    synchronized StsClient sts() {
        if (sts == null) {
            sts = configure(StsClient.builder()).build();
        }
        return sts;
    }

    synchronized CloudFormationClient cfn() {
        if (cfn == null) {
            cfn = configure(CloudFormationClient.builder()).build();
        }
        return cfn;
    }

    synchronized S3Client s3() {
        if (s3 == null) {
            // Emulators serve buckets under the path, not as sub-domains.
            s3 = configure(S3Client.builder())
                    .forcePathStyle(target.endpointUrl() != null)
                    .build();
        }
        return s3;
    }

    synchronized EcsClient ecsClient() {
        if (ecs == null) {
            ecs = configure(EcsClient.builder()).build();
        }
        return ecs;
    }

    private <
                    B extends
                            software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>
                                    & software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder<B, ?>>
            B configure(B builder) {
        builder.region(region).credentialsProvider(credentials).httpClient(http);
        if (target.endpointUrl() != null) {
            builder.endpointOverride(URI.create(target.endpointUrl()));
        }
        return builder;
    }

    /** Runs one SDK call, turning its failures into one sentence and a fix. */
    <T> T call(String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (AwsServiceException e) {
            String code =
                    e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null
                    ? e.getMessage()
                    : e.awsErrorDetails().errorMessage();
            DeployException d = AwsErrors.service(code, message, e.statusCode(), action, target.profile());
            d.initCause(e);
            throw d;
        } catch (SdkException e) {
            DeployException d = AwsErrors.client(e.getMessage(), action, target.profile(), target.shownEndpoint());
            d.initCause(e);
            throw d;
        }
    }

    @Nullable
    String endpointUrl() {
        return target.endpointUrl();
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable c : new AutoCloseable[] {sts, cfn, s3, ecs, ec2, rds, elb, ecr, athena}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing at exit; nothing to do
                }
            }
        }
        http.close();
    }
}
