"""The AWS side of ReleaseYmlTest, with boto3 (a reader independent of release.yml's AWS CLI calls).

Usage: python3 release_fixture.py ENDPOINT setup
         -> two app stacks as Stackwright's app template shapes them where a release touches them, each with the
            parameters ImageTag (the image it runs) and NetworkStack (one the release must keep): shop-dev-app, an
            ECS cluster with a Fargate service on a task definition with the containers `app` and `log-router`, and
            shop-fn-app, a Lambda function from an image; prints their names as JSON
       python3 release_fixture.py ENDPOINT show
         -> what runs now: each stack's status and parameters, the service's task definition (its images, cpu,
            memory, roles) and the function's image
"""

import json
import sys

import boto3

REGION = "us-east-1"
REPOSITORY = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop"

ECS_TEMPLATE = {
    "Parameters": {
        "ImageTag": {"Type": "String", "Default": "old"},
        "NetworkStack": {"Type": "String", "Default": "shop-dev-network"},
        "SubnetId": {"Type": "String"},
        "GroupId": {"Type": "String"},
    },
    "Resources": {
        "Cluster": {"Type": "AWS::ECS::Cluster", "Properties": {"ClusterName": "shop-dev"}},
        "ExecutionRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {
            "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                    "Principal": {"Service": "ecs-tasks.amazonaws.com"}}]}}},
        "TaskRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {
            "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                    "Principal": {"Service": "ecs-tasks.amazonaws.com"}}]}}},
        "TaskDefinition": {"Type": "AWS::ECS::TaskDefinition", "Properties": {
            "Family": "shop-dev", "RequiresCompatibilities": ["FARGATE"], "NetworkMode": "awsvpc",
            "Cpu": "256", "Memory": "512",
            "ExecutionRoleArn": {"Fn::GetAtt": ["ExecutionRole", "Arn"]},
            "TaskRoleArn": {"Fn::GetAtt": ["TaskRole", "Arn"]},
            "ContainerDefinitions": [
                {"Name": "app", "Image": {"Fn::Sub": REPOSITORY + ":${ImageTag}"}, "Essential": True,
                 "PortMappings": [{"ContainerPort": 8080}],
                 "Environment": [{"Name": "DB_HOST", "Value": "db.shop.internal"}]},
                {"Name": "log-router", "Image": "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
                 "Essential": False},
            ]}},
        "Service": {"Type": "AWS::ECS::Service", "Properties": {
            "Cluster": {"Ref": "Cluster"}, "ServiceName": "shop-dev", "DesiredCount": 1, "LaunchType": "FARGATE",
            "TaskDefinition": {"Ref": "TaskDefinition"},
            "DeploymentConfiguration": {"DeploymentCircuitBreaker": {"Enable": True, "Rollback": True}},
            "NetworkConfiguration": {"AwsvpcConfiguration": {
                "Subnets": [{"Ref": "SubnetId"}], "SecurityGroups": [{"Ref": "GroupId"}]}}}},
    },
}

LAMBDA_TEMPLATE = {
    "Parameters": {
        "ImageTag": {"Type": "String", "Default": "old"},
        "NetworkStack": {"Type": "String", "Default": "shop-fn-network"},
    },
    "Resources": {
        "FunctionRole": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {
            "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                    "Principal": {"Service": "lambda.amazonaws.com"}}]}}},
        "Function": {"Type": "AWS::Lambda::Function", "Properties": {
            "FunctionName": "shop-fn", "PackageType": "Image", "Role": {"Fn::GetAtt": ["FunctionRole", "Arn"]},
            "Code": {"ImageUri": {"Fn::Sub": REPOSITORY + ":${ImageTag}"}}}},
    },
}


def client(name, endpoint):
    return boto3.client(name, endpoint_url=endpoint, region_name=REGION,
                        aws_access_key_id="stackwright-test", aws_secret_access_key="stackwright-test")


def setup(endpoint):
    ec2 = client("ec2", endpoint)
    vpc = ec2.create_vpc(CidrBlock="10.42.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.42.1.0/24")["Subnet"]["SubnetId"]
    group = ec2.create_security_group(GroupName="app", Description="app", VpcId=vpc)["GroupId"]
    cfn = client("cloudformation", endpoint)
    cfn.create_stack(StackName="shop-dev-app", TemplateBody=json.dumps(ECS_TEMPLATE),
                     Capabilities=["CAPABILITY_IAM"],
                     Parameters=[{"ParameterKey": "SubnetId", "ParameterValue": subnet},
                                 {"ParameterKey": "GroupId", "ParameterValue": group}])
    cfn.create_stack(StackName="shop-fn-app", TemplateBody=json.dumps(LAMBDA_TEMPLATE),
                     Capabilities=["CAPABILITY_IAM"])
    for name in ("shop-dev-app", "shop-fn-app"):
        status = cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"]
        if status != "CREATE_COMPLETE":
            raise SystemExit(name + " " + status)
    print(json.dumps({"ecsStack": "shop-dev-app", "lambdaStack": "shop-fn-app", "cluster": "shop-dev",
                      "service": "shop-dev", "function": "shop-fn", "repository": REPOSITORY}))


def show(endpoint):
    cfn = client("cloudformation", endpoint)
    stacks = {}
    for name in ("shop-dev-app", "shop-fn-app"):
        s = cfn.describe_stacks(StackName=name)["Stacks"][0]
        stacks[name] = {"status": s["StackStatus"],
                        "parameters": {p["ParameterKey"]: p["ParameterValue"] for p in s.get("Parameters", [])}}
    ecs = client("ecs", endpoint)
    arn = ecs.describe_services(cluster="shop-dev", services=["shop-dev"])["services"][0]["taskDefinition"]
    td = ecs.describe_task_definition(taskDefinition=arn)["taskDefinition"]
    fn = client("lambda", endpoint).get_function(FunctionName="shop-fn")
    print(json.dumps({
        "stacks": stacks,
        "taskDefinition": arn,
        "revision": td["revision"],
        "images": {c["name"]: c["image"] for c in td["containerDefinitions"]},
        "environment": {c["name"]: c.get("environment", []) for c in td["containerDefinitions"]},
        "cpu": td.get("cpu"), "memory": td.get("memory"),
        "executionRoleArn": td.get("executionRoleArn"), "taskRoleArn": td.get("taskRoleArn"),
        "functionImage": fn["Code"]["ImageUri"],
    }, sort_keys=True))


if __name__ == "__main__":
    endpoint, verb = sys.argv[1], sys.argv[2]
    if verb == "setup":
        setup(endpoint)
    else:
        show(endpoint)
