#!/usr/bin/env bash
# Makes the jlink image's AOT caches (JDK 25, JEP 483/514/515), each from a training run made exactly as the
# launcher starts FileSync:
# - lib/filesync.aot, for the commands: plan, sync, verify, help and bad usage on a small generated tree; the classes
#   they load and link and the methods they profile. Measured here: the seed case runs in 0.73x the time and
#   `filesync --version` in 0.67x.
# - lib/window.aot, for the window: opened on JavaFX's headless platform, a compare and a sync of the same tree; the
#   classes only (see below). Measured here: the first frame 2.6-2.8 s after launch against 3.4-4.0 s; 203 classes
#   loaded outside the cache against 3,748.
# Two caches, not one: one trained on both was 43 MB and every command started ~0.1 s slower. Trained with G1 (the
# default); the launcher's serial collector (commands) and Shenandoah (window) load its objects too.
# Called by `package` (pom.xml) on Linux and macOS, with the image and the launchers' one definition of the Java
# options (src/main/launcher/java-options.properties): the training runs with every start's options and names the
# caches as the launchers look for them.
set -euo pipefail
image=$1 options=$2
option() { sed -n "s/^$1=//p" "$options"; }
java_options=$(option java.options) commands_aot=$(option commands.aot) window_aot=$(option window.aot)
[[ -n $java_options && -n $commands_aot && -n $window_aot ]] || {
  echo "train-aot.sh: $options lacks java.options, commands.aot or window.aot" >&2
  exit 1
}
work=$(mktemp -d "${TMPDIR:-/tmp}/filesync-aot.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src" "$work/dst"
for y in 2019 2020 2021; do
  for a in 1 2 3 4; do
    mkdir -p "$work/src/$y/album-$a"
    for i in $(seq 1 25); do
      head -c $((i * 1500)) /dev/zero >"$work/src/$y/album-$a/IMG_$i.jpg"
      touch -d "$y-0$a-1$((i % 10)) 10:00:00.123456789" "$work/src/$y/album-$a/IMG_$i.jpg"
    done
  done
done
cp -a "$work/src/2019" "$work/dst/" # some present, some pending: both paths of the plan get trained
export LC_ALL=C.UTF-8
train() { # cache name, then AotTraining's arguments; $extra: more java options
  # shellcheck disable=SC2086 # $extra and $java_options are lists of options, split on spaces on purpose
  "$image/bin/java" ${extra-} -XX:AOTCacheOutput="$image/lib/$1" -Xlog:aot=off -Xlog:cds=off $java_options \
    -m io.filesync/io.filesync.AotTraining "${@:2}"
  test -s "$image/lib/$1"
  echo "AOT cache: $(du -h "$image/lib/$1" | cut -f1) in $image/lib/$1"
}
# io.filesync.AotTraining runs the user's commands (plan, sync, verify, and bad usage) in one JVM ...
train "$commands_aot" commands "$work/src" "$work/dst" "$work/home"
# ... and the window in another, into a destination of its own (the commands' sync filled dst).
# Its user.home is an empty folder: JavaFX must load its native libraries from the image (pom.xml puts them there),
# not unpack them into ~/.openjfx as it does when it finds them only inside its modules.
mkdir -p "$work/window-dst" "$work/user-home"
# Without method profiles (AOTRecordTraining off): replaying the training's profiles and compilations at start
# kept the window's thread busier when the first compare and the first sync began (bench/gui.sh, UI thread's share
# of the longest gap in the compare, median of alternating runs: 43 ms with them, 23 ms without, about 20 ms with no
# window cache at all); the loaded and linked classes, which bring the first frame forward, stay in.
extra="-Duser.home=$work/user-home -XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining" \
  train "$window_aot" window "$work/src" "$work/window-dst" "$work/window-home"
if [ -e "$work/user-home/.openjfx" ]; then
  echo "The window wrote JavaFX's native libraries into its user's home: the image lacks them in lib/ (pom.xml)." >&2
  exit 1
fi
