package dev.stackwright.deploy.vpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.importer.snapshot.Snapshot;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** {@code vpc inspect} on a dual-stack VPC: the good fixture with IPv6 blocks and an egress-only internet gateway. */
class VpcInspectIpv6Test {
    private static Map<String, String> good() {
        return VpcInspector.readFolder(FixtureEc2.ROOT.resolve("good"));
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, String> dualStack() throws Exception {
        Map<String, String> files = new TreeMap<>(good());
        ObjectNode vpcs = (ObjectNode) JSON.readTree(files.get(key(files, "vpcs.json")));
        associate((ObjectNode) vpcs.path("Vpcs").get(0), "2600:1f18:abc:de00::/56", "associated");
        files.put(key(files, "vpcs.json"), vpcs.toString());
        ObjectNode subnets = (ObjectNode) JSON.readTree(files.get(key(files, "subnets.json")));
        for (JsonNode s : subnets.path("Subnets")) {
            switch (s.path("SubnetId").asText()) {
                case "subnet-app-a" -> associate((ObjectNode) s, "2600:1f18:abc:de10::/64", "associated");
                case "subnet-app-b" -> associate((ObjectNode) s, "2600:1f18:abc:de11::/64", "disassociated");
                default -> {}
            }
        }
        files.put(key(files, "subnets.json"), subnets.toString());
        ObjectNode tables = (ObjectNode) JSON.readTree(files.get(key(files, "route-tables.json")));
        for (JsonNode t : tables.path("RouteTables")) {
            if (t.path("RouteTableId").asText().equals("rtb-0private")) {
                ((ArrayNode) t.path("Routes"))
                        .addObject()
                        .put("DestinationIpv6CidrBlock", "::/0")
                        .put("EgressOnlyInternetGatewayId", "eigw-0one")
                        .put("State", "active");
            }
        }
        files.put(key(files, "route-tables.json"), tables.toString());
        files.put(VpcInspector.EGRESS_ONLY_FILE, """
                {"EgressOnlyInternetGateways": [
                  {"EgressOnlyInternetGatewayId": "eigw-0one", "Attachments": [{"VpcId": "vpc-0good", "State": "attached"}]},
                  {"EgressOnlyInternetGatewayId": "eigw-0other", "Attachments": [{"VpcId": "vpc-0else", "State": "attached"}]}
                ]}
                """);
        return files;
    }

    /** The folder reader keys files by path; this is the key of the file with this name. */
    private static String key(Map<String, String> files, String fileName) {
        return files.keySet().stream()
                .filter(k -> k.endsWith("/" + fileName))
                .findFirst()
                .orElseThrow();
    }

    private static void associate(ObjectNode owner, String block, String state) {
        ObjectNode a = owner.putArray("Ipv6CidrBlockAssociationSet").addObject().put("Ipv6CidrBlock", block);
        a.putObject("Ipv6CidrBlockState").put("State", state);
    }

    @Test
    void dualStackVpc_reportsItsBlocks_andTheEgressOnlyGatewayWithItsRouteTables() throws Exception {
        Map<String, String> files = dualStack();
        assertThat(files.get(key(files, "subnets.json"))).contains("de10::/64");
        Inspection in = VpcInspector.inspect("dual", files, "vpc-0good", Needs.withoutSpec());
        assertThat(in.ipv6().vpcBlocks()).containsExactly("2600:1f18:abc:de00::/56");
        // A disassociated block is not the subnet's any more.
        assertThat(in.ipv6().subnetBlocks()).isEqualTo(Map.of("subnet-app-a", List.of("2600:1f18:abc:de10::/64")));
        // Only the gateway attached to this VPC.
        assertThat(in.ipv6().egressOnlyGateways())
                .containsExactly(new Inspection.EgressOnlyGateway("eigw-0one", List.of("rtb-0private")));
        String text = InspectText.text(in);
        assertThat(text)
                .contains("IPv6: 2600:1f18:abc:de00::/56\n")
                .contains("subnet-app-a  2600:1f18:abc:de10::/64")
                .contains("egress-only internet gateway eigw-0one: IPv6 routes from rtb-0private");
        assertThat(InspectText.json(in)).contains("\"egressOnlyGateways\"").contains("eigw-0one");
        // The IPv4 reading is the same as without IPv6, and the snapshot reader, which reads the egress-only file too,
        // finds the gateway the route names.
        Inspection ipv4 = VpcInspector.inspect("good", good(), "vpc-0good", Needs.withoutSpec());
        assertThat(in.subnets()).isEqualTo(ipv4.subnets());
        assertThat(in.findings()).isEqualTo(ipv4.findings());
    }

    @Test
    void detachedEgressOnlyGateway_isNotTheVpcs_inInspectAsInTheAnalysis() throws Exception {
        Map<String, String> files = dualStack();
        files.put(VpcInspector.EGRESS_ONLY_FILE, """
                {"EgressOnlyInternetGateways": [
                  {"EgressOnlyInternetGatewayId": "eigw-0one", "Attachments": [{"VpcId": "vpc-0good", "State": "detached"}]}
                ]}
                """);
        Inspection in = VpcInspector.inspect("dual", files, "vpc-0good", Needs.withoutSpec());
        assertThat(in.ipv6().egressOnlyGateways()).isEmpty();
        assertThat(in.ipv6().vpcBlocks()).containsExactly("2600:1f18:abc:de00::/56");
        assertThat(Snapshot.read("dual", files)
                        .networks()
                        .getFirst()
                        .ipv6()
                        .orElseThrow()
                        .egressOnlyGateways())
                .isEmpty();
        Inspection attached = VpcInspector.inspect("dual", dualStack(), "vpc-0good", Needs.withoutSpec());
        assertThat(attached.ipv6().egressOnlyGateways()).hasSize(1);
    }

    @Test
    void ipv4OnlyVpc_printsNoIpv6Section() {
        Inspection in = VpcInspector.inspect("good", good(), "vpc-0good", Needs.withoutSpec());
        assertThat(in.ipv6().isEmpty()).isTrue();
        assertThat(InspectText.text(in)).doesNotContain("IPv6");
        assertThat(InspectText.json(in)).doesNotContain("ipv6");
    }
}
