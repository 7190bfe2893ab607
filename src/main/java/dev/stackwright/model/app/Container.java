package dev.stackwright.model.app;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The app's image and how it runs, whatever the compute.
 *
 * @param image       empty: the project's ECR repository, tag from the template's ImageTag parameter
 * @param cpu         CPU units per task (1024 = 1 vCPU); unused by Lambda
 * @param memoryMib   memory per task or function
 * @param environment plain variables, sorted by name so templates are stable
 */
public record Container(
        Optional<String> image,
        int port,
        int cpu,
        int memoryMib,
        SortedMap<String, String> environment,
        List<SecretRef> secrets,
        String healthCheckPath,
        int healthCheckGraceSeconds,
        int timeoutSeconds) {
    public Container {
        environment = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(environment));
        secrets = secrets.stream()
                .sorted(java.util.Comparator.comparing(SecretRef::variable))
                .toList();
    }

    public static SortedMap<String, String> sorted(Map<String, String> values) {
        return new TreeMap<>(values);
    }
}
