package dev.stackwright.cost;

import dev.stackwright.model.Az;
import dev.stackwright.model.NatLayout;
import dev.stackwright.model.NatMode;
import dev.stackwright.spec.TrafficSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * The network priced with every way out of the app tier, on the same traffic: what each costs a month, the
 * difference from the plan, and the NAT-bound volume (GB a month to other AWS services and the internet) at which
 * each would overtake the plan.
 */
public final class NatAlternatives {
    /** The unit of the volume the options are compared on. */
    public static final String VOLUME = "GB/month through NAT";

    public enum Option {
        INSTANCE_PER_AZ("nat: instance, one per zone", NatMode.INSTANCE, true),
        INSTANCE_SHARED("nat: instance, one shared", NatMode.INSTANCE, false),
        GATEWAY("nat: gateway (one)", NatMode.GATEWAY, false),
        GATEWAY_PER_AZ("nat: gateway-per-az", NatMode.GATEWAY_PER_AZ, false),
        REGIONAL_GATEWAY("nat: regional-gateway", NatMode.REGIONAL_GATEWAY, false),
        NONE("nat: none, with interface endpoints", NatMode.NONE, false);

        private final String label;
        private final NatMode mode;
        private final boolean instancePerAz;

        Option(String label, NatMode mode, boolean instancePerAz) {
            this.label = label;
            this.mode = mode;
            this.instancePerAz = instancePerAz;
        }

        public String label() {
            return label;
        }

        /** The spec's {@code network.nat} for this option. */
        public NatMode mode() {
            return mode;
        }

        /** The spec's {@code network.natInstance.perAz} for this option (instances only). */
        public boolean instancePerAz() {
            return instancePerAz;
        }

        /** Whether each zone keeps its way out when another zone fails. */
        public boolean zoneIndependent() {
            return this != INSTANCE_SHARED && this != GATEWAY;
        }
    }

    /**
     * One way out, priced.
     *
     * @param monthly    the whole network's monthly total with this option (priced lines only)
     * @param difference monthly minus the plan's monthly
     * @param breakEven  against the plan, in GB a month through NAT
     * @param unpriced   lines without a price in this option (its total leaves them out)
     * @param caveats    what the option changes besides cost
     * @param curve      the whole network's monthly total against the volume through NAT, the line the break-even
     *                   is computed from
     */
    public record Alternative(
            Option option,
            boolean current,
            BigDecimal monthly,
            BigDecimal difference,
            BreakEven breakEven,
            int unpriced,
            boolean reachesEverything,
            List<String> caveats,
            CostCurve curve) {
        public Alternative {
            caveats = List.copyOf(caveats);
        }
    }

    private NatAlternatives() {}

    /** Which option a shape is. */
    public static Option optionOf(NetworkShape shape) {
        return switch (shape.natMode()) {
            case INSTANCE -> shape.nats().size() >= shape.azs() ? Option.INSTANCE_PER_AZ : Option.INSTANCE_SHARED;
            case GATEWAY -> Option.GATEWAY;
            case GATEWAY_PER_AZ -> Option.GATEWAY_PER_AZ;
            case REGIONAL_GATEWAY -> Option.REGIONAL_GATEWAY;
            case NONE -> Option.NONE;
        };
    }

    /** The shape with another way out; the plan's own shape for its own option. */
    public static NetworkShape shapeFor(
            Option option, NetworkShape plan, String natInstanceType, List<String> endpointsWithoutNat) {
        if (option == optionOf(plan)) {
            return plan;
        }
        if (option == Option.NONE) {
            // The planner's list (EndpointNeeds.withoutNat): what the stack and the app's calls need.
            TreeSet<String> services = new TreeSet<>(endpointsWithoutNat);
            plan.interfaceEndpoints().forEach(e -> services.add(e.service()));
            return plan.withNat(NatMode.NONE, List.of())
                    .withInterfaceEndpoints(services.stream()
                            .map(s -> new NetworkShape.InterfaceEndpoint(s, plan.azs()))
                            .toList());
        }
        // The devices the planner would build for this option, priced as the plan's own are.
        List<Az> azs = IntStream.range(0, plan.azs()).mapToObj(Az::new).toList();
        return plan.withNat(
                option.mode(),
                NatLayout.devices(option.mode(), option.instancePerAz(), azs, natInstanceType).stream()
                        .map(n -> NetworkShape.NatDevice.of(n, plan.azs()))
                        .toList());
    }

    /** Every option priced on the same traffic, the plan's first. */
    public static List<Alternative> compare(
            NetworkShape plan,
            String natInstanceType,
            List<String> endpointsWithoutNat,
            TrafficSpec traffic,
            PriceBook book) {
        Option current = optionOf(plan);
        Line planLine = Line.of(plan, traffic, book);
        List<Alternative> out = new ArrayList<>();
        List<Option> order = new ArrayList<>(List.of(current));
        for (Option o : Option.values()) {
            if (o != current) {
                order.add(o);
            }
        }
        for (Option option : order) {
            NetworkShape shape = shapeFor(option, plan, natInstanceType, endpointsWithoutNat);
            Line line = option == current ? planLine : Line.of(shape, traffic, book);
            List<String> caveats = new ArrayList<>();
            BigDecimal internet = traffic.natGbPerMonth().internet();
            if (option == Option.NONE && internet.signum() > 0) {
                caveats.add("no internet path for the " + Fmt.qty(internet) + " GB/month of internet-bound traffic");
            }
            if (option == Option.NONE && current != Option.NONE) {
                caveats.add("adds interface endpoints: "
                        + String.join(
                                ", ",
                                shape.interfaceEndpoints().stream()
                                        .map(NetworkShape.InterfaceEndpoint::service)
                                        .toList()));
            }
            if ((option == Option.INSTANCE_PER_AZ || option == Option.INSTANCE_SHARED)
                    && current != Option.INSTANCE_PER_AZ
                    && current != Option.INSTANCE_SHARED) {
                caveats.add("instances are yours to patch, and their bandwidth is the instance type's");
            }
            if (!option.zoneIndependent() && plan.azs() > 1) {
                caveats.add("one zone's failure cuts every zone off");
            }
            boolean reaches = option != Option.NONE || internet.signum() == 0;
            // A break-even needs both sides to carry the same traffic: NAT none cannot carry what goes to the internet.
            BreakEven be = option == current
                    ? new BreakEven(Optional.empty(), "the plan")
                    : !reaches
                            ? new BreakEven(Optional.empty(), "no break-even: it cannot carry this traffic")
                            : BreakEven.of(line.fixed(), line.slope(), planLine.fixed(), planLine.slope(), VOLUME);
            out.add(new Alternative(
                    option,
                    option == current,
                    line.atTraffic(),
                    line.atTraffic().subtract(planLine.atTraffic()),
                    be,
                    line.unpriced(),
                    reaches,
                    caveats,
                    CostCurve.line(line.fixed(), line.slope())));
        }
        return out;
    }

    /** The volume the options are compared on: what goes through NAT to other AWS services and the internet. */
    public static BigDecimal volume(TrafficSpec traffic) {
        TrafficSpec.NatBound out = traffic.natGbPerMonth();
        return out.otherAws().add(out.internet());
    }

    /**
     * A shape's monthly total as a line in the NAT-bound volume: the total with no NAT-bound traffic (fixed) and
     * what each further GB adds (slope), keeping the split between AWS services and the internet as given.
     */
    record Line(BigDecimal fixed, BigDecimal slope, BigDecimal atTraffic, int unpriced) {
        static Line of(NetworkShape shape, TrafficSpec traffic, PriceBook book) {
            TrafficSpec.NatBound out = traffic.natGbPerMonth();
            BigDecimal volume = volume(traffic);
            // With nothing NAT-bound, probe with 1,000 GB split evenly to learn the slope.
            BigDecimal probeOther = volume.signum() == 0 ? BigDecimal.valueOf(500) : out.otherAws();
            BigDecimal probeInternet = volume.signum() == 0 ? BigDecimal.valueOf(500) : out.internet();
            BigDecimal probe = probeOther.add(probeInternet);
            NetworkPricer.Priced now = NetworkPricer.price(shape, traffic, book);
            BigDecimal fixed = NetworkPricer.price(shape, with(traffic, BigDecimal.ZERO, BigDecimal.ZERO), book)
                    .total();
            BigDecimal probed = NetworkPricer.price(shape, with(traffic, probeOther, probeInternet), book)
                    .total();
            BigDecimal slope = probed.subtract(fixed).divide(probe, 12, RoundingMode.HALF_UP);
            int unpriced = (int) now.lines().stream()
                    .filter(l -> l.status() == CostLine.Status.UNPRICED)
                    .count();
            return new Line(fixed, slope, now.total(), unpriced);
        }

        private static TrafficSpec with(TrafficSpec t, BigDecimal otherAws, BigDecimal internet) {
            TrafficSpec.NatBound n = t.natGbPerMonth();
            return t.withNatGbPerMonth(new TrafficSpec.NatBound(n.s3(), n.dynamodb(), otherAws, internet));
        }
    }
}
