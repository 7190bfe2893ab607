package dev.stackwright.analysis.lint.rules;

import dev.stackwright.analysis.lint.Equivalents;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.LintContext;
import dev.stackwright.analysis.lint.LintRule;
import dev.stackwright.analysis.lint.Severity;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.DualStack;
import dev.stackwright.model.Peer;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.SecurityGroup;
import dev.stackwright.model.SecurityGroupRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Remote administration and database ports open to 0.0.0.0/0 are scanned and brute-forced within minutes; CIS AWS
 * Foundations 5.2 and AWS's own security group guidance say never:
 * https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
 */
public final class AdminPortOpenToWorld implements LintRule {
    /** Ports that must never be open to the world, with what they are. */
    static final Map<Integer, String> SENSITIVE = sensitive();

    private static Map<Integer, String> sensitive() {
        Map<Integer, String> m = new LinkedHashMap<>();
        m.put(22, "SSH");
        m.put(3389, "RDP");
        m.put(1433, "SQL Server");
        m.put(1521, "Oracle");
        m.put(3306, "MySQL");
        m.put(5432, "PostgreSQL");
        m.put(6379, "Redis");
        m.put(27017, "MongoDB");
        return Map.copyOf(m);
    }

    /** Stands for {@code ::/0} among the IPv4 rules this rule reads (the peer type holds IPv4 blocks only). */
    private static final Peer IPV6_ANYWHERE = new Peer.PrefixList("::/0");

    @Override
    public String id() {
        return "SW006";
    }

    @Override
    public String name() {
        return "admin-port-open-to-world";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "No security group admits SSH, RDP or a database port from 0.0.0.0/0 or ::/0.";
    }

    @Override
    public Equivalents equivalents() {
        return new Equivalents(
                List.of(
                        "AwsSolutions-EC23",
                        "AwsSolutions-RDS8",
                        "NIST.800.53.R5-EC2RestrictedSSH",
                        "NIST.800.53.R5-EC2RestrictedCommonPorts"),
                List.of("W2"),
                List.of("CKV_AWS_24", "CKV_AWS_25"));
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        int dbPort = context.network().databasePort();
        Map<String, List<Attachment>> byGroup = context.attachmentsByGroup();
        for (SecurityGroup g : context.network().securityGroups()) {
            List<Attachment> members = byGroup.getOrDefault(g.name(), List.of());
            // Every IPv6 address is as much the world as every IPv4 one: a rule on ::/0 is judged alike.
            List<SecurityGroupRule> open = new ArrayList<>(g.ingress().stream()
                    .filter(r -> r.peer() instanceof Peer.Block b && b.cidr().prefixLength() == 0)
                    .toList());
            context.network()
                    .ipv6()
                    .ifPresent(d -> d.rulesOf(g.name(), false).stream()
                            .filter(DualStack.Ipv6Rule::anywhere)
                            .forEach(r -> open.add(new SecurityGroupRule(r.protocol(), r.ports(), IPV6_ANYWHERE, ""))));
            for (SecurityGroupRule r : open) {
                if (r.protocol() == Protocol.ICMP) {
                    continue;
                }
                List<String> hits = new ArrayList<>();
                for (int port : ports(dbPort)) {
                    if ((r.protocol() == Protocol.ALL || r.ports().contains(port)) && heard(context, members, port)) {
                        hits.add(name(port, dbPort) + " (" + port + ")");
                    }
                }
                if (hits.isEmpty()) {
                    continue;
                }
                boolean bastion = g.role() == SecurityGroup.Role.BASTION;
                out.add(finding(
                        "security group " + g.name() + " admits " + String.join(", ", hits) + " from anywhere ("
                                + (r.peer() == IPV6_ANYWHERE ? "::/0" : "0.0.0.0/0") + ")",
                        "security group " + g.name(),
                        !bastion
                                ? "admit it from a security group or your own range only, or use Session Manager for access"
                                : context.intent().isPresent()
                                        ? "set network.bastionCidr to your office or VPN range, or use network.access:"
                                                + " ssm (no open ports)"
                                        : "admit it from your office or VPN range only, or use Session Manager (no open"
                                                + " ports)",
                        bastion ? "network.bastionCidr" : ""));
            }
        }
        return out;
    }

    /**
     * Whether anything in the group may take connections on {@code port}. A group only load balancers use, whose
     * listeners the input gives, lets in only what they listen on: "A listener is a process that checks for connection
     * requests, using the protocol and port that you configure"
     * (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html). Any other
     * member, or none known (the group may be used elsewhere), may.
     */
    private static boolean heard(LintContext context, List<Attachment> members, int port) {
        return members.isEmpty()
                || members.stream()
                        .anyMatch(a -> a.kind() != Attachment.Kind.LOAD_BALANCER
                                || context.reach().listening(a, Protocol.TCP).contains(port));
    }

    private static List<Integer> ports(int dbPort) {
        List<Integer> ports =
                new ArrayList<>(SENSITIVE.keySet().stream().sorted().toList());
        if (dbPort > 0 && !ports.contains(dbPort)) {
            ports.add(dbPort);
        }
        return ports;
    }

    private static @Nullable String name(int port, int dbPort) {
        return port == dbPort && !SENSITIVE.containsKey(port) ? "the database port" : SENSITIVE.get(port);
    }
}
