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
 * A load balancer opens connections to its targets on the health check port too, read from a template and from a
 * snapshot.
 *
 * <p>"HealthCheckPort: The port the load balancer uses when performing health checks on targets. The default is to use
 * the port on which each target receives traffic from the load balancer"
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html); "You must
 * ensure that your load balancer can communicate with registered targets on both the listener port and the health
 * check port" (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html);
 * for a Network Load Balancer, "The security groups associated with an instance must allow traffic from the load
 * balancer using the health check port and health check protocol"
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-troubleshooting.html), and "The
 * GENEVE, TLS, UDP, and TCP_UDP protocols are not supported for health checks"
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_ModifyTargetGroup.html): a UDP group is
 * health-checked over TCP.
 */
class HealthCheckPortCliTest {
    @TempDir
    Path dir;

    /**
     * An ALB forwarding HTTP to an instance on 8080, health-checking it on 8081 (HEALTH is replaced), the instance's
     * group admitting the load balancer's group on PORTS.
     */
    static final String ALB = """
            Parameters:
              HcPort: {Type: String}
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
              LbGroup:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: the load balancer
                  VpcId: !Ref Vpc
                  SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0}]
              WebGroup:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: from the load balancer
                  VpcId: !Ref Vpc
                  SecurityGroupIngress: [{IpProtocol: tcp, PORTS, SourceSecurityGroupId: !Ref LbGroup}]
              Web: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref AppA, SecurityGroupIds: [!Ref WebGroup], ImageId: ami-12345678}}
              Lb:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties: {Scheme: internet-facing, Subnets: [!Ref PublicA, !Ref PublicB], SecurityGroups: [!Ref LbGroup]}
              Tg:
                Type: AWS::ElasticLoadBalancingV2::TargetGroup
                Properties:
                  VpcId: !Ref Vpc
                  Port: 8080
                  Protocol: HTTP
                  TargetType: instance
                  HEALTH
                  Targets: [{Id: !Ref Web}]
              Listener:
                Type: AWS::ElasticLoadBalancingV2::Listener
                Properties:
                  LoadBalancerArn: !Ref Lb
                  Port: 80
                  Protocol: HTTP
                  DefaultActions: [{Type: forward, TargetGroupArn: !Ref Tg}]
            """;

    private static final String BOTH_PORTS = "FromPort: 8080, ToPort: 8081";
    private static final String TRAFFIC_ONLY = "FromPort: 8080, ToPort: 8080";

    private Path template(String health, String ports) throws IOException {
        Path file = dir.resolve("stack.yaml");
        Files.writeString(file, ALB.replace("HEALTH", health).replace("PORTS", ports));
        return file;
    }

    private static CliTest.Run why(Path template, String port) {
        return run("why", "Lb-PublicA", "Web", port, "--template", template.toString());
    }

    @Test
    void template_aHealthCheckPortOfItsOwn_isOpenedToTheTarget_andSaysItIsTheHealthCheck() throws IOException {
        Path t = template("HealthCheckPort: \"8081\"", BOTH_PORTS);
        CliTest.Run check = why(t, "8081");
        assertThat(check.out())
                .as(check.err())
                .contains("Lb-PublicA -> Web  tcp 8081: REACHABLE\n")
                .contains("health-checks Web, a registered target, on tcp 8081 (its target group's health check port)");
        assertThat(check.err()).isEmpty();
        CliTest.Run traffic = why(t, "8080");
        assertThat(traffic.out())
                .contains("Lb-PublicA -> Web  tcp 8080: REACHABLE\n")
                .contains("forwards on tcp 8080 to Web, a registered target")
                .doesNotContain("health-checks");
        // Any other port stays closed: the load balancer opens only its targets' traffic and health check ports.
        assertThat(why(t, "8082").out())
                .contains("BLOCKED no-target-group: Lb opens connections only to its targets, on tcp 8080-8081, not on"
                        + " 8082");
    }

    @Test
    void template_aNumberWithoutQuotes_isTheSamePort() throws IOException {
        CliTest.Run r = why(template("HealthCheckPort: 8081", BOTH_PORTS), "8081");
        assertThat(r.out()).as(r.err()).contains("tcp 8081: REACHABLE\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void template_aTargetGroupThatDoesNotAdmitTheHealthCheckPort_blocksTheHealthCheckThere() throws IOException {
        Path t = template("HealthCheckPort: \"8081\"", TRAFFIC_ONLY);
        assertThat(why(t, "8080").out()).contains("tcp 8080: REACHABLE\n");
        CliTest.Run r = why(t, "8081");
        assertThat(r.out()).contains("tcp 8081: BLOCKED").contains("sg-ingress-denied");
    }

    @Test
    void template_trafficPortOrNoneGiven_opensOnlyTheTrafficPort() throws IOException {
        for (String health : new String[] {"HealthCheckPort: traffic-port", ""}) {
            Path t = template(health, BOTH_PORTS);
            assertThat(why(t, "8080").out()).as(health).contains("tcp 8080: REACHABLE\n");
            assertThat(why(t, "8081").out())
                    .as(health)
                    .contains("BLOCKED no-target-group: Lb opens connections only to its targets, on tcp 8080, not on"
                            + " 8081");
        }
    }

    @Test
    void check_countsTheHealthCheckPortAmongTheLoadBalancersConnections() throws IOException {
        CliTest.Run withPort = run(
                "check",
                "--template",
                template("HealthCheckPort: \"8081\"", BOTH_PORTS).toString());
        assertThat(withPort.out())
                .as(withPort.err())
                .containsPattern("public +data +tcp +8080-8081 +LbGroup -> WebGroup");
        assertThat(withPort.out()).doesNotContain("SW016");
        CliTest.Run blocked = run(
                "check",
                "--template",
                template("HealthCheckPort: \"8081\"", TRAFFIC_ONLY).toString());
        assertThat(blocked.out())
                .contains("SW016 warning  target group Tg: Web cannot be health-checked by load balancer Lb on tcp 8081"
                        + " (the health check port of target group Tg): security group WebGroup has no ingress rule for"
                        + " tcp 8081");
        CliTest.Run without =
                run("check", "--template", template("", BOTH_PORTS).toString());
        assertThat(without.out())
                .containsPattern("tcp +8080 +LbGroup -> WebGroup")
                // As a word: the output names the template's temporary folder, whose random digits may hold "8081".
                .doesNotContainPattern("\\b8081\\b");
    }

    @Test
    void template_badValues_areReportedWhereTheyAre_andTheTrafficPortIsTaken() throws IOException {
        for (String bad : new String[] {"\"0\"", "65536", "\"http\"", "\"80-81\""}) {
            Path t = template("HealthCheckPort: " + bad, BOTH_PORTS);
            CliTest.Run r = why(t, "8081");
            assertThat(r.code()).as(bad).isZero();
            assertThat(r.err())
                    .as(bad)
                    .containsPattern("stack\\.yaml:\\d+:\\d+: ")
                    .contains("Resources.Tg.Properties.HealthCheckPort")
                    .contains("is not traffic-port or a port from 1 to 65535; health checks are taken to go to the"
                            + " traffic port (AWS's default)")
                    .contains("write traffic-port or a port from 1 to 65535")
                    .doesNotContain("Exception");
            assertThat(r.out()).as(bad).contains("BLOCKED no-target-group");
            assertThat(why(t, "8080").out()).as(bad).contains("tcp 8080: REACHABLE\n");
        }
    }

    @Test
    void template_aParameterWithoutAValue_isReportedAsUnresolved_andTheTrafficPortIsTaken() throws IOException {
        Path t = template("HealthCheckPort: !Ref HcPort", BOTH_PORTS);
        CliTest.Run r = why(t, "8081");
        assertThat(r.code()).isZero();
        assertThat(r.err())
                .containsPattern("stack\\.yaml:\\d+:\\d+: ")
                .contains("Resources.Tg.Properties.HealthCheckPort")
                .contains("could not be resolved")
                .contains("health checks are taken to go to the traffic port (AWS's default)");
        assertThat(r.out()).contains("BLOCKED no-target-group");
    }

    /** A Network Load Balancer forwarding UDP 5432 to an instance whose group admits the NLB's subnets on both. */
    static final String UDP_NLB = """
            Resources:
              Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.8.0.0/16}}
              PublicA: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.8.0.0/24, AvailabilityZone: us-east-1a}}
              AppA: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.8.2.0/24, AvailabilityZone: us-east-1a}}
              WebGroup:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: from the load balancer's subnet
                  VpcId: !Ref Vpc
                  SecurityGroupIngress:
                    - {IpProtocol: udp, FromPort: 5432, ToPort: 5432, CidrIp: 10.8.0.0/24}
                    - {IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 10.8.0.0/24}
              Web: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref AppA, SecurityGroupIds: [!Ref WebGroup], ImageId: ami-12345678}}
              Lb:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties: {Type: network, Scheme: internal, Subnets: [!Ref PublicA]}
              Udp:
                Type: AWS::ElasticLoadBalancingV2::TargetGroup
                Properties: {VpcId: !Ref Vpc, Port: 5432, Protocol: UDP, TargetType: instance, Targets: [{Id: !Ref Web}]}
              Listener:
                Type: AWS::ElasticLoadBalancingV2::Listener
                Properties:
                  LoadBalancerArn: !Ref Lb
                  Port: 5432
                  Protocol: UDP
                  DefaultActions: [{Type: forward, TargetGroupArn: !Ref Udp}]
            """;

    @Test
    void template_aUdpGroup_isHealthCheckedOverTcpOnItsPort_fromTheLoadBalancersOwnAddress() throws IOException {
        Path t = dir.resolve("nlb.yaml");
        Files.writeString(t, UDP_NLB);
        CliTest.Run tcp = run("why", "Lb", "Web", "5432", "--template", t.toString());
        assertThat(tcp.out())
                .as(tcp.err())
                .contains("Lb -> Web  tcp 5432: REACHABLE\n")
                .contains("health-checks Web, a registered target, on tcp 5432 (its target group's health check port)")
                .contains("Lb's own address: the health checks for target group Udp come from it");
        CliTest.Run udp = run("why", "Lb", "Web", "5432", "--protocol", "udp", "--template", t.toString());
        assertThat(udp.out())
                .contains("udp 5432: REACHABLE for clients in 10.8.0.0/24")
                .contains("client IP preservation is on for target group Udp");
    }

    static final String GROUP_ARN =
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/73e2d6bc24d8a067";
    static final String LB_ARN =
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/Lb/50dc6c495c0c9188";

    /** The ALB as describe-* outputs, with the target group's HealthCheckPort as given (a JSON value, or none). */
    private Path snapshot(String healthCheckPort) throws IOException {
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
        files.put("route-tables.json", """
                {"RouteTables": [
                  {"RouteTableId": "rtb-main", "VpcId": "vpc-1",
                   "Associations": [{"Main": true, "RouteTableId": "rtb-main"}],
                   "Routes": [{"DestinationCidrBlock": "10.8.0.0/16", "GatewayId": "local", "State": "active"}]}]}
                """);
        files.put("groups.json", """
                {"SecurityGroups": [
                  {"GroupId": "sg-lb", "GroupName": "LbGroup", "Description": "the load balancer", "VpcId": "vpc-1",
                   "IpPermissions": [],
                   "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]},
                  {"GroupId": "sg-web", "GroupName": "WebGroup", "Description": "from the load balancer", "VpcId": "vpc-1",
                   "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8081,
                                      "UserIdGroupPairs": [{"GroupId": "sg-lb"}]}],
                   "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]}
                """);
        files.put("instances.json", """
                {"Reservations": [{"Instances": [{"InstanceId": "i-0web", "SubnetId": "subnet-app", "VpcId": "vpc-1",
                  "PrivateIpAddress": "10.8.2.10", "SecurityGroups": [{"GroupId": "sg-web", "GroupName": "WebGroup"}],
                  "Tags": [{"Key": "Name", "Value": "web"}]}]}]}
                """);
        files.put("describe-load-balancers.json", """
                {"LoadBalancers": [{"LoadBalancerName": "Lb", "Scheme": "internal", "Type": "application",
                  "LoadBalancerArn": "%s", "VpcId": "vpc-1", "SecurityGroups": ["sg-lb"],
                  "AvailabilityZones": [{"ZoneName": "us-east-1a", "SubnetId": "subnet-pa"}]}]}
                """.formatted(LB_ARN));
        files.put("describe-target-groups.json", """
                {"TargetGroups": [{"TargetGroupArn": "%s", "TargetGroupName": "web", "Protocol": "HTTP", "Port": 8080,
                  %s"VpcId": "vpc-1", "TargetType": "instance", "LoadBalancerArns": ["%s"]}]}
                """.formatted(
                        GROUP_ARN,
                        healthCheckPort.isEmpty() ? "" : "\"HealthCheckPort\": " + healthCheckPort + ",\n  ",
                        LB_ARN));
        files.put("target-health-web.json", """
                {"TargetHealthDescriptions": [{"Target": {"Id": "i-0web", "Port": 8080},
                  "HealthCheckPort": "8081", "TargetHealth": {"State": "healthy"}}]}
                """);
        Path folder = dir.resolve("snapshot");
        Files.createDirectories(folder);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(folder.resolve(f.getKey()), f.getValue());
        }
        // A whole account: its subnets use the default network ACL (DefaultAcls).
        return DefaultAcls.addTo(folder);
    }

    private static CliTest.Run whySnapshot(Path folder, String port) {
        return run("why", "Lb", "web", port, "--snapshot", folder.toString());
    }

    @Test
    void snapshot_describeTargetGroupsHealthCheckPort_isOpenedToTheTargets() throws IOException {
        Path s = snapshot("\"8081\"");
        CliTest.Run r = whySnapshot(s, "8081");
        assertThat(r.out())
                .as(r.err())
                .contains("tcp 8081: REACHABLE\n")
                .contains("health-checks web, a registered target, on tcp 8081 (its target group's health check port)");
        assertThat(whySnapshot(s, "8080").out()).contains("tcp 8080: REACHABLE\n");
    }

    @Test
    void snapshot_trafficPort_opensOnlyTheTrafficPort() throws IOException {
        Path s = snapshot("\"traffic-port\"");
        assertThat(whySnapshot(s, "8080").out()).contains("tcp 8080: REACHABLE\n");
        assertThat(whySnapshot(s, "8081").out()).contains("BLOCKED no-target-group");
    }

    @Test
    void snapshot_aBadValue_isReportedWhereItIs_andTheTrafficPortIsTaken() throws IOException {
        for (String bad : new String[] {"\"eighty\"", "\"0\"", "\"70000\"", "{\"port\": 8081}"}) {
            Path s = snapshot(bad);
            CliTest.Run r = whySnapshot(s, "8081");
            assertThat(r.code()).as(bad).isZero();
            assertThat(r.err())
                    .as(bad)
                    .containsPattern("describe-target-groups\\.json:2:\\d+: ")
                    .contains("TargetGroups[0].HealthCheckPort")
                    .contains("is not traffic-port or a port from 1 to 65535; health checks are taken to go to the"
                            + " traffic port (AWS's default)")
                    .doesNotContain("Exception");
            assertThat(r.out()).as(bad).contains("BLOCKED no-target-group");
        }
    }
}
