package dev.stackwright.cfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stackwright.Stackwright;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the NAT instance's boot and health-check scripts under bash against stand-ins for the instance metadata, the
 * AWS CLI, ip, sysctl, iptables and systemctl, which record what they are asked to do. A first boot attaches the
 * static interface and releases the launch address; a reboot changes only what a reboot lost; the health check asks
 * for a replacement only when a re-run does not mend forwarding.
 */
class NatInstanceScriptsTest {
    private static final Pattern HEREDOC = Pattern.compile("cat > (\\S+) <<'EOF'\\n(.*?)\\nEOF\\n", Pattern.DOTALL);

    /** Stand-ins: state lives in files under $STATE; every call is appended to $STATE/log. */
    private static final Map<String, String> STUBS = Map.of(
            "curl", """
                    url="$(eval echo \\"\\$$#\\")"
                    case "$url" in *api/token) echo token; exit 0;; esac
                    p="$STATE/imds/$(echo "$url" | sed 's|.*/meta-data/||')"
                    if [ -d "$p" ]; then ls "$p" | sed 's|$|/|'; elif [ -f "$p" ]; then cat "$p"; else exit 22; fi
                    """,
            "aws", """
                    echo "aws $*" >> "$STATE/log"
                    case "$*" in
                      *attach-network-interface*)
                        mkdir -p "$STATE/imds/network/interfaces/macs/0a:00:00:00:00:02"
                        echo eni-static > "$STATE/imds/network/interfaces/macs/0a:00:00:00:00:02/interface-id"
                        echo 10.0.0.0/24 > "$STATE/imds/network/interfaces/macs/0a:00:00:00:00:02/subnet-ipv4-cidr-block";;
                      *no-associate-public-ip-address*) rm -f "$STATE/imds/network/interfaces/macs/0a:00:00:00:00:01/public-ipv4s";;
                      *set-instance-health*) ;;
                    esac
                    """,
            "ip", """
                    echo "ip $*" >> "$STATE/log"
                    case "$*" in
                      "-o link")
                        echo "2: eth0: <BROADCAST,UP> mtu 9001 link/ether 0a:00:00:00:00:01 brd ff:ff:ff:ff:ff:ff"
                        [ -d "$STATE/imds/network/interfaces/macs/0a:00:00:00:00:02" ] \\
                          && echo "3: ens6: <BROADCAST,UP> mtu 9001 link/ether 0a:00:00:00:00:02 brd ff:ff:ff:ff:ff:ff";;
                      "-4 addr show dev ens6"*) echo "    inet 10.0.0.9/24 brd 10.0.0.255 scope global ens6";;
                      "route replace default"*) echo "default via 10.0.0.1 dev ens6 metric 10 " > "$STATE/route";;
                      "route show default") cat "$STATE/route" 2> /dev/null;;
                    esac
                    """,
            "sysctl", """
                    echo "sysctl $*" >> "$STATE/log"
                    case "$*" in
                      "-n net.ipv4.ip_forward") cat "$STATE/forward" 2> /dev/null || echo 0;;
                      *net.ipv4.ip_forward=1) echo 1 > "$STATE/forward";;
                    esac
                    """,
            "iptables", """
                    echo "iptables $*" >> "$STATE/log"
                    case "$*" in
                      "-t nat -C POSTROUTING -o ens6 -j MASQUERADE") [ -f "$STATE/masquerade" ];;
                      "-t nat -A POSTROUTING -o ens6 -j MASQUERADE") touch "$STATE/masquerade";;
                    esac
                    """,
            "systemctl", """
                    echo "systemctl $*" >> "$STATE/log"
                    [ "$*" = "restart stackwright-nat.service" ] && [ ! -f "$STATE/broken" ] && exec "$STATE/stackwright-nat"
                    [ "$*" = "restart stackwright-nat.service" ] && exit 1
                    exit 0
                    """,
            "sleep", "exit 0\n",
            "dnf", "echo \"dnf $*\" >> \"$STATE/log\"\n");

    @TempDir
    Path state;

    @BeforeEach
    void instance() throws IOException {
        assumeThat(Path.of("/bin/bash")).exists();
        Path bin = Files.createDirectories(state.resolve("bin"));
        for (Map.Entry<String, String> stub : STUBS.entrySet()) {
            executable(bin.resolve(stub.getKey()), "#!/bin/bash\n" + stub.getValue());
        }
        Map<String, String> files = files();
        for (String script : List.of("stackwright-nat", "stackwright-nat-check")) {
            // The scripts' fixed paths, moved into the test's folder.
            executable(
                    state.resolve(script),
                    java.util.Objects.requireNonNull(files.get("/usr/local/sbin/" + script))
                            .replace(
                                    "/etc/stackwright-nat.env",
                                    state.resolve("env").toString())
                            .replace(
                                    "/run/stackwright-nat.iface",
                                    state.resolve("iface").toString()));
        }
        Files.writeString(
                state.resolve("env"),
                java.util.Objects.requireNonNull(files.get("/etc/stackwright-nat.env"))
                        .replace("${EniId}", "eni-static")
                        .replace("${AWS::Region}", "us-east-1"));
        // A fresh instance: one interface, with its launch address.
        Path primary = Files.createDirectories(state.resolve("imds/network/interfaces/macs/0a:00:00:00:00:01"));
        Files.writeString(primary.resolve("interface-id"), "eni-primary");
        Files.writeString(primary.resolve("public-ipv4s"), "203.0.113.7");
        Files.writeString(state.resolve("imds/instance-id"), "i-0123");
        Files.writeString(state.resolve("imds/mac"), "0a:00:00:00:00:01");
    }

    @Test
    void firstBoot_attachesTheStaticInterface_routesThroughIt_andReleasesTheLaunchAddress() throws Exception {
        assertThat(run("stackwright-nat")).isZero();
        List<String> log = log();
        assertThat(log)
                .containsSubsequence(
                        "aws ec2 attach-network-interface --region us-east-1 --instance-id i-0123 --network-interface-id eni-static --device-index 1",
                        "sysctl -q -w net.ipv4.ip_forward=1",
                        "sysctl -q -w net.ipv4.conf.ens6.rp_filter=0",
                        "ip route replace default via 10.0.0.1 dev ens6 metric 10",
                        "iptables -t nat -A POSTROUTING -o ens6 -j MASQUERADE",
                        "iptables -P FORWARD ACCEPT",
                        "aws ec2 modify-network-interface-attribute --region us-east-1 --no-associate-public-ip-address --network-interface-id eni-primary");
        assertThat(Files.readString(state.resolve("iface")).strip()).isEqualTo("ens6");
    }

    @Test
    void reboot_setsUpForwardingAgain_withoutAttachingReleasingOrDuplicatingTheRule() throws Exception {
        assertThat(run("stackwright-nat")).isZero();
        // A reboot keeps the attachment, the released address and nothing else: forwarding, route and rules are lost.
        Files.delete(state.resolve("forward"));
        Files.delete(state.resolve("route"));
        Files.delete(state.resolve("masquerade"));
        Files.delete(state.resolve("log"));
        assertThat(run("stackwright-nat")).isZero();
        List<String> log = log();
        assertThat(log)
                .contains(
                        "sysctl -q -w net.ipv4.ip_forward=1",
                        "ip route replace default via 10.0.0.1 dev ens6 metric 10",
                        "iptables -t nat -A POSTROUTING -o ens6 -j MASQUERADE");
        assertThat(log).noneMatch(l -> l.startsWith("aws "));
        // And a re-run with everything in place adds no second rule.
        Files.delete(state.resolve("log"));
        assertThat(run("stackwright-nat")).isZero();
        assertThat(log()).noneMatch(l -> l.startsWith("iptables -t nat -A") || l.startsWith("aws "));
    }

    @Test
    void healthCheck_isQuietWhenForwarding_mendsByReRunning_andElseAsksForAReplacement() throws Exception {
        assertThat(run("stackwright-nat")).isZero();
        Files.delete(state.resolve("log"));
        assertThat(run("stackwright-nat-check")).isZero();
        assertThat(log()).noneMatch(l -> l.startsWith("systemctl") || l.startsWith("aws "));

        Files.writeString(state.resolve("forward"), "0\n"); // forwarding switched off behind its back
        assertThat(run("stackwright-nat-check")).isZero();
        assertThat(log())
                .contains("systemctl restart stackwright-nat.service")
                .noneMatch(l -> l.contains("set-instance-health"));
        assertThat(Files.readString(state.resolve("forward")).strip()).isEqualTo("1");

        Files.writeString(state.resolve("forward"), "0\n");
        Files.writeString(state.resolve("broken"), ""); // and this time the set-up cannot mend it
        run("stackwright-nat-check");
        assertThat(log())
                .contains("aws autoscaling set-instance-health --region us-east-1 --instance-id i-0123 "
                        + "--health-status Unhealthy --no-should-respect-grace-period");
    }

    private int run(String script) throws IOException, InterruptedException {
        ProcessBuilder pb =
                new ProcessBuilder("/bin/bash", state.resolve(script).toString()).redirectErrorStream(true);
        pb.environment().put("PATH", state.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().put("STATE", state.toString());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Files.writeString(state.resolve("out"), out);
        return p.exitValue();
    }

    private List<String> log() throws IOException {
        Path log = state.resolve("log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private static Map<String, String> files() {
        JsonNode sub = Stackwright.plan(Path.of("examples", "prod-nat-instances", "stackwright.yml"))
                .networkTemplate()
                .toJson()
                .path("Resources")
                .path("NatInstanceALaunchTemplate")
                .path("Properties")
                .path("LaunchTemplateData")
                .path("UserData")
                .path("Fn::Base64")
                .path("Fn::Sub");
        Map<String, String> files = new LinkedHashMap<>();
        Matcher m = HEREDOC.matcher(sub.path(0).asText());
        while (m.find()) {
            files.put(m.group(1), m.group(2) + "\n");
        }
        return files;
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
