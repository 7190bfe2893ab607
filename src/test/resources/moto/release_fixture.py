"""The AWS side of ReleaseYmlTest, with boto3 (a reader independent of release.yml's AWS CLI calls).

Usage: python3 release_fixture.py ENDPOINT setup
         -> an ECS cluster, a Fargate service on a task definition with the containers `app` and `log-router`, and
            a Lambda function from an image; prints their names as JSON
       python3 release_fixture.py ENDPOINT show CLUSTER SERVICE FUNCTION
         -> what runs now: the service's task definition (its images, cpu, memory, roles, tags) and the function's image
"""

import json
import sys

import boto3

REGION = "us-east-1"
OLD_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop-dev:old"


def client(name, endpoint):
    return boto3.client(name, endpoint_url=endpoint, region_name=REGION,
                        aws_access_key_id="stackwright-test", aws_secret_access_key="stackwright-test")


def setup(endpoint):
    ec2 = client("ec2", endpoint)
    vpc = ec2.create_vpc(CidrBlock="10.42.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.42.1.0/24")["Subnet"]["SubnetId"]
    group = ec2.create_security_group(GroupName="app", Description="app", VpcId=vpc)["GroupId"]
    ecs = client("ecs", endpoint)
    ecs.create_cluster(clusterName="shop-dev")
    ecs.register_task_definition(
        family="shop-dev", requiresCompatibilities=["FARGATE"], networkMode="awsvpc", cpu="256", memory="512",
        executionRoleArn="arn:aws:iam::123456789012:role/shop-dev-execution",
        taskRoleArn="arn:aws:iam::123456789012:role/shop-dev-task",
        containerDefinitions=[
            {"name": "app", "image": OLD_IMAGE, "essential": True, "portMappings": [{"containerPort": 8080}],
             "environment": [{"name": "DB_HOST", "value": "db.shop.internal"}]},
            {"name": "log-router", "image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
             "essential": False},
        ],
        tags=[{"key": "stackwright:project", "value": "shop"}])
    ecs.create_service(
        cluster="shop-dev", serviceName="shop-dev", taskDefinition="shop-dev", desiredCount=1, launchType="FARGATE",
        networkConfiguration={"awsvpcConfiguration": {"subnets": [subnet], "securityGroups": [group]}})
    iam = client("iam", endpoint)
    role = iam.create_role(RoleName="shop-dev-function", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    client("lambda", endpoint).create_function(
        FunctionName="shop-dev", PackageType="Image", Code={"ImageUri": OLD_IMAGE}, Role=role)
    print(json.dumps({"cluster": "shop-dev", "service": "shop-dev", "function": "shop-dev", "oldImage": OLD_IMAGE}))


def show(endpoint, cluster, service, function):
    ecs = client("ecs", endpoint)
    arn = ecs.describe_services(cluster=cluster, services=[service])["services"][0]["taskDefinition"]
    described = ecs.describe_task_definition(taskDefinition=arn, include=["TAGS"])
    td = described["taskDefinition"]
    fn = client("lambda", endpoint).get_function(FunctionName=function)
    print(json.dumps({
        "taskDefinition": arn,
        "revision": td["revision"],
        "images": {c["name"]: c["image"] for c in td["containerDefinitions"]},
        "environment": {c["name"]: c.get("environment", []) for c in td["containerDefinitions"]},
        "cpu": td.get("cpu"), "memory": td.get("memory"),
        "executionRoleArn": td.get("executionRoleArn"), "taskRoleArn": td.get("taskRoleArn"),
        "tags": described.get("tags", []),
        "functionImage": fn["Code"]["ImageUri"],
    }, sort_keys=True))


if __name__ == "__main__":
    endpoint, verb = sys.argv[1], sys.argv[2]
    if verb == "setup":
        setup(endpoint)
    else:
        show(endpoint, *sys.argv[3:6])
