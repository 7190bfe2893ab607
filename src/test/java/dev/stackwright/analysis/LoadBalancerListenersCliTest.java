package dev.stackwright.analysis;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.cli.CliTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load balancers as a hop: they accept only on their listeners and connect to their targets only on the target
 * groups' ports, whatever their security groups allow.
 *
 * <p>https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html: "A listener is
 * a process that checks for connection requests, using the protocol and port that you configure." An Application Load
 * Balancer's listeners speak HTTP or HTTPS (so TCP only); a Network Load Balancer's TCP, TLS, UDP or TCP_UDP
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_Listener.html). Batfish models a network
 * load balancer's interface the same way: its incoming filter permits only packets that match a listener
 * (batfish/batfish, representation/aws/LoadBalancer.java, "the filter that permits only packets that will match a
 * listener").
 *
 * <p>https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html: "Each
 * target group is used to route requests to one or more registered targets ... using the protocol and port number
 * that you specify."
 */
class LoadBalancerListenersCliTest {
    @TempDir
    Path dir;

    /** An ALB whose group admits all traffic from anywhere, one HTTPS listener on 443, forwarding to tasks on 8080. */
    static final String ALLOW_ALL_ALB = """
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
                  GroupDescription: everything in
                  VpcId: !Ref Vpc
                  SecurityGroupIngress: [{IpProtocol: "-1", CidrIp: 0.0.0.0/0}]
              AppGroup:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: from the load balancer
                  VpcId: !Ref Vpc
                  SecurityGroupIngress: [{IpProtocol: "-1", SourceSecurityGroupId: !Ref LbGroup}]
              Lb:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties: {Scheme: internet-facing, Subnets: [!Ref PublicA, !Ref PublicB], SecurityGroups: [!Ref LbGroup]}
              Web:
                Type: AWS::ElasticLoadBalancingV2::TargetGroup
                Properties: {VpcId: !Ref Vpc, Port: 8080, Protocol: HTTP, TargetType: ip}
              Https:
                Type: AWS::ElasticLoadBalancingV2::Listener
                Properties:
                  LoadBalancerArn: !Ref Lb
                  Port: 443
                  Protocol: HTTPS
                  DefaultActions: [{Type: forward, TargetGroupArn: !Ref Web}]
              Service:
                Type: AWS::ECS::Service
                Properties:
                  LoadBalancers: [{TargetGroupArn: !Ref Web, ContainerName: app, ContainerPort: 8080}]
                  NetworkConfiguration:
                    AwsvpcConfiguration: {Subnets: [!Ref AppA], SecurityGroups: [!Ref AppGroup]}
            """;

    private Path template(String text) throws IOException {
        Path file = dir.resolve("stack.yaml");
        Files.writeString(file, text);
        return file;
    }

    /** The "Reachable from the internet" table of check's text output. */
    static String fromInternet(String out) {
        int start = out.indexOf("Reachable from the internet");
        int end = out.indexOf("Internet egress", start);
        assertThat(start).as(out).isNotNegative();
        return out.substring(start, end < 0 ? out.length() : end);
    }

    @Test
    void check_anAllowAllAlbGroup_withOneHttpsListener_reportsOnly443OpenToTheWorld() throws IOException {
        CliTest.Run out = run("check", "--template", template(ALLOW_ALL_ALB).toString());
        String table = fromInternet(out.out());
        assertThat(table)
                .containsPattern("Lb-PublicA +public +tcp +443 +anywhere on the internet")
                .containsPattern("Lb-PublicB +public +tcp +443 +anywhere on the internet")
                .doesNotContain("udp", "(all ports)", " 22 ", "3306");
        assertThat(out.out())
                .as("tier to tier: the ALB reaches the tasks on the target group's port only")
                .containsPattern("public +data +tcp +8080 +LbGroup -> AppGroup");
    }

    @Test
    void why_internetToTheAlbOnSsh_isBlockedByNoListener() throws IOException {
        CliTest.Run out = run(
                "why",
                "internet",
                "Lb-PublicA",
                "22",
                "--template",
                template(ALLOW_ALL_ALB).toString());
        assertThat(out.code()).as(out.out() + out.err()).isZero();
        assertThat(out.out())
                .contains("BLOCKED no-listener: Lb has no listener on tcp 22; it listens on HTTPS 443")
                .endsWith("Blocked.\n");
        CliTest.Run https = run(
                "why",
                "internet",
                "Lb-PublicA",
                "443",
                "--template",
                template(ALLOW_ALL_ALB).toString());
        assertThat(https.out())
                .contains("listeners of Lb", "listener HTTPS 443")
                .endsWith("Reachable.\n");
    }

    @Test
    void why_udpToAnAlb_isBlocked_evenOnItsListenersPort() throws IOException {
        CliTest.Run out = run(
                "why",
                "internet",
                "Lb-PublicA",
                "443",
                "--protocol",
                "udp",
                "--template",
                template(ALLOW_ALL_ALB).toString());
        assertThat(out.out())
                .contains("BLOCKED no-listener: Lb has no listener on udp 443")
                .endsWith("Blocked.\n");
    }

    @Test
    void why_theAlbToItsTarget_onlyOnTheTargetGroupsPort() throws IOException {
        Path t = template(ALLOW_ALL_ALB);
        assertThat(run("why", "Lb-PublicA", "Service", "8080", "--template", t.toString())
                        .out())
                .contains("forwards on tcp 8080")
                .endsWith("Reachable.\n");
        assertThat(run("why", "Lb-PublicA", "Service", "22", "--template", t.toString())
                        .out())
                .contains("BLOCKED no-target-group: Lb opens connections only to its targets, on tcp 8080, not on 22")
                .endsWith("Blocked.\n");
    }

    @Test
    void check_anAlbWhoseListenersTheTemplateDoesNotHold_isJudgedByItsGroupAlone() throws IOException {
        String noListener = ALLOW_ALL_ALB.replaceAll("(?s)  Https:.*?TargetGroupArn: !Ref Web}\\]\n", "");
        assertThat(noListener).doesNotContain("Https:");
        String table = fromInternet(
                run("check", "--template", template(noListener).toString()).out());
        // A listener may live in another stack: without one the answer stays what the group admits.
        assertThat(table).containsPattern("Lb-PublicA +public +tcp +\\(all ports\\)");
    }

    /*
     * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-listeners.html: a Network Load
     * Balancer listens on TCP, TLS, UDP or TCP_UDP; one without a security group is filtered by its subnets' network
     * ACLs only (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-security-groups.html).
     */
    @Test
    void check_aNetworkLoadBalancerWithoutAGroup_isOpenOnItsListenersOnly_withTheirProtocols() throws IOException {
        String nlb = ALLOW_ALL_ALB
                .replace(
                        "Properties: {Scheme: internet-facing, Subnets: [!Ref PublicA, !Ref PublicB], SecurityGroups: [!Ref LbGroup]}",
                        "Properties: {Type: network, Scheme: internet-facing, Subnets: [!Ref PublicA, !Ref PublicB]}")
                .replace("Port: 443\n      Protocol: HTTPS", "Port: 53\n      Protocol: TCP_UDP");
        assertThat(nlb).contains("Type: network", "TCP_UDP");
        String table = fromInternet(
                run("check", "--template", template(nlb).toString()).out());
        assertThat(table)
                .containsPattern("Lb-PublicA +public +tcp +53 +anywhere on the internet")
                .containsPattern("Lb-PublicA +public +udp +53 +anywhere on the internet")
                .doesNotContain("443", "(all ports)");
    }

    // The same account as describe-* outputs: describe-load-balancers, -listeners, -target-groups, -target-health.
    static final Map<String, String> SNAPSHOT = Map.of(
            "vpcs.json",
            """
            {"Vpcs": [{"CidrBlock": "10.8.0.0/16", "VpcId": "vpc-1", "Tags": [{"Key": "Name", "Value": "shop"}]}]}
            """,
            "subnets.json",
            """
            {"Subnets": [
              {"AvailabilityZone": "us-east-1a", "CidrBlock": "10.8.0.0/24", "MapPublicIpOnLaunch": true,
               "SubnetId": "subnet-pa", "VpcId": "vpc-1", "Tags": [{"Key": "Name", "Value": "PublicA"}]},
              {"AvailabilityZone": "us-east-1b", "CidrBlock": "10.8.1.0/24", "MapPublicIpOnLaunch": true,
               "SubnetId": "subnet-pb", "VpcId": "vpc-1", "Tags": [{"Key": "Name", "Value": "PublicB"}]},
              {"AvailabilityZone": "us-east-1a", "CidrBlock": "10.8.2.0/24", "MapPublicIpOnLaunch": false,
               "SubnetId": "subnet-app", "VpcId": "vpc-1", "Tags": [{"Key": "Name", "Value": "AppA"}]}]}
            """,
            "gateways.json",
            """
            {"InternetGateways": [{"InternetGatewayId": "igw-1", "Attachments": [{"State": "available", "VpcId": "vpc-1"}]}]}
            """,
            "route-tables.json",
            """
            {"RouteTables": [
              {"RouteTableId": "rtb-main", "VpcId": "vpc-1",
               "Associations": [{"Main": true, "RouteTableId": "rtb-main"}],
               "Routes": [{"DestinationCidrBlock": "10.8.0.0/16", "GatewayId": "local", "State": "active"}]},
              {"RouteTableId": "rtb-pub", "VpcId": "vpc-1", "Tags": [{"Key": "Name", "Value": "Public"}],
               "Associations": [{"SubnetId": "subnet-pa", "RouteTableId": "rtb-pub"},
                                {"SubnetId": "subnet-pb", "RouteTableId": "rtb-pub"}],
               "Routes": [{"DestinationCidrBlock": "10.8.0.0/16", "GatewayId": "local", "State": "active"},
                          {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "State": "active"}]}]}
            """,
            "groups.json",
            """
            {"SecurityGroups": [
              {"GroupId": "sg-lb", "GroupName": "LbGroup", "Description": "everything in", "VpcId": "vpc-1",
               "IpPermissions": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
               "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]},
              {"GroupId": "sg-app", "GroupName": "AppGroup", "Description": "from the load balancer", "VpcId": "vpc-1",
               "IpPermissions": [{"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": "sg-lb"}]}],
               "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]}]}
            """,
            "interfaces.json",
            """
            {"NetworkInterfaces": [
              {"NetworkInterfaceId": "eni-task", "SubnetId": "subnet-app", "VpcId": "vpc-1",
               "PrivateIpAddress": "10.8.2.15", "InterfaceType": "interface", "Description": "arn:aws:ecs:us-east-1:123456789012:attachment/1",
               "Groups": [{"GroupId": "sg-app", "GroupName": "AppGroup"}],
               "TagSet": [{"Key": "Name", "Value": "Service"}]}]}
            """,
            "describe-load-balancers.json",
            """
            {"LoadBalancers": [{"LoadBalancerName": "Lb", "Scheme": "internet-facing", "Type": "application",
              "LoadBalancerArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/Lb/50dc6c495c0c9188",
              "VpcId": "vpc-1", "SecurityGroups": ["sg-lb"],
              "AvailabilityZones": [{"ZoneName": "us-east-1a", "SubnetId": "subnet-pa"},
                                    {"ZoneName": "us-east-1b", "SubnetId": "subnet-pb"}]}]}
            """,
            "describe-listeners.json",
            """
            {"Listeners": [{"ListenerArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/Lb/50dc6c495c0c9188/f2f7dc8efc522ab2",
              "LoadBalancerArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/Lb/50dc6c495c0c9188",
              "Port": 443, "Protocol": "HTTPS",
              "DefaultActions": [{"Type": "forward",
                "TargetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/73e2d6bc24d8a067"}]}]}
            """,
            "describe-target-groups.json",
            """
            {"TargetGroups": [{"TargetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/73e2d6bc24d8a067",
              "TargetGroupName": "web", "Protocol": "HTTP", "Port": 8080, "VpcId": "vpc-1", "TargetType": "ip",
              "LoadBalancerArns": ["arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/Lb/50dc6c495c0c9188"]}]}
            """,
            "target-health-web.json",
            """
            {"TargetHealthDescriptions": [{"Target": {"Id": "10.8.2.15", "Port": 8080, "AvailabilityZone": "us-east-1a"},
              "HealthCheckPort": "8080", "TargetHealth": {"State": "healthy"}}]}
            """);

    private Path snapshot(Map<String, String> files) throws IOException {
        Path folder = dir.resolve("snapshot");
        Files.createDirectories(folder);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(folder.resolve(f.getKey()), f.getValue());
        }
        return folder;
    }

    @Test
    void check_theSameAccountAsDescribeOutputs_reportsOnly443OpenToTheWorld() throws IOException {
        CliTest.Run out = run("check", "--snapshot", snapshot(SNAPSHOT).toString());
        assertThat(out.err()).doesNotContain("unknown-key", "unknown-target-group");
        String table = fromInternet(out.out());
        assertThat(table)
                .containsPattern("Lb-PublicA +public +tcp +443 +anywhere on the internet")
                .containsPattern("Lb-PublicB +public +tcp +443 +anywhere on the internet")
                .doesNotContain("udp", "(all ports)");
        assertThat(out.out()).containsPattern("public +data +tcp +8080 +LbGroup -> AppGroup");
        CliTest.Run ssh = run(
                "why",
                "internet",
                "Lb-PublicA",
                "22",
                "--snapshot",
                snapshot(SNAPSHOT).toString());
        assertThat(ssh.out()).contains("BLOCKED no-listener").endsWith("Blocked.\n");
    }

    @Test
    void snapshot_targetHealthOfAnUnnamedGroup_amongSeveral_isReported_notGuessed() throws IOException {
        Map<String, String> files = new java.util.TreeMap<>(SNAPSHOT);
        files.put(
                "describe-target-groups.json",
                java.util.Objects.requireNonNull(SNAPSHOT.get("describe-target-groups.json"))
                        .replace(
                                "]}",
                                ", {\"TargetGroupArn\": \"arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/1\","
                                        + " \"TargetGroupName\": \"api\", \"Protocol\": \"HTTP\", \"Port\": 9000, \"TargetType\": \"ip\"}]}"));
        files.put("health.json", java.util.Objects.requireNonNull(files.remove("target-health-web.json")));
        CliTest.Run out = run("check", "--snapshot", snapshot(files).toString());
        assertThat(out.out() + out.err())
                .contains("cannot tell which target group this target is registered in", "target-health-<name>.json");
    }
}
