package dev.stackwright.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.Stackwright;
import dev.stackwright.model.Az;
import dev.stackwright.model.DualStack;
import dev.stackwright.model.Ipv6Block;
import dev.stackwright.model.Tier;
import dev.stackwright.plan.cidr.SubnetLayout;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code network.ipv6}: the dual-stack plan and the templates it renders to. */
class DualStackPlanTest {

    private static Stackwright.Result plan(String ipv6) {
        return Stackwright.plan("stackwright.yml", """
                                       name: shop
                                       environment: prod
                                       region: us-east-1
                                       network: {nat: gateway, ipv6: %s}
                                       service: {compute: fargate, port: 8080}
                                       frontDoor: {type: alb, domain: api.example.com, certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"}
                                       database: {engine: postgres}
                                       """.formatted(ipv6));
    }

    @Test
    void ipv6Index_isTierSlotTimesSixteenPlusZone_andNeverRepeats() {
        Set<Integer> seen = new HashSet<>();
        for (Tier tier : Tier.values()) {
            for (int zone = 0; zone < SubnetLayout.ZONE_SLOTS; zone++) {
                assertThat(seen.add(SubnetLayout.ipv6Index(tier, new Az(zone)))).isTrue();
            }
        }
        assertThat(SubnetLayout.ipv6Index(Tier.PUBLIC, new Az(0))).isZero();
        assertThat(SubnetLayout.ipv6Index(Tier.APP, new Az(1))).isEqualTo(17);
        assertThat(SubnetLayout.ipv6Index(Tier.DATA, new Az(2))).isEqualTo(34);
    }

    @Test
    void withoutIpv6_thePlanHasNoIpv6Side_andTheAlbStaysIpv4() {
        Stackwright.Result r = plan("false");
        assertThat(r.planned().network().ipv6()).isEmpty();
        assertThat(r.networkTemplate().resources()).doesNotContainKeys("VpcIpv6CidrBlock", "EgressOnlyInternetGateway");
        assertThat(r.appTemplate().toJson().toString()).contains("\"IpAddressType\":\"ipv4\"");
    }

    @Test
    void dualStack_blocksRoutesRulesAndAcl() {
        DualStack v6 = plan("true").planned().network().ipv6().orElseThrow();
        assertThat(v6.vpcBlock()).isEqualTo(new Ipv6Block.AmazonProvided());
        Map<String, Ipv6Block> blocks = v6.subnets().stream()
                .collect(Collectors.toMap(DualStack.SubnetBlock::subnetName, DualStack.SubnetBlock::block));
        assertThat(blocks)
                .containsEntry("public-a", new Ipv6Block.VpcSlot(0))
                .containsEntry("app-b", new Ipv6Block.VpcSlot(17))
                .containsEntry("data-c", new Ipv6Block.VpcSlot(34));
        // The data tier's interfaces get no IPv6 address by themselves: it has no route out.
        assertThat(v6.subnets())
                .allSatisfy(b -> assertThat(b.assignOnCreation())
                        .isEqualTo(!b.subnetName().startsWith("data")));
        assertThat(v6.routes())
                .containsExactly(
                        new DualStack.Ipv6Route("public", "::/0", DualStack.Target.INTERNET_GATEWAY),
                        new DualStack.Ipv6Route("app-a", "::/0", DualStack.Target.EGRESS_ONLY_INTERNET_GATEWAY),
                        new DualStack.Ipv6Route("app-b", "::/0", DualStack.Target.EGRESS_ONLY_INTERNET_GATEWAY),
                        new DualStack.Ipv6Route("app-c", "::/0", DualStack.Target.EGRESS_ONLY_INTERNET_GATEWAY));
        assertThat(v6.egressOnlyGateways()).containsExactly(NetworkPlanner.EGRESS_ONLY_GATEWAY);
        // The front door on ::/0 for 80 and 443 (a certificate is given); the app may send HTTPS out over IPv6.
        assertThat(v6.rules())
                .extracting(r -> r.groupName() + (r.egress() ? " out " : " in ") + r.ports() + " " + r.cidr())
                .containsExactly("front-door in 80 ::/0", "front-door in 443 ::/0", "app out 443 ::/0");
        // The data NACL: the database port in from each app /64, the replies out, and the data tier to itself.
        assertThat(v6.aclEntries())
                .extracting(e -> (e.egress() ? "out " : "in ") + e.ruleNumber() + " " + e.ports() + " "
                        + e.block().describe())
                .contains("in 150 5432 /64 #16 of the VPC's /56", "out 150 1024-65535 /64 #16 of the VPC's /56")
                .contains("in 350 all /64 #32 of the VPC's /56");
    }

    @Test
    void natNone_keepsTheAppTierIsolatedOnIpv6Too() {
        DualStack v6 = Stackwright.plan(
                        "stackwright.yml",
                        "name: shop\nnetwork: {nat: none, ipv6: true}\nservice: {compute: fargate, port: 8080}\n")
                .planned()
                .network()
                .ipv6()
                .orElseThrow();
        assertThat(v6.routes()).extracting(DualStack.Ipv6Route::routeTableName).containsExactly("public");
        assertThat(v6.egressOnlyGateways()).isEmpty();
        assertThat(v6.rules()).noneMatch(DualStack.Ipv6Rule::egress);
    }

    private static JsonNode resource(Map<String, ? extends JsonNode> resources, String logicalId) {
        return java.util.Objects.requireNonNull(resources.get(logicalId), "no resource " + logicalId);
    }

    @Test
    void templates_carryTheBlockGatewayRoutesAndDualstackAlb() {
        Stackwright.Result r = plan("true");
        Map<String, com.fasterxml.jackson.databind.node.ObjectNode> res =
                r.networkTemplate().resources();
        assertThat(resource(res, "VpcIpv6CidrBlock")
                        .path("Properties")
                        .path("AmazonProvidedIpv6CidrBlock")
                        .asBoolean())
                .isTrue();
        assertThat(resource(res, "EgressOnlyInternetGateway").path("Type").asText())
                .isEqualTo("AWS::EC2::EgressOnlyInternetGateway");
        JsonNode appB = resource(res, "SubnetAppB");
        assertThat(appB.path("DependsOn").toString()).contains("VpcIpv6CidrBlock");
        // The /64 at index 17 of the 256 /64s of the VPC's first IPv6 block.
        JsonNode select = appB.path("Properties").path("Ipv6CidrBlock").path("Fn::Select");
        assertThat(select.get(0).asInt()).isEqualTo(17);
        assertThat(select.get(1).path("Fn::Cidr").get(1).asInt()).isEqualTo(256);
        assertThat(select.get(1).path("Fn::Cidr").get(2).asInt()).isEqualTo(64);
        assertThat(appB.path("Properties").path("AssignIpv6AddressOnCreation").asBoolean())
                .isTrue();
        assertThat(resource(res, "RouteTableAppBRouteIpv6Default")
                        .path("Properties")
                        .toString())
                .contains("\"DestinationIpv6CidrBlock\":\"::/0\"")
                .contains("EgressOnlyInternetGatewayId");
        assertThat(resource(res, "RouteTablePublicRouteIpv6Default")
                        .path("Properties")
                        .toString())
                .contains("\"GatewayId\":{\"Ref\":\"InternetGateway\"}");
        assertThat(res.keySet()).noneMatch(id -> id.startsWith("RouteTableDataRouteIpv6"));
        assertThat(resource(res, "FrontDoorSecurityGroup").path("Properties").toString())
                .contains("\"CidrIpv6\":\"::/0\"");
        assertThat(resource(res, "DataNetworkAclIngress150")
                        .path("Properties")
                        .path("Ipv6CidrBlock")
                        .toString())
                .contains("SubnetAppA")
                .contains("Ipv6CidrBlocks");
        assertThat(r.appTemplate().toJson().toString()).contains("\"IpAddressType\":\"dualstack\"");
    }
}
