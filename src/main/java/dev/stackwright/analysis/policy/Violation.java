package dev.stackwright.analysis.policy;

import java.util.List;

/**
 * A flow the policy does not allow, or one it forbids.
 *
 * @param rule     which part of the policy: {@code internet-ingress}, {@code guarded}, {@code internet-egress},
 *                 {@code open-to-world}
 * @param resource the attachment it is about (for {@code guarded}, the first destination)
 * @param fix      what to change, and how to see the path ({@code stackwright why ...})
 * @param sources  for {@code guarded}: every source resource of the pairs it stands for, in network order; else empty
 * @param targets  for {@code guarded}: every guarded destination of those pairs; else just {@code resource}
 * @param pairs    for {@code guarded}: how many (source, destination) pairs it stands for; else 1
 */
public record Violation(
        String rule,
        String message,
        String resource,
        String fix,
        List<String> sources,
        List<String> targets,
        long pairs) {
    public static final List<String> RULES = List.of("internet-ingress", "open-to-world", "guarded", "internet-egress");

    public Violation {
        sources = List.copyOf(sources);
        targets = List.copyOf(targets);
    }

    /** A violation about one resource. */
    public Violation(String rule, String message, String resource, String fix) {
        this(rule, message, resource, fix, List.of(), List.of(resource), 1);
    }
}
