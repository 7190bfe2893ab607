package dev.stackwright.cfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/** Small constructors for CloudFormation values and intrinsic functions. */
public final class Cfn {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Cfn() {}

    public static ObjectNode ref(String logicalId) {
        return NODES.objectNode().put("Ref", logicalId);
    }

    public static ObjectNode getAtt(String logicalId, String attribute) {
        ObjectNode n = NODES.objectNode();
        n.putArray("Fn::GetAtt").add(logicalId).add(attribute);
        return n;
    }

    public static ObjectNode sub(String template) {
        return NODES.objectNode().put("Fn::Sub", template);
    }

    /** {@code Fn::Sub} with variables, e.g. for scripts that name resources of the template. */
    public static ObjectNode sub(String template, ObjectNode variables) {
        ObjectNode n = NODES.objectNode();
        n.putArray("Fn::Sub").add(template).add(variables);
        return n;
    }

    public static ObjectNode base64(JsonNode value) {
        ObjectNode n = NODES.objectNode();
        n.set("Fn::Base64", value);
        return n;
    }

    public static ObjectNode join(String delimiter, JsonNode values) {
        ObjectNode n = NODES.objectNode();
        n.putArray("Fn::Join").add(delimiter).add(values);
        return n;
    }

    /** The zone at a position of the region's zone list. */
    public static ObjectNode az(int index) {
        ObjectNode getAzs = NODES.objectNode().put("Fn::GetAZs", "");
        ObjectNode n = NODES.objectNode();
        n.putArray("Fn::Select").add(index).add(getAzs);
        return n;
    }

    public static ArrayNode array(JsonNode... items) {
        ArrayNode a = NODES.arrayNode();
        Arrays.stream(items).forEach(a::add);
        return a;
    }

    public static ArrayNode refs(List<String> logicalIds) {
        ArrayNode a = NODES.arrayNode();
        logicalIds.forEach(id -> a.add(ref(id)));
        return a;
    }

    public static ArrayNode strings(List<String> values) {
        ArrayNode a = NODES.arrayNode();
        values.forEach(a::add);
        return a;
    }

    /** {@code Fn::ImportValue} of another stack's export, named {@code ${stackParameter}-exportName}. */
    public static ObjectNode importValue(String stackParameter, String exportName) {
        ObjectNode n = NODES.objectNode();
        n.set("Fn::ImportValue", sub("${" + stackParameter + "}-" + exportName));
        return n;
    }

    /** {@code Fn::Split} of a comma-separated value into a list. */
    public static ObjectNode split(JsonNode value) {
        ObjectNode n = NODES.objectNode();
        n.putArray("Fn::Split").add(",").add(value);
        return n;
    }

    /** An IAM policy document. */
    public static ObjectNode policyDocument(ObjectNode... statements) {
        ObjectNode doc = object().put("Version", "2012-10-17");
        doc.set("Statement", array(statements));
        return doc;
    }

    /** An Allow statement; {@code resources} are strings or intrinsic functions. */
    public static ObjectNode allow(List<String> actions, JsonNode... resources) {
        ObjectNode s = object().put("Effect", "Allow");
        s.set("Action", strings(actions));
        s.set("Resource", array(resources));
        return s;
    }

    /** The trust policy that lets an AWS service assume a role. */
    public static ObjectNode assumedBy(String service) {
        ObjectNode s = object().put("Effect", "Allow");
        s.set("Principal", object().put("Service", service));
        s.set("Action", strings(List.of("sts:AssumeRole")));
        return policyDocument(s);
    }

    /** An AWS managed policy's ARN in the stack's partition. */
    public static ObjectNode managedPolicy(String name) {
        return sub("arn:${AWS::Partition}:iam::aws:policy/" + name);
    }

    /**
     * The properties every bucket here starts with: encrypted by default ({@code AES256}, S3-managed, where a log
     * delivery service cannot write with a KMS key; {@code aws:kms} with a bucket key otherwise), public access
     * blocked, objects owned by the bucket owner (no ACLs).
     */
    public static ObjectNode privateBucket(String sseAlgorithm) {
        ObjectNode rule = object();
        if (sseAlgorithm.equals("aws:kms")) {
            rule.put("BucketKeyEnabled", true);
        }
        rule.set("ServerSideEncryptionByDefault", object().put("SSEAlgorithm", sseAlgorithm));
        ObjectNode p = object();
        p.set("BucketEncryption", object().set("ServerSideEncryptionConfiguration", array(rule)));
        p.set(
                "PublicAccessBlockConfiguration",
                object().put("BlockPublicAcls", true)
                        .put("BlockPublicPolicy", true)
                        .put("IgnorePublicAcls", true)
                        .put("RestrictPublicBuckets", true));
        p.set(
                "OwnershipControls",
                object().set("Rules", array(object().put("ObjectOwnership", "BucketOwnerEnforced"))));
        return p;
    }

    /**
     * A launch template's root volume: encrypted gp3, gone with the instance; {@code sizeGb} where the image's own
     * size is too small (ECS hosts keep images on it).
     */
    public static ArrayNode encryptedRootVolume(OptionalInt sizeGb) {
        ObjectNode ebs = object().put("Encrypted", true).put("VolumeType", "gp3");
        sizeGb.ifPresent(size -> ebs.put("VolumeSize", size));
        ebs.put("DeleteOnTermination", true);
        return array(object().put("DeviceName", "/dev/xvda").set("Ebs", ebs));
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** {@code app-a} becomes {@code AppA}, {@code ecr.dkr} becomes {@code EcrDkr}: logical IDs from names. */
    public static String pascal(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("[^A-Za-z0-9]+", -1)) {
            if (!part.isEmpty()) {
                out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return out.toString();
    }

    /**
     * A key policy statement that denies kms:CreateGrant except for AWS services: a grant would hand the key to a
     * principal the policy does not name. https://docs.aws.amazon.com/kms/latest/developerguide/grants.html
     */
    static ObjectNode grantsOnlyForAwsServices() {
        ObjectNode noGrants = Cfn.object()
                .put("Sid", "GrantsOnlyForAwsServices")
                .put("Effect", "Deny")
                .put("Principal", "*");
        noGrants.set("Action", Cfn.strings(List.of("kms:CreateGrant")));
        noGrants.put("Resource", "*");
        noGrants.set(
                "Condition",
                Cfn.object()
                        .set(
                                "BoolIfExists",
                                Cfn.object()
                                        .put("kms:GrantIsForAWSResource", "false")
                                        .put("aws:PrincipalIsAWSService", "false")));
        return noGrants;
    }
}
