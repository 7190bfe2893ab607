package dev.stackwright.plan.cidr;

import dev.stackwright.model.Az;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.Tier;

/**
 * Where each subnet goes in the VPC block. The layout is fixed and append-only: a subnet's CIDR depends only on the
 * VPC block, its tier, its zone position and its tier's size, never on how many zones or tiers exist, so adding a
 * zone or a tier never moves an existing subnet (moving one forces CloudFormation to replace it).
 *
 * <pre>
 * VPC /P
 * ├── first half  /P+1: app tier, four zone slots of /P+3 (a, b, c, spare)
 * └── second half /P+1: four tier slots of /P+3
 *     ├── slot 0: public, four zone slots of /P+5
 *     ├── slot 1: data,   four zone slots of /P+5
 *     └── slots 2, 3: reserved for future tiers
 * </pre>
 *
 * Each subnet is the first block of its tier's size inside its zone slot, so growing a tier's size later keeps the
 * start address. See docs/cidr-layout.md.
 */
public final class SubnetLayout {
    /** Zone slots per tier: three zones and one spare. */
    public static final int ZONE_SLOTS = 4;
    /** Public and data subnets get a /24 when the VPC has room: plenty for load balancers, NAT and databases. */
    static final int DEFAULT_SMALL_TIER_PREFIX = 24;
    /** App subnets are never smaller than a /24 when the VPC has room, whatever maxTasks says. */
    static final int DEFAULT_APP_PREFIX = 24;

    private SubnetLayout() {}

    /**
     * Addresses one app subnet must hold for {@code maxTasks} peak ENIs: each zone can take the whole peak (two
     * zones at least share it, and a deploy briefly runs up to twice the tasks), plus 25% for instances, endpoints
     * and load balancer nodes.
     */
    public static long neededAppIps(int maxTasks) {
        return maxTasks + (maxTasks + 3L) / 4;
    }

    /** The prefix length of a tier's subnets in this VPC, or empty if the tier does not fit. */
    public static java.util.OptionalInt prefixFor(Tier tier, Cidr vpc, int maxTasks) {
        int slot = zoneSlotPrefix(tier, vpc);
        int prefix = switch (tier) {
            case APP -> Math.max(slot, Math.min(DEFAULT_APP_PREFIX, Cidr.prefixFor(neededAppIps(maxTasks))));
            case PUBLIC, DATA -> Math.max(slot, DEFAULT_SMALL_TIER_PREFIX);
        };
        long needed = tier == Tier.APP ? neededAppIps(maxTasks) : minimumUsable(tier);
        return (1L << (32 - prefix)) - 5 >= needed && prefix <= 28
                ? java.util.OptionalInt.of(prefix)
                : java.util.OptionalInt.empty();
    }

    /** The most tasks this VPC's app subnets can hold. */
    public static int maxTasksFor(Cidr vpc) {
        long usable = (1L << (32 - zoneSlotPrefix(Tier.APP, vpc))) - 5;
        return (int) Math.min(Integer.MAX_VALUE, usable * 4 / 5);
    }

    /** The subnet for a tier in a zone. */
    public static Cidr subnet(Cidr vpc, Tier tier, Az az, int prefix) {
        if (az.index() >= ZONE_SLOTS) {
            throw new IllegalArgumentException("the layout has " + ZONE_SLOTS + " zone slots, not " + (az.index() + 1));
        }
        return zoneSlot(vpc, tier, az).subnet(prefix, 0);
    }

    /** The block reserved for a tier in a zone; the subnet starts at its beginning. */
    public static Cidr zoneSlot(Cidr vpc, Tier tier, Az az) {
        int p = vpc.prefixLength();
        return switch (tier) {
            case APP -> vpc.subnet(p + 1, 0).subnet(p + 3, az.index());
            case PUBLIC -> vpc.subnet(p + 1, 1).subnet(p + 3, 0).subnet(p + 5, az.index());
            case DATA -> vpc.subnet(p + 1, 1).subnet(p + 3, 1).subnet(p + 5, az.index());
        };
    }

    /**
     * The index of a subnet's IPv6 /64 inside the VPC's /56: tier slot x 16 + zone index, so the last byte of the /64's
     * prefix reads as two hex digits, tier then zone ({@code ...:de10::/64} is app in zone a). Like the IPv4 layout it
     * depends only on tier and zone, so adding a zone or a tier never moves a block. Tier slots: public 0, app 1, data 2;
     * 3 to 15 are reserved for future tiers. See docs/cidr-layout.md.
     */
    public static int ipv6Index(Tier tier, Az az) {
        if (az.index() >= ZONE_SLOTS) {
            throw new IllegalArgumentException("the layout has " + ZONE_SLOTS + " zone slots, not " + (az.index() + 1));
        }
        int tierSlot = switch (tier) {
            case PUBLIC -> 0;
            case APP -> 1;
            case DATA -> 2;
        };
        return tierSlot * 16 + az.index();
    }

    static int zoneSlotPrefix(Tier tier, Cidr vpc) {
        return vpc.prefixLength() + (tier == Tier.APP ? 3 : 5);
    }

    /**
     * The least a tier needs: an Application Load Balancer needs a /27 with eight free addresses in each subnet;
     * RDS needs a /28 at least.
     */
    static long minimumUsable(Tier tier) {
        return switch (tier) {
            case PUBLIC -> 27;
            case DATA -> 11;
            case APP -> 11;
        };
    }
}
