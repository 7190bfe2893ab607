package dev.stackwright.cost;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Fargate or EC2 for the same tasks. Fargate bills each task's vCPU and memory by the hour; EC2 bills whole instances,
 * so the tasks are packed onto as few of one type as hold their total vCPU and memory (the ECS agent's own share and
 * the EBS volumes are left out; both favour Fargate a little).
 */
public final class ComputeChoice {
    private ComputeChoice() {
    }

    public enum Arch { X86, ARM }

    /** Monthly cost of each, the instances EC2 needs, and EC2 minus Fargate. */
    public record Comparison(BigDecimal fargate, BigDecimal ec2, int instances, BigDecimal difference) {
        public String cheaper() {
            return difference.signum() < 0 ? "EC2" : difference.signum() > 0 ? "Fargate" : "neither";
        }
    }

    /** Tasks x hours x (vCPU x vCPU-hour + GB x GB-hour). */
    public static BigDecimal fargateMonthly(int tasks, BigDecimal vcpuPerTask, BigDecimal gbPerTask, Arch arch, PriceBook book) {
        String prefix = "fargate." + (arch == Arch.ARM ? "arm" : "x86");
        BigDecimal perTaskHour = vcpuPerTask.multiply(Prices.rate(book, prefix + ".vcpu-hour"))
                .add(gbPerTask.multiply(Prices.rate(book, prefix + ".gb-hour")));
        return BigDecimal.valueOf(tasks).multiply(book.hoursPerMonth()).multiply(perTaskHour);
    }

    /** Instances of a type needed for the tasks' total vCPU and memory. */
    public static int instancesNeeded(int tasks, BigDecimal vcpuPerTask, BigDecimal gbPerTask, String instanceType, PriceBook book) {
        String key = "ec2." + instanceType + ".hour";
        BigDecimal n = BigDecimal.valueOf(tasks);
        BigDecimal byCpu = n.multiply(vcpuPerTask).divide(Prices.fact(book, key, "vcpu"), 0, RoundingMode.CEILING);
        BigDecimal byMemory = n.multiply(gbPerTask).divide(Prices.fact(book, key, "memoryGb"), 0, RoundingMode.CEILING);
        return Math.max(1, byCpu.max(byMemory).intValueExact());
    }

    public static Comparison compare(int tasks, BigDecimal vcpuPerTask, BigDecimal gbPerTask, Arch fargateArch,
                                     String instanceType, PriceBook book) {
        BigDecimal fargate = fargateMonthly(tasks, vcpuPerTask, gbPerTask, fargateArch, book);
        int instances = instancesNeeded(tasks, vcpuPerTask, gbPerTask, instanceType, book);
        BigDecimal ec2 = BigDecimal.valueOf(instances).multiply(book.hoursPerMonth())
                .multiply(Prices.rate(book, "ec2." + instanceType + ".hour"));
        return new Comparison(fargate, ec2, instances, ec2.subtract(fargate));
    }
}
