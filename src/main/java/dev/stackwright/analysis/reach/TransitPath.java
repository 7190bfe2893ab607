package dev.stackwright.analysis.reach;

import dev.stackwright.model.IpPrefix;
import dev.stackwright.model.LongestPrefix;
import dev.stackwright.model.Network;
import dev.stackwright.model.Subnet;
import dev.stackwright.model.TransitGateways;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a transit gateway sends traffic for a block, as AWS routes it: the VPC attachment in the sender's zone, the
 * route table associated with that attachment, the longest matching route (static or propagated; a static route wins
 * over a propagated one for the same block), across peering attachments to the next gateway, until a VPC attachment,
 * a blackhole, no route, or an attachment the model does not hold (a VPN, a Direct Connect gateway).
 *
 * <p>"When you attach a VPC to a transit gateway, any resources in Availability Zones where there is no transit gateway
 * attachment cannot reach the transit gateway. If there is a route to the transit gateway in a subnet route table,
 * traffic is forwarded to the transit gateway only when the transit gateway has an attachment in a subnet in the same
 * Availability Zone." (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html)
 *
 * <p>Both families take the same walk and the same lookup: a route table "allows for both IPv4 or IPv6 CIDRs and
 * targets" (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html). IPv6 needs more of a VPC
 * attachment: with its {@code Ipv6Support} option disabled "IPv6 routes do not propagate" (the VPC's IPv6 blocks are
 * not learned), while "the setting does not filter IPv6 traffic"; what such an attachment does with IPv6 that is
 * routed to it or sent into it the documentation does not say, so that is cannot tell
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTransitGatewayVpcAttachmentRequestOptions.html).
 */
public final class TransitPath {
    /** More gateways than any real path crosses: a routing loop between peered gateways ends here. */
    static final int MAX_GATEWAYS = 8;

    private TransitPath() {}

    /** How the walk ends; {@code hops} says what each gateway did, for explanations. */
    public sealed interface End permits Delivered, Stopped, Unknown {
        List<String> hops();
    }

    /** Handed to a VPC attachment. */
    public record Delivered(TransitGateways.Attachment attachment, List<String> hops) implements End {}

    /** Dropped: the blocker says where and why. */
    public record Stopped(Blocker blocker, List<String> hops) implements End {}

    /** Handed to an attachment the model does not hold; {@code what} is "VPN attachment tgw-attach-1". */
    public record Unknown(String what, List<String> hops) implements End {}

    /**
     * The walk from a subnet of {@code network} into {@code gateway}, for traffic to {@code destination}.
     *
     * @param from the sender's subnet: its zone must hold one of the attachment's subnets
     */
    public static End follow(
            TransitGateways transit, String gateway, Network network, Subnet from, IpPrefix destination) {
        List<String> hops = new ArrayList<>();
        String component = "transit gateway " + gateway;
        Optional<TransitGateways.Attachment> entry = transit.vpcAttachment(gateway, network.stackName());
        if (entry.isEmpty()) {
            return new Stopped(
                    new Blocker(
                            "tgw-not-attached",
                            component,
                            network.stackName() + " has no attachment to transit gateway " + gateway
                                    + ", so its routes to it lead nowhere"),
                    hops);
        }
        if (!inZoneOf(entry.get(), network, from)) {
            return new Stopped(
                    new Blocker(
                            "tgw-no-attachment-in-zone",
                            component,
                            subnetZone(from) + " has no subnet of "
                                    + entry.get().describe() + ", so " + from.name()
                                    + " cannot reach transit gateway " + gateway
                                    + " (resources in zones without an attachment cannot reach it)"),
                    hops);
        }
        Optional<String> entryWithout6 = withoutIpv6(entry.get(), destination);
        if (entryWithout6.isPresent()) {
            return new Unknown(entryWithout6.get(), hops);
        }
        String at = gateway;
        TransitGateways.Attachment via = entry.get();
        for (int crossed = 0; crossed < MAX_GATEWAYS; crossed++) {
            String here = at;
            String arrivedBy = via.id();
            Optional<TransitGateways.RouteTable> table = transit.tablesOf(here).stream()
                    .filter(t -> t.associations().contains(arrivedBy))
                    .findFirst();
            String gw = "transit gateway " + here;
            if (table.isEmpty()) {
                return new Stopped(
                        new Blocker(
                                "tgw-not-associated",
                                gw,
                                via.describe() + " is associated with no route table of " + here
                                        + ", so the transit gateway routes nothing it sends"),
                        hops);
            }
            Optional<Choice> route = route(transit, table.get(), destination);
            Optional<String> unlearned = unknownIpv6Propagation(transit, table.get(), destination, route);
            if (unlearned.isPresent()) {
                hops.add(gw + ": route table " + table.get().id()
                        + route.map(c ->
                                        ", " + c.block() + " -> " + c.targetId().orElse("a blackhole"))
                                .orElse(" has no route to " + destination));
                return new Unknown(unlearned.get(), hops);
            }
            if (route.isEmpty()) {
                boolean learnsOverBgp = table.get().propagations().stream()
                        .map(transit::attachment)
                        .flatMap(Optional::stream)
                        .anyMatch(
                                a -> a.kind() != TransitGateways.Kind.VPC && a.kind() != TransitGateways.Kind.PEERING);
                if (learnsOverBgp) {
                    hops.add(gw + ": route table " + table.get().id() + " has no route to " + destination
                            + " but learns routes from a VPN or Direct Connect attachment");
                    return new Unknown("routes learned by transit gateway " + here + " over BGP", hops);
                }
                Optional<TransitGateways.Attachment> disabled = table.get().propagations().stream()
                        .map(transit::attachment)
                        .flatMap(Optional::stream)
                        .filter(a -> a.ipv6Support() == TransitGateways.Ipv6Support.DISABLED
                                && a.ipv6Blocks().stream().anyMatch(b -> b.contains(destination)))
                        .findFirst();
                if (disabled.isPresent()) {
                    return new Stopped(
                            new Blocker(
                                    "tgw-ipv6-disabled",
                                    gw,
                                    "route table " + table.get().id() + " of transit gateway " + here
                                            + " has no route to " + destination + ": "
                                            + disabled.get().describe() + " of "
                                            + disabled.get().vpc().orElse("its VPC")
                                            + " propagates to it, but its Ipv6Support option is disabled (AWS's"
                                            + " default), so the VPC's IPv6 blocks do not propagate; enable"
                                            + " Ipv6Support on the attachment"),
                            hops);
                }
                return new Stopped(
                        new Blocker(
                                "tgw-no-route",
                                gw,
                                "route table " + table.get().id() + " of transit gateway " + here
                                        + " has no route to " + destination
                                        + (at.equals(gateway)
                                                ? ""
                                                : " (a peered gateway learns no routes: add a static one)")),
                        hops);
            }
            Choice c = route.get();
            if (c.target().isEmpty() && c.targetId().isPresent()) {
                hops.add(gw + ": route table " + table.get().id() + ", " + c.block() + " -> "
                        + c.targetId().get());
                return new Unknown("attachment " + c.targetId().get() + " (not in the input)", hops);
            }
            if (c.target().isEmpty()) {
                return new Stopped(
                        new Blocker(
                                "tgw-blackhole",
                                gw,
                                "route table " + table.get().id() + " of transit gateway " + here + " drops "
                                        + c.block() + " (a blackhole route)"),
                        hops);
            }
            TransitGateways.Attachment next = c.target().get();
            hops.add(gw + ": route table " + table.get().id() + ", " + c.block() + " -> " + next.describe()
                    + (c.propagated() ? " (propagated)" : " (static)"));
            switch (next.kind()) {
                case VPC -> {
                    Optional<String> exitWithout6 = withoutIpv6(next, destination);
                    if (exitWithout6.isPresent()) {
                        return new Unknown(exitWithout6.get(), hops);
                    }
                    return new Delivered(next, hops);
                }
                case PEERING -> {
                    at = next.gatewayId().equals(here) ? next.peerGatewayId().orElse(here) : next.gatewayId();
                    via = next;
                    if (at.equals(here)) {
                        return new Unknown(next.describe() + " (its other transit gateway is not in the input)", hops);
                    }
                }
                default -> {
                    return new Unknown(next.describe(), hops);
                }
            }
        }
        return new Stopped(
                new Blocker(
                        "tgw-no-route",
                        "transit gateway " + gateway,
                        "the transit gateways route " + destination + " in a loop, across more than " + MAX_GATEWAYS
                                + " gateways"),
                hops);
    }

    /** Whether the attachment has a subnet in {@code subnet}'s zone (subnets it names that the VPC lacks count not). */
    public static boolean inZoneOf(TransitGateways.Attachment attachment, Network network, Subnet subnet) {
        return attachment.subnets().stream()
                .map(network::subnet)
                .flatMap(Optional::stream)
                .anyMatch(s -> s.az().equals(subnet.az()));
    }

    static String subnetZone(Subnet s) {
        return "the zone of " + s.name();
    }

    /** A matching route: the block, the attachment it leads to (empty: a blackhole), and whether it was learned. */
    private record Choice(
            IpPrefix block,
            Optional<TransitGateways.Attachment> target,
            boolean propagated,
            Optional<String> targetId) {}

    /**
     * The longest prefix among the table's static routes and the blocks its propagating VPC attachments bring (both
     * families, {@link LongestPrefix}); a static route beats a propagated one of the same length
     * (https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html, "Route evaluation order"), so the
     * static ones come first.
     */
    private static Optional<Choice> route(
            TransitGateways transit, TransitGateways.RouteTable table, IpPrefix destination) {
        List<Choice> candidates = new ArrayList<>();
        for (TransitGateways.StaticRoute r : table.routes()) {
            candidates.add(new Choice(
                    r.destination(), r.attachmentId().flatMap(transit::attachment), false, r.attachmentId()));
        }
        for (String id : table.propagations()) {
            Optional<TransitGateways.Attachment> a = transit.attachment(id);
            a.ifPresent(x -> x.propagated().forEach(b -> candidates.add(new Choice(b, a, true, Optional.of(id)))));
        }
        return LongestPrefix.match(candidates, Choice::block, destination);
    }

    /**
     * Why an IPv6 lookup cannot be told, when a propagating attachment may bring a block the input does not give: its
     * VPC's IPv6 block is not in the input, or the input does not say whether it propagates IPv6 (and its block would
     * beat the route found).
     */
    private static Optional<String> unknownIpv6Propagation(
            TransitGateways transit, TransitGateways.RouteTable table, IpPrefix destination, Optional<Choice> found) {
        if (!destination.ipv6()) {
            return Optional.empty();
        }
        int beat = found.map(c -> c.block().prefixLength()).orElse(-1);
        for (String id : table.propagations()) {
            Optional<TransitGateways.Attachment> a = transit.attachment(id);
            if (a.isEmpty() || a.get().ipv6Support() == TransitGateways.Ipv6Support.DISABLED) {
                continue;
            }
            if (a.get().ipv6Unknown()) {
                return Optional.of(
                        "the IPv6 block that " + a.get().describe() + " propagates (its VPC's, not in the" + " input)");
            }
            boolean wouldWin =
                    a.get().ipv6Blocks().stream().anyMatch(b -> b.contains(destination) && b.prefixLength() > beat);
            if (wouldWin && a.get().ipv6Support() == TransitGateways.Ipv6Support.NOT_IN_INPUT) {
                return Optional.of("whether " + a.get().describe() + " propagates its VPC's IPv6 block (the input"
                        + " does not give its Options.Ipv6Support)");
            }
        }
        return Optional.empty();
    }

    /**
     * Why IPv6 over a VPC attachment cannot be told: its {@code Ipv6Support} is disabled or not in the input. Disabled,
     * its interfaces have no IPv6 address but "the setting does not filter IPv6 traffic"; AWS does not say more.
     */
    private static Optional<String> withoutIpv6(TransitGateways.Attachment a, IpPrefix destination) {
        if (!destination.ipv6() || a.ipv6Support() == TransitGateways.Ipv6Support.ENABLED) {
            return Optional.empty();
        }
        return Optional.of(
                a.ipv6Support() == TransitGateways.Ipv6Support.DISABLED
                        ? "IPv6 over " + a.describe() + ", whose Ipv6Support is disabled (AWS documents only that the"
                                + " option does not filter IPv6 traffic),"
                        : "IPv6 over " + a.describe() + ", whose Options.Ipv6Support the input does not give,");
    }
}
