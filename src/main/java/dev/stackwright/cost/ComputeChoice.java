package dev.stackwright.cost;

import dev.stackwright.model.app.InstanceType;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Fargate or EC2 for the same tasks. Fargate bills each task's vCPU and memory by the hour; EC2 bills whole instances,
 * so the tasks are packed onto as few of one type as hold them: an interface per task, their total vCPU and memory
 * after the ECS agent's share, the same count the bill prices (the hosts' EBS volumes are left out here).
 */
public final class ComputeChoice {
    private ComputeChoice() {}

    public enum Arch {
        X86,
        ARM
    }

    /** Monthly cost of each, the instances EC2 needs, and EC2 minus Fargate. */
    public record Comparison(BigDecimal fargate, BigDecimal ec2, int instances, BigDecimal difference) {
        public String cheaper() {
            return difference.signum() < 0 ? "EC2" : difference.signum() > 0 ? "Fargate" : "neither";
        }
    }

    /** Tasks x hours x (vCPU x vCPU-hour + GB x GB-hour). */
    public static BigDecimal fargateMonthly(
            int tasks, BigDecimal vcpuPerTask, BigDecimal gbPerTask, Arch arch, PriceBook book) {
        String prefix = "fargate." + (arch == Arch.ARM ? "arm" : "x86");
        BigDecimal perTaskHour = vcpuPerTask
                .multiply(Prices.rate(book, prefix + ".vcpu-hour"))
                .add(gbPerTask.multiply(Prices.rate(book, prefix + ".gb-hour")));
        return BigDecimal.valueOf(tasks).multiply(book.hoursPerMonth()).multiply(perTaskHour);
    }

    /** Instances of a type needed for the tasks (see {@link #hostsFor}). */
    public static int instancesNeeded(
            int tasks, BigDecimal vcpuPerTask, BigDecimal gbPerTask, String instanceType, PriceBook book) {
        int cpuUnits = vcpuPerTask
                .multiply(MIB_OR_UNITS)
                .setScale(0, RoundingMode.CEILING)
                .intValueExact();
        int memoryMib = gbPerTask
                .multiply(MIB_OR_UNITS)
                .setScale(0, RoundingMode.CEILING)
                .intValueExact();
        return hostsFor(tasks, cpuUnits, memoryMib, instanceType, book);
    }

    /**
     * The hosts the bill and this comparison count, by {@link InstanceType#hostsFor}: from the catalogue of types
     * (interfaces per host, memory the agent leaves) or, for a type it does not list, from the price book's vCPU and
     * memory with no interface limit.
     */
    public static int hostsFor(
            int tasks, int cpuUnitsPerTask, int memoryMibPerTask, String instanceType, PriceBook book) {
        return InstanceType.find(instanceType)
                .map(t -> t.hostsFor(tasks, cpuUnitsPerTask, memoryMibPerTask))
                .orElseGet(() -> {
                    String key = "ec2." + instanceType + ".hour";
                    int hostCpu = Prices.fact(book, key, "vcpu")
                            .multiply(MIB_OR_UNITS)
                            .intValue();
                    int hostMemory = Prices.fact(book, key, "memoryGb")
                                    .multiply(MIB_OR_UNITS)
                                    .intValue()
                            - InstanceType.ECS_RESERVED_MIB;
                    return InstanceType.hostsFor(
                            tasks, cpuUnitsPerTask, memoryMibPerTask, hostCpu, hostMemory, Integer.MAX_VALUE);
                });
    }

    /** 1024: CPU units per vCPU, and MiB per GiB. */
    private static final BigDecimal MIB_OR_UNITS = BigDecimal.valueOf(1024);

    public static Comparison compare(
            int tasks,
            BigDecimal vcpuPerTask,
            BigDecimal gbPerTask,
            Arch fargateArch,
            String instanceType,
            PriceBook book) {
        BigDecimal fargate = fargateMonthly(tasks, vcpuPerTask, gbPerTask, fargateArch, book);
        int instances = instancesNeeded(tasks, vcpuPerTask, gbPerTask, instanceType, book);
        BigDecimal ec2 = BigDecimal.valueOf(instances)
                .multiply(book.hoursPerMonth())
                .multiply(Prices.rate(book, "ec2." + instanceType + ".hour"));
        return new Comparison(fargate, ec2, instances, ec2.subtract(fargate));
    }
}
