package dev.stackwright.deploy;

import java.util.Optional;

/**
 * What destroy needs outside CloudFormation: deletion protection stops CloudFormation from deleting a database or a
 * load balancer (the stack ends in DELETE_FAILED), so it is turned off first, once the user confirmed; and the
 * database's final snapshot is looked up before destroy says it was kept.
 */
public interface Protection {
    /** RDS ModifyDBInstance with DeletionProtection false, applied immediately. */
    void unprotectDatabase(String dbInstanceIdentifier);

    /** ELBv2 ModifyLoadBalancerAttributes with deletion_protection.enabled false. */
    void unprotectLoadBalancer(String loadBalancerArn);

    /** The newest manual snapshot of the instance (DescribeDBSnapshots), if there is one. */
    Optional<String> latestSnapshot(String dbInstanceIdentifier);
}
