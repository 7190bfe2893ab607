package dev.stackwright.analysis;

import static dev.stackwright.analysis.LoadBalancerListenersCliTest.ALLOW_ALL_ALB;
import static dev.stackwright.analysis.LoadBalancerListenersCliTest.SNAPSHOT;
import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.analysis.reach.Answer;
import dev.stackwright.analysis.reach.Flow;
import dev.stackwright.analysis.reach.Location;
import dev.stackwright.analysis.reach.Reachability;
import dev.stackwright.analysis.reach.Verdict;
import dev.stackwright.cli.CliTest;
import dev.stackwright.importer.snapshot.DefaultAcls;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Network;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load balancer forwards only to the targets registered in its listeners' target groups, on the group's port or the
 * target's own, whatever its security group lets it open.
 *
 * <p>https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html: "Each
 * target group is used to route requests to one or more registered targets. When a rule condition is met, traffic is
 * forwarded to the corresponding target group." and "You register your targets with one or more target groups." The
 * same page: "If you specify targets using an instance ID, traffic is routed to instances using the primary private
 * IP address ... you can override the port" when registering a target
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetDescription.html: "Port: The port on
 * which the target is listening. If the target group protocol is GENEVE, the supported port is 6081. ... Not used if
 * the target is a Lambda function."). An ECS service registers its tasks:
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-load-balancing.html ("Amazon ECS automatically
 * registers and deregisters targets with the target group"). Batfish's AWS model does the same for network load
 * balancers: it forwards to the targets describe-target-health lists and drops "all packets that the load balancer
 * could not forward" (batfish/batfish, representation/aws/LoadBalancer.java, FORWARDED_PACKETS_FILTER_NAME).
 */
class LoadBalancerTargetsCliTest {
    @TempDir
    Path dir;

    /** The listeners' template with a second ECS service in the same group and subnet, registered nowhere. */
    static final String WITH_OTHER_SERVICE = ALLOW_ALL_ALB + """
              Other:
                Type: AWS::ECS::Service
                Properties:
                  NetworkConfiguration:
                    AwsvpcConfiguration: {Subnets: [!Ref AppA], SecurityGroups: [!Ref AppGroup]}
            """;

    private Path file(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private Path snapshot(Map<String, String> files) throws IOException {
        Path folder = dir.resolve("snapshot");
        Files.createDirectories(folder);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(folder.resolve(f.getKey()), f.getValue());
        }
        // A whole account: its subnets use the default network ACL (DefaultAcls).
        return DefaultAcls.addTo(folder);
    }

    @Test
    void template_theAlbReachesTheServiceItsGroupRegisters_butNotAnotherThatItsGroupAlsoAdmits() throws IOException {
        Path t = file("stack.yaml", WITH_OTHER_SERVICE);
        CliTest.Run registered = run("why", "Lb-PublicA", "Service", "8080", "--template", t.toString());
        assertThat(registered.out())
                .as(registered.err())
                .contains("forwards on tcp 8080 to Service, a registered target")
                .endsWith("Reachable.\n");
        CliTest.Run other = run("why", "Lb-PublicA", "Other", "8080", "--template", t.toString());
        assertThat(other.code()).as(other.out() + other.err()).isZero();
        assertThat(other.out())
                .contains("BLOCKED not-a-target: Other is not a registered target of Lb: a load balancer forwards only"
                        + " to the targets registered in its target groups")
                .doesNotContain("sg-ingress-denied")
                .endsWith("Blocked.\n");
    }

    @Test
    void template_aTargetRegisteredWithItsOwnPort_isReachedOnThatPort_notTheGroups() throws IOException {
        String withInstance = ALLOW_ALL_ALB + """
              Box:
                Type: AWS::EC2::Instance
                Properties: {SubnetId: !Ref AppA, SecurityGroupIds: [!Ref AppGroup], ImageId: ami-12345678}
              Boxes:
                Type: AWS::ElasticLoadBalancingV2::TargetGroup
                Properties: {VpcId: !Ref Vpc, Port: 8080, Protocol: HTTP, TargetType: instance, Targets: [{Id: !Ref Box, Port: 9090}]}
              Http:
                Type: AWS::ElasticLoadBalancingV2::Listener
                Properties:
                  LoadBalancerArn: !Ref Lb
                  Port: 80
                  Protocol: HTTP
                  DefaultActions: [{Type: forward, TargetGroupArn: !Ref Boxes}]
            """;
        Path t = file("stack.yaml", withInstance);
        assertThat(run("why", "Lb-PublicA", "Box", "9090", "--template", t.toString())
                        .out())
                .contains("forwards on tcp 9090 to Box, a registered target")
                .endsWith("Reachable.\n");
        assertThat(run("why", "Lb-PublicA", "Box", "8080", "--template", t.toString())
                        .out())
                .contains("BLOCKED no-target-group: Lb opens connections only to its targets, on tcp 9090, not on 8080")
                .endsWith("Blocked.\n");
    }

    @Test
    void template_aGroupNothingRegistersIn_cannotTell_neverAGuess() throws IOException {
        String unregistered = ALLOW_ALL_ALB.replace(
                "      LoadBalancers: [{TargetGroupArn: !Ref Web, ContainerName: app, ContainerPort: 8080}]\n", "");
        assertThat(unregistered).doesNotContain("ContainerPort");
        CliTest.Run out = run(
                "why",
                "Lb-PublicA",
                "Service",
                "8080",
                "--template",
                file("stack.yaml", unregistered).toString());
        assertThat(out.code()).as(out.out() + out.err()).isEqualTo(3);
        assertThat(out.out())
                .contains("CANNOT TELL: the targets of target group Web not modelled")
                .doesNotContain("REACHABLE", "BLOCKED")
                .endsWith("Cannot tell.\n");
    }

    /** A second task interface in the app subnet, in the app group, that describe-target-health does not list. */
    static Map<String, String> withOtherTask() {
        Map<String, String> files = new TreeMap<>(SNAPSHOT);
        files.put(
                "interfaces.json",
                Objects.requireNonNull(SNAPSHOT.get("interfaces.json")).replace("]}\n", """
                                ,
                                  {"NetworkInterfaceId": "eni-other", "SubnetId": "subnet-app", "VpcId": "vpc-1",
                                   "PrivateIpAddress": "10.8.2.16", "InterfaceType": "interface", "Description": "arn:aws:ecs:us-east-1:123456789012:attachment/2",
                                   "Groups": [{"GroupId": "sg-app", "GroupName": "AppGroup"}],
                                   "TagSet": [{"Key": "Name", "Value": "Other"}]}]}
                                """));
        return files;
    }

    @Test
    void snapshot_onlyTheTargetsDescribeTargetHealthLists_areReached() throws IOException {
        Path s = snapshot(withOtherTask());
        assertThat(run("why", "Lb-PublicA", "Service", "8080", "--snapshot", s.toString())
                        .out())
                .endsWith("Reachable.\n");
        CliTest.Run other = run("why", "Lb-PublicA", "Other", "8080", "--snapshot", s.toString());
        assertThat(other.out() + other.err())
                .contains("BLOCKED not-a-target: Other is not a registered target of Lb")
                .endsWith("Blocked.\n");
    }

    @Test
    void snapshot_withoutTargetHealth_likeAServiceWhoseTasksAreNotRunning_cannotTell() throws IOException {
        Map<String, String> files = withOtherTask();
        files.remove("target-health-web.json");
        CliTest.Run out = run(
                "why",
                "Lb-PublicA",
                "Service",
                "8080",
                "--snapshot",
                snapshot(files).toString());
        assertThat(out.code()).as(out.out() + out.err()).isEqualTo(3);
        assertThat(out.out())
                .contains("CANNOT TELL: the targets of target group")
                .endsWith("Cannot tell.\n");
    }

    /** A plan knows which service sits behind its target group: the front door reaches the app tasks, nothing else. */
    @Test
    void plan_theFrontDoorReachesItsTasks_andNotAnInstanceAddedBesideThem() {
        Network plan = Networks.plan("""
                name: shop
                environment: prod
                region: us-east-1
                service: {compute: fargate, port: 8080}
                frontDoor: {type: alb, domain: api.example.com, certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"}
                """);
        Network extra = Networks.addAttachment(
                plan, new Attachment("stray", Attachment.Kind.INSTANCE, "app-a", java.util.List.of("app"), false));
        Reachability reach = new Reachability(extra);
        Location.Resource door = reach.locate(attachment(extra, "front-door-a")).orElseThrow();
        Answer toTask = reach.evaluate(new Flow(
                door, reach.locate(attachment(extra, "app-a")).orElseThrow(), Protocol.TCP, PortRange.of(8080)));
        assertThat(toTask.verdict()).isEqualTo(Verdict.REACHABLE);
        Answer toStray = reach.evaluate(new Flow(
                door, reach.locate(attachment(extra, "stray")).orElseThrow(), Protocol.TCP, PortRange.of(8080)));
        assertThat(toStray.verdict()).isEqualTo(Verdict.BLOCKED);
        assertThat(toStray.blockers()).extracting(b -> b.code()).containsExactly("not-a-target");
    }

    /**
     * A load balancer known only by its interfaces (a snapshot of the EC2 outputs alone) is judged by its groups, as
     * for its listeners: no target group hop, no guess about targets either way.
     */
    @Test
    void aLoadBalancerKnownOnlyByItsInterfaces_isJudgedByItsGroups() {
        Network plan = Networks.plan("""
                name: shop
                environment: prod
                region: us-east-1
                service: {compute: fargate, port: 8080}
                frontDoor: {type: alb, domain: api.example.com, certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789"}
                """);
        Network bare = new Network(
                plan.region(),
                plan.stackName(),
                plan.vpc(),
                plan.azs(),
                plan.subnets(),
                plan.routeTables(),
                plan.internetGateway(),
                plan.nats(),
                plan.endpoints(),
                plan.securityGroups(),
                plan.networkAcls(),
                plan.flowLogs(),
                plan.bastion(),
                plan.servicePort(),
                plan.databasePort(),
                plan.attachments(),
                plan.loadBalancers().stream()
                        .map(lb -> new dev.stackwright.model.LoadBalancer(
                                lb.name(),
                                lb.type(),
                                lb.internetFacing(),
                                java.util.List.of(),
                                lb.interfaces(),
                                java.util.List.of()))
                        .toList(),
                plan.ipv6());
        Reachability reach = new Reachability(bare);
        Answer a = reach.evaluate(new Flow(
                reach.locate(attachment(bare, "front-door-a")).orElseThrow(),
                reach.locate(attachment(bare, "app-a")).orElseThrow(),
                Protocol.TCP,
                PortRange.of(8080)));
        assertThat(a.verdict()).isEqualTo(Verdict.REACHABLE);
        assertThat(a.branches().getFirst().hops()).noneMatch(h -> h.component().startsWith("target groups of"));
    }

    private static Attachment attachment(Network n, String name) {
        return n.attachments().stream()
                .filter(a -> a.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
