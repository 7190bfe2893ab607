package dev.stackwright.deploy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * CloudFormation's status reasons cut to what a person needs: the first sentence, without the handler wrapper and the
 * request ids.
 */
public final class Reasons {
    private static final Pattern WRAPPER = Pattern.compile("^Resource handler returned message:\\s*\"?");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?=[\"')]?(\\s|$))");
    private static final List<String> TAILS = List.of(" (Service:", " (RequestToken:", " (HandlerErrorCode:", "\" (");
    private static final List<String> CANCELLED = List.of(
            "Resource creation cancelled",
            "Resource update cancelled",
            "Resource deletion cancelled",
            "Resource creation Initiated");

    private Reasons() {}

    public static String firstSentence(@Nullable String reason) {
        if (reason == null || reason.isBlank()) {
            return "";
        }
        String s = WRAPPER.matcher(reason.strip()).replaceFirst("");
        for (String tail : TAILS) {
            int at = s.indexOf(tail);
            if (at > 0) {
                s = s.substring(0, at);
            }
        }
        Matcher end = SENTENCE_END.matcher(s);
        if (end.find()) {
            s = s.substring(0, end.end());
        }
        s = s.strip();
        while (s.endsWith("\"")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** A failure that only follows another one: CloudFormation cancels what was running when something failed. */
    public static boolean isCancellation(@Nullable String reason) {
        if (reason == null) {
            return false;
        }
        String r = reason.strip();
        return CANCELLED.stream().anyMatch(r::startsWith) || r.equalsIgnoreCase("cancelled");
    }
}
