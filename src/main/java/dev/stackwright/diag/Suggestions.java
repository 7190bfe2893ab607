package dev.stackwright.diag;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" suggestions by edit distance. */
public final class Suggestions {
    private Suggestions() {}

    /**
     * The closest candidate within a distance that still looks like a typo, if any. A candidate must keep part of
     * what was typed: "db" is not a typo of "s3", though only two edits apart.
     */
    public static Optional<String> closest(String input, Collection<String> candidates) {
        if (input.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String lower = input.toLowerCase(java.util.Locale.ROOT);
        int limit = Math.min(Math.max(2, input.length() / 3), input.length() - 1);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            // Lengths further apart than the limit are further apart in edits too: skip without the table.
            if (Math.abs(c.length() - input.length()) > limit) {
                continue;
            }
            int d = distance(lower, c.toLowerCase(java.util.Locale.ROOT));
            if (d <= limit && (d < bestDistance || (d == bestDistance && best != null && c.compareTo(best) < 0))) {
                best = c;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Names longer than this get no suggestion: no one mistypes a 200-character name, and the edit table grows with
     * the square of the length.
     */
    static final int MAX_LENGTH = 128;

    /** Optimal string alignment distance: Levenshtein plus adjacent transpositions, the most common typo. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
