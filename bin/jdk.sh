# Sourced by bin/serve and bin/test: puts a JDK 25 (or newer) on JAVA_HOME and PATH.
# Looks at $JAVA_HOME first, then every JDK under /usr/lib/jvm; stops with a clear
# message when none is found.

_jdk_feature() {  # prints the feature release of the JDK at $1, or nothing
  local rel="$1/release"
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ -f "$rel" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel"
}

_jdk_pick() {
  local cand v
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(_jdk_feature "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  for cand in /usr/lib/jvm/*; do
    [ -d "$cand" ] && [ ! -L "$cand" ] || continue
    v=$(_jdk_feature "$cand")
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then echo "$cand"; return 0; fi
  done
  return 1
}

if ! JAVA_HOME=$(_jdk_pick); then
  echo "error: JDK 25 not found. Set JAVA_HOME to a JDK 25 or install one under /usr/lib/jvm" >&2
  echo "       (on Debian/Ubuntu: the Temurin 25 JDK, /usr/lib/jvm/temurin-25-jdk-amd64)." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
if ! command -v mvn >/dev/null 2>&1; then
  echo "error: Maven (mvn) is not on PATH; install it (Debian: apt-get install maven)." >&2
  exit 1
fi
