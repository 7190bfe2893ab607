package dev.stackwright.analysis.reach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.analysis.Networks;
import dev.stackwright.model.Network;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What users type, turned into the ends of flows. */
class NamesTest {
    static final Network PROD = Networks.example("prod-nat-instances");
    static final Network DEV = Networks.example("dev-isolated");

    static Names names(Network n) {
        return new Names(n, new AddressSpace(n));
    }

    static List<String> ends(Names.Resolved r) {
        return r.locations().stream().map(Location::name).toList();
    }

    @Test
    void byGroups_namesTheSecurityGroups_orTheKindWhenThereAreNone() {
        // One label for reports and the policy check: how the user finds what to fix.
        assertThat(Names.byGroups(new dev.stackwright.model.Attachment(
                        "web-1",
                        dev.stackwright.model.Attachment.Kind.INSTANCE,
                        "app-a",
                        List.of("app", "monitoring"),
                        false)))
                .isEqualTo("app+monitoring");
        assertThat(Names.byGroups(new dev.stackwright.model.Attachment(
                        "nat-a", dev.stackwright.model.Attachment.Kind.NAT_GATEWAY, "public-a", List.of(), true)))
                .isEqualTo("NAT gateway");
        assertThat(Names.byGroups(new dev.stackwright.model.Attachment(
                        "s3", dev.stackwright.model.Attachment.Kind.ENDPOINT, "app-a", List.of(), false)))
                .isEqualTo("interface endpoint");
    }

    @Test
    void bareNames_resolveAsResource_thenGroup_thenSubnet_thenTier() {
        Names n = names(PROD);
        assertThat(ends(n.source("app-a"))).as("the task, not its subnet").containsExactly("app-a");
        assertThat(n.source("app-a").meaning()).isEqualTo("task in app-a (10.0.0.0/24)");
        assertThat(n.source("subnet:app-a").meaning()).isEqualTo("subnet app-a (app-a)");
        assertThat(n.source("app").meaning()).isEqualTo("security group app (app-a, app-b, app-c)");
        assertThat(ends(n.source("data"))).containsExactly("database-a", "database-b", "database-c");
        assertThat(ends(n.source("public")))
                .containsExactly("front-door-a", "front-door-b", "front-door-c", "nat-a", "nat-b", "nat-c");
    }

    @Test
    void prefixes_sayWhichKindIsMeant() {
        Names n = names(DEV);
        assertThat(ends(n.source("subnet:app-a"))).contains("app-a", "ecr.api-endpoint-a");
        // Six listed interface endpoints plus secretsmanager, which the isolated tasks need for the database's
        // password, in two zones.
        assertThat(ends(n.source("tier:app"))).hasSize(2 + 14);
        assertThat(ends(n.source("role:endpoint"))).hasSize(14);
        assertThat(ends(n.source("sg:app"))).containsExactly("app-a", "app-b");
    }

    @Test
    void internet_andCidrs_resolveToAddressesOutsideOrInsideTheVpc() {
        Names n = names(PROD);
        assertThat(n.source("internet").locations()).singleElement().isInstanceOf(Location.Outside.class);
        assertThat(ends(n.source("203.0.113.7"))).containsExactly("203.0.113.7/32");
        assertThat(ends(n.source("10.0.0.0/24"))).containsExactly("app-a");
        Names.Resolved straddling = n.source("10.0.0.0/8");
        assertThat(straddling.locations()).last().isInstanceOf(Location.Outside.class);
        assertThat(straddling.meaning()).endsWith("and outside the VPC)");
    }

    @Test
    void services_areDestinations_reachedThroughInterfaceEndpointsWhenThereAreAny() {
        assertThat(ends(names(DEV).destination("ecr.api"))).containsExactly("ecr.api-endpoint-a", "ecr.api-endpoint-b");
        assertThat(names(PROD).destination("s3").meaning()).isEqualTo("s3 (AWS service, by its public prefix list)");
        assertThatThrownBy(() -> names(PROD).source("s3"))
                .isInstanceOf(Names.Unresolved.class)
                .hasMessageContaining("opens no connections");
    }

    @Test
    void unknownNames_suggestTheClosest() {
        assertThatThrownBy(() -> names(PROD).source("datbase"))
                .isInstanceOf(Names.Unresolved.class)
                .hasMessage("`datbase` is not a resource, security group, subnet, tier or service of this network")
                .satisfies(e -> assertThat(((Names.Unresolved) e).fix()).isEqualTo("did you mean `database`?"));
        assertThatThrownBy(() -> names(PROD).source("tire:app"))
                .satisfies(e -> assertThat(((Names.Unresolved) e).fix()).isEqualTo("did you mean `tier:`?"));
        assertThatThrownBy(() -> names(PROD).source("10.0.300.0/24")).hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> names(PROD).source("role:bastion")).hasMessageContaining("holds no resources");
    }

    @Test
    void policySelectors_mayBeEmpty_butNotUnknown() {
        assertThat(names(PROD).select("role:bastion")).isEmpty();
        assertThat(names(PROD).select("tier:data")).hasSize(3);
        assertThatThrownBy(() -> names(PROD).select("frontdoor"))
                .satisfies(e -> assertThat(((Names.Unresolved) e).fix()).isEqualTo("did you mean `front-door`?"));
    }
}
