package dev.stackwright.deploy.vpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stackwright.deploy.DeployException;
import dev.stackwright.deploy.Ec2Describer;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A live VPC as the describe-* texts a snapshot folder would hold, so live and saved VPCs take one path. The VPC
 * list comes first: when the VPC is not in it, nothing else is asked and the inspector names the ones that are.
 */
public final class LiveVpc {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveVpc() {}

    /**
     * The describe-* texts of one VPC, by the file name a snapshot folder gives each.
     *
     * @param instanceTypes the types whose offerings to ask for, in the VPC's zones; none: not asked
     */
    public static Map<String, String> describe(Ec2Describer ec2, String vpcId, List<String> instanceTypes) {
        Map<String, String> files = new TreeMap<>();
        String vpcs = ec2.vpcs();
        files.put("vpcs.json", vpcs);
        boolean found = false;
        for (JsonNode v : tree(vpcs).path("Vpcs")) {
            found |= v.path("VpcId").asText().equals(vpcId);
        }
        if (!found) {
            return files;
        }
        String subnets = ec2.subnets(vpcId);
        files.put("subnets.json", subnets);
        files.put("route-tables.json", ec2.routeTables(vpcId));
        files.put("security-groups.json", ec2.securityGroups(vpcId));
        files.put("network-acls.json", ec2.networkAcls(vpcId));
        files.put("internet-gateways.json", ec2.internetGateways(vpcId));
        files.put(VpcInspector.EGRESS_ONLY_FILE, ec2.egressOnlyInternetGateways(vpcId));
        files.put("nat-gateways.json", ec2.natGateways(vpcId));
        files.put("vpc-endpoints.json", ec2.vpcEndpoints(vpcId));
        files.put("network-interfaces.json", ec2.networkInterfaces(vpcId));
        files.put("dns-support.json", ec2.vpcAttribute(vpcId, "enableDnsSupport"));
        files.put("dns-hostnames.json", ec2.vpcAttribute(vpcId, "enableDnsHostnames"));
        TreeSet<String> zones = new TreeSet<>();
        tree(subnets).path("Subnets").forEach(s -> {
            if (!s.path("AvailabilityZone").asText().isEmpty()) {
                zones.add(s.path("AvailabilityZone").asText());
            }
        });
        if (!instanceTypes.isEmpty() && !zones.isEmpty()) {
            files.put(
                    "instance-type-offerings.json",
                    ec2.instanceTypeOfferings(List.copyOf(new TreeSet<>(instanceTypes)), List.copyOf(zones)));
        }
        return files;
    }

    private static JsonNode tree(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new DeployException(
                    "EC2 answered with JSON that cannot be read: " + e.getMessage(),
                    "run again with --stacktrace and report it",
                    e);
        }
    }
}
