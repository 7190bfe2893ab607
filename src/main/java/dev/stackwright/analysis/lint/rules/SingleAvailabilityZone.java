package dev.stackwright.analysis.lint.rules;

import dev.stackwright.analysis.lint.Equivalents;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.LintContext;
import dev.stackwright.analysis.lint.LintRule;
import dev.stackwright.analysis.lint.Severity;
import dev.stackwright.model.Az;
import dev.stackwright.model.Subnet;
import dev.stackwright.model.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A zone fails now and then; a tier in one zone fails with it. AWS's reliability guidance is to spread over at least
 * two: https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/use-fault-isolation-to-protect-your-workload.html
 */
public final class SingleAvailabilityZone implements LintRule {
    @Override
    public String id() {
        return "SW002";
    }

    @Override
    public String name() {
        return "single-availability-zone";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String summary() {
        return "The network, and each tier in it, spans at least two availability zones.";
    }

    @Override
    public Equivalents equivalents() {
        return Equivalents.NONE;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        TreeSet<Az> zones = new TreeSet<>(
                context.network().subnets().stream().map(Subnet::az).toList());
        if (zones.size() < 2) {
            out.add(finding(
                    "every subnet is in one availability zone"
                            + (zones.isEmpty() ? "" : " (" + zones.first().letter() + ")")
                            + ", so a zone outage takes the whole stack down",
                    "vpc",
                    context.intent().isPresent()
                            ? "set network.azs: 2 or 3"
                            : "add subnets in a second availability zone and spread each tier over both",
                    "network.azs"));
            return out;
        }
        for (Tier tier : Tier.values()) {
            TreeSet<Az> tierZones = new TreeSet<>(
                    context.network().subnets(tier).stream().map(Subnet::az).toList());
            if (tierZones.size() == 1) {
                out.add(finding(
                        "the " + tier.id() + " tier has subnets in one availability zone only ("
                                + tierZones.first().letter() + "), while the network spans " + zones.size(),
                        "tier " + tier.id(),
                        "add a " + tier.id() + " subnet in every zone the network uses",
                        "network.azs"));
            }
        }
        return out;
    }
}
