package dev.stackwright.analysis.reach;

import dev.stackwright.diag.Suggestions;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.Endpoint;
import dev.stackwright.model.Network;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.Subnet;
import dev.stackwright.model.Tier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Turns what users type into the ends of flows: {@code internet}, a CIDR, or a name. A bare name is looked up as a
 * resource (attachment), then a security group, a subnet, a tier, a security-group role and, as a destination, an AWS
 * service; {@code resource:}, {@code sg:}, {@code subnet:}, {@code tier:}, {@code role:} and {@code service:} say
 * which one is meant.
 */
public final class Names {
    /** The name of everything outside the VPC on public addresses. */
    public static final String INTERNET = "internet";

    /**
     * The prefix of a name that says which VPC of the input it is in ({@code vpc:ledger/sg:db}, in a policy or to
     * {@code why}); no kind of name is {@code vpc}, so it cannot be mistaken.
     */
    public static final String VPC = "vpc:";

    /**
     * What {@code name} asks of the VPC named {@code vpc}: itself when unqualified; the part after the qualifier when
     * qualified with this VPC ("" for the whole VPC); empty when qualified with another.
     */
    public static Optional<String> inVpc(String name, String vpc) {
        if (!name.startsWith(VPC)) {
            return Optional.of(name);
        }
        String qualified = name.substring(VPC.length());
        if (qualified.equals(vpc)) {
            return Optional.of("");
        }
        return qualified.startsWith(vpc + "/") ? Optional.of(qualified.substring(vpc.length() + 1)) : Optional.empty();
    }

    /** The VPC a qualified name names, as written: {@code ledger} of {@code vpc:ledger/sg:db} and of {@code vpc:ledger}. */
    public static String writtenVpc(String qualified) {
        String rest = qualified.substring(VPC.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    /**
     * What a name written with {@code vpc:NAME/} says about its VPC, read against the VPCs of an input: the one reading
     * that {@code why} and the policy word their errors from.
     */
    public sealed interface Qualifier {
        /** No VPC of the input fits: the VPC as written, what followed it ("/sg:db" or ""), the closest VPC. */
        record Unknown(String written, String after, Optional<String> closest) implements Qualifier {}

        /** More than one VPC fits: their names differ only after a slash. */
        record Ambiguous(List<String> vpcs) implements Qualifier {}

        /**
         * One VPC fits.
         *
         * @param local the name in that VPC; empty for the VPC itself
         * @param slash whether a {@code /} followed the VPC's name ({@code vpc:ledger/} with nothing after it)
         */
        record In(String vpc, String local, boolean slash) implements Qualifier {}
    }

    /** How a name written with {@code vpc:} reads against {@code vpcs}; empty for a name without it. */
    public static Optional<Qualifier> qualifier(String name, List<String> vpcs) {
        if (!name.startsWith(VPC)) {
            return Optional.empty();
        }
        List<String> matching =
                vpcs.stream().filter(v -> inVpc(name, v).isPresent()).toList();
        if (matching.isEmpty()) {
            String written = writtenVpc(name);
            return Optional.of(new Qualifier.Unknown(
                    written,
                    name.substring(VPC.length() + written.length()),
                    dev.stackwright.diag.Suggestions.closest(written, vpcs)));
        }
        if (matching.size() > 1) {
            return Optional.of(new Qualifier.Ambiguous(matching));
        }
        String vpc = matching.getFirst();
        return Optional.of(
                new Qualifier.In(vpc, inVpc(name, vpc).orElseThrow(), name.length() > VPC.length() + vpc.length()));
    }

    /** Whether this network has the name, with or without its kind, whatever it can be used for. */
    public boolean knows(String text) {
        int colon = text.indexOf(':');
        String name = colon > 0 && KINDS.contains(text.substring(0, colon)) ? text.substring(colon + 1) : text;
        return known().contains(name);
    }

    private static final List<String> KINDS = List.of("resource", "sg", "subnet", "tier", "role", "service");
    private static final List<String> SELECTOR_KINDS = KINDS.subList(0, 5);

    private final Network network;
    private final AddressSpace space;

    /**
     * What a name stands for.
     *
     * @param meaning   in words: "security group app (app-a, app-b)"
     * @param locations the concrete ends, attachments in network order
     */
    public record Resolved(String input, String meaning, List<Location> locations) {
        public Resolved {
            locations = List.copyOf(locations);
        }
    }

    /** A name that cannot be used, with what to do instead. */
    public static final class Unresolved extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String input;
        private final String message;
        private final String fix;

        public Unresolved(String input, String message, String fix) {
            super(message);
            this.input = input;
            this.message = message;
            this.fix = fix;
        }

        /** Never null, unlike a Throwable's in general. */
        @Override
        public String getMessage() {
            return message;
        }

        public String input() {
            return input;
        }

        public String fix() {
            return fix;
        }
    }

    public Names(Network network, AddressSpace space) {
        this.network = network;
        this.space = space;
    }

    /** The network whose names these are. */
    public Network network() {
        return network;
    }

    public Resolved source(String text) {
        return resolve(text, false);
    }

    public Resolved destination(String text) {
        return resolve(text, true);
    }

    /** Every name a user may type, for suggestions and checks: the network's names, tiers, roles and services. */
    public List<String> known() {
        TreeSet<String> names = new TreeSet<>();
        names.add(INTERNET);
        network.attachments().forEach(a -> names.add(a.name()));
        network.securityGroups().forEach(g -> names.add(g.name()));
        network.subnets().forEach(s -> names.add(s.name()));
        Arrays.stream(Tier.values()).forEach(t -> names.add(t.id()));
        Arrays.stream(SecurityGroup.Role.values()).forEach(r -> names.add(roleId(r)));
        names.addAll(space.services());
        return List.copyOf(names);
    }

    /**
     * A resource by its security groups ("app+monitoring"), or by its kind when it has none ("NAT gateway"): the
     * label reports and the policy check group resources by, since that is what the user fixes.
     */
    public static String byGroups(Attachment a) {
        return a.securityGroupNames().isEmpty() ? Location.kind(a.kind()) : String.join("+", a.securityGroupNames());
    }

    /** Characters a shell reads as they are, besides letters and digits. */
    private static final String SHELL_SAFE = "_./:@+=,%-";

    /**
     * A name or path as one word of a shell command, so a suggested {@code stackwright why} can be pasted as it is:
     * names with spaces or quotes (snapshots' Name tags often have them) are single-quoted. Checked by hand: every
     * suggested command asks (two per violation, a hundred thousand on a large account).
     */
    public static String shellWord(String word) {
        boolean safe = !word.isEmpty();
        for (int i = 0; i < word.length() && safe; i++) {
            char c = word.charAt(i);
            safe = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || SHELL_SAFE.indexOf(c) >= 0;
        }
        return safe ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /** {@code FRONT_DOOR} reads {@code front-door}. */
    public static String roleId(SecurityGroup.Role role) {
        return role.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private Resolved resolve(String raw, boolean destination) {
        String text = raw.strip();
        if (text.isEmpty()) {
            throw new Unresolved(
                    raw, "is empty", "name a resource, security group, subnet or tier, `internet` or a CIDR");
        }
        if (text.equals(INTERNET)) {
            return new Resolved(
                    text,
                    "the internet (any public address)",
                    List.of(new Location.Outside(INTERNET, space.internet())));
        }
        if (text.indexOf(':') >= 0 && AddressSpace.tryParse6(text).isPresent()) {
            return cidr6(text);
        }
        if (Character.isDigit(text.charAt(0))) {
            return cidr(text);
        }
        int colon = text.indexOf(':');
        if (colon > 0) {
            String kind = text.substring(0, colon);
            String name = text.substring(colon + 1);
            if (!KINDS.contains(kind)) {
                throw new Unresolved(
                        raw,
                        "`" + kind + ":` is not a kind of name",
                        Suggestions.closest(kind, KINDS)
                                .map(k -> "did you mean `" + k + ":`?")
                                .orElse("use one of " + String.join(":, ", KINDS) + ":"));
            }
            return byKind(raw, kind, name, destination).orElseThrow(() -> unknown(raw, name, kind));
        }
        for (String kind : KINDS) {
            Optional<Resolved> r = byKind(raw, kind, text, destination);
            if (r.isPresent()) {
                return r.get();
            }
        }
        throw unknown(raw, text, null);
    }

    private Optional<Resolved> byKind(String raw, String kind, String name, boolean destination) {
        if (kind.equals("service")) {
            return service(raw, name, destination);
        }
        return lookup(kind, name).map(sel -> resolved(raw, sel.meaning(), sel.attachments()));
    }

    /** What a name of one kind selects: in words, and the attachments (possibly none). */
    private record Selection(String meaning, List<Attachment> attachments) {}

    private Optional<Selection> lookup(String kind, String name) {
        return switch (kind) {
            case "resource" ->
                network.attachments().stream()
                        .filter(a -> a.name().equals(name))
                        .findFirst()
                        .map(a -> new Selection(
                                Location.kind(a.kind()) + " in " + a.subnetName()
                                        + network.subnet(a.subnetName())
                                                .map(sub -> " (" + sub.cidr() + ")")
                                                .orElse(""),
                                List.of(a)))
                        .or(() -> splitPerSubnet(name))
                        .or(() -> byAlias(name));
            case "sg" ->
                network.securityGroup(name)
                        .map(g -> new Selection(
                                "security group " + g.name(),
                                network.attachments().stream()
                                        .filter(a -> a.securityGroupNames().contains(g.name()))
                                        .toList()));
            case "subnet" ->
                network.subnet(name).map(s -> new Selection("subnet " + s.name(), network.attachmentsIn(s.name())));
            case "tier" ->
                Arrays.stream(Tier.values())
                        .filter(t -> t.id().equals(name))
                        .findFirst()
                        .map(t -> {
                            Set<String> subnets = network.subnets(t).stream()
                                    .map(Subnet::name)
                                    .collect(Collectors.toSet());
                            return new Selection(
                                    "the " + t.id() + " tier",
                                    network.attachments().stream()
                                            .filter(a -> subnets.contains(a.subnetName()))
                                            .toList());
                        });
            case "role" ->
                Arrays.stream(SecurityGroup.Role.values())
                        .filter(r -> roleId(r).equals(name))
                        .findFirst()
                        .map(r -> {
                            Set<String> groups = network.securityGroups().stream()
                                    .filter(g -> g.role() == r)
                                    .map(SecurityGroup::name)
                                    .collect(Collectors.toSet());
                            // The kind decides where it can (a load balancer in its targets' group is the front
                            // door); else the groups' role.
                            return new Selection(
                                    "role " + roleId(r),
                                    network.attachments().stream()
                                            .filter(a -> a.fixedRole()
                                                    .map(fixed -> fixed == r)
                                                    .orElseGet(() -> a.securityGroupNames().stream()
                                                            .anyMatch(groups::contains)))
                                            .toList());
                        });
            default -> Optional.empty();
        };
    }

    /**
     * A resource in several subnets is imported as one attachment per subnet, named {@code <name>-<subnet>}: its own
     * name stands for all of them, so a question about it answers for every pair.
     */
    private Optional<Selection> splitPerSubnet(String name) {
        List<Attachment> parts = network.attachments().stream()
                .filter(a -> a.name().equals(name + "-" + a.subnetName()))
                .toList();
        return parts.isEmpty() ? Optional.empty() : Optional.of(new Selection(name + ", one per subnet", parts));
    }

    /**
     * An instance or interface ID, or a public IP, that the input gives a resource besides its name (a snapshot's
     * instance named by its Name tag is still {@code i-0abc...} in the console and in scripts).
     */
    private Optional<Selection> byAlias(String alias) {
        List<Attachment> holders = network.attachments().stream()
                .filter(a -> a.aliases().contains(alias))
                .toList();
        return holders.isEmpty() ? Optional.empty() : Optional.of(new Selection(alias, holders));
    }

    /**
     * The attachments a policy selector names: a bare or prefixed resource, security group, subnet, tier or role name.
     * A known name may select nothing in this network (no bastion, say); that is not an error.
     *
     * @throws Unresolved for a name this network does not know, with a suggestion
     */
    public List<Attachment> select(String text) {
        int colon = text.indexOf(':');
        if (colon > 0) {
            String kind = text.substring(0, colon);
            String name = text.substring(colon + 1);
            if (!KINDS.contains(kind) || kind.equals("service")) {
                throw new Unresolved(
                        text,
                        "`" + kind + ":` is not a kind of name a policy can use",
                        Suggestions.closest(kind, SELECTOR_KINDS)
                                .map(k -> "did you mean `" + k + ":`?")
                                .orElse("use one of " + String.join(":, ", SELECTOR_KINDS) + ":"));
            }
            return lookup(kind, name).map(Selection::attachments).orElseThrow(() -> unknown(text, name, kind));
        }
        for (String kind : SELECTOR_KINDS) {
            Optional<Selection> sel = lookup(kind, text);
            if (sel.isPresent()) {
                return sel.get().attachments();
            }
        }
        List<String> candidates = selectable(text);
        throw new Unresolved(
                text,
                "`" + text + "` is not a resource, security group, subnet, tier or role of this network",
                Suggestions.closest(text, candidates)
                        .map(c -> "did you mean `" + c + "`?")
                        .orElse("use one of: "
                                + String.join(
                                        ", ", candidates.stream().limit(12).toList())));
    }

    /**
     * The names a policy selector like {@code text} may be in this network, written as selectors: every resource,
     * group, subnet, tier and role name for a bare name; {@code sg:web}, {@code sg:db}... for {@code sg:x}. For
     * suggestions over several networks.
     *
     * @throws Unresolved when {@code text} has a kind a policy cannot use, as {@link #select} does
     */
    public List<String> selectable(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            return known().stream()
                    .filter(n -> !n.equals(INTERNET) && !space.services().contains(n))
                    .toList();
        }
        String kind = text.substring(0, colon);
        if (!SELECTOR_KINDS.contains(kind)) {
            select(text); // throws, with the kinds a policy can use
        }
        return candidates(kind).stream().map(c -> kind + ":" + c).toList();
    }

    private Optional<Resolved> service(String raw, String name, boolean destination) {
        Optional<Long> point = space.service(name);
        if (point.isEmpty()) {
            return Optional.empty();
        }
        if (!destination) {
            throw new Unresolved(
                    raw,
                    name + " is an AWS service, which opens no connections into the VPC",
                    "use it as the destination");
        }
        // Interface endpoints have private DNS: the service's name resolves to their interfaces in the VPC. The
        // planner names them <service>-endpoint-<zone>.
        boolean viaInterface = network.endpoints().stream()
                .anyMatch(e -> e instanceof Endpoint.Interface i && i.service().equals(name));
        if (viaInterface) {
            List<Attachment> enis = network.attachments().stream()
                    .filter(a ->
                            a.kind() == Attachment.Kind.ENDPOINT && a.name().startsWith(name + "-endpoint"))
                    .toList();
            if (!enis.isEmpty()) {
                return Optional.of(resolved(raw, name + " through its interface endpoint", enis));
            }
        }
        return Optional.of(new Resolved(
                raw,
                name + " (AWS service, by its public prefix list)",
                List.of(new Location.Outside(name, IntervalSet.of(Interval.of(point.get()))))));
    }

    private Resolved resolved(String raw, String meaning, List<Attachment> attachments) {
        if (attachments.isEmpty()) {
            throw new Unresolved(
                    raw,
                    meaning + " holds no resources (nothing with an address to connect to or from)",
                    "name a resource, or a group, subnet or tier that has some: "
                            + String.join(
                                    ", ",
                                    network.attachments().stream()
                                            .map(Attachment::name)
                                            .limit(6)
                                            .toList()));
        }
        List<Location> out = new ArrayList<>();
        for (Attachment a : attachments) {
            Subnet s = network.subnet(a.subnetName())
                    .orElseThrow(() -> new IllegalStateException(a.name() + " is in unknown subnet " + a.subnetName()));
            out.add(new Location.Resource(a, s, space.interfaceAddresses(a, s)));
        }
        boolean oneResource = attachments.size() == 1
                && meaning.startsWith(Location.kind(attachments.getFirst().kind()) + " in ");
        String names = oneResource
                ? ""
                : " ("
                        + String.join(
                                ", ", attachments.stream().map(Attachment::name).toList()) + ")";
        return new Resolved(raw, meaning + names, out);
    }

    private Resolved cidr(String text) {
        Optional<Cidr> parsed = Cidr.tryParse(text);
        if (parsed.isEmpty()) {
            throw new Unresolved(
                    text, "is not an IPv4 address or CIDR block", "write it as address/prefix, e.g. 203.0.113.0/24");
        }
        Cidr cidr = parsed.get();
        String address = text.contains("/") ? text.substring(0, text.indexOf('/')) : text;
        if (cidr.prefixLength() == 32) {
            Optional<Selection> holder = byAlias(address);
            IntervalSet at = IntervalSet.of(AddressSpace.ipv4(cidr));
            if (holder.isPresent() && !space.internet().intersect(at).isEmpty()) {
                // A public IP the input gives a resource: the internet reaches it there, as the resource itself.
                return resolved(text, "public IP " + address, holder.get().attachments());
            }
            if (holder.isPresent()) {
                // A private address the input gives an interface: that interface, at that address only.
                List<Location> out = new ArrayList<>();
                for (Attachment a : holder.get().attachments()) {
                    network.subnet(a.subnetName())
                            .filter(s -> !Reachability.overlap(cidr, s.cidr()).isEmpty())
                            .ifPresent(s -> out.add(new Location.Resource(a, s, at, true)));
                }
                if (!out.isEmpty()) {
                    return new Resolved(
                            text,
                            address + " ("
                                    + String.join(
                                            ", ",
                                            out.stream().map(Location::name).toList()) + ")",
                            out);
                }
            }
            // The model holds where interfaces may sit (their subnets), not which address each has: one address names
            // an interface only if the input says it has it, and none does.
            Optional<Subnet> in = network.subnets().stream()
                    .filter(s -> !Reachability.overlap(cidr, s.cidr()).isEmpty())
                    .findFirst();
            if (in.isPresent()) {
                throw new Unresolved(
                        text,
                        address + " is in subnet " + in.get().name() + " ("
                                + in.get().cidr() + "), but no interface has " + address + " in the input",
                        "name the resource that holds it (e.g. "
                                + String.join(
                                        ", ",
                                        network.attachmentsIn(in.get().name()).stream()
                                                .map(Attachment::name)
                                                .limit(3)
                                                .toList())
                                + "), or the subnet's block "
                                + in.get().cidr() + " for everything in it");
            }
        }
        List<Location> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Subnet s : network.subnets()) {
            IntervalSet overlap = Reachability.overlap(cidr, s.cidr());
            if (overlap.isEmpty()) {
                continue;
            }
            for (Attachment a : network.attachmentsIn(s.name())) {
                out.add(new Location.Resource(a, s, overlap, true));
                names.add(a.name());
            }
        }
        IntervalSet outside = space.outside(cidr);
        if (!outside.isEmpty()) {
            out.add(new Location.Outside(cidr.toString(), outside));
        }
        if (out.isEmpty()) {
            throw new Unresolved(
                    text,
                    "no resource holds an address in " + cidr,
                    "name a CIDR of a subnet that has resources, or one outside the VPC "
                            + network.vpc().cidr());
        }
        String meaning = cidr
                + (names.isEmpty()
                        ? ""
                        : " (" + String.join(", ", names) + (outside.isEmpty() ? "" : ", and outside the VPC") + ")");
        return new Resolved(text, meaning, out);
    }

    /**
     * An IPv6 address or block: the interfaces that have addresses in it (an interface's address the input gives, or
     * anywhere in its subnet's /64), and the part outside the VPC. A VPC's IPv6 addresses are public, so the internet
     * addresses them directly; an address of the VPC that no interface has names nobody, as over IPv4.
     */
    private Resolved cidr6(String text) {
        inet.ipaddr.IPAddress block = AddressSpace.tryParse6(text).orElseThrow(); // the caller parsed it
        if (!space.dualStack()) {
            throw new Unresolved(
                    text,
                    "is an IPv6 address, but this network has no IPv6 (its VPC has no IPv6 block)",
                    "use an IPv4 address or CIDR, e.g. 203.0.113.0/24, or a name");
        }
        Interval at = space.ipv6(block);
        String shown = block.getNetworkPrefixLength() != null && block.getNetworkPrefixLength() == 128
                ? block.withoutPrefixLength().toCanonicalString()
                : block.toCanonicalString();
        List<Location> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Subnet s : network.subnets()) {
            Optional<Interval> subnetBlock = space.subnetIpv6(s);
            if (subnetBlock.isEmpty() || !subnetBlock.get().overlaps(at)) {
                continue;
            }
            for (Attachment a : network.attachmentsIn(s.name())) {
                IntervalSet mine =
                        space.ipv6Of(a, s).orElse(IntervalSet.empty()).intersect(at);
                if (!mine.isEmpty()) {
                    out.add(new Location.Resource(a, s, mine, true));
                    names.add(a.name());
                }
            }
            if (out.isEmpty() && prefix(block) == 128) {
                throw new Unresolved(
                        text,
                        shown + " is in the IPv6 block of subnet " + s.name() + ", but no interface has " + shown
                                + " in the input",
                        "name the resource that holds it, or the subnet " + s.name() + " for everything in it");
            }
        }
        IntervalSet outside = IntervalSet.of(at).minus(space.vpc6());
        if (!outside.isEmpty()) {
            out.add(new Location.Outside(shown, outside));
        }
        if (out.isEmpty()) {
            throw new Unresolved(
                    text,
                    "no resource holds an IPv6 address in " + shown,
                    "name an IPv6 block of a subnet whose interfaces have IPv6 addresses, or one outside the VPC");
        }
        String meaning = shown
                + (names.isEmpty()
                        ? ""
                        : " (" + String.join(", ", names) + (outside.isEmpty() ? "" : ", and outside the VPC") + ")");
        return new Resolved(text, meaning, out);
    }

    private static int prefix(inet.ipaddr.IPAddress block) {
        Integer p = block.getNetworkPrefixLength();
        return p == null ? 128 : p;
    }

    private Unresolved unknown(String raw, String name, @Nullable String kind) {
        List<String> candidates = kind == null ? known() : candidates(kind);
        String what = kind == null
                ? "is not a resource, security group, subnet, tier or service of this network"
                : "is not a "
                        + switch (kind) {
                            case "resource" -> "resource";
                            case "sg" -> "security group";
                            case "subnet" -> "subnet";
                            case "tier" -> "tier";
                            case "role" -> "security-group role";
                            default -> "known AWS service";
                        }
                        + " of this network";
        String fix = Suggestions.closest(name, candidates)
                .map(c -> "did you mean `" + (kind == null ? c : kind + ":" + c) + "`?")
                .orElse("use one of: "
                        + String.join(", ", candidates.stream().limit(12).toList())
                        + (candidates.size() > 12 ? ", ..." : ""));
        return new Unresolved(raw, "`" + name + "` " + what, fix);
    }

    /** The names of one kind in this network. */
    private List<String> candidates(String kind) {
        return switch (kind) {
            case "resource" ->
                network.attachments().stream().map(Attachment::name).toList();
            case "sg" ->
                network.securityGroups().stream().map(SecurityGroup::name).toList();
            case "subnet" -> network.subnets().stream().map(Subnet::name).toList();
            case "tier" -> Arrays.stream(Tier.values()).map(Tier::id).toList();
            case "role" ->
                Arrays.stream(SecurityGroup.Role.values()).map(Names::roleId).toList();
            default -> space.services();
        };
    }
}
