#!/usr/bin/env bash
# Rebuilds src/main/resources/dev/stackwright/flows/aws-ip-ranges.json, the small dated subset of AWS's published IP
# ranges that `stackwright flows` uses to name the AWS service of a default-format flow log's remote address: the
# IPv4 prefixes of S3 and DynamoDB, the services whose NAT traffic a free gateway endpoint takes off the NAT, in the
# regions Stackwright prices (one price book each in src/main/resources/dev/stackwright/cost/prices/).
#
# Other services are left out on purpose: an EC2 address is as often someone else's server on the internet as an
# AWS API, and AMAZON covers nearly everything, so naming them would promise endpoint savings that are not there.
# Logs in Stackwright's own format carry pkt-dst-aws-service and need no copy at all.
#
# Usage: scripts/refresh-ip-ranges.sh [ip-ranges.json]
#   without an argument it downloads AWS's current file (needs the internet); with one it reads that copy.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$here/src/main/resources/dev/stackwright/flows/aws-ip-ranges.json"
books="$here/src/main/resources/dev/stackwright/cost/prices"
src="${1:-}"
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
if [[ -z "$src" ]]; then
  curl -fsSL https://ip-ranges.amazonaws.com/ip-ranges.json -o "$tmp"
  src="$tmp"
fi
python3 - "$src" "$out" "$books" <<'PY'
import json, os, sys
source, out, books = sys.argv[1:4]
services = ["DYNAMODB", "S3"]
regions = sorted(f[:-len(".json")] for f in os.listdir(books) if f.endswith(".json"))
with open(source) as f:
    full = json.load(f)
for key in ("syncToken", "createDate", "prefixes"):
    if key not in full:
        sys.exit("%s: not AWS's ip-ranges.json (no %s)" % (source, key))
prefixes = sorted(
    ({"ip_prefix": p["ip_prefix"], "region": p["region"], "service": p["service"]}
     for p in full["prefixes"] if p["service"] in services and p["region"] in regions),
    key=lambda p: (p["service"], p["region"], tuple(int(x) for x in p["ip_prefix"].replace("/", ".").split("."))))
if not prefixes:
    sys.exit("%s: no %s prefixes in %s" % (source, " or ".join(services), ", ".join(regions)))
subset = {
    "syncToken": full["syncToken"],
    "createDate": full["createDate"],
    "note": "A subset of AWS's ip-ranges.json: the IPv4 prefixes of %s in %s. scripts/refresh-ip-ranges.sh rebuilds it."
            % (" and ".join(services), ", ".join(regions)),
    "prefixes": prefixes,
}
with open(out, "w") as f:
    json.dump(subset, f, indent=1)
    f.write("\n")
print("%d prefixes of %s (syncToken %s) written to %s" % (len(prefixes), full["createDate"], full["syncToken"], out))
PY
