package dev.stackwright.deploy.vpc;

import dev.stackwright.diag.Diagnostic;
import java.util.List;

/**
 * What {@code vpc inspect} found: the VPC, each subnet with its tier, and each requirement checked.
 *
 * @param source where the facts came from: a snapshot folder or the live account
 * @param findings what the snapshot reader left out, with where
 * @param ipv6     the VPC's IPv6 blocks, its subnets' and its egress-only internet gateways (all empty for IPv4 only)
 */
public record Inspection(
        String vpcId,
        String name,
        String region,
        String cidr,
        String source,
        List<SubnetRow> subnets,
        List<Requirement> requirements,
        List<Diagnostic> findings,
        Ipv6 ipv6) {
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

    /**
     * The IPv6 side of the VPC.
     *
     * @param vpcBlocks      the VPC's associated IPv6 blocks
     * @param subnetBlocks   each subnet's IPv6 blocks, by subnet ID (only subnets that have one)
     * @param egressOnlyGateways the egress-only internet gateways attached to the VPC
     */
    public record Ipv6(
            List<String> vpcBlocks,
            java.util.SortedMap<String, List<String>> subnetBlocks,
            List<EgressOnlyGateway> egressOnlyGateways) {
        public Ipv6 {
            vpcBlocks = List.copyOf(vpcBlocks);
            subnetBlocks = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(subnetBlocks));
            egressOnlyGateways = List.copyOf(egressOnlyGateways);
        }

        public boolean isEmpty() {
            return vpcBlocks.isEmpty() && subnetBlocks.isEmpty() && egressOnlyGateways.isEmpty();
        }
    }

    /** An egress-only internet gateway and the route tables that send IPv6 traffic to it. */
    public record EgressOnlyGateway(String id, List<String> routeTables) {
        public EgressOnlyGateway {
            routeTables = List.copyOf(routeTables);
        }
    }

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
