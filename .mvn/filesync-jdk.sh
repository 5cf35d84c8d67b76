#!/bin/sh
# Sourced by ./mvnw (one line there, spliced into Maven's stock wrapper: keep it when upgrading the wrapper; .ci/lint
# checks that it is there). FileSync builds with JDK 25 or newer: JAVA_HOME wins when it is 25+; otherwise the newest
# JDK 25+ found in the usual install folders is used, so a newcomer whose default `java` is older needs to set
# nothing. And a UTF-8 locale for Maven's JVM, since Java decodes file names with the locale's charset.
# shellcheck shell=sh
filesync_jdk_major() { # prints the feature version of the JDK at $1 (from its `release` file), or nothing
  [ -f "$1/release" ] && [ -x "$1/bin/javac" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -n 1
}
filesync_pick_jdk() {
  if [ -n "${JAVA_HOME-}" ]; then
    v="$(filesync_jdk_major "$JAVA_HOME")"
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then return 0; fi
  fi
  best="" best_v=0
  onpath="$(command -v javac 2>/dev/null || :)"
  [ -z "$onpath" ] || onpath="$(dirname "$(dirname "$(readlink -f "$onpath" 2>/dev/null || echo "$onpath")")")"
  set +f
  for d in ${onpath:+"$onpath"} /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
    "$HOME"/.jdks/* "$HOME"/.asdf/installs/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home \
    "$HOME"/Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$d" ] || continue
    v="$(filesync_jdk_major "$d")"
    if [ -n "$v" ] && [ "$v" -ge 25 ] && [ "$v" -gt "$best_v" ]; then best="$d" best_v="$v"; fi
  done
  set -f
  if [ -n "$best" ]; then
    JAVA_HOME="$best"
    export JAVA_HOME
    return 0
  fi
  echo "FileSync needs JDK 25 or newer and found none (JAVA_HOME=${JAVA_HOME:-unset}): install one, e.g. 'apt-get install temurin-25-jdk' (Adoptium) or 'sdk install java 25-tem', then run this again." >&2
  exit 1
}
filesync_pick_jdk
# Java decodes file names with the locale's charset; under LANG=C every non-ASCII name would break.
case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in
*UTF-8* | *utf8* | *UTF8* | *utf-8*) ;;
*) LC_ALL=C.UTF-8 && export LC_ALL ;;
esac
