#!/usr/bin/env bash
# The window under load: opens the packaged FileSync under Xvfb with the UI probe on
# (-Dfilesync.ui.probe=true: once a second, frames drawn and the longest gap between two = the longest time the
# FX thread was blocked), drives Compare -> Sync -> "Copy" with xdotool over a source of many tiny files and an
# empty destination (tmpfs, fresh folders), and prints, per run and phase, the longest gap and the frames a second.
# Checks that every file reached the destination (or, compare only, that the table has a row for each). With
# MEMORY=1 it also samples the process's RSS during the run and, IDLE seconds after the run ended, reads the RSS
# again and the live heap (jcmd GC.class_histogram, which collects first). The machine is shared and noisy: run
# several times.
#
# Usage: bench/gui.sh [RUNS]          (default 3; about 30 s a run for 100,000 files on 2 cores)
# Env:   FILESYNC   the FileSync command (default target/filesync/bin/filesync; ./mvnw -DskipTests package first)
#        FILES      how many files (default 100000), in folders of 1,000
#        SOURCE     an existing source folder instead (not generated, not changed; FILES is then its file count)
#        BASE       a folder copied (cp -a) into the destination before each run, as a backup already holding some
#                   of the source's files (bench/seed-case.sh's backup); the table then has a row per missing file
#        STEPS      "compare sync" (default) or "compare" (Compare only: the table is checked, nothing copied)
#        MEMORY=1   RSS sampled every 0.2 s (peak per phase), then after IDLE seconds (default 60) the RSS, the heap
#                   committed and used (jcmd GC.heap_info) and the live heap after a collection (GC.class_histogram)
#        JCMD       the jcmd to attach with (default the JDK 25's next to JAVA_HOME or in /usr/lib/jvm, else PATH's)
#        RESULTS    a file to append one JSON line per run to (bench/big.sh reads it)
#        FILESYNC_JAVA_OPTIONS  added to the probe's options, e.g. -Xlog:gc+ergo:stderr (into the run's log); with
#                   -XX:NativeMemoryTracking=summary and MEMORY=1 the JVM's own memory by kind is read at the end too
#                   (jcmd VM.native_memory). JFR is not in the image: for a recording, point FILESYNC at a script that
#                   runs a JDK's java on the built classes (target/classes and the dependencies)
#        KEEP=1     keep the work folder (logs of each run) in /dev/shm
# Needs: Xvfb, xdotool, GTK 3 (apt-get install -y xvfb xdotool libgtk-3-0), python3; for MEMORY=1 a JDK's jcmd
# (preferably of the image's Java version, 25).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
FILES=${FILES:-100000}
SOURCE=${SOURCE:-}
BASE=${BASE:-}
STEPS=${STEPS:-compare sync}
MEMORY=${MEMORY:-}
IDLE=${IDLE:-60}
RESULTS=${RESULTS:-}
FILESYNC=${FILESYNC:-$PWD/target/filesync/bin/filesync}
command -v "$FILESYNC" >/dev/null || { echo "FileSync is not built: run ./mvnw -DskipTests package first." >&2; exit 2; }
for c in Xvfb xdotool python3; do
  command -v $c >/dev/null || { echo "$c is missing: apt-get install -y xvfb xdotool libgtk-3-0" >&2; exit 2; }
done
# Not `ldconfig -p | grep -q`: grep stops at the first match and, under pipefail, ldconfig's broken pipe failed the
# check now and then.
[[ $(/sbin/ldconfig -p 2>/dev/null) == *libgtk-3.so.0* ]] \
  || { echo "GTK 3 is missing (JavaFX needs it): apt-get install -y libgtk-3-0" >&2; exit 2; }

if [[ $MEMORY == 1 && -z ${JCMD:-} ]]; then
  # The JDK 25 that builds FileSync has one of the image's own version (JDK 17's on PATH attached too, in a try).
  for j in "${JAVA_HOME:-/nonexistent}/bin/jcmd" /usr/lib/jvm/temurin-25*/bin/jcmd; do
    if [[ -z ${JCMD:-} && -x $j ]] && "${j%/jcmd}/java" -version 2>&1 | grep -Eq 'version "(2[5-9]|[3-9][0-9])'; then
      JCMD=$j
    fi
  done
  JCMD=${JCMD:-jcmd}
fi

W=$(mktemp -d /dev/shm/filesync-gui.XXXXXX)
XVFB='' APP='' SAMPLER=''
cleanup() {
  if [[ -n $SAMPLER ]]; then kill "$SAMPLER" 2>/dev/null || true; fi
  if [[ -n $APP ]]; then kill "$APP" 2>/dev/null || true; fi
  if [[ -n $XVFB ]]; then kill "$XVFB" 2>/dev/null || true; fi
  if [[ ${KEEP:-} == 1 ]]; then echo "kept: $W"; else rm -rf "$W"; fi
}
trap cleanup EXIT

if [[ -n $SOURCE ]]; then
  SRC=$SOURCE
  FILES=$(find "$SRC" -type f | wc -l)
  echo "== source: $SRC, $FILES files"
else
  SRC=$W/src
  echo "== source: $FILES files of a few bytes in folders of 1,000 ($SRC)"
  python3 - "$SRC" "$FILES" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, f"d{i // 1000:04d}")
    if i % 1000 == 0:
        os.makedirs(d)
    with open(os.path.join(d, f"f{i % 1000:04d}.txt"), "w") as f:
        f.write(f"x{i}\n")
PY
fi
# The table has a row for each missing file, and one for each folder to be made when it shows folders.
if [[ -n $BASE ]]; then
  PENDING=$((FILES - $(find "$BASE" -type f | wc -l)))
  FOLDERS=$(comm -23 <(cd "$SRC" && find . -mindepth 1 -type d | sort) <(cd "$BASE" && find . -mindepth 1 -type d | sort) \
    | wc -l)
else
  PENDING=$FILES
  FOLDERS=$(find "$SRC" -mindepth 1 -type d | wc -l)
fi

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
window() { # name, seconds: prints the id of the window with that exact name once it is shown
  # (--onlyvisible: the confirmation dialog is built, unmapped, before the first Sync; found then, it got the Return
  # before it was shown, and the run never started)
  local end=$((SECONDS + $2)) id
  until id=$(xdotool search --onlyvisible --name "^$1\$" 2>/dev/null | head -1) && [[ -n $id ]]; do
    ((SECONDS < end)) || { echo "no window named $1" >&2; exit 1; }
    sleep 0.1
  done
  echo "$id"
}

status() { # pid, field (VmRSS, VmHWM): that line of the process's status in kB, 0 once the process is gone
  local k v _
  while read -r k v _; do
    if [[ $k == "$2:" ]]; then echo "$v"; return; fi
  done 2>/dev/null <"/proc/$1/status" || true
  echo 0
}
jcmd_to() { # pid, log, jcmd command...: runs it against FileSync's JVM, its output timestamped into the log
  local pid=$1 log=$2
  shift 2
  echo "$(now) script: jcmd $*" >>"$log"
  "$JCMD" "$pid" "$@" >"$W/jcmd.out" 2>&1 || { echo "jcmd $* failed ($JCMD):" >&2; cat "$W/jcmd.out" >&2; exit 1; }
  sed "s/^/$(now) jcmd: /" "$W/jcmd.out" >>"$log"
}

for ((r = 1; r <= RUNS; r++)); do
  LOG=$W/run$r.log
  rm -rf "${W:?}/dst" "${W:?}/home" "${W:?}/user"
  mkdir -p "$W/home" "$W/user"
  if [[ -n $BASE ]]; then cp -a "$BASE" "$W/dst"; else mkdir "$W/dst"; fi
  : >"$LOG"
  load=$(cut -d' ' -f1 /proc/loadavg)
  # HOME and FILESYNC_HOME in the work folder: the user's settings, logs and checkpoints are not touched.
  HOME=$W/user FILESYNC_HOME=$W/home \
    FILESYNC_JAVA_OPTIONS="-Dfilesync.ui.probe=true -Dprism.verbose=true -Xlog:gc:stderr ${FILESYNC_JAVA_OPTIONS:-}" \
    "$FILESYNC" --source "$SRC" --dest "$W/dst" >"$W/run$r.out" \
    2> >(while IFS= read -r l; do printf '%s %s\n' "$EPOCHREALTIME" "$l"; done >>"$LOG") &
  APP=$!
  if [[ $MEMORY == 1 ]]; then
    (while kb=$(status "$APP" VmRSS) && ((kb > 0)); do echo "$(now) rss: $kb"; sleep 0.2; done >>"$LOG") &
    SAMPLER=$!
  fi
  win=$(window FileSync 60)
  waitfor "$LOG" "frames/s" 30
  sleep 2
  echo "$(now) script: compare" >>"$LOG"
  xdotool windowfocus --sync "$win" key --window "$win" alt+c
  waitfor "$LOG" "ui-probe: compared" 600
  sleep 2
  if [[ $STEPS == *sync* ]]; then
    echo "$(now) script: sync" >>"$LOG"
    xdotool windowfocus --sync "$win" key --window "$win" alt+y
    dialog=$(window Confirmation 60)
    xdotool windowfocus --sync "$dialog" key --window "$dialog" Return
    echo "$(now) script: confirmed" >>"$LOG"
    waitfor "$LOG" "ui-probe: sync ended" 600
    sleep 3
  fi
  echo "$(now) script: end" >>"$LOG"
  if [[ $MEMORY == 1 ]]; then
    echo "$(now) peak rss: $(status "$APP" VmHWM)" >>"$LOG"
    jcmd_to "$APP" "$LOG" GC.heap_info
    sleep "$IDLE"
    echo "$(now) script: idle" >>"$LOG"
    echo "$(now) idle rss: $(status "$APP" VmRSS) $(status "$APP" RssAnon) $(status "$APP" RssFile)" >>"$LOG"
    jcmd_to "$APP" "$LOG" GC.heap_info
    jcmd_to "$APP" "$LOG" GC.class_histogram
    echo "$(now) collected rss: $(status "$APP" VmRSS) $(status "$APP" RssAnon) $(status "$APP" RssFile)" >>"$LOG"
    jcmd_to "$APP" "$LOG" GC.heap_info
    if [[ ${FILESYNC_JAVA_OPTIONS:-} == *NativeMemoryTracking* ]]; then
      jcmd_to "$APP" "$LOG" VM.native_memory summary
    fi
  fi
  kill "$APP"
  wait "$APP" 2>/dev/null || true
  APP=
  if [[ -n $SAMPLER ]]; then
    wait "$SAMPLER" 2>/dev/null || true
    SAMPLER=
  fi
  if [[ $STEPS == *sync* ]]; then
    copied=$(find "$W/dst" -type f | wc -l)
  else
    copied=-1
  fi
  pipeline=$(grep -m1 -o "Initialized prism pipeline: [A-Za-z0-9.]*" "$W/run$r.out" || echo "pipeline not said")
  python3 - "$LOG" "$r" "$FILES" "$copied" "$pipeline" "$load" "$RESULTS" "$FOLDERS" "$PENDING" <<'PY'
import json, re, statistics, sys
log, run, files, copied, pipeline, load, results, folders, pending = sys.argv[1:10]
files, copied, folders, pending = int(files), int(copied), int(folders), int(pending)
marks, probes, gcs, rss, jcmd, heaps = {}, [], [], [], [], []
for line in open(log):
    t, _, rest = line.partition(" ")
    t, rest = float(t), rest.rstrip("\n")
    if rest.startswith("script: "):
        marks[rest[8:].strip()] = t
        if rest.startswith("script: jcmd"):
            jcmd.append([rest[13:], []])
    elif m := re.match(r"ui-probe: (\d+) frames/s, longest gap (\d+) ms(?: \(UI thread busy (\d+) ms)?", rest):
        probes.append((t, int(m[1]), int(m[2]), int(m[3] or -1)))
    elif m := re.search(r"\[gc\s*\] GC\(\d+\) Pause.* ([\d.]+)ms$", rest.strip()):
        gcs.append((t, float(m[1])))
    elif m := re.match(r"ui-probe: compared, (\d+) rows, shown in (\d+) ms", rest):
        marks["compared"], marks["rows"], marks["shown"] = t, int(m[1]), int(m[2])
    elif rest.startswith("ui-probe: sync ended"):
        marks["ended"] = t
        marks["outcome"] = rest.split(",")[-1].strip()
    elif m := re.match(r"rss: (\d+)", rest):
        rss.append((t, int(m[1]) / 1024))
    elif m := re.match(r"(peak|idle|collected) rss: (\d+)(?: (\d+) (\d+))?", rest):
        marks[m[1] + " rss"] = int(m[2]) / 1024
        if m[3]:  # anonymous (heap, malloc, stacks) and file-backed (libraries, the AOT cache) parts
            marks[m[1] + " anon"], marks[m[1] + " file"] = int(m[3]) / 1024, int(m[4]) / 1024
    elif rest.startswith("jcmd: "):
        jcmd[-1][1].append(rest[6:])
    if m := re.search(r"\[gc\s*\].* (\d+)M->(\d+)M\((\d+)M\)", rest):
        heaps.append((t, int(m[1])))


def mb(n, unit):  # HotSpot prints sizes in the largest unit that keeps 3 digits: 98304K, 1446M, 120G
    return int(n) * {"B": 1, "K": 2**10, "M": 2**20, "G": 2**30}[unit] // 2**20


def heap_info(lines):  # committed and used MB, whichever collector printed them
    text = "\n".join(lines)
    if m := re.search(r"(\d+)([BKMG]) committed, (\d+)([BKMG]) used", text):  # Shenandoah
        return mb(m[1], m[2]), mb(m[3], m[4])
    if m := re.search(r"used (\d+)([BKMG]), capacity (\d+)([BKMG])", text):  # ZGC
        return mb(m[3], m[4]), mb(m[1], m[2])
    if m := re.search(r"committed (\d+)([BKMG]), used (\d+)([BKMG])", text):  # G1
        return mb(m[1], m[2]), mb(m[3], m[4])
    gens = re.findall(r"^\S+\s+total (\d+)K, used (\d+)K", text, re.M)  # Serial, Parallel
    return sum(int(c) for c, _ in gens) // 1024, sum(int(u) for _, u in gens) // 1024


sync = "confirmed" in marks
# A probe line covers the time since the one before. Phases: "compare" (click to table shown, +1 s for the frame
# that draws it), "start" (Sync clicked: the dialog, then the run's first second), "sync" (lines wholly inside the
# run after that), "end" (the last batches, the summary, until 3 s later).
spans = list(zip([marks["compare"] - 1e9] + [p[0] for p in probes], probes))
phases = [("compare", marks["compare"], marks["compared"] + 1.0, False)]
if sync:
    phases += [("start", marks["sync"], marks["confirmed"] + 1.0, False),
               ("sync", marks["confirmed"] + 1.0, marks["ended"], True),
               ("end", marks["ended"], marks["end"], False)]
out, record = [], {"run": int(run), "files": files, "pending": pending, "load": float(load), "rows": marks["rows"],
                   "compare_s": round(marks["compared"] - marks["compare"], 2), "shown_ms": marks["shown"]}
for name, lo, hi, inside in phases:
    sel = [(f, g, b) for t0, (t, f, g, b) in spans if (lo <= t0 and t <= hi if inside else t0 < hi and t > lo)]
    gc = max([p for t, p in gcs if lo <= t <= hi + 1.0] or [0])
    if sel:
        worst = max(sel, key=lambda x: x[1])
        busy = f" (UI thread busy {worst[2]})" if worst[2] >= 0 else ""
        out.append(f"{name} {worst[1]} ms{busy}, {min(x[0] for x in sel)}-{int(statistics.median(x[0] for x in sel))}"
                   f" fps, GC pause {gc:.0f} ms")
        record[name + "_gap_ms"], record[name + "_busy_ms"], record[name + "_gc_ms"] = worst[1], worst[2], gc
    record[name + "_rss_mb"] = round(max([v for t, v in rss if lo <= t <= hi] or [0]))
    record[name + "_heap_mb"] = max([v for t, v in heaps if lo <= t <= hi + 1.0] or [0])
if sync:
    secs = marks["ended"] - marks["confirmed"]
    ok = "ok" if copied == files else f"WRONG ({copied} copied)"
    record.update(sync_s=round(secs, 2), copied=copied, outcome=marks["outcome"])
    what = f"sync {secs:.1f} s, {pending / secs:,.0f} files/s, {marks['outcome']}, {ok}"
else:
    ok = "ok" if marks["rows"] in (pending, pending + folders) else f"WRONG ({marks['rows']} rows)"
    what = f"compare {record['compare_s']:.1f} s, {marks['rows']:,} rows shown in {marks['shown'] / 1000:.1f} s, {ok}"
record["ok"] = ok == "ok"
print(f"run {run}: longest gap, frames a second min-median - " + "; ".join(out)
      + f" | {what} | load before {load} | {pipeline}")
if "peak rss" in marks:
    hist = [l for c, ls in jcmd if c == "GC.class_histogram" for l in ls if l.startswith("Total")]
    live = int(hist[-1].split()[-1]) / 2**20 if hist else 0
    infos = [heap_info(ls) for c, ls in jcmd if c == "GC.heap_info"]  # at the end, after the idle wait, collected
    record.update(idle_s=round(marks["idle"] - marks["end"]), peak_rss_mb=round(marks["peak rss"]), idle_rss_mb=round(marks["idle rss"]),
                  collected_rss_mb=round(marks["collected rss"]), live_mb=round(live),
                  idle_anon_mb=round(marks.get("idle anon", 0)), idle_file_mb=round(marks.get("idle file", 0)),
                  heap_end=infos[0], heap_idle=infos[1], heap_collected=infos[2],
                  gc_heap_max_mb=max([v for t, v in heaps] or [0]))
    print(f"run {run}: memory - peak RSS {record['peak_rss_mb']} MB (compare {record['compare_rss_mb']}"
          + (f", sync {max(record.get(p + '_rss_mb', 0) for p in ('start', 'sync', 'end'))}" if sync else "")
          + f"); heap at the end {infos[0][1]} MB used of {infos[0][0]} committed (most before a collection in the"
          f" GC log {record['gc_heap_max_mb']} MB); after {marks['idle'] - marks['end']:.0f} s idle: RSS"
          f" {record['idle_rss_mb']} MB ({record['idle_anon_mb']} anonymous, {record['idle_file_mb']} file-backed), heap"
          f" {infos[1][1]} of {infos[1][0]} MB; live heap after a collection"
          f" {live:.0f} MB, RSS then {record['collected_rss_mb']} MB; idle RSS / live heap"
          f" {record['idle_rss_mb'] / max(live, 1):.2f}")
if results:
    with open(results, "a") as f:
        f.write(json.dumps(record) + "\n")
PY
done
