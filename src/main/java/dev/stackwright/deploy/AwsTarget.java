package dev.stackwright.deploy;

/**
 * Where to connect: a named profile (or the standard credential chain when null), a region (or the SDK's default
 * chain when null), and an endpoint other than AWS's (an emulator) when not null.
 *
 * @param regionSource says where the region came from, for {@code whoami}
 */
public record AwsTarget(String profile, String region, String regionSource, String endpointUrl) {
}
