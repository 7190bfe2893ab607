package dev.stackwright.analysis;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.cli.CliTest;
import dev.stackwright.importer.snapshot.DefaultAcls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Network Load Balancer's targets, read from a template and from a snapshot: which address they see, and which
 * targets take no new connections.
 *
 * <p>"By default, client IP preservation is enabled (and can't be disabled) for instance and IP type target groups
 * with UDP, TCP_UDP, QUIC, and TCP_QUIC protocols. However, you can enable or disable client IP preservation for TCP
 * and TLS target groups using the preserve_client_ip.enabled target group attribute." and "When you disable client IP
 * preservation, the source IP address is the private IP address of the Network Load Balancer":
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#client-ip-preservation.
 * The target's security group must then admit the clients: "Client IP addresses ... Allow client traffic (instance
 * target type)" (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-register-targets.html).
 * A draining target: "The load balancer stops sending requests to targets that are deregistering"
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DeregisterTargets.html); an unused one with
 * {@code Target.NotInUse} is "in an Availability Zone that is not enabled for its load balancer"
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html).
 */
class NetworkLoadBalancerTargetsCliTest {
    @TempDir
    Path dir;

    /** An internet-facing NLB (no security group) forwarding TCP to an instance whose group admits its subnets only. */
    static final String NLB = """
            Resources:
              Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.8.0.0/16}}
              Igw: {Type: AWS::EC2::InternetGateway}
              IgwAttach: {Type: AWS::EC2::VPCGatewayAttachment, Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}}
              PublicA: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.8.0.0/24, AvailabilityZone: us-east-1a, MapPublicIpOnLaunch: true}}
              PublicB: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.8.1.0/24, AvailabilityZone: us-east-1b, MapPublicIpOnLaunch: true}}
              AppA: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.8.2.0/24, AvailabilityZone: us-east-1a}}
              Public: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref Vpc}}
              Out: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref Public, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw}}
              AssocA: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref PublicA, RouteTableId: !Ref Public}}
              AssocB: {Type: AWS::EC2::SubnetRouteTableAssociation, Properties: {SubnetId: !Ref PublicB, RouteTableId: !Ref Public}}
              WebGroup:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: from the load balancer's subnets
                  VpcId: !Ref Vpc
                  SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: 10.8.0.0/23}]
              Web: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref AppA, SecurityGroupIds: [!Ref WebGroup], ImageId: ami-12345678}}
              Lb:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties: {Type: network, Scheme: internet-facing, Subnets: [!Ref PublicA, !Ref PublicB]}
              Tcp:
                Type: AWS::ElasticLoadBalancingV2::TargetGroup
                Properties:
                  VpcId: !Ref Vpc
                  Port: 8080
                  Protocol: TCP
                  TargetType: instance
                  Targets: [{Id: !Ref Web}]
              Listener:
                Type: AWS::ElasticLoadBalancingV2::Listener
                Properties:
                  LoadBalancerArn: !Ref Lb
                  Port: 443
                  Protocol: TCP
                  DefaultActions: [{Type: forward, TargetGroupArn: !Ref Tcp}]
            """;

    private Path file(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** The template with the target group's attributes. */
    private static String withAttribute(String value) {
        return NLB.replace(
                "      Targets: [{Id: !Ref Web}]\n",
                "      Targets: [{Id: !Ref Web}]\n      TargetGroupAttributes: [{Key: preserve_client_ip.enabled, Value: "
                        + value + "}]\n");
    }

    @Test
    void template_anInstanceTargetSeesTheClients_soOnlyClientsInTheLoadBalancersSubnetsGetThrough() throws IOException {
        CliTest.Run why = run(
                "why",
                "Lb-PublicA",
                "Web",
                "8080",
                "--template",
                file("stack.yaml", NLB).toString());
        assertThat(why.out())
                .as(why.err())
                .contains("Lb-PublicA -> Web  tcp 8080: REACHABLE for clients in 10.8.0.0/23, whose addresses the"
                        + " target sees")
                .contains("-> address Web sees                            the client's address: client IP preservation"
                        + " is on for target group Tcp")
                .contains("<- replies to the clients                      return through Lb");
    }

    @Test
    void template_theAttributeOff_makesTheTargetSeeTheLoadBalancer() throws IOException {
        CliTest.Run why = run(
                "why",
                "Lb-PublicA",
                "Web",
                "8080",
                "--template",
                file("stack.yaml", withAttribute("\"false\"")).toString());
        assertThat(why.out())
                .as(why.err())
                .contains("Lb-PublicA -> Web  tcp 8080: REACHABLE\n")
                .contains("Lb's own address: client IP preservation is off for target group Tcp");
    }

    @Test
    void template_anAttributeThatIsNotTrueOrFalse_isReportedWhereItIs_andTheDefaultApplies() throws IOException {
        Path t = file("stack.yaml", withAttribute("maybe"));
        CliTest.Run why = run("why", "Lb-PublicA", "Web", "8080", "--template", t.toString());
        assertThat(why.code()).isZero();
        assertThat(why.err())
                .contains("stack.yaml:")
                .contains("Resources.Tcp.Properties.TargetGroupAttributes[0].Value")
                .contains("is not true or false; the default for the target type and protocol applies");
        assertThat(why.out()).contains("the client's address: client IP preservation is on for target group Tcp");
    }

    static final String GROUP_ARN =
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/tcp/73e2d6bc24d8a067";
    static final String LB_ARN =
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/Lb/50dc6c495c0c9188";

    /** The same network as describe-* outputs, the target health and attributes given per test. */
    private Path snapshot(String health, String attributes) throws IOException {
        Map<String, String> files = new TreeMap<>();
        files.put("vpcs.json", """
                {"Vpcs": [{"CidrBlock": "10.8.0.0/16", "VpcId": "vpc-1"}]}
                """);
        files.put("subnets.json", """
                {"Subnets": [
                  {"AvailabilityZone": "us-east-1a", "CidrBlock": "10.8.0.0/24", "MapPublicIpOnLaunch": true,
                   "SubnetId": "subnet-pa", "VpcId": "vpc-1", "Tags": [{"Key": "Name", "Value": "PublicA"}]},
                  {"AvailabilityZone": "us-east-1a", "CidrBlock": "10.8.2.0/24", "MapPublicIpOnLaunch": false,
                   "SubnetId": "subnet-app", "VpcId": "vpc-1", "Tags": [{"Key": "Name", "Value": "AppA"}]}]}
                """);
        files.put("gateways.json", """
                {"InternetGateways": [{"InternetGatewayId": "igw-1", "Attachments": [{"State": "available", "VpcId": "vpc-1"}]}]}
                """);
        files.put("route-tables.json", """
                {"RouteTables": [
                  {"RouteTableId": "rtb-main", "VpcId": "vpc-1",
                   "Associations": [{"Main": true, "RouteTableId": "rtb-main"}],
                   "Routes": [{"DestinationCidrBlock": "10.8.0.0/16", "GatewayId": "local", "State": "active"},
                              {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "State": "active"}]}]}
                """);
        files.put("groups.json", """
                {"SecurityGroups": [
                  {"GroupId": "sg-web", "GroupName": "WebGroup", "Description": "from the NLB's subnet", "VpcId": "vpc-1",
                   "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080,
                                      "IpRanges": [{"CidrIp": "10.8.0.0/24"}]}],
                   "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]}
                """);
        files.put("instances.json", """
                {"Reservations": [{"Instances": [{"InstanceId": "i-0web", "SubnetId": "subnet-app", "VpcId": "vpc-1",
                  "PrivateIpAddress": "10.8.2.10", "SecurityGroups": [{"GroupId": "sg-web", "GroupName": "WebGroup"}],
                  "Tags": [{"Key": "Name", "Value": "web"}]}]}]}
                """);
        files.put("describe-load-balancers.json", """
                {"LoadBalancers": [{"LoadBalancerName": "Lb", "Scheme": "internet-facing", "Type": "network",
                  "LoadBalancerArn": "%s", "VpcId": "vpc-1",
                  "AvailabilityZones": [{"ZoneName": "us-east-1a", "SubnetId": "subnet-pa"}]}]}
                """.formatted(LB_ARN));
        files.put("describe-listeners.json", """
                {"Listeners": [{"ListenerArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/net/Lb/50dc6c495c0c9188/f2f7dc8efc522ab2",
                  "LoadBalancerArn": "%s", "Port": 443, "Protocol": "TCP",
                  "DefaultActions": [{"Type": "forward", "TargetGroupArn": "%s"}]}]}
                """.formatted(LB_ARN, GROUP_ARN));
        files.put("describe-target-groups.json", """
                {"TargetGroups": [{"TargetGroupArn": "%s", "TargetGroupName": "tcp", "Protocol": "TCP", "Port": 8080,
                  "VpcId": "vpc-1", "TargetType": "instance", "LoadBalancerArns": ["%s"]}]}
                """.formatted(GROUP_ARN, LB_ARN));
        files.put("target-health-tcp.json", health);
        if (!attributes.isEmpty()) {
            files.put("target-group-attributes-tcp.json", attributes);
        }
        Path folder = dir.resolve("snapshot");
        Files.createDirectories(folder);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(folder.resolve(f.getKey()), f.getValue());
        }
        // A whole account: its subnets use the default network ACL (DefaultAcls).
        return DefaultAcls.addTo(folder);
    }

    static final String HEALTHY = """
            {"TargetHealthDescriptions": [{"Target": {"Id": "i-0web", "Port": 8080}, "HealthCheckPort": "8080",
              "TargetHealth": {"State": "healthy"}}]}
            """;

    /** describe-target-group-attributes as the AWS CLI prints it. */
    static String attributes(String preserve) {
        return """
                {"Attributes": [
                  {"Key": "deregistration_delay.timeout_seconds", "Value": "300"},
                  {"Key": "preserve_client_ip.enabled", "Value": "%s"},
                  {"Key": "proxy_protocol_v2.enabled", "Value": "false"}]}
                """.formatted(preserve);
    }

    @Test
    void snapshot_withoutAttributes_theDefaultForInstanceTargetsApplies_theClientsAddress() throws IOException {
        CliTest.Run why = run(
                "why", "Lb", "web", "8080", "--snapshot", snapshot(HEALTHY, "").toString());
        assertThat(why.out())
                .as(why.err())
                .contains("REACHABLE for clients in 10.8.0.0/24, whose addresses the target sees")
                .contains("the client's address: client IP preservation is on for target group");
    }

    @Test
    void snapshot_theAttributesOutput_turnsPreservationOff() throws IOException {
        CliTest.Run why = run(
                "why",
                "Lb",
                "web",
                "8080",
                "--snapshot",
                snapshot(HEALTHY, attributes("false")).toString());
        assertThat(why.out())
                .as(why.err())
                .contains("web  tcp 8080: REACHABLE\n")
                .contains("Lb's own address: client IP preservation is off for target group");
    }

    @Test
    void snapshot_anAttributeValueThatIsNotTrueOrFalse_isReportedWithItsFileAndPath() throws IOException {
        CliTest.Run why = run(
                "why",
                "Lb",
                "web",
                "8080",
                "--snapshot",
                snapshot(HEALTHY, attributes("yes")).toString());
        assertThat(why.code()).isZero();
        assertThat(why.err())
                .contains("target-group-attributes-tcp.json")
                .contains("Attributes[1].Value")
                .contains("is not true or false");
        assertThat(why.out()).contains("the client's address: client IP preservation is on");
    }

    @Test
    void snapshot_anAttributeWithoutItsValue_isReported_andAnAttributesListOfAnotherShapeIsNoCrash()
            throws IOException {
        String noValue = """
                {"Attributes": [{"Key": "preserve_client_ip.enabled"}, {"Value": "true"}, 7, {"Key": 3}]}
                """;
        CliTest.Run why = run(
                "why",
                "Lb",
                "web",
                "8080",
                "--snapshot",
                snapshot(HEALTHY, noValue).toString());
        assertThat(why.code()).as(why.err()).isZero();
        assertThat(why.err()).contains("target-group-attributes-tcp.json").contains("Attributes[0].Value");
        assertThat(why.out()).contains("the client's address: client IP preservation is on");
    }

    @Test
    void snapshot_aDrainingTarget_getsNoNewConnections_andTheBlockerSaysItsStateAndReason() throws IOException {
        String draining = """
                {"TargetHealthDescriptions": [{"Target": {"Id": "i-0web", "Port": 8080}, "HealthCheckPort": "8080",
                  "TargetHealth": {"State": "draining", "Reason": "Target.DeregistrationInProgress",
                                   "Description": "Target deregistration is in progress"}}]}
                """;
        CliTest.Run why = run(
                "why", "Lb", "web", "8080", "--snapshot", snapshot(draining, "").toString());
        assertThat(why.out())
                .as(why.err())
                .contains("BLOCKED target-not-in-service: web is draining (Target.DeregistrationInProgress) in target"
                        + " group")
                .contains("the load balancer sends it no new connections")
                .endsWith("Blocked.\n");
    }

    @Test
    void snapshot_anUnusedTargetInAZoneTheLoadBalancerDoesNotUse_isBlocked_butAnUnhealthyOneIsNot() throws IOException {
        String unused = """
                {"TargetHealthDescriptions": [{"Target": {"Id": "i-0web", "Port": 8080}, "HealthCheckPort": "8080",
                  "TargetHealth": {"State": "unused", "Reason": "Target.NotInUse",
                                   "Description": "Target is in an Availability Zone that is not enabled for the load balancer"}}]}
                """;
        assertThat(run(
                                "why",
                                "Lb",
                                "web",
                                "8080",
                                "--snapshot",
                                snapshot(unused, "").toString())
                        .out())
                .contains("web is unused (Target.NotInUse)");
        String unhealthy = """
                {"TargetHealthDescriptions": [{"Target": {"Id": "i-0web", "Port": 8080}, "HealthCheckPort": "8080",
                  "TargetHealth": {"State": "unhealthy", "Reason": "Target.FailedHealthChecks"}}]}
                """;
        CliTest.Run failingOpen = run(
                "why",
                "Lb",
                "web",
                "8080",
                "--snapshot",
                snapshot(unhealthy, "").toString());
        assertThat(failingOpen.out()).as(failingOpen.err()).contains("REACHABLE");
    }

    @Test
    void theNewBlockerCode_isInTheDocsBlockerTable() throws IOException {
        assertThat(Files.readString(Path.of("docs/analysis.md"))).contains("| `target-not-in-service` |");
    }
}
