package dev.stackwright.spec;

import java.util.Optional;

/** The {@code alarms:} section. */
public record AlarmsSpec(Optional<String> email) {}
