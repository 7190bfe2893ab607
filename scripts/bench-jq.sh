#!/usr/bin/env bash
# `./stackwright check --snapshot DIR` against the jq yardstick: each run of the command is paired with one of
# `jq empty DIR/*.json` on the same files, in turn (check, jq, check, jq ...), so a drift in the machine's speed hits
# both. Prints one Markdown row per account: medians of CPU seconds (user + system of the finished process, the steadier
# figure on a shared machine) and wall seconds, and the medians of the pair-by-pair ratios. The target (issue 14) is
# the 10,000-interface account within 4x jq. See docs/benchmarks.md, "Against the jq yardstick".
#
# Usage: scripts/bench-jq.sh [-n PAIRS] [--sizes 1000,10000,50000,100000] [--dir DIR]
#   -n PAIRS   timed pairs per account, after one discarded pair (default 3)
#   --sizes    interface counts; 50,000 is written over 4 VPCs and 100,000 over 8, smaller ones in 1 VPC
#   --dir      where the accounts are written (default target/bench/accounts); an account already there is reused
# Needs GNU time (/usr/bin/time) and jq.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$here"

pairs=3
sizes="1000,10000,50000,100000"
dir="$here/target/bench/accounts"
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) pairs="$2"; shift 2 ;;
    --sizes) sizes="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-jq.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
for tool in /usr/bin/time jq; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench-jq.sh: $tool is needed" >&2; exit 2; }
done

# The median of numbers, one per line.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Runs a command once; appends "wall cpu" (seconds) to a file.
timed() {
  local into="$1"; shift
  local t
  t="$(mktemp)"
  /usr/bin/time -f '%e %U %S' -o "$t" "$@" >/dev/null 2>&1 || true
  # GNU time puts "Command exited with non-zero status N" first (check exits 1 when the policy fails).
  tail -n 1 "$t" | awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' >> "$into"
  rm -f "$t"
}

./stackwright --version >/dev/null   # builds the jar and the start-up cache if needed
if commit="$(git rev-parse --short HEAD 2>/dev/null)"; then
  git diff --quiet HEAD -- src pom.xml stackwright || commit+=" with uncommitted changes"
else
  commit="unknown (not a git checkout)"
fi
echo "commit $commit," \
  "$(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| account | files | \`check\` CPU s | \`check\` wall s | jq CPU s | jq wall s | ratio (CPU) | ratio (wall) |"
echo "|---|---|---|---|---|---|---|---|"
IFS=, read -r -a counts <<< "$sizes"
for enis in "${counts[@]}"; do
  vpcs=1
  (( enis >= 50000 )) && vpcs=4
  (( enis >= 100000 )) && vpcs=8
  acct="$dir/$vpcs-$enis"
  if [[ ! -s "$acct/network-interfaces.json" ]]; then
    scripts/synthetic-account.sh "$acct" --vpcs "$vpcs" --enis "$enis" >/dev/null
  fi
  size="$(du -smL "$acct" | cut -f1)"
  check=(./stackwright check --snapshot "$acct")
  # shellcheck disable=SC2016 # $0 is the inner shell's: the account folder, passed after the script
  yard=(sh -c 'jq empty "$0"/*.json' "$acct")
  work="$(mktemp -d)"
  timed "$work/discard" "${check[@]}"
  timed "$work/discard" "${yard[@]}"
  for _ in $(seq "$pairs"); do
    timed "$work/check" "${check[@]}"
    timed "$work/jq" "${yard[@]}"
  done
  paste "$work/check" "$work/jq" | awk '{ print ($4 > 0 ? $2 / $4 : 0), ($3 > 0 ? $1 / $3 : 0) }' > "$work/ratios"
  label="$(echo "$enis" | sed ':a; s/\B[0-9]\{3\}\>/,&/; ta') interfaces"
  if (( vpcs > 1 )); then
    label+=", $vpcs VPCs"
  fi
  printf '| %s | %s MB | %.2f | %.2f | %.3f | %.3f | %.1f | %.1f |\n' "$label" "$size" \
    "$(cut -d' ' -f2 "$work/check" | median)" "$(cut -d' ' -f1 "$work/check" | median)" \
    "$(cut -d' ' -f2 "$work/jq" | median)" "$(cut -d' ' -f1 "$work/jq" | median)" \
    "$(cut -d' ' -f1 "$work/ratios" | median)" "$(cut -d' ' -f2 "$work/ratios" | median)"
  rm -rf "$work"
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg) (medians of $pairs pairs after one discarded;" \
  "CPU = user + system of the finished process)"
