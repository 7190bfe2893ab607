package dev.stackwright.analysis.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.analysis.Networks;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.Network;
import dev.stackwright.model.NetworkAcl;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.RouteTarget;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.model.Subnet;
import dev.stackwright.model.Tier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every network one change away from a planned one, exhaustively, against {@link BruteForce}: each typical network
 * ACL entry (allow or deny, in or out, the ephemeral range or part of it, one port, everything; from anywhere or from
 * one subnet) added in front of each subnet's rules, each security group rule removed, each route table's default
 * route pointed elsewhere, each public IP flipped. Random networks rarely land on a combination like "a working NAT
 * path whose replies one entry denies"; this walks all of them.
 */
class NeighbourhoodTest {
    static final List<Integer> PORTS = List.of(443, 22);

    @Test
    void everySingleChange_engineAgreesWithBruteForce() {
        int checked = 0;
        int reachable = 0;
        for (Network base : PerturbedNetworks.BASES) {
            for (Map.Entry<String, Network> change : neighbours(base).entrySet()) {
                Network n = change.getValue();
                Reachability engine = new Reachability(n);
                BruteForce brute = new BruteForce(n);
                Names names = new Names(n, engine.space());
                List<String> ends = ends(n);
                List<Integer> ports = new ArrayList<>(PORTS);
                ports.add(n.servicePort());
                if (n.databasePort() > 0) {
                    ports.add(n.databasePort());
                }
                for (String from : ends) {
                    for (String to : ends) {
                        if (from.equals(to) || from.startsWith("service:")) {
                            continue;
                        }
                        for (Location s : names.source(from).locations()) {
                            for (Location d : names.destination(to).locations()) {
                                if (s instanceof Location.Outside && d instanceof Location.Outside) {
                                    continue;
                                }
                                for (int port : ports) {
                                    boolean engineSays = engine.evaluate(
                                                    new Flow(s, d, Protocol.TCP, PortRange.of(port)))
                                            .reachable();
                                    assertThat(engineSays)
                                            .as(
                                                    "%s, %s: %s -> %s tcp %d",
                                                    n.stackName(), change.getKey(), s.name(), d.name(), port)
                                            .isEqualTo(brute.reachable(s, d, Protocol.TCP, port));
                                    checked++;
                                    reachable += engineSays ? 1 : 0;
                                }
                            }
                        }
                    }
                }
            }
        }
        // Not vacuous: a fair share of the flows must be reachable (ECS hosts and Lambda take no inbound traffic, so
        // most flows towards them are blocked).
        assertThat(reachable).as("reachable of %d flows checked", checked).isGreaterThan(checked / 20);
    }

    /** The resources of zone a (and tasks of zone b, whose NAT may differ), plus ends outside the VPC. */
    private static List<String> ends(Network n) {
        List<String> ends = new ArrayList<>();
        for (Attachment a : n.attachments()) {
            boolean zoneA = a.subnetName().endsWith("-a");
            boolean taskB = a.kind() == Attachment.Kind.TASK && a.subnetName().endsWith("-b");
            if ((zoneA && a.kind() != Attachment.Kind.ENDPOINT)
                    || taskB
                    || a.name().equals("logs-endpoint-a")) {
                ends.add(a.name());
            }
        }
        ends.addAll(List.of("internet", "203.0.113.0/24", "service:s3"));
        return ends;
    }

    static Map<String, Network> neighbours(Network base) {
        Map<String, Network> out = new LinkedHashMap<>();
        List<Protocol> protocols = List.of(Protocol.TCP, Protocol.ALL);
        List<PortRange> ranges =
                List.of(PortRange.EPHEMERAL, new PortRange(32768, 65535), PortRange.of(443), PortRange.ALL);
        Cidr app = base.subnets(Tier.APP).getFirst().cidr();
        for (Subnet subnet : base.subnets()) {
            if (!subnet.name().endsWith("-a")) {
                continue;
            }
            for (boolean egress : new boolean[] {false, true}) {
                for (boolean allow : new boolean[] {false, true}) {
                    for (Protocol protocol : protocols) {
                        for (PortRange ports : protocol == Protocol.ALL ? List.of(PortRange.ALL) : ranges) {
                            for (Cidr cidr : List.of(Cidr.ANYWHERE, app)) {
                                NetworkAcl.Entry entry =
                                        new NetworkAcl.Entry(1, egress, allow, protocol, ports, cidr, "");
                                out.put("entry " + entry + " on " + subnet.name(), withEntry(base, subnet, entry));
                            }
                        }
                    }
                }
            }
        }
        for (SecurityGroup g : base.securityGroups()) {
            for (int i = 0; i < g.ingress().size(); i++) {
                List<SecurityGroupRule> rules = new ArrayList<>(g.ingress());
                SecurityGroupRule gone = rules.remove(i);
                out.put(
                        "without ingress " + gone + " of " + g.name(),
                        Networks.editGroup(
                                base,
                                g.name(),
                                old -> new SecurityGroup(
                                        old.name(), old.role(), old.description(), rules, old.egress())));
            }
            for (int i = 0; i < g.egress().size(); i++) {
                List<SecurityGroupRule> rules = new ArrayList<>(g.egress());
                SecurityGroupRule gone = rules.remove(i);
                out.put(
                        "without egress " + gone + " of " + g.name(),
                        Networks.editGroup(
                                base,
                                g.name(),
                                old -> new SecurityGroup(
                                        old.name(), old.role(), old.description(), old.ingress(), rules)));
            }
        }
        for (RouteTable t : base.routeTables()) {
            for (RouteTarget target : List.of(
                    new RouteTarget.InternetGateway(),
                    new RouteTarget.Peering("pcx-1"),
                    new RouteTarget.GatewayEndpoint("s3"),
                    new RouteTarget.Unresolved("eni-1"))) {
                out.put(
                        "default route of " + t.name() + " to " + target.describe(),
                        Networks.editTable(base, t.name(), old -> {
                            List<Route> routes = new ArrayList<>(old.routes().stream()
                                    .filter(r -> !r.destination().describe().equals("0.0.0.0/0"))
                                    .toList());
                            routes.add(Route.to(Cidr.ANYWHERE, target));
                            return new RouteTable(old.name(), old.tier(), routes, old.subnetNames());
                        }));
            }
        }
        for (Attachment a : base.attachments()) {
            out.put(
                    "public IP of " + a.name() + " flipped",
                    Networks.editAttachment(
                            base,
                            a.name(),
                            old -> new Attachment(
                                    old.name(),
                                    old.kind(),
                                    old.subnetName(),
                                    old.securityGroupNames(),
                                    !old.publicIp())));
        }
        out.put("no internet gateway", Networks.withInternetGateway(base, false));
        return out;
    }

    /** The entry in front of the subnet's ACL, or in a new ACL that otherwise allows everything. */
    private static Network withEntry(Network n, Subnet subnet, NetworkAcl.Entry entry) {
        return Networks.withAclEntry(n, subnet, entry, true);
    }
}
