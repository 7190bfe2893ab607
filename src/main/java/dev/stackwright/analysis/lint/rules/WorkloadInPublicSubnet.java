package dev.stackwright.analysis.lint.rules;

import dev.stackwright.analysis.lint.Equivalents;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.LintContext;
import dev.stackwright.analysis.lint.LintRule;
import dev.stackwright.analysis.lint.Severity;
import dev.stackwright.model.Attachment;
import dev.stackwright.model.Network;
import dev.stackwright.model.Subnet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compute and databases belong in private subnets, behind the front door; a subnet is public when its route table
 * sends traffic to an internet gateway, whatever its tier says:
 * https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html#subnet-types
 */
public final class WorkloadInPublicSubnet implements LintRule {
    static final Set<Attachment.Kind> WORKLOADS =
            Set.of(Attachment.Kind.TASK, Attachment.Kind.FUNCTION, Attachment.Kind.INSTANCE, Attachment.Kind.DATABASE);

    /** Without the route tables, a subnet's routes (and so its tier) are a stand-in. */
    @Override
    public Set<Network.Omitted> reads() {
        return Set.of(Network.Omitted.ROUTE_TABLES);
    }

    @Override
    public String id() {
        return "SW005";
    }

    @Override
    public String name() {
        return "workload-in-public-subnet";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "Tasks, functions, instances and databases sit in private subnets (no route to an internet gateway).";
    }

    @Override
    public Equivalents equivalents() {
        return new Equivalents(
                List.of("NIST.800.53.R5-EC2InstanceNoPublicIp", "NIST.800.53.R5-RDSInstancePublicAccess"),
                List.of("F22"),
                List.of("CKV_AWS_88", "CKV_AWS_17"));
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (Attachment a : context.network().attachments()) {
            if (!WORKLOADS.contains(a.kind())) {
                continue;
            }
            // A route of either family to the internet gateway makes the subnet public.
            boolean publicSubnet = context.network()
                    .routeTableOf(a.subnetName())
                    .map(t -> t.routesToInternetGateway()
                            || context.network()
                                    .ipv6()
                                    .map(d -> d.routesToInternetGateway(t.name()))
                                    .orElse(false))
                    .orElse(false);
            if (!publicSubnet) {
                continue;
            }
            Subnet s = context.network().subnet(a.subnetName()).orElseThrow();
            String kind = a.kind().name().toLowerCase(Locale.ROOT);
            out.add(finding(
                    kind + " " + a.name() + " sits in public subnet " + s.name() + " (its route table reaches the "
                            + "internet gateway)" + (a.publicIp() ? " and has a public IP address" : ""),
                    a.name(),
                    "place it in a private " + (a.kind() == Attachment.Kind.DATABASE ? "data" : "app")
                            + " subnet and reach it through the front door",
                    ""));
        }
        return out;
    }
}
