#!/usr/bin/env bash
# Issue 5's cases, each FileSync against the same job done by `cp -a -n` and `rsync -a -U --ignore-existing`
# where they do it, interleaved, on tmpfs in fresh folders, every result checked (file count, sizes and
# modification times of every copy), medians and per-round ratios printed. The seed case has its own script
# (bench/seed-case.sh). The machine is shared and noisy: quote the ratios.
#
# Usage: bench/suite.sh [ROUNDS]     (default 3; about 5 minutes on 2 cores)
# Env:   FILESYNC  the FileSync command (default target/filesync/bin/filesync; ./mvnw -DskipTests package first)
#        CASES     which cases (default "small cpu big present startup heap"; cpu: 200,000 files of 1-2 KiB, processor
#                  time per file, one round per tool)
#        SUMMARY   a file to append the results to, one tab-separated line per case (bench/all.sh reads it)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-3}
FILESYNC=${FILESYNC:-$PWD/target/filesync/bin/filesync}
CASES=${CASES:-small cpu big present startup heap}
read -r -a FS <<<"$FILESYNC"
command -v "${FS[0]}" >/dev/null || { echo "FileSync is not built: run ./mvnw -DskipTests package first." >&2; exit 2; }
command -v rsync >/dev/null || { echo "rsync is missing: apt-get install -y rsync" >&2; exit 2; }
W=$(mktemp -d /dev/shm/filesync-suite.XXXXXX)
trap 'rm -rf "$W"' EXIT
RESULTS=$W/results
: >"$RESULTS"

secs() { # runs the command, prints its wall time in seconds; stops the suite if it fails
  local t0=$EPOCHREALTIME
  "$@" >/dev/null 2>"$W/err" || { echo "FAILED: $*" >&2; cat "$W/err" >&2; exit 1; }
  python3 -c "print(f'{$EPOCHREALTIME - $t0:.3f}')"
}
listing() { (cd "$1" && find . -type f -printf '%p %s %T@\n' | sort); }
check() { # the destination has every source file with its size and modification time
  [[ "$(listing "$1")" == "$(listing "$2")" ]] && echo ok || echo WRONG
}
copy_round() { # case, round, tool, source, base destination (or empty)
  local c=$1 r=$2 tool=$3 src=$4 base=$5 dst=$W/dst-$3
  rm -rf "$dst" "${W:?}/home"
  if [[ -n $base ]]; then cp -a "$base" "$dst"; else mkdir -p "$dst"; fi
  local s
  case $tool in
    filesync) s=$(secs "${FS[@]}" sync "$src" "$dst" --yes --home "$W/home") ;;
    cp) s=$(secs cp -a -n "$src/." "$dst/") ;;
    rsync) s=$(secs rsync -a -U --ignore-existing "$src/" "$dst/") ;;
  esac
  echo "$c $r $tool $s $(check "$src" "$dst")" | tee -a "$RESULTS"
  rm -rf "$dst"
}

gen() { # folder, files, min bytes, max bytes (deterministic; historical times)
  python3 - "$@" <<'PY'
import os, random, sys
root, n, lo, hi = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rnd = random.Random(n * 7 + lo)
block = rnd.randbytes(1 << 20)
for i in range(n):
    d = os.path.join(root, f"{2005 + i % 15}", f"set-{(i // 15) % 60:02d}")
    os.makedirs(d, exist_ok=True)
    p = os.path.join(d, f"f{i:07d}.bin")
    size = rnd.randint(lo, hi)
    with open(p, "wb") as f:
        while size > 0:
            k = min(size, len(block)); f.write(block[:k]); size -= k
    t = (1104537600 + rnd.randrange(0, 15 * 365 * 86400)) * 10**9 + rnd.randrange(1, 10**9)
    os.utime(p, ns=(t, t))
PY
}

if [[ " $CASES " == *" small "* ]]; then
  echo "== 20,000 files of 1-8 KiB, empty destination"
  gen "$W/small" 20000 1024 8192
  for ((r = 1; r <= ROUNDS; r++)); do for t in filesync cp rsync; do copy_round small "$r" $t "$W/small" ""; done; done
  rm -rf "$W/small"
fi

if [[ " $CASES " == *" cpu "* ]]; then
  echo "== 200,000 files of 1-2 KiB, empty destination: processor time (user + system) per file"
  gen "$W/cpu" 200000 1024 2048
  for t in filesync cp; do
    rm -rf "$W/dst-cpu" "${W:?}/home"; mkdir -p "$W/dst-cpu"
    case $t in
      filesync) cmd=("${FS[@]}" sync "$W/cpu" "$W/dst-cpu" --yes --home "$W/home") ;;
      cp) cmd=(cp -a -n "$W/cpu/." "$W/dst-cpu/") ;;
    esac
    # The children's processor time, as the kernel counted it (all threads, JIT and collector included).
    cpu=$(python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
r = resource.getrusage(resource.RUSAGE_CHILDREN); print(f"{r.ru_utime + r.ru_stime:.3f}")' "${cmd[@]}")
    echo "cpu 1 $t $cpu $(check "$W/cpu" "$W/dst-cpu") (processor s; $(python3 -c "print(f'{$cpu / 200000 * 1e6:.1f}')") us a file)" \
      | tee -a "$RESULTS"
    rm -rf "$W/dst-cpu"
  done
  rm -rf "$W/cpu"
fi

if [[ " $CASES " == *" big "* ]]; then
  echo "== six 256 MiB files, empty destination"
  gen "$W/big" 6 $((256 << 20)) $((256 << 20))
  for ((r = 1; r <= ROUNDS; r++)); do for t in filesync cp rsync; do copy_round big "$r" $t "$W/big" ""; done; done
  rm -rf "$W/big"
fi

if [[ " $CASES " == *" present "* ]]; then
  echo "== plan over 200,000 files all already present (FileSync plan vs rsync's no-op run)"
  python3 - "$W/p-src" <<'PY'
import os, sys
root = sys.argv[1]
for d in range(1000):
    p = os.path.join(root, f"a{d:04d}"); os.makedirs(p)
    for f in range(200):
        open(os.path.join(p, f"IMG_{f:03d}.jpg"), "wb").close()
PY
  cp -a "$W/p-src" "$W/p-dst"
  for ((r = 1; r <= ROUNDS; r++)); do
    echo "present $r filesync $(secs "${FS[@]}" plan "$W/p-src" "$W/p-dst" --home "$W/home") ok" | tee -a "$RESULTS"
    echo "present $r rsync $(secs rsync -a -n --ignore-existing "$W/p-src/" "$W/p-dst/") ok" | tee -a "$RESULTS"
  done
  rm -rf "${W:?}/p-src" "${W:?}/p-dst" "${W:?}/home"
fi

if [[ " $CASES " == *" startup "* ]]; then
  echo "== start-up: filesync --version, and a plan of two empty folders"
  mkdir -p "$W/e1" "$W/e2"
  for ((r = 1; r <= ROUNDS * 3; r++)); do
    echo "version $r filesync $(secs "${FS[@]}" --version) ok" | tee -a "$RESULTS"
    echo "empty-plan $r filesync $(secs "${FS[@]}" plan "$W/e1" "$W/e2" --home "$W/home") ok" | tee -a "$RESULTS"
  done
fi

if [[ " $CASES " == *" heap "* ]]; then
  echo "== a million-file plan (all pending): the smallest heap it runs in"
  python3 - "$W/m-src" <<'PY'
import os, sys
root = sys.argv[1]
for d in range(2000):
    p = os.path.join(root, f"d{d:04d}"); os.makedirs(p)
    for f in range(500):
        open(os.path.join(p, f"f{f:03d}"), "wb").close()
PY
  mkdir -p "$W/m-dst"
  for mb in 192 256 320 384 448 512; do
    if FILESYNC_JAVA_OPTIONS="-Xmx${mb}m" "${FS[@]}" plan "$W/m-src" "$W/m-dst" --home "$W/home" >/dev/null 2>&1; then
      t=$(FILESYNC_JAVA_OPTIONS="-Xmx${mb}m" secs "${FS[@]}" plan "$W/m-src" "$W/m-dst" --home "$W/home")
      echo "heap 1 filesync $t ok -Xmx${mb}m" | tee -a "$RESULTS"
      break
    fi
    echo "  -Xmx${mb}m: not enough"
  done
  rm -rf "$W/m-src" "$W/m-dst"
fi

python3 - "$RESULTS" "${SUMMARY:-}" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
by = {}
for row in rows:
    c, r, tool, s, ok = row[:5]
    by.setdefault(c, {}).setdefault(tool, {})[int(r)] = (float(s), ok, " ".join(row[5:]))
print("\ncase        tool      median s   min-max s        result")
for c, tools in by.items():
    for tool, runs in tools.items():
        s = [v[0] for v in runs.values()]
        ok = "ok" if all(v[1] == "ok" for v in runs.values()) else "WRONG"
        extra = next(iter(runs.values()))[2]
        print(f"{c:11} {tool:9} {statistics.median(s):8.3f}   {min(s):6.3f}-{max(s):<6.3f}   {ok} {extra}")
    if "filesync" in tools:
        for other in ("cp", "rsync"):
            if other in tools:
                rs = [tools["filesync"][r][0] / tools[other][r][0] for r in tools["filesync"] if r in tools[other]]
                print(f"{'':11} FileSync/{other}: median ratio {statistics.median(rs):.2f}")
if sys.argv[2]:
    names = {"small": "small-20k", "cpu": "cpu-200k"}  # the cases of issue 17's table
    with open(sys.argv[2], "a") as out:
        for c, tools in by.items():
            if c not in names or "filesync" not in tools:
                continue
            med = {t: statistics.median(v[0] for v in runs.values()) for t, runs in tools.items()}
            ratio = {o: statistics.median(tools["filesync"][r][0] / tools[o][r][0] for r in tools["filesync"]
                                          if r in tools[o]) for o in ("cp", "rsync") if o in tools}
            ok = all(v[1] == "ok" for runs in tools.values() for v in runs.values())
            cell = lambda t: f"{med[t]:.3f}" if t in med else "-"
            rc = lambda o: f"{ratio[o]:.2f}" if o in ratio else "-"
            what = "; bench/suite.sh's 200,000 files of 1-2 KiB" if c == "cpu" else ""
            out.write(f"{names[c]}\t{cell('filesync')}\t{cell('cp')}\t{cell('rsync')}\t{rc('cp')}\t{rc('rsync')}"
                      f"\t{len(tools['filesync'])} rounds{what}; {'checked' if ok else 'WRONG'}\n")
PY
