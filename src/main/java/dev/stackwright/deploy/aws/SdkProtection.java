package dev.stackwright.deploy.aws;

import dev.stackwright.deploy.DeployException;
import dev.stackwright.deploy.Protection;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.rds.model.DBSnapshot;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link Protection} over RDS (the SDK module) and ELBv2. ELBv2 is called in its query protocol with a request the
 * SDK signs: the SDK's elasticloadbalancingv2 module is not on the Maven mirror this project builds from, and destroy
 * needs a single call of it (ModifyLoadBalancerAttributes, API version 2015-12-01).
 */
final class SdkProtection implements Protection {
    private static final String ELBV2_VERSION = "2015-12-01";
    private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");
    private static final Pattern MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");

    private final SdkAws aws;

    SdkProtection(SdkAws aws) {
        this.aws = aws;
    }

    @Override
    public void unprotectDatabase(String dbInstanceIdentifier) {
        aws.call("turning off deletion protection on the database " + dbInstanceIdentifier, () -> aws.rdsClient()
                .modifyDBInstance(b -> b.dbInstanceIdentifier(dbInstanceIdentifier).deletionProtection(false).applyImmediately(true)));
    }

    @Override
    public Optional<String> latestSnapshot(String dbInstanceIdentifier) {
        return aws.call("looking for the final snapshot of " + dbInstanceIdentifier, () -> aws.rdsClient()
                        .describeDBSnapshots(b -> b.dbInstanceIdentifier(dbInstanceIdentifier).snapshotType("manual")))
                .dbSnapshots().stream()
                .max(Comparator.comparing(DBSnapshot::snapshotCreateTime, Comparator.nullsFirst(Comparator.<Instant>naturalOrder())))
                .map(DBSnapshot::dbSnapshotIdentifier);
    }

    @Override
    public void unprotectLoadBalancer(String loadBalancerArn) {
        String action = "turning off deletion protection on the load balancer " + loadBalancerArn;
        String form = "Action=ModifyLoadBalancerAttributes&Version=" + ELBV2_VERSION
                + "&LoadBalancerArn=" + URLEncoder.encode(loadBalancerArn, StandardCharsets.UTF_8)
                + "&Attributes.member.1.Key=deletion_protection.enabled&Attributes.member.1.Value=false";
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        URI endpoint = URI.create(aws.endpointUrl() != null ? aws.endpointUrl()
                : "https://elasticloadbalancing." + aws.region() + ".amazonaws.com/");
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
        try {
            AwsCredentialsIdentity identity = aws.credentials().resolveIdentity().join();
            SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(request)
                    .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "elasticloadbalancing")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, aws.region()));
            HttpExecuteResponse response = aws.http().prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request()).contentStreamProvider(signed.payload().orElse(null)).build()).call();
            if (!response.httpResponse().isSuccessful()) {
                String text = response.responseBody().map(SdkProtection::read).orElse("");
                throw AwsErrors.service(first(CODE, text), first(MESSAGE, text), response.httpResponse().statusCode(), action,
                        aws.profile());
            }
        } catch (IOException | SdkClientException | java.util.concurrent.CompletionException e) {
            DeployException d = AwsErrors.client(e.getMessage(), action, aws.profile(), aws.endpointUrl());
            d.initCause(e);
            throw d;
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String first(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
