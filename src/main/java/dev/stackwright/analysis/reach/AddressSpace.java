package dev.stackwright.analysis.reach;

import dev.stackwright.model.Attachment;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.DualStack;
import dev.stackwright.model.Endpoint;
import dev.stackwright.model.IpPrefix;
import dev.stackwright.model.Ipv6Block;
import dev.stackwright.model.Network;
import dev.stackwright.model.Peer;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteDestination;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.model.Subnet;
import dev.stackwright.model.TransitGateways;
import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv4.IPv4AddressSeqRange;
import inet.ipaddr.ipv6.IPv6Address;
import inet.ipaddr.ipv6.IPv6AddressSeqRange;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The address line of one network: IPv4 values, then one point per AWS service whose prefix list the network
 * mentions, then, for a dual-stack network, IPv6. We do not know the addresses in AWS's managed prefix lists, so each
 * service is a point that only its own prefix list and {@code 0.0.0.0/0} cover; no narrower CIDR is assumed to reach
 * it.
 *
 * <p>IPv6 has 2^128 addresses, more than a long holds, but a network tells apart only the classes its blocks cut the
 * space into: the line holds one value per such class (an "atom": addresses between two consecutive boundaries of
 * the network's IPv6 blocks, rules, routes and interface addresses), from {@link #IPV6_BASE} on. Every rule's answer is
 * the same for all addresses of an atom, so the engine stays exact, and the IPv4 part of the line and its cost are as
 * they were. The address family is thus the part of the line a value lies in: a packet's source and destination are
 * always of one family ({@link #sameFamily}).
 */
public final class AddressSpace {
    /** The last IPv4 address; service points start above it. */
    public static final long IPV4_END = (1L << 32) - 1;

    /** Every IPv4 address, 0.0.0.0 to 255.255.255.255. */
    static final IntervalSet EVERY_IPV4 = IntervalSet.of(new Interval(0, IPV4_END));

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

    /** Where IPv6 starts on the line: far above IPv4 and the service points. */
    public static final long IPV6_BASE = 1L << 40;

    /**
     * The IPv6 internet: global unicast addresses, https://www.iana.org/assignments/ipv6-address-space (everything
     * else is link-local, unique local, multicast or reserved).
     */
    public static final String IPV6_INTERNET = "2000::/3";

    private static final BigInteger IPV6_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private final List<String> services;
    private final Cidr vpc;
    private final IntervalSet internet;
    private final IntervalSet internet4;
    /** Starts of the IPv6 atoms, ascending, the first {@code ::}; empty for an IPv4-only network. */
    private final BigInteger[] v6Starts;

    private final IntervalSet internet6;
    private final IntervalSet vpc6;
    private final Optional<DualStack> dual;
    private final Map<String, DualStack.Ipv6Interface> v6Interfaces = new HashMap<>();
    /** Stand-in blocks (the input does not give their addresses) and what they stand for, for reports. */
    private final List<Map.Entry<IPAddress, String>> standIns = new ArrayList<>();
    /** Where the transit gateways' IPv6 blocks start and end (one past), so that a walk over them can be split. */
    private final TreeSet<BigInteger> gatewayCuts = new TreeSet<>();

    public AddressSpace(Network network) {
        this(network, TransitGateways.NONE);
    }

    /**
     * The line of a network whose traffic may cross these transit gateways: their IPv6 blocks (static routes, the VPC
     * blocks attachments propagate) cut the IPv6 classes too, so every class takes one way over the gateways.
     */
    public AddressSpace(Network network, TransitGateways transit) {
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
        this.internet4 = EVERY_IPV4.minus(IntervalSet.of(excluded));
        this.dual = network.ipv6();
        List<IPAddress> gateways6 = new ArrayList<>();
        transit.routeTables()
                .forEach(t -> t.routes().stream()
                        .map(TransitGateways.StaticRoute::destination)
                        .filter(IpPrefix::ipv6)
                        .forEach(b -> gateways6.add(b.block())));
        transit.attachments().forEach(a -> a.ipv6Blocks().forEach(b -> gateways6.add(b.block())));
        this.v6Starts = dual.map(d -> atoms(d, gateways6)).orElse(new BigInteger[0]);
        gateways6.forEach(b -> {
            gatewayCuts.add(b.getLower().getValue());
            gatewayCuts.add(b.getUpper().getValue().add(BigInteger.ONE));
        });
        if (dual.isEmpty()) {
            this.internet6 = IntervalSet.empty();
            this.vpc6 = IntervalSet.empty();
            this.internet = internet4;
            return;
        }
        DualStack d = dual.get();
        List<Interval> inside = new ArrayList<>();
        inside.add(ipv6(d.vpcBlock().addresses()));
        if (d.vpcBlock().standIn()) {
            standIns.add(
                    Map.entry(d.vpcBlock().addresses(), "the VPC's IPv6 block (Amazon-provided, not in the input)"));
        }
        for (DualStack.SubnetBlock b : d.subnets()) {
            inside.add(ipv6(b.block().addresses()));
            if (b.block().standIn()) {
                standIns.add(Map.entry(
                        b.block().addresses(), "the IPv6 block of " + b.subnetName() + " (not in the input)"));
            }
        }
        d.interfaces().forEach(i -> v6Interfaces.putIfAbsent(i.attachmentName(), i));
        this.vpc6 = IntervalSet.of(inside);
        this.internet6 = IntervalSet.of(ipv6(parse6(IPV6_INTERNET))).minus(vpc6);
        this.internet = internet4.union(internet6);
    }

    /** The boundaries every IPv6 block of the network draws, as the starts of the atoms between them. */
    private static BigInteger[] atoms(DualStack d, List<IPAddress> more) {
        TreeSet<BigInteger> starts = new TreeSet<>();
        starts.add(BigInteger.ZERO);
        List<IPAddress> blocks = new ArrayList<>();
        blocks.add(parse6(IPV6_INTERNET));
        blocks.add(d.vpcBlock().addresses());
        d.subnets().forEach(b -> blocks.add(b.block().addresses()));
        d.rules().forEach(r -> tryParse6(r.cidr()).ifPresent(blocks::add));
        d.routes().forEach(r -> tryParse6(r.destination()).ifPresent(blocks::add));
        d.aclEntries().forEach(e -> blocks.add(e.block().addresses()));
        d.interfaces().forEach(i -> i.addresses().forEach(a -> tryParse6(a).ifPresent(blocks::add)));
        blocks.addAll(more);
        for (IPAddress b : blocks) {
            starts.add(b.getLower().getValue());
            BigInteger after = b.getUpper().getValue().add(BigInteger.ONE);
            if (after.compareTo(IPV6_MAX) <= 0) {
                starts.add(after);
            }
        }
        return starts.toArray(new BigInteger[0]);
    }

    /** An IPv6 block or address ({@code ::/0}, {@code 2600:1f18::/56}, {@code 2600:1f18::10}), if the text is one. */
    public static Optional<IPAddress> tryParse6(String text) {
        return Ipv6Block.Known.tryParse(text).map(Ipv6Block.Known::block);
    }

    private static IPAddress parse6(String text) {
        return tryParse6(text).orElseThrow(() -> new IllegalArgumentException("not an IPv6 block: " + text));
    }

    /** Whether the network has an IPv6 side at all. */
    public boolean dualStack() {
        return dual.isPresent();
    }

    /** An IPv6 block as the interval of the atoms it covers (blocks of the network cover whole atoms exactly). */
    public Interval ipv6(IPAddress block) {
        return new Interval(
                IPV6_BASE + atom(block.getLower().getValue()),
                IPV6_BASE + atom(block.getUpper().getValue()));
    }

    /** An IPv6 block by its text, if it is one and the network is dual-stack. */
    public Optional<Interval> ipv6(String cidr) {
        return v6Starts.length == 0 ? Optional.empty() : tryParse6(cidr).map(this::ipv6);
    }

    /**
     * The smallest IPv6 block that holds the addresses of a set's IPv6 classes; empty for a set without IPv6. A class
     * lies wholly inside or outside every block of the network, so every block that holds a class holds this one.
     */
    public Optional<IpPrefix> covering6(IntervalSet addresses) {
        if (addresses.isEmpty()
                || v6Starts.length == 0
                || !isIpv6(addresses.intervals().getFirst().lo())) {
            return Optional.empty();
        }
        IPv6AddressSeqRange range = range6(new Interval(
                addresses.intervals().getFirst().lo(),
                addresses.intervals().getLast().hi()));
        return Optional.of(new IpPrefix(range.coverWithPrefixBlock()));
    }

    /**
     * A set's IPv6 addresses cut where the transit gateways' IPv6 blocks start and end: every block of theirs holds a
     * piece whole or not at all, so each piece takes one way over them, the way of the smallest block that holds it.
     */
    public List<Map.Entry<Interval, IpPrefix>> gatewayPieces6(IntervalSet addresses) {
        List<Map.Entry<Interval, IpPrefix>> out = new ArrayList<>();
        if (v6Starts.length == 0) {
            return out;
        }
        for (Interval i : byFamily(addresses)) {
            if (!isIpv6(i.lo())) {
                continue;
            }
            IPv6AddressSeqRange range = range6(i);
            BigInteger lo = range.getLower().getValue();
            BigInteger hi = range.getUpper().getValue();
            List<BigInteger> cuts = new ArrayList<>(gatewayCuts.subSet(lo, false, hi, true));
            cuts.add(hi.add(BigInteger.ONE));
            for (BigInteger next : cuts) {
                BigInteger last = next.subtract(BigInteger.ONE);
                out.add(Map.entry(
                        new Interval(IPV6_BASE + atom(lo), IPV6_BASE + atom(last)),
                        new IpPrefix(new IPv6AddressSeqRange(new IPv6Address(lo), new IPv6Address(last))
                                .coverWithPrefixBlock())));
                lo = next;
            }
        }
        return out;
    }

    /** The IPv6 addresses of an interval of classes. */
    private IPv6AddressSeqRange range6(Interval atoms) {
        int first = (int) (atoms.lo() - IPV6_BASE);
        int last = (int) (atoms.hi() - IPV6_BASE);
        BigInteger lo = v6Starts[first];
        BigInteger hi = last + 1 < v6Starts.length ? v6Starts[last + 1].subtract(BigInteger.ONE) : IPV6_MAX;
        return new IPv6AddressSeqRange(new IPv6Address(lo), new IPv6Address(hi));
    }

    /**
     * Addresses of another network's line on this one (a flow between two VPCs names each end on its own): IPv4
     * values and service points are the same on every line; an IPv6 class becomes the classes here that hold its
     * addresses. On a line without IPv6 the IPv6 values stay as they are, which still says their family.
     */
    public IntervalSet from(AddressSpace other, IntervalSet addresses) {
        if (v6Starts.length == 0 || other.v6Starts.length == 0) {
            return addresses;
        }
        List<Interval> out = new ArrayList<>();
        for (Interval i : byFamily(addresses)) {
            if (!isIpv6(i.lo())) {
                out.add(i);
                continue;
            }
            IPv6AddressSeqRange r = other.range6(i);
            out.add(new Interval(
                    IPV6_BASE + atom(r.getLower().getValue()),
                    IPV6_BASE + atom(r.getUpper().getValue())));
        }
        return IntervalSet.of(out);
    }

    private int atom(BigInteger value) {
        int i = Arrays.binarySearch(v6Starts, value);
        return i >= 0 ? i : -i - 2;
    }

    /** Whether a value of the line is an IPv6 address (else IPv4 or an AWS service, which is reached over IPv4). */
    public static boolean isIpv6(long value) {
        return value >= IPV6_BASE;
    }

    /** Whether two intervals of the line hold addresses of one family, so a packet can go from one to the other. */
    public static boolean sameFamily(Interval a, Interval b) {
        return isIpv6(a.lo()) == isIpv6(b.lo());
    }

    /** Splits intervals at the family boundary, so each holds one family. */
    static List<Interval> byFamily(IntervalSet set) {
        List<Interval> out = new ArrayList<>();
        for (Interval i : set.intervals()) {
            if (i.lo() < IPV6_BASE && i.hi() >= IPV6_BASE) {
                out.add(new Interval(i.lo(), IPV6_BASE - 1));
                out.add(new Interval(IPV6_BASE, i.hi()));
            } else {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * Where an interface's addresses are: its subnet's IPv4 block and, on a dual-stack network, its IPv6 addresses
     * (those the input states, else anywhere in its subnet's /64 when the subnet assigns addresses on creation). An
     * interface without an IPv6 address can be reached over IPv6 by nobody.
     */
    public IntervalSet interfaceAddresses(Attachment a, Subnet s) {
        IntervalSet v4 = IntervalSet.of(ipv4(s.cidr()));
        Optional<IntervalSet> v6 = ipv6Of(a, s);
        return v6.isEmpty() ? v4 : v4.union(v6.get());
    }

    /** The IPv6 addresses of an interface, empty when it has none (see {@link #interfaceAddresses}). */
    public Optional<IntervalSet> ipv6Of(Attachment a, Subnet s) {
        if (dual.isEmpty()) {
            return Optional.empty();
        }
        Optional<DualStack.SubnetBlock> block = dual.get().subnet(s.name());
        DualStack.Ipv6Interface stated = v6Interfaces.get(a.name());
        if (stated != null) {
            if (!stated.hasAddress()) {
                return Optional.empty();
            }
            List<Interval> at = stated.addresses().stream()
                    .map(AddressSpace::tryParse6)
                    .flatMap(Optional::stream)
                    .map(this::ipv6)
                    .toList();
            if (!at.isEmpty()) {
                return Optional.of(IntervalSet.of(at));
            }
            return block.map(b -> IntervalSet.of(ipv6(b.block().addresses())));
        }
        return block.filter(DualStack.SubnetBlock::assignOnCreation)
                .map(b -> IntervalSet.of(ipv6(b.block().addresses())));
    }

    /** The subnet's IPv6 block, if it has one. */
    public Optional<Interval> subnetIpv6(Subnet s) {
        return dual.flatMap(d -> d.subnet(s.name())).map(b -> ipv6(b.block().addresses()));
    }

    /** The VPC's IPv6 blocks (its own and its subnets'), empty for an IPv4-only network. */
    public IntervalSet vpc6() {
        return vpc6;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Every address and service point. */
    public Interval all() {
        return v6Starts.length == 0
                ? new Interval(0, IPV4_END + services.size())
                : new Interval(0, IPV6_BASE + v6Starts.length - 1);
    }

    /**
     * A block as an interval; {@code 0.0.0.0/0} also covers the service points (it matches S3 traffic too, which
     * gateway endpoints carry over IPv4 only), but no IPv6 address.
     */
    public Interval of(Cidr cidr) {
        return cidr.prefixLength() == 0 ? new Interval(0, IPV4_END + services.size()) : ipv4(cidr);
    }

    static Interval ipv4(Cidr cidr) {
        return new Interval(
                cidr.block().getLower().longValue(), cidr.block().getUpper().longValue());
    }

    public Interval vpc() {
        return ipv4(vpc);
    }

    /**
     * Public addresses outside the VPC: where internet traffic comes from and goes to. On a dual-stack network, the
     * IPv6 internet too ({@value #IPV6_INTERNET} outside the VPC's blocks): a VPC's IPv6 addresses are public, so
     * there is no separate public IP to address.
     */
    public IntervalSet internet() {
        return internet;
    }

    /** The IPv4 part of {@link #internet}. */
    public IntervalSet internet4() {
        return internet4;
    }

    /** The IPv6 part of {@link #internet}; empty for an IPv4-only network. */
    public IntervalSet internet6() {
        return internet6;
    }

    /** Whether some family's whole internet is among {@code sources}: open to the world. */
    public boolean wholeInternet(IntervalSet sources) {
        return sources.containsAll(internet4) || (!internet6.isEmpty() && sources.containsAll(internet6));
    }

    /** Addresses outside the VPC that the internet does not route: on-premises or peered networks. */
    public IntervalSet privateOutside() {
        IntervalSet v4 = EVERY_IPV4.minus(internet4).minus(IntervalSet.of(vpc()));
        if (v6Starts.length == 0) {
            return v4;
        }
        return v4.union(IntervalSet.of(new Interval(IPV6_BASE, IPV6_BASE + v6Starts.length - 1))
                .minus(internet6)
                .minus(vpc6));
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

    /**
     * The blocks of the VPC a transit gateway attachment is attached to, as far as the input gives them (its IPv6
     * blocks are among the line's atoms); none for another kind of attachment.
     */
    public IntervalSet blocksOf(TransitGateways.Attachment a) {
        List<Interval> out = new ArrayList<>();
        a.block().ifPresent(b -> out.add(ipv4(b)));
        if (v6Starts.length > 0) {
            a.ipv6Blocks().forEach(b -> out.add(ipv6(b.block())));
        }
        return IntervalSet.of(out);
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
        if (internet6.isEmpty()) {
            if (rest.containsAll(internet)) {
                parts.add("anywhere on the internet");
                rest = rest.minus(internet);
            }
        } else {
            boolean all4 = rest.containsAll(internet4);
            boolean all6 = rest.containsAll(internet6);
            if (all4 || all6) {
                parts.add(
                        all4 && all6
                                ? "anywhere on the internet"
                                : all4 ? "anywhere on the IPv4 internet" : "anywhere on the IPv6 internet");
                rest = rest.minus(all4 ? internet4 : IntervalSet.empty()).minus(all6 ? internet6 : IntervalSet.empty());
            }
            // Most of the IPv6 internet reads better by what it lacks than as the many blocks left.
            IntervalSet missing = internet6.minus(rest);
            if (!all6 && !rest.intersect(internet6).isEmpty()) {
                List<String> lacking = new ArrayList<>();
                for (Interval i : missing.intervals()) {
                    lacking.addAll(cidrs6(i));
                }
                if (lacking.size() <= 4) {
                    parts.add("anywhere on the IPv6 internet except " + String.join(", ", lacking));
                    rest = rest.minus(internet6);
                }
            }
        }
        IntervalSet points = rest.intersect(servicePoints());
        rest = rest.minus(servicePoints());
        List<String> blocks = new ArrayList<>();
        List<String> blocks6 = new ArrayList<>();
        for (Interval i : byFamily(rest)) {
            if (isIpv6(i.lo())) {
                blocks6.addAll(cidrs6(i));
            } else {
                blocks.addAll(cidrs(i).stream().map(Cidr::toString).toList());
            }
        }
        for (List<String> family : List.of(blocks, blocks6)) {
            if (family.size() > 4) {
                parts.add(family.size() + " ranges from " + family.getFirst() + " to " + family.getLast());
            } else {
                parts.addAll(family);
            }
        }
        for (Interval i : points.intervals()) {
            for (long p = i.lo(); p <= i.hi(); p++) {
                parts.add(services.get((int) (p - IPV4_END - 1)) + " (AWS prefix list)");
            }
        }
        return String.join(", ", parts);
    }

    /** The IPv6 addresses of an interval of atoms, as the fewest blocks; stand-in blocks by what they stand for. */
    private List<String> cidrs6(Interval atoms) {
        IPv6AddressSeqRange range = range6(atoms);
        List<String> out = new ArrayList<>();
        for (IPAddress block : range.spanWithPrefixBlocks()) {
            out.add(describe6(block));
        }
        return out;
    }

    private String describe6(IPAddress block) {
        @Nullable String partOf = null;
        for (Map.Entry<IPAddress, String> s : standIns) {
            if (s.getKey().equals(block)) {
                return s.getValue();
            }
            if (s.getKey().contains(block)) {
                partOf = "part of " + s.getValue();
            }
        }
        if (partOf != null) {
            return partOf;
        }
        return block.getPrefixLength() != null && block.getPrefixLength() == 0 ? "::/0" : block.toCanonicalString();
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
