#!/usr/bin/env bash
# Regenerates src/test/resources/cfn-spec/resource-spec-subset.json from AWS's
# CloudFormation resource specification, as shipped by the npm package
# @aws-cdk/aws-service-spec (db.json.gz), for the resource types listed in
# src/test/resources/cfn-spec/types.txt.
#
# usage: scripts/update-cfn-spec.sh [VERSION]
#   VERSION  a package version (e.g. 0.1.216) or "latest"; defaults to the
#            version recorded in the current resource-spec-subset.json, so a
#            plain rerun after editing types.txt keeps the same spec version.
#
# Needs node and npm; reaches the npm registry only (npm pack).
set -euo pipefail

PACKAGE="@aws-cdk/aws-service-spec"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SPEC_DIR="$ROOT/src/test/resources/cfn-spec"
SUBSET="$SPEC_DIR/resource-spec-subset.json"

for tool in node npm tar; do
  command -v "$tool" >/dev/null || { echo "update-cfn-spec: $tool is required" >&2; exit 1; }
done

VERSION="${1:-}"
if [[ -z "$VERSION" ]]; then
  if [[ -f "$SUBSET" ]]; then
    VERSION="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).header.version)' "$SUBSET")"
  else
    VERSION="latest"
  fi
fi

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

echo "update-cfn-spec: fetching $PACKAGE@$VERSION" >&2
# --json reports the tarball's name and the registry's integrity hash
(cd "$TMP" && npm pack "$PACKAGE@$VERSION" --json --silent >pack.json)
read -r TARBALL INTEGRITY < <(node -e '
  const info = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))[0];
  console.log(info.filename, info.integrity);' "$TMP/pack.json")
tar -xzf "$TMP/$TARBALL" -C "$TMP"
[[ -f "$TMP/package/db.json.gz" ]] || { echo "update-cfn-spec: no db.json.gz in $TARBALL" >&2; exit 1; }

mkdir -p "$SPEC_DIR"
cp "$TMP/package/LICENSE" "$SPEC_DIR/LICENSE-aws-service-spec.txt"
node "$ROOT/scripts/cfn-spec-subset.mjs" \
  --package-dir "$TMP/package" \
  --types "$SPEC_DIR/types.txt" \
  --out-dir "$SPEC_DIR" \
  --integrity "$INTEGRITY"
