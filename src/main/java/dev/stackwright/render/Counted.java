package dev.stackwright.render;

import java.util.Locale;

/** A count and its noun for reports and findings, as a reader of large accounts wants it. */
public final class Counted {
    private Counted() {}

    /** "1 resource", "1,000 resources": thousands grouped, the noun in the plural past one (an "s" added). */
    public static String of(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? noun : noun + "s");
    }
}
