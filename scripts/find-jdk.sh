# shellcheck shell=bash
# Sourced by ./stackwright and the scripts: finds a JDK 21 or newer without starting a JVM.
# Defines jdk_major HOME, find_jdk (prints the JDK home; fails when there is none) and maven_with HOME.

# The major version of the JDK at $1, read from its release file.
jdk_major() {
  local home="$1" v=""
  if [[ -r "$home/release" ]]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  elif [[ -x "$home/bin/java" ]]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
  fi
  echo "${v:-0}"
}

# JAVA_HOME first, then java on PATH, then the usual JDK folders; the first that is 21 or newer wins.
find_jdk() {
  local candidates=() d
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for d in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home /opt/java/* /opt/jdk* \
           "$HOME"/.sdkman/candidates/java/* /usr/local/opt/openjdk*/libexec/openjdk.jdk/Contents/Home; do
    [[ -d "$d" ]] && candidates+=("$d")
  done
  for d in "${candidates[@]}"; do
    if [[ -x "$d/bin/java" && -x "$d/bin/javac" && "$(jdk_major "$d")" -ge 21 ]]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

# Points Maven at the JDK at $1 (JAVA_HOME). Maven itself touches sun.misc.Unsafe, and JDK 24+ warns about it on
# every run; MAVEN_OPTS allows it.
maven_with() {
  export JAVA_HOME="$1"
  if [[ "$(jdk_major "$1")" -ge 24 ]]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}
