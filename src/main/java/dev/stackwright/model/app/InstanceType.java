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
import java.util.regex.Pattern;

/**
 * An EC2 instance type or RDS instance class, from the catalogue in {@code instance-types.txt}: what the planner
 * needs to check that a task fits a host and to size alarms.
 *
 * @param maxEnis network interfaces per instance; in awsvpc mode each task takes one and the host keeps one
 */
public record InstanceType(String name, int vcpus, int memoryMib, int maxEnis) {
    /** What the OS and the ECS agent keep on a host; a task must fit in the rest. */
    public static final int ECS_RESERVED_MIB = 256;

    /**
     * Graviton families: {@code a1}, and those with a {@code g} among the letters after the generation digit (t4g,
     * m7gd, c6gn, im4gn, is4gen, g5g). A leading {@code g} is the GPU line (g4dn, g5: x86), and a hyphen ends the
     * letters (m7i-flex). Mac families are out of reach anyway: no Linux AMI runs on them.
     * https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-type-names.html
     */
    private static final Pattern GRAVITON_FAMILY = Pattern.compile("a1|[a-z]+[0-9]+[a-z]*g[a-z]*");

    public static Optional<InstanceType> find(String name) {
        return Optional.ofNullable(Catalogue.TYPES.get(name));
    }

    /** Every known RDS class ({@code rds}) or EC2 type, for suggestions. */
    public static java.util.List<String> names(boolean rds) {
        return Catalogue.TYPES.keySet().stream()
                .filter(n -> n.startsWith("db.") == rds)
                .toList();
    }

    /**
     * Whether an EC2 instance type or RDS instance class ({@code db.} and an EC2 type) runs on Graviton, and so takes
     * arm64 AMIs and images: the one answer for ECS hosts, NAT instances, the bastion and the catalogue. Decided by the
     * family, so types outside the catalogue get the same answer.
     */
    public static boolean isArm(String instanceType) {
        String type = instanceType.startsWith("db.") ? instanceType.substring(3) : instanceType;
        int dot = type.indexOf('.');
        return GRAVITON_FAMILY.matcher(dot < 0 ? type : type.substring(0, dot)).matches();
    }

    /** Whether this type is Graviton (see {@link #isArm(String)}). */
    public boolean arm() {
        return isArm(name);
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
    public static int hostsFor(
            int tasks,
            int cpuUnitsPerTask,
            int memoryMibPerTask,
            int hostCpuUnits,
            int hostMemoryMib,
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
                    // The arch column is AWS's word for each row; InstanceTypeTest holds isArm to it.
                    out.put(
                            f[0],
                            new InstanceType(
                                    f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3])));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out;
        }
    }
}
