package dev.stackwright.spec;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a credential looks like, to keep secrets out of plain environment variables: names that say so, and values with
 * the shape of well-known keys and tokens. Shapes, not proof: a value that only resembles one is refused too, and the
 * fix (service.secrets) costs little.
 */
final class SecretShapes {
    /** Words in a variable name that say it holds a secret (matched case-insensitively, anywhere in the name). */
    static final List<String> SECRET_WORDS = List.of("PASSWORD", "SECRET", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY");

    private record Shape(String what, Pattern pattern) {}

    private static final List<Shape> SHAPES = List.of(
            // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
            new Shape("an AWS access key ID", Pattern.compile("(?<![A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])")),
            new Shape("a private key", Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----")),
            // https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/
            new Shape(
                    "a GitHub token", Pattern.compile("\\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})")),
            new Shape("a Slack token", Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}")),
            // An AWS secret access key: 40 characters of base64 with upper case, lower case and digits (a hex digest,
            // all lower case, is not one).
            new Shape(
                    "a 40-character secret key",
                    Pattern.compile("^(?=.*[A-Z])(?=.*[a-z])(?=.*[0-9])[A-Za-z0-9/+]{40}$")));

    private SecretShapes() {}

    static boolean nameSaysSecret(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(upper::contains);
    }

    /** What kind of credential the value looks like, if any. */
    static Optional<String> valueLooksSecret(String value) {
        return SHAPES.stream()
                .filter(s -> s.pattern().matcher(value).find())
                .map(Shape::what)
                .findFirst();
    }

    /** Enough of a value to recognise it, never the secret itself. */
    static String masked(String value) {
        String oneLine = value.strip().lines().findFirst().orElse("");
        if (oneLine.startsWith("-----BEGIN")) {
            return "`" + oneLine + "...`";
        }
        // A token's prefix (AKIA, ghp_, xoxb) says what it is and gives nothing away; of anything else, only the
        // length.
        boolean knownPrefix = value.matches("^(AKIA|ASIA|gh[pousr]_|github_pat_|xox[abposr]-).*");
        return knownPrefix
                ? "`" + value.substring(0, 4) + "...` (" + value.length() + " characters)"
                : "a value of " + value.length() + " characters";
    }
}
