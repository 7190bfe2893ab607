package dev.stackwright.analysis.lint.rules;

import dev.stackwright.analysis.lint.Equivalents;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.LintContext;
import dev.stackwright.analysis.lint.LintRule;
import dev.stackwright.analysis.lint.Severity;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Subnet;
import dev.stackwright.model.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every task holds an address (awsvpc networking), and AWS keeps five per subnet; a zone must be able to take the
 * whole peak when another zone fails. A load balancer needs a /27 with eight free addresses in each subnet:
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#subnets-load-balancer
 */
public final class SubnetTooSmall implements LintRule {
    /** Usable addresses of a /27. */
    static final long LOAD_BALANCER_MINIMUM = 27;

    @Override
    public String id() {
        return "SW004";
    }

    @Override
    public String name() {
        return "subnet-too-small";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "App subnets hold the expected peak of tasks; load balancer subnets are at least a /27.";
    }

    @Override
    public Equivalents equivalents() {
        return Equivalents.NONE;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        Map<String, List<Attachment>> bySubnet = context.attachmentsBySubnet();
        for (Subnet s : context.network().subnets()) {
            List<Attachment> here = bySubnet.getOrDefault(s.name(), List.of());
            long others =
                    here.stream().filter(a -> a.kind() != Attachment.Kind.TASK).count();
            if (s.tier() == Tier.APP && context.expectedTasks().isPresent()) {
                long needed = context.expectedTasks().getAsInt() + others;
                if (s.usableIps() < needed) {
                    out.add(finding(
                            "subnet " + s.name() + " (" + s.cidr() + ") has " + s.usableIps()
                                    + " usable addresses, but a zone must hold the peak of "
                                    + context.expectedTasks().getAsInt()
                                    + " tasks" + (others > 0 ? " plus " + others + " other interfaces" : ""),
                            "subnet " + s.name(),
                            "lower network.maxTasks or use a larger network.cidr",
                            "network.maxTasks"));
                }
            }
            if (here.stream().anyMatch(a -> a.kind() == Attachment.Kind.LOAD_BALANCER)
                    && s.usableIps() < LOAD_BALANCER_MINIMUM) {
                out.add(finding(
                        "subnet " + s.name() + " (" + s.cidr() + ") holds a load balancer but is smaller than a /27",
                        "subnet " + s.name(),
                        "use a /27 or larger for load balancer subnets",
                        "network.cidr"));
            }
        }
        return out;
    }
}
