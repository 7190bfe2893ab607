package dev.stackwright.model;

/** VPC flow logs of all traffic to a CloudWatch Logs group. */
public record FlowLogs(int retentionDays) {}
