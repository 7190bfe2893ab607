package dev.stackwright.analysis.policy;

import dev.stackwright.analysis.reach.Interval;
import dev.stackwright.analysis.reach.IntervalSet;
import dev.stackwright.model.Network;
import dev.stackwright.model.Protocol;
import java.util.List;

/**
 * Which flows a network may have. Every flow from the internet, and every flow into a guarded destination, must match
 * an {@link Allow} entry; the {@code noInternetEgress} resources reach nothing on the internet; the
 * {@code neverOpenToWorld} ports are never reachable from every internet address, whatever the allow entries say.
 *
 * <p>Names are selectors as {@code why} reads them (a resource, security group, subnet, tier or role; {@code tier:},
 * {@code role:}... to be explicit) plus {@code internet} as a source, each optionally after {@code vpc:NAME/} to name
 * the VPC of an input with several ({@link Selectors}); ports may be {@code service} and {@code database}, the spec's
 * ports.
 *
 * @param source where the policy came from: "built-in" or the file
 */
public record Policy(
        String source,
        List<Allow> allow,
        List<String> guarded,
        List<String> noInternetEgress,
        List<Ports> neverOpenToWorld) {

    public Policy {
        allow = List.copyOf(allow);
        guarded = List.copyOf(guarded);
        noInternetEgress = List.copyOf(noInternetEgress);
        neverOpenToWorld = List.copyOf(neverOpenToWorld);
    }

    /** One permitted flow: from any of {@code from} to any of {@code to}, on these ports. */
    public record Allow(List<String> from, List<String> to, List<Ports> ports, Proto protocol) {
        public Allow {
            from = List.copyOf(from);
            to = List.copyOf(to);
            ports = List.copyOf(ports);
        }
    }

    /** Which protocol an entry covers. */
    public enum Proto {
        TCP,
        UDP,
        ANY;

        public boolean covers(Protocol p) {
            return this == ANY || name().equals(p.name());
        }
    }

    /** Ports as a policy writes them: numbers and ranges, or the spec's service and database ports. */
    public sealed interface Ports {
        record Range(int from, int to) implements Ports {}

        /** {@code service}: the port the app listens on. */
        record Service() implements Ports {}

        /** {@code database}: the database's port; nothing when the spec has no database. */
        record Database() implements Ports {}

        static Ports of(int port) {
            return new Range(port, port);
        }

        default IntervalSet resolve(Network network) {
            return switch (this) {
                case Range r -> IntervalSet.of(new Interval(r.from(), r.to()));
                case Service s -> IntervalSet.of(Interval.of(network.servicePort()));
                case Database d ->
                    network.databasePort() > 0
                            ? IntervalSet.of(Interval.of(network.databasePort()))
                            : IntervalSet.empty();
            };
        }

        default String text() {
            return switch (this) {
                case Range r ->
                    r.from() == 0 && r.to() == 65535
                            ? "all"
                            : r.from() == r.to() ? String.valueOf(r.from()) : r.from() + "-" + r.to();
                case Service s -> "service";
                case Database d -> "database";
            };
        }
    }

    static IntervalSet resolve(List<Ports> ports, Network network) {
        IntervalSet out = IntervalSet.empty();
        for (Ports p : ports) {
            out = out.union(p.resolve(network));
        }
        return out;
    }

    /** Ports no one should open to the whole internet: SSH, RDP, the spec's database, and common database ports. */
    public static final List<Ports> SENSITIVE_PORTS = List.of(
            Ports.of(22),
            Ports.of(3389),
            new Ports.Database(),
            Ports.of(1433),
            Ports.of(1521),
            Ports.of(3306),
            Ports.of(5432),
            Ports.of(6379),
            Ports.of(27017));

    /**
     * Secure by default: only the front door is reachable from the internet, on 80 and 443 (and the bastion on SSH,
     * from the range the spec locks it to); the app only from the front door on the service port (and SSH from the
     * bastion); the database only from the app and the bastion on its port; the data tier has no internet egress; no
     * SSH, RDP or database port is open to the whole internet.
     */
    public static Policy defaults() {
        return new Policy(
                "built-in",
                List.of(
                        new Allow(
                                List.of("internet"),
                                List.of("role:front-door"),
                                List.of(Ports.of(80), Ports.of(443)),
                                Proto.TCP),
                        new Allow(List.of("internet"), List.of("role:bastion"), List.of(Ports.of(22)), Proto.TCP),
                        new Allow(
                                List.of("role:front-door"),
                                List.of("role:app"),
                                List.of(new Ports.Service()),
                                Proto.TCP),
                        new Allow(List.of("role:bastion"), List.of("role:app"), List.of(Ports.of(22)), Proto.TCP),
                        new Allow(
                                List.of("role:app", "role:bastion"),
                                List.of("role:database"),
                                List.of(new Ports.Database()),
                                Proto.TCP)),
                List.of("role:app", "role:database"),
                List.of("tier:data"),
                SENSITIVE_PORTS);
    }
}
