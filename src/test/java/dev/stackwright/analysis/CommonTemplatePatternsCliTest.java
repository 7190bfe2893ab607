package dev.stackwright.analysis;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.cli.CliTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Patterns that published CloudFormation samples use and that Stackwright's own templates never write: each test is a
 * minimal template of ours that reproduces one, with the answer AWS gives.
 */
class CommonTemplatePatternsCliTest {
    @TempDir
    Path dir;

    /** A public subnet and a private one, with an internet gateway; resources are added per test. */
    static final String VPC = """
            Resources:
              Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.20.0.0/16}}
              Igw: {Type: AWS::EC2::InternetGateway}
              IgwAttach: {Type: AWS::EC2::VPCGatewayAttachment, Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}}
              PublicA: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.20.0.0/24, AvailabilityZone: us-east-1a, MapPublicIpOnLaunch: true}}
              PublicB: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.20.1.0/24, AvailabilityZone: us-east-1b, MapPublicIpOnLaunch: true}}
              Public: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref Vpc}}
              Out: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref Public, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw}}
              AssocA: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref PublicA, RouteTableId: !Ref Public}}
              AssocB: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref PublicB, RouteTableId: !Ref Public}}
            """;

    /** check suggests this why command, and pasted as it is it runs and answers Reachable. */
    private static void assertPastedWhyReaches(CliTest.Run check, String suggested) {
        assertThat(check.out()).contains("`" + suggested + "`");
        CliTest.Run pasted = run(suggested.substring("stackwright ".length()).split(" "));
        assertThat(pasted.code()).as(pasted.err()).isZero();
        assertThat(pasted.out()).endsWith("Reachable.\n");
    }

    private Path template(String text) throws IOException {
        Path file = dir.resolve("stack.yaml");
        Files.writeString(file, text);
        return file;
    }

    /**
     * An instance launched without a security group gets its VPC's default group: "If you don't specify a security
     * group when you launch an instance, the instance is launched into the appropriate default security group. A
     * default security group includes a default rule that grants instances unrestricted network access to each
     * other." (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html). So the internet
     * does not reach it, though it has a public IP, and its members reach each other on any port.
     */
    @Test
    void anInstanceWithoutSecurityGroups_hasTheDefaultGroup_notNoFilterAtAll() throws IOException {
        Path t = template(VPC + """
                  Web:
                    Type: AWS::EC2::Instance
                    Properties: {ImageId: ami-12345678, SubnetId: !Ref PublicA}
                  Worker:
                    Type: AWS::EC2::Instance
                    Properties:
                      ImageId: ami-12345678
                      NetworkInterfaces: [{DeviceIndex: "0", SubnetId: !Ref PublicB, AssociatePublicIpAddress: true}]
                """);
        CliTest.Run fromInternet = run("why", "internet", "Web", "22", "--template", t.toString());
        assertThat(fromInternet.code())
                .as(fromInternet.out() + fromInternet.err())
                .isZero();
        assertThat(fromInternet.out())
                .containsPattern("public IP of Web +Web has a public IP address")
                .contains("BLOCKED sg-ingress-denied: security group default allows tcp 22 only from sg default")
                .doesNotContain("the input gives it none")
                .endsWith("Blocked.\n");
        assertThat(fromInternet.err())
                .contains("stack.yaml:12:5: warning: Resources.Web: instance Web has no security group, so AWS gives"
                        + " it the VPC's default group, which the input does not have")
                .contains("stack.yaml:15:5: warning: Resources.Worker: instance Worker has no security group");
        assertThat(run("why", "Web", "Worker", "5432", "--template", t.toString())
                        .out())
                .as("members of the default group reach each other")
                .contains("default: in all traffic from sg default")
                .endsWith("Reachable.\n");
        assertThat(run("check", "--template", t.toString()).out())
                .as("nothing is open to the internet")
                .containsPattern("Reachable from the internet\n  nothing\n");
    }

    /**
     * An ECS task in awsvpc mode without groups gets the default group too: "If you don't specify a security group,
     * the default security group for the VPC is used"
     * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ecs-service-awsvpcconfiguration.html).
     * One whose group could not be resolved is not given it: the input names a group, just not one it holds.
     */
    @Test
    void aTaskWithoutSecurityGroups_hasTheDefaultGroup_butOneWithAnUnresolvedGroupDoesNot() throws IOException {
        Path t = template(VPC + """
                  Service:
                    Type: AWS::ECS::Service
                    Properties:
                      NetworkConfiguration:
                        AwsvpcConfiguration: {Subnets: [!Ref PublicA], AssignPublicIp: ENABLED}
                  Imported:
                    Type: AWS::ECS::Service
                    Properties:
                      NetworkConfiguration:
                        AwsvpcConfiguration: {Subnets: [!Ref PublicB], SecurityGroups: [!ImportValue shared-group]}
                """);
        CliTest.Run out = run("why", "internet", "Service", "8080", "--template", t.toString());
        assertThat(out.out())
                .contains("BLOCKED sg-ingress-denied: security group default allows tcp 8080 only from sg default")
                .endsWith("Blocked.\n");
        assertThat(out.err())
                .contains("warning: Resources.Service: ECS service Service has no security group, so AWS gives it the"
                        + " VPC's default group")
                .doesNotContain("ECS service Imported has no security group");
    }

    /**
     * An ECS service on EC2 in bridge mode (no AwsvpcConfiguration) registers its cluster's container instances in its
     * target group, on the host port each task gets: "If you are using containers in a task with the bridge network
     * mode and you specify a container port and not a host port, your container automatically receives a host port in
     * the ephemeral port range"
     * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/networking-networkmode-bridge.html). Which
     * instances and ports those are is not in the template: the load balancer's flows to the instances are cannot
     * tell, never "only on the group's port".
     */
    @Test
    void aBridgeModeService_leavesItsTargetGroupsTargetsAndPorts_cannotTell() throws IOException {
        Path t = template(VPC + """
                  LbGroup:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: web
                      VpcId: !Ref Vpc
                      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0}]
                  HostGroup:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: container instances
                      VpcId: !Ref Vpc
                      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 32768, ToPort: 65535, SourceSecurityGroupId: !Ref LbGroup}]
                  Lb:
                    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                    Properties: {Subnets: [!Ref PublicA, !Ref PublicB], SecurityGroups: [!Ref LbGroup]}
                  Web:
                    Type: AWS::ElasticLoadBalancingV2::TargetGroup
                    Properties: {VpcId: !Ref Vpc, Port: 80, Protocol: HTTP}
                  Http:
                    Type: AWS::ElasticLoadBalancingV2::Listener
                    Properties:
                      LoadBalancerArn: !Ref Lb
                      Port: 80
                      Protocol: HTTP
                      DefaultActions: [{Type: forward, TargetGroupArn: !Ref Web}]
                  Hosts:
                    Type: AWS::EC2::Instance
                    Properties: {ImageId: ami-12345678, SubnetId: !Ref PublicA, SecurityGroupIds: [!Ref HostGroup]}
                  Service:
                    Type: AWS::ECS::Service
                    Properties:
                      LoadBalancers: [{TargetGroupArn: !Ref Web, ContainerName: web, ContainerPort: 80}]
                """);
        CliTest.Run out = run("why", "Lb-PublicA", "Hosts", "40000", "--template", t.toString());
        assertThat(out.code()).as(out.out() + out.err()).isEqualTo(3);
        assertThat(out.out())
                .contains("CANNOT TELL: the targets of target group Web not modelled")
                .doesNotContain("no-target-group", "not-a-target");
        assertThat(out.err())
                .contains("stack.yaml:42:40: warning: Resources.Service.Properties.LoadBalancers[0].TargetGroupArn: ECS"
                        + " service Service does not use the awsvpc network mode, so ECS registers the container"
                        + " instances of its cluster in target group Web, on the host ports its tasks get");
    }

    /**
     * A resource in a group of another stack (an ID written in, a parameter of type AWS::EC2::SecurityGroup::Id, an
     * import value) is filtered by rules the template does not hold. "When you associate multiple security groups
     * with a resource, the rules from each security group are effectively aggregated to create one set of rules"
     * (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html): what the known groups admit is
     * admitted, and the rest is cannot tell, neither blocked (as an empty group) nor admitted (as no group).
     */
    @Test
    void aGroupTheTemplateDoesNotHold_isCannotTell_neitherAnEmptyGroupNorNoGroup() throws IOException {
        Path t = template(VPC + """
                  Mine:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: ssh from the VPC
                      VpcId: !Ref Vpc
                      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 10.20.0.0/16}]
                  Client:
                    Type: AWS::EC2::Instance
                    Properties: {ImageId: ami-12345678, SubnetId: !Ref PublicA, SecurityGroupIds: [!Ref Mine]}
                  Written:
                    Type: AWS::EC2::Instance
                    Properties: {ImageId: ami-12345678, SubnetId: !Ref PublicB, SecurityGroupIds: [sg-0123456789abcdef0]}
                  Imported:
                    Type: AWS::EC2::Instance
                    Properties:
                      ImageId: ami-12345678
                      SubnetId: !Ref PublicB
                      SecurityGroupIds: [!Ref Mine, !ImportValue shared-group]
                """);
        CliTest.Run written = run("why", "Client", "Written", "5432", "--template", t.toString());
        assertThat(written.code()).as(written.out() + written.err()).isEqualTo(3);
        assertThat(written.out())
                .contains("CANNOT TELL: the rules of security group sg-0123456789abcdef0 not modelled")
                .doesNotContain("sg-ingress-denied");
        assertThat(written.err())
                .contains("warning: Resources.Written: Written refers to security group sg-0123456789abcdef0, which is"
                        + " not in the input; its rules are not known, so what it decides is cannot tell");

        CliTest.Run imported = run("why", "Client", "Imported", "5432", "--template", t.toString());
        assertThat(imported.code()).as(imported.out() + imported.err()).isEqualTo(3);
        assertThat(imported.out())
                .contains(
                        "CANNOT TELL: the rules of security group Imported.SecurityGroupIds (unresolved) not modelled")
                .doesNotContain("the input gives it none");
        assertThat(imported.err())
                .contains("warning: Resources.Imported.Properties.SecurityGroupIds[1]: could not be resolved:"
                        + " Fn::ImportValue shared-group comes from another stack and was not given; the group stands"
                        + " as one whose rules are not known");
        assertThat(run("why", "Client", "Imported", "22", "--template", t.toString())
                        .out())
                .as("what a known group admits is admitted, whatever the other's rules")
                .contains("Mine: in tcp 22 from 10.20.0.0/16")
                .endsWith("Reachable.\n");
    }

    /** A VPC whose block is a parameter with no default, as reusable network templates write it. */
    static final String PARAMETER_VPC = """
            Parameters:
              VpcCidr: {Type: String}
            Resources:
              Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: !Ref VpcCidr}}
              Igw: {Type: AWS::EC2::InternetGateway}
              IgwAttach: {Type: AWS::EC2::VPCGatewayAttachment, Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}}
              PublicA: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: !Select [0, !Cidr [!GetAtt Vpc.CidrBlock, 2, 8]], MapPublicIpOnLaunch: true}}
              Public: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref Vpc}}
              Out: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref Public, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw}}
              AssocA: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref PublicA, RouteTableId: !Ref Public}}
              Open:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: web
                  VpcId: !Ref Vpc
                  SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: 0.0.0.0/0}]
              Box:
                Type: AWS::EC2::Instance
                Properties: {ImageId: ami-12345678, SubnetId: !Ref PublicA, SecurityGroupIds: [!Ref Open]}
            """;

    /**
     * The VPC is declared, but its block is a parameter without a value: the error says so at the VPC and names the
     * option that gives it, not "the template declares no VPC".
     */
    @Test
    void aVpcLeftOutForWantOfAParameter_isSaidSo_notCalledMissing() throws IOException {
        Path t = template(PARAMETER_VPC);
        CliTest.Run out = run("check", "--template", t.toString());
        assertThat(out.code()).isEqualTo(1);
        assertThat(out.err())
                .contains("stack.yaml:4:8: Resources.Vpc: the template declares VPC Vpc, but none could be imported"
                        + " (see the warnings), so there is no network to analyse. Fix: give the values the warnings"
                        + " name, e.g. --parameter NAME=VALUE")
                .contains("Resources.Vpc.Properties.CidrBlock: could not be resolved: parameter VpcCidr has no default"
                        + " and was not given; VPC Vpc is left out. Fix: give it a value: --parameter VpcCidr=VALUE.")
                .doesNotContain("declares no AWS::EC2::VPC");
    }

    /** The why command check suggests repeats the parameters it was given, so it works when pasted. */
    @Test
    void theSuggestedWhyCommand_carriesTheParameters_andWorksAsPasted() throws IOException {
        Path t = template(PARAMETER_VPC);
        CliTest.Run out = run("check", "--template", t.toString(), "--parameter", "VpcCidr=10.40.0.0/16");
        String suggested = "stackwright why internet Box 8080 --template " + t + " --parameter VpcCidr=10.40.0.0/16";
        assertPastedWhyReaches(out, suggested);
    }

    /**
     * A load balancer's group that admits all traffic from anywhere (AWS's own ECS samples write it so) opens no
     * database or SSH port: only the listeners take connections, "A listener is a process that checks for connection
     * requests, using the protocol and port that you configure"
     * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html). SW006 stays
     * quiet about it, and speaks again as soon as anything else shares the group.
     */
    @Test
    void sw006_isQuietAboutAnAllowAllGroupOnlyListeningLoadBalancersUse() throws IOException {
        String alb = VPC + """
                  LbGroup:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: everything in
                      VpcId: !Ref Vpc
                      SecurityGroupIngress: [{IpProtocol: "-1", CidrIp: 0.0.0.0/0}]
                  Lb:
                    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                    Properties: {Subnets: [!Ref PublicA, !Ref PublicB], SecurityGroups: [!Ref LbGroup]}
                  Web:
                    Type: AWS::ElasticLoadBalancingV2::TargetGroup
                    Properties: {VpcId: !Ref Vpc, Port: 80, Protocol: HTTP, TargetType: ip}
                  Http:
                    Type: AWS::ElasticLoadBalancingV2::Listener
                    Properties:
                      LoadBalancerArn: !Ref Lb
                      Port: 80
                      Protocol: HTTP
                      DefaultActions: [{Type: forward, TargetGroupArn: !Ref Web}]
                """;
        assertThat(run("check", "--template", template(alb).toString()).out()).doesNotContain("SW006");
        String shared = alb + """
                  Box:
                    Type: AWS::EC2::Instance
                    Properties: {ImageId: ami-12345678, SubnetId: !Ref PublicA, SecurityGroupIds: [!Ref LbGroup]}
                """;
        assertThat(run("check", "--template", template(shared).toString()).out())
                .contains("SW006 error  security group LbGroup: security group LbGroup admits SSH (22)");
    }

    /** A value for a parameter the template does not declare (a typo, say) is said, not silently ignored. */
    @Test
    void aParameterTheTemplateDoesNotDeclare_isSaid() throws IOException {
        Path t = template(PARAMETER_VPC);
        CliTest.Run out = run(
                "check", "--template", t.toString(), "--parameter", "VpcCidr=10.40.0.0/16", "--parameter", "VpcCIDR=x");
        assertThat(out.out())
                .as("check lists the import's findings above its report")
                .contains("stack.yaml:2:3: warning: Parameters: a value was given for parameter VpcCIDR, which the"
                        + " template does not declare; it is ignored (got VpcCIDR). Fix: use one of: VpcCidr.")
                .doesNotContain("parameter VpcCidr,");
    }
    /**
     * A resource indented one level too little is a top-level key CloudFormation refuses ("The Resources section is the
     * only required section", and the sections are a fixed list:
     * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html). It was ignored without a
     * word; now it is a located warning that says how to fix it, and a misspelt section gets the closest name.
     */
    @Test
    void aKeyThatIsNoSectionOfATemplate_isSaid_withTheFix() throws IOException {
        Path t = template(VPC + """
                Web:
                  Type: AWS::EC2::Instance
                  Properties: {ImageId: ami-12345678, SubnetId: !Ref PublicA}
                Output:
                  Id: {Value: !Ref Vpc}
                """);
        CliTest.Run r = run("check", "--template", t.toString());
        assertThat(r.code()).as(r.out() + r.err()).isNotEqualTo(70);
        assertThat(r.out() + r.err())
                .contains(
                        "stack.yaml:12:3: warning: Web: `Web` is not a section of a CloudFormation template, so"
                                + " CloudFormation refuses the template; the analysis ignores it. Fix: indent it under"
                                + " Resources: it has a Type, so it is a resource written one level too high",
                        "stack.yaml:15:3: warning: Output: `Output` is not a section",
                        "did you mean `Outputs`?")
                .doesNotContain("Exception");
        assertThat(run("check", "--template", template(VPC).toString()).err())
                .as("a template of known sections only")
                .doesNotContain("unknown-section", "is not a section");
    }

    /**
     * Many samples give an internet-facing load balancer and its targets one security group. The group is analysed as
     * app (the most guarded of its roles), but the load balancer in it is still the front door: the internet reaching
     * its listener is what the built-in policy allows, not a violation. What the shared group does open is still
     * told: its 0.0.0.0/0 rule admits the targets from each other ("the source can be ... a range of IPv4 addresses
     * in CIDR notation", https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html), which the
     * policy does not allow between app resources. A database sharing its group stays the database.
     */
    @Test
    void aLoadBalancerSharingItsTargetsGroup_isStillTheFrontDoor() throws IOException {
        Path t = template(VPC + """
                  PrivateA: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.20.2.0/24, AvailabilityZone: us-east-1a}}
                  PrivateB: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.20.3.0/24, AvailabilityZone: us-east-1b}}
                  WebGroup:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: web
                      VpcId: !Ref Vpc
                      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0}]
                  Lb:
                    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                    Properties: {Subnets: [!Ref PublicA, !Ref PublicB], SecurityGroups: [!Ref WebGroup]}
                  Tg: {Type: AWS::ElasticLoadBalancingV2::TargetGroup, Properties: {Port: 80, Protocol: HTTP, VpcId: !Ref Vpc}}
                  Listener:
                    Type: AWS::ElasticLoadBalancingV2::Listener
                    Properties:
                      LoadBalancerArn: !Ref Lb
                      Port: 80
                      Protocol: HTTP
                      DefaultActions: [{Type: forward, TargetGroupArn: !Ref Tg}]
                  Lt:
                    Type: AWS::EC2::LaunchTemplate
                    Properties: {LaunchTemplateData: {ImageId: ami-12345678, SecurityGroupIds: [!Ref WebGroup]}}
                  Asg:
                    Type: AWS::AutoScaling::AutoScalingGroup
                    Properties:
                      MinSize: "2"
                      MaxSize: "4"
                      VPCZoneIdentifier: [!Ref PrivateA, !Ref PrivateB]
                      TargetGroupARNs: [!Ref Tg]
                      LaunchTemplate: {LaunchTemplateId: !Ref Lt, Version: !GetAtt Lt.LatestVersionNumber}
                  Db:
                    Type: AWS::RDS::DBInstance
                    Properties: {Engine: postgres, DBInstanceClass: db.t4g.micro, DBSubnetGroupName: !Ref DbSubnets, VPCSecurityGroups: [!Ref WebGroup]}
                  DbSubnets:
                    Type: AWS::RDS::DBSubnetGroup
                    Properties: {DBSubnetGroupDescription: db, SubnetIds: [!Ref PrivateA, !Ref PrivateB]}
                """);
        CliTest.Run check = run("check", "--template", t.toString());
        assertThat(check.out())
                .as(check.out())
                .containsPattern("Lb-PublicA +public +tcp +80 +anywhere on the internet")
                .doesNotContain("internet-ingress")
                .contains("guarded  Asg-PrivateA, Asg-PrivateB, Db-PrivateA and 1 more (4 resources) are reachable"
                        + " from Asg-PrivateA, Asg-PrivateB, Db-PrivateA and 1 more (4 resources) on tcp 80");
        assertThat(check.out())
                .contains("security group WebGroup is used by resources of several roles, so its rules admit for each"
                        + " what any of them needs; the policy still judges each member by its own role");
        CliTest.Run frontDoor = run("why", "internet", "role:front-door", "80", "--template", t.toString());
        assertThat(frontDoor.out())
                .as(frontDoor.out() + frontDoor.err())
                .contains("Lb-PublicA")
                .contains("role:front-door = role front-door (Lb-PublicA, Lb-PublicB)")
                .endsWith("2 of 2 pairs reachable.\n");
        CliTest.Run database = run("why", "role:app", "role:database", "80", "--template", t.toString());
        assertThat(database.out())
                .as(database.out() + database.err())
                .contains("role:app = role app (Asg-PrivateA, Asg-PrivateB)")
                .contains("role:database = role database (Db-PrivateA, Db-PrivateB)");
    }

    /**
     * A stack that builds on another's exports (a network stack exporting its VPC's block, an app stack importing it):
     * "Fn::ImportValue returns the value of an output exported by another stack"
     * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-importvalue.html).
     * Without the value, the warning names the import and the option that gives it; with it, the stack is analysed and
     * the suggested why command carries it. A value for an export the template never imports is a typo, said so.
     */
    @Test
    void anImportValue_isGivenOnTheCommandLine_andATypoIsSaid() throws IOException {
        Path t = template(PARAMETER_VPC.replace("!Ref VpcCidr", "!ImportValue network-cidr"));
        CliTest.Run without = run("check", "--template", t.toString());
        assertThat(without.code()).isEqualTo(1);
        assertThat(without.err())
                .contains("Resources.Vpc.Properties.CidrBlock: could not be resolved: Fn::ImportValue network-cidr"
                        + " comes from another stack and was not given; VPC Vpc is left out. Fix: give the value that"
                        + " stack exports: --import-value network-cidr=VALUE");

        CliTest.Run with = run(
                "check",
                "--template",
                t.toString(),
                "--import-value",
                "network-cidr=10.40.0.0/16",
                "--import-value",
                "network-cdir=10.50.0.0/16");
        assertThat(with.out())
                .as(with.out() + with.err())
                .contains("VPC 10.40.0.0/16")
                .contains("warning: a value was given for import network-cdir, which the template does not import; it"
                        + " is ignored (got network-cdir). Fix: did you mean network-cidr?");
        String suggested = "stackwright why internet Box 8080 --template " + t
                + " --import-value network-cidr=10.40.0.0/16 --import-value network-cdir=10.50.0.0/16";
        assertPastedWhyReaches(with, suggested);
    }

    /**
     * A value built from one that cannot be resolved names that first cause, with the fix for it, not the chain of
     * functions around it; a macro's output (Fn::Transform) points at the processed template, which CloudFormation
     * keeps: "Processed: the template after CloudFormation has processed all transforms"
     * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_GetTemplate.html).
     */
    @Test
    void aValueThatCannotBeResolved_namesItsFirstCause_andTheFixForIt() throws IOException {
        Path t = template("""
                Parameters:
                  Blocks: {Type: String}
                Resources:
                  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.20.0.0/16}}
                  FromImport:
                    Type: AWS::EC2::Subnet
                    Properties: {VpcId: !Ref Vpc, CidrBlock: !Select [0, !Cidr [!ImportValue net-cidr, 4, 8]]}
                  FromParameter:
                    Type: AWS::EC2::Subnet
                    Properties: {VpcId: !Ref Vpc, CidrBlock: !Select [1, !Split [",", !Ref Blocks]]}
                  FromMacro:
                    Type: AWS::EC2::Subnet
                    Properties: {VpcId: !Ref Vpc, CidrBlock: {"Fn::Transform": {Name: AWS::Include}}}
                  Malformed:
                    Type: AWS::EC2::Subnet
                    Properties: {VpcId: !Ref Vpc, CidrBlock: !Select [0]}
                  Mapped:
                    Type: AWS::EC2::Subnet
                    Properties: {VpcId: !Ref Vpc, CidrBlock: !FindInMap [!Ref Vpc, a, b]}
                """);
        String err = run("check", "--template", t.toString()).out();
        assertThat(err)
                .contains("FromImport.Properties.CidrBlock: could not be resolved: Fn::ImportValue net-cidr comes from"
                        + " another stack and was not given; subnet FromImport is left out. Fix: give the value that"
                        + " stack exports: --import-value net-cidr=VALUE")
                .contains(
                        "FromParameter.Properties.CidrBlock: could not be resolved: parameter Blocks has no default and"
                                + " was not given; subnet FromParameter is left out. Fix: give it a value: --parameter"
                                + " Blocks=VALUE.")
                .contains(
                        "FromMacro.Properties.CidrBlock: could not be resolved: Fn::Transform is not evaluated; subnet"
                                + " FromMacro is left out. Fix: analyse the template as CloudFormation processed it (`aws"
                                + " cloudformation get-template --template-stage Processed`)")
                .contains("Malformed.Properties.CidrBlock: could not be resolved: Fn::Select needs an index and a list;"
                        + " subnet Malformed is left out. Fix: write the function as CloudFormation's intrinsic function"
                        + " reference gives it.")
                .as("a reason quoting a value that is a reference names it, and the mark of it never shows")
                .contains("Mapped.Properties.CidrBlock: could not be resolved: Fn::FindInMap Vpc.a.b is not in the"
                        + " template's Mappings; subnet Mapped is left out. Fix: add it to Mappings, or correct the"
                        + " names.")
                .doesNotContain("a list that", "a block that", "a string that", "\u0000", "\u0001", "\u0002");
    }

    /** The template's own options, given with a spec or a snapshot, are a usage error: never silently dropped. */
    @Test
    void templateOptions_withAnotherInput_areAUsageError() {
        CliTest.Run snapshot = run(
                "check", "--snapshot", "src/test/resources/import/snapshot/good", "--import-value", "net=10.0.0.0/16");
        assertThat(snapshot.code()).isEqualTo(2);
        assertThat(snapshot.err())
                .contains("--import-value applies to --template only: a spec and a snapshot carry their own values")
                .doesNotContain("Exception");
        CliTest.Run spec = run("why", "internet", "app", "443", "--parameter", "A=b");
        assertThat(spec.code()).isEqualTo(2);
        assertThat(spec.err()).contains("--parameter applies to --template only");
    }

    /**
     * A block written with host bits set stands for the whole block it lies in: 192.168.1.0/0 is every IPv4 address,
     * a typo that opens SSH to the world. AWS keeps such a rule as that block (other tools report the rule stored as
     * the block's start, e.g. 10.0.0.28/29 as 10.0.0.24/29: https://github.com/ansible/ansible/pull/21956). The
     * analysis reads it so, and says it at the rule.
     */
    @Test
    void aBlockWithHostBitsSet_isReadAsItsWholeBlock_andSaid() throws IOException {
        Path t = template(VPC + """
                  Ssh:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: ssh from the office
                      VpcId: !Ref Vpc
                      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 192.168.1.0/0}]
                  Box:
                    Type: AWS::EC2::Instance
                    Properties: {ImageId: ami-12345678, SubnetId: !Ref PublicA, SecurityGroupIds: [!Ref Ssh]}
                """);
        CliTest.Run check = run("check", "--template", t.toString());
        assertThat(check.out())
                .contains("Resources.Ssh.Properties.SecurityGroupIngress[0].CidrIp: has host bits set, so it stands for"
                        + " 0.0.0.0/0, the whole block it lies in (every IPv4 address); it is read so (got"
                        + " 192.168.1.0/0). Fix: write the block meant: 0.0.0.0/0 if it is all of that, or a longer"
                        + " prefix for fewer addresses.")
                .containsPattern("Box +public +tcp +22 +anywhere on the internet");
        assertThat(run("check", "--template", template(VPC).toString()).out())
                .as("blocks that start where they say")
                .doesNotContain("host bits");
    }

    /**
     * IPv6 rules in a VPC with no IPv6 block reach nobody: an interface gets an IPv6 address only from its subnet's
     * block ("Step 1: Associate an IPv6 CIDR block with your VPC and subnets",
     * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-migrate-ipv6.html). The warning stands at the first such
     * rule, the line to change, and counts the others.
     */
    @Test
    void ipv6RulesInAnIpv4OnlyVpc_areSaidAtTheFirstRule() throws IOException {
        Path t = template(VPC + """
                  Web:
                    Type: AWS::EC2::SecurityGroup
                    Properties:
                      GroupDescription: web
                      VpcId: !Ref Vpc
                      SecurityGroupIngress:
                        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
                        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIpv6: "::/0"}
                        - {IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIpv6: "::/0"}
                """);
        assertThat(run("check", "--template", t.toString()).out())
                .contains("stack.yaml:18:11: warning: Resources.Web.Properties.SecurityGroupIngress[1]: VPC Vpc has no"
                        + " IPv6 block, so no interface in it has an IPv6 address: this IPv6 rule and 1 more IPv6"
                        + " rules, routes or ACL entries apply to nothing and are left out.");
    }
}
