package dev.stackwright.deploy.aws;

import dev.stackwright.deploy.Protection;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.rds.model.DBSnapshot;

/** {@link Protection} over the RDS and ELBv2 SDK clients. */
final class SdkProtection implements Protection {
    private final SdkAws aws;

    SdkProtection(SdkAws aws) {
        this.aws = aws;
    }

    @Override
    public void unprotectDatabase(String dbInstanceIdentifier) {
        aws.call(
                "turning off deletion protection on the database " + dbInstanceIdentifier,
                () -> aws.rdsClient()
                        .modifyDBInstance(b -> b.dbInstanceIdentifier(dbInstanceIdentifier)
                                .deletionProtection(false)
                                .applyImmediately(true)));
    }

    @Override
    public Optional<String> latestSnapshot(String dbInstanceIdentifier) {
        return aws
                .call(
                        "looking for the final snapshot of " + dbInstanceIdentifier,
                        () -> aws.rdsClient()
                                .describeDBSnapshots(b -> b.dbInstanceIdentifier(dbInstanceIdentifier)
                                        .snapshotType("manual")))
                .dbSnapshots()
                .stream()
                .max(Comparator.comparing(
                        DBSnapshot::snapshotCreateTime, Comparator.nullsFirst(Comparator.<Instant>naturalOrder())))
                .map(DBSnapshot::dbSnapshotIdentifier);
    }

    @Override
    public void unprotectLoadBalancer(String loadBalancerArn) {
        aws.call(
                "turning off deletion protection on the load balancer " + loadBalancerArn,
                () -> aws.elbClient()
                        .modifyLoadBalancerAttributes(b -> b.loadBalancerArn(loadBalancerArn)
                                .attributes(LoadBalancerAttribute.builder()
                                        .key("deletion_protection.enabled")
                                        .value("false")
                                        .build())));
    }
}
