package dev.stackwright.deploy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where to connect: a named profile (or the standard credential chain when null), a region (or the SDK's default
 * chain when null), and an endpoint other than AWS's (an emulator) when not null.
 *
 * The constructor throws a DeployException when the endpoint is not an http(s) URL with a host.
 *
 * @param regionSource says where the region came from, for {@code whoami}
 */
public record AwsTarget(
        @Nullable String profile,
        @Nullable String region,
        String regionSource,
        @Nullable String endpointUrl) {
    public AwsTarget {
        if (endpointUrl != null) {
            checkEndpoint(endpointUrl);
        }
    }

    /** The endpoint as messages may show it: a {@code user:password@} in it is masked. Null when there is none. */
    public @Nullable String shownEndpoint() {
        return endpointUrl == null ? null : masked(endpointUrl);
    }

    /**
     * The text with the user information of every URL in it (the part before {@code @} in the authority) replaced by
     * {@code ***}, so a password given in an endpoint never reaches the screen or a log: {@code http://***@localhost:4566}.
     */
    public static String masked(String text) {
        return USER_INFO.matcher(text).replaceAll("$1***@");
    }

    /** The URL without its user information: for a URL handed on to AWS (a template's S3 URL), never a password. */
    public static String withoutCredentials(String url) {
        return USER_INFO.matcher(url).replaceAll("$1");
    }

    private static final java.util.regex.Pattern USER_INFO =
            java.util.regex.Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@\\s]*@");

    private static void checkEndpoint(String url) {
        String fix = "give a URL such as http://localhost:4566 (scheme, host and an optional port)";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new DeployException(
                    "--endpoint-url " + quoted(masked(url)) + " is not a URL (" + reason(e) + ")", fix);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new DeployException("--endpoint-url " + quoted(masked(url)) + " is not an http or https URL", fix);
        }
        if (uri.getHost() == null) {
            throw new DeployException("--endpoint-url " + quoted(masked(url)) + " has no host name", fix);
        }
    }

    private static String quoted(String s) {
        return "`" + s + "`";
    }

    /** The reason without the URL itself, which may hold a password: "Illegal character in authority at index 8". */
    private static String reason(URISyntaxException e) {
        return e.getReason().toLowerCase(Locale.ROOT)
                + (e.getIndex() >= 0 ? " at character " + (e.getIndex() + 1) : "");
    }
}
