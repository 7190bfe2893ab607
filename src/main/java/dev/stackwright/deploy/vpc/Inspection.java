package dev.stackwright.deploy.vpc;

import dev.stackwright.diag.Diagnostic;
import java.util.List;

/**
 * What {@code vpc inspect} found: the VPC, each subnet with its tier, and each requirement checked.
 *
 * @param source where the facts came from: a snapshot folder or the live account
 * @param findings what the snapshot reader left out, with where
 */
public record Inspection(
        String vpcId,
        String name,
        String region,
        String cidr,
        String source,
        List<SubnetRow> subnets,
        List<Requirement> requirements,
        List<Diagnostic> findings) {
    public Inspection {
        subnets = List.copyOf(subnets);
        requirements = List.copyOf(requirements);
        findings = List.copyOf(findings);
    }

    /**
     * One subnet. {@code tier} is public (route to an internet gateway), private (route to NAT) or isolated (neither).
     *
     * @param freeIpsCounted true when AWS counted the free addresses (AvailableIpAddressCount), false when they are
     *                       the block's usable size
     */
    public record SubnetRow(
            String id,
            String name,
            String zone,
            String cidr,
            String tier,
            String routeTable,
            boolean mainRouteTable,
            long freeIps,
            boolean freeIpsCounted) {}

    public enum Status {
        OK("ok"),
        FAIL("FAIL"),
        WARN("warn"),
        UNKNOWN("unknown"),
        SKIPPED("skip");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One requirement: its id, outcome, what was found, and the fix when it is not ok. */
    public record Requirement(String id, Status status, String message, String fix) {}

    /** All requirements pass: none failed (warnings, unknowns and skipped ones do not fail the VPC). */
    public boolean passed() {
        return requirements.stream().noneMatch(r -> r.status() == Status.FAIL);
    }
}
