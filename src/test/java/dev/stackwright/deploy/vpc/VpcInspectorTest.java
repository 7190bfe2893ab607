package dev.stackwright.deploy.vpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stackwright.Stackwright;
import dev.stackwright.deploy.DeployException;
import dev.stackwright.deploy.vpc.Inspection.Requirement;
import dev.stackwright.deploy.vpc.Inspection.Status;
import dev.stackwright.deploy.vpc.Inspection.SubnetRow;
import dev.stackwright.diag.InputException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class VpcInspectorTest {
    private static final Needs SPEC = needsOf(Stackwright.plan(FixtureEc2.ROOT.resolve("stackwright.yml")));

    private static Map<String, String> folder(String name) {
        return VpcInspector.readFolder(FixtureEc2.ROOT.resolve(name));
    }

    private static Requirement requirement(Inspection in, String id) {
        return in.requirements().stream()
                .filter(r -> r.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static SubnetRow subnet(Inspection in, String id) {
        return in.subnets().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void needs_fromTheSpec_listTheChosenInstanceTypesAndTheDatabase() {
        assertThat(SPEC.fromSpec()).isTrue();
        assertThat(SPEC.database()).isTrue();
        assertThat(SPEC.alb()).isTrue();
        assertThat(SPEC.instanceTypes()).containsExactly(new Needs.InstanceType("t3.small", "service.instanceType"));
    }

    @Test
    void goodVpc_classifiesEveryTier_andPassesEveryRequirement() {
        Inspection in = VpcInspector.inspect("good", folder("good"), "vpc-0good", SPEC);
        assertThat(in.subnets())
                .extracting(SubnetRow::id)
                .containsExactly(
                        "subnet-pub-a", "subnet-pub-b", "subnet-app-a", "subnet-app-b", "subnet-db-a", "subnet-db-b");
        assertThat(subnet(in, "subnet-pub-a").tier()).isEqualTo("public");
        assertThat(subnet(in, "subnet-app-b").tier()).isEqualTo("private");
        // No association of their own: the main route table, with only the local route, makes them isolated.
        SubnetRow db = subnet(in, "subnet-db-a");
        assertThat(db.tier()).isEqualTo("isolated");
        assertThat(db.routeTable()).isEqualTo("rtb-0main");
        assertThat(db.mainRouteTable()).isTrue();
        assertThat(subnet(in, "subnet-app-a").freeIps()).isEqualTo(4000);
        assertThat(in.requirements()).extracting(Requirement::status).containsOnly(Status.OK);
        assertThat(in.passed()).isTrue();
        assertThat(in.name()).isEqualTo("shop-dev");
    }

    @Test
    void badVpc_failsEachBrokenRequirement_withItsFix() {
        Inspection in = VpcInspector.inspect("bad", folder("bad"), "vpc-0bad", SPEC);
        assertThat(in.passed()).isFalse();
        assertThat(requirement(in, "database-subnets").status()).isEqualTo(Status.FAIL);
        assertThat(requirement(in, "database-subnets").message()).contains("1 isolated subnet(s) in us-east-1a");
        assertThat(requirement(in, "dns-support").status()).isEqualTo(Status.OK);
        assertThat(requirement(in, "dns-hostnames").status()).isEqualTo(Status.FAIL);
        assertThat(requirement(in, "dns-hostnames").fix())
                .contains("modify-vpc-attribute --vpc-id vpc-0bad --enable-dns-hostnames");
        assertThat(requirement(in, "cidr").status()).isEqualTo(Status.FAIL);
        assertThat(requirement(in, "cidr").message()).contains("prod (10.0.0.0/16)");
        assertThat(requirement(in, "free-ips").status()).isEqualTo(Status.FAIL);
        assertThat(requirement(in, "free-ips").message())
                .contains("subnet-app-a (us-east-1a) has 11 free addresses")
                .doesNotContain("subnet-app-b");
        assertThat(requirement(in, "instance-types").status()).isEqualTo(Status.FAIL);
        assertThat(requirement(in, "instance-types").message())
                .isEqualTo("t3.small (service.instanceType) is not offered in us-east-1b");
        assertThat(requirement(in, "private-subnets").status()).isEqualTo(Status.OK);
        assertThat(requirement(in, "public-subnets").status()).isEqualTo(Status.OK);
        assertThat(in.requirements())
                .filteredOn(r -> r.status() == Status.FAIL)
                .allMatch(r -> !r.fix().isBlank());
    }

    @Test
    void withoutSpec_specDependentFailuresAreWarnings_andInstanceTypesAreSkipped() {
        Inspection in = VpcInspector.inspect("bad", folder("bad"), "vpc-0bad", Needs.withoutSpec());
        assertThat(requirement(in, "database-subnets").status()).isEqualTo(Status.WARN);
        assertThat(requirement(in, "cidr").status()).isEqualTo(Status.WARN);
        assertThat(requirement(in, "free-ips").status()).isEqualTo(Status.WARN);
        assertThat(requirement(in, "instance-types").status()).isEqualTo(Status.SKIPPED);
        // DNS hostnames does not depend on the spec.
        assertThat(requirement(in, "dns-hostnames").status()).isEqualTo(Status.FAIL);
    }

    @Test
    void theProjectsOwnEnvironmentBlock_isNoOverlap() {
        Needs prod = new Needs(
                true,
                java.util.Optional.of(dev.stackwright.model.Environment.PROD),
                false,
                java.util.Optional.empty(),
                false,
                dev.stackwright.model.NatMode.GATEWAY,
                false,
                10,
                2,
                List.of(),
                List.of());
        Inspection in = VpcInspector.inspect("bad", folder("bad"), "vpc-0bad", prod);
        assertThat(requirement(in, "cidr").status()).isEqualTo(Status.OK);
        assertThat(requirement(in, "database-subnets").status()).isEqualTo(Status.SKIPPED);
        assertThat(requirement(in, "free-ips").status()).isEqualTo(Status.OK);
    }

    @Test
    void withoutDnsAndOfferingFiles_thoseRequirementsAreUnknown_notFailed() {
        Map<String, String> files = new TreeMap<>(folder("good"));
        files.keySet().removeIf(f -> f.contains("dns-") || f.contains("offerings"));
        Inspection in = VpcInspector.inspect("good", files, "vpc-0good", SPEC);
        assertThat(requirement(in, "dns-support").status()).isEqualTo(Status.UNKNOWN);
        assertThat(requirement(in, "dns-hostnames").fix())
                .contains("describe-vpc-attribute --vpc-id vpc-0good --attribute enableDnsHostnames");
        assertThat(requirement(in, "instance-types").status()).isEqualTo(Status.UNKNOWN);
        assertThat(requirement(in, "instance-types").message()).startsWith("not checked");
        assertThat(in.passed()).isTrue();
    }

    @Test
    void withoutFreeIpCounts_theUsableSizeIsUsed() {
        Map<String, String> files = new TreeMap<>(folder("bad"));
        files.replaceAll((f, text) -> text.replaceAll("\"AvailableIpAddressCount\": \\d+,", ""));
        Inspection in = VpcInspector.inspect("bad", files, "vpc-0bad", SPEC);
        assertThat(subnet(in, "subnet-app-a").freeIps()).isEqualTo(251);
        assertThat(subnet(in, "subnet-app-a").freeIpsCounted()).isFalse();
        assertThat(requirement(in, "free-ips").status()).isEqualTo(Status.OK);
    }

    @Test
    void unknownVpc_isAnError_suggestingTheClosestId() {
        assertThatThrownBy(() -> VpcInspector.inspect("good", folder("good"), "vpc-0god", SPEC))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("vpc-0god is not in good (found vpc-0good)")
                .satisfies(e -> assertThat(((DeployException) e).fix()).contains("did you mean vpc-0good?"));
    }

    @Test
    void unreadableSnapshot_isAnInputProblem_withTheFile() {
        assertThatThrownBy(() -> VpcInspector.inspect("x", Map.of("vpcs.json", "{\"Vpcs\": [}"), "vpc-1", SPEC))
                .isInstanceOf(InputException.class)
                .satisfies(e -> assertThat(
                                ((InputException) e).diagnostics().get(0).format())
                        .contains("vpcs.json"));
    }

    @Test
    void missingFolder_saysSo() {
        assertThatThrownBy(() -> VpcInspector.readFolder(FixtureEc2.ROOT.resolve("nope")))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void live_describesThroughEc2_andGivesTheSameAnswerAsTheSnapshot() {
        FixtureEc2 ec2 = new FixtureEc2("bad");
        Map<String, String> files = LiveVpc.describe(ec2, "vpc-0bad", List.of("t3.small"));
        assertThat(ec2.calls)
                .contains(
                        "vpcs",
                        "subnets vpc-0bad",
                        "route-tables vpc-0bad",
                        "vpc-attribute vpc-0bad enableDnsSupport",
                        "vpc-attribute vpc-0bad enableDnsHostnames",
                        "instance-type-offerings [t3.small] [us-east-1a, us-east-1b]");
        Inspection live = VpcInspector.inspect("EC2 in us-east-1", files, "vpc-0bad", SPEC);
        Inspection saved = VpcInspector.inspect("bad", folder("bad"), "vpc-0bad", SPEC);
        assertThat(live.subnets()).isEqualTo(saved.subnets());
        assertThat(live.requirements()).isEqualTo(saved.requirements());
    }

    @Test
    void live_unknownVpc_asksNothingElse() {
        FixtureEc2 ec2 = new FixtureEc2("good");
        Map<String, String> files = LiveVpc.describe(ec2, "vpc-0nope", List.of("t3.small"));
        assertThat(ec2.calls).containsExactly("vpcs");
        assertThatThrownBy(() -> VpcInspector.inspect("EC2 in us-east-1", files, "vpc-0nope", SPEC))
                .isInstanceOf(DeployException.class)
                .hasMessageContaining("found vpc-0good");
    }

    @Test
    void output_textHasTheTableAndOneLinePerRequirement_jsonTheSameFacts() throws Exception {
        Inspection in = VpcInspector.inspect("bad", folder("bad"), "vpc-0bad", SPEC);
        String text = InspectText.text(in);
        assertThat(text)
                .contains(
                        "SUBNET",
                        "FREE IPS",
                        "subnet-db-a",
                        "rtb-0main (main)",
                        "FAIL    database-subnets",
                        ". Fix: add an isolated subnet",
                        "ok      dns-support",
                        "5 requirements fail.");
        assertThat(InspectText.text(in)).isEqualTo(text);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(InspectText.json(in));
        assertThat(json.path("passed").asBoolean(true)).isFalse();
        assertThat(json.path("subnets")).hasSize(5);
        assertThat(json.path("subnets").get(2).path("freeIps").asInt()).isEqualTo(11);
        assertThat(json.path("requirements").get(0).path("status").asText()).isEqualTo("fail");
        assertThat(json.path("requirements").get(0).path("fix").asText()).contains("isolated subnet");
    }

    private static Needs needsOf(Stackwright.Result planned) {
        return Needs.of(planned.spec(), planned.network(), planned.application());
    }
}
