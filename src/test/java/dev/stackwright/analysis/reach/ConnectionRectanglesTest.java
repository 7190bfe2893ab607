package dev.stackwright.analysis.reach;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.analysis.Networks;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.Network;
import dev.stackwright.model.NetworkAcl;
import dev.stackwright.model.Peer;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.SecurityGroupRule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Connections between two sets of security groups come as rectangles: every member of the source groups reaches every
 * member of the destination groups on the same ports, whichever subnets they sit in, when the subnets' ACLs let the
 * same ports through between every pair. Where they do not, the pairs are worked out one by one. Either way the pairs
 * are the engine's ({@link ExposurePropertiesTest#same}).
 */
class ConnectionRectanglesTest {
    private static final Network PROD = Networks.example("prod-nat-instances");

    private static List<String> rows(Network n) {
        return Exposure.of(new Reachability(n)).connections().stream()
                .map(c -> names(c.from()) + " -> " + names(c.to()) + " "
                        + c.protocol().id() + " " + Reachability.portList(c.ports()) + " (" + c.pairs() + ")")
                .toList();
    }

    private static String names(List<Attachment> attachments) {
        return String.join(", ", attachments.stream().map(Attachment::name).toList());
    }

    @Test
    void groupsOfOneSetInThreeSubnets_reachAnotherSetsGroups_inOneRow() {
        // The data tier's ACL admits only the database port, from each app subnet by its own entry: not every packet,
        // but the same ports between every pair of subnets.
        assertThat(PROD.networkAclOf("data-a").orElseThrow().entries())
                .filteredOn(e -> !e.egress() && e.allow() && e.description().startsWith("Database port from app"))
                .hasSize(3)
                .allMatch(e -> e.protocol() == Protocol.TCP && e.ports().equals(PortRange.of(5432)));
        assertThat(rows(PROD))
                .contains(
                        "app-a, app-b, app-c -> database-a, database-b, database-c tcp 5432 (9)",
                        "app-a, app-b, app-c -> nat-a, nat-b, nat-c tcp 443 (9)")
                .noneMatch(r -> r.startsWith("app-a -> database"));
        ExposurePropertiesTest.same(PROD);
    }

    private static Network withDataAclEntry(NetworkAcl.Entry entry) {
        NetworkAcl data = PROD.networkAclOf("data-a").orElseThrow();
        List<NetworkAcl.Entry> entries = new ArrayList<>(data.entries());
        entries.add(entry);
        return Networks.withAcls(PROD, List.of(new NetworkAcl(data.name(), data.tier(), entries, data.subnetNames())));
    }

    @Test
    void anAclEntryThatDeniesOneSourceSubnet_leavesItOut_andTheOtherSourcesStayOneRow() {
        Network n = withDataAclEntry(new NetworkAcl.Entry(
                50, false, false, Protocol.TCP, PortRange.of(5432), Cidr.parse("10.0.0.0/24"), "deny app-a"));
        assertThat(rows(n))
                .filteredOn(r -> r.contains("-> database"))
                .containsExactly("app-b, app-c -> database-a, database-b, database-c tcp 5432 (6)");
        ExposurePropertiesTest.same(n);
    }

    @Test
    void anAclEntryForPartOfASubnet_makesItsPairsOneByOne() {
        // Half of app-a's addresses are denied: what gets through depends on the address, so app-a's pairs are
        // worked out alone (and some of its addresses still reach the databases).
        Network n = withDataAclEntry(new NetworkAcl.Entry(
                50, false, false, Protocol.TCP, PortRange.of(5432), Cidr.parse("10.0.0.0/25"), "deny half of app-a"));
        assertThat(rows(n))
                .filteredOn(r -> r.contains("-> database"))
                .containsExactly(
                        "app-a -> database-a tcp 5432 (1)",
                        "app-a -> database-b tcp 5432 (1)",
                        "app-a -> database-c tcp 5432 (1)",
                        "app-b, app-c -> database-a, database-b, database-c tcp 5432 (6)");
        ExposurePropertiesTest.same(n);
    }

    /**
     * A scope that asks about some destinations only (the policy gate asks about what it guards): every row's
     * destinations are among them, while the same groups as a row's sources stay whole. Every attachment has a twin
     * outside the scope, so each group is two members of which the scope asks about one; the NAT instances are the
     * sources of one rectangle (into the app on 9999, a rule added for the test) and the destinations of another
     * (the app's HTTPS out).
     */
    @Test
    void aScopeOfSomeDestinations_narrowsEveryRowsDestinations_notItsSources() {
        Network n = Networks.editGroup(
                PROD,
                "app",
                g -> Networks.addIngress(g, SecurityGroupRule.tcp(9999, new Peer.Group("nat"), "from the NATs")));
        List<Attachment> twins = new ArrayList<>(n.attachments());
        for (Attachment a : n.attachments()) {
            twins.add(
                    new Attachment(a.name() + "-twin", a.kind(), a.subnetName(), a.securityGroupNames(), a.publicIp()));
        }
        java.util.function.Predicate<Attachment> into = a -> !a.name().endsWith("-twin");
        Exposure e = Exposure.of(
                new Reachability(Networks.withAttachments(n, twins)), new Exposure.Scope(into, a -> true, false));
        assertThat(e.connections())
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.to()).allMatch(into));
        assertThat(e.connections().stream()
                        .map(c -> names(c.from()) + " -> " + names(c.to()) + " " + Reachability.portList(c.ports())))
                .contains(
                        "nat-a, nat-a-twin, nat-b, nat-b-twin, nat-c, nat-c-twin -> app-a, app-b, app-c 9999",
                        "app-a, app-b, app-c, app-a-twin, app-b-twin, app-c-twin -> nat-a, nat-b, nat-c 443");
    }

    @Test
    void aLoadBalancersInterfaces_pairOneByOne_theirListenersAndTargetsDecide() {
        assertThat(rows(PROD))
                .filteredOn(r -> r.startsWith("front-door"))
                .allMatch(r -> r.endsWith("(1)"))
                .contains("front-door-a -> app-a tcp 8080 (1)", "front-door-c -> app-b tcp 8080 (1)");
    }

    @Test
    void rowsComeByFirstSourceThenFirstDestination_andEndsOfDifferentGroupsShareNoAttachment() {
        Exposure e = Exposure.of(new Reachability(PROD));
        List<Attachment> ends = e.ends();
        List<Exposure.Connection> rows = e.connections();
        for (int i = 1; i < rows.size(); i++) {
            int from = ends.indexOf(rows.get(i).from().getFirst());
            int previous = ends.indexOf(rows.get(i - 1).from().getFirst());
            assertThat(from).isGreaterThanOrEqualTo(previous);
        }
        assertThat(rows).allSatisfy(c -> {
            assertThat(c.disjoint()).isTrue();
            assertThat(c.from()).doesNotContainAnyElementsOf(c.to());
        });
    }
}
