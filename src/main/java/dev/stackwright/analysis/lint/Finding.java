package dev.stackwright.analysis.lint;

import java.util.Optional;

/**
 * One thing a lint rule found.
 *
 * @param id          the rule's id, e.g. {@code SW007}
 * @param resource    what it is about, e.g. "subnet app-a", "security group nat", "vpc"
 * @param fix         what to change, in terms of stackwright.yml where possible
 * @param equivalents the matching cdk-nag / cfn_nag / Checkov ids, where they exist
 * @param specPath    the stackwright.yml key the fix is about ({@code network.flowLogs}), for locations in SARIF
 */
public record Finding(
        String id,
        Severity severity,
        String message,
        String resource,
        String fix,
        Equivalents equivalents,
        Optional<String> specPath) {}
