package dev.stackwright.cost;

import dev.stackwright.model.NatMode;
import dev.stackwright.spec.TrafficSpec;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The network priced with every way out of the app tier, on the same traffic: what each costs a month, the
 * difference from the plan, and the NAT-bound volume (GB a month to other AWS services and the internet) at which
 * each would overtake the plan.
 */
public final class NatAlternatives {
    private static final String VOLUME = "GB/month through NAT";

    public enum Option {
        INSTANCE_PER_AZ("nat: instance, one per zone"),
        INSTANCE_SHARED("nat: instance, one shared"),
        GATEWAY("nat: gateway (one)"),
        GATEWAY_PER_AZ("nat: gateway-per-az"),
        REGIONAL_GATEWAY("nat: regional-gateway"),
        NONE("nat: none, with interface endpoints");

        private final String label;

        Option(String label) {
            this.label = label;
        }

        public String label() {
            return label;
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
     */
    public record Alternative(Option option, boolean current, BigDecimal monthly, BigDecimal difference,
                              BreakEven breakEven, int unpriced, boolean reachesEverything, List<String> caveats) {
        public Alternative {
            caveats = List.copyOf(caveats);
        }
    }

    private NatAlternatives() {
    }

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
    public static NetworkShape shapeFor(Option option, NetworkShape plan, String natInstanceType, List<String> endpointsWithoutNat) {
        if (option == optionOf(plan)) {
            return plan;
        }
        NetworkShape noNat = plan.withNat(NatMode.NONE, List.of());
        return switch (option) {
            case INSTANCE_PER_AZ -> plan.withNat(NatMode.INSTANCE, devices(plan.azs(), NetworkShape.Kind.INSTANCE, natInstanceType));
            case INSTANCE_SHARED -> plan.withNat(NatMode.INSTANCE, devices(1, NetworkShape.Kind.INSTANCE, natInstanceType));
            case GATEWAY -> plan.withNat(NatMode.GATEWAY, devices(1, NetworkShape.Kind.GATEWAY, null));
            case GATEWAY_PER_AZ -> plan.withNat(NatMode.GATEWAY_PER_AZ, devices(plan.azs(), NetworkShape.Kind.GATEWAY, null));
            case REGIONAL_GATEWAY -> plan.withNat(NatMode.REGIONAL_GATEWAY, List.of(
                    new NetworkShape.NatDevice("nat", NetworkShape.Kind.REGIONAL_GATEWAY, Optional.empty(), plan.azs())));
            case NONE -> {
                // The planner's list (EndpointNeeds.withoutNat): what the stack and the app's calls need.
                TreeSet<String> services = new TreeSet<>(endpointsWithoutNat);
                plan.interfaceEndpoints().forEach(e -> services.add(e.service()));
                yield noNat.withInterfaceEndpoints(services.stream()
                        .map(s -> new NetworkShape.InterfaceEndpoint(s, plan.azs())).toList());
            }
        };
    }

    private static List<NetworkShape.NatDevice> devices(int count, NetworkShape.Kind kind, @Nullable String instanceType) {
        List<NetworkShape.NatDevice> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new NetworkShape.NatDevice("nat-" + (char) ('a' + i), kind, Optional.ofNullable(instanceType), 1));
        }
        return out;
    }

    /** Every option priced on the same traffic, the plan's first. */
    public static List<Alternative> compare(NetworkShape plan, String natInstanceType, List<String> endpointsWithoutNat,
                                            TrafficSpec traffic, PriceBook book) {
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
                caveats.add("adds interface endpoints: " + String.join(", ", shape.interfaceEndpoints().stream()
                        .map(NetworkShape.InterfaceEndpoint::service).toList()));
            }
            if ((option == Option.INSTANCE_PER_AZ || option == Option.INSTANCE_SHARED) && current != Option.INSTANCE_PER_AZ
                    && current != Option.INSTANCE_SHARED) {
                caveats.add("instances are yours to patch, and their bandwidth is the instance type's");
            }
            if (!option.zoneIndependent() && plan.azs() > 1) {
                caveats.add("one zone's failure cuts every zone off");
            }
            boolean reaches = option != Option.NONE || internet.signum() == 0;
            // A break-even needs both sides to carry the same traffic: NAT none cannot carry what goes to the internet.
            BreakEven be = option == current ? new BreakEven(Optional.empty(), "the plan")
                    : !reaches ? new BreakEven(Optional.empty(), "no break-even: it cannot carry this traffic")
                    : BreakEven.of(line.fixed(), line.slope(), planLine.fixed(), planLine.slope(), VOLUME);
            out.add(new Alternative(option, option == current, line.atTraffic(),
                    line.atTraffic().subtract(planLine.atTraffic()), be, line.unpriced(), reaches, caveats));
        }
        return out;
    }

    /**
     * A shape's monthly total as a line in the NAT-bound volume: the total with no NAT-bound traffic (fixed) and
     * what each further GB adds (slope), keeping the split between AWS services and the internet as given.
     */
    record Line(BigDecimal fixed, BigDecimal slope, BigDecimal atTraffic, int unpriced) {
        static Line of(NetworkShape shape, TrafficSpec traffic, PriceBook book) {
            TrafficSpec.NatBound out = traffic.natGbPerMonth();
            BigDecimal volume = out.otherAws().add(out.internet());
            // With nothing NAT-bound, probe with 1,000 GB split evenly to learn the slope.
            BigDecimal probeOther = volume.signum() == 0 ? BigDecimal.valueOf(500) : out.otherAws();
            BigDecimal probeInternet = volume.signum() == 0 ? BigDecimal.valueOf(500) : out.internet();
            BigDecimal probe = probeOther.add(probeInternet);
            NetworkPricer.Priced now = NetworkPricer.price(shape, traffic, book);
            BigDecimal fixed = NetworkPricer.price(shape, with(traffic, BigDecimal.ZERO, BigDecimal.ZERO), book).total();
            BigDecimal probed = NetworkPricer.price(shape, with(traffic, probeOther, probeInternet), book).total();
            BigDecimal slope = probed.subtract(fixed).divide(probe, 12, RoundingMode.HALF_UP);
            int unpriced = (int) now.lines().stream().filter(l -> l.status() == CostLine.Status.UNPRICED).count();
            return new Line(fixed, slope, now.total(), unpriced);
        }

        private static TrafficSpec with(TrafficSpec t, BigDecimal otherAws, BigDecimal internet) {
            TrafficSpec.NatBound n = t.natGbPerMonth();
            return new TrafficSpec(t.requestsPerMonth(), t.avgResponseKb(), t.avgDurationMs(), t.newConnectionsPerSecond(),
                    t.activeConnections(), t.egressGbPerMonth(), new TrafficSpec.NatBound(n.s3(), n.dynamodb(), otherAws, internet),
                    t.logGbPerMonth(), t.appLogGbPerMonth(), t.assumed());
        }
    }
}
