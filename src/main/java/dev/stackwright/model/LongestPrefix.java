package dev.stackwright.model;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * How AWS picks a route, in VPC route tables and transit gateway route tables alike, for both families: "we use the
 * most specific route in your route table that matches the traffic to determine how to route the traffic (longest
 * prefix match)" (https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html). One decision, so the
 * engine's lookup over packet sets and the lookups over one block cannot disagree: routes are tried most specific
 * first, and on equal length the one given first wins (callers put what AWS prefers first, such as a transit
 * gateway's static route before a propagated one).
 */
public final class LongestPrefix {
    private LongestPrefix() {}

    /** The order in which routes are tried: longest prefix first, ties in the given order (the sort is stable). */
    public static <T> Comparator<T> mostSpecificFirst(ToIntFunction<T> prefixLength) {
        return Comparator.comparingInt((T r) -> -prefixLength.applyAsInt(r));
    }

    /** The route that carries all of {@code destination}: the most specific whose block holds it; empty for none. */
    public static <T> Optional<T> match(List<T> routes, Function<T, IpPrefix> blockOf, IpPrefix destination) {
        return routes.stream()
                .sorted(mostSpecificFirst(r -> blockOf.apply(r).prefixLength()))
                .filter(r -> blockOf.apply(r).contains(destination))
                .findFirst();
    }
}
