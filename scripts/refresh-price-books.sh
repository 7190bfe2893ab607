#!/usr/bin/env bash
# Refreshes the shipped price books from AWS's Price List (needs the internet; the EC2 offers are several hundred MB
# each). Every entry the Price List gives replaces the book's own; entries it does not give are kept as they are.
# Then: review `git diff src/main/resources/dev/stackwright/cost/prices`, run scripts/test.sh, and update the known
# answers the tests and docs/cost.md ("Regions shipped") quote from the books.
#
# Usage: scripts/refresh-price-books.sh [REGION ...] [-- PRICES-FETCH OPTIONS]   (default: every shipped region)
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
books="$here/src/main/resources/dev/stackwright/cost/prices"
regions=()
while [[ $# -gt 0 && "$1" != "--" ]]; do
  case "$1" in
    -h|--help) sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) regions+=("$1"); shift ;;
  esac
done
[[ "${1:-}" == "--" ]] && shift
if [[ ${#regions[@]} -eq 0 ]]; then
  for f in "$books"/*.json; do regions+=("$(basename "$f" .json)"); done
fi
for region in "${regions[@]}"; do
  echo "== $region"
  "$here/stackwright" prices fetch --region "$region" --out "$books/$region.json" --merge "$@"
done
