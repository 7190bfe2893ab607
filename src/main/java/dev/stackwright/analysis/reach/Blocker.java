package dev.stackwright.analysis.reach;

/**
 * Why a component stops a flow.
 *
 * @param code      short and stable, for scripts and docs: {@code sg-ingress-denied}, {@code no-public-ip}, ...
 * @param component what blocks: "security group app", "route table data"
 * @param message   one sentence a person can act on
 */
public record Blocker(String code, String component, String message) {}
