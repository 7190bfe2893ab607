package dev.stackwright.plan;

import dev.stackwright.model.app.FrontDoorKind;
import dev.stackwright.spec.StackSpec;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Optional;

/**
 * Which front door the stack gets and why. {@code frontDoor: auto} picks API Gateway below the request volume at
 * which an ALB becomes cheaper: the break-even that {@code stackwright cost} computes from the region's price book,
 * or, for a region without one, {@link #FALLBACK_THRESHOLD}.
 */
public record FrontDoorDecision(FrontDoorKind kind, String reason) {
    /**
     * Requests a month above which an ALB is assumed cheaper when no price book can say: about where a small ALB's
     * hourly fee and first LCU ($16-22 a month in the regions priced) meet HTTP API's $1.00 per million.
     */
    public static final BigDecimal FALLBACK_THRESHOLD = new BigDecimal("20000000");

    /** The user's choice, or the threshold rule for auto. */
    public static FrontDoorDecision of(StackSpec spec) {
        return of(spec, Optional.empty());
    }

    /**
     * The front door the spec asks for, or the one its traffic picks under {@code auto}.
     *
     * @param breakEven requests a month at which ALB and HTTP API cost the same for this spec's traffic, when priced
     */
    public static FrontDoorDecision of(StackSpec spec, Optional<BigDecimal> breakEven) {
        Optional<FrontDoorKind> requested = spec.frontDoor().requested();
        if (requested.isPresent()) {
            return new FrontDoorDecision(requested.get(), "chosen in " + fileName(spec));
        }
        if (spec.frontDoor().auth().isPresent()) {
            // Only API Gateway checks bearer tokens; the price comparison does not get a say.
            return new FrontDoorDecision(
                    FrontDoorKind.API_GATEWAY, "auto: frontDoor.auth needs API Gateway's JWT authorizer");
        }
        BigDecimal requests = spec.traffic().requestsPerMonth();
        BigDecimal line = breakEven.orElse(FALLBACK_THRESHOLD);
        String basis = breakEven.isPresent()
                ? "the break-even with an ALB for this traffic, from the " + spec.region() + " price book"
                : "Stackwright's fallback threshold (no price book for " + spec.region() + ")";
        String assumed = spec.traffic().isAssumed("requestsPerMonth") ? " (assumed; set traffic.requestsPerMonth)" : "";
        if (requests.compareTo(line) < 0) {
            return new FrontDoorDecision(
                    FrontDoorKind.API_GATEWAY,
                    "auto: " + millions(requests) + " requests a month" + assumed + " is below " + millions(line) + ", "
                            + basis);
        }
        return new FrontDoorDecision(
                FrontDoorKind.ALB,
                "auto: " + millions(requests) + " requests a month" + assumed + " is at or above " + millions(line)
                        + ", " + basis);
    }

    private static String millions(BigDecimal requests) {
        DecimalFormat f = new DecimalFormat("#,##0.#", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(requests.movePointLeft(6)) + "M";
    }

    private static String fileName(StackSpec spec) {
        String file = spec.source().file();
        int slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
        return file.substring(slash + 1);
    }
}
