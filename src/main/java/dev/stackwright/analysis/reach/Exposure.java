package dev.stackwright.analysis.reach;

import dev.stackwright.model.Attachment;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.Subnet;
import dev.stackwright.model.Tier;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What can reach what, over all ports and both protocols: every attachment and port reachable from the internet (and
 * from where), what each attachment reaches on the internet and at the gateway-endpoint services, and every pair of
 * attachments that can connect. Computed with the same engine as {@code why}, so the two never disagree.
 */
public record Exposure(List<Ingress> fromInternet, List<Egress> toInternet, List<Egress> toServices,
                       List<Internal> internal) {

    static final List<Protocol> PROTOCOLS = List.of(Protocol.TCP, Protocol.UDP);

    public Exposure {
        fromInternet = List.copyOf(fromInternet);
        toInternet = List.copyOf(toInternet);
        toServices = List.copyOf(toServices);
        internal = List.copyOf(internal);
    }

    /**
     * Ports of one attachment the internet reaches from one set of sources.
     *
     * @param sources     the internet addresses that get through
     * @param openToWorld whether every internet address gets through
     */
    public record Ingress(Attachment attachment, Tier tier, Protocol protocol, IntervalSet ports, IntervalSet sources,
                          boolean openToWorld, String describeSources) {
    }

    /**
     * Ports an attachment reaches at a destination outside the VPC (the internet, or an AWS service).
     *
     * @param via the ways that work, e.g. "via 0.0.0.0/0 -> NAT instance nat-a, then 0.0.0.0/0 -> internet gateway"
     */
    public record Egress(Attachment attachment, Tier tier, String destination, Protocol protocol, IntervalSet ports,
                         List<String> via) {
        public Egress {
            via = List.copyOf(via);
        }
    }

    /** Ports one attachment reaches on another. */
    public record Internal(Attachment from, Tier fromTier, Attachment to, Tier toTier, Protocol protocol, IntervalSet ports) {
    }

    /** Evaluates every question over the network. */
    public static Exposure of(Reachability reach) {
        var network = reach.network();
        AddressSpace space = reach.space();
        List<Location.Resource> ends = new ArrayList<>();
        for (Attachment a : network.attachments()) {
            network.subnet(a.subnetName()).ifPresent(s -> ends.add(new Location.Resource(a, s, IntervalSet.of(AddressSpace.ipv4(s.cidr())))));
        }
        Location.Outside internet = new Location.Outside(Names.INTERNET, space.internet());

        List<Ingress> fromInternet = new ArrayList<>();
        for (Location.Resource d : ends) {
            for (Protocol p : PROTOCOLS) {
                PacketSet admitted = reach.evaluate(new Flow(internet, d, p, PortRange.ALL)).admitted();
                for (Map.Entry<IntervalSet, IntervalSet> e : portsBySources(admitted).entrySet()) {
                    IntervalSet sources = e.getValue();
                    fromInternet.add(new Ingress(d.attachment(), d.subnet().tier(), p, e.getKey(), sources,
                            sources.containsAll(space.internet()), space.describe(sources)));
                }
            }
        }

        List<Egress> toInternet = new ArrayList<>();
        List<Egress> toServices = new ArrayList<>();
        List<Internal> internal = new ArrayList<>();
        for (Location.Resource s : ends) {
            if (!initiates(s.attachment())) {
                continue;
            }
            for (Protocol p : PROTOCOLS) {
                egress(reach, s, internet, p).ifPresent(toInternet::add);
            }
            for (String service : AddressSpace.GATEWAY_SERVICES) {
                Location.Outside point = new Location.Outside(service, IntervalSet.of(Interval.of(space.service(service).orElseThrow())));
                egress(reach, s, point, Protocol.TCP).ifPresent(toServices::add);
            }
            for (Location.Resource d : ends) {
                if (d.attachment().equals(s.attachment()) || d.attachment().kind() == Attachment.Kind.NAT_GATEWAY) {
                    continue;
                }
                for (Protocol p : PROTOCOLS) {
                    IntervalSet ports = reach.evaluate(new Flow(s, d, p, PortRange.ALL)).admitted().project(Dim.DPORT);
                    if (!ports.isEmpty()) {
                        internal.add(new Internal(s.attachment(), s.subnet().tier(), d.attachment(), d.subnet().tier(), p, ports));
                    }
                }
            }
        }
        return new Exposure(fromInternet, toInternet, toServices, internal);
    }

    /** NAT gateways and interface endpoints open no connections of their own. */
    static boolean initiates(Attachment a) {
        return a.kind() != Attachment.Kind.NAT_GATEWAY && a.kind() != Attachment.Kind.ENDPOINT;
    }

    private static Optional<Egress> egress(Reachability reach, Location.Resource s, Location.Outside d, Protocol p) {
        Answer a = reach.evaluate(new Flow(s, d, p, PortRange.ALL));
        IntervalSet ports = a.admitted().project(Dim.DPORT);
        if (ports.isEmpty()) {
            return Optional.empty();
        }
        List<String> via = new ArrayList<>(new TreeSet<>(a.branches().stream().filter(Branch::reachable).map(Branch::via).toList()));
        Subnet subnet = s.subnet();
        return Optional.of(new Egress(s.attachment(), subnet.tier(), d.name(), p, ports, via));
    }

    /**
     * Splits admitted packets into groups of ports that the same sources reach: "80, 443 from anywhere" and "22 from
     * 203.0.113.0/24" stay apart. Ports are cut where any box starts or ends, so each piece has one source set.
     */
    static Map<IntervalSet, IntervalSet> portsBySources(PacketSet admitted) {
        TreeSet<Long> cuts = new TreeSet<>();
        for (Box b : admitted.boxes()) {
            cuts.add(b.dport().lo());
            cuts.add(b.dport().hi() + 1);
        }
        Map<IntervalSet, List<Interval>> bySources = new LinkedHashMap<>();
        Long previous = null;
        for (Long cut : cuts) {
            if (previous != null) {
                Interval piece = new Interval(previous, cut - 1);
                IntervalSet sources = admitted.restrict(Dim.DPORT, IntervalSet.of(piece)).project(Dim.SRC);
                if (!sources.isEmpty()) {
                    bySources.computeIfAbsent(sources, k -> new ArrayList<>()).add(piece);
                }
            }
            previous = cut;
        }
        Map<IntervalSet, IntervalSet> out = new LinkedHashMap<>();
        bySources.forEach((sources, pieces) -> out.put(IntervalSet.of(pieces), sources));
        return out;
    }
}
