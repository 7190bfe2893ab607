#!/usr/bin/env bash
# Writes a synthetic AWS account (N VPCs, subnets, security groups, rules, ENIs) as a folder of `aws ec2 describe-*`
# JSON outputs, so `./stackwright check --snapshot DIR` can be timed end to end on it. The generator lives with the
# test sources (src/test/java/dev/stackwright/bench: SyntheticAccount, SnapshotWriter, SyntheticSnapshot); this script
# compiles them with Maven when needed and runs SyntheticSnapshot with a JDK 21+ found on this machine.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The options are described once, in SyntheticSnapshot's USAGE text; --help prints it without building anything.
usage() {
  sed -n '/USAGE = """/,/""";/p' "$here/src/test/java/dev/stackwright/bench/SyntheticSnapshot.java" \
    | sed '1d;$d; s/^            //; s/^Usage: synthetic-account.sh/Usage: scripts\/synthetic-account.sh/'
  cat <<'MORE'
The first run compiles the test classes (mvn test-compile); later runs reuse them until sources change.
Example:
  scripts/synthetic-account.sh /tmp/acct10k --vpcs 1 --enis 10000
  ./stackwright check --snapshot /tmp/acct10k
MORE
}

for arg in "$@"; do
  case "$arg" in
    -h|--help) usage; exit 0 ;;
  esac
done
if [[ $# -eq 0 ]]; then
  usage >&2
  exit 2
fi

# shellcheck source=scripts/find-jdk.sh
source "$here/scripts/find-jdk.sh"
if ! jdk="$(find_jdk)"; then
  echo "synthetic-account.sh: no JDK 21 or newer found. Fix: install one or set JAVA_HOME to it." >&2
  exit 1
fi
maven_with "$jdk"

main_class="$here/target/test-classes/dev/stackwright/bench/SyntheticSnapshot.class"
classpath_file="$here/target/synthetic-account.classpath"
log="$here/target/synthetic-account-build.log"

# Compile when the classes are missing or older than any source or the pom.
if [[ ! -f "$main_class" ]] || [[ -n "$(find "$here/src/main" "$here/src/test/java" "$here/pom.xml" -newer "$main_class" -print -quit 2>/dev/null)" ]]; then
  if ! command -v mvn >/dev/null 2>&1; then
    echo "synthetic-account.sh: the test classes are not built and Maven (mvn) is not installed. Fix: install Maven." >&2
    exit 1
  fi
  echo "synthetic-account.sh: compiling the generator (mvn test-compile)..." >&2
  mkdir -p "$here/target"
  if ! (cd "$here" && mvn -q -B test-compile >"$log" 2>&1); then
    echo "synthetic-account.sh: the build failed; see $log" >&2
    exit 1
  fi
fi
# The dependencies' class path (Jackson, IPAddress), kept until the pom changes.
if [[ ! -s "$classpath_file" || "$here/pom.xml" -nt "$classpath_file" ]]; then
  if ! (cd "$here" && mvn -q -B dependency:build-classpath -Dmdep.outputFile="$classpath_file" >"$log" 2>&1); then
    rm -f "$classpath_file"
    echo "synthetic-account.sh: could not get the class path from Maven; see $log" >&2
    exit 1
  fi
fi

# DIR stays relative to the caller's folder: the JVM runs here, not in the repository.
exec "$jdk/bin/java" -XX:+UseSerialGC -cp "$here/target/test-classes:$here/target/classes:$(cat "$classpath_file")" \
  dev.stackwright.bench.SyntheticSnapshot "$@"
