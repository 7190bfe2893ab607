package dev.stackwright.importer.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.analysis.Analysis;
import dev.stackwright.analysis.CheckReport;
import dev.stackwright.analysis.policy.Policy;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.importer.Imported;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Network;
import dev.stackwright.model.RouteTarget;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.Tier;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SnapshotTest {
    static final Path GOOD = Path.of("src/test/resources/import/snapshot/good");
    static final Path BROKEN = Path.of("src/test/resources/import/snapshot/broken");

    @Test
    void aFolderOfDescribeOutputs_givesOneNetworkPerVpc_withNamesFromTags() {
        Imported imported = Snapshot.read(GOOD);
        Network n = imported.networks().getFirst();
        assertThat(imported.networks()).hasSize(1);
        assertThat(n.stackName()).isEqualTo("shop-prod");
        assertThat(n.region()).isEqualTo("us-west-2");
        assertThat(n.subnets())
                .extracting(s -> s.name() + " " + s.tier() + " " + s.az().letter())
                .containsExactly("public-a PUBLIC a", "app-b APP b", "data-a DATA a");
        // data-a has no explicit association: the main route table applies.
        assertThat(n.routeTableOf("data-a").orElseThrow().name()).isEqualTo("rtb-main");
        assertThat(n.routeTableOf("app-b").orElseThrow().routes())
                .extracting(r -> r.target())
                .contains(
                        new RouteTarget.NatGateway("nat-1"),
                        new RouteTarget.Peering("pcx-77"),
                        new RouteTarget.Unresolved("NAT gateway nat-ghost"));
        assertThat(n.securityGroup("lb").orElseThrow().role()).isEqualTo(SecurityGroup.Role.FRONT_DOOR);
        // A plain instance is a workload: its group guards the app tier.
        assertThat(n.securityGroup("app").orElseThrow().role()).isEqualTo(SecurityGroup.Role.APP);
        assertThat(n.securityGroup("db").orElseThrow().role()).isEqualTo(SecurityGroup.Role.DATABASE);
        assertThat(n.attachments())
                .extracting(a -> a.name() + " " + a.kind())
                .contains("web LOAD_BALANCER", "orders-db DATABASE", "worker INSTANCE", "nat-1 NAT_GATEWAY");
        assertThat(n.databasePort()).isEqualTo(5432);
    }

    @Test
    void unknownKey_andDanglingReference_areWarningsWithFileAndPath() {
        Imported imported = Snapshot.read(GOOD);
        assertThat(imported.findings())
                .extracting(Diagnostic::format)
                .anySatisfy(l -> assertThat(l)
                        .startsWith(GOOD.resolve("extra.json") + ":2:12: warning: Vpc: ")
                        .contains("not a describe-* output", "did you mean `Vpcs`?"))
                .anySatisfy(l -> assertThat(l)
                        .startsWith(GOOD.resolve("route-tables.json") + ":")
                        .contains("RouteTables[2].Routes[2]", "NAT gateway nat-ghost", "not in the input"));
        assertThat(imported.hasErrors()).isFalse();
    }

    @Test
    void theSnapshotIsAnalysed_internetReachesOnlyTheLoadBalancer() {
        Network n = Snapshot.read(GOOD).networks().getFirst();
        CheckReport report = Analysis.check(n, java.util.Optional.empty(), OptionalInt.empty(), Policy.defaults());
        assertThat(report.exposure().fromInternet())
                .extracting(i -> i.attachment().name())
                .containsOnly("web");
        assertThat(report.exposure().toInternet())
                .extracting(e -> e.attachment().name())
                .contains("worker")
                .doesNotContain("orders-db");
    }

    @Test
    void malformedJson_andANonObjectFile_areErrors_andTheRestIsRead() {
        Imported imported = Snapshot.read(BROKEN);
        assertThat(imported.networks()).hasSize(1);
        assertThat(imported.networks().getFirst().subnets()).hasSize(3);
        assertThat(imported.hasErrors()).isTrue();
        assertThat(imported.findings())
                .extracting(Diagnostic::format)
                .anySatisfy(l -> assertThat(l).matches(".*groups\\.json:\\d+:\\d+: this is not valid JSON.*"))
                .anySatisfy(l ->
                        assertThat(l).contains("list.json:1:1:", "not the output of an `aws ... describe-*` command"));
    }

    @Test
    void interfacesOfInstancesAndOthers_areNotCountedTwice() {
        Imported imported = Snapshot.read(
                "s",
                Map.of(
                        "vpcs.json", "{\"Vpcs\": [{\"VpcId\": \"vpc-1\", \"CidrBlock\": \"10.0.0.0/16\"}]}",
                        "subnets.json",
                                "{\"Subnets\": [{\"SubnetId\": \"subnet-1\", \"VpcId\": \"vpc-1\", \"CidrBlock\": \"10.0.1.0/24\", \"AvailabilityZone\": \"eu-west-1a\"}]}",
                        "i.json",
                                "{\"Reservations\": [{\"Instances\": [{\"InstanceId\": \"i-1\", \"SubnetId\": \"subnet-1\", \"NetworkInterfaces\": [{\"NetworkInterfaceId\": \"eni-1\", \"SubnetId\": \"subnet-1\"}]}]}]}",
                        "eni.json",
                                "{\"NetworkInterfaces\": [{\"NetworkInterfaceId\": \"eni-1\", \"SubnetId\": \"subnet-1\"},"
                                        + "{\"NetworkInterfaceId\": \"eni-2\", \"SubnetId\": \"subnet-1\", \"Description\": \"AWS Lambda VPC ENI-fn\", \"Groups\": [{\"GroupId\": \"sg-9\"}]},"
                                        + "{\"NetworkInterfaceId\": \"eni-3\", \"SubnetId\": \"subnet-1\", \"InterfaceType\": \"nat_gateway\"}]}"));
        Network n = imported.networks().getFirst();
        assertThat(n.attachments())
                .extracting(a -> a.name() + " " + a.kind())
                .containsExactly("i-1 INSTANCE", "eni-2 FUNCTION");
        assertThat(n.subnets().getFirst().tier()).isEqualTo(Tier.DATA);
        assertThat(n.region()).isEqualTo("eu-west-1");
        // sg-9 is not in the snapshot, which has no describe-security-groups output at all: reported once, as the
        // missing file (MissingSnapshotFileTest), not per reference.
        assertThat(imported.findings())
                .anySatisfy(d -> assertThat(d.format())
                        .contains("no describe-security-groups output", "1 resource in it name 1 security group"));
        assertThat(n.attachments().getLast().kind()).isEqualTo(Attachment.Kind.FUNCTION);
    }

    @Test
    void networkInterfaces_areNamedFromTheirTagSet_asTheCliPrintsIt() {
        Imported imported = Snapshot.read(
                "s",
                Map.of(
                        "vpcs.json", "{\"Vpcs\": [{\"VpcId\": \"vpc-1\", \"CidrBlock\": \"10.0.0.0/16\"}]}",
                        "subnets.json",
                                "{\"Subnets\": [{\"SubnetId\": \"subnet-1\", \"VpcId\": \"vpc-1\", \"CidrBlock\": \"10.0.1.0/24\", \"AvailabilityZone\": \"eu-west-1a\"}]}",
                        "eni.json",
                                "{\"NetworkInterfaces\": [{\"NetworkInterfaceId\": \"eni-1\", \"SubnetId\": \"subnet-1\", \"InterfaceType\": \"lambda\","
                                        + "\"TagSet\": [{\"Key\": \"team\", \"Value\": \"a\"}, {\"Key\": \"Name\", \"Value\": \"orders-fn\"}]},"
                                        + "{\"NetworkInterfaceId\": \"eni-2\", \"SubnetId\": \"subnet-1\", \"InterfaceType\": \"lambda\", \"TagSet\": []}]}"));
        assertThat(imported.networks().getFirst().attachments())
                .extracting(Attachment::name)
                .containsExactly("orders-fn", "eni-2");
    }

    @Test
    void aLoadBalancerSeenOnlyByItsInterfaces_isTheFrontDoor_whenItHasAPublicAddress() {
        String vpc = "{\"Vpcs\": [{\"VpcId\": \"vpc-1\", \"CidrBlock\": \"10.0.0.0/16\"}]}";
        String subnets =
                "{\"Subnets\": [{\"SubnetId\": \"subnet-1\", \"VpcId\": \"vpc-1\", \"CidrBlock\": \"10.0.1.0/24\", \"AvailabilityZone\": \"us-east-1a\"}]}";
        String groups = "{\"SecurityGroups\": [{\"GroupId\": \"sg-1\", \"GroupName\": \"web\", \"VpcId\": \"vpc-1\"},"
                + "{\"GroupId\": \"sg-2\", \"GroupName\": \"inner\", \"VpcId\": \"vpc-1\"}]}";
        String enis = "{\"NetworkInterfaces\": ["
                + "{\"NetworkInterfaceId\": \"eni-1\", \"SubnetId\": \"subnet-1\", \"Description\": \"ELB app/web/50dc6c495c0c9188\","
                + "\"Groups\": [{\"GroupId\": \"sg-1\"}], \"Association\": {\"PublicIp\": \"203.0.113.7\"}},"
                + "{\"NetworkInterfaceId\": \"eni-2\", \"SubnetId\": \"subnet-1\", \"Description\": \"ELB app/inner/60dc6c495c0c9188\","
                + "\"Groups\": [{\"GroupId\": \"sg-2\"}]}]}";
        Network n = Snapshot.read(
                        "s", Map.of("vpcs.json", vpc, "subnets.json", subnets, "groups.json", groups, "eni.json", enis))
                .networks()
                .getFirst();
        assertThat(n.securityGroup("web").orElseThrow().role()).isEqualTo(SecurityGroup.Role.FRONT_DOOR);
        assertThat(n.securityGroup("inner").orElseThrow().role())
                .as("internal: no public address")
                .isEqualTo(SecurityGroup.Role.OTHER);
    }

    @Test
    void dnsAttributes_comeFromDescribeVpcAttribute_elseAwsDefaults() {
        String vpcs =
                "{\"Vpcs\": [{\"VpcId\": \"vpc-1\", \"CidrBlock\": \"10.0.0.0/16\"}, {\"VpcId\": \"vpc-2\", \"CidrBlock\": \"10.1.0.0/16\"}]}";
        Imported imported = Snapshot.read(
                "s",
                Map.of(
                        "vpcs.json",
                        vpcs,
                        "dns-support.json",
                        "{\"VpcId\": \"vpc-1\", \"EnableDnsSupport\": {\"Value\": false}}",
                        "dns-hostnames.json",
                        "{\"VpcId\": \"vpc-1\", \"EnableDnsHostnames\": {\"Value\": true}}"));
        Network one = imported.networks().stream()
                .filter(n -> n.vpc().cidr().toString().equals("10.0.0.0/16"))
                .findFirst()
                .orElseThrow();
        Network two = imported.networks().stream()
                .filter(n -> n.vpc().cidr().toString().equals("10.1.0.0/16"))
                .findFirst()
                .orElseThrow();
        assertThat(one.vpc().dnsSupport()).isFalse();
        assertThat(one.vpc().dnsHostnames()).isTrue();
        assertThat(two.vpc().dnsSupport()).isTrue();
        assertThat(two.vpc().dnsHostnames()).isFalse();
        assertThat(imported.findings())
                .noneMatch(d -> d.format().contains("unknown-key") || d.format().contains("EnableDns"));
    }
}
