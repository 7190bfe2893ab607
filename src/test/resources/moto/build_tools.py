"""Stand-ins for the tools a starter's build.yml runs that cannot run on this machine, for BuildYmlTest.

Usage: python3 build_tools.py ENDPOINT create-repository NAME
         -> an ECR repository in moto; prints its URI
       python3 build_tools.py ENDPOINT digest NAME TAG
         -> the digest moto holds for the image NAME:TAG (boto3: a reader independent of build.yml's AWS CLI)
       python3 build_tools.py docker ARGS...  /  python3 build_tools.py TOOL ARGS...
         -> what BuildYmlTest puts on the PATH as `docker`, `mvn` and `npm`

Why stand-ins: no Docker engine runs on this machine, so `docker` is played here as far as build.yml relies on it,
and refuses what the engine would refuse:
  - `login --password-stdin HOST` needs a password on stdin; a `push` needs a login to the pushed image's registry
    ("no basic auth credentials" otherwise) and an image built under that name ("An image does not exist locally");
  - `build --tag NAME .` needs a Dockerfile in the folder;
  - `push` puts an image into moto's ECR under its tag, as a registry would, so that `aws ecr describe-images` finds it;
  - `exec` (the wait for the database container) says "not ready" once, as a starting server does, then ready; it
    fails for a container no `run --name` started.
The project's tests (`mvn verify`, `npm test`) need the database container, which cannot start here, so `mvn` and
`npm` only record that they ran and with which DB_* variables; StarterProjectsTest runs those tests for real, against
a database it starts.

Every call is appended to $BUILD_TOOLS_LOG as one JSON line: {"tool", "args", "cwd", "env" (the DB_* variables)}.
"""

import json
import os
import sys

REGION = "us-east-1"


def ecr(endpoint):
    import boto3

    # The test's own keys, never a real account's: moto takes any.
    return boto3.client("ecr", region_name=REGION, endpoint_url=endpoint,
                        aws_access_key_id="stackwright-test", aws_secret_access_key="stackwright-test")


def state(name):
    return os.environ["BUILD_TOOLS_LOG"] + "." + name


def record(tool, args):
    entry = {
        "tool": tool,
        "args": args,
        "cwd": os.getcwd(),
        "env": {k: v for k, v in sorted(os.environ.items()) if k.startswith("DB_")},
    }
    with open(os.environ["BUILD_TOOLS_LOG"], "a", encoding="utf-8") as log:
        log.write(json.dumps(entry) + "\n")


def lines(name):
    try:
        with open(state(name), encoding="utf-8") as f:
            return f.read().splitlines()
    except FileNotFoundError:
        return []


def remember(name, value):
    with open(state(name), "a", encoding="utf-8") as f:
        f.write(value + "\n")


def option(args, *names):
    for i, a in enumerate(args[:-1]):
        if a in names:
            return args[i + 1]
    return None


def docker(args):
    record("docker", args)
    command = args[0] if args else ""
    if command == "login":
        password = sys.stdin.read().strip()
        if "--password-stdin" not in args or not password:
            print("Error: Cannot perform an interactive login from a non TTY device", file=sys.stderr)
            return 1
        remember("logins", args[-1])
        print("Login Succeeded")
        return 0
    if command == "run":
        remember("containers", option(args, "--name") or "")
        print("0123456789abcdef")
        return 0
    if command == "exec":
        if args[1] not in lines("containers"):
            print("Error response from daemon: No such container: " + args[1], file=sys.stderr)
            return 1
        if not lines("exec"):
            remember("exec", "not ready")
            return 1
        return 0
    if command == "build":
        if not os.path.isfile(os.path.join(args[-1], "Dockerfile")):
            print("ERROR: failed to read dockerfile: open Dockerfile: no such file or directory", file=sys.stderr)
            return 1
        remember("images", option(args, "--tag", "-t"))
        return 0
    if command == "push":
        image = args[-1]
        registry, _, rest = image.partition("/")
        if registry not in lines("logins"):
            print("no basic auth credentials", file=sys.stderr)
            return 1
        if image not in lines("images"):
            print("An image does not exist locally with the tag: " + image, file=sys.stderr)
            return 1
        repository, _, tag = rest.rpartition(":")
        manifest = {
            "schemaVersion": 2,
            "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
            "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 2,
                       "digest": "sha256:" + "0" * 64},
            "layers": [],
        }
        ecr(os.environ["AWS_ENDPOINT_URL"]).put_image(
            repositoryName=repository, imageManifest=json.dumps(manifest), imageTag=tag)
        return 0
    print("build_tools.py: docker " + command + " is not played here", file=sys.stderr)
    return 1


def main():
    if sys.argv[1] == "docker":
        sys.exit(docker(sys.argv[2:]))
    if len(sys.argv) > 2 and sys.argv[2] == "create-repository":
        print(ecr(sys.argv[1]).create_repository(repositoryName=sys.argv[3])["repository"]["repositoryUri"])
        return
    if len(sys.argv) > 2 and sys.argv[2] == "digest":
        found = ecr(sys.argv[1]).describe_images(repositoryName=sys.argv[3], imageIds=[{"imageTag": sys.argv[4]}])
        print(found["imageDetails"][0]["imageDigest"])
        return
    record(sys.argv[1], sys.argv[2:])


if __name__ == "__main__":
    main()
