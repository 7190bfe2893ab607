package dev.stackwright.analysis.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.analysis.Networks;
import dev.stackwright.model.DualStack;
import dev.stackwright.model.Network;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.SecurityGroupRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * SW009, SW010 and SW011 read a dual-stack network's IPv6 rules and entries as they read the IPv4 ones, and stay quiet
 * on the planner's dual-stack networks, whose IPv6 is locked down as their IPv4 is.
 *
 * <p>https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html: "Network ACLs are stateless, which means
 * that responses to allowed inbound traffic are subject to the rules for outbound traffic (and vice versa)", and the
 * default network ACL "includes a rule that allows all IPv6 traffic" only where the VPC has an IPv6 block: a custom
 * ACL's IPv6 entries are entries of their own (Ipv6CidrBlock,
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_NetworkAclEntry.html). Security group rules name IPv6
 * blocks with CidrIpv6, and "when you specify a security group as the source or destination for a rule, the rule
 * affects all instances that are associated with the security group"
 * (https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html). A NAT instance translates IPv4 only
 * ("NAT devices are not supported for IPv6 traffic—use an egress-only internet gateway instead":
 * https://docs.aws.amazon.com/vpc/latest/userguide/VPC_NAT_Instance.html); with source/destination checking off it
 * forwards whatever it is sent.
 */
class Ipv6LintTest {
    static final Network NAT_INSTANCES = Networks.plan("""
            name: shop
            environment: prod
            region: us-east-1
            network: {nat: instance, ipv6: true}
            service: {compute: fargate, port: 8080}
            frontDoor: {type: alb, domain: api.example.com, certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"}
            database: {engine: postgres}
            """);
    static final Network DUAL_STACK = Networks.plan("""
            name: shop
            environment: staging
            region: us-east-1
            network: {nat: gateway, ipv6: true}
            service: {compute: fargate, port: 8080}
            frontDoor: alb
            database: {engine: postgres}
            """);

    static List<Finding> run(String id, Network n) {
        LintRule rule =
                Lint.RULES.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
        return rule.check(LintContext.of(n, Optional.empty(), OptionalInt.empty()));
    }

    static Network editIpv6(Network n, UnaryOperator<DualStack> edit) {
        return Networks.withIpv6(n, edit.apply(n.ipv6().orElseThrow()));
    }

    static Network withRule(Network n, DualStack.Ipv6Rule rule) {
        return editIpv6(n, d -> {
            List<DualStack.Ipv6Rule> rules = new ArrayList<>(d.rules());
            rules.add(rule);
            return new DualStack(
                    d.vpcBlock(),
                    d.subnets(),
                    d.routes(),
                    d.egressOnlyGateways(),
                    rules,
                    d.aclEntries(),
                    d.interfaces());
        });
    }

    static String block(Network n, String subnet) {
        return n.ipv6()
                .orElseThrow()
                .subnet(subnet)
                .orElseThrow()
                .block()
                .addresses()
                .toCanonicalString();
    }

    @Test
    void theVpcBlocks_areTheStandInsOfAPlan_soTheTestsBelowNameThemAsAnImportWould() {
        assertThat(block(NAT_INSTANCES, "app-a")).startsWith("3fff:0:0:56");
    }

    // SW009 ----------------------------------------------------------------------------------------------------------

    @Test
    void sw009_fires_forANatGroupOpenToTheIpv6Internet_asForTheIpv4One() {
        assertThat(run("SW009", NAT_INSTANCES)).isEmpty();
        Network v6 = withRule(
                NAT_INSTANCES, new DualStack.Ipv6Rule("nat", false, Protocol.ALL, PortRange.ALL, "::/0", "open"));
        assertThat(run("SW009", v6))
                .singleElement()
                .satisfies(f -> assertThat(f.message())
                        .isEqualTo("NAT security group nat admits all traffic from anywhere (::/0), outside the VPC:"
                                + " anyone there can relay traffic through the NAT"));
        Network v4 = Networks.editGroup(
                NAT_INSTANCES,
                "nat",
                g -> Networks.addIngress(
                        g,
                        SecurityGroupRule.all(
                                new dev.stackwright.model.Peer.Block(dev.stackwright.model.Cidr.ANYWHERE), "")));
        assertThat(run("SW009", v4))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("from anywhere (0.0.0.0/0)", "relay"));
        Network elsewhere = withRule(
                NAT_INSTANCES,
                new DualStack.Ipv6Rule("nat", false, Protocol.TCP, PortRange.of(443), "2001:db8::/32", ""));
        assertThat(run("SW009", elsewhere))
                .singleElement()
                .satisfies(f -> assertThat(f.message()).contains("tcp 443 from 2001:db8::/32"));
    }

    @Test
    void sw009_isQuiet_forANatGroupAdmittingTheVpcsOwnIpv6Block() {
        String vpc = NAT_INSTANCES.ipv6().orElseThrow().vpcBlock().addresses().toCanonicalString();
        Network inside =
                withRule(NAT_INSTANCES, new DualStack.Ipv6Rule("nat", false, Protocol.TCP, PortRange.of(443), vpc, ""));
        assertThat(run("SW009", inside)).isEmpty();
    }

    // SW010 ----------------------------------------------------------------------------------------------------------

    @Test
    void sw010_isQuiet_forThePlannedIpv6Entries_andFires_whenTheirReplyEntryIsGone() {
        assertThat(run("SW010", DUAL_STACK)).isEmpty();
        assertThat(run("SW010", NAT_INSTANCES)).isEmpty();
        Network noReplies = editIpv6(
                DUAL_STACK,
                d -> new DualStack(
                        d.vpcBlock(),
                        d.subnets(),
                        d.routes(),
                        d.egressOnlyGateways(),
                        d.rules(),
                        d.aclEntries().stream()
                                .filter(e -> !(e.egress() && e.ruleNumber() == 150))
                                .toList(),
                        d.interfaces()));
        List<Finding> f = run("SW010", noReplies);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.message())
                    .isEqualTo("network ACL data: rule 150 allows tcp 5432 in from the IPv6 block of app-a (not in the"
                            + " input), but no outbound entry admits the replies (tcp 1024-65535 to the IPv6 block of"
                            + " app-a (not in the input))");
        });
    }

    @Test
    void sw010_warns_whenTheIpv6RepliesAreAdmittedOnPartOfTheEphemeralRange() {
        Network narrow = editIpv6(
                DUAL_STACK,
                d -> new DualStack(
                        d.vpcBlock(),
                        d.subnets(),
                        d.routes(),
                        d.egressOnlyGateways(),
                        d.rules(),
                        d.aclEntries().stream()
                                .map(e -> e.egress() && e.ruleNumber() == 150
                                        ? new DualStack.AclEntry(
                                                e.aclName(),
                                                e.ruleNumber(),
                                                true,
                                                true,
                                                Protocol.TCP,
                                                new PortRange(32768, 65535),
                                                e.block(),
                                                "")
                                        : e)
                                .toList(),
                        d.interfaces()));
        assertThat(run("SW010", narrow)).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.message()).contains("rule 150", "denied on tcp 1024-32767");
        });
    }

    // SW011 ----------------------------------------------------------------------------------------------------------

    @Test
    void sw011_fires_forAnIpv6RuleOnASubnetsBlock_whereEveryoneSharesAGroup() {
        assertThat(run("SW011", DUAL_STACK)).isEmpty();
        Network byBlock = withRule(
                DUAL_STACK,
                new DualStack.Ipv6Rule(
                        "database", false, Protocol.TCP, PortRange.of(5432), block(DUAL_STACK, "app-a"), ""));
        assertThat(run("SW011", byBlock)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.NOTE);
            assertThat(f.message())
                    .isEqualTo("security group database admits tcp 5432 from the IPv6 block of app-a (not in the"
                            + " input) by address; everything there carries sg app");
            assertThat(f.fix()).isEqualTo("reference sg app instead of the IPv6 block of app-a (not in the input)");
        });
    }

    @Test
    void sw011_isQuiet_forIpv6RulesOutsideTheVpc() {
        Network world = withRule(
                DUAL_STACK,
                new DualStack.Ipv6Rule("database", false, Protocol.TCP, PortRange.of(5432), "2001:db8::/32", ""));
        assertThat(run("SW011", world)).isEmpty();
    }
}
