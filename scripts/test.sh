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
maven_with "$jdk"
cd "$here"
exec mvn -B -ntp test "$@"
