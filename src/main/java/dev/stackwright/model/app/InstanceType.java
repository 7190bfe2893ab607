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

    /**
     * Hosts of this type that run {@code tasks} tasks of the given size: the one count the plan, the bill and the
     * Fargate-or-EC2 comparison use. Each host must have an interface per task (awsvpc), and the vCPU and memory for
     * them after what the OS and the agent keep.
     */
    public int hostsFor(int tasks, int cpuUnitsPerTask, int memoryMibPerTask) {
        return hostsFor(tasks, cpuUnitsPerTask, memoryMibPerTask, vcpus * 1024, taskMemoryMib(), tasksPerHost());
    }

    /** {@link #hostsFor(int, int, int)} for a host described by its capacity; at least one host. */
    public static int hostsFor(int tasks, int cpuUnitsPerTask, int memoryMibPerTask, int hostCpuUnits, int hostMemoryMib,
                               int maxTasksPerHost) {
        long byInterfaces = ceilDiv(tasks, maxTasksPerHost);
        long byCpu = ceilDiv((long) tasks * cpuUnitsPerTask, hostCpuUnits);
        long byMemory = ceilDiv((long) tasks * memoryMibPerTask, hostMemoryMib);
        return (int) Math.max(1, Math.max(byInterfaces, Math.max(byCpu, byMemory)));
    }

    private static long ceilDiv(long a, long b) {
        return b <= 0 ? Long.MAX_VALUE : Math.ceilDiv(a, b);
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
                    String[] f = trimmed.split("\\s+", -1);
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
