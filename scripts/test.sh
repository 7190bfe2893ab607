#!/usr/bin/env bash
# Runs the whole test suite with a JDK 21+ found on this machine (the default java may be older).
# Extra arguments go to Maven, e.g. scripts/test.sh -Dgolden.update=true
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/find-jdk.sh
source "$here/scripts/find-jdk.sh"
if ! jdk="$(find_jdk)"; then
  echo "test.sh: no JDK 21 or newer found. Fix: install one or set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME="$jdk"
# Maven itself touches sun.misc.Unsafe; newer JDKs warn about it on every run.
if [[ "$(jdk_major "$jdk")" -ge 24 ]]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
cd "$here"
exec mvn -B -ntp test "$@"
