package dev.stackwright.model;

import java.util.List;

/**
 * The NAT devices each way out of the app tier has in a set of zones: the one layout the planner builds and the cost
 * comparison prices for every alternative, so an alternative costs what the planner would build for it. In the model
 * because both read it and the cost package does not know the planner.
 */
public final class NatLayout {
    /** The security group of NAT instances. */
    public static final String SECURITY_GROUP = "nat";

    private NatLayout() {}

    /**
     * The devices of a NAT mode: instances one per zone or one shared (in the first zone), gateways one in the first
     * zone or one per zone, one regional gateway that lives in no subnet of ours, nothing for {@code none}. Each zonal
     * device sits in its zone's public subnet and is named after the zone.
     *
     * @param instancePerAz for {@code instance}: one per zone (true) or one shared by all zones
     * @param instanceType  for {@code instance}: the EC2 type of each instance
     */
    public static List<Nat> devices(NatMode mode, boolean instancePerAz, List<Az> azs, String instanceType) {
        List<Az> zones = switch (mode) {
            case INSTANCE -> instancePerAz ? azs : azs.subList(0, 1);
            case GATEWAY_PER_AZ -> azs;
            case GATEWAY -> azs.subList(0, 1);
            case REGIONAL_GATEWAY, NONE -> List.of();
        };
        return switch (mode) {
            case INSTANCE ->
                zones.stream()
                        .<Nat>map(az -> new Nat.Instance(
                                "nat-" + az.letter(), az, "public-" + az.letter(), instanceType, SECURITY_GROUP))
                        .toList();
            case GATEWAY, GATEWAY_PER_AZ ->
                zones.stream()
                        .<Nat>map(az -> new Nat.Gateway("nat-" + az.letter(), az, "public-" + az.letter()))
                        .toList();
            case REGIONAL_GATEWAY -> List.of(new Nat.RegionalGateway("nat"));
            case NONE -> List.of();
        };
    }
}
