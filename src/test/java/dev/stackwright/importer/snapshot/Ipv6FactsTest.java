package dev.stackwright.importer.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class Ipv6FactsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void associatedBlocks_keepsAssociatedAndStatelessEntries_only() throws Exception {
        JsonNode vpc = json("""
                {"Ipv6CidrBlockAssociationSet": [
                  {"Ipv6CidrBlock": "2600:1f18:1::/56", "Ipv6CidrBlockState": {"State": "associated"}},
                  {"Ipv6CidrBlock": "2600:1f18:2::/56", "Ipv6CidrBlockState": {"State": "disassociated"}},
                  {"Ipv6CidrBlock": "2600:1f18:3::/56", "Ipv6CidrBlockState": {"State": "associating"}},
                  {"Ipv6CidrBlock": "2600:1f18:4::/56"},
                  {"Ipv6CidrBlock": "", "Ipv6CidrBlockState": {"State": "associated"}},
                  {"Ipv6CidrBlockState": {"State": "associated"}}
                ]}
                """);
        assertThat(Ipv6Facts.associatedBlocks(vpc)).containsExactly("2600:1f18:1::/56", "2600:1f18:4::/56");
        assertThat(Ipv6Facts.associatedBlocks(json("{}"))).isEmpty();
    }

    @Test
    void attached_isAnyStateButDetached() throws Exception {
        assertThat(Ipv6Facts.attached(json("{\"VpcId\": \"vpc-1\", \"State\": \"attached\"}")))
                .isTrue();
        assertThat(Ipv6Facts.attached(json("{\"VpcId\": \"vpc-1\"}"))).isTrue();
        assertThat(Ipv6Facts.attached(json("{\"VpcId\": \"vpc-1\", \"State\": \"detached\"}")))
                .isFalse();
    }

    @Test
    void egressOnlyGateway_isTheRoutesTarget_whenItIsOne() throws Exception {
        assertThat(Ipv6Facts.egressOnlyGateway(
                        json("{\"DestinationIpv6CidrBlock\": \"::/0\", \"EgressOnlyInternetGatewayId\": \"eigw-1\"}")))
                .contains("eigw-1");
        assertThat(Ipv6Facts.egressOnlyGateway(
                        json("{\"DestinationIpv6CidrBlock\": \"::/0\", \"GatewayId\": \"igw-1\"}")))
                .isEmpty();
        assertThat(Ipv6Facts.egressOnlyGateway(
                        json("{\"EgressOnlyInternetGatewayId\": \"eigw-1\", \"State\": \"blackhole\"}")))
                .isEmpty();
    }
}
