#!/usr/bin/env bash
# Issue 19, item 4: system time per copied file, FileSync's CLI sync against `cp -a -n`, on tmpfs. FILES files of
# 0.5-4 KiB in folders of 1,000 (deterministic), copied into a fresh empty folder by each tool in turn, every round
# checked (file count, sizes and modification times). Prints each run's user and system time (/usr/bin/time), then
# the medians and the per-round ratio of system times. With STRACE=1, one more run of each under `strace -c -f`:
# calls and their time by system call (strace slows the calls: compare counts, and times only between the tools).
#
# Usage: bench/syscalls.sh [ROUNDS]   (default 5)
# Env:   FILESYNC  FileSync's command (default target/filesync/bin/filesync); BASE, another build's command, is run
#                  in the same rounds when set (e.g. a copy of main's image)
#        FILES     default 200000 (about 0.8 GB in /dev/shm while it runs)
#        STRACE    1: also the strace -c profiles
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-5}
FILES=${FILES:-200000}
FILESYNC=${FILESYNC:-$PWD/target/filesync/bin/filesync}
command -v "$FILESYNC" >/dev/null || { echo "FileSync is not built: ./mvnw -DskipTests package" >&2; exit 2; }
W=$(mktemp -d /dev/shm/filesync-syscalls.XXXXXX)
trap 'rm -rf "$W"' EXIT

python3 - "$W/src" "$FILES" <<'PY'
import os, random, sys
root, n = sys.argv[1], int(sys.argv[2])
rnd = random.Random(19)
blob = rnd.randbytes(8192)
for i in range(n):
    d = os.path.join(root, "d%03d" % (i // 1000))
    if i % 1000 == 0:
        os.makedirs(d, exist_ok=True)
    size, off = rnd.randint(512, 4096), rnd.randint(0, 4096)
    p = os.path.join(d, "f%06d.jpg" % i)
    with open(p, "wb") as f:
        f.write(blob[off:off + size])
    t = 1_600_000_000 + i * 7
    os.utime(p, ns=(t * 10**9 + 123456789, t * 10**9 + 987654321))
PY

listing() { (cd "$1" && find . -type f -printf '%p %s %T@\n' | sort); }
SRC_LISTING=$(listing "$W/src")

run() { # tool name, command prefix...: one copy into a fresh folder; prints "name user sys"
  local name=$1; shift
  rm -rf "${W:?}/dst" "${W:?}/home"
  mkdir "$W/dst"
  sync
  local t
  case $name in
    cp) t=$(/usr/bin/time -f '%U %S' "$@" cp -a -n "$W/src/." "$W/dst/" 2>&1 >/dev/null | tail -1) ;;
    *) t=$(/usr/bin/time -f '%U %S' "$@" sync -q -y --home "$W/home" "$W/src" "$W/dst" 2>&1 >/dev/null | tail -1) ;;
  esac
  if [[ "$(listing "$W/dst")" != "$SRC_LISTING" ]]; then
    echo "WRONG copy by $name:" >&2
    diff <(echo "$SRC_LISTING") <(listing "$W/dst") | head -5 >&2
    exit 1
  fi
  echo "$name $t"
}

TOOLS=(filesync cp)
[[ -n ${BASE:-} ]] && TOOLS=(base filesync cp)
: >"$W/results"
echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $FILES files"
for r in $(seq "$ROUNDS"); do
  for tool in "${TOOLS[@]}"; do
    case $tool in
      filesync) line=$(run filesync "$FILESYNC") ;;
      base) line=$(run base "$BASE") ;;
      cp) line=$(run cp) ;;
    esac
    echo "$r $line" | tee -a "$W/results"
  done
done
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$W/results" "$FILES" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
files = int(sys.argv[2])
by = {}
for r, tool, user, sys_ in rows:
    by.setdefault(tool, {})[r] = (float(user), float(sys_))
cp = by["cp"]
for tool, runs in by.items():
    s = [v[1] for v in runs.values()]
    u = [v[0] for v in runs.values()]
    line = (f"{tool:9s} system {statistics.median(s):.2f} s ({min(s):.2f}-{max(s):.2f}), "
            f"{statistics.median(s) / files * 1e6:.1f} us a file; user {statistics.median(u):.2f} s")
    if tool != "cp":
        ratios = sorted(runs[r][1] / cp[r][1] for r in runs)
        line += f"; system / cp's {statistics.median(ratios):.2f} ({', '.join(f'{x:.2f}' for x in ratios)})"
    print(line)
PY

if [[ ${STRACE:-0} == 1 ]]; then
  for tool in filesync cp; do
    rm -rf "${W:?}/dst" "${W:?}/home"
    mkdir "$W/dst"
    echo "== strace -c -f: $tool"
    if [[ $tool == cp ]]; then
      strace -c -f -o "$W/strace" cp -a -n "$W/src/." "$W/dst/"
    else
      strace -c -f -o "$W/strace" "$FILESYNC" sync -q -y --home "$W/home" "$W/src" "$W/dst" >/dev/null
    fi
    awk -v n="$FILES" 'NR > 2 && $1 !~ /^-/ && ($4 + 0) >= n / 100 {
      printf "%-16s %9d calls %5.2f a file %8.3f s\n", $NF, $4, $4 / n, $2 }' "$W/strace"
  done
fi
