package dev.stackwright.analysis;

import static dev.stackwright.analysis.LoadBalancerListenersCliTest.ALLOW_ALL_ALB;
import static dev.stackwright.analysis.NetworkLoadBalancerTargetsCliTest.NLB;
import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.cli.CliTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load balancer as the source of a flow: it opens connections to its registered targets, and outside the VPC to
 * nothing the input holds, whatever its security group lets it open.
 *
 * <p>"You must ensure that your load balancer can communicate with registered targets on both the listener port and
 * the health check port", and the recommended outbound rules are to the "instance security group" on the "instance
 * listener" and "health check" ports
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-update-security-groups.html).
 * An Application Load Balancer also reaches the identity provider of a listener rule's authenticate action
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-authenticate-users.html): "The load
 * balancer must be able to communicate with the IdP token endpoint (TokenEndpoint) and the IdP user info endpoint
 * (UserInfoEndpoint). Application Load Balancers support only IPv4 when the load balancers communicate with these
 * endpoints", through "an outbound rule to the load balancer security group that allows traffic to the IdP endpoints
 * over HTTPS port 443" (https://repost.aws/knowledge-center/elb-configure-authentication-alb). This template shares
 * its listener through an export, so other stacks may add rules to it: whether one authenticates is not known, and that
 * is cannot tell (ListenerRulesCliTest has the load balancer whose rules are all known). An {@code ip} target group's targets may be outside the VPC at "the RFC 1918
 * range (10.0.0.0/8, 172.16.0.0/12, and 192.168.0.0/16), and the RFC 6598 range (100.64.0.0/10). You can't specify
 * publicly routable IP addresses"
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html): the model holds
 * no such target, so private addresses outside the VPC on the group's port are cannot tell too.
 */
class LoadBalancerAsSourceCliTest {
    @TempDir
    Path dir;

    /**
     * The ALB of the listeners' test (its group lets everything out, AWS's default egress rule), with a gateway
     * endpoint for S3, a peering route to 10.9.0.0/16 and an instance in the targets' subnet that no group registers;
     * its listener exported, as for rules in other stacks.
     */
    static final String ALB = ALLOW_ALL_ALB + """
              S3: {Type: AWS::EC2::VPCEndpoint, Properties: {VpcId: !Ref Vpc, ServiceName: com.amazonaws.us-east-1.s3, RouteTableIds: [!Ref Public]}}
              ToPeer: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref Public, DestinationCidrBlock: 10.9.0.0/16, VpcPeeringConnectionId: pcx-0123456789abcdef0}}
              Box: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref AppA, SecurityGroupIds: [!Ref AppGroup], ImageId: ami-12345678}}
            Outputs:
              HttpsListener: {Value: !Ref Https, Export: {Name: shop-https-listener}}
            """;

    /**
     * The same without the export: the template holds every listener and rule, so the target groups they name are all
     * the load balancer forwards to (with the export, another stack's rule may forward to another group).
     */
    static final String ALB_RULES_KNOWN = ALB.substring(0, ALB.indexOf("Outputs:\n"));

    private String template(String text) throws IOException {
        Path file = dir.resolve("stack.yaml");
        Files.writeString(file, text);
        return file.toString();
    }

    private static CliTest.Run why(String template, String from, String to, String port) {
        return run("why", from, to, port, "--template", template);
    }

    @Test
    void anAlbToTheInternetOnHttps_cannotTell_itsIdentityProviderIsNotModelled() throws IOException {
        CliTest.Run out = why(template(ALB), "Lb-PublicA", "internet", "443");
        assertThat(out.code()).as(out.out() + out.err()).isEqualTo(3);
        assertThat(out.out())
                .contains("Lb-PublicA -> internet  tcp 443: CANNOT TELL: the listener rules of Lb (an authenticate"
                        + " action connects to an identity provider) not modelled")
                .contains("-> target groups of Lb", "may connect to an identity provider on tcp 443 over IPv4")
                .endsWith("Cannot tell.\n");
    }

    @Test
    void anAlbToTheInternetOnAnyOtherPort_isBlocked_itConnectsOnlyToItsTargets() throws IOException {
        CliTest.Run out = why(template(ALB), "Lb-PublicA", "internet", "80");
        assertThat(out.code()).as(out.out() + out.err()).isZero();
        assertThat(out.out())
                .contains("BLOCKED only-to-targets: Lb opens connections only to its registered targets (and at most"
                        + " to an identity provider on tcp 443 over IPv4), not to anywhere on the internet on tcp 80")
                .doesNotContain("sg-egress-denied")
                .endsWith("Blocked.\n");
    }

    @Test
    void anNlbToTheInternet_isBlocked_evenOnHttps() throws IOException {
        CliTest.Run out = why(template(NLB), "Lb-PublicA", "internet", "443");
        assertThat(out.code()).as(out.out() + out.err()).isZero();
        assertThat(out.out())
                .contains("BLOCKED only-to-targets: Lb opens connections only to its registered targets, not to"
                        + " anywhere on the internet on tcp 443")
                .endsWith("Blocked.\n");
    }

    @Test
    void anAlbToS3ThroughItsGatewayEndpoint_isBlocked() throws IOException {
        CliTest.Run out = why(template(ALB), "Lb-PublicA", "s3", "443");
        assertThat(out.out())
                .as(out.err())
                .contains("BLOCKED only-to-targets: Lb opens connections only to its registered targets, not to")
                .endsWith("Blocked.\n");
    }

    @Test
    void anAlbToPrivateAddressesOutsideTheVpc_cannotTellOnItsIpGroupsPort_andIsBlockedElsewhere() throws IOException {
        String t = template(ALB_RULES_KNOWN);
        CliTest.Run port = why(t, "Lb-PublicA", "10.9.0.0/16", "8080");
        assertThat(port.code()).as(port.out() + port.err()).isEqualTo(3);
        assertThat(port.out())
                .contains("CANNOT TELL: the targets of target group Web outside the VPC not modelled")
                .contains("may connect to targets registered by IP address outside the VPC on tcp 8080");
        CliTest.Run other = why(t, "Lb-PublicA", "10.9.0.0/16", "22");
        assertThat(other.out())
                .contains("BLOCKED only-to-targets: Lb opens connections only to its registered targets (and at most to"
                        + " targets registered by IP address outside the VPC on tcp 8080), not to 10.9.0.0/16 on tcp"
                        + " 22")
                .endsWith("Blocked.\n");
        // With the listener exported, a rule of another stack may forward to any group, on any port.
        assertThat(why(template(ALB), "Lb-PublicA", "10.9.0.0/16", "22").out())
                .contains("may connect to targets registered by IP address outside the VPC on tcp (all ports)")
                .endsWith("Cannot tell.\n");
    }

    @Test
    void anAlbToAnInstanceItDoesNotRegister_isBlocked_toItsTargetOnTheTargetPort_reachable() throws IOException {
        String t = template(ALB_RULES_KNOWN);
        CliTest.Run box = why(t, "Lb-PublicA", "Box", "8080");
        assertThat(box.out())
                .as(box.err())
                .contains("BLOCKED not-a-target: Box is not a registered target of Lb: a load balancer forwards only"
                        + " to the targets registered in its target groups")
                .endsWith("Blocked.\n");
        CliTest.Run target = why(t, "Lb-PublicA", "Service", "8080");
        assertThat(target.out())
                .contains("forwards on tcp 8080 to Service, a registered target")
                .endsWith("Reachable.\n");
    }

    /**
     * The listener exported, another stack may add a rule to it that forwards to a group Box is registered in: main
     * answered "BLOCKED not-a-target", as if the template's groups were all the load balancer's.
     */
    @Test
    void anAlbWhoseListenerOtherStacksMayAddRulesTo_toAnInstanceItDoesNotRegister_cannotTell() throws IOException {
        CliTest.Run box = why(template(ALB), "Lb-PublicA", "Box", "8080");
        assertThat(box.code()).as(box.out() + box.err()).isEqualTo(3);
        assertThat(box.out())
                .contains("CANNOT TELL: which target groups the listener rules of Lb forward to not modelled")
                .doesNotContain("not-a-target")
                .endsWith("Cannot tell.\n");
        // Its own target is still reached on the group's port.
        assertThat(why(template(ALB), "Lb-PublicA", "Service", "8080").out()).endsWith("Reachable.\n");
    }

    @Test
    void check_listsTheAlbsHttpsToTheInternetAsCannotTell_andNoOtherEgressOfIt() throws IOException {
        CliTest.Run out = run("check", "--template", template(ALB));
        String text = out.out();
        String egress = text.substring(text.indexOf("Internet egress by tier"), text.indexOf("Tier to tier"));
        assertThat(egress)
                .as(text)
                .containsPattern("public +- +- +cannot tell +-")
                .containsPattern("public +Lb-PublicA, Lb-PublicB +internet +tcp 443 +the listener rules of Lb \\(an"
                        + " authenticate action connects to an identity provider\\) not modelled")
                .doesNotContain("(all ports)", "Lb-PublicA, Lb-PublicB  s3");
    }

    @Test
    void aLoadBalancerTheInputGivesOnlyTheInterfacesOf_opensWhatItsGroupsLetIt_asBefore() throws IOException {
        String bare =
                ALLOW_ALL_ALB.substring(0, ALLOW_ALL_ALB.indexOf("  Web:\n")).concat("""
                          Box: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref AppA, SecurityGroupIds: [!Ref AppGroup], ImageId: ami-12345678}}
                        """);
        String t = template(bare);
        assertThat(why(t, "Lb-PublicA", "internet", "80").out()).endsWith("Reachable.\n");
        assertThat(why(t, "Lb-PublicA", "Box", "22").out()).endsWith("Reachable.\n");
    }
}
