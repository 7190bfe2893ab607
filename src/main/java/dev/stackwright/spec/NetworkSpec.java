package dev.stackwright.spec;

import dev.stackwright.model.AccessMode;
import dev.stackwright.model.Cidr;
import dev.stackwright.model.FlowLogs;
import dev.stackwright.model.NatMode;
import java.util.List;
import java.util.Optional;

/**
 * The {@code network:} section with defaults applied. {@code cidr} is empty when the environment plan decides.
 *
 * @param existingVpc         a VPC the user brings: no VPC is created, the app stack is placed in its subnets
 * @param existingVpcSnapshot the folder of describe-* outputs that describes it, relative to the spec
 * @param flowLogDestination  where flow logs go: CloudWatch Logs, or an S3 bucket with an Athena table over it
 * @param ipv6                dual stack: an Amazon-provided IPv6 block on the VPC and one in every subnet
 */
public record NetworkSpec(
        Optional<Cidr> cidr,
        int azs,
        NatMode nat,
        String natInstanceType,
        boolean natPerAz,
        AccessMode access,
        Optional<Cidr> bastionCidr,
        Optional<String> bastionKeyName,
        List<String> interfaceEndpoints,
        boolean flowLogs,
        FlowLogs.Destination flowLogDestination,
        int flowLogRetentionDays,
        int maxTasks,
        Optional<String> existingVpc,
        String existingVpcSnapshot,
        boolean ipv6) {
    public NetworkSpec {
        interfaceEndpoints = List.copyOf(interfaceEndpoints);
    }
}
