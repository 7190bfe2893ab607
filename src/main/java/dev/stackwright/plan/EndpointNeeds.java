package dev.stackwright.plan;

import dev.stackwright.model.AccessMode;
import dev.stackwright.model.app.ComputeKind;
import dev.stackwright.model.app.SecretRef;
import dev.stackwright.spec.SpecLoader;
import dev.stackwright.spec.StackSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The interface endpoints a stack needs when it has no NAT: one list for the planner (which adds the platform's) and
 * for the cost of the no-NAT alternative, so the two never disagree.
 */
public final class EndpointNeeds {
    /** What an ECS app needs without NAT: image pulls (ECR API and registry; layers come from S3) and logs. */
    public static final List<String> FOR_CONTAINERS = List.of("ecr.api", "ecr.dkr", "logs");
    /** What Session Manager needs without NAT. */
    public static final List<String> FOR_SSM = List.of("ec2messages", "ssm", "ssmmessages");
    /** What the ECS agent on EC2 hosts needs without NAT. */
    public static final List<String> FOR_ECS_HOSTS = List.of("ecs", "ecs-agent", "ecs-telemetry");

    private EndpointNeeds() {}

    /**
     * What the platform itself cannot work without, whatever the NAT mode: for ECS, image pulls and logs, the secret
     * stores read at task start, and on EC2 hosts the ECS agent and Session Manager. A Lambda function needs none (its
     * image is pulled and its logs are sent outside the VPC), so the list is empty.
     */
    public static List<String> platform(StackSpec spec) {
        if (!spec.service().compute().isEcs()) {
            return List.of();
        }
        TreeSet<String> out = new TreeSet<>(FOR_CONTAINERS);
        out.addAll(secretStores(spec));
        if (spec.service().compute() == ComputeKind.ECS_EC2) {
            out.addAll(FOR_ECS_HOSTS);
            if (spec.network().access() == AccessMode.SSM) {
                out.addAll(FOR_SSM);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Every interface endpoint the spec would have with {@code nat: none}: the user's, the platform's, and for a
     * Lambda function its secret stores and what {@code service.calls} names (the spec check asks the user to list
     * those when NAT is off). Gateway services (S3, DynamoDB) are left out: their endpoints are free and always there.
     */
    public static List<String> withoutNat(StackSpec spec) {
        TreeSet<String> out = new TreeSet<>(spec.network().interfaceEndpoints());
        out.addAll(platform(spec));
        if (!spec.service().compute().isEcs()) {
            out.addAll(spec.service().calls());
            out.addAll(secretStores(spec));
        }
        out.removeAll(SpecLoader.GATEWAY_ENDPOINTS);
        return List.copyOf(out);
    }

    /** The stores the app reads secrets from: the database password and Secrets Manager secrets, Parameter Store. */
    private static List<String> secretStores(StackSpec spec) {
        List<String> out = new ArrayList<>();
        if (spec.database().isPresent()
                || spec.service().secrets().stream().anyMatch(s -> s.store() == SecretRef.Store.SECRETS_MANAGER)) {
            out.add("secretsmanager");
        }
        if (spec.service().secrets().stream().anyMatch(s -> s.store() == SecretRef.Store.PARAMETER_STORE)) {
            out.add("ssm");
        }
        return out;
    }
}
