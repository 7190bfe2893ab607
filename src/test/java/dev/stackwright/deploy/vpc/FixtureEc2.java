package dev.stackwright.deploy.vpc;

import dev.stackwright.deploy.Ec2Describer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** EC2 answering from a snapshot fixture folder, logging each call; no network. */
public final class FixtureEc2 implements Ec2Describer {
    public static final Path ROOT = Path.of("src/test/resources/inspect");
    private final Path dir;
    public final List<String> calls = new ArrayList<>();

    public FixtureEc2(String fixture) {
        this.dir = ROOT.resolve(fixture);
    }

    private String file(String call, String name) {
        calls.add(call);
        Path f = dir.resolve(name);
        try {
            return Files.exists(f) ? Files.readString(f) : "{}";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String vpcs() {
        return file("vpcs", "vpcs.json");
    }

    @Override
    public String subnets(String vpcId) {
        return file("subnets " + vpcId, "subnets.json");
    }

    @Override
    public String routeTables(String vpcId) {
        return file("route-tables " + vpcId, "route-tables.json");
    }

    @Override
    public String securityGroups(String vpcId) {
        return file("security-groups " + vpcId, "security-groups.json");
    }

    @Override
    public String networkAcls(String vpcId) {
        return file("network-acls " + vpcId, "network-acls.json");
    }

    @Override
    public String internetGateways(String vpcId) {
        return file("internet-gateways " + vpcId, "internet-gateways.json");
    }

    @Override
    public String egressOnlyInternetGateways(String vpcId) {
        return file("egress-only-internet-gateways " + vpcId, "egress-only-internet-gateways.json");
    }

    @Override
    public String natGateways(String vpcId) {
        return file("nat-gateways " + vpcId, "nat-gateways.json");
    }

    @Override
    public String vpcEndpoints(String vpcId) {
        return file("vpc-endpoints " + vpcId, "vpc-endpoints.json");
    }

    @Override
    public String networkInterfaces(String vpcId) {
        return file("network-interfaces " + vpcId, "network-interfaces.json");
    }

    @Override
    public String vpcAttribute(String vpcId, String attribute) {
        return file(
                "vpc-attribute " + vpcId + " " + attribute,
                attribute.equals("enableDnsSupport") ? "dns-support.json" : "dns-hostnames.json");
    }

    @Override
    public String instanceTypeOfferings(List<String> instanceTypes, List<String> zones) {
        return file("instance-type-offerings " + instanceTypes + " " + zones, "instance-type-offerings.json");
    }
}
