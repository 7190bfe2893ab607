package dev.stackwright.deploy.vpc;

import dev.stackwright.model.Endpoint;
import dev.stackwright.model.Environment;
import dev.stackwright.model.NatMode;
import dev.stackwright.model.Network;
import dev.stackwright.model.app.Application;
import dev.stackwright.model.app.ComputeKind;
import dev.stackwright.model.app.FrontDoorKind;
import dev.stackwright.spec.SpecDefaults;
import dev.stackwright.spec.StackSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the project asks of a VPC it is placed into, from its spec; without a spec, the defaults, and failures of the
 * requirements that depend on the spec are only warnings.
 *
 * @param environment     the spec's environment: the other environments' blocks must not overlap the VPC
 * @param zones           how many zones the app and database tiers should span
 * @param endpoints       the interface endpoints the tasks need when there is no NAT
 * @param instanceTypes   the EC2 types the stack launches, each with the setting that chose it
 */
public record Needs(
        boolean fromSpec,
        Optional<Environment> environment,
        boolean database,
        Optional<ComputeKind> compute,
        boolean alb,
        NatMode nat,
        boolean bastion,
        int maxTasks,
        int zones,
        List<String> endpoints,
        List<InstanceType> instanceTypes) {
    /** The spec's default for {@code network.maxTasks}, from the schema as the loader reads it. */
    static final int DEFAULT_MAX_TASKS = SpecDefaults.integer("network.maxTasks");

    public Needs {
        endpoints = List.copyOf(endpoints);
        instanceTypes = List.copyOf(instanceTypes);
    }

    /** An instance type and the setting that chose it, e.g. {@code t3.small} from {@code service.instanceType}. */
    public record InstanceType(String type, String chosenBy) {}

    /** No spec: defaults, checked as warnings. */
    public static Needs withoutSpec() {
        return new Needs(
                false,
                Optional.empty(),
                true,
                Optional.empty(),
                true,
                NatMode.GATEWAY,
                false,
                DEFAULT_MAX_TASKS,
                2,
                List.of(),
                List.of());
    }

    /** What a planned spec needs. */
    public static Needs of(StackSpec spec, Network network, Application application) {
        List<InstanceType> types = new ArrayList<>();
        if (spec.service().compute() == ComputeKind.ECS_EC2) {
            types.add(new InstanceType(spec.service().instanceType(), "service.instanceType"));
        }
        if (spec.network().nat() == NatMode.INSTANCE) {
            types.add(new InstanceType(spec.network().natInstanceType(), "network.natInstanceType"));
        }
        network.bastion().ifPresent(b -> types.add(new InstanceType(b.instanceType(), "the bastion")));
        List<String> endpoints = network.endpoints().stream()
                .filter(e -> e instanceof Endpoint.Interface)
                .map(Endpoint::service)
                .sorted()
                .toList();
        return new Needs(
                true,
                Optional.of(spec.environment()),
                spec.database().isPresent(),
                Optional.of(spec.service().compute()),
                application.frontDoor().kind() == FrontDoorKind.ALB,
                spec.network().nat(),
                network.bastion().isPresent(),
                spec.network().maxTasks(),
                Math.min(2, spec.network().azs()),
                endpoints,
                types);
    }
}
