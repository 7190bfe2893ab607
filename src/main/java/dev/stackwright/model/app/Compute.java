package dev.stackwright.model.app;

/** How the app's code runs. */
public sealed interface Compute {
    ComputeKind kind();

    /**
     * ECS tasks on an Auto Scaling group of ECS-optimized instances in the app subnets, scaled by an ECS capacity
     * provider, and out when the cluster's CPU stays high.
     *
     * @param instanceType     EC2 type of the hosts
     * @param arm              whether the type is Graviton (arm64 AMI and image)
     * @param instanceMemoryMib memory of one host, for the task-fits check and the plan
     * @param maxInstances     the Auto Scaling group's maximum
     * @param clusterCpuScaleOutPercent scale out hosts when the cluster's average CPU stays above this for 5 minutes
     */
    record EcsOnEc2(
            String instanceType,
            boolean arm,
            int instanceMemoryMib,
            int maxInstances,
            int clusterCpuScaleOutPercent,
            int desiredCount,
            Scaling scaling)
            implements Compute {
        @Override
        public ComputeKind kind() {
            return ComputeKind.ECS_EC2;
        }
    }

    record Fargate(int desiredCount, Scaling scaling) implements Compute {
        @Override
        public ComputeKind kind() {
            return ComputeKind.FARGATE;
        }
    }

    /** A container-image function in the app subnets; AWS scales it per request. */
    record Lambda() implements Compute {
        @Override
        public ComputeKind kind() {
            return ComputeKind.LAMBDA;
        }
    }
}
