package dev.stackwright.model;

import java.util.List;
import java.util.Optional;

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

    /**
     * The role this attachment plays whatever else its security groups serve, when its kind decides it: a load balancer
     * facing the internet or an API Gateway VPC link is the front door, an instance, task or function app, a database
     * the database, and a bastion, NAT instance or interface endpoint itself. Empty where the groups' role decides: an
     * internal load balancer may sit anywhere in the chain, and a bare interface may belong to anything. A group that a
     * load balancer shares with its targets is one group, but the load balancer in it is still the front door.
     */
    public Optional<SecurityGroup.Role> fixedRole() {
        return switch (kind) {
            case LOAD_BALANCER -> publicIp ? Optional.of(SecurityGroup.Role.FRONT_DOOR) : Optional.empty();
            case VPC_LINK -> Optional.of(SecurityGroup.Role.FRONT_DOOR);
            case TASK, FUNCTION, INSTANCE -> Optional.of(SecurityGroup.Role.APP);
            case DATABASE -> Optional.of(SecurityGroup.Role.DATABASE);
            case BASTION -> Optional.of(SecurityGroup.Role.BASTION);
            case NAT_INSTANCE -> Optional.of(SecurityGroup.Role.NAT);
            case ENDPOINT -> Optional.of(SecurityGroup.Role.ENDPOINT);
            case NAT_GATEWAY, OTHER -> Optional.empty();
        };
    }

    /** An attachment known only by its name. */
    public Attachment(String name, Kind kind, String subnetName, List<String> securityGroupNames, boolean publicIp) {
        this(name, kind, subnetName, securityGroupNames, publicIp, List.of());
    }
}
