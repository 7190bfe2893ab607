package dev.stackwright.analysis.reach;

import dev.stackwright.model.Attachment;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The exposure report the plain way, as it was first written: every attachment, and every pair of attachments, asked
 * of the engine with full explanations. The reference the grouped {@link Exposure#of} must equal.
 */
final class StraightforwardExposure {
    private StraightforwardExposure() {}

    record Report(
            List<Exposure.Ingress> fromInternet,
            List<Exposure.Egress> toInternet,
            List<Exposure.Egress> toServices,
            List<Exposure.Internal> internal,
            List<Exposure.Egress> undecided) {}

    static Report of(Reachability reach) {
        var network = reach.network();
        AddressSpace space = reach.space();
        List<Location.Resource> ends = new ArrayList<>();
        for (Attachment a : network.attachments()) {
            network.subnet(a.subnetName())
                    .ifPresent(s -> ends.add(new Location.Resource(a, s, IntervalSet.of(AddressSpace.ipv4(s.cidr())))));
        }
        Location.Outside internet = new Location.Outside(Names.INTERNET, space.internet());

        List<Exposure.Ingress> fromInternet = new ArrayList<>();
        for (Location.Resource d : ends) {
            for (Protocol p : Exposure.PROTOCOLS) {
                PacketSet admitted =
                        reach.evaluate(new Flow(internet, d, p, PortRange.ALL)).admitted();
                for (Map.Entry<IntervalSet, IntervalSet> e :
                        Exposure.portsBySources(admitted).entrySet()) {
                    IntervalSet sources = e.getValue();
                    fromInternet.add(new Exposure.Ingress(
                            d.attachment(),
                            d.subnet().tier(),
                            p,
                            e.getKey(),
                            sources,
                            sources.containsAll(space.internet()),
                            space.describe(sources)));
                }
            }
        }
        List<Exposure.Egress> toInternet = new ArrayList<>();
        List<Exposure.Egress> toServices = new ArrayList<>();
        List<Exposure.Internal> internal = new ArrayList<>();
        List<Exposure.Egress> undecided = new ArrayList<>();
        for (Location.Resource s : ends) {
            if (!Exposure.initiates(s.attachment())) {
                continue;
            }
            for (Protocol p : Exposure.PROTOCOLS) {
                egress(reach, s, internet, p, toInternet, undecided);
            }
            for (String service : AddressSpace.GATEWAY_SERVICES) {
                egress(
                        reach,
                        s,
                        new Location.Outside(
                                service,
                                IntervalSet.of(
                                        Interval.of(space.service(service).orElseThrow()))),
                        Protocol.TCP,
                        toServices,
                        undecided);
            }
            for (Location.Resource d : ends) {
                if (d.attachment().equals(s.attachment()) || d.attachment().kind() == Attachment.Kind.NAT_GATEWAY) {
                    continue;
                }
                for (Protocol p : Exposure.PROTOCOLS) {
                    IntervalSet ports = reach.evaluate(new Flow(s, d, p, PortRange.ALL))
                            .admitted()
                            .project(Dim.DPORT);
                    if (!ports.isEmpty()) {
                        internal.add(new Exposure.Internal(
                                s.attachment(),
                                s.subnet().tier(),
                                d.attachment(),
                                d.subnet().tier(),
                                p,
                                ports));
                    }
                }
            }
        }
        return new Report(fromInternet, toInternet, toServices, internal, undecided);
    }

    /** The whole answer of one flow, hops and all: the ports it reaches, and those it cannot tell about. */
    private static void egress(
            Reachability reach,
            Location.Resource s,
            Location.Outside d,
            Protocol p,
            List<Exposure.Egress> out,
            List<Exposure.Egress> undecided) {
        Answer a = reach.evaluate(new Flow(s, d, p, PortRange.ALL));
        IntervalSet ports = a.admitted().project(Dim.DPORT);
        if (!ports.isEmpty()) {
            List<String> via = new ArrayList<>(new TreeSet<>(a.branches().stream()
                    .filter(Branch::reachable)
                    .map(Branch::via)
                    .toList()));
            out.add(new Exposure.Egress(s.attachment(), s.subnet().tier(), d.name(), p, ports, via));
        }
        IntervalSet maybe = a.undecided().project(Dim.DPORT).minus(ports);
        if (!maybe.isEmpty()) {
            List<String> via = new ArrayList<>(List.of(Exposure.CANNOT_TELL));
            a.unmodelled().forEach(u -> via.add(u + " not modelled"));
            undecided.add(new Exposure.Egress(s.attachment(), s.subnet().tier(), d.name(), p, maybe, via));
        }
    }
}
