# Sourced by ./mvnw and ./baton: exports JAVA_HOME pointing at a JDK 25 or newer, or stops
# with one line saying what to install. The machine's default java may be older.

baton_java_major() {
  # prints the feature version of the JDK at $1, or nothing if it is not a JDK
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
  else
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
  fi
}

baton_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(baton_java_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      return 0
    fi
  fi
  # BATON_JDK_DIRS replaces the folders searched (for the launcher's own tests)
  for candidate in ${BATON_JDK_DIRS:-/usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*}; do
    [ -d "$candidate" ] || continue
    major=$(baton_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      JAVA_HOME="$candidate"
      export JAVA_HOME
      return 0
    fi
  done
  echo "Baton needs a JDK 25 or newer and found none (JAVA_HOME=${JAVA_HOME:-unset}; searched ${BATON_JDK_DIRS:-/usr/lib/jvm, /opt/java, ~/.sdkman, ~/.jdks}): install one, for example Temurin 25, and set JAVA_HOME to it." >&2
  exit 1
}

baton_find_jdk
PATH="$JAVA_HOME/bin:$PATH"
export PATH
