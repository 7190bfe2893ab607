package dev.stackwright.analysis.reach;

import dev.stackwright.model.Cidr;
import dev.stackwright.model.Endpoint;
import dev.stackwright.model.Network;
import dev.stackwright.model.Peer;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteDestination;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv4.IPv4AddressSeqRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The address line of one network: IPv4 values, then one point per AWS service whose prefix list the network
 * mentions. We do not know the addresses in AWS's managed prefix lists, so each service is a point that only its own
 * prefix list and {@code 0.0.0.0/0} cover; no narrower CIDR is assumed to reach it.
 */
public final class AddressSpace {
    /** The last IPv4 address; service points start above it. */
    public static final long IPV4_END = (1L << 32) - 1;

    /** Gateway-endpoint services, always known so flows to them can be asked about. */
    public static final List<String> GATEWAY_SERVICES = List.of("dynamodb", "s3");

    /**
     * Ranges that are never routed on the internet (RFC 1918, RFC 6598 shared space, loopback, link-local, "this
     * network", multicast and reserved), so the internet is every other address: https://www.iana.org/assignments/iana-ipv4-special-registry
     */
    public static final List<Cidr> NOT_INTERNET = List.of(
            Cidr.parse("0.0.0.0/8"),
            Cidr.parse("10.0.0.0/8"),
            Cidr.parse("100.64.0.0/10"),
            Cidr.parse("127.0.0.0/8"),
            Cidr.parse("169.254.0.0/16"),
            Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.168.0.0/16"),
            Cidr.parse("224.0.0.0/3"));

    private final List<String> services;
    private final Cidr vpc;
    private final IntervalSet internet;

    public AddressSpace(Network network) {
        TreeSet<String> names = new TreeSet<>(GATEWAY_SERVICES);
        for (RouteTable t : network.routeTables()) {
            for (Route r : t.routes()) {
                if (r.destination() instanceof RouteDestination.PrefixList p) {
                    names.add(p.service());
                }
            }
        }
        for (SecurityGroup g : network.securityGroups()) {
            for (SecurityGroupRule r : concat(g.ingress(), g.egress())) {
                if (r.peer() instanceof Peer.PrefixList p) {
                    names.add(p.service());
                }
            }
        }
        for (Endpoint e : network.endpoints()) {
            names.add(e.service());
        }
        this.services = List.copyOf(names);
        this.vpc = network.vpc().cidr();
        List<Interval> excluded =
                new ArrayList<>(NOT_INTERNET.stream().map(AddressSpace::ipv4).toList());
        excluded.add(ipv4(vpc));
        this.internet = IntervalSet.of(new Interval(0, IPV4_END)).minus(IntervalSet.of(excluded));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Every address and service point. */
    public Interval all() {
        return new Interval(0, IPV4_END + services.size());
    }

    /** A block as an interval; {@code 0.0.0.0/0} also covers the service points (it matches S3 traffic too). */
    public Interval of(Cidr cidr) {
        return cidr.prefixLength() == 0 ? all() : ipv4(cidr);
    }

    static Interval ipv4(Cidr cidr) {
        return new Interval(
                cidr.block().getLower().longValue(), cidr.block().getUpper().longValue());
    }

    public Interval vpc() {
        return ipv4(vpc);
    }

    /** Public addresses outside the VPC: where internet traffic comes from and goes to. */
    public IntervalSet internet() {
        return internet;
    }

    /** Addresses outside the VPC that the internet does not route: on-premises or peered networks. */
    public IntervalSet privateOutside() {
        return IntervalSet.of(new Interval(0, IPV4_END)).minus(internet).minus(IntervalSet.of(vpc()));
    }

    public List<String> services() {
        return services;
    }

    public Optional<Long> service(String name) {
        int i = services.indexOf(name);
        return i < 0 ? Optional.empty() : Optional.of(IPV4_END + 1 + i);
    }

    public IntervalSet servicePoints() {
        return services.isEmpty()
                ? IntervalSet.empty()
                : IntervalSet.of(new Interval(IPV4_END + 1, IPV4_END + services.size()));
    }

    /** Addresses outside the VPC that a CIDR names (a CIDR straddling the VPC loses its inside part). */
    public IntervalSet outside(Cidr cidr) {
        return IntervalSet.of(ipv4(cidr)).minus(IntervalSet.of(vpc()));
    }

    /** A readable address set: "anywhere on the internet", CIDRs, service names. */
    public String describe(IntervalSet addresses) {
        if (addresses.isEmpty()) {
            return "no address";
        }
        List<String> parts = new ArrayList<>();
        IntervalSet rest = addresses;
        if (rest.containsAll(internet)) {
            parts.add("anywhere on the internet");
            rest = rest.minus(internet);
        }
        IntervalSet points = rest.intersect(servicePoints());
        rest = rest.minus(servicePoints());
        List<String> blocks = new ArrayList<>();
        for (Interval i : rest.intervals()) {
            blocks.addAll(cidrs(i).stream().map(Cidr::toString).toList());
        }
        if (blocks.size() > 4) {
            parts.add(blocks.size() + " ranges from " + blocks.getFirst() + " to " + blocks.getLast());
        } else {
            parts.addAll(blocks);
        }
        for (Interval i : points.intervals()) {
            for (long p = i.lo(); p <= i.hi(); p++) {
                parts.add(services.get((int) (p - IPV4_END - 1)) + " (AWS prefix list)");
            }
        }
        return String.join(", ", parts);
    }

    /** The fewest CIDR blocks that cover an IPv4 interval exactly. */
    public static List<Cidr> cidrs(Interval ipv4) {
        IPv4AddressSeqRange range =
                new IPv4AddressSeqRange(new IPv4Address((int) ipv4.lo()), new IPv4Address((int) ipv4.hi()));
        List<Cidr> out = new ArrayList<>();
        for (IPAddress block : range.spanWithPrefixBlocks()) {
            out.add(new Cidr(block.toIPv4()));
        }
        return out;
    }
}
