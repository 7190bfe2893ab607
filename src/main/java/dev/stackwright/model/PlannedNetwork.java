package dev.stackwright.model;

/**
 * What the planner produces: the network as AWS will have it, and what the spec meant by it. Templates, the plan's
 * text and cost read both; analysis reads the network and, when it has one, the intent.
 */
public record PlannedNetwork(Network network, Intent intent) {}
