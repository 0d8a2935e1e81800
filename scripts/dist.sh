#!/usr/bin/env bash
# Builds dist/dockaudit-VERSION-linux-x64.tar.gz: a runtime made by jlink with only the modules
# dockaudit uses, the jar and its libraries, the recorded lab (for the ahead-of-time cache's
# training run) and the launcher bin/dockaudit. Unpacked anywhere, `bin/dockaudit audit` runs with
# no JDK and no Maven.
set -euo pipefail

HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
JDK="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
VERSION="$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$HERE/pom.xml" | head -1)"
ARCH="$(uname -m | sed 's/x86_64/x64/; s/aarch64/aarch64/')"
NAME="dockaudit-$VERSION-linux-$ARCH"
# What the code needs of the JDK: java.base (FFM included), jdk.httpserver (the stand-in daemon of
# the training run), jdk.unsupported (JNA). jdeps also names java.desktop, java.sql and
# java.security.jgss, reached only by library code dockaudit never calls (JNA's AWT helpers,
# Jackson's optional SQL types, Kerberos in the HTTP client): left out, 20 MB less.
MODULES=java.base,jdk.httpserver,jdk.unsupported

# Built only when the jar is missing or older than the sources (a test of the image runs this
# after Maven's own package phase).
JAR="$HERE/cli/target/dockaudit.jar"
if [[ ! -f "$JAR" || -n "$(find "$HERE/pom.xml" "$HERE/core/pom.xml" "$HERE/cli/pom.xml" "$HERE/core/src/main" "$HERE/cli/src/main" \
        -newer "$JAR" -print -quit)" ]]; then
  (cd "$HERE" && JAVA_HOME="$JDK" mvn -q -B -DskipTests package)
fi
work="$HERE/dist/$NAME"
rm -rf "$work" "$HERE/dist/$NAME.tar.gz"
mkdir -p "$work/bin" "$work/lib" "$work/share"
"$JDK/bin/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --compress zip-9 \
  --output "$work/runtime"
cp "$HERE/cli/target/dockaudit.jar" "$work/lib/"
cp -r "$HERE/cli/target/lib" "$work/lib/lib"
cp "$HERE/examples/lab-snapshot.json" "$work/share/"
cp "$HERE/scripts/dist/dockaudit" "$work/bin/dockaudit"
cp "$HERE/scripts/dist/jvm.options" "$work/lib/"
cp "$HERE/README.md" "$work/"
tar -C "$HERE/dist" -czf "$HERE/dist/$NAME.tar.gz" "$NAME"
rm -rf "$work"
echo "dist: $HERE/dist/$NAME.tar.gz ($(du -h "$HERE/dist/$NAME.tar.gz" | cut -f1))"
