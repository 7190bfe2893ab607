package dev.stackwright.deploy.aws;

import dev.stackwright.deploy.DeployException;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * AWS failures as one sentence and the fix. Pure over the error code and message, so every case is testable without
 * the SDK.
 */
public final class AwsErrors {
    private static final Set<String> EXPIRED =
            Set.of("ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired");
    private static final Set<String> UNRECOGNISED = Set.of(
            "InvalidClientTokenId",
            "UnrecognizedClientException",
            "SignatureDoesNotMatch",
            "InvalidAccessKeyId",
            "AuthFailure",
            "IncompleteSignature");
    private static final Set<String> DENIED = Set.of(
            "AccessDenied",
            "AccessDeniedException",
            "UnauthorizedOperation",
            "UnauthorizedAccess",
            "AuthorizationError");
    private static final Set<String> THROTTLED = Set.of(
            "Throttling",
            "ThrottlingException",
            "RequestLimitExceeded",
            "TooManyRequestsException",
            "SlowDown",
            "RequestThrottled");

    private AwsErrors() {}

    /** An error AWS answered with. {@code action} says what we were doing: "describing stack shop-dev-network". */
    public static DeployException service(
            @Nullable String code, @Nullable String message, int status, String action, @Nullable String profile) {
        String c = code == null ? "" : code;
        String m = message == null ? "" : message.strip();
        String who = profile == null ? "" : " (profile " + profile + ")";
        if (EXPIRED.contains(c) || m.contains("security token included in the request is expired")) {
            return new DeployException(
                    "your AWS credentials" + who + " have expired",
                    "refresh them: `aws sso login" + (profile == null ? "" : " --profile " + profile)
                            + "`, or new keys or a new session token");
        }
        if (UNRECOGNISED.contains(c)) {
            return new DeployException(
                    "AWS does not recognise the credentials" + who + " (" + c + ")",
                    "check the access key and secret (`aws configure list`), or pick another profile with --profile");
        }
        if (DENIED.contains(c) || status == 403) {
            return new DeployException(
                    "access denied while " + action + ": " + firstSentence(m),
                    "grant the identity shown by `stackwright whoami` the permission named above, or use another --profile");
        }
        if (THROTTLED.contains(c) || status == 429) {
            return new DeployException(
                    "AWS is throttling requests while " + action + ", even after retries",
                    "wait a minute and run the command again; other tools polling the same account add to the limit");
        }
        return new DeployException(
                "AWS refused " + action + ": " + firstSentence(m) + (c.isEmpty() ? "" : " (" + c + ")"),
                "fix the cause named above and run the command again");
    }

    /** A failure on our side of the wire: no credentials, no region, no connection. */
    public static DeployException client(
            @Nullable String message, String action, @Nullable String profile, @Nullable String endpoint) {
        String m = message == null ? "" : message;
        if (m.contains("Unable to load credentials")
                || m.contains("Unable to load an AWS credentials")
                || m.contains("contained no credentials")
                || m.contains("No profile")
                || m.contains("profile file")) {
            return new DeployException(
                    profile == null
                            ? "no AWS credentials found"
                            : "no credentials for the profile " + profile + " in ~/.aws/config or ~/.aws/credentials",
                    "run `aws configure" + (profile == null ? "" : " --profile " + profile) + "` (or `aws sso login`), "
                            + "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or pass --profile NAME");
        }
        if (m.contains("Unable to load region")) {
            return new DeployException(
                    "no AWS region is set", "pass --region, set `region:` in the spec, or set AWS_REGION");
        }
        if (m.contains("Unable to execute HTTP request")
                || m.contains("Connection refused")
                || m.contains("UnknownHost")
                || m.contains("connect timed out")
                || m.contains("Read timed out")) {
            return new DeployException(
                    "could not reach AWS" + (endpoint == null ? "" : " at " + endpoint) + " while " + action,
                    endpoint == null
                            ? "check the network connection and the region, then try again"
                            : "check that the endpoint given with --endpoint-url is running");
        }
        return new DeployException(
                "the AWS call failed while " + action + ": " + firstSentence(m),
                "try again; if it persists, run with --stacktrace and report it");
    }

    private static String firstSentence(String m) {
        int end = m.indexOf(". ");
        return end > 0 ? m.substring(0, end + 1) : m;
    }
}
