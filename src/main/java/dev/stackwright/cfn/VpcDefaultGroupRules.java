package dev.stackwright.cfn;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stackwright.model.SecurityGroup;
import java.util.List;

/**
 * The resources that leave the VPC's default security group with no rules. AWS creates every VPC with a default group
 * that admits all traffic between its members and allows all egress, and CloudFormation has no property to change it.
 * A custom resource does, as AWS CDK's {@code restrictDefaultSecurityGroup} does: a small inline function revokes
 * every rule of that one group when the stack is created or updated. Its role may revoke rules of that group only
 * (Describe takes no resource-level permissions) and write to its own log group.
 * https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
 */
final class VpcDefaultGroupRules {
    private static final String CODE = NetworkTemplate.resource("/dev/stackwright/cfn/revoke-default-group-rules.py");
    private static final String PREFIX = "DefaultSecurityGroupRevoke";
    /** The function writes a few lines per deploy: a year, which log policies ask of every group, costs nothing. */
    private static final int LOG_RETENTION_DAYS = 365;

    private VpcDefaultGroupRules() {}

    /** Adds the custom resource, its function, role and log group to the network stack of {@code stackName}. */
    static void render(Template t, String stackName, SecurityGroup group) {
        if (!group.isVpcDefault()
                || !group.ingress().isEmpty()
                || !group.egress().isEmpty()) {
            throw new IllegalStateException(
                    "only the VPC's default group, without rules, is rendered this way: " + group);
        }
        ArrayNode tags = t.tags(stackName + "-default-security-group", null);
        ObjectNode logs = Cfn.object().put("RetentionInDays", LOG_RETENTION_DAYS);
        logs.set("Tags", tags.deepCopy());
        t.addLogGroup(PREFIX + "Logs", logs, false);

        ObjectNode revoke = Cfn.allow(
                List.of("ec2:RevokeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress"),
                Cfn.sub("arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:security-group/${"
                        + NetworkTemplate.VPC + ".DefaultSecurityGroup}"));
        ObjectNode describe = Cfn.object().put("Effect", "Allow").put("Resource", "*");
        describe.set("Action", Cfn.strings(List.of("ec2:DescribeSecurityGroups")));
        ObjectNode write =
                Cfn.allow(List.of("logs:CreateLogStream", "logs:PutLogEvents"), Cfn.getAtt(PREFIX + "Logs", "Arn"));
        ObjectNode policy = Cfn.object().put("PolicyName", "revoke-default-group-rules");
        policy.set("PolicyDocument", Cfn.policyDocument(revoke, describe, write));
        ObjectNode role = Cfn.object();
        role.set("AssumeRolePolicyDocument", Cfn.assumedBy("lambda.amazonaws.com"));
        role.set("Policies", Cfn.array(policy));
        role.set("Tags", tags.deepCopy());
        t.add(PREFIX + "Role", "AWS::IAM::Role", role);

        ObjectNode function = Cfn.object()
                .put("Description", "Revokes every rule of the default security group of the VPC of " + stackName)
                .put("Runtime", "python3.13")
                .put("Handler", "index.handler")
                .put("Timeout", 60)
                .put("MemorySize", 128);
        function.set("Architectures", Cfn.strings(List.of("arm64")));
        function.set("Code", Cfn.object().put("ZipFile", CODE));
        function.set("Role", Cfn.getAtt(PREFIX + "Role", "Arn"));
        function.set("LoggingConfig", Cfn.object().put("LogFormat", "Text").set("LogGroup", Cfn.ref(PREFIX + "Logs")));
        function.set("Tags", tags.deepCopy());
        t.add(PREFIX + "Function", "AWS::Lambda::Function", function);

        ObjectNode rules = Cfn.object();
        rules.set("ServiceToken", Cfn.getAtt(PREFIX + "Function", "Arn"));
        rules.set("GroupId", Cfn.getAtt(NetworkTemplate.VPC, "DefaultSecurityGroup"));
        t.add("DefaultSecurityGroupWithoutRules", "Custom::DefaultSecurityGroupRules", rules);
    }
}
