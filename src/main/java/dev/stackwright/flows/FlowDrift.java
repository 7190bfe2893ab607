package dev.stackwright.flows;

import dev.stackwright.analysis.reach.Interval;
import dev.stackwright.analysis.reach.IntervalSet;
import dev.stackwright.analysis.reach.Location;
import dev.stackwright.analysis.reach.Reachability;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.Network;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.Subnet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Drift between intent and traffic: accepted connections in a flow log that the plan's security groups, route tables
 * and network ACLs would not let through, asked of the reachability analysis one connection at a time. An address in a
 * planned subnet stands for every resource planned there (planned resources have no addresses yet), so a connection is
 * expected when any of them may open it.
 */
public final class FlowDrift {
    private final Network network;
    private final Reachability reach;

    private FlowDrift(Network network) {
        this.network = network;
        this.reach = new Reachability(network);
    }

    public static FlowDrift of(Network network) {
        return new FlowDrift(network);
    }

    /** Rows of {@link FlowQueries#connections}: client, server, protocol, port, flows, bytes. */
    FlowAnswers.Drift check(List<List<@Nullable String>> rows, int limit) {
        List<FlowAnswers.Unexpected> unexpected = new ArrayList<>();
        long checked = 0;
        for (List<@Nullable String> row : rows) {
            String client = FlowReport.text(row.get(0));
            String server = FlowReport.text(row.get(1));
            Optional<Protocol> protocol = "6".equals(row.get(2))
                    ? Optional.of(Protocol.TCP)
                    : "17".equals(row.get(2)) ? Optional.of(Protocol.UDP) : Optional.empty();
            Optional<Long> from = ServiceRanges.ipv4(client);
            Optional<Long> to = ServiceRanges.ipv4(server);
            if (protocol.isEmpty() || from.isEmpty() || to.isEmpty()) {
                continue;
            }
            Optional<Subnet> clientSubnet = subnetOf(client);
            Optional<Subnet> serverSubnet = subnetOf(server);
            if (clientSubnet.isEmpty() && serverSubnet.isEmpty()) {
                continue; // neither end in the planned VPC: not the plan's traffic
            }
            int port = (int) FlowReport.number(row.get(3));
            checked++;
            if (!expected(
                    ends(client, from.get(), clientSubnet),
                    ends(server, to.get(), serverSubnet),
                    protocol.get(),
                    port)) {
                unexpected.add(new FlowAnswers.Unexpected(
                        client,
                        where(clientSubnet),
                        server,
                        where(serverSubnet),
                        protocol.get().id(),
                        port,
                        FlowReport.number(row.get(4)),
                        FlowReport.number(row.get(5))));
            }
        }
        return new FlowAnswers.Drift(checked, limit, unexpected);
    }

    private boolean expected(List<Location> clients, List<Location> servers, Protocol protocol, int port) {
        for (Location c : clients) {
            for (Location s : servers) {
                if (c instanceof Location.Resource a
                        && s instanceof Location.Resource b
                        && a.attachment().equals(b.attachment())) {
                    return true; // the same interface talking to itself never crosses a group
                }
                if (c instanceof Location.Outside && s instanceof Location.Outside) {
                    continue;
                }
                if (reach.reaches(c, s, protocol, port)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every planned resource of the address's subnet, or the address itself outside the VPC. */
    private List<Location> ends(String address, long value, Optional<Subnet> subnet) {
        if (subnet.isEmpty()) {
            return List.of(new Location.Outside(address, IntervalSet.of(Interval.of(value))));
        }
        List<Location> out = new ArrayList<>();
        for (Attachment a : network.attachmentsIn(subnet.get().name())) {
            reach.locate(a).ifPresent(out::add);
        }
        return out;
    }

    private Optional<Subnet> subnetOf(String address) {
        Optional<Cidr> host = Cidr.tryParse(address + "/32");
        return host.flatMap(h ->
                network.subnets().stream().filter(s -> s.cidr().contains(h)).findFirst());
    }

    private String where(Optional<Subnet> subnet) {
        return subnet.map(s ->
                        network.attachmentsIn(s.name()).isEmpty() ? s.name() + " (nothing planned there)" : s.name())
                .orElse("outside the VPC");
    }
}
