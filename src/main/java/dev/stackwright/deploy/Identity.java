package dev.stackwright.deploy;

/** Who the credentials belong to (STS GetCallerIdentity). */
public record Identity(String account, String arn, String userId) {}
