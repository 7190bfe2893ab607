package dev.stackwright.model;

/** What a route matches: a CIDR block or an AWS-managed prefix list such as S3's. */
public sealed interface RouteDestination {
    record Block(Cidr cidr) implements RouteDestination {}

    /** The AWS-managed prefix list of a service in the region, e.g. {@code com.amazonaws.us-east-1.s3}. */
    record PrefixList(String service) implements RouteDestination {}

    default String describe() {
        return switch (this) {
            case Block b -> b.cidr().toString();
            case PrefixList p -> "pl-" + p.service();
        };
    }
}
