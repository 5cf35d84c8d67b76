#!/usr/bin/env bash
# The window under load: opens the packaged FileSync under Xvfb with the UI probe on
# (-Dfilesync.ui.probe=true: once a second, frames drawn and the longest gap between two = the longest time the
# FX thread was blocked), drives Compare -> Sync -> "Copy" with xdotool over a source of many tiny files and an
# empty destination (tmpfs, fresh folders), and prints, per run and phase, the longest gap and the frames a second.
# Checks that every file reached the destination. The machine is shared and noisy: run several times.
#
# Usage: bench/gui.sh [RUNS]          (default 3; about 30 s a run for 100,000 files on 2 cores)
# Env:   FILESYNC   the FileSync command (default target/filesync/bin/filesync; ./mvnw -DskipTests package first)
#        FILES      how many files (default 100000), in folders of 1,000
#        FILESYNC_JAVA_OPTIONS  added to the probe's options, e.g. -XX:StartFlightRecording=filename=/dev/shm/x.jfr
#        KEEP=1     keep the work folder (logs of each run) in /dev/shm
# Needs: Xvfb, xdotool, GTK 3 (apt-get install -y xvfb xdotool libgtk-3-0), python3.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
FILES=${FILES:-100000}
FILESYNC=${FILESYNC:-$PWD/target/filesync/bin/filesync}
command -v "$FILESYNC" >/dev/null || { echo "FileSync is not built: run ./mvnw -DskipTests package first." >&2; exit 2; }
for c in Xvfb xdotool python3; do
  command -v $c >/dev/null || { echo "$c is missing: apt-get install -y xvfb xdotool libgtk-3-0" >&2; exit 2; }
done
/sbin/ldconfig -p 2>/dev/null | grep -q 'libgtk-3\.so\.0' \
  || { echo "GTK 3 is missing (JavaFX needs it): apt-get install -y libgtk-3-0" >&2; exit 2; }

W=$(mktemp -d /dev/shm/filesync-gui.XXXXXX)
XVFB='' APP=''
cleanup() {
  if [[ -n $APP ]]; then kill "$APP" 2>/dev/null || true; fi
  if [[ -n $XVFB ]]; then kill "$XVFB" 2>/dev/null || true; fi
  if [[ ${KEEP:-} == 1 ]]; then echo "kept: $W"; else rm -rf "$W"; fi
}
trap cleanup EXIT

echo "== source: $FILES files of a few bytes in folders of 1,000 ($W/src)"
python3 - "$W/src" "$FILES" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, f"d{i // 1000:04d}")
    if i % 1000 == 0:
        os.makedirs(d)
    with open(os.path.join(d, f"f{i % 1000:04d}.txt"), "w") as f:
        f.write(f"x{i}\n")
PY

# A display no one else uses.
n=90
while [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]]; do n=$((n + 1)); done
export DISPLAY=:$n
Xvfb "$DISPLAY" -screen 0 1600x1000x24 -nolisten tcp >"$W/xvfb.log" 2>&1 &
XVFB=$!
for _ in $(seq 50); do [[ -e /tmp/.X11-unix/X$n ]] && break; sleep 0.1; done

now() { echo "$EPOCHREALTIME"; }
waitfor() { # log, pattern, seconds: waits until the log has a line matching the pattern
  local end=$((SECONDS + $3))
  until grep -q -- "$2" "$1"; do
    ((SECONDS < end)) || { echo "timed out waiting for: $2" >&2; tail -20 "$1" >&2; exit 1; }
    sleep 0.1
  done
}
window() { # name, seconds: prints the id of the window with that exact name once it exists
  local end=$((SECONDS + $2)) id
  until id=$(xdotool search --name "^$1\$" 2>/dev/null | head -1) && [[ -n $id ]]; do
    ((SECONDS < end)) || { echo "no window named $1" >&2; exit 1; }
    sleep 0.1
  done
  echo "$id"
}

for ((r = 1; r <= RUNS; r++)); do
  LOG=$W/run$r.log
  rm -rf "${W:?}/dst" "${W:?}/home" "${W:?}/user"
  mkdir -p "$W/dst" "$W/home" "$W/user"
  : >"$LOG"
  load=$(cut -d' ' -f1 /proc/loadavg)
  # HOME and FILESYNC_HOME in the work folder: the user's settings, logs and checkpoints are not touched.
  HOME=$W/user FILESYNC_HOME=$W/home \
    FILESYNC_JAVA_OPTIONS="-Dfilesync.ui.probe=true -Dprism.verbose=true -Xlog:gc:stderr ${FILESYNC_JAVA_OPTIONS:-}" \
    "$FILESYNC" --source "$W/src" --dest "$W/dst" >"$W/run$r.out" \
    2> >(while IFS= read -r l; do printf '%s %s\n' "$EPOCHREALTIME" "$l"; done >>"$LOG") &
  APP=$!
  win=$(window FileSync 60)
  waitfor "$LOG" "frames/s" 30
  sleep 2
  echo "$(now) script: compare" >>"$LOG"
  xdotool windowfocus --sync "$win" key --window "$win" alt+c
  waitfor "$LOG" "ui-probe: compared" 300
  sleep 2
  echo "$(now) script: sync" >>"$LOG"
  xdotool windowfocus --sync "$win" key --window "$win" alt+y
  dialog=$(window Confirmation 60)
  xdotool windowfocus --sync "$dialog" key --window "$dialog" Return
  echo "$(now) script: confirmed" >>"$LOG"
  waitfor "$LOG" "ui-probe: sync ended" 600
  sleep 3
  echo "$(now) script: end" >>"$LOG"
  kill "$APP"
  wait "$APP" 2>/dev/null || true
  APP=
  copied=$(find "$W/dst" -type f | wc -l)
  pipeline=$(grep -m1 -o "Initialized prism pipeline: [A-Za-z0-9.]*" "$W/run$r.out" || echo "pipeline not said")
  python3 - "$LOG" "$r" "$FILES" "$copied" "$pipeline" "$load" <<'PY'
import re, statistics, sys
log, run, files, copied, pipeline, load = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
marks, probes, gcs = {}, [], []
for line in open(log):
    t, _, rest = line.partition(" ")
    t = float(t)
    if rest.startswith("script: "):
        marks[rest[8:].strip()] = t
    elif m := re.match(r"ui-probe: (\d+) frames/s, longest gap (\d+) ms(?: \(UI thread busy (\d+) ms)?", rest):
        probes.append((t, int(m[1]), int(m[2]), int(m[3] or -1)))
    elif m := re.search(r"\[gc\s*\] GC\(\d+\) Pause.* ([\d.]+)ms$", rest.strip()):
        gcs.append((t, float(m[1])))
    elif rest.startswith("ui-probe: compared"):
        marks["compared"] = t
    elif rest.startswith("ui-probe: sync ended"):
        marks["ended"] = t
        marks["outcome"] = rest.split(",")[-1].strip()
# A probe line covers the time since the one before. Phases: "compare" (click to table shown, +1 s for the frame
# that draws it), "start" (Sync clicked: the dialog, then the run's first second), "sync" (lines wholly inside the
# run after that), "end" (the last batches, the summary, until 3 s later).
spans = list(zip([marks["compare"] - 1e9] + [p[0] for p in probes], probes))
phases = [("compare", marks["compare"], marks["compared"] + 1.0, False),
          ("start", marks["sync"], marks["confirmed"] + 1.0, False),
          ("sync", marks["confirmed"] + 1.0, marks["ended"], True),
          ("end", marks["ended"], marks["end"], False)]
out = []
for name, lo, hi, inside in phases:
    sel = [(f, g, b) for t0, (t, f, g, b) in spans if (lo <= t0 and t <= hi if inside else t0 < hi and t > lo)]
    gc = max([p for t, p in gcs if lo <= t <= hi + 1.0] or [0])
    if sel:
        worst = max(sel, key=lambda x: x[1])
        busy = f" (UI thread busy {worst[2]})" if worst[2] >= 0 else ""
        out.append(f"{name} {worst[1]} ms{busy}, {min(x[0] for x in sel)}-{int(statistics.median(x[0] for x in sel))}"
                   f" fps, GC pause {gc:.0f} ms")
secs = marks["ended"] - marks["confirmed"]
ok = "ok" if copied == files else f"WRONG ({copied} copied)"
print(f"run {run}: longest gap, frames a second min-median - " + "; ".join(out)
      + f" | sync {secs:.1f} s, {files / secs:,.0f} files/s, {marks['outcome']}, {ok} | load before {load} | {pipeline}")
PY
done
