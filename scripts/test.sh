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

# AWS's validators, which the tests run over every template (src/test/java/dev/stackwright/judges): cfn-guard and
# AWS Control Tower's rules come in one npm package, installed once into a cache folder outside the project.
guard_version="0.0.62"
guard_home="${STACKWRIGHT_CFN_GUARD_HOME:-$HOME/.cache/stackwright/cfn-guard}"
guard_pkg="$guard_home/node_modules/@cdklabs/cdk-validator-cfnguard"
installed=""
if [[ -f "$guard_pkg/package.json" ]] && command -v node >/dev/null 2>&1; then
  installed="$(node -p "require(process.argv[1]).version" "$guard_pkg/package.json" 2>/dev/null || true)"
fi
if [[ "$installed" != "$guard_version" ]]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "test.sh: cfn-guard is missing and npm is not installed. Fix: install Node.js and npm, then rerun." >&2
    exit 1
  fi
  echo "test.sh: installing cfn-guard and the Control Tower rules (@cdklabs/cdk-validator-cfnguard@$guard_version) into $guard_home" >&2
  mkdir -p "$guard_home"
  if ! npm install --prefix "$guard_home" --no-audit --no-fund --silent "@cdklabs/cdk-validator-cfnguard@$guard_version" >&2; then
    echo "test.sh: could not install @cdklabs/cdk-validator-cfnguard with npm. Fix: check that the npm registry is reachable." >&2
    exit 1
  fi
fi
export STACKWRIGHT_CFN_GUARD_HOME="$guard_home"

# The starter projects' own tests (src/test/java/dev/stackwright/starter) run against PostgreSQL 15 and MariaDB from
# Debian's packages, release.yml's commands need jq and the AWS CLI, and all of them run offline: install what is
# missing (as root, with apt-get), then fetch each starter's dependencies once.
missing=()
[[ -x /usr/lib/postgresql/15/bin/initdb ]] || missing+=(postgresql-15)
[[ -x /usr/sbin/mariadbd ]] || missing+=(mariadb-server)
command -v jq >/dev/null 2>&1 || missing+=(jq)
if (( ${#missing[@]} > 0 )); then
  if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing ${missing[*]} for the starter tests (once)..." >&2
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "test.sh: the starter tests need ${missing[*]}. Fix: sudo apt-get install -y ${missing[*]}, then rerun." >&2
    exit 1
  fi
fi
if ! command -v aws >/dev/null 2>&1; then
  echo "test.sh: installing the AWS CLI for the release.yml test (once)..." >&2
  if ! python3 -m pip install -q 'awscli==1.45.*' >&2; then
    echo "test.sh: could not install awscli with python3 -m pip. Fix: install the AWS CLI, then rerun." >&2
    exit 1
  fi
fi
"$here/scripts/prefetch-starters.sh"

exec mvn -B -ntp test "$@"
