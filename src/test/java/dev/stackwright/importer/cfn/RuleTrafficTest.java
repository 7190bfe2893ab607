package dev.stackwright.importer.cfn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.importer.Imported;
import dev.stackwright.model.DualStack;
import dev.stackwright.model.Network;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An IPv4 rule and an IPv6 rule of a template read their protocol and ports by one function, so they agree. */
class RuleTrafficTest {
    private record Case(String protocolAndPorts, Optional<PortRange> ports, Protocol protocol) {}

    private static final List<Case> CASES = List.of(
            new Case("IpProtocol: tcp, FromPort: 443, ToPort: 443", Optional.of(PortRange.of(443)), Protocol.TCP),
            new Case(
                    "IpProtocol: udp, FromPort: 1000, ToPort: 2000",
                    Optional.of(new PortRange(1000, 2000)),
                    Protocol.UDP),
            new Case("IpProtocol: tcp, FromPort: -1, ToPort: -1", Optional.of(PortRange.ALL), Protocol.TCP),
            new Case("IpProtocol: tcp", Optional.of(PortRange.ALL), Protocol.TCP),
            new Case("IpProtocol: '-1'", Optional.of(PortRange.ALL), Protocol.ALL),
            new Case("IpProtocol: icmp, FromPort: 8, ToPort: -1", Optional.of(PortRange.ALL), Protocol.ICMP),
            new Case("IpProtocol: tcp, FromPort: 10, ToPort: 5", Optional.empty(), Protocol.TCP),
            new Case("IpProtocol: tcp, FromPort: 0, ToPort: 70000", Optional.empty(), Protocol.TCP),
            new Case("IpProtocol: '50'", Optional.empty(), Protocol.ALL));

    private static Network read(String rule) {
        String yaml = """
                Resources:
                  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.9.0.0/16}}
                  Ipv6: {Type: AWS::EC2::VPCCidrBlock, Properties: {VpcId: !Ref Vpc, AmazonProvidedIpv6CidrBlock: true}}
                  Web:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      VpcId: !Ref Vpc
                      GroupDescription: web
                      SecurityGroupIngress:
                        - {%1$s, CidrIp: 10.0.0.0/8}
                        - {%1$s, CidrIpv6: "2600:1f18::/32"}
                """.formatted(rule);
        Imported in = TemplateImporter.read("t.yaml", yaml, TemplateImporter.Options.defaults());
        return in.networks().getFirst();
    }

    @Test
    void ipv4AndIpv6Rules_sameProtocolAndPorts_areReadAlike() {
        for (Case c : CASES) {
            Network n = read(c.protocolAndPorts());
            SecurityGroup web = n.securityGroups().stream()
                    .filter(g -> g.name().equals("Web"))
                    .findFirst()
                    .orElseThrow();
            List<DualStack.Ipv6Rule> v6 =
                    n.ipv6().map(d -> d.rulesOf("Web", false)).orElse(List.of());
            if (c.ports().isEmpty()) {
                assertThat(web.ingress()).as(c.protocolAndPorts()).isEmpty();
                assertThat(v6).as(c.protocolAndPorts()).isEmpty();
                continue;
            }
            assertThat(web.ingress())
                    .as(c.protocolAndPorts())
                    .extracting(SecurityGroupRule::protocol, SecurityGroupRule::ports)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(
                            c.protocol(), c.ports().get()));
            assertThat(v6)
                    .as(c.protocolAndPorts())
                    .extracting(DualStack.Ipv6Rule::protocol, DualStack.Ipv6Rule::ports)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(
                            c.protocol(), c.ports().get()));
        }
    }
}
