package dev.stackwright.analysis.reach;

import dev.stackwright.model.Attachment;
import dev.stackwright.model.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Attachments the engine cannot tell apart: every hop of every flow depends on an attachment only through its subnet,
 * the set of its security groups, whether it has a public IP, and whether it opens and accepts connections. One
 * member answers for all.
 */
final class Group {
    /** What decides an attachment's flows. */
    record Key(String subnet, List<String> securityGroups, boolean publicIp, Part part) {}

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

    static Key key(Attachment a) {
        Part part = switch (a.kind()) {
            case NAT_GATEWAY -> Part.NAT_GATEWAY;
            case ENDPOINT -> Part.ENDPOINT;
            case FUNCTION -> Part.FUNCTION;
            default -> Part.ORDINARY;
        };
        return new Key(a.subnetName(), List.copyOf(new TreeSet<>(a.securityGroupNames())), a.publicIp(), part);
    }

    Tier tier() {
        return place.subnet().tier();
    }
}
