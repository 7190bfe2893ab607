package dev.stackwright.cli;

import dev.stackwright.analysis.reach.Answer;
import dev.stackwright.analysis.reach.Flow;
import dev.stackwright.analysis.reach.Location;
import dev.stackwright.analysis.reach.Names;
import dev.stackwright.analysis.reach.Reachability;
import dev.stackwright.analysis.reach.Verdict;
import dev.stackwright.analysis.report.WhyText;
import dev.stackwright.model.Network;
import dev.stackwright.model.PortRange;
import dev.stackwright.model.Protocol;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "why",
        mixinStandardHelpOptions = true,
        description = "Explain, hop by hop, whether SRC can open a connection to DST on PORT: every component on the "
                + "way and the rule that admits the flow, or every component that blocks it.",
        footer = {
            "",
            "SRC and DST: `internet`, a CIDR, or the name of a resource, security group, subnet or tier "
                    + "(prefix with resource:, sg:, subnet:, tier: or role: to be explicit). DST may also be an AWS service "
                    + "such as s3. Names that stand for several resources answer for every pair.",
            "With --template or --snapshot, names are the template's logical IDs, or the Name tags or IDs of the "
                    + "snapshot's resources. When one VPC holds the source and another the destination, the flow is followed out "
                    + "of the first, over the peering connection or transit gateway, and into the second (with its way back). "
                    + "A name after vpc:NAME/ is looked up in that VPC only, as in a policy: vpc:ledger/sg:db.",
            "Exit codes: 0 an answer (reachable or blocked); 1 a bad name, port or input; 2 a usage error; "
                    + "3 cannot tell (the way crosses a hop the model does not hold, such as a VPN or Direct "
                    + "Connect route: the answer names it); 70 a bug in Stackwright.",
            "Example: stackwright why internet front-door 443"
        })
final class WhyCommand implements Callable<Integer> {
    /** The exit code when some answer is "cannot tell": the way crosses a hop the model does not hold. */
    static final int CANNOT_TELL = 3;

    enum Proto {
        tcp,
        udp
    }

    @Parameters(index = "0", paramLabel = "SRC", description = "Where the connection starts.")
    String source;

    @Parameters(index = "1", paramLabel = "DST", description = "Where it goes.")
    String destination;

    @Parameters(index = "2", paramLabel = "PORT", description = "The destination port, 1 to 65535.")
    String port;

    @Option(
            names = "--protocol",
            defaultValue = "tcp",
            paramLabel = "PROTOCOL",
            description = "tcp or udp (default: ${DEFAULT-VALUE}).")
    Proto protocol;

    @Mixin
    InputOption input;

    @Option(
            names = "--vpc",
            paramLabel = "VPC",
            description =
                    "With --template or --snapshot: the VPC the flow is in (its logical ID, Name tag or ID), when "
                            + "the input has several and the names do not tell.")
    @Nullable
    String vpc;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter err = command.commandLine().getErr();
        InputOption.Loaded loaded = input.load(err);
        loaded.imported().findings().forEach(d -> err.println(d.format()));
        List<String> qualifiers = new ArrayList<>();
        qualified(loaded.imported().networks(), source, "SRC", qualifiers);
        qualified(loaded.imported().networks(), destination, "DST", qualifiers);
        if (!qualifiers.isEmpty()) {
            qualifiers.forEach(p -> err.println("stackwright why: " + p));
            err.println(qualifiers.size() + (qualifiers.size() == 1 ? " problem" : " problems") + " found.");
            return Main.INPUT_PROBLEM;
        }
        Optional<Integer> across =
                across(loaded.imported().networks(), loaded.imported().transitGateways(), err);
        if (across.isPresent()) {
            return across.get();
        }
        Network network = choose(loaded.imported().networks(), err);
        if (network == null) {
            return Main.INPUT_PROBLEM;
        }
        Reachability reach = new Reachability(network, loaded.imported().transitGateways());
        Names names = new Names(network, reach.space());

        List<String> problems = new ArrayList<>();
        Integer portNumber = parsePort(port, problems);
        Names.Resolved from = resolve(() -> names.source(here(source, network)), "SRC", problems);
        Names.Resolved to = resolve(() -> names.destination(here(destination, network)), "DST", problems);
        List<Flow> flows = new ArrayList<>();
        if (portNumber != null && from != null && to != null) {
            Protocol p = protocol == Proto.udp ? Protocol.UDP : Protocol.TCP;
            for (Location s : from.locations()) {
                for (Location d : to.locations()) {
                    if (s instanceof Location.Outside && d instanceof Location.Outside) {
                        continue;
                    }
                    if (s instanceof Location.Resource a
                            && d instanceof Location.Resource b
                            && a.attachment().equals(b.attachment())) {
                        continue;
                    }
                    flows.add(new Flow(s, d, p, PortRange.of(portNumber)));
                }
            }
            if (flows.isEmpty()) {
                problems.add("SRC, DST: `" + source + "` and `" + destination + "` leave no flow to explain: "
                        + "a flow needs one end inside the VPC and two different resources. Fix: name a resource, "
                        + "security group, subnet or tier on at least one side.");
            }
        }
        // each of port, source and destination is null only with a problem said
        if (!problems.isEmpty() || portNumber == null || from == null || to == null) {
            problems.forEach(p -> err.println("stackwright why: " + p));
            err.println(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " found.");
            return Main.INPUT_PROBLEM;
        }
        List<Answer> answers = flows.stream().map(reach::evaluate).toList();
        command.commandLine()
                .getOut()
                .print(WhyText.render(
                        reach, from, to, WhyText.ports(flows.getFirst().protocol(), portNumber), answers));
        return answers.stream().anyMatch(a -> a.verdict() == Verdict.CANNOT_TELL) ? CANNOT_TELL : Main.OK;
    }

    /**
     * The network the flow is in: the one {@code --vpc} names, the only one, the only one where both ends resolve, or
     * the only one holding one end when the other is outside every VPC. Null (reported) otherwise.
     */
    private @Nullable Network choose(List<Network> networks, PrintWriter err) {
        List<String> names = networks.stream().map(Network::stackName).toList();
        if (vpc != null) {
            Optional<Network> named =
                    networks.stream().filter(n -> n.stackName().equals(vpc)).findFirst();
            if (named.isEmpty()) {
                err.println("stackwright why: --vpc: `" + vpc + "` is not a VPC of the input. Fix: "
                        + dev.stackwright.diag.Suggestions.closest(vpc, names)
                                .map(c -> "did you mean `" + c + "`?")
                                .orElse("use one of: " + String.join(", ", names) + "."));
            }
            return named.orElse(null);
        }
        if (networks.size() == 1) {
            return networks.getFirst();
        }
        List<Network> both = networks.stream()
                .filter(n -> resolves(n, source, false) && resolves(n, destination, true))
                .toList();
        if (both.size() == 1) {
            return both.getFirst();
        }
        List<String> unknown = new ArrayList<>();
        unknownEverywhere(networks, source, false).ifPresent(p -> unknown.add("SRC: " + p));
        unknownEverywhere(networks, destination, true).ifPresent(p -> unknown.add("DST: " + p));
        if (both.isEmpty() && !unknown.isEmpty()) {
            // --vpc would not help: the name is no VPC's at all.
            unknown.forEach(p -> err.println("stackwright why: " + p));
            err.println(unknown.size() + (unknown.size() == 1 ? " problem" : " problems") + " found.");
            return null;
        }
        // One end inside a VPC, the other outside every VPC (the internet, an address, a service): the VPC that holds
        // the inside end.
        List<Network> fits = !both.isEmpty()
                ? both
                : networks.stream()
                        .filter(n -> (resolves(n, source, false)
                                        && lookup(n, destination, true).isPresent())
                                || (lookup(n, source, false).isPresent() && resolves(n, destination, true)))
                        .toList();
        if (fits.size() == 1) {
            return fits.getFirst();
        }
        err.println("stackwright why: the input has " + networks.size() + " VPCs (" + String.join(", ", names)
                + ") and "
                + (fits.isEmpty()
                        ? "no one of them has both `" + source + "` and `" + destination + "`"
                        : fits.size() + " of them ("
                                + String.join(
                                        ", ",
                                        fits.stream().map(Network::stackName).toList())
                                + ") have both `" + source + "` and `" + destination + "`")
                + ". Fix: name the VPC with --vpc, e.g. --vpc "
                + (fits.isEmpty() ? names.getFirst() : fits.getFirst().stackName())
                + ", or name resources so that the source is in one VPC and the destination in another.");
        return null;
    }

    /**
     * A flow between two VPCs: when no VPC holds both ends, but exactly one holds the source and another the
     * destination. Empty when the names do not say so (the single-VPC path then explains what is wrong).
     */
    private Optional<Integer> across(
            List<Network> networks, dev.stackwright.model.TransitGateways transit, PrintWriter err) {
        if (vpc != null
                || networks.size() < 2
                || networks.stream().anyMatch(n -> resolves(n, source, false) && resolves(n, destination, true))) {
            return Optional.empty();
        }
        List<Network> from =
                networks.stream().filter(n -> resolves(n, source, false)).toList();
        List<Network> to =
                networks.stream().filter(n -> resolves(n, destination, true)).toList();
        if (from.size() != 1 || to.size() != 1) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        Integer portNumber = parsePort(port, problems);
        if (portNumber == null) {
            problems.forEach(p -> err.println("stackwright why: " + p));
            return Optional.of(Main.INPUT_PROBLEM);
        }
        Protocol p = protocol == Proto.udp ? Protocol.UDP : Protocol.TCP;
        Network a = from.getFirst();
        Network b = to.getFirst();
        List<dev.stackwright.analysis.reach.CrossVpc.Pair> results = new ArrayList<>();
        for (Location s : resources(a, transit, source, false)) {
            for (Location d : resources(b, transit, destination, true)) {
                results.add(dev.stackwright.analysis.reach.CrossVpc.evaluate(
                        a, (Location.Resource) s, b, (Location.Resource) d, p, PortRange.of(portNumber), transit));
            }
        }
        command.commandLine()
                .getOut()
                .print(dev.stackwright.analysis.report.WhyText.renderAcross(
                        source + " (" + a.stackName() + ")",
                        destination + " (" + b.stackName() + ")",
                        WhyText.ports(p, portNumber),
                        results));
        return Optional.of(results.stream().anyMatch(r -> r.verdict() == Verdict.CANNOT_TELL) ? CANNOT_TELL : Main.OK);
    }

    /** The resources a name stands for, on the line CrossVpc evaluates the network on. */
    private static List<Location> resources(
            Network network, dev.stackwright.model.TransitGateways transit, String name, boolean destination) {
        Names names = new Names(network, new dev.stackwright.analysis.reach.AddressSpace(network, transit));
        Names.Resolved r = destination ? names.destination(here(name, network)) : names.source(here(name, network));
        return r.locations().stream()
                .filter(l -> l instanceof Location.Resource)
                .toList();
    }

    /**
     * What is wrong with a name that no VPC of the input knows, with the closest name any of them has (and whose it
     * is); empty when some VPC knows it.
     */
    private Optional<String> unknownEverywhere(List<Network> networks, String name, boolean destination) {
        if (networks.stream().anyMatch(n -> lookup(n, name, destination).isPresent())) {
            return Optional.empty();
        }
        for (Network n : networks) {
            Optional<String> local = Names.inVpc(name, n.stackName());
            // A name its VPC knows, or one some VPC knows but cannot use here (a tier without resources, a service
            // as the source): that VPC says what is wrong, with the closest name it has.
            boolean known = name.startsWith(Names.VPC) ? local.isPresent() : names(n).knows(name);
            if (known) {
                List<String> problem = new ArrayList<>();
                resolve(
                        () -> destination ? names(n).destination(here(name, n)) : names(n).source(here(name, n)),
                        "in " + n.stackName(),
                        problem);
                return problem.stream().findFirst();
            }
        }
        java.util.Map<String, String> owners = new java.util.LinkedHashMap<>();
        for (Network n : networks) {
            names(n).known().forEach(k -> owners.putIfAbsent(k, n.stackName()));
        }
        List<String> vpcs = networks.stream().map(Network::stackName).toList();
        return Optional.of("`" + name + "` is not a resource, security group, subnet, tier or service of any VPC of the"
                + " input (" + String.join(", ", vpcs) + "). Fix: "
                + dev.stackwright.diag.Suggestions.closest(name, owners.keySet())
                        .map(c -> "did you mean `" + c + "` (in " + owners.get(c) + ")?")
                        .orElse("name the VPC with --vpc " + vpcs.getFirst() + " to see the names it has."));
    }

    /** Whether the name stands for something inside the network (a resource), not only for addresses outside it. */
    private boolean resolves(Network network, String name, boolean destination) {
        return lookup(network, name, destination)
                .filter(r -> r.locations().stream().anyMatch(l -> l instanceof Location.Resource))
                .isPresent();
    }

    /**
     * What the name stands for in the network as a source or destination; empty when it means nothing there (or
     * names another VPC).
     */
    private Optional<Names.Resolved> lookup(Network network, String name, boolean destination) {
        Names names = names(network);
        Optional<String> local = Names.inVpc(name, network.stackName());
        if (local.isEmpty() || local.get().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(destination ? names.destination(local.get()) : names.source(local.get()));
        } catch (Names.Unresolved u) {
            return Optional.empty();
        }
    }

    /** Each network's names, made once: an account's address space takes a while to lay out. */
    private final java.util.Map<Network, Names> namesOf = new java.util.IdentityHashMap<>();

    private Names names(Network network) {
        return namesOf.computeIfAbsent(network, n -> new Names(n, new dev.stackwright.analysis.reach.AddressSpace(n)));
    }

    /** The name as the network knows it: without a {@code vpc:} qualifier that names this network. */
    private static String here(String name, Network network) {
        return Names.inVpc(name, network.stackName()).orElse(name);
    }

    /**
     * A name qualified with {@code vpc:NAME/} must name one VPC of the input, agree with {@code --vpc}, and name
     * something after the VPC; what is wrong goes to {@code problems}.
     */
    private void qualified(List<Network> networks, String name, String argument, List<String> problems) {
        List<String> vpcs = networks.stream().map(Network::stackName).toList();
        Names.qualifier(name, vpcs).ifPresent(q -> {
            switch (q) {
                case Names.Qualifier.Unknown u ->
                    problems.add(argument + ": `" + u.written() + "` is not a VPC of the input ("
                            + String.join(", ", vpcs) + "). Fix: "
                            + u.closest()
                                    .map(c -> "did you mean `" + Names.VPC + c + u.after() + "`?")
                                    .orElse("name one of its VPCs, e.g. `" + Names.VPC + vpcs.getFirst() + u.after()
                                            + "`."));
                case Names.Qualifier.Ambiguous a ->
                    problems.add(argument + ": `" + name + "` fits more than one VPC (" + String.join(", ", a.vpcs())
                            + "), whose names differ only after a `/`. Fix: leave out the `" + Names.VPC
                            + "` part and name the VPC with --vpc.");
                case Names.Qualifier.In in
                when in.local().isEmpty() ->
                    problems.add(argument + ": `" + name + "` names a VPC but nothing in it. Fix: name a resource,"
                            + " security group, subnet or tier after it, e.g. `" + Names.VPC + in.vpc()
                            + "/tier:app`.");
                case Names.Qualifier.In in
                when vpc != null && !vpc.equals(in.vpc()) ->
                    problems.add(argument + ": `" + name + "` is in VPC " + in.vpc() + ", and --vpc names " + vpc
                            + ". Fix: leave out --vpc, or the `" + Names.VPC + "` part.");
                case Names.Qualifier.In in -> {}
            }
        });
    }

    private static @Nullable Integer parsePort(String text, List<String> problems) {
        try {
            int p = Integer.parseInt(text.strip());
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("PORT: must be a whole number from 1 to 65535 (got `" + text
                + "`). Fix: give the destination port, " + "e.g. 443.");
        return null;
    }

    private static Names.@Nullable Resolved resolve(
            java.util.function.Supplier<Names.Resolved> lookup, String argument, List<String> problems) {
        try {
            return lookup.get();
        } catch (Names.Unresolved u) {
            problems.add(argument + ": " + u.getMessage()
                    + (u.getMessage().contains(u.input()) ? "" : " (got `" + u.input() + "`)") + ". Fix: " + u.fix()
                    + (u.fix().endsWith("?") || u.fix().endsWith(".") ? "" : "."));
            return null;
        }
    }
}
