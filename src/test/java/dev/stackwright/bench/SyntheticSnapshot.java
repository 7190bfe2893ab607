package dev.stackwright.bench;

import dev.stackwright.model.Attachment;
import dev.stackwright.model.Network;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Writes a synthetic account ({@link SyntheticAccount#account}) as a folder of {@code describe-*} outputs
 * ({@link SnapshotWriter}), so {@code stackwright check --snapshot DIR} can be timed on it end to end.
 * {@code scripts/synthetic-account.sh} builds and runs it. Exit codes: 0 written, 1 the folder could not be written,
 * 2 bad arguments.
 */
public final class SyntheticSnapshot {
    static final String USAGE = """
            Usage: synthetic-account.sh DIR --vpcs N --enis N [--rules N] [--seed N] [--peer-all] [--force]
            Writes a synthetic AWS account into DIR as the `aws ec2 describe-*` JSON outputs that
            `stackwright check --snapshot DIR` reads (vpcs.json, subnets.json, security-groups.json, ...).
              --vpcs N    VPCs to spread the interfaces over; each is at most a /16 (about 12,600 interfaces)
              --enis N    network interfaces in all, at least 10 per VPC (3 NAT gateways per VPC come on top)
              --rules N   security-group rules in all (default: twice --enis); a rule a group already has is
                          written once, as AWS holds it
              --seed N    the generator's seed (default 1): the same arguments give byte-identical files, and
                          --vpcs 1 gives the network of the scale benchmark (ScaleBenchmark) for that size
              --peer-all  link the VPCs: a peering connection between every pair (N*(N-1)/2 of them, in
                          vpc-peering-connections.json), with routes to each other's block both ways in every
                          VPC's public and app route tables, so `check` lists flows between VPCs. The VPCs'
                          blocks never overlap (consecutive in 10.0.0.0/8), as AWS requires of peered VPCs
              --force     write into DIR even if it is not empty (files of the same names are replaced)
            """;

    private SyntheticSnapshot() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command without {@code System.exit}: for tests. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments a;
        try {
            a = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("synthetic-account: " + e.getMessage() + " (--help for usage)");
            return 2;
        }
        if (a == null) {
            out.print(USAGE);
            return 0;
        }
        try {
            List<String> others = check(a.dir(), a.force());
            long start = System.nanoTime();
            List<Network> networks = SyntheticAccount.account(a.vpcs(), a.enis(), a.rules(), a.seed());
            if (a.peerAll()) {
                networks = SyntheticAccount.peerAll(networks);
            }
            List<Path> files = SnapshotWriter.write(networks, a.dir());
            double seconds = (System.nanoTime() - start) / 1e9;
            long bytes = 0;
            for (Path f : files) {
                bytes += Files.size(f);
            }
            long nats = networks.stream()
                    .flatMap(n -> n.attachments().stream())
                    .filter(x -> x.kind() == Attachment.Kind.NAT_GATEWAY)
                    .count();
            long drawn = networks.stream()
                    .flatMap(n -> n.securityGroups().stream())
                    .mapToLong(g -> g.ingress().size() + g.egress().size())
                    .sum();
            long rules = networks.stream().mapToLong(SnapshotWriter::rules).sum();
            out.println(String.format(
                    Locale.ROOT,
                    "wrote %s: %d VPC%s%s, %,d interfaces and %,d NAT gateways, %,d rules "
                            + "(%,d repeats left out), %d files, %.1f MB, in %.1f s",
                    a.dir(),
                    networks.size(),
                    networks.size() == 1 ? "" : "s",
                    a.peerAll() ? " (every pair peered)" : "",
                    a.enis(),
                    nats,
                    rules,
                    drawn - rules,
                    files.size(),
                    bytes / 1e6,
                    seconds));
            if (!others.isEmpty()) {
                err.println("synthetic-account: note: " + a.dir() + " also holds " + String.join(", ", others)
                        + ", which `check --snapshot` reads too");
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("synthetic-account: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("synthetic-account: cannot write " + a.dir() + ": " + e);
            return 1;
        }
    }

    /**
     * Refuses a file, or a folder with anything in it unless forced; returns the .json files a forced write leaves
     * beside the snapshot's own.
     */
    private static List<String> check(Path dir, boolean force) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is a file, not a folder");
        }
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> names;
        try (Stream<Path> list = Files.list(dir)) {
            names = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        if (!names.isEmpty() && !force) {
            throw new IllegalArgumentException(
                    dir + " is not empty (" + names.size() + (names.size() == 1 ? " entry" : " entries")
                            + "); give --force to write into it anyway, or pick an empty or new folder");
        }
        List<String> others = new ArrayList<>();
        for (String n : names) {
            if (n.toLowerCase(Locale.ROOT).endsWith(".json") && !SnapshotWriter.FILES.contains(n)) {
                others.add(n);
            }
        }
        return others;
    }

    /** The parsed command line; {@code parse} gives null for --help. */
    record Arguments(Path dir, int vpcs, int enis, int rules, long seed, boolean force, boolean peerAll) {
        static @Nullable Arguments parse(String[] args) {
            Path dir = null;
            Integer vpcs = null;
            Integer enis = null;
            Integer rules = null;
            long seed = 1;
            boolean force = false;
            boolean peerAll = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                boolean valued = name.equals("--vpcs")
                        || name.equals("--enis")
                        || name.equals("--rules")
                        || name.equals("--seed");
                String value = null;
                if (valued) {
                    if (arg.contains("=")) {
                        value = arg.substring(arg.indexOf('=') + 1);
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        throw new IllegalArgumentException(name + " needs a number");
                    }
                }
                switch (name) {
                    case "-h", "--help" -> {
                        return null;
                    }
                    case "--force" -> force = true;
                    case "--peer-all" -> peerAll = true;
                    case "--vpcs" -> vpcs = number(name, Objects.requireNonNull(value), 1);
                    case "--enis" -> enis = number(name, Objects.requireNonNull(value), 1);
                    case "--rules" -> rules = number(name, Objects.requireNonNull(value), 0);
                    case "--seed" -> {
                        try {
                            seed = Long.parseLong(Objects.requireNonNull(value).strip());
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--seed: '" + value + "' is not a whole number");
                        }
                    }
                    default -> {
                        if (arg.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        if (dir != null) {
                            throw new IllegalArgumentException("one folder, not two: " + dir + " and " + arg);
                        }
                        dir = Path.of(arg);
                    }
                }
            }
            if (dir == null) {
                throw new IllegalArgumentException(
                        "give the folder to write, e.g. synthetic-account.sh /tmp/acct --vpcs 1 --enis 10000");
            }
            if (vpcs == null || enis == null) {
                throw new IllegalArgumentException("give " + (vpcs == null ? "--vpcs" : "--enis") + " N");
            }
            if (rules == null && enis > Integer.MAX_VALUE / 2) {
                throw new IllegalArgumentException("--enis " + enis + " is too many");
            }
            if (peerAll && vpcs < 2) {
                throw new IllegalArgumentException("--peer-all links VPCs to each other: give --vpcs 2 or more");
            }
            return new Arguments(dir, vpcs, enis, rules == null ? 2 * enis : rules, seed, force, peerAll);
        }

        private static int number(String name, String value, int least) {
            int n;
            try {
                n = Integer.parseInt(value.strip().replace("_", "").replace(",", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": '" + value + "' is not a whole number");
            }
            if (n < least) {
                throw new IllegalArgumentException(name + " must be at least " + least + ", not " + n);
            }
            return n;
        }
    }
}
