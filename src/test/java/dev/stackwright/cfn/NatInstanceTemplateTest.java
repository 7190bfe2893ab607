package dev.stackwright.cfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.Stackwright;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a NAT instance runs and may do: set-up at every boot, a health check that gets it replaced, one public address. */
class NatInstanceTemplateTest {
    private static final Pattern HEREDOC = Pattern.compile("cat > (\\S+) <<'EOF'\\n(.*?)\\nEOF\\n", Pattern.DOTALL);

    private static JsonNode resources() {
        return Stackwright.plan(Path.of("examples", "prod-nat-instances", "stackwright.yml"))
                .networkTemplate()
                .toJson()
                .path("Resources");
    }

    /** The user data of zone a's NAT instance, before Fn::Sub: the script as written, with its two variables. */
    private static String userData() {
        JsonNode sub = resources()
                .path("NatInstanceALaunchTemplate")
                .path("Properties")
                .path("LaunchTemplateData")
                .path("UserData")
                .path("Fn::Base64")
                .path("Fn::Sub");
        assertThat(sub.path(1).path("EniId").path("Ref").asText()).isEqualTo("NatInstanceAEni");
        return sub.path(0).asText();
    }

    /** The files the user data writes, by path. */
    private static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        Matcher m = HEREDOC.matcher(userData());
        while (m.find()) {
            files.put(m.group(1), m.group(2));
        }
        return files;
    }

    @Test
    void userData_installsABootUnit_thatForwardsAndMasqueradesAtEveryBoot() {
        Map<String, String> files = files();
        assertThat(files)
                .containsKeys(
                        "/etc/stackwright-nat.env",
                        "/usr/local/sbin/stackwright-nat",
                        "/etc/systemd/system/stackwright-nat.service");
        String unit = files.get("/etc/systemd/system/stackwright-nat.service");
        assertThat(unit)
                .contains(
                        "ExecStart=/usr/local/sbin/stackwright-nat\n",
                        "Type=oneshot",
                        "RemainAfterExit=yes",
                        "After=network-online.target",
                        "WantedBy=multi-user.target");
        assertThat(userData())
                .contains("systemctl enable stackwright-nat.service", "systemctl start stackwright-nat.service");

        String boot = files.get("/usr/local/sbin/stackwright-nat");
        assertThat(boot)
                .contains(
                        "sysctl -q -w net.ipv4.ip_forward=1",
                        // Idempotent: the rule is added only when it is not there yet.
                        "iptables -t nat -C POSTROUTING -o \"$iface\" -j MASQUERADE 2> /dev/null \\\n"
                                + "  || iptables -t nat -A POSTROUTING -o \"$iface\" -j MASQUERADE",
                        "iptables -P FORWARD ACCEPT",
                        "ip route replace default via \"$gateway\" dev \"$iface\" metric 10");
        // The interface is attached only when the instance does not have it (a reboot keeps the attachment).
        assertThat(boot)
                .containsPattern(
                        "if \\[ -z \"\\$\\(static_mac\\)\" \\]; then\\n(.*\\n)*?.*aws ec2 attach-network-interface");
        // Set-up lives in the unit alone, never in the run-once user data.
        String outside = HEREDOC.matcher(userData()).replaceAll("");
        assertThat(outside).doesNotContain("iptables", "sysctl", "ip route");
    }

    @Test
    void userData_usesNoSubstitutionsButTheInterfaceAndRegion() {
        Matcher m = Pattern.compile("\\$\\{([^}]*)}").matcher(userData());
        List<String> variables = new ArrayList<>();
        while (m.find()) {
            variables.add(m.group(1));
        }
        assertThat(variables).containsExactly("EniId", "AWS::Region");
    }

    @Test
    void healthCheck_runsEveryMinute_andMarksTheInstanceUnhealthyWhenForwardingBreaks() {
        Map<String, String> files = files();
        assertThat(files.get("/etc/systemd/system/stackwright-nat-check.timer"))
                .contains("OnUnitActiveSec=1min", "WantedBy=timers.target");
        assertThat(files.get("/etc/systemd/system/stackwright-nat-check.service"))
                .contains("ExecStart=/usr/local/sbin/stackwright-nat-check");
        assertThat(userData()).contains("systemctl enable stackwright-nat.service stackwright-nat-check.timer");
        assertThat(userData().indexOf("systemctl start stackwright-nat-check.timer"))
                .as("the health check runs even if the first set-up fails")
                .isPositive()
                .isLessThan(userData().indexOf("systemctl start stackwright-nat.service"));
        String check = files.get("/usr/local/sbin/stackwright-nat-check");
        assertThat(check)
                .contains(
                        "sysctl -n net.ipv4.ip_forward",
                        "iptables -t nat -C POSTROUTING",
                        "systemctl restart stackwright-nat.service",
                        "aws autoscaling set-instance-health --region \"$REGION\" --instance-id \"$instance_id\" \\\n"
                                + "  --health-status Unhealthy");

        JsonNode group = resources().path("NatInstanceAGroup").path("Properties");
        assertThat(group.path("HealthCheckType").asText()).isEqualTo("EC2");
        assertThat(statement("autoscaling:SetInstanceHealth")
                        .path("Condition")
                        .path("StringEquals")
                        .path("aws:ResourceTag/stackwright:stack")
                        .asText())
                .isEqualTo("orders-api-prod");
    }

    @Test
    void launchAddress_isReleasedOnceTheStaticInterfaceCarriesTheTraffic() {
        String boot = java.util.Objects.requireNonNull(files().get("/usr/local/sbin/stackwright-nat"));
        assertThat(boot.indexOf("--no-associate-public-ip-address"))
                .as("released after the default route moves to the static interface")
                .isGreaterThan(boot.indexOf("ip route replace default"));
        assertThat(statement("ec2:ModifyNetworkInterfaceAttribute")
                        .path("Condition")
                        .path("StringEquals")
                        .path("aws:ResourceTag/stackwright:stack")
                        .asText())
                .isEqualTo("orders-api-prod");
        // The primary interface carries the stack's tag, so that condition lets the instance release its address.
        JsonNode tagSpecs = resources()
                .path("NatInstanceALaunchTemplate")
                .path("Properties")
                .path("LaunchTemplateData")
                .path("TagSpecifications");
        assertThat(tagSpecs.findValuesAsText("ResourceType")).contains("network-interface");
        // The Elastic IP sits on the static interface, the one the routes target.
        assertThat(resources()
                        .path("NatInstanceAEipAssociation")
                        .path("Properties")
                        .path("NetworkInterfaceId")
                        .path("Ref")
                        .asText())
                .isEqualTo("NatInstanceAEni");
    }

    @Test
    void scripts_passBashSyntaxCheck(@TempDir Path dir) throws IOException, InterruptedException {
        assumeThat(Path.of("/bin/bash")).exists();
        Map<String, String> scripts = new LinkedHashMap<>();
        scripts.put("user-data", userData());
        files().forEach((path, text) -> {
            if (path.startsWith("/usr/local/sbin/")) {
                scripts.put(path.substring(path.lastIndexOf('/') + 1), text);
            }
        });
        assertThat(scripts).hasSize(3);
        for (Map.Entry<String, String> script : scripts.entrySet()) {
            Path file = dir.resolve(script.getKey());
            Files.writeString(file, script.getValue(), StandardCharsets.UTF_8);
            Process p = new ProcessBuilder("/bin/bash", "-n", file.toString())
                    .redirectErrorStream(true)
                    .start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(script.getKey() + ": " + out).isZero();
        }
    }

    private static JsonNode statement(String action) {
        for (JsonNode policy :
                resources().path("NatInstanceRole").path("Properties").path("Policies")) {
            for (JsonNode s : policy.path("PolicyDocument").path("Statement")) {
                for (JsonNode a : s.path("Action")) {
                    if (a.asText().equals(action)) {
                        return s;
                    }
                }
            }
        }
        throw new AssertionError("no statement allows " + action);
    }
}
