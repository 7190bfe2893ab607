package dev.stackwright.deploy.vpc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.deploy.vpc.Inspection.Requirement;
import dev.stackwright.deploy.vpc.Inspection.Status;
import dev.stackwright.deploy.vpc.Inspection.SubnetRow;
import dev.stackwright.render.TextTable;

/** {@code vpc inspect} output: a subnet table then one line per requirement, or the same facts as JSON. */
public final class InspectText {
    private InspectText() {}

    public static String text(Inspection in) {
        StringBuilder out = new StringBuilder();
        out.append("VPC ")
                .append(in.vpcId())
                .append(in.name().equals(in.vpcId()) ? "" : " (" + in.name() + ")")
                .append("  ")
                .append(in.cidr())
                .append("  ")
                .append(in.region())
                .append("  from ")
                .append(in.source())
                .append("\n\n");
        TextTable table = TextTable.withHeader("SUBNET", "ZONE", "CIDR", "TIER", "ROUTE TABLE", "FREE IPS");
        for (SubnetRow r : in.subnets()) {
            table.row(
                    r.id(),
                    r.zone(),
                    r.cidr(),
                    r.tier(),
                    r.routeTable() + (r.mainRouteTable() ? " (main)" : ""),
                    r.freeIps() + (r.freeIpsCounted() ? "" : " (size)"));
        }
        out.append(table.isEmpty() ? "no subnets\n" : table.render(""));
        if (!in.ipv6().isEmpty()) {
            out.append(ipv6(in.ipv6()));
        }
        out.append('\n');
        for (Requirement r : in.requirements()) {
            out.append(TextTable.pad(r.status().label() + " ", 8))
                    .append(TextTable.pad(r.id() + " ", 18))
                    .append(r.message());
            if (r.status() != Status.OK
                    && r.status() != Status.SKIPPED
                    && !r.fix().isEmpty()) {
                out.append(". Fix: ").append(r.fix());
            }
            out.append('\n');
        }
        long failed = in.requirements().stream()
                .filter(r -> r.status() == Status.FAIL)
                .count();
        out.append('\n')
                .append(
                        failed == 0
                                ? "The VPC meets every requirement checked."
                                : failed + (failed == 1 ? " requirement fails." : " requirements fail."))
                .append('\n');
        return out.toString();
    }

    /** The VPC's IPv6 blocks, its subnets' and its egress-only internet gateways with the tables that use them. */
    private static String ipv6(Inspection.Ipv6 v6) {
        StringBuilder out = new StringBuilder("\nIPv6: ");
        out.append(v6.vpcBlocks().isEmpty() ? "no block on the VPC" : String.join(", ", v6.vpcBlocks()))
                .append('\n');
        TextTable blocks = TextTable.withColumns(2);
        v6.subnetBlocks().forEach((id, list) -> blocks.row(id, String.join(", ", list)));
        out.append(blocks.render("  "));
        for (Inspection.EgressOnlyGateway g : v6.egressOnlyGateways()) {
            out.append("egress-only internet gateway ")
                    .append(g.id())
                    .append(
                            g.routeTables().isEmpty()
                                    ? ": no route table sends traffic to it"
                                    : ": IPv6 routes from " + String.join(", ", g.routeTables()))
                    .append('\n');
        }
        return out.toString();
    }

    public static String json(Inspection in) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("vpcId", in.vpcId());
        root.put("name", in.name());
        root.put("cidr", in.cidr());
        root.put("region", in.region());
        root.put("source", in.source());
        root.put("passed", in.passed());
        ArrayNode subnets = root.putArray("subnets");
        for (SubnetRow r : in.subnets()) {
            ObjectNode n = subnets.addObject();
            n.put("id", r.id());
            n.put("name", r.name());
            n.put("zone", r.zone());
            n.put("cidr", r.cidr());
            n.put("tier", r.tier());
            n.put("routeTable", r.routeTable());
            n.put("mainRouteTable", r.mainRouteTable());
            n.put("freeIps", r.freeIps());
            n.put("freeIpsFrom", r.freeIpsCounted() ? "AvailableIpAddressCount" : "size");
        }
        if (!in.ipv6().isEmpty()) {
            ObjectNode v6 = root.putObject("ipv6");
            v6.putPOJO("vpcBlocks", in.ipv6().vpcBlocks());
            ObjectNode bySubnet = v6.putObject("subnetBlocks");
            in.ipv6().subnetBlocks().forEach((id, list) -> bySubnet.putPOJO(id, list));
            ArrayNode gateways = v6.putArray("egressOnlyGateways");
            for (Inspection.EgressOnlyGateway g : in.ipv6().egressOnlyGateways()) {
                gateways.addObject().put("id", g.id()).putPOJO("routeTables", g.routeTables());
            }
        }
        ArrayNode requirements = root.putArray("requirements");
        for (Requirement r : in.requirements()) {
            ObjectNode n = requirements.addObject();
            n.put("id", r.id());
            n.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
            n.put("message", r.message());
            if (!r.fix().isEmpty() && r.status() != Status.OK && r.status() != Status.SKIPPED) {
                n.put("fix", r.fix());
            }
        }
        try {
            return mapper.writeValueAsString(root).replace("\r\n", "\n") + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
