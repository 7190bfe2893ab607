package dev.stackwright.cost;

import dev.stackwright.diag.InputException;
import dev.stackwright.spec.StackSpec;
import dev.stackwright.spec.TrafficSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The break-even that {@code frontDoor: auto} decides by: the monthly request volume at which an ALB and an HTTP API
 * cost the same for the spec's traffic, from the region's price book.
 */
public final class FrontDoorAuto {
    private FrontDoorAuto() {}

    /** Empty when the region has no book, or the book lacks the ALB or API Gateway prices. */
    public static Optional<BigDecimal> breakEven(StackSpec spec) {
        Path specDir = Path.of(spec.source().file()).toAbsolutePath().getParent();
        try {
            Optional<PriceBook> book = PriceBooks.forRegion(
                    spec.region(), Optional.ofNullable(specDir).map(d -> d.resolve(PriceBooks.DROP_IN_DIR)));
            if (book.isEmpty()) {
                return Optional.empty();
            }
            return FrontDoorChoice.breakEven(
                    profile(spec.traffic(), spec.network().azs(), book.get()), FrontDoorChoice.HTTP, book.get());
        } catch (InputException e) {
            // A book without these prices (or a broken drop-in) cannot decide; the planner falls back and says so.
            return Optional.empty();
        }
    }

    /**
     * What one request brings, from the month's figures: the request and its response (the ALB processes both ways:
     * "the number of bytes processed by the load balancer in GBs for HTTP(S) requests and responses",
     * https://aws.amazon.com/elasticloadbalancing/pricing/), connections per request at most one (clients that reuse
     * connections open fewer), and how long a connection lasts from the concurrent count.
     */
    static FrontDoorChoice.Profile profile(TrafficSpec traffic, int zones, PriceBook book) {
        BigDecimal kb = traffic.avgRequestKb().add(traffic.avgResponseKb());
        BigDecimal seconds = book.hoursPerMonth().multiply(BigDecimal.valueOf(3600));
        BigDecimal perSecond = traffic.requestsPerMonth().divide(seconds, 12, RoundingMode.HALF_UP);
        if (perSecond.signum() == 0) {
            return new FrontDoorChoice.Profile(kb, BigDecimal.ONE, BigDecimal.ONE, 0, zones);
        }
        BigDecimal connections = traffic.newConnectionsPerSecond()
                .divide(perSecond, 12, RoundingMode.HALF_UP)
                .min(BigDecimal.ONE);
        BigDecimal lasting = traffic.activeConnections().divide(perSecond, 12, RoundingMode.HALF_UP);
        return new FrontDoorChoice.Profile(kb, connections, lasting, 0, zones);
    }
}
