#!/usr/bin/env bash
# The seed case, end to end: a source of 7,000 photos and documents in year/album folders, a backup already
# holding 4,000 of them; copy the missing 3,000 with FileSync, `cp -a -n` and `rsync -a -U --ignore-existing`,
# interleaved (A B C A B C ...), each round on a fresh copy of the backup, and check every result:
# all files there, byte-identical, modification and access time to the nanosecond, the source's access times
# unmoved.
#
# Runs on tmpfs (/dev/shm) in fresh folders: on this machine's ext4, creating files right after deleting many is
# very slow, which would measure the disk's housekeeping rather than the tools. The machine is shared and noisy:
# quote the ratios (medians of per-round ratios), not the absolute times.
#
# Usage: bench/seed-case.sh [ROUNDS]        (default 5)
# Env:   FILESYNC   the FileSync command (default: target/filesync/bin/filesync; build it with ./mvnw -DskipTests package)
#        TOTAL_MB   approximate size of the source (default 700)
#        THREADS    FileSync --threads values to sweep after the main rounds (default "1 2 4 8"; "" to skip)
#        WINDOW     runs of the seed case in the open window after the main rounds (default 0): bench/gui.sh with this
#                   source and a fresh copy of the backup each run, Compare then Sync; its time from the confirmation
#                   to the end of the run is set against cp's whole run (needs Xvfb, xdotool and GTK 3)
#        SUMMARY    a file to append the results to, one tab-separated line per case (bench/all.sh reads it)
# Needs: GNU coreutils, rsync (apt-get install -y rsync), python3 (for the statistics), sha256sum.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
FILESYNC=${FILESYNC:-$PWD/target/filesync/bin/filesync}
TOTAL_MB=${TOTAL_MB:-700}
THREADS=${THREADS-1 2 4 8}
WINDOW=${WINDOW:-0}
SUMMARY=${SUMMARY:-}
read -r -a FS <<<"$FILESYNC"
if ! command -v "${FS[0]}" >/dev/null; then
  echo "FileSync is not built: run ./mvnw -DskipTests package first (or set FILESYNC)." >&2
  exit 2
fi
command -v rsync >/dev/null || { echo "rsync is missing: apt-get install -y rsync" >&2; exit 2; }
avail_mb=$(df -Pm /dev/shm | awk 'NR==2 {print $4}')
if ((avail_mb < TOTAL_MB * 3 + 200)); then
  echo "/dev/shm has ${avail_mb} MB free; the seed case needs about $((TOTAL_MB * 3)) MB. Set TOTAL_MB lower." >&2
  exit 2
fi

W=$(mktemp -d /dev/shm/filesync-bench.XXXXXX)
trap 'rm -rf "$W"' EXIT
SRC=$W/src BASE=$W/base

echo "Building the seed case in $W (7,000 files, about ${TOTAL_MB} MB; 4,000 already backed up) ..."
python3 bench/seed-corpus.py "$SRC" "$TOTAL_MB"
stat_list() { (cd "$1" && find . -type f -exec stat -c '%n %s %.9Y %.9X' {} + | sort); }
restore_source() { # put the source's access times back after something read it (one process, not a touch each)
  python3 - "$SRC" "$SRC_STATE" <<'PY'
import os, sys
src, state = sys.argv[1], sys.argv[2]
for line in open(state):
    name, _, _, at = line.rsplit(" ", 3)
    sec, frac = at.strip().split(".")
    p = os.path.join(src, name)
    os.utime(p, ns=(int(sec) * 10**9 + int(frac.ljust(9, "0")[:9]), os.lstat(p).st_mtime_ns), follow_symlinks=False)
PY
}
SRC_STATE=$W/src.state
stat_list "$SRC" >"$SRC_STATE"

# The backup: the first 4,000 files by path, copied with their times.
mkdir -p "$BASE"
(cd "$SRC" && find . -type f | sort | sed -n '1,4000p') >"$W/backed-up.list"
rsync -a -U --files-from="$W/backed-up.list" "$SRC/" "$BASE/"
src_files=$(find "$SRC" -type f | wc -l); base_files=$(find "$BASE" -type f | wc -l)
echo "source: $src_files files, $(du -sm "$SRC" | cut -f1) MB; backup: $base_files files"

(cd "$SRC" && find . -type f -print0 | sort -z | xargs -0 sha256sum) >"$W/src.sha"
restore_source # the setup's reads moved the source's access times
[[ "$(stat_list "$SRC")" == "$(cat "$SRC_STATE")" ]] || { echo "could not restore the source's access times" >&2; exit 1; }

# One timed run: $1 label, $2 destination; the command follows. Prints seconds.
timed() {
  local t0 t1
  t0=$EPOCHREALTIME
  "$@" >/dev/null 2>"$W/last.err" || { echo "FAILED: $*" >&2; cat "$W/last.err" >&2; return 1; }
  t1=$EPOCHREALTIME
  python3 -c "print(f'{$t1 - $t0:.3f}')"
}

# Checks one result against the source as it was before the run; prints
# "mtime_exact atime_exact bytes_ok source_atimes_kept" (times over the copied files).
check() {
  local dst=$1
  local s d
  # Times are compared on the copies each tool made (the 3,000 files the backup lacked).
  s=$(awk 'NR==FNR {skip[$1]=1; next} !($1 in skip)' "$W/backed-up.list" "$SRC_STATE")
  d=$(stat_list "$dst")
  local m a b k
  m=$(join <(awk '{print $1, $2, $3}' <<<"$s") <(awk '{print $1, $2, $3}' <<<"$d") | awk '$2==$4 && $3==$5' | wc -l)
  a=$(join <(awk '{print $1, $4}' <<<"$s") <(awk '{print $1, $4}' <<<"$d") | awk '$2==$3' | wc -l)
  if (cd "$dst" && sha256sum --quiet -c "$W/src.sha" >/dev/null 2>&1); then b=yes; else b=NO; fi
  if [[ "$(stat_list "$SRC")" == "$(cat "$SRC_STATE")" ]]; then k=yes; else k=NO; fi
  echo "$m $a $b $k"
}

run_tool() { # $1 tool, $2 dst, $3 threads
  case $1 in
    filesync) timed "${FS[@]}" sync "$SRC" "$2" --yes --home "$W/home" ${3:+--threads "$3"} ;;
    cp) timed cp -a -n "$SRC/." "$2/" ;;
    rsync) timed rsync -a -U --ignore-existing "$SRC/" "$2/" ;;
  esac
}

RESULTS=$W/results
: >"$RESULTS"
for ((r = 1; r <= ROUNDS; r++)); do
  for tool in filesync cp rsync; do
    dst=$W/dst-$tool-$r
    cp -a "$BASE" "$dst"
    sync
    secs=$(run_tool "$tool" "$dst" "")
    read -r m a b k <<<"$(check "$dst")"
    echo "$r $tool $secs $m $a $b $k" | tee -a "$RESULTS"
    rm -rf "$dst" "${W:?}/home"
    [[ $k == yes ]] || restore_source
  done
done

if [[ -n "$THREADS" ]]; then
  echo "FileSync threads sweep (one run each, same setup):"
  for t in $THREADS; do
    dst=$W/dst-t$t; cp -a "$BASE" "$dst"; sync
    echo "  --threads $t: $(run_tool filesync "$dst" "$t") s"
    rm -rf "$dst" "${W:?}/home"
  done
fi

if ((WINDOW > 0)); then
  echo "The seed case from the open window ($WINDOW runs; Compare, then Sync, each onto a fresh copy of the backup):"
  SOURCE=$SRC BASE=$BASE RESULTS=$W/window.json bench/gui.sh "$WINDOW"
  restore_source # for the check below, whatever the window's runs did
fi

python3 - "$RESULTS" "$src_files" "$W/window.json" "$SUMMARY" <<'PY'
import json, os, statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
n = int(sys.argv[2])
window = [json.loads(l) for l in open(sys.argv[3])] if os.path.exists(sys.argv[3]) else []
summary = sys.argv[4]
by = {}
for r, tool, secs, m, a, b, k in rows:
    by.setdefault(tool, []).append((int(r), float(secs), int(m), int(a), b, k))
print(f"\nSeed case on tmpfs: {n} source files, 4,000 already in the backup; {len(by['filesync'])} rounds, interleaved.")
copied = n - 4000
print(f"{'tool':10} {'median s':>9} {'min-max s':>15} {'mtime exact':>12} {'atime exact':>12} {'bytes':>6} {'source atimes kept':>19}")
print(f"{'':10} {'':>9} {'':>15} {'(of copies, to the ns)':>25}")
for tool, v in by.items():
    s = [x[1] for x in v]
    print(f"{tool:10} {statistics.median(s):9.3f} {min(s):7.3f}-{max(s):<7.3f} {min(x[2] for x in v):>6}/{copied:<5} "
          f"{min(x[3] for x in v):>6}/{copied:<5} {('yes' if all(x[4]=='yes' for x in v) else 'NO'):>6} "
          f"{('yes' if all(x[5]=='yes' for x in v) else 'NO'):>19}")
f = {x[0]: x[1] for x in by["filesync"]}
per_round = {}
for other in ("cp", "rsync"):
    o = {x[0]: x[1] for x in by[other]}
    ratios = per_round[other] = [f[r] / o[r] for r in f if r in o]
    print(f"FileSync / {other}: median ratio {statistics.median(ratios):.2f} (per round: "
          + ", ".join(f"{x:.2f}" for x in ratios) + ")")
med = {tool: statistics.median(x[1] for x in v) for tool, v in by.items()}
ratio = {o: statistics.median(rs) for o, rs in per_round.items()}
checked = all(x[2] == copied and x[3] == copied and x[4] == "yes" and x[5] == "yes" for x in by["filesync"])
lines = [f"seed-tmpfs\t{med['filesync']:.3f}\t{med['cp']:.3f}\t{med['rsync']:.3f}\t{ratio['cp']:.2f}\t{ratio['rsync']:.2f}"
         f"\t{len(f)} rounds, rsync per round {min(per_round['rsync']):.2f}-{max(per_round['rsync']):.2f};"
         f" {'checked' if checked else 'WRONG'}"]
if window:
    s = [w["sync_s"] for w in window]
    ok = all(w["ok"] and w["pending"] == copied for w in window)
    print(f"Seed case from the window, confirmation to the end of the run: median {statistics.median(s):.2f} s "
          f"({min(s):.2f}-{max(s):.2f}; {len(s)} runs), {'every copy there' if ok else 'WRONG'}; "
          f"/ cp's whole run (median): {statistics.median(s) / med['cp']:.2f}")
    lines.append(f"seed-window\t{statistics.median(s):.3f}\t{med['cp']:.3f}\t{med['rsync']:.3f}"
                 f"\t{statistics.median(s) / med['cp']:.2f}\t{statistics.median(s) / med['rsync']:.2f}"
                 f"\t{len(s)} runs, {min(s):.2f}-{max(s):.2f} s; compare {statistics.median(w['compare_s'] for w in window):.2f} s;"
                 f" {'checked' if ok else 'WRONG'}")
if summary:
    with open(summary, "a") as out:
        out.write("".join(l + "\n" for l in lines))
PY
