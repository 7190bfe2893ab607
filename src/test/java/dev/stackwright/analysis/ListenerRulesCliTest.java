package dev.stackwright.analysis;

import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.cli.CliTest;
import dev.stackwright.diag.Diagnostic;
import dev.stackwright.importer.Imported;
import dev.stackwright.importer.cfn.TemplateImporter;
import dev.stackwright.importer.snapshot.DefaultAcls;
import dev.stackwright.model.LoadBalancer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Application Load Balancer forwards by its listeners' rules as well as by their default actions, read from a
 * template's {@code AWS::ElasticLoadBalancingV2::ListenerRule} resources; and it connects to an identity provider only
 * where an action authenticates.
 *
 * <p>"Each listener has a default action, also known as the default rule. ... Each rule consists of a priority, one or
 * more actions, and one or more conditions"
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-update-rules.html). The rule's
 * {@code ListenerArn} is "The Amazon Resource Name (ARN) of the listener", and its {@code Actions} are "The actions.
 * The rule must include exactly one of the following types of actions: forward, fixed-response, or redirect, and it
 * must be the last action to be performed. If the rule is for an HTTPS listener, it can also optionally include an
 * authentication action"
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticloadbalancingv2-listenerrule.html).
 * A forward action names one group ({@code TargetGroupArn}) or several with weights ({@code ForwardConfig}): "To route
 * to one or more target groups, use ForwardConfig"
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-elasticloadbalancingv2-listenerrule-action.html).
 * The identity provider: "The load balancer must be able to communicate with the IdP token endpoint (TokenEndpoint) and
 * the IdP user info endpoint (UserInfoEndpoint)" (https://repost.aws/knowledge-center/elb-configure-authentication-alb).
 */
class ListenerRulesCliTest {
    @TempDir
    Path dir;

    /**
     * The common shape (AWS Copilot, CDK's addTargets with conditions): one HTTPS listener whose default action is a
     * fixed 404, and two rules forwarding to two services' target groups, an ECS service's tasks on 8080 and an
     * instance on 9000. Without the rules, the load balancer forwards nowhere.
     */
    static final String TWO_RULES = """
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
              ApiGroup:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: the api tasks, from the load balancer
                  VpcId: !Ref Vpc
                  SecurityGroupIngress: [{IpProtocol: "-1", SourceSecurityGroupId: !Ref LbGroup}]
              WebGroup:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: the web instance, from the load balancer
                  VpcId: !Ref Vpc
                  SecurityGroupIngress: [{IpProtocol: "-1", SourceSecurityGroupId: !Ref LbGroup}]
              Lb:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties: {Scheme: internet-facing, Subnets: [!Ref PublicA, !Ref PublicB], SecurityGroups: [!Ref LbGroup]}
              Https:
                Type: AWS::ElasticLoadBalancingV2::Listener
                Properties:
                  LoadBalancerArn: !Ref Lb
                  Port: 443
                  Protocol: HTTPS
                  DefaultActions: [{Type: fixed-response, FixedResponseConfig: {StatusCode: "404"}}]
              Api:
                Type: AWS::ElasticLoadBalancingV2::TargetGroup
                Properties: {VpcId: !Ref Vpc, Port: 8080, Protocol: HTTP, TargetType: ip}
              Web:
                Type: AWS::ElasticLoadBalancingV2::TargetGroup
                Properties: {VpcId: !Ref Vpc, Port: 9000, Protocol: HTTP, TargetType: instance, Targets: [{Id: !Ref WebBox}]}
              ApiRule:
                Type: AWS::ElasticLoadBalancingV2::ListenerRule
                Properties:
                  ListenerArn: !Ref Https
                  Priority: 1
                  Conditions: [{Field: path-pattern, PathPatternConfig: {Values: [/api/*]}}]
                  Actions: [{Type: forward, TargetGroupArn: !Ref Api}]
              WebRule:
                Type: AWS::ElasticLoadBalancingV2::ListenerRule
                Properties:
                  ListenerArn: !GetAtt Https.ListenerArn
                  Priority: 2
                  Conditions: [{Field: host-header, HostHeaderConfig: {Values: [www.example.com]}}]
                  Actions: [{Type: forward, TargetGroupArn: !Ref Web}]
              ApiService:
                Type: AWS::ECS::Service
                Properties:
                  LoadBalancers: [{TargetGroupArn: !Ref Api, ContainerName: api, ContainerPort: 8080}]
                  NetworkConfiguration:
                    AwsvpcConfiguration: {Subnets: [!Ref AppA], SecurityGroups: [!Ref ApiGroup]}
              WebBox: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref AppA, SecurityGroupIds: [!Ref WebGroup], ImageId: ami-12345678}}
            """;

    private String template(String text) throws IOException {
        Path file = dir.resolve("stack.yaml");
        Files.writeString(file, text);
        return file.toString();
    }

    private static Imported imported(String text) {
        return TemplateImporter.read("stack.yaml", text, TemplateImporter.Options.defaults());
    }

    private static LoadBalancer lb(Imported imported) {
        return imported.networks().getFirst().loadBalancers().getFirst();
    }

    private static List<String> warnings(Imported imported, String code) {
        return imported.findings().stream()
                .filter(d -> d.code().equals(code))
                .map(Diagnostic::format)
                .toList();
    }

    @Test
    void twoRules_theLoadBalancerReachesEachServicesTargets_onItsGroupsPort() throws IOException {
        // On a build that reads DefaultActions only, the load balancer has no target group: both were cannot tell
        // ("what Lb forwards to not modelled"), and check listed no connection to either service.
        String t = template(TWO_RULES);
        CliTest.Run api = run("why", "Lb-PublicA", "ApiService", "8080", "--template", t);
        assertThat(api.out())
                .as(api.err())
                .contains("forwards on tcp 8080 to ApiService, a registered target")
                .doesNotContain("no-target-group", "not-a-target")
                .endsWith("Reachable.\n");
        CliTest.Run web = run("why", "Lb-PublicA", "WebBox", "9000", "--template", t);
        assertThat(web.out())
                .contains("forwards on tcp 9000 to WebBox, a registered target")
                .endsWith("Reachable.\n");
        // Each group's targets only: the instance is not the api group's.
        assertThat(run("why", "Lb-PublicA", "WebBox", "8080", "--template", t).out())
                .contains("BLOCKED no-target-group")
                .endsWith("Blocked.\n");
        assertThat(run("why", "internet", "Lb-PublicA", "443", "--template", t).out())
                .endsWith("Reachable.\n");
    }

    /**
     * The default action forwards to the web instance and one rule to the api tasks: read from the default action
     * alone, the api tasks were "not a target" (blocked no-target-group, a confident wrong answer).
     */
    @Test
    void aDefaultForwardAndARule_theRulesTargetsAreReachedToo() throws IOException {
        String mixed = TWO_RULES
                .replace(
                        "DefaultActions: [{Type: fixed-response, FixedResponseConfig: {StatusCode: \"404\"}}]",
                        "DefaultActions: [{Type: forward, TargetGroupArn: !Ref Web}]")
                .replaceAll("(?s)  WebRule:.*?TargetGroupArn: !Ref Web}\\]\n", "");
        assertThat(mixed).doesNotContain("WebRule", "fixed-response");
        String t = template(mixed);
        CliTest.Run api = run("why", "Lb-PublicA", "ApiService", "8080", "--template", t);
        assertThat(api.out())
                .as(api.err())
                .contains("forwards on tcp 8080 to ApiService, a registered target")
                .doesNotContain("no-target-group")
                .endsWith("Reachable.\n");
        assertThat(run("why", "Lb-PublicA", "WebBox", "9000", "--template", t).out())
                .endsWith("Reachable.\n");
    }

    @Test
    void twoRules_checkListsTheLoadBalancerToServiceConnections() throws IOException {
        CliTest.Run out = run("check", "--template", template(TWO_RULES));
        String text = out.out();
        String tiers = text.substring(text.indexOf("Tier to tier"));
        assertThat(tiers)
                .as(text)
                .containsPattern("public +data +tcp +8080 +LbGroup -> ApiGroup")
                .containsPattern("public +data +tcp +9000 +LbGroup -> WebGroup");
        assertThat(out.err()).doesNotContain("Exception");
    }

    @Test
    void aRuleWithForwardConfig_reachesEveryWeightedGroupsTargets() throws IOException {
        String weighted = TWO_RULES + """
              Blue:
                Type: AWS::ElasticLoadBalancingV2::TargetGroup
                Properties: {VpcId: !Ref Vpc, Port: 7000, Protocol: HTTP, TargetType: instance, Targets: [{Id: !Ref BlueBox}]}
              Green:
                Type: AWS::ElasticLoadBalancingV2::TargetGroup
                Properties: {VpcId: !Ref Vpc, Port: 7001, Protocol: HTTP, TargetType: instance, Targets: [{Id: !Ref GreenBox}]}
              Canary:
                Type: AWS::ElasticLoadBalancingV2::ListenerRule
                Properties:
                  ListenerArn: !Ref Https
                  Priority: 3
                  Conditions: [{Field: path-pattern, PathPatternConfig: {Values: [/shop/*]}}]
                  Actions:
                    - Type: forward
                      ForwardConfig:
                        TargetGroups: [{TargetGroupArn: !Ref Blue, Weight: 90}, {TargetGroupArn: !Ref Green, Weight: 10}]
              BlueBox: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref AppA, SecurityGroupIds: [!Ref WebGroup], ImageId: ami-12345678}}
              GreenBox: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref AppA, SecurityGroupIds: [!Ref WebGroup], ImageId: ami-12345678}}
            """;
        String t = template(weighted);
        assertThat(run("why", "Lb-PublicA", "BlueBox", "7000", "--template", t).out())
                .contains("forwards on tcp 7000 to BlueBox, a registered target")
                .endsWith("Reachable.\n");
        assertThat(run("why", "Lb-PublicA", "GreenBox", "7001", "--template", t).out())
                .contains("forwards on tcp 7001 to GreenBox, a registered target")
                .endsWith("Reachable.\n");
        assertThat(lb(imported(weighted)).targetGroups())
                .extracting(LoadBalancer.TargetGroup::name)
                .containsExactly("Api", "Blue", "Green", "Web");
    }

    @Test
    void everyListenerAndRuleInTheTemplate_noneAuthenticates_theIdentityProviderFlowIsBlocked() throws IOException {
        assertThat(lb(imported(TWO_RULES)).authentication()).isEqualTo(LoadBalancer.Authentication.NONE);
        CliTest.Run out = run("why", "Lb-PublicA", "internet", "443", "--template", template(TWO_RULES));
        assertThat(out.code()).as(out.out() + out.err()).isZero();
        assertThat(out.out())
                .contains("BLOCKED only-to-targets: Lb opens connections only to its registered targets, not to"
                        + " anywhere on the internet on tcp 443")
                .doesNotContain("identity provider")
                .endsWith("Blocked.\n");
        String check = run("check", "--template", template(TWO_RULES)).out();
        assertThat(check).doesNotContain("identity provider", "listener rules of Lb");
    }

    /** An OIDC action before the forward, as the rule's Actions allow on an HTTPS listener. */
    static final String OIDC_RULE = """
              Login:
                Type: AWS::ElasticLoadBalancingV2::ListenerRule
                Properties:
                  ListenerArn: !Ref Https
                  Priority: 4
                  Conditions: [{Field: path-pattern, PathPatternConfig: {Values: [/admin/*]}}]
                  Actions:
                    - Type: authenticate-oidc
                      Order: 1
                      AuthenticateOidcConfig:
                        Issuer: https://idp.example.com
                        AuthorizationEndpoint: https://idp.example.com/authorize
                        TokenEndpoint: https://idp.example.com/token
                        UserInfoEndpoint: https://idp.example.com/userinfo
                        ClientId: shop
                    - {Type: forward, Order: 2, TargetGroupArn: !Ref Api}
            """;

    @Test
    void aRuleThatAuthenticates_theIdentityProviderFlowIsCannotTell_itsEndpointsAreNotInTheInput() throws IOException {
        String withLogin = TWO_RULES + OIDC_RULE;
        assertThat(lb(imported(withLogin)).authentication()).isEqualTo(LoadBalancer.Authentication.SOME);
        CliTest.Run out = run("why", "Lb-PublicA", "internet", "443", "--template", template(withLogin));
        assertThat(out.code()).as(out.out() + out.err()).isEqualTo(3);
        assertThat(out.out())
                .contains("CANNOT TELL: the endpoints of the identity provider that Lb's authenticate action"
                        + " connects to not modelled")
                .endsWith("Cannot tell.\n");
        // The IdP is reached over HTTPS and IPv4 only: another port is still blocked.
        assertThat(run("why", "Lb-PublicA", "internet", "80", "--template", template(withLogin))
                        .out())
                .contains("BLOCKED only-to-targets: Lb opens connections only to its registered targets (and at most"
                        + " to an identity provider on tcp 443 over IPv4)")
                .endsWith("Blocked.\n");
    }

    @Test
    void aDefaultActionThatAuthenticates_isReadToo() {
        String cognito = TWO_RULES.replace(
                "DefaultActions: [{Type: fixed-response, FixedResponseConfig: {StatusCode: \"404\"}}]",
                "DefaultActions: [{Type: authenticate-cognito, Order: 1, AuthenticateCognitoConfig: {UserPoolArn:"
                        + " arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc, UserPoolClientId: c,"
                        + " UserPoolDomain: shop}}, {Type: fixed-response, Order: 2, FixedResponseConfig: {StatusCode:"
                        + " \"404\"}}]");
        assertThat(cognito).contains("authenticate-cognito");
        assertThat(lb(imported(cognito)).authentication()).isEqualTo(LoadBalancer.Authentication.SOME);
    }

    @Test
    void aRuleOnAListenerOfAnotherStack_isReportedWhereItIs_andTheRulesAreThenNotKnown() throws IOException {
        String outside = TWO_RULES.replace(
                "ListenerArn: !Ref Https",
                "ListenerArn: arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/Other/1/2");
        Imported imported = imported(outside);
        assertThat(warnings(imported, "dangling-reference"))
                .singleElement()
                .asString()
                .startsWith("stack.yaml:")
                .contains("Resources.ApiRule.Properties.ListenerArn: refers to listener"
                        + " arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/Other/1/2, which is not"
                        + " in the template");
        assertThat(lb(imported).authentication()).isEqualTo(LoadBalancer.Authentication.NOT_KNOWN);
        // The rule is left out: the api tasks are no target; the other rule still counts.
        assertThat(lb(imported).targetGroups())
                .extracting(LoadBalancer.TargetGroup::name)
                .containsExactly("Web");
        CliTest.Run out = run("why", "Lb-PublicA", "internet", "443", "--template", template(outside));
        assertThat(out.code()).as(out.out() + out.err()).isEqualTo(3);
        assertThat(out.out())
                .contains("CANNOT TELL: the listener rules of Lb (an authenticate action connects to an identity"
                        + " provider) not modelled");
    }

    @Test
    void aListenerTheTemplateShares_mayGetRulesElsewhere_soTheyAreNotKnown() {
        String exported = TWO_RULES + """
            Outputs:
              HttpsListener:
                Value: !Ref Https
                Export: {Name: shop-https-listener}
            """;
        assertThat(lb(imported(exported)).authentication()).isEqualTo(LoadBalancer.Authentication.NOT_KNOWN);
        String subbed = TWO_RULES + """
            Outputs:
              HttpsListener:
                Value: !Sub "${Https}"
            """;
        assertThat(lb(imported(subbed)).authentication()).isEqualTo(LoadBalancer.Authentication.NOT_KNOWN);
        String nested = TWO_RULES + """
              Routes:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: https://example.com/routes.yaml
                  Parameters: {Listener: !GetAtt Https.ListenerArn}
            """;
        assertThat(lb(imported(nested)).authentication()).isEqualTo(LoadBalancer.Authentication.NOT_KNOWN);
        String maybe = TWO_RULES.replace(
                        "Resources:\n",
                        "Parameters:\n  LoginOn: {Type: String}\nConditions:\n  WithLogin: !Equals [!Ref LoginOn, \"yes\"]\nResources:\n")
                + OIDC_RULE.replace(
                        "Type: AWS::ElasticLoadBalancingV2::ListenerRule",
                        "Type: AWS::ElasticLoadBalancingV2::ListenerRule\n    Condition: WithLogin");
        Imported unknownCondition = imported(maybe);
        assertThat(unknownCondition.findings()).anyMatch(d -> d.path().equals("Resources.Login.Condition"));
        assertThat(lb(unknownCondition).authentication()).isEqualTo(LoadBalancer.Authentication.NOT_KNOWN);
        String lbOnly = TWO_RULES + """
            Outputs:
              Dns:
                Value: !GetAtt Lb.DNSName
            """;
        assertThat(lb(imported(lbOnly)).authentication()).isEqualTo(LoadBalancer.Authentication.NONE);
    }

    @Test
    void aTemplateWithoutTheListener_staysNotKnown() {
        String noListener = TWO_RULES.replaceAll("(?s)  Https:.*?StatusCode: \"404\"}}\\]\n", "");
        assertThat(noListener).doesNotContain("  Https:");
        Imported imported = imported(noListener);
        assertThat(lb(imported).authentication()).isEqualTo(LoadBalancer.Authentication.NOT_KNOWN);
        // Both rules name a listener the template does not hold (a Ref to nothing is its own finding).
        assertThat(lb(imported).targetGroups()).isEmpty();
    }

    @Test
    void badShapes_areLocatedWarnings_neverAnException_andTheRulesAreThenNotKnown() throws IOException {
        String missing = TWO_RULES.replace("      ListenerArn: !Ref Https\n", "");
        Imported noListener = imported(missing);
        assertThat(warnings(noListener, "missing-field"))
                .singleElement()
                .asString()
                .contains("Resources.ApiRule.Properties.ListenerArn: is missing, so this listener rule is left out");
        assertThat(lb(noListener).authentication()).isEqualTo(LoadBalancer.Authentication.NOT_KNOWN);

        String mapping = TWO_RULES.replace(
                "Actions: [{Type: forward, TargetGroupArn: !Ref Api}]",
                "Actions: {Type: forward, TargetGroupArn: !Ref Api}");
        Imported notAList = imported(mapping);
        assertThat(warnings(notAList, "not-a-list"))
                .singleElement()
                .asString()
                .contains("Resources.ApiRule.Properties.Actions: must be a list; it is left out");
        assertThat(lb(notAList).authentication()).isEqualTo(LoadBalancer.Authentication.NOT_KNOWN);

        String text =
                TWO_RULES.replace("Actions: [{Type: forward, TargetGroupArn: !Ref Web}]", "Actions: [forward, 7]");
        Imported strings = imported(text);
        assertThat(warnings(strings, "bad-value"))
                .hasSize(2)
                .allSatisfy(w -> assertThat(w).contains("Resources.WebRule.Properties.Actions["));
        assertThat(lb(strings).authentication()).isEqualTo(LoadBalancer.Authentication.NOT_KNOWN);

        String configList = TWO_RULES.replace(
                "Actions: [{Type: forward, TargetGroupArn: !Ref Web}]",
                "Actions: [{Type: forward, ForwardConfig: [{TargetGroupArn: !Ref Web}]}]");
        assertThat(warnings(imported(configList), "bad-value"))
                .singleElement()
                .asString()
                .contains("Resources.WebRule.Properties.Actions[0].ForwardConfig: is not a mapping");

        String noType = TWO_RULES.replace(
                "Actions: [{Type: forward, TargetGroupArn: !Ref Web}]", "Actions: [{TargetGroupArn: !Ref Web}]");
        assertThat(warnings(imported(noType), "bad-value"))
                .singleElement()
                .asString()
                .contains("Resources.WebRule.Properties.Actions[0].Type: is missing");

        for (String bad : List.of(missing, mapping, text, configList, noType)) {
            CliTest.Run out = run("why", "Lb-PublicA", "internet", "443", "--template", template(bad));
            assertThat(out.code()).as(out.out() + out.err()).isIn(0, 3);
            assertThat(out.err()).doesNotContain("Exception", "\tat ");
        }
    }

    // The same shape as describe-* outputs: the listener's default action a fixed 404, the forward in a rule that
    // describe-rules prints; describe-target-groups here without LoadBalancerArns, so only the rule says it.

    static final String LB_ARN =
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/Lb/50dc6c495c0c9188";
    static final String RULE_PREFIX =
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/Lb/50dc6c495c0c9188/f2f7dc8efc522ab2/";
    static final String WEB_GROUP =
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/73e2d6bc24d8a067";

    /** describe-rules --listener-arn of the listener: one forward rule (ACTION replaced) and the default rule. */
    static final String RULES = """
            {"Rules": [
              {"RuleArn": "PREFIX9683b2d02a6cabee", "Priority": "1", "IsDefault": false,
               "Conditions": [{"Field": "path-pattern", "Values": ["/api/*"],
                               "PathPatternConfig": {"Values": ["/api/*"]}}],
               "Actions": [ACTION{"Type": "forward", "TargetGroupArn": "GROUP", "Order": 2,
                           "ForwardConfig": {"TargetGroups": [{"TargetGroupArn": "GROUP", "Weight": 1}]}}]},
              {"RuleArn": "PREFIXdefault0001", "Priority": "default", "IsDefault": true, "Conditions": [],
               "Actions": [{"Type": "fixed-response", "Order": 1,
                            "FixedResponseConfig": {"StatusCode": "404", "ContentType": "text/plain"}}]}]}
            """.replace("PREFIX", RULE_PREFIX).replace("GROUP", WEB_GROUP);

    static java.util.Map<String, String> snapshot(String action) {
        java.util.Map<String, String> files = new java.util.TreeMap<>(LoadBalancerListenersCliTest.SNAPSHOT);
        files.put(
                "describe-listeners.json",
                java.util.Objects.requireNonNull(files.get("describe-listeners.json"))
                        .replaceAll(
                                "(?s)\"DefaultActions\": \\[.*\\]}\\]}",
                                "\"DefaultActions\": [{\"Type\": \"fixed-response\", \"FixedResponseConfig\":"
                                        + " {\"StatusCode\": \"404\"}}]}]}"));
        files.put(
                "describe-target-groups.json",
                java.util.Objects.requireNonNull(files.get("describe-target-groups.json"))
                        .replaceAll("(?s),\\s*\"LoadBalancerArns\": \\[[^\\]]*\\]", ""));
        files.put("describe-rules.json", RULES.replace("ACTION", action));
        return files;
    }

    private String folder(java.util.Map<String, String> files) throws IOException {
        Path folder = dir.resolve("snapshot");
        Files.createDirectories(folder);
        try (var old = Files.list(folder)) {
            for (Path f : old.toList()) {
                Files.delete(f);
            }
        }
        for (java.util.Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(folder.resolve(f.getKey()), f.getValue());
        }
        // A whole account: its subnets use the default network ACL (DefaultAcls).
        return DefaultAcls.addTo(folder).toString();
    }

    private static LoadBalancer lb(java.util.Map<String, String> files) {
        return lb(dev.stackwright.importer.snapshot.Snapshot.read("snap", files));
    }

    @Test
    void snapshot_theRuleForwardsToTheService_andNothingAuthenticates() throws IOException {
        java.util.Map<String, String> files = snapshot("");
        assertThat(files.get("describe-listeners.json"))
                .contains("fixed-response")
                .doesNotContain(WEB_GROUP);
        assertThat(files.get("describe-target-groups.json")).doesNotContain("LoadBalancerArns");
        Imported imported = dev.stackwright.importer.snapshot.Snapshot.read("snap", files);
        assertThat(imported.findings()).noneMatch(d -> d.code().equals("unknown-key"));
        assertThat(lb(imported).targetGroups())
                .extracting(LoadBalancer.TargetGroup::name)
                .containsExactly(WEB_GROUP);
        assertThat(lb(imported).authentication()).isEqualTo(LoadBalancer.Authentication.NONE);
        String s = folder(files);
        assertThat(run("why", "Lb-PublicA", "Service", "8080", "--snapshot", s).out())
                .contains("forwards on tcp 8080 to Service, a registered target")
                .endsWith("Reachable.\n");
        assertThat(run("why", "Lb-PublicA", "internet", "443", "--snapshot", s).out())
                .contains("BLOCKED only-to-targets: Lb opens connections only to its registered targets, not to")
                .endsWith("Blocked.\n");
    }

    @Test
    void snapshot_withoutDescribeRules_whetherItAuthenticatesIsNotKnown() throws IOException {
        java.util.Map<String, String> files = snapshot("");
        files.remove("describe-rules.json");
        assertThat(lb(files).authentication()).isEqualTo(LoadBalancer.Authentication.NOT_KNOWN);
        CliTest.Run out = run("why", "Lb-PublicA", "internet", "443", "--snapshot", folder(files));
        assertThat(out.code()).as(out.out() + out.err()).isEqualTo(3);
        assertThat(out.out())
                .contains("CANNOT TELL: the listener rules of Lb (an authenticate action connects to an identity"
                        + " provider) not modelled");
        // describe-listeners as the old test has it, forwarding by default: the rules are still not known.
        assertThat(lb(new java.util.TreeMap<>(LoadBalancerListenersCliTest.SNAPSHOT))
                        .authentication())
                .isEqualTo(LoadBalancer.Authentication.NOT_KNOWN);
    }

    @Test
    void snapshot_aRuleThatAuthenticates_theIdentityProviderFlowIsCannotTell() throws IOException {
        java.util.Map<String, String> files = snapshot("""
                {"Type": "authenticate-cognito", "Order": 1, "AuthenticateCognitoConfig": {
                  "UserPoolArn": "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc",
                  "UserPoolClientId": "c", "UserPoolDomain": "shop"}},""");
        assertThat(lb(files).authentication()).isEqualTo(LoadBalancer.Authentication.SOME);
        CliTest.Run out = run("why", "Lb-PublicA", "internet", "443", "--snapshot", folder(files));
        assertThat(out.out())
                .contains("CANNOT TELL: the endpoints of the identity provider that Lb's authenticate action"
                        + " connects to not modelled")
                .endsWith("Cannot tell.\n");
    }

    @Test
    void snapshot_badRules_areLocatedWarnings_andTheRulesAreThenNotKnown() {
        java.util.Map<String, String> files = snapshot("");
        files.put("describe-rules.json", RULES.replace("ACTION", "").replace(RULE_PREFIX + "9683b2d02a6cabee", "r-1"));
        Imported notAnArn = dev.stackwright.importer.snapshot.Snapshot.read("snap", files);
        assertThat(warnings(notAnArn, "dangling-reference"))
                .singleElement()
                .asString()
                .startsWith("describe-rules.json:2:")
                .contains("Rules[0].RuleArn: is not a listener rule's ARN");
        // The rule left out forwards nowhere, and whose it is cannot be told: no load balancer's rules are known.
        assertThat(lb(notAnArn).targetGroups()).isEmpty();
        assertThat(lb(notAnArn).authentication()).isEqualTo(LoadBalancer.Authentication.NOT_KNOWN);

        files.put(
                "describe-rules.json",
                RULES.replaceAll("(?s)\"Actions\": \\[ACTION.*?}}]},", "\"Actions\": {\"Type\": \"forward\"}},"));
        Imported notAList = dev.stackwright.importer.snapshot.Snapshot.read("snap", files);
        assertThat(warnings(notAList, "not-a-list"))
                .singleElement()
                .asString()
                .contains("Rules[0].Actions: must be a list");
        assertThat(lb(notAList).authentication()).isEqualTo(LoadBalancer.Authentication.NOT_KNOWN);

        files.put("describe-rules.json", RULES.replace("ACTION", "\"forward\", "));
        Imported notAnAction = dev.stackwright.importer.snapshot.Snapshot.read("snap", files);
        assertThat(warnings(notAnAction, "bad-value"))
                .singleElement()
                .asString()
                .contains("Rules[0].Actions[0]: is not an action with a Type");
        assertThat(lb(notAnAction).authentication()).isEqualTo(LoadBalancer.Authentication.NOT_KNOWN);
        assertThat(lb(notAnAction).targetGroups())
                .extracting(LoadBalancer.TargetGroup::name)
                .containsExactly(WEB_GROUP);
    }

    /*
     * https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-pagination.html: "If there are more results than
     * --max-items, a NextToken is output"; Elastic Load Balancing's own API pages with a Marker and NextMarker
     * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeRules.html: "NextMarker: If
     * there are additional results, this is the marker for the next set of results").
     */
    @Test
    void snapshot_onePageOfTheRules_isAWarning_andTheRulesAreThenNotKnown() throws IOException {
        java.util.Map<String, String> files = snapshot("");
        files.put(
                "describe-rules.json",
                RULES.replace("ACTION", "").replaceFirst("\\{\"Rules\"", "{\"NextMarker\": \"m-2\", \"Rules\""));
        Imported imported = dev.stackwright.importer.snapshot.Snapshot.read("snap", files);

        assertThat(warnings(imported, "partial-output"))
                .singleElement()
                .asString()
                .startsWith("describe-rules.json:1:")
                .contains("NextMarker: this output is one page of a longer listing of Rules")
                .contains("run the command again without --max-items or --no-paginate");
        assertThat(imported.findings()).noneMatch(d -> d.code().equals("unknown-key"));
        // What the page holds is still read; whether a rule on another page authenticates is not known.
        assertThat(lb(imported).targetGroups())
                .extracting(LoadBalancer.TargetGroup::name)
                .containsExactly(WEB_GROUP);
        assertThat(lb(imported).authentication()).isEqualTo(LoadBalancer.Authentication.NOT_KNOWN);
        CliTest.Run out = run("why", "Lb-PublicA", "internet", "443", "--snapshot", folder(files));
        assertThat(out.code()).as(out.out() + out.err()).isEqualTo(3);
        assertThat(out.err() + out.out())
                .contains("describe-rules.json:1:16: warning: NextMarker: this output is one page of a longer listing");
    }

    @Test
    void snapshot_onePageOfAnyListing_isAWarning_anEmptyTokenIsNot() {
        java.util.Map<String, String> files = snapshot("");
        String targetGroups = java.util.Objects.requireNonNull(files.get("describe-target-groups.json"));
        files.put("describe-target-groups.json", targetGroups.replaceFirst("\\{", "{\"NextToken\": \"eyJ9\", "));
        assertThat(warnings(dev.stackwright.importer.snapshot.Snapshot.read("snap", files), "partial-output"))
                .singleElement()
                .asString()
                .contains("NextToken: this output is one page of a longer listing of TargetGroups");

        files.put("describe-target-groups.json", targetGroups.replaceFirst("\\{", "{\"NextToken\": null, "));
        Imported whole = dev.stackwright.importer.snapshot.Snapshot.read("snap", files);
        assertThat(whole.findings())
                .noneMatch(d -> d.code().equals("partial-output") || d.code().equals("unknown-key"));
        assertThat(lb(whole).authentication()).isEqualTo(LoadBalancer.Authentication.NONE);
    }
}
