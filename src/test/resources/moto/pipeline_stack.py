"""Deploys a pipeline template in moto through a change set, after a stand-in for the registry stack that exports the
three names the pipeline imports, prints each resource with its status and what moto's CodeBuild and CodePipeline
APIs hold, then deletes the stack. A reader that is not Stackwright's, for MotoPipelineStackTest.

Usage: python3 pipeline_stack.py ENDPOINT REGION PROJECT TEMPLATE
"""

import json
import sys
import time

import boto3


def client(name, endpoint, region):
    return boto3.client(name, endpoint_url=endpoint, region_name=region,
                        aws_access_key_id="stackwright-test", aws_secret_access_key="stackwright-test")


def deploy(cfn, name, body):
    cfn.create_change_set(StackName=name, ChangeSetName="create", ChangeSetType="CREATE", TemplateBody=body,
                          Capabilities=["CAPABILITY_IAM"])
    cfn.execute_change_set(StackName=name, ChangeSetName="create")
    for _ in range(60):
        stack = cfn.describe_stacks(StackName=name)["Stacks"][0]
        if not stack["StackStatus"].endswith("IN_PROGRESS"):
            return stack
        time.sleep(1)
    return stack


def main():
    endpoint, region, project, template = sys.argv[1:5]
    cfn = client("cloudformation", endpoint, region)
    exports = {"RepositoryUri": {"Fn::GetAtt": ["Repository", "RepositoryUri"]},
               "RepositoryArn": {"Fn::GetAtt": ["Repository", "Arn"]},
               "RepositoryName": {"Ref": "Repository"}}
    registry = {"Resources": {"Repository": {"Type": "AWS::ECR::Repository",
                                             "Properties": {"RepositoryName": project}}},
                "Outputs": {k: {"Value": v, "Export": {"Name": project + "-registry-" + k}}
                            for k, v in exports.items()}}
    print("registry", deploy(cfn, project + "-registry", json.dumps(registry))["StackStatus"])
    with open(template) as f:
        stack = deploy(cfn, project + "-pipeline", f.read())
    print("pipeline", stack["StackStatus"])
    for r in cfn.describe_stack_resources(StackName=project + "-pipeline")["StackResources"]:
        print("resource", r["LogicalResourceId"], r["ResourceType"], r["ResourceStatus"])
    print("codebuild-projects", len(client("codebuild", endpoint, region).list_projects()["projects"]))
    print("pipelines", len(client("codepipeline", endpoint, region).list_pipelines()["pipelines"]))
    cfn.delete_stack(StackName=project + "-pipeline")
    time.sleep(1)
    gone = [s["StackStatus"] for s in cfn.list_stacks()["StackSummaries"] if s["StackName"] == project + "-pipeline"]
    print("deleted", gone[0] if gone else "gone")


if __name__ == "__main__":
    main()
