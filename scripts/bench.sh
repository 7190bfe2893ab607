#!/usr/bin/env bash
# Measures Stackwright's performance targets instead of asserting them in tests:
#   1. in-process synth (JMH, `mvn -Pbench test`): target under 5 ms per synth of the prod example;
#   2. the whole process, `./stackwright synth` on the prod example: target under 0.4 s median.
# Prints the machine's facts with the figures; raw results go to target/bench/. See docs/benchmarks.md.
#
# Usage: scripts/bench.sh [--ref REF] [-n RUNS] [--quick] [--scale] [--offers] [--warm-check] [--account] [--no-jmh] [--no-process] [--jmh-args "JMH OPTIONS"]
#   --ref REF      measure commit REF (e.g. HEAD) in a clean copy, target/bench-snapshot, instead of the working
#                  tree: figures that belong to a commit, unaffected by edits made while this runs
#   -n RUNS        timed runs per whole-process command (default 30)
#   --quick        short JMH settings, for checking that the benchmarks run; not for figures
#   --no-jmh       skip the JMH benchmarks
#   --no-process   skip the whole-process timing
#   --scale        only the scale benchmark (ScaleBenchmark: exposure and why on synthetic accounts of 1k and 10k
#                  interfaces; add 100k with --jmh-args "-p enis=100000 ScaleBenchmark", about 15 minutes)
#   --offers       only `prices fetch` reading an EC2-sized offer (OfferReadBenchmark: 100,000 products, 362 MB)
#   --warm-check   only the whole `check --snapshot` of the 10,000-interface account, again and again in one JVM
#                  (SnapshotCheckBenchmark: what the command takes once compiled, beside bench-jq.sh's cold process)
#   --account      only `./stackwright check --snapshot` end to end on synthetic accounts written by
#                  scripts/synthetic-account.sh (1,000 and 10,000 interfaces in one VPC, 10,000 over four VPCs)
#   --jmh-args A   JMH command line instead of the default (all but ScaleBenchmark, OfferReadBenchmark and SnapshotCheckBenchmark; JSON in target/bench)
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$here"

runs=30
do_jmh=true
do_process=true
do_account=false
quick=false
jmh_args="-e ScaleBenchmark -e OfferReadBenchmark -e SnapshotCheckBenchmark -rf json -rff $here/target/bench/jmh-result.json dev.stackwright.bench"
ref=""
pass=()   # the arguments, less --ref, for a snapshot run
while [[ $# -gt 0 ]]; do
  case "$1" in
    --ref) ref="$2"; shift 2; continue ;;
  esac
  pass+=("$1")
  case "$1" in
    -n) runs="$2"; pass+=("$2"); shift 2 ;;
    --scale) do_process=false; jmh_args="-p enis=1000,10000 -rf json -rff $here/target/bench/jmh-result.json ScaleBenchmark"; shift ;;
    --quick) quick=true; jmh_args="-f 1 -wi 2 -w 1 -i 2 -r 1 -e ColdSynth -e ScaleBenchmark -e OfferReadBenchmark -e SnapshotCheckBenchmark -rf json -rff $here/target/bench/jmh-result.json dev.stackwright.bench"; shift ;;
    --offers) do_process=false; jmh_args="-rf json -rff $here/target/bench/jmh-result.json OfferReadBenchmark"; shift ;;
    --warm-check) do_process=false; jmh_args="-rf json -rff $here/target/bench/jmh-result.json SnapshotCheckBenchmark"; shift ;;
    --account) do_account=true; do_jmh=false; do_process=false; shift ;;
    --no-jmh) do_jmh=false; shift ;;
    --no-process) do_process=false; shift ;;
    --jmh-args) jmh_args="$2"; pass+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

spec="examples/prod-nat-instances/stackwright.yml"
out="$here/target/bench"
mkdir -p "$out"

# ---------------------------------------------------------------- --ref: run this script on a clean copy of REF
if [[ -n "$ref" ]]; then
  commit="$(git -C "$here" rev-parse --short "$ref^{commit}")"
  snap="$here/target/bench-snapshot"
  rm -rf "$snap" && mkdir -p "$snap"
  git -C "$here" archive "$commit" | tar -x -C "$snap"
  if ! grep -q '<id>bench</id>' "$snap/pom.xml"; then
    echo "bench.sh: $ref has no bench profile in its pom.xml" >&2
    exit 2
  fi
  # The benchmarks and this script as they are now, on REF's code.
  rm -rf "$snap/src/bench" && cp -r "$here/src/bench" "$snap/src/bench"
  # The synthetic-account generator the scale benchmark uses lives with the test fixtures.
  mkdir -p "$snap/src/test/java/dev/stackwright" && rm -rf "$snap/src/test/java/dev/stackwright/bench" \
    && cp -r "$here/src/test/java/dev/stackwright/bench" "$snap/src/test/java/dev/stackwright/bench"
  cp "$here/scripts/bench.sh" "$snap/scripts/bench.sh"
  echo "== Measuring $ref ($commit) in a clean copy, $snap; the working tree is not used"
  rc=0
  STACKWRIGHT_BENCH_SOURCE="commit $commit (clean copy; benchmarks from the working tree)" \
    "$snap/scripts/bench.sh" "${pass[@]}" || rc=$?
  cp "$snap"/target/bench/*.{json,txt,ms} "$out"/ 2>/dev/null || true
  echo "(results copied to $out)"
  exit "$rc"
fi

# ---------------------------------------------------------------- JDK: Maven and the launcher both need 21+.
# shellcheck source=scripts/find-jdk.sh
source "$here/scripts/find-jdk.sh"
if ! jdk_home="$(find_jdk)"; then
  echo "bench.sh: no JDK 21 or newer found. Fix: install one or set JAVA_HOME to it." >&2
  exit 70
fi
maven_with "$jdk_home"
java="$JAVA_HOME/bin/java"
major="$(jdk_major "$JAVA_HOME")"

# ---------------------------------------------------------------- statistics over a file of times in ms
# Prints: median p90 min max mean (ms). p90 is the nearest-rank percentile.
stats() {
  sort -g "$1" | awk '{ v[NR] = $1; s += $1 }
    END {
      if (NR == 0) { print "n/a n/a n/a n/a n/a"; exit }
      med = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      r = int(0.9 * NR); if (r < 0.9 * NR) r++; if (r < 1) r = 1
      printf "%.1f %.1f %.1f %.1f %.1f\n", med, v[r], v[1], v[NR], s / NR }'
}

# ---------------------------------------------------------------- the machine
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
mem="$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
os="$( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null || uname -s), kernel $(uname -r)"
jdk="$("$java" -version 2>&1 | sed -n 2p)"
mvn_v="$(mvn -v 2>/dev/null | sed -n 1p | sed 's/\x1b\[[0-9;]*m//g' || echo 'mvn not found')"
echo "== Machine"
echo "CPU:      ${cpu:-unknown} ($(nproc) cores online)"
echo "Memory:   $mem"
echo "OS:       $os"
echo "JDK:      $jdk ($JAVA_HOME)"
echo "Maven:    $mvn_v"
echo "Load:     $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at start; other work on a 2-core machine skews results"
source_desc="${STACKWRIGHT_BENCH_SOURCE:-working tree at commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src/main pom.xml 2>/dev/null || echo ' + uncommitted changes to src/main or pom.xml')}"
echo "Date:     $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "Code:     $source_desc"
echo

# ---------------------------------------------------------------- contention check
# The machine's busy CPU time (from /proc/stat, steal included) less our own (this shell's waited-for children: Maven,
# JMH, the timer, the timed commands), as a share of all cores over the wall time. Another build or test run on a
# 2-core machine shows here, and inflates the figures.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
hz="$(getconf CLK_TCK)"
machine_cpu() { awk -v hz="$hz" '/^cpu / { printf "%.3f\n", ($2 + $3 + $4 + $7 + $8 + $9) / hz }' /proc/stat; }
our_cpu() {  # call without a subshell: `times` reports this shell's children
  times > "$tmp/times"
  sed -n 2p "$tmp/times" | awk '{ s = 0; for (i = 1; i <= 2; i++) { split($i, a, "m"); sub("s", "", a[2]); s += a[1] * 60 + a[2] } printf "%.3f\n", s }'
}
mark() { m0="$(machine_cpu)"; our_cpu > "$tmp/o0"; o0="$(cat "$tmp/o0")"; w0=$(date +%s%N); }
other_share() {  # sets $other: percent of the machine used by others since the last mark (no subshell: see our_cpu)
  local w1 o1 m1
  w1=$(date +%s%N); our_cpu > "$tmp/o1"; o1="$(cat "$tmp/o1")"; m1="$(machine_cpu)"
  other=$(awk -v m0="$m0" -v m1="$m1" -v o0="$o0" -v o1="$o1" -v w="$(( (w1 - w0) / 1000000 ))" -v n="$(nproc)" \
    'BEGIN { x = ((m1 - m0) - (o1 - o0)) / (w / 1000 * n) * 100; if (x < 0) x = 0; printf "%.0f", x }')
}

# ---------------------------------------------------------------- 1. JMH, in process
if $do_jmh; then
  echo "== JMH: mvn -q -B -ntp -Dstyle.color=never -Pbench test -Djmh.args=\"$jmh_args\""
  rm -f "$out/jmh-result.json"
  # (JMH 1.37 itself touches sun.misc.Unsafe, and JDK 24+ warns about it.)
  mark
  mvn -q -B -ntp -Dstyle.color=never -Pbench test -Djmh.args="$jmh_args" 2>&1 \
    | grep -v -e 'sun\.misc\.Unsafe' -e 'terminally deprecated method' -e 'consider reporting this' -e 'will be removed in a future release' \
    | sed 's/\x1b\[[0-9;]*m//g' | tee "$out/jmh-output.txt"
  echo "(full output: $out/jmh-output.txt; results: $out/jmh-result.json)"
  other_share
  echo "Other CPU during JMH: $other% of the machine (processes other than this run); load after: $(cut -d' ' -f1-3 /proc/loadavg)"
  [[ "$other" -gt 10 ]] && echo "WARNING: other work ran during the JMH run: its figures are inflated; run again on a quiet machine"
  echo
fi

# ---------------------------------------------------------------- 2. the whole process
if $do_process; then
  synth=(synth -f "$spec" -o "$tmp/out")

  if ! command -v hyperfine >/dev/null 2>&1 && [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "== Installing hyperfine (apt-get)"
    (apt-get install -y -qq hyperfine >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq hyperfine >/dev/null 2>&1; }) \
      || echo "(could not install hyperfine; timing with a bash loop instead)"
  fi

  echo "== Whole process: ./stackwright ${synth[*]}"
  # The first run builds the jar if it is missing or stale and makes the start-up cache: timed, shown, discarded.
  t0=$(date +%s%N)
  ./stackwright "${synth[@]}" >/dev/null
  t1=$(date +%s%N)
  echo "first run (build if needed + cache creation + synth), discarded: $(( (t1 - t0) / 1000000 )) ms"
  ./stackwright "${synth[@]}" >/dev/null   # a second one, in case the first only built the jar
  jar="$here/target/stackwright.jar"
  jar_stamp="$(stat -c %Y "$jar")"
  cache=""
  for made in "$here/target/stackwright-$major.aot" "$here/target/stackwright-$major.jsa"; do
    [[ -z "$cache" && -f "$made" ]] && cache="$made"
  done
  if [[ -n "$cache" ]]; then
    echo "start-up cache: $cache ($(( $(stat -c %s "$cache") / 1048576 )) MiB)"
  else
    echo "WARNING: no start-up cache in target/ after the first run; the launcher runs without one"
  fi

  # name|environment|command: each is timed $runs times.
  flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData)
  # The class path the launcher runs with its AOT cache: picocli rewritten as Java 8 classes first, when it made that.
  classpath=(-jar "$jar")
  picocli="$here/target/picocli-archivable-$major.jar"
  [[ -n "$cache" && "$cache" == *.aot && -f "$picocli" ]] && classpath=(-cp "$picocli:$jar" dev.stackwright.cli.Main)
  cases=("launcher, cache (the target)||./stackwright ${synth[*]}"
         "launcher, no cache|STACKWRIGHT_NO_CACHE=1|./stackwright ${synth[*]}")
  if [[ -n "$cache" && "$cache" == *.aot ]]; then
    cases+=("java, cache, no launcher||$java ${flags[*]} -XX:AOTCache=$cache -Xlog:aot=off -Xlog:cds=off ${classpath[*]} ${synth[*]}")
  fi
  # The yardstick: the same JDK's java -version, as it comes, and with the launcher's flags.
  cases+=("JVM only: java -version||$java -version"
          "JVM only, launcher's flags||$java ${flags[*]} -version")

  if command -v hyperfine >/dev/null 2>&1; then
    timer="hyperfine $(hyperfine --version | cut -d' ' -f2), --shell=none, 3 warm-up runs"
  else
    timer="bash loop with date +%s%N (adds about 1-2 ms per run), 3 warm-up runs"
  fi
  echo "timer: $timer; $runs timed runs each"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  summary="$out/process-summary.txt"
  printf '%-32s %8s %8s %8s %8s %8s %9s\n' "command ($runs runs, ms)" median p90 min max mean "other CPU" | tee "$summary"
  contended=false
  i=0
  for c in "${cases[@]}"; do
    i=$((i + 1))
    name="${c%%|*}"; rest="${c#*|}"; envs="${rest%%|*}"; cmd="${rest#*|}"
    times="$out/process-$i.ms"
    : > "$times"
    mark
    if command -v hyperfine >/dev/null 2>&1; then
      if ! env ${envs:+"$envs"} hyperfine -N --style none --warmup 3 --runs "$runs" --export-json "$out/process-$i.json" "$cmd" \
          >/dev/null 2>"$tmp/hyperfine.err"; then
        cat "$tmp/hyperfine.err" >&2
        exit 1
      fi
      if command -v jq >/dev/null 2>&1; then
        jq -r '.results[0].times[] * 1000' "$out/process-$i.json" > "$times"
      else
        python3 -c 'import json,sys; [print(t*1000) for t in json.load(open(sys.argv[1]))["results"][0]["times"]]' \
          "$out/process-$i.json" > "$times"
      fi
    else
      read -r -a argv <<< "$cmd"
      for _ in 1 2 3; do env ${envs:+"$envs"} "${argv[@]}" >/dev/null 2>&1; done
      for _ in $(seq "$runs"); do
        t0=$(date +%s%N); env ${envs:+"$envs"} "${argv[@]}" >/dev/null 2>&1; t1=$(date +%s%N)
        echo "$(( (t1 - t0) / 1000 ))" | awk '{ print $1 / 1000 }' >> "$times"
      done
    fi
    other_share
    [[ "$other" -gt 10 ]] && contended=true
    read -r med p90 min max mean < <(stats "$times")
    printf '%-32s %8s %8s %8s %8s %8s %8s%%\n' "$name" "$med" "$p90" "$min" "$max" "$mean" "$other" | tee -a "$summary"
  done
  echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "(other CPU: share of the machine's CPU time used by processes other than these runs while they were timed)"
  if $contended; then
    echo "WARNING: other work used more than 10% of the machine during some of these timings: those figures are inflated; run again on a quiet machine"
  fi
  if [[ "$(stat -c %Y "$jar")" != "$jar_stamp" ]]; then
    echo "WARNING: target/stackwright.jar was rebuilt during the timing (sources changed?): the figures include a build; run again"
  fi
  echo "(per-run times in ms: $out/process-*.ms)"
  echo

  # Where the time goes after JVM boot: FirstCall times each stage of the first synth in a fresh JVM (launcher's
  # flags), and the whole command in-process (Main.run), with and without the launcher's start-up cache.
  classes="$out/test-classes"
  if [[ ! -f "$classes/dev/stackwright/bench/FirstCall.class" ]]; then
    mvn -q -B -ntp -Dstyle.color=never -Pbench test-compile 2>&1 | sed 's/\x1b\[[0-9;]*m//g'
  fi
  cold_runs=10
  echo "== First call in a fresh JVM (FirstCall, $cold_runs JVMs each, medians in ms; the JVM boot is not included)"
  medians() { awk '{ for (i = 1; i <= NF; i++) v[i, NR] = $i; n = NF }
    END { for (i = 1; i <= n; i++) { m = 0; for (j = 1; j <= NR; j++) a[j] = v[i, j]
            for (j = 2; j <= NR; j++) { x = a[j]; k = j - 1; while (k >= 1 && a[k] > x) { a[k + 1] = a[k]; k-- } a[k + 1] = x }
            m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%8.1f", m }
          print "" }' "$1"; }
  aot=()
  [[ -n "$cache" && "$cache" == *.aot ]] && aot=("-XX:AOTCache=$cache" -XX:AOTMode=on -Xlog:aot=off -Xlog:cds=off)
  # With the cache, the class path must begin as the cache's did (the rewritten picocli, then the jar).
  cache_cp="$jar:$classes"
  [[ ${#aot[@]} -gt 0 && -f "$picocli" ]] && cache_cp="$picocli:$jar:$classes"
  printf '%-22s %8s %8s %8s %8s %8s %8s %8s %8s | %8s %8s\n' "" read parse plan render gate "write" "2nd" "3rd" "cli 1st" "cli 2nd" | tee -a "$summary"
  mark
  for with in "no cache" "cache"; do
    opts=()
    cp="$jar:$classes"
    if [[ "$with" == cache ]]; then
      [[ ${#aot[@]} -gt 0 ]] || continue
      opts=("${aot[@]}")
      cp="$cache_cp"
    fi
    : > "$out/firstcall-stages.ms"; : > "$out/firstcall-cli.ms"
    for _ in $(seq "$cold_runs"); do
      "$java" "${flags[@]}" "${opts[@]}" -cp "$cp" dev.stackwright.bench.FirstCall stages "$spec" >> "$out/firstcall-stages.ms"
      "$java" "${flags[@]}" "${opts[@]}" -cp "$cp" dev.stackwright.bench.FirstCall cli "$spec" "$tmp/out" >> "$out/firstcall-cli.ms"
    done
    printf '%-22s %s | %s\n' "$with" "$(medians "$out/firstcall-stages.ms")" "$(medians "$out/firstcall-cli.ms")" | tee -a "$summary"
  done
  other_share
  echo "(read..write: the first synth's stages, gate = the policy gate synth runs; 2nd, 3rd: whole synths after it, gate"
  echo " included; cli: Main.run(synth ...) in-process, picocli and writing the file included; 'cache' runs with the"
  echo " launcher's cache but a longer class path, and can come out slower than the launcher's own runs: trust the"
  echo " whole-process table for the cache's effect)"
  echo "Other CPU during these: $other% of the machine"
  [[ "$other" -gt 10 ]] && echo "WARNING: other work ran meanwhile: these figures are inflated; run again on a quiet machine"
  echo
fi

# ---------------------------------------------------------------- 3. check on synthetic accounts, end to end
# What a user runs on an account: read the describe-* files, import, analyse every VPC, print the report. Exit code 1
# is expected (the random rules break the built-in policy).
if $do_account; then
  account_runs=5
  echo "== check --snapshot on synthetic accounts (./stackwright, $account_runs runs each after one discarded; text report to /dev/null)"
  ./stackwright --version >/dev/null   # builds the jar and the start-up cache if needed
  printf '%-34s %9s %9s %9s %9s %9s\n' "account (ms)" median min max "files MB" "other CPU" | tee "$out/account-summary.txt"
  for shape in "1 1000" "1 10000" "4 10000"; do
    read -r vpcs enis <<< "$shape"
    dir="$tmp/account-$vpcs-$enis"
    scripts/synthetic-account.sh "$dir" --vpcs "$vpcs" --enis "$enis" >/dev/null
    size=$(du -sm "$dir" | cut -f1)
    ./stackwright check --snapshot "$dir" >/dev/null 2>&1 || true
    times="$out/account-$vpcs-$enis.ms"
    : > "$times"
    mark
    for _ in $(seq "$account_runs"); do
      t0=$(date +%s%N); ./stackwright check --snapshot "$dir" >/dev/null 2>&1 || true; t1=$(date +%s%N)
      echo "$(( (t1 - t0) / 1000000 ))" >> "$times"
    done
    other_share
    read -r med _ min max _ < <(stats "$times")
    printf '%-34s %9s %9s %9s %9s %8s%%\n' "$enis interfaces, $vpcs VPC(s)" "$med" "$min" "$max" "$size" "$other" | tee -a "$out/account-summary.txt"
  done
  echo
fi

# ---------------------------------------------------------------- against the targets
echo "== Targets"
$quick && echo "(--quick: JMH was barely warmed up; its figure below is no measurement)"
${contended:-false} && echo "(other work ran during the whole-process timing: its figures below are inflated)"
if [[ -s "$out/jmh-result.json" ]] && command -v jq >/dev/null 2>&1; then
  jq -r '.[] | select(.benchmark | endswith("SynthBenchmark.synthYaml"))
         | .primaryMetric as $m
         | ($m.score / ({"ns/op": 1e6, "us/op": 1e3, "ms/op": 1, "s/op": 1e-3}[$m.scoreUnit] // 1e3)) as $ms
         | "in-process synth (YAML), warmed up: \($m.score * 100 | round / 100) \(if ($m.scoreError | type) == "number" then "± \($m.scoreError * 100 | round / 100) " else "" end)\($m.scoreUnit); target < 5 ms: \(if ($ms < 5) then "met" else "MISSED" end)"' \
    "$out/jmh-result.json"
elif $do_jmh; then
  echo "in-process synth: see the JMH table above (target < 5 ms = 5000 us/op for SynthBenchmark.synthYaml)"
else
  echo "in-process synth: not measured in this run (--no-jmh)"
fi
if $do_process && [[ -s "$out/process-1.ms" ]]; then
  read -r med p90 _ < <(stats "$out/process-1.ms")
  verdict=$(awk -v m="$med" 'BEGIN { print (m < 400) ? "met" : "MISSED" }')
  echo "whole process, ./stackwright synth (prod example), median $med ms, p90 $p90 ms; target median < 400 ms: $verdict"
fi
