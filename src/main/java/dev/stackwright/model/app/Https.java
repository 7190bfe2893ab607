package dev.stackwright.model.app;

/** A custom domain with its ACM certificate. */
public record Https(String domain, String certificateArn) {}
