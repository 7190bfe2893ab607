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
            return switch (verdicts.getFirst()) {
                case REACHABLE -> "Reachable.";
                case BLOCKED -> "Blocked.";
                case CANNOT_TELL -> "Cannot tell.";
            };
        }
        long reachable = verdicts.stream().filter(v -> v == Verdict.REACHABLE).count();
        long unknown = verdicts.stream().filter(v -> v == Verdict.CANNOT_TELL).count();
        return reachable + " of " + verdicts.size() + " pairs reachable"
                + (unknown == 0 ? "." : ", " + unknown + " cannot tell.");
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

    /** A flow between two VPCs: the leg out, the link, the leg in. */
    public static String renderAcross(String source, String destination, String ports, List<CrossVpc.Result> results) {
        StringBuilder out = new StringBuilder();
        out.append("why ")
                .append(source)
                .append(" -> ")
                .append(destination)
                .append(" (")
                .append(ports)
                .append(")\n");
        for (CrossVpc.Result r : results) {
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
            r.linkUnknown()
                    .forEach(u -> out.append("    CANNOT TELL: ").append(u).append(" not modelled\n"));
            out.append("\nEntering ").append(r.entering().network().stackName()).append('\n');
            answer(out, r.entering().reach(), r.entering().answer());
        }
        out.append('\n')
                .append(summary(results.stream().map(CrossVpc.Result::verdict).toList()))
                .append('\n');
        return out.toString();
    }

    /** "tcp 443" for the header. */
    public static String ports(Protocol protocol, int port) {
        return Reachability.ports(protocol, IntervalSet.of(Interval.of(port)));
    }
}
