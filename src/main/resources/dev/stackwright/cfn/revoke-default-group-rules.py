# Stackwright: revokes every rule of the VPC's default security group, which AWS creates admitting all traffic
# between its members and allowing all egress. CloudFormation has no property for it, hence this custom resource.
# Create and Update revoke whatever rules the group has (none left: nothing to do); Delete changes nothing, as the
# VPC and its default group go with the stack.
import json
import urllib.request

import boto3

ec2 = boto3.client("ec2")


def handler(event, context):
    group_id = event["ResourceProperties"]["GroupId"]
    status, reason = "SUCCESS", "rules of " + group_id + " revoked"
    try:
        if event["RequestType"] in ("Create", "Update"):
            revoke(group_id)
    except Exception as e:  # Without an answer, CloudFormation would wait an hour for one.
        print("failed:", repr(e))
        status, reason = "FAILED", str(e)[:400] + " (see " + context.log_group_name + ")"
    answer = {"Status": status, "Reason": reason, "PhysicalResourceId": group_id + "-without-rules",
              "StackId": event["StackId"], "RequestId": event["RequestId"],
              "LogicalResourceId": event["LogicalResourceId"]}
    request = urllib.request.Request(event["ResponseURL"], data=json.dumps(answer).encode(), method="PUT",
                                     headers={"Content-Type": ""})
    with urllib.request.urlopen(request, timeout=30):
        pass


def revoke(group_id):
    group = ec2.describe_security_groups(GroupIds=[group_id])["SecurityGroups"][0]
    if group["IpPermissions"]:
        ec2.revoke_security_group_ingress(GroupId=group_id, IpPermissions=group["IpPermissions"])
    if group["IpPermissionsEgress"]:
        ec2.revoke_security_group_egress(GroupId=group_id, IpPermissions=group["IpPermissionsEgress"])
    print("revoked", len(group["IpPermissions"]), "inbound and", len(group["IpPermissionsEgress"]),
          "outbound rules of", group_id)
