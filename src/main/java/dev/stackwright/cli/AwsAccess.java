package dev.stackwright.cli;

import dev.stackwright.deploy.Aws;
import dev.stackwright.deploy.AwsTarget;
import dev.stackwright.deploy.aws.SdkAws;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Who and where to connect to AWS as, without the region: {@code report} takes these alone, since its --region names a
 * template's region; every other command that talks to AWS takes them with --region ({@link AwsOptions}).
 */
class AwsAccess {
    @Option(
            names = "--profile",
            paramLabel = "NAME",
            description = "The AWS profile (from ~/.aws/config) to use; default: the standard credential chain.")
    @Nullable
    String profile;

    @Option(
            names = "--endpoint-url",
            paramLabel = "URL",
            description = "Send every AWS call to this endpoint instead (an emulator such as LocalStack or moto).")
    @Nullable
    String endpointUrl;

    /** Whether the user named an account or an endpoint. */
    boolean given() {
        return profile != null || endpointUrl != null;
    }

    Aws connect(@Nullable String region, String source) {
        AwsTarget target = new AwsTarget(profile, region, source, endpointUrl);
        return AwsOptions.connector != null ? AwsOptions.connector.apply(target) : SdkAws.connect(target);
    }
}
