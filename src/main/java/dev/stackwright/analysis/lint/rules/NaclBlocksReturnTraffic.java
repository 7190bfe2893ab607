package dev.stackwright.analysis.lint.rules;

import dev.stackwright.analysis.lint.Equivalents;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.LintContext;
import dev.stackwright.analysis.lint.LintRule;
import dev.stackwright.analysis.lint.Severity;
import dev.stackwright.analysis.reach.Dim;
import dev.stackwright.analysis.reach.IntervalSet;
import dev.stackwright.analysis.reach.PacketSet;
import dev.stackwright.analysis.reach.Reachability;
import dev.stackwright.model.Network;
import dev.stackwright.model.NetworkAcl;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Network ACLs are stateless: an entry that lets requests through does nothing unless the other direction lets the
 * replies through, to the client's ephemeral ports, which can be anywhere in 1024-65535 depending on the client (NAT
 * gateways, load balancers and Lambda use all of it): https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html
 *
 * <p>An allow entry is read as a request unless it looks like the replies of something else: ports inside the
 * ephemeral range, a thousand or more of them (1024-65535, 32768-65535, 49152-65535). Replies that no entry of the
 * other direction admits are an error; replies admitted for part of the range or of the peer's addresses only are a
 * warning, because some clients then fail.
 */
public final class NaclBlocksReturnTraffic implements LintRule {
    /** The narrowest range still read as replies rather than requests. */
    static final int REPLY_RANGE_WIDTH = 1000;

    /** Without the network ACLs, there are no entries to judge. */
    @Override
    public Set<Network.Omitted> reads() {
        return Set.of(Network.Omitted.NETWORK_ACLS);
    }

    @Override
    public String id() {
        return "SW010";
    }

    @Override
    public String name() {
        return "nacl-blocks-return-traffic";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "Every request a network ACL admits has its replies admitted on ports 1024-65535.";
    }

    @Override
    public Equivalents equivalents() {
        return Equivalents.NONE;
    }

    /** An allow or deny entry of either family, as this rule reads it: where it matches and how it reads. */
    private record Entry(
            int ruleNumber,
            boolean egress,
            boolean allow,
            Protocol protocol,
            PortRange ports,
            IntervalSet remote,
            String block) {}

    @Override
    public List<Finding> check(LintContext context) {
        Reachability reach = context.reach();
        List<Finding> out = new ArrayList<>();
        for (NetworkAcl acl : context.network().networkAcls()) {
            List<Entry> entries = new ArrayList<>();
            for (NetworkAcl.Entry e : acl.entries()) {
                entries.add(new Entry(
                        e.ruleNumber(),
                        e.egress(),
                        e.allow(),
                        e.protocol(),
                        e.ports(),
                        IntervalSet.of(reach.space().of(e.cidr())),
                        e.cidr().toString()));
            }
            // IPv6 entries share the ACL's rule numbers; their replies need IPv6 entries of their own.
            context.network().ipv6().stream()
                    .flatMap(d -> d.aclEntries().stream())
                    .filter(e -> e.aclName().equals(acl.name()))
                    .forEach(e -> entries.add(new Entry(
                            e.ruleNumber(),
                            e.egress(),
                            e.allow(),
                            e.protocol(),
                            e.ports(),
                            IntervalSet.of(reach.space().ipv6(e.block().addresses())),
                            reach.peer6(e.block().addresses().toCanonicalString()))));
            for (Entry e : entries) {
                check(reach, acl, e, out);
            }
        }
        return out;
    }

    private void check(Reachability reach, NetworkAcl acl, Entry e, List<Finding> out) {
        if (!e.allow() || e.protocol() == Protocol.ICMP) {
            return;
        }
        if (e.protocol() != Protocol.ALL && repliesShaped(e.ports())) {
            return;
        }
        IntervalSet ephemeral = IntervalSet.of(Reachability.EPHEMERAL);
        for (Protocol p : e.protocol() == Protocol.ALL ? List.of(Protocol.TCP, Protocol.UDP) : List.of(e.protocol())) {
            // Replies travel the other way: out of the subnet for a request that came in, and back.
            PacketSet wanted = reach.remoteAndPorts(e.remote(), ephemeral);
            PacketSet admitted = reach.networkAclAdmits(acl, !e.egress(), p, e.remote(), ephemeral);
            PacketSet missing = wanted.minus(admitted);
            if (missing.isEmpty()) {
                continue;
            }
            String request = "rule " + e.ruleNumber() + " allows "
                    + (e.protocol() == Protocol.ALL ? p.id() : p.id() + " " + e.ports())
                    + (e.egress() ? " out to " : " in from ") + e.block();
            String direction = e.egress() ? "inbound" : "outbound";
            String replies = p.id() + " 1024-65535 " + (e.egress() ? "from " : "to ") + e.block();
            if (admitted.isEmpty()) {
                out.add(finding(
                        "network ACL " + acl.name() + ": " + request + ", but no " + direction
                                + " entry admits the replies (" + replies + ")",
                        "network ACL " + acl.name(),
                        "add an " + direction + " entry allowing " + replies,
                        ""));
            } else {
                out.add(finding(
                        Severity.WARNING,
                        "network ACL " + acl.name() + ": " + request + ", but its replies are denied on "
                                + p.id() + " " + Reachability.portList(missing.project(Dim.DPORT))
                                + " for " + reach.space().describe(missing.project(Dim.SRC))
                                + "; clients using those ephemeral ports fail",
                        "network ACL " + acl.name(),
                        "widen the " + direction + " reply entries to " + replies,
                        ""));
            }
        }
    }

    static boolean repliesShaped(PortRange ports) {
        return ports.from() >= Reachability.EPHEMERAL.lo() && ports.to() - ports.from() + 1 >= REPLY_RANGE_WIDTH;
    }
}
