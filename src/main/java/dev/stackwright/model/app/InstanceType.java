package dev.stackwright.model.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An EC2 instance type or RDS instance class, from the catalogue in {@code instance-types.txt}: what the planner
 * needs to check that a task fits a host and to size alarms.
 *
 * @param maxEnis network interfaces per instance; in awsvpc mode each task takes one and the host keeps one
 */
public record InstanceType(String name, int vcpus, int memoryMib, int maxEnis, boolean arm) {
    /** What the OS and the ECS agent keep on a host; a task must fit in the rest. */
    public static final int ECS_RESERVED_MIB = 256;

    public static Optional<InstanceType> find(String name) {
        return Optional.ofNullable(Catalogue.TYPES.get(name));
    }

    /** Every known RDS class ({@code rds}) or EC2 type, for suggestions. */
    public static java.util.List<String> names(boolean rds) {
        return Catalogue.TYPES.keySet().stream().filter(n -> n.startsWith("db.") == rds).toList();
    }

    /** Memory a host offers to tasks. */
    public int taskMemoryMib() {
        return memoryMib - ECS_RESERVED_MIB;
    }

    /** Tasks one host can run in awsvpc mode (one ENI per task, the host's own excluded). */
    public int tasksPerHost() {
        return Math.max(1, maxEnis - 1);
    }

    private static final class Catalogue {
        static final Map<String, InstanceType> TYPES = read();

        private static Map<String, InstanceType> read() {
            Map<String, InstanceType> out = new TreeMap<>();
            try (InputStream in = InstanceType.class.getResourceAsStream("/dev/stackwright/model/instance-types.txt")) {
                if (in == null) {
                    throw new IllegalStateException("instance-types.txt is missing from the jar");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    String trimmed = line.strip();
                    if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                        continue;
                    }
                    String[] f = trimmed.split("\\s+");
                    out.put(f[0], new InstanceType(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                            Integer.parseInt(f[3]), f[4].equals("arm64")));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        }
    }
}
