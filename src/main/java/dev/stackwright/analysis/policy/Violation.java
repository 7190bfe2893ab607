package dev.stackwright.analysis.policy;

import java.util.List;

/**
 * A flow the policy does not allow, or one it forbids.
 *
 * @param rule     which part of the policy: {@code internet-ingress}, {@code guarded}, {@code internet-egress},
 *                 {@code open-to-world}
 * @param resource the attachment it is about
 * @param fix      what to change, and how to see the path ({@code stackwright why ...})
 */
public record Violation(String rule, String message, String resource, String fix) {
    public static final List<String> RULES = List.of("internet-ingress", "open-to-world", "guarded", "internet-egress");
}
