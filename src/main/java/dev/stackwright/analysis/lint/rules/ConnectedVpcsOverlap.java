package dev.stackwright.analysis.lint.rules;

import dev.stackwright.analysis.lint.Equivalents;
import dev.stackwright.analysis.lint.Finding;
import dev.stackwright.analysis.lint.LintContext;
import dev.stackwright.analysis.lint.LintRule;
import dev.stackwright.analysis.lint.Severity;
import dev.stackwright.analysis.reach.Links;
import dev.stackwright.model.Environment;
import dev.stackwright.model.Intent;
import dev.stackwright.model.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * VPCs joined by a peering connection or one transit gateway must not overlap: AWS refuses to peer overlapping
 * blocks, and a transit gateway cannot route to both. The project's environments (prod, staging, dev) keep apart
 * blocks for the same reason, so they can be connected later. Which project and environment a VPC belongs to is
 * intent, known only from a spec: VPCs without it (imported ones) are judged by their peering and transit gateway
 * routes alone, IPv4 and IPv6, and by the input's peered transit gateways ({@link Links}).
 * https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html#vpc-peering-limitations
 */
public final class ConnectedVpcsOverlap implements LintRule {
    @Override
    public String id() {
        return "SW012";
    }

    @Override
    public String name() {
        return "connected-vpcs-overlap";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String summary() {
        return "VPCs that are peered or joined by transit gateways (one, or peered ones), or are environments of one"
                + " project, have blocks that do not overlap.";
    }

    @Override
    public Equivalents equivalents() {
        return Equivalents.NONE;
    }

    /** How many overlapping VPCs a finding names before it counts the rest. */
    private static final int NAMED = 3;

    /**
     * One finding per VPC, naming the first connected VPCs it overlaps and counting the rest: a thousand VPCs on one
     * transit gateway give a thousand findings, not a million.
     */
    @Override
    public List<Finding> check(LintContext context) {
        Network n = context.network();
        List<String> overlaps = new ArrayList<>();
        for (LintContext.Sibling sibling : context.others()) {
            Network other = sibling.network();
            if (!n.vpc().cidr().overlaps(other.vpc().cidr())) {
                continue;
            }
            List<String> links =
                    new ArrayList<>(Links.joins(n, other, context.reach().transit()).stream()
                            .map(Links.Join::name)
                            .toList());
            environments(context.intent(), sibling.intent()).ifPresent(links::add);
            if (!links.isEmpty()) {
                overlaps.add(other.stackName() + "'s " + other.vpc().cidr() + " (" + String.join(", ", links) + ")");
            }
        }
        if (overlaps.isEmpty()) {
            return List.of();
        }
        String what = overlaps.size() == 1
                ? overlaps.getFirst().replaceFirst(" \\(", " though they are connected (")
                : String.join(", ", overlaps.subList(0, Math.min(NAMED, overlaps.size())))
                        + (overlaps.size() > NAMED ? " and " + (overlaps.size() - NAMED) + " more" : "")
                        + ", though they are connected";
        return List.of(finding(
                n.vpc().cidr() + " overlaps " + what + ": traffic between them cannot be routed",
                "vpc " + n.stackName(),
                "give one of them a block that overlaps no connected VPC, e.g. an environment's "
                        + "default (" + Environment.PROD.defaultCidr() + ", " + Environment.STAGING.defaultCidr()
                        + ", "
                        + Environment.DEV.defaultCidr() + ") or one outside 10.0.0.0/14",
                "network.cidr"));
    }

    /** "environments prod and staging of shop" when both VPCs are known to be environments of one project. */
    private static Optional<String> environments(Optional<Intent> mine, Optional<Intent> theirs) {
        if (mine.isEmpty() || theirs.isEmpty()) {
            return Optional.empty();
        }
        Intent a = mine.get();
        Intent b = theirs.get();
        if (a.project().isEmpty() || !a.project().equals(b.project()) || a.environment() == b.environment()) {
            return Optional.empty();
        }
        return Optional.of("environments " + a.environment().id() + " and "
                + b.environment().id() + " of " + a.project());
    }
}
