package dev.stackwright.importer.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What describe-* outputs say of IPv6, decided once: the snapshot importer reads it for the analysis and
 * {@code vpc inspect} for its report, so the two cannot disagree on a VPC's blocks or egress-only gateways.
 */
public final class Ipv6Facts {
    private Ipv6Facts() {}

    /**
     * The block of one {@code Ipv6CidrBlockAssociationSet} entry, as written, when it is associated (an entry without a
     * state is); a block being associated or disassociated is not the VPC's or subnet's.
     */
    public static Optional<String> associatedBlock(JsonNode association) {
        String state = text(association.path("Ipv6CidrBlockState"), "State").orElse("associated");
        return state.equals("associated") ? text(association, "Ipv6CidrBlock") : Optional.empty();
    }

    /** The associated IPv6 blocks of a VPC or subnet, as written, in the input's order. */
    public static List<String> associatedBlocks(JsonNode vpcOrSubnet) {
        List<String> out = new ArrayList<>();
        for (JsonNode a : vpcOrSubnet.path("Ipv6CidrBlockAssociationSet")) {
            associatedBlock(a).ifPresent(out::add);
        }
        return out;
    }

    /** Whether an egress-only gateway's attachment holds: any state but detached (none given: attached). */
    public static boolean attached(JsonNode attachment) {
        return !text(attachment, "State").orElse("attached").equals("detached");
    }

    /** The egress-only gateway a route of describe-route-tables leads to, when it leads to one. */
    public static Optional<String> egressOnlyGateway(JsonNode route) {
        RouteTargets.Target target = RouteTargets.classify(key -> text(route, key));
        return target.kind() == RouteTargets.Kind.EGRESS_ONLY_INTERNET_GATEWAY
                ? Optional.of(target.id())
                : Optional.empty();
    }

    /** A text field as the snapshot reader takes every one: a value, not null, not empty. */
    static Optional<String> text(JsonNode node, String key) {
        JsonNode v = node.path(key);
        return v.isValueNode() && !v.isNull() && !v.asText().isEmpty() ? Optional.of(v.asText()) : Optional.empty();
    }
}
