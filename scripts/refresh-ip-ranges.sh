#!/usr/bin/env bash
# Rebuilds src/main/resources/dev/stackwright/flows/aws-ip-ranges.json, the small dated subset of AWS's published IP
# ranges that `stackwright flows` uses to name the AWS service of a default-format flow log's remote address: the
# IPv4 prefixes of the services whose traffic an endpoint can take off a NAT (S3, DynamoDB, EC2, which ECR's registry
# endpoints are served from) in the regions Stackwright prices. Needs the internet (or a local copy: pass its path).
#
# Usage: scripts/refresh-ip-ranges.sh [ip-ranges.json]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$here/src/main/resources/dev/stackwright/flows/aws-ip-ranges.json"
src="${1:-}"
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
if [[ -z "$src" ]]; then
  curl -fsSL https://ip-ranges.amazonaws.com/ip-ranges.json -o "$tmp"
  src="$tmp"
fi
python3 - "$src" "$out" <<'PY'
import json, sys
services = {"S3", "DYNAMODB", "EC2"}
regions = {"us-east-1", "us-west-2", "eu-west-1"}
full = json.load(open(sys.argv[1]))
prefixes = sorted(
    ({"ip_prefix": p["ip_prefix"], "region": p["region"], "service": p["service"]}
     for p in full["prefixes"] if p["service"] in services and p["region"] in regions),
    key=lambda p: (p["service"], p["region"], p["ip_prefix"]))
subset = {
    "syncToken": full["syncToken"],
    "createDate": full["createDate"],
    "note": "A subset of AWS's ip-ranges.json (services %s in %s); scripts/refresh-ip-ranges.sh rebuilds it."
            % (", ".join(sorted(services)), ", ".join(sorted(regions))),
    "prefixes": prefixes,
}
with open(sys.argv[2], "w") as f:
    json.dump(subset, f, indent=1)
    f.write("\n")
print("%d prefixes of %s" % (len(prefixes), full["createDate"]))
PY
