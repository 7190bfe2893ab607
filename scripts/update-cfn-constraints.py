#!/usr/bin/env python3
"""Regenerates src/test/resources/cfn-spec/constraints.json: the value constraints
(pattern, enum, minLength/maxLength, minimum/maximum, minItems/maxItems) that AWS
publishes in its CloudFormation registry schemas, for the resource types listed in
src/test/resources/cfn-spec/types.txt, at every nesting level.

The schemas are read from the installed cfn-lint package, exactly as cfn-lint applies
them for us-east-1 (AWS's schemas with cfn-lint's patches already applied), so this
check and cfn-lint agree. Each constraint that a cfn-lint patch added or changed names
that patch file; every other constraint is as AWS publishes it.

usage: scripts/update-cfn-constraints.py [--check]
  --check  write nothing; exit 1 if constraints.json differs from what this run would write
Needs Python 3.11+ and cfn-lint (pip install cfn-lint); reads local files only.
Rerunning with the same cfn-lint version rewrites identical bytes.
"""
from __future__ import annotations

import importlib.metadata
import json
import os
import sys
from pathlib import Path

REGION = "us-east-1"
KEYWORDS = ("pattern", "enum", "minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems")

ROOT = Path(__file__).resolve().parent.parent
SPEC_DIR = ROOT / "src" / "test" / "resources" / "cfn-spec"
OUT = SPEC_DIR / "constraints.json"

# Constraints cfn-lint keeps outside the resource schemas but applies unconditionally in
# us-east-1: region-keyed enumerations under data/schemas/extensions, each used by one rule
# on one property path. (The other extension files there are conditional "if/then" checks,
# left to cfn-lint.)
REGIONAL_ENUMS = [
    # (type, path, extension file, cfn-lint rule)
    ("AWS::EC2::Instance", "InstanceType", "extensions/aws_ec2_instance/instancetype_enum.json", "E3628"),
]

# ---------------------------------------------------------------------------------------------
# HAND-WRITTEN: keys the registry schemas do not enumerate. Each list is copied from the AWS
# documentation named in its "source"; update it by hand when AWS documents a new key.
ELB_API = "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/"
HAND_WRITTEN = {
    "AWS::ElasticLoadBalancingV2::LoadBalancer": {
        "LoadBalancerAttributes[].Key": {
            "source": ELB_API + "API_LoadBalancerAttribute.html",
            "enum": [
                "access_logs.s3.bucket",
                "access_logs.s3.enabled",
                "access_logs.s3.prefix",
                "client_keep_alive.seconds",
                "connection_logs.s3.bucket",
                "connection_logs.s3.enabled",
                "connection_logs.s3.prefix",
                "deletion_protection.enabled",
                "dns_record.client_routing_policy",
                "health_check_logs.s3.bucket",
                "health_check_logs.s3.enabled",
                "health_check_logs.s3.prefix",
                "idle_timeout.timeout_seconds",
                "ipv6.deny_all_igw_traffic",
                "load_balancing.cross_zone.enabled",
                "routing.http.desync_mitigation_mode",
                "routing.http.drop_invalid_header_fields.enabled",
                "routing.http.preserve_host_header.enabled",
                "routing.http.x_amzn_tls_version_and_cipher_suite.enabled",
                "routing.http.xff_client_port.enabled",
                "routing.http.xff_header_processing.mode",
                "routing.http2.enabled",
                "secondary_ips.auto_assigned.per_subnet",
                "waf.fail_open.enabled",
                "zonal_shift.config.enabled",
            ],
        },
    },
    "AWS::ElasticLoadBalancingV2::TargetGroup": {
        "TargetGroupAttributes[].Key": {
            "source": ELB_API + "API_TargetGroupAttribute.html",
            "enum": [
                "deregistration_delay.connection_termination.enabled",
                "deregistration_delay.timeout_seconds",
                "lambda.multi_value_headers.enabled",
                "load_balancing.algorithm.anomaly_mitigation",
                "load_balancing.algorithm.type",
                "load_balancing.cross_zone.enabled",
                "preserve_client_ip.enabled",
                "proxy_protocol_v2.enabled",
                "slow_start.duration_seconds",
                "stickiness.app_cookie.cookie_name",
                "stickiness.app_cookie.duration_seconds",
                "stickiness.enabled",
                "stickiness.lb_cookie.duration_seconds",
                "stickiness.type",
                "target_failover.on_deregistration",
                "target_failover.on_unhealthy",
                "target_group_health.dns_failover.minimum_healthy_targets.count",
                "target_group_health.dns_failover.minimum_healthy_targets.percentage",
                "target_group_health.unhealthy_state_routing.minimum_healthy_targets.count",
                "target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage",
                "target_health_state.unhealthy.connection_termination.enabled",
                "target_health_state.unhealthy.draining_interval_seconds",
            ],
        },
    },
}
# END HAND-WRITTEN
# ---------------------------------------------------------------------------------------------


def read_types() -> list[str]:
    types = []
    for line in (SPEC_DIR / "types.txt").read_text(encoding="utf-8").splitlines():
        t = line.split("#", 1)[0].strip()
        if t:
            types.append(t)
    return types


def load_patches(schemas_dir: Path, type_name: str) -> list[tuple[str, dict]]:
    """The JSON-patch operations cfn-lint applies to a type's schema, with their file."""
    folder = type_name.lower().replace("::", "_")
    ops = []
    for kind in ("providers", "extensions"):
        d = schemas_dir / "patches" / kind / "all" / folder
        if d.is_dir():
            for f in sorted(d.glob("*.json")):
                rel = f.relative_to(schemas_dir).as_posix()
                for op in json.loads(f.read_text(encoding="utf-8")):
                    ops.append((rel, op))
    return ops


def resolve_pointer(doc, pointer: str):
    node = doc
    for part in pointer.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return None
    return node


def patch_source(patches, pointer: str, value) -> str | None:
    """The last patch file that set the keyword at pointer to this value, if any."""
    found = None
    for rel, op in patches:
        path = op.get("path", "")
        if op.get("op") not in ("add", "replace") or not (pointer == path or pointer.startswith(path + "/")):
            continue
        if pointer == path:
            patched = op.get("value")
        else:
            patched = resolve_pointer(op.get("value"), pointer[len(path):])
        if patched == value:
            found = rel
    return found


class Walker:
    """Collects the constraints of one schema, keyed by property path."""

    def __init__(self, schema: dict, patches):
        self.schema = schema
        self.patches = patches
        self.out: dict[str, dict] = {}
        self.skipped: list[dict] = []

    def visit(self, node, path: str, pointer: str, refs: tuple[str, ...]):
        if not isinstance(node, dict):
            return
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/definitions/"):
            if ref in refs:
                # a structure that contains itself: not followed again, so its deeper levels go unchecked
                self.skipped.append({"path": path, "reason": f"recursive {ref}"})
                return
            target = resolve_pointer(self.schema, ref[1:])
            # keywords beside the $ref apply too (e.g. "type": "object")
            self.collect(node, path, pointer)
            self.visit(target, path, ref[1:], refs + (ref,))
            return
        self.collect(node, path, pointer)
        for name, sub in sorted(node.get("properties", {}).items()):
            self.visit(sub, join(path, name), f"{pointer}/properties/{escape(name)}", refs)
        items = node.get("items")
        if isinstance(items, dict):
            self.visit(items, path + "[]", pointer + "/items", refs)
        values = node.get("patternProperties", {})
        if len(values) == 1:
            key, sub = next(iter(values.items()))
            self.visit(sub, join(path, "*"), f"{pointer}/patternProperties/{escape(key)}", refs)
        elif isinstance(node.get("additionalProperties"), dict):
            self.visit(node["additionalProperties"], join(path, "*"), pointer + "/additionalProperties", refs)
        for i, sub in enumerate(node.get("allOf", [])):
            self.visit(sub, path, f"{pointer}/allOf/{i}", refs)
        for union in ("anyOf", "oneOf"):
            for i, sub in enumerate(node.get(union, [])):
                self.skip_alternative(sub, path, f"{pointer}/{union}/{i}", union)

    def collect(self, node: dict, path: str, pointer: str):
        if not path:
            return  # the resource's own object: minProperties and the like are not values
        found = {}
        sources = {}
        for k in KEYWORDS:
            if k in node:
                found[k] = node[k]
                src = patch_source(self.patches, f"{pointer}/{k}", node[k])
                if src:
                    sources[k] = src
        if "const" in node and "enum" not in node:
            # a single allowed value; checked like an enumeration
            found["enum"] = [node["const"]]
            src = patch_source(self.patches, f"{pointer}/const", node["const"])
            if src:
                sources["enum"] = src
        if not found:
            return
        entry = self.out.setdefault(path, {})
        entry.update(found)
        if sources:
            entry.setdefault("from", {}).update(sources)

    def skip_alternative(self, node, path: str, pointer: str, union: str):
        """Constraints that hold in only one alternative of a union are not applied; record the
        alternatives that carry them directly."""
        if not isinstance(node, dict):
            return
        if any(k in node for k in KEYWORDS + ("const",)):
            self.skipped.append({"path": path or "(resource)", "reason": f"inside {union} ({pointer})"})


def join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def escape(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


def main(argv: list[str]) -> int:
    if argv not in ([], ["--check"]):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        import cfnlint
        from cfnlint.data.schemas.providers import us_east_1
        from cfnlint.schema.manager import PROVIDER_SCHEMA_MANAGER
    except ImportError:
        print("update-cfn-constraints: cfn-lint is required (pip install cfn-lint)", file=sys.stderr)
        return 1
    version = importlib.metadata.version("cfn-lint")
    license_expr = importlib.metadata.metadata("cfn-lint").get("License-Expression") or "MIT-0"
    schemas_dir = Path(os.path.dirname(cfnlint.__file__)) / "data" / "schemas"

    resource_types = {}
    skipped = []
    for type_name in read_types():
        schema_hash = us_east_1.types.get(type_name)
        if schema_hash is None:
            print(f"update-cfn-constraints: {type_name} has no {REGION} schema in cfn-lint {version}", file=sys.stderr)
            return 1
        # the same call cfn-lint's rules make, so the schema is the one cfn-lint validates with
        schema = PROVIDER_SCHEMA_MANAGER.get_resource_schema(REGION, type_name).schema
        walker = Walker(schema, load_patches(schemas_dir, type_name))
        for name, sub in sorted(schema.get("properties", {}).items()):
            walker.visit(sub, name, f"/properties/{escape(name)}", ())
        for rtype, path, rel, rule in REGIONAL_ENUMS:
            if rtype == type_name:
                regional = json.loads((schemas_dir / rel).read_text(encoding="utf-8"))[REGION]
                entry = walker.out.setdefault(path, {})
                entry["enum"] = sorted(regional["enum"])
                entry.setdefault("from", {})["enum"] = f"{rel} ({REGION}; cfn-lint rule {rule})"
        resource_types[type_name] = {
            "schema": f"resources/{schema_hash}.json",
            "properties": {p: walker.out[p] for p in sorted(walker.out)},
        }
        skipped += [{"type": type_name, **s} for s in walker.skipped]

    doc = {
        "header": {
            "source": (
                f"CloudFormation registry resource provider schemas for {REGION}, as shipped and applied by "
                f"cfn-lint {version} (PyPI package cfn-lint: cfnlint/data/schemas/resources, "
                "with cfn-lint's patches from cfnlint/data/schemas/patches already applied)"
            ),
            "cfnLintVersion": version,
            "license": f"{license_expr} (cfn-lint, which distributes the schemas)",
            "region": REGION,
            "generator": "scripts/update-cfn-constraints.py",
            "keywords": list(KEYWORDS),
            "from": (
                "a constraint is as AWS publishes it in the registry schema unless its entry's "
                "'from' names the cfn-lint file that added or changed it; paths are relative to "
                "cfnlint/data/schemas"
            ),
            "paths": "property names joined by '.', '[]' for the items of a list, '*' for the values of a map",
        },
        "resourceTypes": resource_types,
        "handWritten": {
            "note": "not in the registry schemas; written by hand from the AWS documentation in each 'source'",
            "resourceTypes": HAND_WRITTEN,
        },
        "skipped": sorted(skipped, key=lambda s: (s["type"], s["path"], s["reason"])),
    }
    text = json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if argv == ["--check"]:
        if OUT.exists() and OUT.read_text(encoding="utf-8") == text:
            return 0
        print(f"update-cfn-constraints: {OUT.relative_to(ROOT)} is stale; rerun without --check", file=sys.stderr)
        return 1
    OUT.write_text(text, encoding="utf-8", newline="\n")
    count = sum(len(r["properties"]) for r in resource_types.values())
    print(f"update-cfn-constraints: wrote {OUT.relative_to(ROOT)} ({count} property paths, cfn-lint {version})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
