#!/usr/bin/env bash
# Downloads what each starter project's own tests need (its `prefetch` command from starter.properties), so that
# StarterProjectsTest runs them offline. Writes each starter with every database choice through the launcher into a
# temporary folder and runs the command there. Skipped while nothing under the starters changed since the last run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/find-jdk.sh
source "$here/scripts/find-jdk.sh"
if ! jdk="$(find_jdk)"; then
  echo "prefetch-starters.sh: no JDK 21 or newer found. Fix: install one or set JAVA_HOME to it." >&2
  exit 1
fi
starters="$here/src/main/resources/dev/stackwright/starters"
stamp="$here/target/starters-prefetched"
# The Maven of the Java starter's build image (`FROM .../maven:3.9-...`): StarterProjectsTest carries out the
# Dockerfile's Maven steps with it, as the image would (Maven 3.8 resolves plugins otherwise).
image_maven=3.9.12
image_maven_dist="${HOME}/.m2/repository/org/apache/maven/apache-maven/$image_maven/apache-maven-$image_maven-bin.tar.gz"
if [[ -f "$stamp" && -f "$image_maven_dist" && -z "$(find "$starters" -newer "$stamp" -print -quit)" ]]; then
  exit 0
fi
if [[ ! -f "$image_maven_dist" ]]; then
  echo "prefetch-starters.sh: Maven $image_maven, as the Java starter's build image has it" >&2
  log="$(mktemp)"
  if ! (JAVA_HOME="$jdk" PATH="$jdk/bin:$PATH" mvn -B -q dependency:get \
        "-Dartifact=org.apache.maven:apache-maven:$image_maven:tar.gz:bin" >"$log" 2>&1); then
    cat "$log" >&2
    echo "prefetch-starters.sh: could not download Maven $image_maven. Fix: check that Maven Central is reachable." >&2
    exit 1
  fi
  rm -f "$log"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for dir in "$starters"/*/; do
  lang="$(basename "$dir")"
  [[ "$lang" == common ]] && continue
  prefetch="$(sed -n 's/^prefetch=//p' "$dir/starter.properties")"
  if [[ -z "$prefetch" ]]; then
    echo "prefetch-starters.sh: $dir/starter.properties has no prefetch= line" >&2
    exit 1
  fi
  for db in postgres mysql none; do
    project="$work/$lang-$db"
    "$here/stackwright" init --starter "$lang" --database "$db" --name "prefetch-$lang" -f "$project/stackwright.yml" >/dev/null
    echo "prefetch-starters.sh: $lang ($db): $prefetch" >&2
    if ! (cd "$project" && JAVA_HOME="$jdk" PATH="$jdk/bin:$PATH" bash -c "$prefetch" >"$work/$lang-$db.log" 2>&1); then
      cat "$work/$lang-$db.log" >&2
      echo "prefetch-starters.sh: '$prefetch' failed for the $lang starter ($db). Fix: check that Maven Central and the npm registry are reachable." >&2
      exit 1
    fi
  done
done
mkdir -p "$here/target"
touch "$stamp"
