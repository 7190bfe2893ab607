package dev.stackwright.analysis;

import static dev.stackwright.analysis.ListenerRulesCliTest.RULES;
import static dev.stackwright.analysis.ListenerRulesCliTest.TWO_RULES;
import static dev.stackwright.analysis.ListenerRulesCliTest.WEB_GROUP;
import static dev.stackwright.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stackwright.SnapshotFolders;
import dev.stackwright.cli.CliTest;
import dev.stackwright.importer.snapshot.DefaultAcls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a load balancer forwards to, exactly where the input gives all of it, and cannot tell where it does not.
 *
 * <p>A listener rule "must include exactly one of the following types of actions: forward, fixed-response, or
 * redirect" (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticloadbalancingv2-listenerrule.html),
 * and "Each target group is used to route requests to one or more registered targets"
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-target-groups.html): a load
 * balancer every listener and rule of which answers with a fixed response or a redirect routes to no target. A
 * snapshot's target group names the load balancers that use it: {@code LoadBalancerArns}, "The Amazon Resource Names
 * (ARN) of the load balancers that route traffic to this target group"
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetGroup.html); describe-rules
 * "Describes the specified rules or the rules for the specified listener"
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_DescribeRules.html). Without either, a
 * rule the snapshot lacks may forward to any of its groups.
 */
class LoadBalancerForwardingKnownCliTest {
    @TempDir
    Path dir;

    private int folders;

    /** ListenerRulesCliTest's two-rule template with both rules answering themselves: nothing forwards. */
    static final String NO_FORWARD = TWO_RULES
            .replace(
                    "Actions: [{Type: forward, TargetGroupArn: !Ref Api}]",
                    "Actions: [{Type: redirect, RedirectConfig: {Protocol: HTTPS, Host: api.example.com,"
                            + " StatusCode: HTTP_301}}]")
            .replace(
                    "Actions: [{Type: forward, TargetGroupArn: !Ref Web}]",
                    "Actions: [{Type: fixed-response, FixedResponseConfig: {StatusCode: \"503\"}}]");

    private String template(String text) throws IOException {
        Path file = dir.resolve("stack" + folders++ + ".yaml");
        Files.writeString(file, text);
        return file.toString();
    }

    private String folder(Map<String, String> files) throws IOException {
        // A whole account: its subnets use the default network ACL (DefaultAcls).
        return DefaultAcls.addTo(SnapshotFolders.written(files, dir.resolve("snapshot" + folders++)))
                .toString();
    }

    /** Main answered "CANNOT TELL: what Lb forwards to not modelled" (exit 3) here. */
    @Test
    void template_everyListenerAndRuleInTheInput_noneForwards_isBlocked_noTargetGroup() throws IOException {
        assertThat(NO_FORWARD).doesNotContain("Type: forward");
        String t = template(NO_FORWARD);
        CliTest.Run api = run("why", "Lb-PublicA", "ApiService", "8080", "--template", t);
        assertThat(api.code()).as(api.out() + api.err()).isZero();
        assertThat(api.out())
                .contains("BLOCKED no-target-group: Lb forwards to no target group: its listeners and their rules"
                        + " answer with fixed responses or redirects, so it opens connections to nothing")
                .doesNotContain("CANNOT TELL")
                .endsWith("Blocked.\n");
        // Nowhere outside the VPC either: no identity provider (nothing authenticates), no target by IP address.
        CliTest.Run out = run("why", "Lb-PublicA", "10.9.0.1", "443", "--template", t);
        assertThat(out.out()).contains("BLOCKED only-to-targets").endsWith("Blocked.\n");
        CliTest.Run check = run("check", "--template", t);
        assertThat(check.out()).doesNotContain("what Lb forwards to");
    }

    /** A listener the template exports may get rules elsewhere: still cannot tell, and says what is missing. */
    @Test
    void template_aSharedListener_staysCannotTell() throws IOException {
        String shared = NO_FORWARD + "Outputs:\n  Listener: {Value: !Ref Https, Export: {Name: shop-https}}\n";
        CliTest.Run r = run("why", "Lb-PublicA", "ApiService", "8080", "--template", template(shared));
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(r.out())
                .contains("CANNOT TELL: what Lb forwards to not modelled")
                .endsWith("Cannot tell.\n");
    }

    /** A rule forwarding to a group the template does not hold (another stack's ARN, an import): cannot tell. */
    @Test
    void template_aForwardToAGroupNotInTheInput_staysCannotTell() throws IOException {
        for (String group : new String[] {
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/other/0123456789abcdef",
            "!ImportValue other-stack-group"
        }) {
            String elsewhere = NO_FORWARD.replace(
                    "Actions: [{Type: fixed-response, FixedResponseConfig: {StatusCode: \"503\"}}]",
                    "Actions: [{Type: forward, TargetGroupArn: " + group + "}]");
            CliTest.Run r = run("why", "Lb-PublicA", "ApiService", "8080", "--template", template(elsewhere));
            assertThat(r.code()).as(group + ": " + r.out() + r.err()).isEqualTo(3);
            assertThat(r.out()).as(group).doesNotContain("no-target-group").endsWith("Cannot tell.\n");
            assertThat(r.err()).doesNotContain("Exception");
        }
    }

    /** ListenerRulesCliTest's snapshot, its one forward rule a redirect instead: nothing forwards. */
    @Test
    void snapshot_everyRuleInDescribeRules_noneForwards_isBlocked_noTargetGroup() throws IOException {
        Map<String, String> files = ListenerRulesCliTest.snapshot("");
        String redirect = "{\"Type\": \"redirect\", \"Order\": 1, \"RedirectConfig\": {\"Protocol\": \"HTTPS\","
                + " \"Port\": \"443\", \"Host\": \"example.com\", \"Path\": \"/\", \"StatusCode\": \"HTTP_301\"}}";
        String rules = RULES.replace("ACTION", "")
                .replaceAll(
                        "(?s)\\{\"Type\": \"forward\".*?\"Weight\": 1}]}}",
                        java.util.regex.Matcher.quoteReplacement(redirect));
        assertThat(rules).doesNotContain("forward", WEB_GROUP);
        files.put("describe-rules.json", rules);
        CliTest.Run r = run("why", "Lb-PublicA", "Service", "8080", "--snapshot", folder(files));
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("BLOCKED no-target-group: Lb forwards to no target group")
                .endsWith("Blocked.\n");

        // Without describe-rules, what the rules forward to is not in the input.
        files.remove("describe-rules.json");
        CliTest.Run unknown = run("why", "Lb-PublicA", "Service", "8080", "--snapshot", folder(files));
        assertThat(unknown.code()).as(unknown.out() + unknown.err()).isEqualTo(3);
        assertThat(unknown.out()).contains("CANNOT TELL: what Lb forwards to not modelled");
    }

    static final String API_GROUP =
            "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/0f1e2d3c4b5a6978";

    /**
     * LoadBalancerListenersCliTest's account, the listener forwarding by default to group api (Service registered on
     * 9000), group web (Service on 8080) used by no listener the snapshot shows: no describe-rules output, and
     * describe-target-groups without LoadBalancerArns.
     */
    static Map<String, String> ruleOnlyGroup() {
        Map<String, String> files = new TreeMap<>(LoadBalancerListenersCliTest.SNAPSHOT);
        files.put(
                "describe-listeners.json",
                Objects.requireNonNull(files.get("describe-listeners.json")).replace(WEB_GROUP, API_GROUP));
        files.put(
                "describe-target-groups.json",
                Objects.requireNonNull(files.get("describe-target-groups.json"))
                        .replaceAll("(?s),\\s*\"LoadBalancerArns\": \\[[^\\]]*\\]", "")
                        .replace(
                                "]}\n",
                                ",\n {\"TargetGroupArn\": \"" + API_GROUP + "\", \"TargetGroupName\": \"api\","
                                        + " \"Protocol\": \"HTTP\", \"Port\": 9000, \"VpcId\": \"vpc-1\","
                                        + " \"TargetType\": \"ip\"}]}\n"));
        files.put(
                "target-health-api.json",
                Objects.requireNonNull(files.get("target-health-web.json")).replace("8080", "9000"));
        return files;
    }

    /** Main answered "BLOCKED no-target-group: Lb opens connections only to its targets, on tcp 9000, not on 8080". */
    @Test
    void snapshot_aGroupOnlyARuleMayUse_withoutDescribeRulesOrLoadBalancerArns_cannotTell() throws IOException {
        Map<String, String> files = ruleOnlyGroup();
        assertThat(files.get("describe-target-groups.json")).doesNotContain("LoadBalancerArns");
        assertThat(files).doesNotContainKey("describe-rules.json");
        String s = folder(files);
        CliTest.Run r = run("why", "Lb-PublicA", "Service", "8080", "--snapshot", s);
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(r.out())
                .contains("CANNOT TELL: which target groups the listener rules of Lb forward to not modelled")
                .doesNotContain("no-target-group");
        // The default action's group is known: its port is reached.
        assertThat(run("why", "Lb-PublicA", "Service", "9000", "--snapshot", s).out())
                .contains("forwards on tcp 9000 to Service, a registered target")
                .endsWith("Reachable.\n");
    }

    /** Either piece of input makes the answer exact again. */
    @Test
    void snapshot_withLoadBalancerArnsOrDescribeRules_theGroupNoRuleUses_isBlocked() throws IOException {
        Map<String, String> arns = ruleOnlyGroup();
        String lb = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/Lb/50dc6c495c0c9188";
        arns.put(
                "describe-target-groups.json",
                Objects.requireNonNull(arns.get("describe-target-groups.json"))
                        .replace("\"TargetType\": \"ip\"}", "\"TargetType\": \"ip\", \"LoadBalancerArns\": []}")
                        .replace(
                                "\"TargetType\": \"ip\", \"LoadBalancerArns\": []}]}",
                                "\"TargetType\": \"ip\", \"LoadBalancerArns\": [\"" + lb + "\"]}]}"));
        assertThat(arns.get("describe-target-groups.json")).contains("\"LoadBalancerArns\": []", lb);
        CliTest.Run byArns = run("why", "Lb-PublicA", "Service", "8080", "--snapshot", folder(arns));
        assertThat(byArns.code()).as(byArns.out() + byArns.err()).isZero();
        assertThat(byArns.out()).contains("BLOCKED no-target-group").endsWith("Blocked.\n");

        Map<String, String> rules = ruleOnlyGroup();
        rules.put(
                "describe-rules.json",
                "{\"Rules\": [{\"RuleArn\": \"" + ListenerRulesCliTest.RULE_PREFIX + "default0001\", \"Priority\":"
                        + " \"default\", \"IsDefault\": true, \"Conditions\": [], \"Actions\": [{\"Type\": \"forward\","
                        + " \"TargetGroupArn\": \"" + API_GROUP + "\"}]}]}\n");
        CliTest.Run byRules = run("why", "Lb-PublicA", "Service", "8080", "--snapshot", folder(rules));
        assertThat(byRules.code()).as(byRules.out() + byRules.err()).isZero();
        assertThat(byRules.out()).contains("BLOCKED no-target-group").endsWith("Blocked.\n");
    }
}
