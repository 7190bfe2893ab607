package dev.stackwright.analysis.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.stackwright.analysis.Networks;
import dev.stackwright.analysis.reach.Reachability;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Az;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.Environment;
import dev.stackwright.model.Intent;
import dev.stackwright.model.Network;
import dev.stackwright.model.NetworkAcl;
import dev.stackwright.model.Peer;
import dev.stackwright.model.PlannedNetwork;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.Route;
import dev.stackwright.model.RouteDestination;
import dev.stackwright.model.RouteTable;
import dev.stackwright.model.RouteTarget;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import dev.stackwright.model.Subnet;
import dev.stackwright.plan.NetworkCombinations;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each rule, firing on a hand-built network and silent on the planned ones. */
class LintRulesTest {
    static final Network PROD = Networks.example("prod-nat-instances");
    static final Network STAGING = Networks.example("staging-gateway-bastion");
    static final Network DEV = Networks.example("dev-isolated");

    static List<Finding> run(String id, Network n) {
        return run(id, n, OptionalInt.of(100));
    }

    /** A planned network, with what its spec meant. */
    static List<Finding> run(String id, PlannedNetwork p) {
        return run(id, p.network(), Optional.of(p.intent()), OptionalInt.of(100));
    }

    static List<Finding> run(String id, Network n, OptionalInt tasks) {
        return run(id, n, Optional.empty(), tasks);
    }

    static List<Finding> run(String id, Network n, Optional<Intent> intent, OptionalInt tasks) {
        LintRule rule =
                Lint.RULES.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
        List<Finding> findings = rule.check(LintContext.of(n, intent, tasks));
        assertThat(findings).allSatisfy(f -> assertThat(f.id()).isEqualTo(id));
        return findings;
    }

    @Test
    void rules_haveUniqueIdsAndNames_inIdOrder() {
        List<String> ids = Lint.RULES.stream().map(LintRule::id).toList();
        assertThat(ids).doesNotHaveDuplicates().isSorted();
        assertThat(Lint.RULES.stream().map(LintRule::name).toList())
                .doesNotHaveDuplicates()
                .allSatisfy(n -> assertThat(n).matches("[a-z0-9]+(-[a-z0-9]+)*"));
        assertThat(ids).hasSize(16);
    }

    @Test
    void theShippedExamples_haveNoFindings_butAlbsWithoutACertificateAreWarnedOf() {
        PlannedNetwork prod = Networks.examplePlanned("prod-nat-instances");
        assertThat(Lint.run(LintContext.of(prod.network(), Optional.of(prod.intent()), OptionalInt.of(200))))
                .isEmpty();
        for (PlannedNetwork p :
                List.of(Networks.examplePlanned("staging-gateway-bastion"), Networks.examplePlanned("dev-isolated"))) {
            assertThat(Lint.run(LintContext.of(p.network(), Optional.of(p.intent()), OptionalInt.of(200))))
                    .as(p.network().stackName())
                    .extracting(Finding::id, Finding::severity)
                    .containsExactly(tuple("SW015", Severity.WARNING));
        }
    }

    /** Every planned combination is free of errors, except the app tier left without a way out, which SW001 flags. */
    @Test
    void everyPlannedCombination_hasNoErrors_evenIsolated_becauseThePlannerAddsTheEndpointsContainersNeed() {
        for (NetworkCombinations.Case c : NetworkCombinations.all()) {
            PlannedNetwork n = Networks.planned(c.yaml());
            List<String> errors =
                    Lint.run(LintContext.of(n.network(), Optional.of(n.intent()), OptionalInt.of(100))).stream()
                            .filter(f -> f.severity() == Severity.ERROR)
                            .map(Finding::id)
                            .distinct()
                            .toList();
            assertThat(errors).as(c.label()).isEmpty();
        }
    }

    @Nested
    class PrivateSubnetWithoutEgress {
        @Test
        void fires_whenTheAppTierHasNoNatAndNoEndpoints() {
            List<Finding> f = run(
                    "SW001", Networks.withoutInterfaceEndpoints(Networks.plan("name: iso\nnetwork:\n  nat: none\n")));
            assertThat(f).extracting(Finding::resource).containsExactly("subnet app-a", "subnet app-b");
            assertThat(f.getFirst().message())
                    .contains("cannot reach ecr.api, ecr.dkr, logs on tcp 443")
                    .doesNotContain("s3");
            assertThat(f.getFirst().fix())
                    .contains("network.nat", "ecr.api, ecr.dkr, logs", "stackwright why app-a internet 443");
        }

        @Test
        void suggestsAWhyCommandThatPastes_whenTheTaskNameHasASpace() {
            Network n = Networks.withoutInterfaceEndpoints(Networks.plan("name: iso\nnetwork:\n  nat: none\n"));
            n = Networks.withAttachments(
                    n,
                    n.attachments().stream()
                            .map(a -> a.name().equals("app-a")
                                    ? new Attachment(
                                            "orders worker",
                                            a.kind(),
                                            a.subnetName(),
                                            a.securityGroupNames(),
                                            a.publicIp(),
                                            a.aliases())
                                    : a)
                            .toList());
            assertThat(run("SW001", n).getFirst().fix()).contains("`stackwright why 'orders worker' internet 443`");
        }

        @Test
        void fires_whenTheTasksOwnGroupBlocksHttps() {
            Network n = Networks.editGroup(
                    PROD,
                    "app",
                    g -> new SecurityGroup(
                            g.name(),
                            g.role(),
                            g.description(),
                            g.ingress(),
                            g.egress().stream()
                                    .filter(r -> r.ports().from() != 443)
                                    .toList()));
            assertThat(run("SW001", n))
                    .hasSize(3)
                    .first()
                    .extracting(Finding::message)
                    .asString()
                    .contains("ecr.api, ecr.dkr, logs, s3");
        }

        @Test
        void isQuiet_withNat_orWithTheEndpointsContainersNeed() {
            assertThat(run("SW001", PROD)).isEmpty();
            assertThat(run("SW001", DEV)).isEmpty();
        }
    }

    @Nested
    class SingleAvailabilityZone {
        @Test
        void fires_forAOneZoneNetwork_andForAOneZoneTier() {
            List<Subnet> oneZone = PROD.subnets().stream()
                    .map(s -> new Subnet(s.name(), s.tier(), new Az(0), s.cidr()))
                    .toList();
            assertThat(run("SW002", Networks.withSubnets(PROD, oneZone)))
                    .singleElement()
                    .satisfies(f -> assertThat(f.resource()).isEqualTo("vpc"));
            List<Subnet> oneZoneApp = PROD.subnets().stream()
                    .map(s -> s.tier() == dev.stackwright.model.Tier.APP
                            ? new Subnet(s.name(), s.tier(), new Az(0), s.cidr())
                            : s)
                    .toList();
            assertThat(run("SW002", Networks.withSubnets(PROD, oneZoneApp)))
                    .singleElement()
                    .satisfies(f -> assertThat(f.message())
                            .startsWith("the app tier has subnets in one availability zone only"));
        }

        @Test
        void isQuiet_acrossZones() {
            assertThat(run("SW002", PROD)).isEmpty();
        }
    }

    @Nested
    class MissingGatewayEndpoints {
        @Test
        void fires_forAPrivateTableWithoutTheEndpointRoutes() {
            Network n = Networks.editTable(
                    PROD,
                    "data",
                    t -> new RouteTable(
                            t.name(),
                            t.tier(),
                            t.routes().stream()
                                    .filter(r -> !(r.destination() instanceof RouteDestination.PrefixList p
                                            && p.service().equals("s3")))
                                    .toList(),
                            t.subnetNames()));
            assertThat(run("SW003", n)).singleElement().satisfies(f -> {
                assertThat(f.resource()).isEqualTo("route table data");
                assertThat(f.message()).contains("no gateway endpoint route for s3");
            });
        }

        @Test
        void isQuiet_forPublicTables_andPlannedPrivateOnes() {
            assertThat(run("SW003", STAGING)).isEmpty();
        }
    }

    @Nested
    class SubnetTooSmall {
        @Test
        void fires_whenTheAppSubnetsCannotHoldThePeak() {
            List<Finding> f = run("SW004", PROD, OptionalInt.of(1000));
            assertThat(f).extracting(Finding::resource).containsExactly("subnet app-a", "subnet app-b", "subnet app-c");
            assertThat(f.getFirst().message()).contains("251 usable addresses", "1000 tasks");
        }

        @Test
        void fires_whenALoadBalancerSubnetIsSmallerThanA27() {
            List<Subnet> small = PROD.subnets().stream()
                    .map(s -> s.name().equals("public-a")
                            ? new Subnet(s.name(), s.tier(), s.az(), Cidr.parse("10.0.128.0/28"))
                            : s)
                    .toList();
            assertThat(run("SW004", Networks.withSubnets(PROD, small)))
                    .singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("smaller than a /27"));
        }

        @Test
        void isQuiet_forWhatThePlannerSized_orWithoutAnExpectation() {
            assertThat(run("SW004", PROD, OptionalInt.of(200))).isEmpty();
            assertThat(run("SW004", PROD, OptionalInt.empty())).isEmpty();
        }
    }

    @Nested
    class WorkloadInPublicSubnet {
        @Test
        void fires_forTasksAndDatabasesInPublicSubnets_withTheMatchingIds() {
            Network n = Networks.editAttachment(
                    PROD, "app-a", a -> new Attachment(a.name(), a.kind(), "public-a", a.securityGroupNames(), true));
            n = Networks.editAttachment(
                    n,
                    "database-b",
                    a -> new Attachment(a.name(), a.kind(), "public-b", a.securityGroupNames(), false));
            List<Finding> f = run("SW005", n);
            assertThat(f).extracting(Finding::resource).containsExactly("app-a", "database-b");
            assertThat(f.getFirst().message()).endsWith("and has a public IP address");
            assertThat(f.getFirst().equivalents().checkov()).contains("CKV_AWS_88", "CKV_AWS_17");
            assertThat(f.getFirst().equivalents().cfnNag()).containsExactly("F22");
        }

        @Test
        void isQuiet_forTheFrontDoorBastionAndNat() {
            assertThat(run("SW005", STAGING)).isEmpty();
        }
    }

    @Nested
    class AdminPortOpenToWorld {
        @Test
        void fires_forSshOnTheAppGroup_andForTheDatabasePort() {
            Network n = Networks.editGroup(
                    PROD,
                    "app",
                    g -> Networks.addIngress(g, SecurityGroupRule.tcp(22, new Peer.Block(Cidr.ANYWHERE), "")));
            n = Networks.editGroup(
                    n,
                    "database",
                    g -> Networks.addIngress(
                            g,
                            new SecurityGroupRule(
                                    Protocol.TCP, new PortRange(5000, 6000), new Peer.Block(Cidr.ANYWHERE), "")));
            List<Finding> f = run("SW006", n);
            assertThat(f)
                    .extracting(Finding::message)
                    .containsExactly(
                            "security group app admits SSH (22) from anywhere (0.0.0.0/0)",
                            "security group database admits PostgreSQL (5432) from anywhere (0.0.0.0/0)");
            assertThat(f.getFirst().equivalents().cdkNag()).contains("AwsSolutions-EC23");
            assertThat(f.getFirst().equivalents().checkov()).containsExactly("CKV_AWS_24", "CKV_AWS_25");
        }

        @Test
        void fires_forABastionOpenToTheWorld_withTheSpecFix() {
            Network n = Networks.editGroup(
                    STAGING,
                    "bastion",
                    g -> new SecurityGroup(
                            g.name(),
                            g.role(),
                            g.description(),
                            List.of(SecurityGroupRule.tcp(22, new Peer.Block(Cidr.ANYWHERE), "")),
                            g.egress()));
            Intent intent = Networks.examplePlanned("staging-gateway-bastion").intent();
            assertThat(run("SW006", n, Optional.of(intent), OptionalInt.of(100)))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.fix()).contains("network.bastionCidr");
                        assertThat(f.specPath()).contains("network.bastionCidr");
                    });
            assertThat(run("SW006", n))
                    .as("an imported network has no spec: the fix speaks of the group")
                    .singleElement()
                    .satisfies(f -> assertThat(f.fix())
                            .isEqualTo("admit it from your office or VPN range only, or use Session Manager (no open"
                                    + " ports)"));
        }

        @Test
        void isQuiet_forARestrictedBastion_andForHttps() {
            assertThat(run("SW006", STAGING)).isEmpty();
        }
    }

    @Nested
    class FlowLogsOff {
        @Test
        void fires_withoutFlowLogs() {
            assertThat(run("SW007", Networks.withFlowLogs(PROD, Optional.empty())))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.fix())
                                .as("an imported network has no spec: the fix speaks of CloudFormation")
                                .isEqualTo("add a flow log on the VPC (AWS::EC2::FlowLog with ResourceType: VPC, or"
                                        + " aws ec2 create-flow-logs --resource-type VPC)");
                        assertThat(f.equivalents().cdkNag()).containsExactly("AwsSolutions-VPC7");
                        assertThat(f.equivalents().cfnNag()).containsExactly("W60");
                        assertThat(f.equivalents().checkov()).containsExactly("CKV2_AWS_11");
                    });
        }

        @Test
        void fires_forAPlannedNetworkWithoutFlowLogs_withTheSpecFix() {
            PlannedNetwork p = Networks.planned("name: shop\nenvironment: dev\nnetwork:\n  flowLogs: false\n");
            assertThat(run("SW007", p))
                    .singleElement()
                    .satisfies(f -> assertThat(f.fix()).isEqualTo("set network.flowLogs: true"));
        }

        @Test
        void isQuiet_withFlowLogs() {
            assertThat(run("SW007", PROD)).isEmpty();
        }
    }

    @Nested
    class DataSubnetRoutesToInternet {
        @Test
        void fires_forEveryDataSubnetOfATableWithARouteOut() {
            Network n = Networks.editTable(
                    PROD,
                    "data",
                    t -> new RouteTable(
                            t.name(),
                            t.tier(),
                            append(t.routes(), Route.to(Cidr.ANYWHERE, new RouteTarget.InternetGateway())),
                            t.subnetNames()));
            assertThat(run("SW008", n))
                    .extracting(Finding::resource)
                    .containsExactly("subnet data-a", "subnet data-b", "subnet data-c");
        }

        @Test
        void isQuiet_forThePlannedDataTable() {
            assertThat(run("SW008", PROD)).isEmpty();
        }
    }

    @Nested
    class NatInstanceOpenToWorld {
        @Test
        void fires_whenTheNatGroupAdmitsAddressesOutsideTheVpc() {
            Network n = Networks.editGroup(
                    PROD, "nat", g -> Networks.addIngress(g, SecurityGroupRule.all(new Peer.Block(Cidr.ANYWHERE), "")));
            assertThat(run("SW009", n))
                    .singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("relay"));
        }

        @Test
        void isQuiet_whenItAdmitsTheAppSubnetsOnly() {
            assertThat(run("SW009", PROD)).isEmpty();
        }
    }

    @Nested
    class NaclBlocksReturnTraffic {
        @Test
        void isAnError_whenNoEntryAdmitsTheReplies_andAWarning_whenSomeDo() {
            NetworkAcl data = PROD.networkAcls().getFirst();
            List<NetworkAcl.Entry> entries = new ArrayList<>();
            for (NetworkAcl.Entry e : data.entries()) {
                if (e.egress() && e.ruleNumber() == 100) {
                    continue;
                }
                entries.add(
                        e.egress() && e.ruleNumber() == 101
                                ? new NetworkAcl.Entry(
                                        101, true, true, Protocol.TCP, new PortRange(32768, 65535), e.cidr(), "")
                                : e);
            }
            Network n = Networks.withAcls(
                    PROD, List.of(new NetworkAcl(data.name(), data.tier(), entries, data.subnetNames())));
            List<Finding> f = run("SW010", n);
            assertThat(f).extracting(Finding::message).as("findings").hasSize(2);
            assertThat(f).extracting(Finding::severity).containsExactly(Severity.ERROR, Severity.WARNING);
            assertThat(f.get(0).message())
                    .isEqualTo("network ACL data: rule 100 allows tcp 5432 in from 10.0.0.0/24, but no outbound "
                            + "entry admits the replies (tcp 1024-65535 to 10.0.0.0/24)");
            assertThat(f.get(1).message()).contains("rule 101", "denied on tcp 1024-32767 for 10.0.32.0/24");
        }

        @Test
        void isQuiet_forThePlannedDataAcl_withAndWithoutABastion() {
            assertThat(run("SW010", PROD)).isEmpty();
            assertThat(run("SW010", STAGING)).isEmpty();
        }
    }

    @Nested
    class CidrWhereGroupWouldDo {
        @Test
        void fires_whenEveryResourceThereSharesAGroup() {
            Network n = Networks.editGroup(
                    PROD,
                    "database",
                    g -> Networks.addIngress(
                            g, SecurityGroupRule.tcp(5432, new Peer.Block(Cidr.parse("10.0.0.0/24")), "")));
            assertThat(run("SW011", n)).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.NOTE);
                assertThat(f.fix()).isEqualTo("reference sg app instead of 10.0.0.0/24");
            });
        }

        @Test
        void isQuiet_forNatGroups_andForRangesWithMixedGroups() {
            assertThat(run("SW011", PROD))
                    .as("the NAT admits app subnets by CIDR on purpose")
                    .isEmpty();
            Network n = Networks.editGroup(
                    DEV,
                    "database",
                    g -> Networks.addIngress(
                            g,
                            SecurityGroupRule.tcp(
                                    3306,
                                    new Peer.Block(
                                            DEV.subnet("app-a").orElseThrow().cidr()),
                                    "")));
            assertThat(run("SW011", n))
                    .as("app-a holds tasks and endpoints, which share no group")
                    .isEmpty();
        }
    }

    @Nested
    class HttpOnlyFrontDoor {
        private static final String CERT =
                "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";

        /** An internet-facing ALB in one public subnet, with the given listeners, as a template to import. */
        private Network imported(String scheme, String listeners) {
            String yaml = """
                    Resources:
                      Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.9.0.0/16}}
                      Igw: {Type: AWS::EC2::InternetGateway}
                      Attach: {Type: AWS::EC2::VPCGatewayAttachment, Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}}
                      Public: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref Vpc}}
                      Out: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref Public, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw}}
                      PublicA: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.9.0.0/24}}
                      PublicAssoc: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref PublicA, RouteTableId: !Ref Public}}
                      Lb: {Type: AWS::ElasticLoadBalancingV2::LoadBalancer, Properties: {Scheme: %s, Subnets: [!Ref PublicA]}}
                    %s""".formatted(scheme, listeners);
            return dev.stackwright.importer.cfn.TemplateImporter.read(
                            "t.yaml", yaml, dev.stackwright.importer.cfn.TemplateImporter.Options.defaults())
                    .networks()
                    .getFirst();
        }

        private static final String HTTP_FORWARD = "  Http: {Type: AWS::ElasticLoadBalancingV2::Listener, Properties: "
                + "{LoadBalancerArn: !Ref Lb, Port: 80, Protocol: HTTP, DefaultActions: [{Type: forward, TargetGroupArn: tg}]}}\n";
        private static final String HTTP_REDIRECT = "  Http: {Type: AWS::ElasticLoadBalancingV2::Listener, Properties: "
                + "{LoadBalancerArn: !Ref Lb, Port: 80, Protocol: HTTP, DefaultActions: [{Type: redirect, "
                + "RedirectConfig: {Protocol: HTTPS, Port: '443', StatusCode: HTTP_301}}]}}\n";
        private static final String HTTPS = "  Https: {Type: AWS::ElasticLoadBalancingV2::Listener, Properties: "
                + "{LoadBalancerArn: !Ref Lb, Port: 443, Protocol: HTTPS, DefaultActions: [{Type: forward, TargetGroupArn: tg}]}}\n";

        @Test
        void plannedAlbWithoutACertificate_isAWarningInDevAndStaging_andAnErrorInProd() {
            for (String env : List.of("dev", "staging")) {
                assertThat(run("SW015", Networks.planned("name: shop\nenvironment: " + env + "\n")))
                        .singleElement()
                        .satisfies(f -> {
                            assertThat(f.severity()).isEqualTo(Severity.WARNING);
                            assertThat(f.message())
                                    .isEqualTo("load balancer front-door faces the internet with HTTP only (port 80): "
                                            + "requests, cookies and tokens cross the internet unencrypted");
                            assertThat(f.fix()).contains("frontDoor.certificateArn");
                            assertThat(f.specPath()).contains("frontDoor.certificateArn");
                        });
            }
            assertThat(run("SW015", Networks.planned("name: shop\nenvironment: prod\n")))
                    .extracting(Finding::severity)
                    .containsExactly(Severity.ERROR);
        }

        @Test
        void isQuiet_withACertificate_orWithApiGateway() {
            assertThat(run("SW015", PROD)).isEmpty();
            assertThat(run(
                            "SW015",
                            Networks.planned("name: shop\nenvironment: staging\nfrontDoor: {type: alb, "
                                    + "domain: shop.example.com, certificateArn: '" + CERT + "'}\n")))
                    .isEmpty();
            assertThat(run("SW015", Networks.planned("name: shop\nfrontDoor: api-gateway\n")))
                    .isEmpty();
        }

        @Test
        void plannedSecurityGroup_opens443OnlyWithACertificate() {
            Network http = Networks.plan("name: shop\nenvironment: staging\n");
            assertThat(http.securityGroup("front-door").orElseThrow().ingress())
                    .extracting(r -> r.ports().from())
                    .containsExactly(80);
            assertThat(PROD.securityGroup("front-door").orElseThrow().ingress())
                    .extracting(r -> r.ports().from())
                    .containsExactly(80, 443);
        }

        @Test
        void importedTemplate_httpOnly_isAnError_thatSaysTheEnvironmentIsUnknown() {
            assertThat(run("SW015", imported("internet-facing", HTTP_FORWARD)))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.severity()).isEqualTo(Severity.ERROR);
                        assertThat(f.resource()).isEqualTo("load balancer Lb");
                        assertThat(f.message())
                                .endsWith(
                                        "(the environment is not known for an imported network, so this is judged as in prod)");
                    });
        }

        /** The same topology judged with and without what its spec meant: only the intent decides the severity. */
        @Test
        void severityComesFromTheIntent_andWithoutOneTheFindingIsAnErrorThatSaysSo() {
            PlannedNetwork dev = Networks.planned("name: shop\nenvironment: dev\n");
            assertThat(run("SW015", dev)).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.message()).doesNotContain("not known");
            });
            assertThat(run("SW015", dev.network(), OptionalInt.of(100)))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.severity()).isEqualTo(Severity.ERROR);
                        assertThat(f.message()).contains("the environment is not known");
                    });
        }

        @Test
        void importedTemplate_httpForwardedBesideHttps_isFlagged_butARedirectIsNot() {
            assertThat(run("SW015", imported("internet-facing", HTTP_FORWARD + HTTPS)))
                    .singleElement()
                    .satisfies(f -> assertThat(f.message())
                            .contains("passes plain HTTP on (port 80) beside its HTTPS listener"));
            assertThat(run("SW015", imported("internet-facing", HTTP_REDIRECT + HTTPS)))
                    .isEmpty();
            assertThat(run("SW015", imported("internal", HTTP_FORWARD)))
                    .as("not on the internet")
                    .isEmpty();
        }
    }

    /** Several VPCs of one input: how they connect. */
    @Nested
    class AcrossVpcs {
        private Network peer(Network n, String table, String cidr, String peering) {
            return Networks.editTable(
                    n,
                    table,
                    t -> new RouteTable(
                            t.name(),
                            t.tier(),
                            append(t.routes(), Route.to(Cidr.parse(cidr), new RouteTarget.Peering(peering))),
                            t.subnetNames()));
        }

        /** Networks as imported: no intent for any of them. */
        private List<Finding> run(String id, Network n, Network... others) {
            return Lint.run(new LintContext(
                            n,
                            Optional.empty(),
                            new Reachability(n),
                            OptionalInt.empty(),
                            java.util.Arrays.stream(others)
                                    .map(LintContext.Sibling::imported)
                                    .toList()))
                    .stream()
                    .filter(f -> f.id().equals(id))
                    .toList();
        }

        /** Planned networks, each with what its spec meant. */
        private List<Finding> run(String id, PlannedNetwork n, PlannedNetwork... others) {
            return Lint.run(new LintContext(
                            n.network(),
                            Optional.of(n.intent()),
                            new Reachability(n.network()),
                            OptionalInt.empty(),
                            java.util.Arrays.stream(others)
                                    .map(o -> new LintContext.Sibling(o.network(), Optional.of(o.intent())))
                                    .toList()))
                    .stream()
                    .filter(f -> f.id().equals(id))
                    .toList();
        }

        @Test
        void overlap_firesForPeeredVpcs_andForEnvironmentsOfOneProject_butNotForStrangers() {
            Network a = Networks.plan("name: one\nenvironment: prod\n");
            Network b = Networks.plan("name: two\nenvironment: prod\n"); // same default block, another project
            assertThat(run("SW012", a, b))
                    .as("unconnected strangers may overlap")
                    .isEmpty();
            Network peeredA = peer(a, "app-a", "10.0.0.0/16", "pcx-1");
            Network peeredB = peer(b, "app-a", "10.0.0.0/16", "pcx-1");
            assertThat(run("SW012", peeredA, peeredB)).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.message()).contains("10.0.0.0/16 overlaps two-prod's 10.0.0.0/16", "peering pcx-1");
            });
            PlannedNetwork prod = Networks.planned("name: one\nenvironment: prod\n");
            PlannedNetwork staging =
                    Networks.planned("name: one\nenvironment: staging\nnetwork: {cidr: 10.8.0.0/16}\n");
            assertThat(run("SW012", prod, staging)).as("environments apart").isEmpty();
            // A staging VPC of the same project on prod's block: never connectable.
            Intent one = prod.intent();
            PlannedNetwork clash = new PlannedNetwork(
                    prod.network(),
                    new Intent(one.project(), Environment.STAGING, one.natMode(), one.access(), one.advice()));
            assertThat(run("SW012", prod, clash))
                    .singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("environments prod and staging of one"));
        }

        /** Which project and environment a VPC is for is intent: without it, only peering and transit gateways connect. */
        @Test
        void overlap_ofEnvironments_needsTheIntentOfBoth() {
            Network a = Networks.plan("name: one\nenvironment: prod\n");
            assertThat(run("SW012", a, a))
                    .as("imported: two VPCs on one block, no link between them")
                    .isEmpty();
            PlannedNetwork prod = Networks.planned("name: one\nenvironment: prod\n");
            PlannedNetwork staging = new PlannedNetwork(
                    prod.network(),
                    new Intent(
                            "one",
                            Environment.STAGING,
                            prod.intent().natMode(),
                            prod.intent().access(),
                            List.of()));
            assertThat(run("SW012", prod, staging))
                    .as("planned: environments of one project")
                    .hasSize(1);
            List<Finding> oneKnown = Lint.run(new LintContext(
                            prod.network(),
                            Optional.of(prod.intent()),
                            new Reachability(prod.network()),
                            OptionalInt.empty(),
                            List.of(LintContext.Sibling.imported(staging.network()))))
                    .stream()
                    .filter(f -> f.id().equals("SW012"))
                    .toList();
            assertThat(oneKnown).as("the other's environment unknown").isEmpty();
        }

        @Test
        void transitivePeering_firesForARouteBeyondTheOtherEnd() {
            Network a = Networks.plan("name: aa\nenvironment: prod\n");
            Network b = Networks.plan("name: bb\nenvironment: staging\n");
            Network c = Networks.plan("name: cc\nenvironment: dev\n");
            Network aToC = peer(peer(a, "app-a", "10.1.0.0/16", "pcx-ab"), "app-a", "10.2.0.0/16", "pcx-ab");
            Network bBoth = peer(peer(b, "app-a", "10.0.0.0/16", "pcx-ab"), "app-a", "10.2.0.0/16", "pcx-bc");
            Network cToB = peer(c, "app-a", "10.1.0.0/16", "pcx-bc");
            assertThat(run("SW013", aToC, bBoth, cToB))
                    .singleElement()
                    .satisfies(f -> assertThat(f.message())
                            .contains(
                                    "sends 10.2.0.0/16 through peering pcx-ab",
                                    "bb-staging (10.1.0.0/16) does not hold it"));
            assertThat(run("SW013", bBoth, aToC, cToB))
                    .as("b's routes end in the VPCs they peer with")
                    .isEmpty();
            assertThat(run("SW013", aToC))
                    .as("the other end is not in the input")
                    .isEmpty();
            assertThat(run("SW013", aToC, bBoth, cToB).getFirst().fix())
                    .startsWith("peer directly with the VPC that holds 10.2.0.0/16");
        }

        /** A default route to a peering connection: the fix is a way to the internet, not a peering with it. */
        @Test
        void transitivePeering_ofTheInternet_pointsAtAWayOut() {
            Network a = Networks.plan("name: aa\nenvironment: prod\n");
            Network b = Networks.plan("name: bb\nenvironment: staging\n");
            Network aOut = peer(peer(a, "app-a", "10.1.0.0/16", "pcx-ab"), "app-a", "0.0.0.0/0", "pcx-ab");
            Network bBack = peer(b, "app-a", "10.0.0.0/16", "pcx-ab");
            assertThat(run("SW013", aOut, bBack))
                    .singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("sends 0.0.0.0/0 through peering pcx-ab"))
                    .satisfies(f -> assertThat(f.fix())
                            .isEqualTo("send internet-bound traffic to this VPC's own internet gateway or NAT, or"
                                    + " through a transit gateway to a central egress VPC, and only bb-staging's"
                                    + " 10.1.0.0/16 to pcx-ab"));
        }

        @Test
        void defaultGroupWithRules_fires_andAnEmptyOneDoesNot() {
            Network planned = Networks.plan("name: shop\n");
            // A planned network has the default group, with its rules revoked by the network stack: nothing to report.
            assertThat(planned.securityGroup(SecurityGroup.VPC_DEFAULT)).hasValueSatisfying(g -> {
                assertThat(g.ingress()).isEmpty();
                assertThat(g.egress()).isEmpty();
            });
            assertThat(run("SW014", planned)).isEmpty();
            Network n = Networks.withGroups(
                    planned,
                    planned.securityGroups().stream()
                            .filter(g -> !g.isVpcDefault())
                            .toList());
            SecurityGroup empty = new SecurityGroup(
                    "default", SecurityGroup.Role.APP, "default VPC security group", List.of(), List.of());
            Network quiet = Networks.withGroups(n, append(n.securityGroups(), empty));
            assertThat(run("SW014", quiet)).isEmpty();
            SecurityGroup open = new SecurityGroup(
                    "default",
                    SecurityGroup.Role.APP,
                    "default VPC security group",
                    List.of(SecurityGroupRule.all(new Peer.Group("default"), "")),
                    List.of(SecurityGroupRule.all(new Peer.Block(Cidr.ANYWHERE), "")));
            assertThat(run("SW014", Networks.withGroups(n, append(n.securityGroups(), open))))
                    .singleElement()
                    .satisfies(f -> assertThat(f.message()).contains("1 inbound and 1 outbound rules"));
        }
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }
    /**
     * "The security groups associated with an instance must allow traffic from the load balancer using the health check
     * port and health check protocol" (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-troubleshooting.html):
     * a target that fails its health checks gets no requests while another target is healthy.
     */
    @Nested
    class HealthCheckBlocked {
        /** An ALB forwarding to an instance on 8080, with the given HealthCheckPort line and the instance's ports. */
        private Network imported(String health, String ports) {
            String yaml = """
                    Resources:
                      Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.9.0.0/16}}
                      PublicA: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.9.0.0/24}}
                      AppA: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.9.2.0/24}}
                      LbGroup: {Type: AWS::EC2::SecurityGroup, Properties: {GroupDescription: lb, VpcId: !Ref Vpc}}
                      WebGroup:
                        Type: AWS::EC2::SecurityGroup
                        Properties:
                          GroupDescription: from the load balancer
                          VpcId: !Ref Vpc
                          SecurityGroupIngress: [{IpProtocol: tcp, %s, SourceSecurityGroupId: !Ref LbGroup}]
                      Web: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref AppA, SecurityGroupIds: [!Ref WebGroup], ImageId: ami-12345678}}
                      Lb: {Type: AWS::ElasticLoadBalancingV2::LoadBalancer, Properties: {Scheme: internal, Subnets: [!Ref PublicA], SecurityGroups: [!Ref LbGroup]}}
                      Tg:
                        Type: AWS::ElasticLoadBalancingV2::TargetGroup
                        Properties: {VpcId: !Ref Vpc, Port: 8080, Protocol: HTTP, TargetType: instance, Targets: [{Id: !Ref Web}]%s}
                      Http: {Type: AWS::ElasticLoadBalancingV2::Listener, Properties: {LoadBalancerArn: !Ref Lb, Port: 80, Protocol: HTTP, DefaultActions: [{Type: forward, TargetGroupArn: !Ref Tg}]}}
                    """.formatted(ports, health);
            return dev.stackwright.importer.cfn.TemplateImporter.read(
                            "t.yaml", yaml, dev.stackwright.importer.cfn.TemplateImporter.Options.defaults())
                    .networks()
                    .getFirst();
        }

        @Test
        void fires_whenTheTargetsGroupDoesNotAdmitTheHealthCheckPort() {
            assertThat(run("SW016", imported(", HealthCheckPort: '8081'", "FromPort: 8080, ToPort: 8080")))
                    .singleElement()
                    .satisfies(f -> {
                        assertThat(f.severity()).isEqualTo(Severity.WARNING);
                        assertThat(f.resource()).isEqualTo("target group Tg");
                        assertThat(f.message())
                                .startsWith("Web cannot be health-checked by load balancer Lb on tcp 8081 (the health"
                                        + " check port of target group Tg): security group WebGroup has no ingress rule"
                                        + " for tcp 8081")
                                .endsWith("gets no requests while another target of the group is healthy");
                        assertThat(f.fix()).contains("`stackwright why Lb Web 8081` shows the path");
                    });
        }

        @Test
        void fires_onTheTrafficPortToo_whenThatIsWhereTheChecksGo() {
            assertThat(run("SW016", imported("", "FromPort: 9000, ToPort: 9000")))
                    .extracting(Finding::message)
                    .singleElement()
                    .asString()
                    .contains("on tcp 8080 (the health check port of target group Tg)");
        }

        @Test
        void isQuiet_whenTheTargetAdmitsTheLoadBalancerOnTheHealthCheckPort() {
            assertThat(run("SW016", imported(", HealthCheckPort: '8081'", "FromPort: 8080, ToPort: 8081")))
                    .isEmpty();
            assertThat(run("SW016", imported(", HealthCheckPort: traffic-port", "FromPort: 8080, ToPort: 8080")))
                    .isEmpty();
            assertThat(run("SW016", PROD)).isEmpty();
        }
    }
}
