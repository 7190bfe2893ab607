package dev.stackwright.spec;

/** The {@code database:} section. */
public record DatabaseSpec(String engine, int port) {
}
