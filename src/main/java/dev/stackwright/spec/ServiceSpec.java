package dev.stackwright.spec;

/** The {@code service:} section. */
public record ServiceSpec(int port) {
}
