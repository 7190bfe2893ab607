# shellcheck shell=bash
# Sourced by ./stackwright and the scripts: finds a JDK 21 or newer without starting a JVM.
# Defines jdk_major HOME, find_jdk (prints the JDK home; fails when there is none) and maven_with HOME.
# locate_jdk and read_jdk_major do the same into REPLY, without a subshell: the launcher runs on every command, and
# each $(...) is a fork.

# Sets REPLY to the major version of the JDK at $1 (0 when unknown), read from its release file.
read_jdk_major() {
  local home="$1" line
  REPLY=0
  if [[ -r "$home/release" ]]; then
    while IFS= read -r line || [[ -n "$line" ]]; do
      if [[ "$line" =~ ^JAVA_VERSION=\"([0-9]+) ]]; then
        REPLY="${BASH_REMATCH[1]}"
        return 0
      fi
    done <"$home/release"
  elif [[ -x "$home/bin/java" ]]; then
    line=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
    REPLY="${line:-0}"
  fi
}

# The major version of the JDK at $1, read from its release file.
jdk_major() {
  read_jdk_major "$1"
  echo "$REPLY"
}

# Whether $1 is a JDK (java and javac) of major version 21 or newer.
is_jdk21() {
  [[ -x "$1/bin/java" && -x "$1/bin/javac" ]] || return 1
  read_jdk_major "$1"
  [[ "$REPLY" -ge 21 ]]
}

# Sets REPLY to the first executable file named $1 in PATH, as `command -v` finds it; fails when there is none.
on_path() {
  local dir dirs
  IFS=: read -r -a dirs <<<"${PATH:-}"
  for dir in "${dirs[@]}"; do
    if [[ -f "${dir:-.}/$1" && -x "${dir:-.}/$1" ]]; then
      REPLY="${dir:-.}/$1"
      return 0
    fi
  done
  return 1
}

# JAVA_HOME first, then java on PATH, then the usual JDK folders; the first that is 21 or newer wins. Sets REPLY to
# its home; fails when there is none. Later candidates are looked at only when the earlier ones fail.
locate_jdk() {
  local d java
  if [[ -n "${JAVA_HOME:-}" ]] && is_jdk21 "$JAVA_HOME"; then
    REPLY="$JAVA_HOME"
    return 0
  fi
  if on_path java; then
    java="$(readlink -f "$REPLY")"
    d="${java%/*}"
    d="${d%/*}"
    if is_jdk21 "$d"; then
      REPLY="$d"
      return 0
    fi
  fi
  for d in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home /opt/java/* /opt/jdk* \
           "$HOME"/.sdkman/candidates/java/* /usr/local/opt/openjdk*/libexec/openjdk.jdk/Contents/Home; do
    if [[ -d "$d" ]] && is_jdk21 "$d"; then
      REPLY="$d"
      return 0
    fi
  done
  return 1
}

# Prints the home of the JDK locate_jdk finds; fails when there is none.
find_jdk() {
  locate_jdk || return 1
  echo "$REPLY"
}

# Points Maven at the JDK at $1 (JAVA_HOME). Maven itself touches sun.misc.Unsafe, and JDK 24+ warns about it on
# every run; MAVEN_OPTS allows it.
maven_with() {
  export JAVA_HOME="$1"
  if [[ "$(jdk_major "$1")" -ge 24 ]]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}
