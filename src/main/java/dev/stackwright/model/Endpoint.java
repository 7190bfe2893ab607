package dev.stackwright.model;

import java.util.List;

/** A VPC endpoint to an AWS service. */
public sealed interface Endpoint {
    /** Short service name, e.g. {@code s3}, {@code ecr.dkr}. */
    String service();

    /** S3 or DynamoDB through route table entries: free. */
    record Gateway(String service, List<String> routeTableNames) implements Endpoint {
        public Gateway {
            routeTableNames = List.copyOf(routeTableNames);
        }
    }

    /** An ENI per subnet with private DNS, admitted by the endpoint security group on 443. */
    record Interface(String service, List<String> subnetNames, String securityGroupName) implements Endpoint {
        public Interface {
            subnetNames = List.copyOf(subnetNames);
        }
    }
}
