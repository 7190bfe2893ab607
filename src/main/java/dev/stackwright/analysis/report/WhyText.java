package dev.stackwright.analysis.report;

import dev.stackwright.analysis.reach.Answer;
import dev.stackwright.analysis.reach.Branch;
import dev.stackwright.analysis.reach.CrossVpc;
import dev.stackwright.analysis.reach.Dim;
import dev.stackwright.analysis.reach.Hop;
import dev.stackwright.analysis.reach.Interval;
import dev.stackwright.analysis.reach.IntervalSet;
import dev.stackwright.analysis.reach.Location;
import dev.stackwright.analysis.reach.Names;
import dev.stackwright.analysis.reach.Reachability;
import dev.stackwright.analysis.reach.Verdict;
import dev.stackwright.model.Protocol;
import dev.stackwright.model.RouteTarget;
import dev.stackwright.render.TextTable;
import java.util.List;
import java.util.Locale;

/** The hop-by-hop answer of {@code stackwright why}, for a terminal. */
public final class WhyText {
    private WhyText() {}

    /**
     * Renders the answers for every pair of ends the two names stand for.
     *
     * @param answers one per (source, destination) pair, in source then destination order
     */
    public static String render(
            Reachability reach, Names.Resolved source, Names.Resolved destination, String ports, List<Answer> answers) {
        StringBuilder out = new StringBuilder();
        out.append("why ")
                .append(source.input())
                .append(" -> ")
                .append(destination.input())
                .append(" (")
                .append(ports)
                .append(")\n");
        out.append("  ")
                .append(source.input())
                .append(" = ")
                .append(source.meaning())
                .append('\n');
        out.append("  ")
                .append(destination.input())
                .append(" = ")
                .append(destination.meaning())
                .append('\n');
        for (Answer a : answers) {
            out.append('\n');
            answer(out, reach, a);
        }
        out.append('\n')
                .append(summary(answers.stream().map(Answer::verdict).toList()))
                .append('\n');
        return out.toString();
    }

    /** "Reachable.", "Blocked.", "Cannot tell.", or "2 of 4 pairs reachable, 1 cannot tell." */
    static String summary(List<Verdict> verdicts) {
        if (verdicts.size() == 1) {
            return word(verdicts.getFirst()) + ".";
        }
        long reachable = verdicts.stream().filter(v -> v == Verdict.REACHABLE).count();
        long unknown = verdicts.stream().filter(v -> v == Verdict.CANNOT_TELL).count();
        return reachable + " of " + verdicts.size() + " pairs reachable"
                + (unknown == 0 ? "." : ", " + unknown + " cannot tell.");
    }

    /** "Reachable", "Blocked", "Cannot tell". */
    private static String word(Verdict v) {
        return switch (v) {
            case REACHABLE -> "Reachable";
            case BLOCKED -> "Blocked";
            case CANNOT_TELL -> "Cannot tell";
        };
    }

    private static void answer(StringBuilder out, Reachability reach, Answer a) {
        out.append(a.flow().source().name())
                .append(" -> ")
                .append(a.flow().destination().name())
                .append("  ")
                .append(a.flow().describePorts())
                .append(": ");
        if (a.reachable()) {
            out.append("REACHABLE");
            if (a.flow().source() instanceof Location.Outside) {
                out.append(" from ").append(reach.space().describe(a.admitted().project(Dim.SRC)));
            } else if (a.branches().stream()
                    .filter(Branch::reachable)
                    .flatMap(b -> b.hops().stream())
                    .anyMatch(h -> h.admittedBy().stream().anyMatch(r -> r.startsWith(Reachability.CLIENT_ADDRESS)))) {
                // A Network Load Balancer that preserves the client's address: who gets through is its clients.
                out.append(" for clients in ")
                        .append(reach.space().describe(a.admitted().project(Dim.SRC)))
                        .append(", whose addresses the target sees");
            }
        } else if (a.verdict() == Verdict.CANNOT_TELL) {
            out.append("CANNOT TELL: ")
                    .append(String.join(", ", a.unmodelled()))
                    .append(" not modelled");
        } else {
            int n = a.blockers().size();
            out.append("BLOCKED by ").append(n).append(n == 1 ? " component" : " components");
        }
        out.append('\n');
        int width = a.branches().stream()
                .flatMap(b -> b.hops().stream())
                .mapToInt(h -> TextTable.width(h.component()))
                .max()
                .orElse(0);
        for (Branch b : a.branches()) {
            // A reachable answer shows the ways that work; a blocked one shows every way and what stops it.
            if (a.reachable() && !b.reachable()) {
                continue;
            }
            if (!b.via().isEmpty()) {
                out.append("  ")
                        .append(b.via())
                        .append(b.reachable() ? "" : b.cannotTell() ? " (cannot tell)" : " (blocked)")
                        .append('\n');
            }
            for (Hop h : b.hops()) {
                out.append("    ")
                        .append(h.direction() == Hop.Direction.OUT ? "-> " : "<- ")
                        .append(TextTable.pad(h.component(), width))
                        .append("  ");
                if (h.blocker().isPresent()) {
                    out.append("BLOCKED ")
                            .append(h.blocker().get().code())
                            .append(": ")
                            .append(h.blocker().get().message());
                } else if (h.unmodelled().isPresent()) {
                    out.append("CANNOT TELL: ")
                            .append(h.unmodelled().get())
                            .append(" not modelled; what it does with the flow is not in the input");
                } else {
                    out.append(String.join("; ", h.admittedBy()));
                    h.note().ifPresent(n -> out.append(" [").append(n).append(']'));
                }
                out.append('\n');
            }
        }
    }

    /**
     * Flows between two VPCs, one per pair of ends the names stand for: the leg out, the link, the leg in. A pair of
     * dual-stack ends is answered per family, under a line that says which families get through and what stops the
     * others (each blocker labelled with its family); like a reachable answer within one VPC, it then shows the
     * families that get through (every family when none does). A family whose source subnet has no route towards the
     * other VPC at all gets that one line and no parts.
     */
    public static String renderAcross(String source, String destination, String ports, List<CrossVpc.Pair> pairs) {
        StringBuilder out = new StringBuilder();
        out.append("why ")
                .append(source)
                .append(" -> ")
                .append(destination)
                .append(" (")
                .append(ports)
                .append(")\n");
        // Once some pair is answered per family, every pair gets its line, so that none reads as another's part.
        boolean perFamily = pairs.stream().anyMatch(CrossVpc.Pair::dualStack);
        for (CrossVpc.Pair p : pairs) {
            if (!perFamily) {
                across(out, p.families().getFirst());
                continue;
            }
            out.append('\n').append(headline(p)).append('\n');
            for (CrossVpc.Result r : p.families()) {
                if (r.verdict() != Verdict.REACHABLE) {
                    String family = "  " + r.family().label() + " ";
                    if (r.verdict() == Verdict.BLOCKED) {
                        // A family with no route towards the other VPC is said once: its legs only repeat it.
                        r.unrouted()
                                .map(List::of)
                                .orElseGet(r::blockers)
                                .forEach(b -> out.append(family)
                                        .append("BLOCKED ")
                                        .append(b.code())
                                        .append(": ")
                                        .append(b.message())
                                        .append('\n'));
                    } else {
                        out.append(family)
                                .append("CANNOT TELL: ")
                                .append(String.join(", ", r.unmodelled()))
                                .append(" not modelled\n");
                    }
                }
            }
            for (CrossVpc.Result r : p.families()) {
                if ((p.reachable() && !r.reachable()) || r.unrouted().isPresent()) {
                    continue;
                }
                out.append("\nOver ").append(r.family().label()).append(":\n");
                across(out, r);
            }
        }
        out.append('\n');
        if (pairs.size() == 1 && pairs.getFirst().dualStack()) {
            CrossVpc.Pair p = pairs.getFirst();
            out.append(word(p.verdict())).append(' ').append(overFamilies(p)).append('.');
        } else {
            out.append(summary(pairs.stream().map(CrossVpc.Pair::verdict).toList()));
        }
        return out.append('\n').toString();
    }

    /** "web -> ledger  tcp 443: REACHABLE over IPv4 only". */
    private static String headline(CrossVpc.Pair p) {
        Answer leaving = p.families().getFirst().leaving().answer();
        Answer entering = p.families().getFirst().entering().answer();
        return leaving.flow().source().name() + " -> "
                + entering.flow().destination().name() + "  "
                + leaving.flow().describePorts() + ": " + word(p.verdict()).toUpperCase(Locale.ROOT) + " "
                + overFamilies(p);
    }

    /**
     * The families that have the pair's verdict: "over IPv4 only" (reachable, the other blocked), "over IPv4 and
     * IPv6", "over IPv6" (reachable, the other cannot tell; or cannot tell, the other blocked).
     */
    private static String overFamilies(CrossVpc.Pair p) {
        List<CrossVpc.Result> these = p.with(p.verdict());
        boolean onlyThese = p.verdict() == Verdict.REACHABLE
                && these.size() + p.with(Verdict.BLOCKED).size() == p.families().size()
                && these.size() < p.families().size();
        List<String> names = these.stream().map(r -> r.family().label()).toList();
        return "over " + String.join(" and ", names) + (onlyThese ? " only" : "");
    }

    /** One family's flow between two VPCs: the leg out, the link, the leg in. */
    private static void across(StringBuilder out, CrossVpc.Result r) {
        if (r.blocksUnknown()) {
            // The legs were walked with stand-in blocks, which land both VPCs on the same addresses: a route table's
            // "blocked" in them is an artefact of the stand-ins, not AWS's answer, and must not read as one.
            out.append("\nThe ")
                    .append(r.family().label())
                    .append(
                            " blocks these legs need are not in the input, so each leg places the other VPC at stand-in")
                    .append(" addresses: a route table it shows as blocking (route-diverted, asymmetric-return) is not")
                    .append(" AWS's answer, and the flow is cannot tell. Give the blocks (a snapshot, or --parameter)")
                    .append(" to have it decided.\n");
        }
        out.append("\nLeaving ").append(r.leaving().network().stackName()).append('\n');
        answer(out, r.leaving().reach(), r.leaving().answer());
        out.append("\nBetween the VPCs: ")
                .append(r.link().map(RouteTarget::describe).orElse("no link"));
        if (r.linkCarries()) {
            out.append(", used both ways\n");
        } else {
            out.append('\n');
        }
        r.linkPath().forEach(p -> out.append("    ").append(p).append('\n'));
        r.linkBlockers()
                .forEach(b -> out.append("    BLOCKED ")
                        .append(b.code())
                        .append(": ")
                        .append(b.message())
                        .append('\n'));
        r.linkUnknown().forEach(u -> out.append("    CANNOT TELL: ").append(u).append(" not modelled\n"));
        out.append("\nEntering ").append(r.entering().network().stackName()).append('\n');
        answer(out, r.entering().reach(), r.entering().answer());
    }

    /** "tcp 443" for the header. */
    public static String ports(Protocol protocol, int port) {
        return Reachability.ports(protocol, IntervalSet.of(Interval.of(port)));
    }
}
