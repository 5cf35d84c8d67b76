#!/usr/bin/env bash
# What flushing copies to the device costs, per kind of destination volume: the seed case (bench/seed-case.sh's
# corpus: 7,000 files in year/album folders, 4,000 already in the backup, the other 3,000 to copy) copied onto a
# fresh volume of each kind by FileSync (the build before and the build after "durable naming", and the build
# before with its old per-file `--fsync`), `cp -a -n` and `rsync -a -U --ignore-existing`, interleaved per round
# (the order turning by one tool each round), every result checked after the volume was unmounted and mounted
# again.
#
# Volume kinds: tmpfs; ext4 on a loop device; NTFS through ntfs-3g on a loop device; exFAT through exfat-fuse on
# a loop device (both FUSE). The loop devices' images live in IMG_DIR (default: the work folder in /dev/shm), so
# the "device" is memory: what is measured is the software path of flushing (page cache, FUSE daemon, loop
# driver), not a disk's latency. Set IMG_DIR=/tmp to put a real disk under them.
#
# Each run: a fresh volume is made and mounted, filled with the 4,000 backed-up files (rsync, not timed), unmounted
# and mounted again (so every tool starts on a settled volume with equally cold caches; tmpfs cannot be remounted
# without losing its files, so it is only synced), then ONE tool copies the missing files from a tmpfs source and
# the volume is unmounted at once. The unmount is timed with the copy: umount writes back whatever the tool left
# unflushed, so timing the copy alone would reward a tool that flushes nothing. Both are printed: "copy" (the
# tool's process) and "copy+umount". The volume is then mounted again and checked: exactly the source's files
# (nothing missing, no temporaries left), and for each of the 3,000 copies its size, its SHA-256 and its
# modification time (to the volume's step: ns on tmpfs and ext4, 100 ns on NTFS, whole seconds on exfat-fuse).
# Access times are not checked (bench/seed-case.sh does that on tmpfs); the source's are not restored between
# runs (cp and rsync move them once, relatime).
#
# The machine is shared and noisy: quote medians and the ratios (medians of per-round ratios).
#
# Usage: bench/durable.sh [ROUNDS]          (default 3; run as root: it makes loop devices and mounts)
# Env:   FILESYNC         the build after durable naming (default target/filesync/bin/filesync)
#        FILESYNC_BEFORE  the build before it (e.g. a second worktree at the commit before, built with
#                         ./mvnw -DskipTests package); unset: the "before" tools are left out
#        VOLUMES          which volume kinds (default "tmpfs ext4 ntfs exfat")
#        TOOLS            which tools, in the order run each round (default "before after before-fsync cp rsync")
#        TOTAL_MB         approximate size of the source (default 200; the seed case proper is 700)
#        IMG_DIR          where the loop devices' image files go (default: the work folder in /dev/shm)
#        NTFS_OPTIONS     ntfs-3g's -o options (default none, as desktops mount it; e.g. big_writes)
#        SUMMARY          a file to append the results to (FileSync after, cp and rsync, copy+umount), one
#                         tab-separated line per volume kind (bench/all.sh reads it)
# Needs: root, util-linux (losetup, mount), e2fsprogs, ntfs-3g, exfat-fuse + exfatprogs, rsync, python3.
# Takes about 4-5 minutes with the defaults on 2 cores (3 runs on 2026-12-02: 3 min 53 s to 4 min 37 s).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-${ROUNDS:-3}}
FILESYNC=${FILESYNC:-$PWD/target/filesync/bin/filesync}
FILESYNC_BEFORE=${FILESYNC_BEFORE:-}
VOLUMES=${VOLUMES:-tmpfs ext4 ntfs exfat}
TOOLS=${TOOLS:-before after before-fsync cp rsync}
TOTAL_MB=${TOTAL_MB:-200}

die() { echo "$*" >&2; exit 2; }
((EUID == 0)) || die "bench/durable.sh makes loop devices and mounts file systems: run it as root."
read -r -a FS_AFTER <<<"$FILESYNC"
read -r -a FS_BEFORE <<<"${FILESYNC_BEFORE:-}"
tools=()
for t in $TOOLS; do
  case $t in
    after) command -v "${FS_AFTER[0]}" >/dev/null || die "FileSync is not built: ./mvnw -DskipTests package (or set FILESYNC)." ;;
    before | before-fsync)
      if [[ -z $FILESYNC_BEFORE ]]; then echo "FILESYNC_BEFORE is not set: leaving out '$t'." >&2; continue; fi
      command -v "${FS_BEFORE[0]}" >/dev/null || die "FILESYNC_BEFORE ($FILESYNC_BEFORE) is not there." ;;
    threads-[1-9] | threads-[1-9][0-9]) command -v "${FS_AFTER[0]}" >/dev/null || die "FileSync is not built: ./mvnw -DskipTests package (or set FILESYNC)." ;;
    cp) ;;
    rsync) command -v rsync >/dev/null || die "rsync is missing: apt-get install -y rsync" ;;
    *) die "unknown tool '$t' (before after before-fsync threads-N cp rsync)" ;;
  esac
  tools+=("$t")
done
((${#tools[@]})) || die "no tool to run"
command -v rsync >/dev/null || die "rsync is missing (it fills the volumes): apt-get install -y rsync"
for v in $VOLUMES; do
  case $v in
    tmpfs) ;;
    ext4) command -v mkfs.ext4 >/dev/null || die "mkfs.ext4 is missing: apt-get install -y e2fsprogs" ;;
    ntfs) command -v mkntfs >/dev/null || die "apt-get install -y ntfs-3g"
      command -v ntfs-3g >/dev/null || die "apt-get install -y ntfs-3g" ;;
    exfat) command -v mkfs.exfat >/dev/null || die "apt-get install -y exfatprogs"
      command -v mount.exfat-fuse >/dev/null || die "apt-get install -y exfat-fuse" ;;
    *) die "unknown volume kind '$v' (tmpfs ext4 ntfs exfat)" ;;
  esac
done
avail_mb=$(df -Pm /dev/shm | awk 'NR==2 {print $4}')
((avail_mb > TOTAL_MB * 3 + 300)) || die "/dev/shm has ${avail_mb} MB free; this needs about $((TOTAL_MB * 3)) MB. Set TOTAL_MB lower."

W=$(mktemp -d /dev/shm/filesync-durable.XXXXXX)
IMG_DIR=${IMG_DIR:-$W}
IMG=$(mktemp "$IMG_DIR/filesync-durable-volume.XXXXXX")
MNT=$W/mnt LOOP=
mkdir -p "$MNT"
cleanup() { # always: nothing mounted, no loop device left, no work folder
  local rc=$?
  set +e
  if mountpoint -q "$MNT"; then
    umount "$MNT" 2>/dev/null || { sleep 1; umount "$MNT" 2>/dev/null; } || umount -l "$MNT"
  fi
  [[ -n $LOOP ]] && losetup -d "$LOOP" 2>/dev/null
  if mountpoint -q "$MNT"; then
    echo "could not unmount $MNT; leaving $W in place" >&2
  else
    rm -rf "$W"
  fi
  rm -f "$IMG"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
SRC=$W/src

echo "== machine"
echo "cpu: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'); kernel $(uname -r)"
echo "tools: $(cp --version | head -1); $(rsync --version | head -1 | cut -d' ' -f1-4); $(ntfs-3g --version 2>&1 | head -1);" \
  "exfat-fuse $(dpkg-query -W -f '${Version}' exfat-fuse 2>/dev/null || echo '?')"
[[ " ${tools[*]} " == *" after "* ]] && echo "FileSync after: $FILESYNC ($("${FS_AFTER[@]}" --version))"
[[ -n $FILESYNC_BEFORE ]] && echo "FileSync before: $FILESYNC_BEFORE ($("${FS_BEFORE[@]}" --version))"
echo "volume images in $IMG_DIR ($(df -P "$IMG_DIR" | awk 'NR==2 {print $1}')); load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "Building the seed case in $SRC (7,000 files, about ${TOTAL_MB} MB; 4,000 already backed up) ..."
# The seed case's source, made by the same generator as bench/seed-case.sh's (same seed, names, sizes and times).
python3 bench/seed-corpus.py "$SRC" "$TOTAL_MB"
(cd "$SRC" && find . -type f | sort | sed -n '1,4000p') >"$W/backed-up.list"
# What each copy must be: relative name, size, mtime in ns, SHA-256 (of the 3,000 files to copy).
python3 - "$SRC" "$W/backed-up.list" >"$W/expected" <<'PY'
import hashlib, os, sys
src, backed = sys.argv[1], set(l.strip()[2:] for l in open(sys.argv[2]))
for d, _, files in os.walk(src):
    for f in files:
        p = os.path.join(d, f); rel = os.path.relpath(p, src); st = os.lstat(p)
        if rel in backed:
            print(rel, st.st_size, st.st_mtime_ns, "-")
        else:
            with open(p, "rb") as fh:
                print(rel, st.st_size, st.st_mtime_ns, hashlib.file_digest(fh, "sha256").hexdigest())
PY
echo "source: $(wc -l <"$W/expected") files, $(du -sm "$SRC" | cut -f1) MB; $(grep -vc ' -$' "$W/expected") to copy" \
  "($(awk '$4 != "-" {s += $2} END {printf "%.0f", s / 1e6}' "$W/expected") MB)"

mount_volume() { # kind: mounts the image (or a tmpfs) on $MNT
  case $1 in
    tmpfs) mount -t tmpfs -o size=$((TOTAL_MB * 2 + 64))m filesync-bench "$MNT" ;;
    ext4) mount -t ext4 "$LOOP" "$MNT" ;;
    ntfs) ntfs-3g ${NTFS_OPTIONS:+-o "$NTFS_OPTIONS"} "$LOOP" "$MNT" ;;
    exfat) mount.exfat-fuse "$LOOP" "$MNT" >/dev/null ;;
  esac
}
new_volume() { # kind: a fresh, empty volume of that kind mounted on $MNT
  [[ $1 == tmpfs ]] && { mount_volume tmpfs; return; }
  rm -f "$IMG"
  truncate -s $((TOTAL_MB * 3 / 2 + 128))M "$IMG"
  LOOP=$(losetup -f --show "$IMG")
  case $1 in
    ext4) mkfs.ext4 -q "$LOOP" ;;
    ntfs) mkntfs -F -Q -q "$LOOP" 2>/dev/null ;; # it warns that Windows could not boot from it
    exfat) mkfs.exfat "$LOOP" >/dev/null ;;
  esac
  mount_volume "$1"
}
drop_volume() {
  if mountpoint -q "$MNT"; then umount "$MNT"; fi
  if [[ -n $LOOP ]]; then losetup -d "$LOOP"; LOOP=; fi
  rm -f "$IMG"
}
check() { # kind: prints "ok" or what is wrong with the volume on $MNT
  local step=1
  case $1 in ntfs) step=100 ;; exfat) step=1000000000 ;; esac
  python3 - "$MNT" "$W/expected" "$step" <<'PY'
import hashlib, os, sys
dst, step = sys.argv[1], int(sys.argv[3])
want = {}
for line in open(sys.argv[2]):
    rel, size, mtime, sha = line.split()
    want[rel] = (int(size), int(mtime), sha)
have = set()
for d, dirs, files in os.walk(dst):
    if d == dst and "lost+found" in dirs:
        dirs.remove("lost+found")
    have.update(os.path.relpath(os.path.join(d, f), dst) for f in files)
wrong = []
missing, extra = set(want) - have, have - set(want)
if missing: wrong.append(f"{len(missing)} missing (e.g. {min(missing)})")
if extra: wrong.append(f"{len(extra)} not in the source (e.g. {min(extra)})")
bad_size = bad_time = bad_sha = 0
for rel, (size, mtime, sha) in want.items():
    if sha == "-" or rel not in have:
        continue
    p = os.path.join(dst, rel); st = os.stat(p)
    if st.st_size != size: bad_size += 1; continue
    if not (0 <= mtime - st.st_mtime_ns < step): bad_time += 1
    with open(p, "rb") as fh:
        if hashlib.file_digest(fh, "sha256").hexdigest() != sha: bad_sha += 1
for n, what in ((bad_size, "wrong size"), (bad_time, "wrong mtime"), (bad_sha, "wrong content")):
    if n: wrong.append(f"{n} copies with {what}")
print("ok" if not wrong else "WRONG:" + ";".join(wrong).replace(" ", "_"))
PY
}
run_tool() { # tool: copies $SRC into $MNT
  rm -rf "${W:?}/home"
  case $1 in
    before) "${FS_BEFORE[@]}" sync "$SRC" "$MNT" --yes --home "$W/home" ;;
    before-fsync) "${FS_BEFORE[@]}" sync "$SRC" "$MNT" --yes --fsync --home "$W/home" ;;
    after) "${FS_AFTER[@]}" sync "$SRC" "$MNT" --yes --home "$W/home" ;;
    threads-*) "${FS_AFTER[@]}" sync "$SRC" "$MNT" --yes --home "$W/home" --threads "${1#threads-}" ;;
    cp) cp -a -n "$SRC/." "$MNT/" ;;
    rsync) rsync -a -U --ignore-existing "$SRC/" "$MNT/" ;;
  esac
}
one_run() { # kind round tool
  local kind=$1 r=$2 tool=$3 t0 t1 t2 t3 ok
  new_volume "$kind"
  rsync -a -U --files-from="$W/backed-up.list" "$SRC/" "$MNT/"
  if [[ $kind != tmpfs ]]; then umount "$MNT"; blockdev --flushbufs "$LOOP"; mount_volume "$kind"; fi
  sync
  t0=$EPOCHREALTIME
  run_tool "$tool" >/dev/null 2>"$W/err" || { echo "FAILED: $tool on $kind" >&2; cat "$W/err" >&2; exit 1; }
  t1=$EPOCHREALTIME
  if [[ $kind == tmpfs ]]; then # its files go with the unmount: check first (tmpfs has nothing to write back)
    ok=$(check "$kind")
    t2=$EPOCHREALTIME
    umount "$MNT"
    t3=$EPOCHREALTIME
  else
    t2=$t1
    umount "$MNT"
    t3=$EPOCHREALTIME
    blockdev --flushbufs "$LOOP"
    mount_volume "$kind"
    ok=$(check "$kind")
    umount "$MNT"
  fi
  drop_volume
  local copy total
  copy=$(python3 -c "print(f'{$t1 - $t0:.3f}')")
  total=$(python3 -c "print(f'{$t1 - $t0 + $t3 - $t2:.3f}')")
  echo "$kind $r $tool $copy $total $ok" | tee -a "$W/results"
}

: >"$W/results"
start=$SECONDS
for kind in $VOLUMES; do
  echo "== $kind (round tool copy-s copy+umount-s check)"
  for ((r = 1; r <= ROUNDS; r++)); do
    # The order turns by one tool a round, so that no tool always runs right after the same other one.
    for ((i = 0; i < ${#tools[@]}; i++)); do one_run "$kind" "$r" "${tools[(i + r - 1) % ${#tools[@]}]}"; done
  done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); the runs took $(((SECONDS - start) / 60)) min $(((SECONDS - start) % 60)) s"

python3 - "$W/results" "$ROUNDS" "$TOTAL_MB" "${SUMMARY:-}" <<'PY'
import statistics as st, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
by = {}
for kind, r, tool, copy, total, ok in rows:
    by.setdefault(kind, {}).setdefault(tool, {})[int(r)] = (float(copy), float(total), ok)
names = {"before": "FileSync before", "after": "FileSync after", "before-fsync": "FileSync before --fsync",
         "cp": "cp -a -n", "rsync": "rsync -a -U --ignore-existing"}
names.update({t: f"FileSync after --threads {t[8:]}" for k in by.values() for t in k if t.startswith("threads-")})
print(f"\nSeed case at about {sys.argv[3]} MB (3,000 of 7,000 files to copy), {sys.argv[2]} rounds; medians (min-max) in s.")
for kind, tools in by.items():
    print(f"\n{kind}:")
    print(f"  {'tool':30} {'copy':>20} {'copy+umount':>20} {'umount':>7}  check")
    for tool, runs in tools.items():
        c = [v[0] for v in runs.values()]; t = [v[1] for v in runs.values()]
        ok = "ok" if all(v[2] == "ok" for v in runs.values()) else " ".join(sorted({v[2] for v in runs.values()}))
        print(f"  {names[tool]:30} {st.median(c):7.3f} ({min(c):.3f}-{max(c):.3f}) {st.median(t):7.3f} "
              f"({min(t):.3f}-{max(t):.3f}) {st.median([b - a for a, b in zip(c, t)]):7.3f}  {ok}")
    sweep = sorted((t for t in tools if t.startswith("threads-")), key=lambda t: int(t[8:]))
    for a, b in [("after", "before"), ("after", "cp"), ("before", "cp"), ("before-fsync", "before"),
                 ("after", "rsync")] + [(t, "after") for t in sweep]:
        if a in tools and b in tools:
            rounds = sorted(set(tools[a]) & set(tools[b]))
            for i, what in ((1, "copy+umount"), (0, "copy")):
                rs = [tools[a][r][i] / tools[b][r][i] for r in rounds]
                print(f"  {names[a]} / {names[b]}, {what}: {st.median(rs):.2f} (rounds "
                      + ", ".join(f"{x:.2f}" for x in rs) + ")")
if sys.argv[4]:
    with open(sys.argv[4], "a") as out:
        for kind, tools in by.items():
            if "after" not in tools:
                continue
            med = lambda t: f"{st.median(v[1] for v in tools[t].values()):.3f}" if t in tools else "-"
            def ratio(o):
                if o not in tools:
                    return "-"
                return f"{st.median(tools['after'][r][1] / tools[o][r][1] for r in tools['after'] if r in tools[o]):.2f}"
            ok = all(v[2] == "ok" for runs in tools.values() for v in runs.values())
            out.write(f"vol-{kind}\t{med('after')}\t{med('cp')}\t{med('rsync')}\t{ratio('cp')}\t{ratio('rsync')}"
                      f"\t{len(tools['after'])} rounds, {sys.argv[3]} MB, copy+umount; {'checked' if ok else 'WRONG'}\n")
PY
