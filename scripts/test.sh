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
# The deploy tests run against a local AWS (moto) and the templates are checked by cfn-lint: install them when missing.
if ! python3 -c 'import moto, cfnlint' >/dev/null 2>&1; then
  echo "test.sh: installing moto and cfn-lint for the tests (once)..." >&2
  if ! python3 -m pip install -q 'cfn-lint==1.51.*' 'moto[server]==5.2.1' >&2; then
    echo "test.sh: could not install moto[server]==5.2.1 and cfn-lint==1.51.* with python3 -m pip. Fix: install Python 3.9+ with pip, then run scripts/test.sh again." >&2
    exit 1
  fi
fi
cd "$here"
exec mvn -B -ntp test "$@"
