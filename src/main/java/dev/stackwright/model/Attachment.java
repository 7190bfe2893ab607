package dev.stackwright.model;

import java.util.List;

/**
 * Something that holds an address in a subnet (an ENI) with its security groups: what packets actually reach.
 * The planner lists where each role will sit (the front door, app tasks and the database are placed by the
 * application stack in these subnets); importers list the ENIs they find.
 *
 * @param publicIp whether it has a public address, so the internet can be routed to it
 * @param aliases  other names the input gives it, which users may type instead of its name: instance and interface
 *                 IDs, public IP addresses (empty for planned networks, which have none yet)
 */
public record Attachment(
        String name,
        Kind kind,
        String subnetName,
        List<String> securityGroupNames,
        boolean publicIp,
        List<String> aliases) {

    public enum Kind {
        LOAD_BALANCER,
        VPC_LINK,
        TASK,
        FUNCTION,
        INSTANCE,
        DATABASE,
        NAT_INSTANCE,
        NAT_GATEWAY,
        BASTION,
        ENDPOINT,
        OTHER
    }

    public Attachment {
        securityGroupNames = List.copyOf(securityGroupNames);
        aliases = List.copyOf(aliases);
    }

    /** An attachment known only by its name. */
    public Attachment(String name, Kind kind, String subnetName, List<String> securityGroupNames, boolean publicIp) {
        this(name, kind, subnetName, securityGroupNames, publicIp, List.of());
    }
}
