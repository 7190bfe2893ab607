#!/usr/bin/env bash
# `./stackwright check --snapshot DIR` against the jq yardstick: each run of the command is paired with one of
# `jq empty DIR/*.json` on the same files, in turn (check, jq, check, jq ...), so a drift in the machine's speed hits
# both. Prints one Markdown row per account: medians of CPU seconds (user + system of the finished process, the steadier
# figure on a shared machine) and wall seconds, and the medians of the pair-by-pair ratios. The target (issue 14) is
# the 10,000-interface account within 4x jq. See docs/benchmarks.md, "Against the jq yardstick".
# Each account is measured twice: "fresh", a JVM of its own per command (STACKWRIGHT_DAEMON=off, as under CI), and
# "daemon", through the launcher's daemon (its default outside CI), stopped first so that the discarded run starts it
# cold. A daemon's CPU is counted too: what the daemon process used during each run, and after it until it is quiet
# (the jq run waits for that), is added to the client's.
#
# Usage: scripts/bench-jq.sh [-n PAIRS] [--sizes 1000,10000,50000,100000] [--dir DIR] [--jvm fresh,daemon]
#   -n PAIRS   timed pairs per account, after one discarded pair (default 3)
#   --sizes    interface counts; 50,000 is written over 4 VPCs and 100,000 over 8, smaller ones in 1 VPC
#   --dir      where the accounts are written (default target/bench/accounts); an account already there is reused
#   --jvm      which ways to run the command (default both)
# Needs GNU time (/usr/bin/time) and jq.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$here"

pairs=3
sizes="1000,10000,50000,100000"
dir="$here/target/bench/accounts"
jvms="fresh,daemon"
while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) pairs="$2"; shift 2 ;;
    --sizes) sizes="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --jvm) jvms="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-jq.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
for tool in /usr/bin/time jq; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench-jq.sh: $tool is needed" >&2; exit 2; }
done

# The median of numbers, one per line.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# CPU seconds a process has used so far (user + system), from /proc; 0 for no process.
ticks_per_second="$(getconf CLK_TCK)"
cpu_of() {
  if [[ -n "$1" && -r "/proc/$1/stat" ]]; then
    # The name in brackets may hold blanks: count fields after it.
    sed 's/.*) //' "/proc/$1/stat" | awk -v hz="$ticks_per_second" '{ printf "%.3f\n", ($12 + $13) / hz }'
  else
    echo 0
  fi
}

# Waits (10 s at most) until a daemon has used no more than a hundredth of a second of CPU in a fifth of a second. A
# daemon still compiling after it answered would otherwise slow the jq run that follows, on the other core.
settle() {
  local pid="$1" a b
  [[ -n "$pid" ]] || return 0
  for _ in $(seq 50); do
    a="$(cpu_of "$pid")"
    sleep 0.2
    b="$(cpu_of "$pid")"
    awk -v a="$a" -v b="$b" 'BEGIN { exit !(b - a <= 0.01) }' && return 0
  done
}

# Runs a command once; appends "wall cpu" (seconds) to a file. With a daemon's pid, the CPU the daemon used from the
# start of the run until it is quiet again is added: the wall time is what the user waits, the CPU all the work.
timed() {
  local into="$1" pid="$2"; shift 2
  local t before after
  t="$(mktemp)"
  before="$(cpu_of "$pid")"
  /usr/bin/time -f '%e %U %S' -o "$t" "$@" >/dev/null 2>&1 || true
  settle "$pid"
  after="$(cpu_of "$pid")"
  # GNU time puts "Command exited with non-zero status N" first (check exits 1 when the policy fails).
  tail -n 1 "$t" | awk -v d="$(awk -v a="$after" -v b="$before" 'BEGIN { print a - b }')" \
    '{ printf "%.3f %.3f\n", $1, $2 + $3 + d }' >> "$into"
  rm -f "$t"
}

# The pid of the daemon serving this folder, once one runs.
daemon_pid() {
  STACKWRIGHT_DAEMON=on ./stackwright daemon status 2>/dev/null \
    | sed -n "s|.*: pid \([0-9]*\), serving $here since.*|\1|p" | head -n 1
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
echo "| account | files | JVM | \`check\` CPU s | \`check\` wall s | jq CPU s | jq wall s | ratio (CPU) | ratio (wall) |"
echo "|---|---|---|---|---|---|---|---|---|"
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
  label="$(echo "$enis" | sed ':a; s/\B[0-9]\{3\}\>/,&/; ta') interfaces"
  if (( vpcs > 1 )); then
    label+=", $vpcs VPCs"
  fi
  # shellcheck disable=SC2016 # $0 is the inner shell's: the account folder, passed after the script
  yard=(sh -c 'jq empty "$0"/*.json' "$acct")
  IFS=, read -r -a modes <<< "$jvms"
  for mode in "${modes[@]}"; do
    case "$mode" in
      fresh) check=(env STACKWRIGHT_DAEMON=off ./stackwright check --snapshot "$acct") ;;
      daemon)
        STACKWRIGHT_DAEMON=on ./stackwright daemon stop >/dev/null
        check=(env STACKWRIGHT_DAEMON=on ./stackwright check --snapshot "$acct") ;;
      *) echo "bench-jq.sh: --jvm takes fresh and daemon, not $mode" >&2; exit 2 ;;
    esac
    work="$(mktemp -d)"
    timed "$work/discard" "" "${check[@]}"
    timed "$work/discard" "" "${yard[@]}"
    pid=""
    if [[ "$mode" == daemon ]]; then
      pid="$(daemon_pid)"
      [[ -n "$pid" ]] || { echo "bench-jq.sh: no daemon started for $here" >&2; exit 1; }
    fi
    for _ in $(seq "$pairs"); do
      timed "$work/check" "$pid" "${check[@]}"
      timed "$work/jq" "" "${yard[@]}"
    done
    paste "$work/check" "$work/jq" | awk '{ print ($4 > 0 ? $2 / $4 : 0), ($3 > 0 ? $1 / $3 : 0) }' > "$work/ratios"
    printf '| %s | %s MB | %s | %.2f | %.2f | %.3f | %.3f | %.1f | %.1f |\n' "$label" "$size" "$mode" \
      "$(cut -d' ' -f2 "$work/check" | median)" "$(cut -d' ' -f1 "$work/check" | median)" \
      "$(cut -d' ' -f2 "$work/jq" | median)" "$(cut -d' ' -f1 "$work/jq" | median)" \
      "$(cut -d' ' -f1 "$work/ratios" | median)" "$(cut -d' ' -f2 "$work/ratios" | median)"
    rm -rf "$work"
    if [[ "$mode" == daemon ]]; then
      STACKWRIGHT_DAEMON=on ./stackwright daemon stop >/dev/null
    fi
  done
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg) (medians of $pairs pairs after one discarded;" \
  "CPU = user + system of the finished process, and of the daemon during the run)"
