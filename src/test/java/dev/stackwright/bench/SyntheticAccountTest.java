package dev.stackwright.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.analysis.reach.BetweenVpcs;
import dev.stackwright.analysis.reach.Verdict;
import dev.stackwright.importer.Imported;
import dev.stackwright.importer.snapshot.Snapshot;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Network;
import dev.stackwright.model.SecurityGroup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator gives the shape asked for, the same network for the same seed, and a valid network. */
class SyntheticAccountTest {

    @Test
    void shape_hasTheInterfacesAndRulesAskedFor_plusOneNatGatewayPerZone() {
        Network n = SyntheticAccount.generate(1000, 2000, 7);
        assertThat(n.attachments()).hasSize(1003);
        assertThat(n.securityGroups().stream()
                        .mapToInt(g -> g.ingress().size() + g.egress().size())
                        .sum())
                .isEqualTo(2000);
        assertThat(n.attachments())
                .filteredOn(a -> a.kind() == Attachment.Kind.NAT_GATEWAY)
                .hasSize(3);
    }

    @Test
    void defaultEgressShape_movesTheEgressClutterToIngress_andChangesNothingElse() {
        Network clutter = SyntheticAccount.generate(1000, 2000, 7);
        Network plain = SyntheticAccount.generateWithDefaultEgress(1000, 2000, 7);
        assertThat(plain.attachments()).isEqualTo(clutter.attachments());
        assertThat(plain.subnets()).isEqualTo(clutter.subnets());
        assertThat(plain.securityGroups().stream()
                        .mapToInt(g -> g.ingress().size() + g.egress().size())
                        .sum())
                .isEqualTo(2000);
        // Each group has the one egress rule its role gives it, so most groups share allow-all egress.
        assertThat(plain.securityGroups())
                .allSatisfy(g -> assertThat(g.egress()).hasSize(1));
        assertThat(clutter.securityGroups())
                .anySatisfy(g -> assertThat(g.egress()).hasSizeGreaterThan(1));
    }

    @Test
    void sameSeed_sameNetwork_otherSeed_otherNetwork() {
        assertThat(SyntheticAccount.generate(500, 1000, 1)).isEqualTo(SyntheticAccount.generate(500, 1000, 1));
        assertThat(SyntheticAccount.generate(500, 1000, 1)).isNotEqualTo(SyntheticAccount.generate(500, 1000, 2));
    }

    @Test
    void everyReference_resolves_andNamesAreUnique() {
        Network n = SyntheticAccount.generate(2000, 4000, 3);
        Set<String> groups = new HashSet<>();
        n.securityGroups().forEach(g -> groups.add(g.name()));
        Set<String> subnets = new HashSet<>();
        n.subnets().forEach(s -> subnets.add(s.name()));
        assertThat(n.attachments()).allSatisfy(a -> {
            assertThat(subnets).contains(a.subnetName());
            assertThat(groups).containsAll(a.securityGroupNames());
        });
        assertThat(n.attachments().stream().map(Attachment::name).distinct())
                .hasSize(n.attachments().size());
        assertThat(n.subnets())
                .allSatisfy(
                        s -> assertThat(n.vpc().cidr().block().contains(s.cidr().block()))
                                .isTrue());
        assertThat(n.securityGroups())
                .extracting(SecurityGroup::role)
                .contains(
                        SecurityGroup.Role.FRONT_DOOR,
                        SecurityGroup.Role.APP,
                        SecurityGroup.Role.DATABASE,
                        SecurityGroup.Role.BASTION);
    }

    @Test
    void tooFewRulesForTheWorkloads_isRefused() {
        assertThatThrownBy(() -> SyntheticAccount.generate(1000, 100, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 rules per workload");
    }

    /**
     * --peer-all links every pair of VPCs: "A VPC peering connection is a networking connection between two VPCs that
     * enables you to route traffic between them" (https://docs.aws.amazon.com/vpc/latest/peering/what-is-vpc-peering.html).
     * The snapshot imports without a finding, its blocks do not overlap ("You cannot create a VPC peering connection
     * between VPCs that have matching or overlapping IPv4 or IPv6 CIDR blocks":
     * https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html), and check lists flows between them.
     */
    @Test
    void peerAll_writesAPeeredAccount_thatImportsCleanly_andHasFlowsBetweenVpcs(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SyntheticSnapshot.run(
                new String[] {dir.toString(), "--vpcs", "4", "--enis", "400", "--peer-all"},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("4 VPCs (every pair peered)");

        Imported in = Snapshot.read(dir);
        assertThat(in.findings()).isEmpty();
        List<Network> vpcs = in.networks();
        assertThat(vpcs).hasSize(4);
        for (int i = 0; i < vpcs.size(); i++) {
            for (int j = i + 1; j < vpcs.size(); j++) {
                assertThat(vpcs.get(i).vpc().cidr().overlaps(vpcs.get(j).vpc().cidr()))
                        .as("%s and %s", vpcs.get(i).stackName(), vpcs.get(j).stackName())
                        .isFalse();
            }
        }
        assertThat(Files.readString(dir.resolve("vpc-peering-connections.json")))
                .contains("RequesterVpcInfo", "AccepterVpcInfo");
        BetweenVpcs between = BetweenVpcs.of(vpcs, in.transitGateways());
        assertThat(between.links()).as("six peering connections, one per pair").hasSize(6);
        assertThat(between.links())
                .allSatisfy(l -> assertThat(l.via()).singleElement().asString().startsWith("peering "));
        assertThat(between.rows())
                .isNotEmpty()
                .anySatisfy(r -> assertThat(r.verdict()).isEqualTo(Verdict.REACHABLE));
    }

    @Test
    void peerAll_refusesOneVpc_andOverlappingBlocks(@TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SyntheticSnapshot.run(
                new String[] {dir.toString(), "--vpcs", "1", "--enis", "100", "--peer-all"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--peer-all links VPCs to each other: give --vpcs 2");

        Network one = SyntheticAccount.generate(100, 200, 1);
        Network other = SyntheticAccount.account(2, 200, 400, 1).get(1);
        Network clash = new Network(
                other.region(),
                other.stackName(),
                one.vpc(),
                other.azs(),
                other.subnets(),
                other.routeTables(),
                other.internetGateway(),
                other.nats(),
                other.endpoints(),
                other.securityGroups(),
                other.networkAcls(),
                other.flowLogs(),
                other.bastion(),
                other.servicePort(),
                other.databasePort(),
                other.attachments(),
                other.loadBalancers(),
                other.ipv6());
        assertThatThrownBy(() -> SyntheticAccount.peerAll(List.of(one, clash)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("their blocks overlap, and AWS refuses to peer overlapping VPCs");
    }
}
