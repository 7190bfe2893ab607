package dev.stackwright.analysis.reach;

import dev.stackwright.model.Attachment;
import dev.stackwright.model.LoadBalancer;
import dev.stackwright.model.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Attachments the engine cannot tell apart: every hop of every flow depends on an attachment only through its subnet
 * and its addresses there (the same for every interface in an IPv4 subnet; an interface's IPv6 addresses are its own),
 * the set of its security groups, whether it has a public IP, whether it opens and accepts connections, and the load
 * balancer whose listeners it answers for, and the target groups it is registered in (on which ports). One member
 * answers for all.
 */
final class Group {
    /** What decides an attachment's flows. */
    record Key(
            String subnet,
            IntervalSet addresses,
            List<String> securityGroups,
            boolean publicIp,
            Part part,
            String loadBalancer,
            List<String> registeredIn) {}

    /** An attachment's part in connections, as the engine's source and target hops read its kind. */
    enum Part {
        ORDINARY,
        NAT_GATEWAY,
        ENDPOINT,
        FUNCTION
    }

    final Key key;
    /** The first member, where it sits: its subnet, anywhere in it. */
    final Location.Resource place;

    final List<Attachment> members = new ArrayList<>();

    Group(Key key, Location.Resource place) {
        this.key = key;
        this.place = place;
    }

    /** The key of {@code a}, a load balancer's interface keyed by its load balancer too (listeners differ). */
    static Key key(Attachment a, Location.Resource at, Reachability reach) {
        Part part = switch (a.kind()) {
            case NAT_GATEWAY -> Part.NAT_GATEWAY;
            case ENDPOINT -> Part.ENDPOINT;
            case FUNCTION -> Part.FUNCTION;
            default -> Part.ORDINARY;
        };
        return new Key(
                a.subnetName(),
                at.addresses(),
                List.copyOf(new TreeSet<>(a.securityGroupNames())),
                a.publicIp(),
                part,
                reach.loadBalancerOf(a).map(LoadBalancer::name).orElse(""),
                reach.registrations(a));
    }

    Tier tier() {
        return place.subnet().tier();
    }
}
