package dev.stackwright.importer.cfn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.analysis.Analysis;
import dev.stackwright.analysis.CheckReport;
import dev.stackwright.analysis.policy.Policy;
import dev.stackwright.analysis.reach.Answer;
import dev.stackwright.analysis.reach.Names;
import dev.stackwright.analysis.reach.Reachability;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.importer.Imported;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.Network;
import dev.stackwright.model.RouteTarget;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.Tier;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TemplateImporterTest {
    static final Path SHORT_FORMS = Path.of("src/test/resources/import/cfn/short-forms.yaml");
    static final Path TWO_VPCS = Path.of("src/test/resources/import/cfn/two-vpcs.json");

    private static Imported read(Path file) {
        return TemplateImporter.read(file, new TemplateImporter.Options("eu-west-1", Map.of(), Map.of()));
    }

    private static Imported text(String yaml) {
        return TemplateImporter.read("t.yaml", yaml, TemplateImporter.Options.defaults());
    }

    @Test
    void yamlShortForms_cidrGetAzsSelectSubAndJoin_resolve() {
        Network n = read(SHORT_FORMS).networks().getFirst();
        assertThat(n.vpc().cidr()).isEqualTo(Cidr.parse("10.20.0.0/16"));
        assertThat(n.subnet("PublicA").orElseThrow().cidr()).isEqualTo(Cidr.parse("10.20.0.0/24"));
        assertThat(n.subnet("PublicB").orElseThrow().cidr()).isEqualTo(Cidr.parse("10.20.1.0/24"));
        assertThat(n.subnet("PublicB").orElseThrow().az().index()).isEqualTo(1);
        assertThat(n.subnet("AppA").orElseThrow().cidr()).isEqualTo(Cidr.parse("10.20.2.0/24"));
        assertThat(n.subnet("DataA").orElseThrow().cidr()).isEqualTo(Cidr.parse("10.20.3.0/24"));
        assertThat(n.region()).isEqualTo("eu-west-1");
    }

    @Test
    void tiers_comeFromRoutes_publicNatAndNeither() {
        Network n = read(SHORT_FORMS).networks().getFirst();
        assertThat(n.subnet("PublicA").orElseThrow().tier()).isEqualTo(Tier.PUBLIC);
        assertThat(n.subnet("AppA").orElseThrow().tier()).isEqualTo(Tier.APP);
        // No association: the implicit main route table, which has only the local route.
        assertThat(n.subnet("DataA").orElseThrow().tier()).isEqualTo(Tier.DATA);
        assertThat(n.routeTableOf("DataA").orElseThrow().name()).isEqualTo("main");
        assertThat(n.routeTableOf("AppA").orElseThrow().routes())
                .extracting(r -> r.target())
                .contains(
                        new RouteTarget.NatGateway("Nat"),
                        new RouteTarget.Peering("pcx-0123456789abcdef0"),
                        new RouteTarget.Local());
    }

    @Test
    void roles_areInferredFromWhatUsesEachGroup() {
        Network n = read(SHORT_FORMS).networks().getFirst();
        assertThat(n.securityGroup("LbSg").orElseThrow().role()).isEqualTo(SecurityGroup.Role.FRONT_DOOR);
        assertThat(n.securityGroup("AppSg").orElseThrow().role()).isEqualTo(SecurityGroup.Role.APP);
        assertThat(n.securityGroup("DbSg").orElseThrow().role()).isEqualTo(SecurityGroup.Role.DATABASE);
        // The "matches nothing" egress rule removes the default; a group without egress rules gets allow-all.
        assertThat(n.securityGroup("DbSg").orElseThrow().egress()).isEmpty();
        assertThat(n.securityGroup("AppSg").orElseThrow().egress()).hasSize(1);
        assertThat(n.servicePort()).isEqualTo(8080);
        assertThat(n.databasePort()).isEqualTo(5432);
        assertThat(n.flowLogs().orElseThrow().retentionDays()).isEqualTo(90);
    }

    @Test
    void conditions_decideWhichResourcesExist() {
        Network n = read(SHORT_FORMS).networks().getFirst();
        // WantsBastion is true (Env defaults to prod): the instance exists, and its public IP and name make it a
        // bastion.
        assertThat(n.attachments())
                .extracting(Attachment::name)
                .contains("Bastion")
                .doesNotContain("DevOnly");
        assertThat(n.attachments().stream()
                        .filter(a -> a.name().equals("Bastion"))
                        .findFirst()
                        .orElseThrow()
                        .kind())
                .isEqualTo(Attachment.Kind.BASTION);
    }

    @Test
    void anUnnamedJumpHost_isABastion_evenWithOtherRules_butAPublicWebServerIsNot() {
        String template = """
                Resources:
                  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
                  Igw: {Type: AWS::EC2::InternetGateway}
                  Attach: {Type: AWS::EC2::VPCGatewayAttachment, Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}}
                  Public: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24, MapPublicIpOnLaunch: true}}
                  Private: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}}
                  PublicRt: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref Vpc}}
                  ToIgw: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref PublicRt, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw}}
                  PublicAssoc: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref Public, RouteTableId: !Ref PublicRt}}
                  JumpSg:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: ops
                      VpcId: !Ref Vpc
                      SecurityGroupIngress:
                        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 203.0.113.0/24}
                        - {IpProtocol: udp, FromPort: 51820, ToPort: 51820, CidrIp: 0.0.0.0/0}
                  WebSg:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: web
                      VpcId: !Ref Vpc
                      SecurityGroupIngress:
                        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
                        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 203.0.113.0/24}
                  WorkerSg:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: workers
                      VpcId: !Ref Vpc
                      SecurityGroupIngress:
                        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, SourceSecurityGroupId: !Ref JumpSg}
                        - {IpProtocol: tcp, FromPort: 8080, ToPort: 8080, SourceSecurityGroupId: !Ref WebSg}
                  Ops: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref Public, SecurityGroupIds: [!Ref JumpSg]}}
                  Web: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref Public, SecurityGroupIds: [!Ref WebSg]}}
                  Worker: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref Private, SecurityGroupIds: [!Ref WorkerSg]}}
                """;
        Network n = text(template).networks().getFirst();
        // Ops admits more than SSH from outside, but the workers admit SSH from it: a jump host.
        assertThat(kind(n, "Ops")).isEqualTo(Attachment.Kind.BASTION);
        // Web also takes SSH from the office, but nothing admits SSH from it: a workload in a public subnet.
        assertThat(kind(n, "Web")).isEqualTo(Attachment.Kind.INSTANCE);
        assertThat(kind(n, "Worker")).isEqualTo(Attachment.Kind.INSTANCE);
    }

    @Test
    void whatAwsWouldRefuse_isReadAndSaid_atItsPlace() {
        Imported imported = text("""
                Resources:
                  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/15}}
                  Web:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: web
                      VpcId: !Ref Vpc
                      SecurityGroupIngress:
                        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
                        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
                        - {IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0}
                """);
        List<String> lines =
                imported.findings().stream().map(Diagnostic::format).toList();
        assertThat(lines)
                .anySatisfy(l -> assertThat(l)
                        .startsWith("t.yaml:2:")
                        .contains("has a block larger than AWS allows", "(got `10.0.0.0/15`)"));
        assertThat(lines)
                .filteredOn(l -> l.contains("lists the same ingress rule twice"))
                .singleElement()
                .asString()
                .startsWith("t.yaml:10:")
                .contains("security group Web", "tcp 443 0.0.0.0/0", "InvalidPermission.Duplicate");
        // Still read: the analysis holds for what is written.
        assertThat(imported.networks().getFirst().vpc().cidr().toString()).isEqualTo("10.0.0.0/15");
    }

    private static Attachment.Kind kind(Network n, String name) {
        return n.attachments().stream()
                .filter(a -> a.name().equals(name))
                .findFirst()
                .orElseThrow()
                .kind();
    }

    @Test
    void unresolvedValues_areFindingsWithTheirPlace_andTheRestIsAnalysed() {
        Imported imported = read(SHORT_FORMS);
        List<String> lines =
                imported.findings().stream().map(Diagnostic::format).toList();
        // Fn::ImportValue not given: the subnet is left out, said where.
        assertThat(lines)
                .anySatisfy(l -> assertThat(l)
                        .startsWith(SHORT_FORMS + ":57:")
                        .contains(
                                "Resources.Mystery.Properties.CidrBlock",
                                "Fn::ImportValue shared-subnet-cidr",
                                "subnet Mystery is left out"));
        // A parameter with no default: the rule is left out; the condition on it leaves DevOnly out.
        assertThat(lines)
                .anySatisfy(l -> assertThat(l)
                        .contains("Resources.OfficeSsh.Properties.CidrIp", "parameter OfficeCidr has no default"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("Resources.DevOnly.Condition", "NeedsOffice"));
        assertThat(imported.findings()).allMatch(d -> !d.isError());
        Network n = imported.networks().getFirst();
        assertThat(n.subnet("Mystery")).isEmpty();
        assertThat(n.subnets()).hasSize(4);

        CheckReport report = Analysis.check(n, java.util.Optional.empty(), OptionalInt.empty(), Policy.defaults());
        assertThat(report.exposure().fromInternet())
                .extracting(i -> i.attachment().name())
                .contains("Alb-PublicA", "Alb-PublicB");
    }

    @Test
    void parametersGiven_overrideDefaults_andImportValuesResolve() {
        Imported imported = TemplateImporter.read(
                SHORT_FORMS,
                new TemplateImporter.Options(
                        "eu-west-1",
                        Map.of("VpcCidr", "10.30.0.0/16", "OfficeCidr", "203.0.113.0/24"),
                        Map.of("shared-subnet-cidr", "10.30.9.0/24")));
        Network n = imported.networks().getFirst();
        assertThat(n.subnet("PublicA").orElseThrow().cidr()).isEqualTo(Cidr.parse("10.30.0.0/24"));
        assertThat(n.subnet("Mystery").orElseThrow().cidr()).isEqualTo(Cidr.parse("10.30.9.0/24"));
        assertThat(n.attachments()).extracting(Attachment::name).contains("DevOnly");
        // Nothing left unresolved; the bastion sharing the load balancer's group is still worth saying, and so is
        // DevOnly, which names no group and so gets the VPC's default one.
        assertThat(imported.findings())
                .extracting(Diagnostic::code)
                .containsExactly("mixed-roles", "default-group-assumed");
        assertThat(n.attachments().stream()
                        .filter(a -> a.name().equals("DevOnly"))
                        .findFirst()
                        .orElseThrow()
                        .securityGroupNames())
                .containsExactly("default");
    }

    @Test
    void twoVpcs_giveTwoNetworks_andADanglingNatIsAFinding() {
        Imported imported = read(TWO_VPCS);
        assertThat(imported.networks()).extracting(Network::stackName).containsExactly("Blue", "Green");
        Network green = imported.networks().get(1);
        assertThat(green.vpc().cidr()).isEqualTo(Cidr.parse("10.2.0.0/16"));
        assertThat(green.subnet("GreenSubnet").orElseThrow().az().index()).isEqualTo(1);
        assertThat(green.routeTableOf("GreenSubnet").orElseThrow().routes())
                .extracting(r -> r.target())
                .contains(new RouteTarget.TransitGateway("tgw-0abc"));
        assertThat(imported.findings())
                .anySatisfy(d -> assertThat(d.format())
                        .contains("Resources.GreenToNowhere.Properties.NatGatewayId", "GhostNat"));
        // Blue's Lambda makes its group an app group; the instance shares it.
        assertThat(imported.networks()
                        .getFirst()
                        .securityGroup("BlueSg")
                        .orElseThrow()
                        .role())
                .isEqualTo(SecurityGroup.Role.APP);
    }

    @Test
    void notATemplate_isAnErrorWithItsPlace() {
        Imported imported = text("name: shop\nnetwork:\n  nat: none\n");
        assertThat(imported.networks()).isEmpty();
        assertThat(imported.findings()).singleElement().satisfies(d -> {
            assertThat(d.isError()).isTrue();
            assertThat(d.format())
                    .startsWith("t.yaml:1:1: ")
                    .contains("not a CloudFormation template", "name, network");
        });
    }

    @Test
    void anEmptyResourcesSection_isNamedAsSuch() {
        Imported imported = text("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n");
        assertThat(imported.findings())
                .singleElement()
                .satisfies(
                        d -> assertThat(d.format())
                                .contains(
                                        "Resources: this is not a CloudFormation template: its Resources section is empty or not a mapping"));
    }

    @Test
    void malformedYaml_isAnErrorWithLineAndColumn() {
        Imported imported = text("Resources:\n  Vpc:\n    Type: [unclosed\n");
        assertThat(imported.findings())
                .singleElement()
                .satisfies(d -> assertThat(d.format()).matches("t\\.yaml:\\d+:\\d+: this is not valid YAML.*"));
    }

    @Test
    void unknownIntrinsic_andUnevaluableIf_areReported_notGuessed() {
        Imported imported = text("""
                Parameters:
                  Mode: {Type: String}
                Conditions:
                  Big: !Equals [!Ref Mode, big]
                Resources:
                  Vpc:
                    Type: AWS::EC2::VPC
                    Properties:
                      CidrBlock: !If [Big, 10.0.0.0/16, 10.0.0.0/20]
                  Other:
                    Type: AWS::EC2::VPC
                    Properties:
                      CidrBlock: !Transform {Name: x}
                """);
        assertThat(imported.networks()).isEmpty();
        assertThat(imported.findings())
                .extracting(Diagnostic::format)
                .anySatisfy(l -> assertThat(l)
                        .contains("Resources.Vpc.Properties.CidrBlock", "condition Big cannot be evaluated"))
                .anySatisfy(l -> assertThat(l)
                        .contains("Resources.Other.Properties.CidrBlock", "Fn::Transform is not evaluated"))
                .anySatisfy(l -> assertThat(l)
                        .contains(
                                "Resources.Vpc: the template declares VPCs Vpc, Other, but none could be imported",
                                "so there is no network to analyse"));
    }

    @Test
    void whyOverAnImportedNetwork_followsTheTemplatesRules() {
        Network n = read(SHORT_FORMS).networks().getFirst();
        Reachability reach = new Reachability(n);
        Names names = new Names(n, reach.space());
        Answer lbToApp = reach.evaluate(new dev.stackwright.analysis.reach.Flow(
                names.source("Alb-PublicA").locations().getFirst(),
                names.destination("Service").locations().getFirst(),
                dev.stackwright.model.Protocol.TCP,
                dev.stackwright.model.PortRange.of(8080)));
        assertThat(lbToApp.reachable()).isTrue();
        Answer appToDbWrongPort = reach.evaluate(new dev.stackwright.analysis.reach.Flow(
                names.source("Service").locations().getFirst(),
                names.destination("Db").locations().getFirst(),
                dev.stackwright.model.Protocol.TCP,
                dev.stackwright.model.PortRange.of(3306)));
        assertThat(appToDbWrongPort.reachable()).isFalse();
    }
}
