package dev.stackwright.cost;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One entry of a price book: a flat unit price or volume tiers, with where it came from. An entry without either is
 * known but unpriced: it is reported as unpriced, never charged as $0.
 *
 * @param key          e.g. {@code nat-gateway.hour}
 * @param unit         what one unit is, e.g. {@code NAT gateway-hour}
 * @param flat         the unit price, when not tiered
 * @param tiers        volume tiers in ascending order; the last has no upper bound
 * @param source       the AWS page the price comes from
 * @param read         the day it was read, {@code yyyy-mm-dd}
 * @param confidence   {@code aws-page}, {@code secondary} or {@code unconfirmed}
 * @param confirmedVia where the figure was read, when not on the source page itself
 * @param note         what else a reader should know
 * @param facts        other figures of the entry, e.g. {@code vcpu}, {@code dimensions.newConnectionsPerSecond}
 */
public record Price(
        String key,
        String unit,
        Optional<BigDecimal> flat,
        List<Tier> tiers,
        String source,
        String read,
        String confidence,
        Optional<String> confirmedVia,
        Optional<String> note,
        Map<String, BigDecimal> facts) {

    /** Up to {@code upTo} units a month (cumulative, in the entry's unit) cost {@code price} each; empty = no limit. */
    public record Tier(Optional<BigDecimal> upTo, BigDecimal price) {}

    /** The part of a quantity that falls in one tier, and what it costs. */
    public record TierCharge(
            int index,
            BigDecimal from,
            Optional<BigDecimal> upTo,
            BigDecimal quantity,
            BigDecimal unitPrice,
            BigDecimal cost) {
        /** {@code first 10,240}, {@code 10,240 to 51,200}, {@code over 153,600}. */
        public String label() {
            if (upTo.isEmpty()) {
                return from.signum() == 0 ? "all" : "over " + Fmt.qty(from);
            }
            return from.signum() == 0 ? "first " + Fmt.qty(upTo.get()) : Fmt.qty(from) + " to " + Fmt.qty(upTo.get());
        }
    }

    public Price {
        tiers = List.copyOf(tiers);
        facts = new TreeMap<>(facts);
    }

    public boolean isPriced() {
        return flat.isPresent() || !tiers.isEmpty();
    }

    public boolean isTiered() {
        return !tiers.isEmpty();
    }

    /** A figure of the entry other than its price. */
    public Optional<BigDecimal> fact(String name) {
        return Optional.ofNullable(facts.get(name));
    }

    /**
     * What a month's quantity costs, split at the tier boundaries (one charge for a flat price). Quantities are
     * monthly totals, so each tier's share is the part of the quantity between its bounds.
     *
     * @throws IllegalStateException when the entry has no price; callers check {@link #isPriced()} first
     */
    public List<TierCharge> charge(BigDecimal quantity) {
        if (flat.isPresent()) {
            return List.of(new TierCharge(
                    0, BigDecimal.ZERO, Optional.empty(), quantity, flat.get(), quantity.multiply(flat.get())));
        }
        if (tiers.isEmpty()) {
            throw new IllegalStateException(key + " has no price");
        }
        List<TierCharge> out = new ArrayList<>();
        BigDecimal from = BigDecimal.ZERO;
        for (int i = 0; i < tiers.size(); i++) {
            Tier tier = tiers.get(i);
            BigDecimal end = tier.upTo().orElse(null);
            BigDecimal inTier =
                    end == null ? quantity.subtract(from) : quantity.min(end).subtract(from);
            if (inTier.signum() > 0 || (i == 0 && quantity.signum() == 0)) {
                out.add(new TierCharge(
                        i,
                        from,
                        tier.upTo(),
                        inTier.max(BigDecimal.ZERO),
                        tier.price(),
                        inTier.max(BigDecimal.ZERO).multiply(tier.price())));
            }
            if (end == null || quantity.compareTo(end) <= 0) {
                break;
            }
            from = end;
        }
        return out;
    }

    /** The month's cost of a quantity, all tiers together. */
    public BigDecimal cost(BigDecimal quantity) {
        return charge(quantity).stream().map(TierCharge::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The first tier's price, or the flat price: the rate at small volumes. */
    public BigDecimal firstRate() {
        return flat.orElseGet(() -> tiers.getFirst().price());
    }
}
