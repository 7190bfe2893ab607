package dev.stackwright.analysis.lint.rules;

import dev.stackwright.analysis.lint.Equivalents;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.LintContext;
import dev.stackwright.analysis.lint.LintRule;
import dev.stackwright.analysis.lint.Severity;
import dev.stackwright.analysis.reach.Answer;
import dev.stackwright.analysis.reach.Blocker;
import dev.stackwright.analysis.reach.Flow;
import dev.stackwright.analysis.reach.Location;
import dev.stackwright.analysis.reach.Reachability;
import dev.stackwright.analysis.reach.Verdict;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.LoadBalancer;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A target its load balancer cannot health-check fails its health checks, and "Each load balancer node routes
 * requests only to the healthy targets" (it gets traffic only when every target of the group fails, and the load
 * balancer fails open): https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html.
 * "The security groups associated with an instance must allow traffic from the load balancer using the health check
 * port and health check protocol":
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-troubleshooting.html. The health check
 * port is what {@link LoadBalancer.TargetGroup#opens} says, asked of the engine from each of the load balancer's
 * interfaces, as {@code why} asks it; on the traffic port of a group that preserves the client's address, the flow
 * is the clients' and this rule leaves it alone.
 */
public final class HealthCheckBlocked implements LintRule {
    @Override
    public String id() {
        return "SW016";
    }

    @Override
    public String name() {
        return "health-check-blocked";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "Load balancers can reach every registered target on its health check port.";
    }

    @Override
    public Equivalents equivalents() {
        return new Equivalents(List.of(), List.of(), List.of());
    }

    @Override
    public List<Finding> check(LintContext context) {
        Reachability reach = context.reach();
        Map<String, Attachment> byName = new HashMap<>();
        context.network().attachments().forEach(a -> byName.putIfAbsent(a.name(), a));
        List<Finding> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (LoadBalancer lb : context.network().loadBalancers()) {
            for (LoadBalancer.TargetGroup g : lb.targetGroups()) {
                if (!g.targetsKnown()) {
                    continue;
                }
                for (LoadBalancer.Target t : g.targets()) {
                    Optional<Location.Resource> target =
                            Optional.ofNullable(byName.get(t.attachment())).flatMap(reach::locate);
                    if (t.health().receives() != LoadBalancer.Receives.YES || target.isEmpty()) {
                        continue;
                    }
                    for (int port : healthCheckPorts(lb, g, t)) {
                        if (!seen.add(lb.name() + "/" + t.attachment() + ":" + port)) {
                            continue;
                        }
                        blocked(reach, lb, byName, target.get(), port)
                                .ifPresent(b -> out.add(finding(lb, g, t, port, b)));
                    }
                }
            }
        }
        return out;
    }

    /** The ports {@code g} health-checks {@code t} on whose flow is the load balancer's own, not its clients'. */
    private static List<Integer> healthCheckPorts(LoadBalancer lb, LoadBalancer.TargetGroup g, LoadBalancer.Target t) {
        List<LoadBalancer.Opening> opens = g.opens(t.port());
        boolean preserves = lb.preservesClientIp(g);
        return opens.stream()
                .filter(o ->
                        o.purpose() == LoadBalancer.Purpose.HEALTH_CHECK && o.port() != LoadBalancer.Target.ANY_PORT)
                .filter(o -> !(preserves && o.healthCheckOnTrafficPort(opens)))
                .map(LoadBalancer.Opening::port)
                .toList();
    }

    /** The first interface of {@code lb} from which the health check is blocked, with what blocks it. */
    private static Optional<Blocked> blocked(
            Reachability reach, LoadBalancer lb, Map<String, Attachment> byName, Location.Resource target, int port) {
        for (String name : lb.interfaces()) {
            Optional<Location.Resource> from =
                    Optional.ofNullable(byName.get(name)).flatMap(reach::locate);
            if (from.isEmpty() || from.get().attachment().equals(target.attachment())) {
                continue;
            }
            if (reach.reaches(from.get(), target, Protocol.TCP, port)) {
                continue;
            }
            Answer answer = reach.evaluate(new Flow(from.get(), target, Protocol.TCP, PortRange.of(port)));
            if (answer.verdict() == Verdict.BLOCKED && !answer.blockers().isEmpty()) {
                return Optional.of(new Blocked(name, answer.blockers().getFirst()));
            }
        }
        return Optional.empty();
    }

    private record Blocked(String from, Blocker blocker) {}

    private Finding finding(LoadBalancer lb, LoadBalancer.TargetGroup g, LoadBalancer.Target t, int port, Blocked b) {
        return finding(
                t.attachment() + " cannot be health-checked by load balancer " + lb.name() + " on tcp " + port
                        + " (the health check port of target group " + g.name() + "): "
                        + b.blocker().message()
                        + "; a target that fails its health checks gets no requests while another target of the group"
                        + " is healthy",
                "target group " + g.name(),
                "admit the load balancer (its security group, or its subnets) on tcp " + port + " in the security group"
                        + " and network ACL of " + t.attachment() + "; `stackwright why " + b.from() + " "
                        + t.attachment() + " " + port + "` shows the path",
                "");
    }
}
