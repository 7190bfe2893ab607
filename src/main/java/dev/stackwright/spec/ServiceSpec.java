package dev.stackwright.spec;

import dev.stackwright.model.app.ComputeKind;
import dev.stackwright.model.app.SecretRef;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The {@code service:} section with defaults applied. */
public record ServiceSpec(
        int port,
        ComputeKind compute,
        Optional<String> image,
        String instanceType,
        int cpu,
        int memoryMib,
        int desiredCount,
        String healthCheckPath,
        int healthCheckGraceSeconds,
        int timeoutSeconds,
        SortedMap<String, String> environment,
        List<SecretRef> secrets,
        List<String> calls,
        int logRetentionDays,
        ScalingSpec scaling) {

    public ServiceSpec {
        environment = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(environment));
        secrets = List.copyOf(secrets);
        calls = List.copyOf(calls);
    }

    /** {@code service.scaling}. */
    public record ScalingSpec(int min, int max, int cpuTarget, int scaleOutCooldown, int scaleInCooldown) {}
}
