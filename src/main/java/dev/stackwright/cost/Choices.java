package dev.stackwright.cost;

import dev.stackwright.diag.InputException;
import dev.stackwright.model.app.Application;
import dev.stackwright.model.app.Compute;
import dev.stackwright.model.app.FrontDoorKind;
import dev.stackwright.spec.TrafficSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The choices beside the NAT mode, each priced on the same traffic: the front door (ALB, HTTP API, REST API, with the
 * volumes where they cross), the compute for the same tasks (Fargate or EC2 hosts), and how the three environments'
 * VPCs would be connected (peering or a transit gateway). Empty where the book lacks a price a comparison needs.
 *
 * @param frontDoorPlanned the front door the plan has
 */
public record Choices(
        Optional<FrontDoorChoice.Comparison> frontDoor,
        FrontDoorKind frontDoorPlanned,
        Optional<ComputeChoice.Comparison> compute,
        String hostType,
        int tasks,
        Optional<Interconnect.Comparison> environments,
        BigDecimal environmentGb) {

    /** Fargate or EC2 hosts are compared with this host type when the plan runs on Fargate. */
    static final String DEFAULT_HOST = "t3.micro";
    /** What the three environments' VPCs are assumed to send each other: a little, mostly within one zone. */
    static final BigDecimal ENVIRONMENT_GB = BigDecimal.valueOf(10);

    static final BigDecimal ENVIRONMENT_CROSS_ZONE = new BigDecimal("0.5");

    static Choices of(Application app, int zones, TrafficSpec traffic, PriceBook book) {
        Optional<FrontDoorChoice.Comparison> door = attempt(() ->
                FrontDoorChoice.compare(FrontDoorAuto.profile(traffic, zones, book), traffic.requestsPerMonth(), book));
        int tasks = switch (app.compute()) {
            case Compute.EcsOnEc2 e -> e.desiredCount();
            case Compute.Fargate f -> f.desiredCount();
            case Compute.Lambda l -> 0;
        };
        String host = app.compute() instanceof Compute.EcsOnEc2 e ? e.instanceType() : DEFAULT_HOST;
        BigDecimal vcpu =
                BigDecimal.valueOf(app.container().cpu()).divide(BigDecimal.valueOf(1024), 4, RoundingMode.HALF_UP);
        BigDecimal gb = BigDecimal.valueOf(app.container().memoryMib())
                .divide(BigDecimal.valueOf(1024), 4, RoundingMode.HALF_UP);
        Optional<ComputeChoice.Comparison> compute = tasks == 0
                ? Optional.empty()
                : attempt(() -> ComputeChoice.compare(tasks, vcpu, gb, ComputeChoice.Arch.X86, host, book));
        Optional<Interconnect.Comparison> environments =
                attempt(() -> Interconnect.compare(3, ENVIRONMENT_GB, ENVIRONMENT_CROSS_ZONE, book));
        return new Choices(door, app.frontDoor().kind(), compute, host, tasks, environments, ENVIRONMENT_GB);
    }

    private static <T> Optional<T> attempt(java.util.function.Supplier<T> priced) {
        try {
            return Optional.of(priced.get());
        } catch (InputException missingPrice) {
            return Optional.empty();
        }
    }
}
