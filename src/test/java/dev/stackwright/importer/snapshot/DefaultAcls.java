package dev.stackwright.importer.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The describe-network-acls output of an account whose subnets all use their VPC's default network ACL, for test
 * snapshots that stand for a whole account: "Your VPC automatically comes with a modifiable default network ACL. By
 * default, it allows all inbound and outbound IPv4 traffic and, if applicable, IPv6 traffic"
 * (https://docs.aws.amazon.com/vpc/latest/userguide/default-network-acl.html), and "Each subnet in your VPC must be
 * associated with a network ACL" (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html), so the
 * output lists every subnet. Without it the snapshot is incomplete, and flows across subnets are cannot tell.
 */
public final class DefaultAcls {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DefaultAcls() {}

    /** The file name the helpers add. */
    public static final String FILE = "network-acls.json";

    /** {@code files} (name to text) with each VPC's default network ACL added as {@link #FILE}. */
    public static Map<String, String> added(Map<String, String> files) {
        Map<String, String> out = new LinkedHashMap<>(files);
        out.put(FILE, of(files.values().stream().toList()));
        return out;
    }

    /** Writes {@link #FILE} into a snapshot folder, from its other files; returns the folder. */
    public static Path addTo(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            List<String> texts = new ArrayList<>();
            for (Path f :
                    list.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                texts.add(Files.readString(f));
            }
            Files.writeString(folder.resolve(FILE), of(texts));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The output for the VPCs and subnets the texts list (files that are not JSON objects are passed over): one
     * default ACL per VPC, associated with each of its subnets, with AWS's entries (rule 100 allows all, rule * denies
     * the rest; the IPv6 allow for a VPC with an IPv6 block), in the AWS CLI's shape.
     */
    public static String of(List<String> texts) {
        Map<String, List<String>> subnets = new TreeMap<>();
        Map<String, Boolean> ipv6 = new TreeMap<>();
        for (String text : texts) {
            JsonNode root;
            try {
                root = JSON.readTree(text);
            } catch (IOException e) {
                continue;
            }
            if (root == null || !root.isObject()) {
                continue;
            }
            for (JsonNode v : root.path("Vpcs")) {
                ipv6.put(
                        v.path("VpcId").asText(),
                        v.path("Ipv6CidrBlockAssociationSet").size() > 0);
            }
            for (JsonNode s : root.path("Subnets")) {
                subnets.computeIfAbsent(s.path("VpcId").asText(), k -> new ArrayList<>())
                        .add(s.path("SubnetId").asText());
            }
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode acls = out.putArray("NetworkAcls");
        for (Map.Entry<String, Boolean> vpc : ipv6.entrySet()) {
            String id = "acl-" + vpc.getKey().replaceFirst("^vpc-", "");
            ObjectNode acl = acls.addObject();
            ArrayNode associations = acl.putArray("Associations");
            for (String s : subnets.getOrDefault(vpc.getKey(), List.of())) {
                associations
                        .addObject()
                        .put("NetworkAclAssociationId", "aclassoc-" + s.replaceFirst("^subnet-", ""))
                        .put("NetworkAclId", id)
                        .put("SubnetId", s);
            }
            ArrayNode entries = acl.putArray("Entries");
            for (boolean egress : new boolean[] {true, false}) {
                entry(entries, egress, "allow", 100).put("CidrBlock", "0.0.0.0/0");
                if (vpc.getValue()) {
                    entry(entries, egress, "allow", 101).put("Ipv6CidrBlock", "::/0");
                }
                entry(entries, egress, "deny", 32767).put("CidrBlock", "0.0.0.0/0");
            }
            acl.put("IsDefault", true);
            acl.put("NetworkAclId", id);
            acl.putArray("Tags");
            acl.put("VpcId", vpc.getKey());
            acl.put("OwnerId", "123456789012");
        }
        return out.toPrettyString();
    }

    private static ObjectNode entry(ArrayNode entries, boolean egress, String action, int rule) {
        ObjectNode e = entries.addObject();
        e.put("Egress", egress).put("Protocol", "-1").put("RuleAction", action).put("RuleNumber", rule);
        return e;
    }
}
