package dev.stackwright.deploy.aws;

import dev.stackwright.deploy.AwsTarget;
import dev.stackwright.deploy.TemplateStore;
import dev.stackwright.meta.Sha256;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;

/**
 * The template bucket {@code stackwright-templates-<account>-<region>}: created on first use, then encrypted (SSE-S3),
 * private (all four public-access blocks), versioned, with templates expiring after 90 days and old versions after
 * 30. Keys are {@code <stack>/<sha-256>.yaml}, so the same template is stored once.
 */
final class SdkTemplateStore implements TemplateStore {
    private final SdkAws aws;

    SdkTemplateStore(SdkAws aws) {
        this.aws = aws;
    }

    static String bucketName(String account, String region) {
        return "stackwright-templates-" + account + "-" + region;
    }

    @Override
    public Upload upload(String stackName, String templateBody) {
        String account = aws.whoami().account();
        String bucket = bucketName(account, aws.region());
        S3Client s3 = aws.s3();
        boolean created = false;
        if (!exists(s3, bucket, account)) {
            create(s3, bucket);
            created = true;
        }
        String key = stackName + "/" + Sha256.hex(templateBody) + ".yaml";
        aws.call(
                "uploading the template of " + stackName + " to s3://" + bucket,
                () -> s3.putObject(
                        b -> b.bucket(bucket)
                                .key(key)
                                .expectedBucketOwner(account)
                                .contentType("application/x-yaml"),
                        RequestBody.fromString(templateBody, StandardCharsets.UTF_8)));
        String endpoint = aws.endpointUrl();
        String url = endpoint != null
                ? AwsTarget.withoutCredentials(endpoint).replaceAll("/+$", "") + "/" + bucket + "/" + key
                : "https://" + bucket + ".s3." + aws.region() + ".amazonaws.com/" + key;
        return new Upload(bucket, key, url, created);
    }

    private boolean exists(S3Client s3, String bucket, String account) {
        try {
            s3.headBucket(b -> b.bucket(bucket).expectedBucketOwner(account));
            return true;
        } catch (NoSuchBucketException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            return aws.call("checking the template bucket " + bucket, () -> {
                throw e;
            });
        } catch (RuntimeException e) {
            return aws.call("checking the template bucket " + bucket, () -> {
                throw e;
            });
        }
    }

    private void create(S3Client s3, String bucket) {
        String region = aws.region();
        aws.call(
                "creating the template bucket " + bucket,
                () -> s3.createBucket(b -> {
                    b.bucket(bucket);
                    if (!region.equals("us-east-1")) {
                        b.createBucketConfiguration(c -> c.locationConstraint(region));
                    }
                }));
        aws.call(
                "blocking public access to " + bucket,
                () -> s3.putPublicAccessBlock(b -> b.bucket(bucket)
                        .publicAccessBlockConfiguration(c -> c.blockPublicAcls(true)
                                .ignorePublicAcls(true)
                                .blockPublicPolicy(true)
                                .restrictPublicBuckets(true))));
        aws.call(
                "encrypting " + bucket,
                () -> s3.putBucketEncryption(b -> b.bucket(bucket)
                        .serverSideEncryptionConfiguration(c -> c.rules(ServerSideEncryptionRule.builder()
                                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256))
                                .build()))));
        aws.call(
                "turning on versioning of " + bucket,
                () -> s3.putBucketVersioning(
                        b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED))));
        aws.call(
                "setting the lifecycle of " + bucket,
                () -> s3.putBucketLifecycleConfiguration(b -> b.bucket(bucket)
                        .lifecycleConfiguration(l -> l.rules(LifecycleRule.builder()
                                .id("expire-old-templates")
                                .status(ExpirationStatus.ENABLED)
                                .filter(LifecycleRuleFilter.builder().prefix("").build())
                                .expiration(e -> e.days(90))
                                .noncurrentVersionExpiration(n -> n.noncurrentDays(30))
                                .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(1))
                                .build()))));
    }
}
