"""Pushes images to an ECR repository in moto, or reads the image an ECS service runs: a reader of ECR and ECS that is
not Stackwright's, for the rollback test.

Usage: python3 images.py ENDPOINT REGION push REPOSITORY TAG...   (one image per tag, a second apart, oldest first;
                                                                  `latest` tags the image before it)
       python3 images.py ENDPOINT REGION running CLUSTER SERVICE   (prints the container image of the service)
       python3 images.py ENDPOINT REGION repository                (prints the name of the region's one repository)
       python3 images.py ENDPOINT REGION parameter STACK KEY        (prints a stack parameter's value)
"""

import json
import sys
import time

import boto3


def client(name, endpoint, region):
    return boto3.client(name, endpoint_url=endpoint, region_name=region,
                        aws_access_key_id="stackwright-test", aws_secret_access_key="stackwright-test")


def main():
    endpoint, region, action = sys.argv[1:4]
    if action == "push":
        repository, tags = sys.argv[4], sys.argv[5:]
        ecr = client("ecr", endpoint, region)
        manifest = None
        for i, tag in enumerate(tags):
            if tag == "latest" and manifest is not None:
                ecr.put_image(repositoryName=repository, imageManifest=json.dumps(manifest), imageTag=tag)
                continue
            if i:
                time.sleep(1.1)  # ECR's push times, as moto keeps them, are whole seconds
            manifest = {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                        "config": {"digest": "sha256:" + format(i + 1, "064x"), "size": 7023,
                                   "mediaType": "application/vnd.docker.container.image.v1+json"},
                        "layers": [{"digest": "sha256:" + format(100 + i, "064x"), "size": 1024 * (i + 1),
                                    "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip"}]}
            ecr.put_image(repositoryName=repository, imageManifest=json.dumps(manifest), imageTag=tag)
        print(len(tags))
    elif action == "running":
        cluster, service = sys.argv[4:6]
        ecs = client("ecs", endpoint, region)
        task = ecs.describe_services(cluster=cluster, services=[service])["services"][0]["taskDefinition"]
        containers = ecs.describe_task_definition(taskDefinition=task)["taskDefinition"]["containerDefinitions"]
        print(containers[0]["image"])
    elif action == "parameter":
        stack, key = sys.argv[4:6]
        described = client("cloudformation", endpoint, region).describe_stacks(StackName=stack)["Stacks"][0]
        print(next(p["ParameterValue"] for p in described.get("Parameters", []) if p["ParameterKey"] == key))
    elif action == "repository":
        names = [r["repositoryName"] for r in client("ecr", endpoint, region).describe_repositories()["repositories"]]
        if len(names) != 1:
            raise SystemExit("expected one repository, found " + str(names))
        print(names[0])
    else:
        raise SystemExit("unknown action " + action)


if __name__ == "__main__":
    main()
