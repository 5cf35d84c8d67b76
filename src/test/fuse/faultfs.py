#!/usr/bin/python3
"""faultfs: a pass-through FUSE file system for tests that loses unflushed data on a "power cut" and injects faults.

Usage (python3-fuse, i.e. /usr/bin/python3, not a pyenv python):
    /usr/bin/python3 faultfs.py BACKING_DIR MOUNTPOINT CONTROL_FILE
Runs in the foreground until unmounted. Environment: FAULTFS_TRACE=1 logs every operation to stderr.

MODEL ("power cut", always on)
BACKING_DIR is what the device durably holds. It models the worst realistic case of a file system with delayed
allocation (ext4 delalloc) or without a journal (FAT, exFAT):
  - namespace changes (create, mkdir, rename, unlink, link, symlink, rmdir, mknod) and metadata (chmod, chown,
    utimens, xattrs) reach BACKING_DIR at once;
  - file DATA written through write() or truncate/ftruncate (and O_TRUNC) stays in memory, per inode (so a file
    renamed or hard-linked while it has unflushed data keeps it under every name), until fsync() of that file (any
    open handle of the same inode). Then the data goes to the backing file, os.fsync is called, and the file's
    visible times (those last set by utimens, or the time of the last write) are re-applied. fsyncdir persists
    nothing more (the namespace is already durable).
  - reads and getattr show the in-memory state, so the mount behaves normally while powered.
  - SIGUSR1 = POWER CUT: every unflushed buffer is dropped (never written), every further operation fails with EIO,
    the daemon detaches the mount (fusermount -u -z) and exits at once; anything still using the mount then gets
    ENOTCONN. BACKING_DIR then shows what the device holds after the cut: a file created, written and renamed
    without fsync has its final name and 0 bytes (and the times utimens set, as metadata is durable).
  - a clean unmount (fusermount -u, SIGTERM/SIGINT) writes all unflushed data first, as an unmount syncs; unless
    the device was cut or has "vanished".
  - "lying": true (control file): fsync answers success but persists nothing (a USB stick that acknowledges
    flushes it never did); a cut then loses the data even though fsync "succeeded".

FINDINGS (Debian 12, kernel 6.18, libfuse 2.9.9, python3-fuse 1.0.5), checked with FAULTFS_TRACE=1:
  - syncfs(2) is NOT passed to a libfuse2 daemon: `sync -f FILE` (coreutils; calls syncfs) on a file in the mount
    produced no request between the open and the close of FILE (trace: getattr, open, flush, release - no fsync).
    The kernel has a FUSE_SYNCFS request since 5.15, but fuse_sync_fs() sends it only when fc->sync_fs is set, and
    only virtio_fs sets it; a /dev/fuse daemon never sees it (libfuse2 would not know the opcode anyway). syncfs on a
    FUSE mount can at most make the kernel write back its own page cache (FUSE_WRITE, never FUSE_FSYNC; with
    direct_io there is none). So on FUSE volumes (ntfs-3g, exfat-fuse, sshfs...) syncfs persists nothing the daemon
    holds; only fsync of each file does (FUSE_FSYNC; fsync of a folder is FUSE_FSYNCDIR).
    FaultFsTest.syncfsPersistsNothing keeps this fact checked.
  - renameat2(RENAME_NOREPLACE): libfuse2's high-level API has no rename flags and does not know the FUSE_RENAME2
    opcode; the kernel then answers EINVAL for any rename with flags (and remembers it for the connection). Callers
    must fall back, e.g. link(2) (fails with EEXIST if the name exists) + unlink of the temporary: link is
    implemented. Plain rename(2) replaces, as everywhere.
  - Times seen THROUGH THE MOUNT are whole seconds: python3-fuse 1.0.5 copies only st_atime/st_mtime/st_ctime
    (no nanoseconds) into struct stat. utimens receives nanoseconds and the backing files keep them exactly, so
    check exact times in BACKING_DIR. utimens' seconds pass through a C int (dates after 2038 are not supported).
  - Setting only ONE of the two times (utimensat with UTIME_OMIT for the other: `touch -m`, `touch -a`) is
    silently ignored: libfuse2's high-level layer passes UTIME_OMIT on only for file systems that declare
    flag_utime_omit_ok, which python3-fuse cannot; otherwise it calls utimens only when both times are set. Setting
    both (FileSync's futimens/utimensat, Java's setTimes, which fills a null time in from the current one, `touch`
    with no option, `touch -d`) works, with nanoseconds.
  - xattr values must be valid UTF-8 to be SET through this binding (it passes them to Python as str; others fail
    with EINVAL); values are read back byte-exact. listxattr with size 0 (the "how big?" query of getfattr -d and
    attr(1)) fails with EINVAL (python3-fuse bug); callers that pass a buffer (Java's UserDefinedFileAttributeView,
    Python's os.listxattr, getfattr -n NAME) work. Only what the backing file system allows (user.* on ext4/tmpfs)
    can be stored.
  - the mount uses direct_io (no page cache; mmap of files in the mount does not work), attr/entry/negative
    timeouts 0, big_writes (128 KiB writes), use_ino, default_permissions and allow_other (permission checks by the
    kernel, so a test may run a step as `nobody`).

CONTROL_FILE (JSON; re-read when its mtime/inode/size change, checked at most every 20 ms, when an operation
arrives; a missing or empty file = no faults; a malformed one keeps the previous faults and is reported on stderr):
  {"lying": false,
   "vanished": false,          // true: EVERY operation (getattr of the root too) fails with vanishErrno
   "vanishErrno": "EIO",
   "rules": [{"op": "write", "path": "*/IMG_0003.jpg", "errno": "ENOSPC", "afterBytes": 0}]}
  op: an operation name (getattr readdir open create read write truncate fsync fsyncdir flush release mkdir rmdir
      unlink rename link symlink readlink mknod utimens chmod chown statfs getxattr setxattr listxattr removexattr
      access) or "any". path: fnmatch glob on the path relative to the mount ("dir/a.txt", the root is ""); for
      rename and link, the rule matches if either name matches. errno: a name ("EIO", "ENOSPC"...) or a number.
  afterBytes (read and write only, optional): the operation succeeds for the bytes of the file before that offset
      and fails past it (a write crossing it is cut short there, the next one fails) - for a file written or read
      from the start, "fails after that many bytes".
The Java side (FaultFs.java) rewrites the file atomically and waits > 20 ms so the next operation sees it.
"""

import errno
import fnmatch
import json
import os
import resource
import signal
import stat
import subprocess
import sys
import threading
import time

import fuse

fuse.fuse_python_api = (0, 2)

TRACE = os.environ.get("FAULTFS_TRACE") == "1"


def err(code):
    return OSError(code, os.strerror(code))


def errno_of(value, default=errno.EIO):
    if value is None:
        return default
    if isinstance(value, int):
        return value
    code = getattr(errno, str(value), None)
    if not isinstance(code, int):
        raise ValueError("unknown errno " + repr(value))
    return code


def bytes_as_str(b):
    """python3-fuse copies str values through the file-system encoding (utf-8, surrogateescape) and takes their
    length in code points: map every byte to exactly one code point so both agree and the bytes come back exact."""
    return "".join(chr(c) if c < 0x80 else chr(0xDC00 + c) for c in b)


class Attrs:
    __slots__ = ("st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size", "st_atime",
                 "st_mtime", "st_ctime", "st_rdev", "st_blksize", "st_blocks")

    def __init__(self, st, dirty=None):
        for k in Attrs.__slots__:
            setattr(self, k, getattr(st, k))
        self.st_atime = st.st_atime_ns // 1_000_000_000
        self.st_mtime = st.st_mtime_ns // 1_000_000_000
        self.st_ctime = st.st_ctime_ns // 1_000_000_000
        if dirty is not None:
            self.st_size = len(dirty.data)
            self.st_blocks = (len(dirty.data) + 511) // 512
            self.st_atime = dirty.atime_ns // 1_000_000_000
            self.st_mtime = dirty.mtime_ns // 1_000_000_000
            self.st_ctime = max(self.st_ctime, dirty.ctime_ns // 1_000_000_000)


class Dirty:
    """The unflushed content of one inode. Holds its own O_RDWR descriptor of the backing inode, so the inode (and
    its number, the key) stays alive and can be written whatever its names are now."""
    __slots__ = ("fd", "data", "atime_ns", "mtime_ns", "ctime_ns")

    def __init__(self, fd):
        self.fd = fd
        st = os.fstat(fd)
        size = st.st_size
        self.data = bytearray(os.pread(fd, size, 0)) if size else bytearray()
        self.atime_ns = st.st_atime_ns
        self.mtime_ns = st.st_mtime_ns
        self.ctime_ns = st.st_ctime_ns

    def touch(self):
        now = time.time_ns()
        self.mtime_ns = now
        self.ctime_ns = now


class Handle:
    __slots__ = ("fd", "ino", "path", "direct_io", "keep_cache")

    def __init__(self, fd, ino, path):
        self.fd = fd
        self.ino = ino
        self.path = path
        self.direct_io = True
        self.keep_cache = False


class FaultFs(fuse.Fuse):
    def __init__(self, backing, mountpoint, control, *args, **kw):
        super().__init__(*args, **kw)
        self.backing = os.path.realpath(backing)
        self.mnt = os.path.realpath(mountpoint)
        self.control = control
        self.mutex = threading.RLock()
        self.dirty = {}       # ino -> Dirty
        self.opens = {}       # ino -> number of open handles
        self.cut_done = False
        self.config = {}
        self.rules = []
        self.control_key = None
        self.control_checked = 0.0

    # ---- infrastructure -------------------------------------------------------------------------------------
    def b(self, path):
        return self.backing + path if path != "/" else self.backing

    def load_control(self, force=False):
        now = time.monotonic()
        if not force and now - self.control_checked < 0.02:
            return
        self.control_checked = now
        try:
            st = os.stat(self.control)
            key = (st.st_mtime_ns, st.st_ino, st.st_size)
        except FileNotFoundError:
            key = None
        if key == self.control_key:
            return
        try:
            if key is None:
                config = {}
            else:
                with open(self.control, "rb") as f:
                    text = f.read().strip()
                config = json.loads(text) if text else {}
            rules = []
            for r in config.get("rules", []):
                rules.append((r.get("op", "any"), r.get("path", "*"), errno_of(r.get("errno")),
                              r.get("afterBytes")))
            config["vanishErrno"] = errno_of(config.get("vanishErrno"))
            self.config, self.rules, self.control_key = config, rules, key
            if TRACE:
                print("faultfs: control", config, file=sys.stderr, flush=True)
        except (ValueError, OSError, AttributeError, TypeError) as e:
            print("faultfs: control file %s ignored: %s" % (self.control, e), file=sys.stderr, flush=True)
            self.control_key = key

    def gate(self, op, *paths):
        """Raises the error an operation must fail with now, if any; returns the afterBytes limit of a matching
        read/write rule (or None)."""
        if TRACE:
            print("faultfs:", op, *paths, file=sys.stderr, flush=True)
        if self.cut_done:
            raise err(errno.EIO)
        self.load_control()
        if self.config.get("vanished"):
            raise err(self.config["vanishErrno"])
        limit = None
        for rop, glob, code, after in self.rules:
            if rop != op and rop != "any":
                continue
            if not any(fnmatch.fnmatchcase(p.lstrip("/"), glob) for p in paths):
                continue
            if after is not None and op in ("read", "write"):
                limit = after if limit is None else min(limit, after)
                continue
            raise err(code)
        return limit

    def rule_errno(self, op, path):
        for rop, glob, code, after in self.rules:
            if (rop == op or rop == "any") and after is not None and fnmatch.fnmatchcase(path.lstrip("/"), glob):
                return code
        return errno.EIO

    def dirty_for(self, ino, fd=None, path=None):
        d = self.dirty.get(ino)
        if d is None:
            source = "/proc/self/fd/%d" % fd if fd is not None else path
            d = Dirty(os.open(source, os.O_RDWR | os.O_NOFOLLOW if fd is None else os.O_RDWR))
            self.dirty[ino] = d
        return d

    def drop_if_gone(self, ino):
        """Forgets the unflushed data of an inode that has no name and no open handle left."""
        d = self.dirty.get(ino)
        if d is not None and not self.opens.get(ino) and os.fstat(d.fd).st_nlink == 0:
            os.close(d.fd)
            del self.dirty[ino]

    def persist(self, ino):
        d = self.dirty.pop(ino, None)
        if d is None:
            return
        try:
            os.ftruncate(d.fd, len(d.data))
            view = memoryview(d.data)
            off = 0
            while off < len(view):
                off += os.pwrite(d.fd, view[off:off + (1 << 20)], off)
            os.fsync(d.fd)
            os.utime(d.fd, ns=(d.atime_ns, d.mtime_ns))
            os.fsync(d.fd)
        except OSError:
            self.dirty[ino] = d
            raise
        os.close(d.fd)

    def power_cut(self):
        with self.mutex:
            self.cut_done = True
            for d in self.dirty.values():
                try:
                    os.close(d.fd)
                except OSError:
                    pass
            self.dirty.clear()
        print("faultfs: power cut, unflushed data dropped", file=sys.stderr, flush=True)
        subprocess.run(["fusermount", "-u", "-z", self.mnt], stderr=subprocess.DEVNULL)
        os._exit(0)

    def clean_shutdown(self):
        with self.mutex:
            if self.cut_done or self.config.get("vanished"):
                return
            for ino in list(self.dirty):
                try:
                    self.persist(ino)
                except OSError as e:
                    print("faultfs: could not write inode %d at unmount: %s" % (ino, e), file=sys.stderr)

    # ---- attributes and namespace ---------------------------------------------------------------------------
    def getattr(self, path):
        with self.mutex:
            self.gate("getattr", path)
            st = os.lstat(self.b(path))
            return Attrs(st, self.dirty.get(st.st_ino) if stat.S_ISREG(st.st_mode) else None)

    def fgetattr(self, path, fh=None):
        with self.mutex:
            self.gate("getattr", path)
            if fh is None:
                return self.getattr(path)
            st = os.fstat(fh.fd)
            return Attrs(st, self.dirty.get(st.st_ino))

    def readdir(self, path, offset, *fh):
        with self.mutex:
            self.gate("readdir", path)
            here = os.lstat(self.b(path)).st_ino
            entries = [fuse.Direntry(".", ino=here, type=stat.S_IFDIR), fuse.Direntry("..", ino=1, type=stat.S_IFDIR)]
            with os.scandir(self.b(path)) as it:
                for e in it:
                    st = e.stat(follow_symlinks=False)
                    entries.append(fuse.Direntry(e.name, ino=e.inode(), type=stat.S_IFMT(st.st_mode)))
            return entries

    def opendir(self, path):
        with self.mutex:
            self.gate("opendir", path)
            if not os.path.isdir(self.b(path)):
                raise err(errno.ENOTDIR)
            return None

    def releasedir(self, path, *fh):
        return 0

    # No fsyncdir: python3-fuse 1.0.5 segfaults in its C wrapper for it (seen here: the daemon dies at the first
    # fsync of a folder and the mount answers ENOTCONN). Without it the kernel answers such an fsync with success
    # itself, which is true to this model: names reach the backing folder at once.

    def readlink(self, path):
        with self.mutex:
            self.gate("readlink", path)
            return os.readlink(self.b(path))

    def mknod(self, path, mode, dev):
        with self.mutex:
            self.gate("mknod", path)
            os.mknod(self.b(path), mode, dev)

    def mkdir(self, path, mode):
        with self.mutex:
            self.gate("mkdir", path)
            os.mkdir(self.b(path), mode)

    def rmdir(self, path):
        with self.mutex:
            self.gate("rmdir", path)
            os.rmdir(self.b(path))

    def unlink(self, path):
        with self.mutex:
            self.gate("unlink", path)
            st = os.lstat(self.b(path))
            os.unlink(self.b(path))
            self.drop_if_gone(st.st_ino)

    def symlink(self, target, path):
        with self.mutex:
            self.gate("symlink", path)
            os.symlink(target, self.b(path))

    def rename(self, old, new):
        with self.mutex:
            self.gate("rename", old, new)
            try:
                replaced = os.lstat(self.b(new)).st_ino
            except FileNotFoundError:
                replaced = None
            os.rename(self.b(old), self.b(new))
            if replaced is not None:
                self.drop_if_gone(replaced)

    def link(self, target, path):
        with self.mutex:
            self.gate("link", target, path)
            os.link(self.b(target), self.b(path), follow_symlinks=False)

    def chmod(self, path, mode):
        with self.mutex:
            self.gate("chmod", path)
            os.chmod(self.b(path), mode, follow_symlinks=False)

    def chown(self, path, uid, gid):
        with self.mutex:
            self.gate("chown", path)
            os.chown(self.b(path), uid, gid, follow_symlinks=False)

    def utimens(self, path, ts_acc, ts_mod):
        with self.mutex:
            self.gate("utimens", path)
            p = self.b(path)
            st = os.lstat(p)
            d = self.dirty.get(st.st_ino) if stat.S_ISREG(st.st_mode) else None
            now = time.time_ns()

            def pick(ts, current):
                if ts.tv_nsec == (1 << 30) - 1:      # UTIME_NOW
                    return now
                if ts.tv_nsec == (1 << 30) - 2:      # UTIME_OMIT
                    return current
                return ts.tv_sec * 1_000_000_000 + ts.tv_nsec

            atime = pick(ts_acc, d.atime_ns if d else st.st_atime_ns)
            mtime = pick(ts_mod, d.mtime_ns if d else st.st_mtime_ns)
            os.utime(p, ns=(atime, mtime), follow_symlinks=False)
            if d is not None:
                d.atime_ns, d.mtime_ns, d.ctime_ns = atime, mtime, now

    def statfs(self):
        with self.mutex:
            self.gate("statfs", "/")
            return os.statvfs(self.backing)

    def access(self, path, mode):
        with self.mutex:
            self.gate("access", path)
            os.lstat(self.b(path))

    # ---- xattrs ---------------------------------------------------------------------------------------------
    def getxattr(self, path, name, size):
        with self.mutex:
            self.gate("getxattr", path)
            return bytes_as_str(os.getxattr(self.b(path), name, follow_symlinks=False))

    def listxattr(self, path, size):
        with self.mutex:
            self.gate("listxattr", path)
            return os.listxattr(self.b(path), follow_symlinks=False)

    def setxattr(self, path, name, value, flags):
        with self.mutex:
            self.gate("setxattr", path)
            os.setxattr(self.b(path), name, value.encode("utf-8", "surrogateescape"), flags, follow_symlinks=False)

    def removexattr(self, path, name):
        with self.mutex:
            self.gate("removexattr", path)
            os.removexattr(self.b(path), name, follow_symlinks=False)

    # ---- files ----------------------------------------------------------------------------------------------
    def _open(self, path, flags, mode=None):
        trunc = flags & os.O_TRUNC
        flags &= ~(os.O_TRUNC | os.O_APPEND | os.O_DIRECT)   # truncation is data; appends come with offsets
        fd = os.open(self.b(path), flags | os.O_NOFOLLOW, mode) if mode is not None else \
            os.open(self.b(path), flags | os.O_NOFOLLOW)
        try:
            ino = os.fstat(fd).st_ino
            if trunc:
                d = self.dirty_for(ino, fd=fd)
                if d.data:
                    del d.data[:]
                    d.touch()
        except BaseException:
            os.close(fd)
            raise
        self.opens[ino] = self.opens.get(ino, 0) + 1
        return Handle(fd, ino, path)

    def open(self, path, flags):
        with self.mutex:
            self.gate("open", path)
            return self._open(path, flags)

    def create(self, path, flags, mode):
        with self.mutex:
            self.gate("create", path)
            return self._open(path, flags | os.O_CREAT, mode)

    def read(self, path, size, offset, fh):
        with self.mutex:
            limit = self.gate("read", path)
            if limit is not None and offset + size > limit:
                if offset >= limit:
                    raise err(self.rule_errno("read", path))
                size = limit - offset
            d = self.dirty.get(fh.ino)
            if d is not None:
                return bytes(d.data[offset:offset + size])
            return os.pread(fh.fd, size, offset)

    def write(self, path, buf, offset, fh):
        with self.mutex:
            limit = self.gate("write", path)
            n = len(buf)
            if limit is not None and offset + n > limit:
                if offset >= limit:
                    raise err(self.rule_errno("write", path))
                n = limit - offset
                buf = buf[:n]
            d = self.dirty_for(fh.ino, fd=fh.fd)
            end = offset + n
            if len(d.data) < offset:
                d.data.extend(bytes(offset - len(d.data)))
            d.data[offset:end] = buf
            d.touch()
            return n

    def _truncate(self, ino, length, fd=None, path=None):
        d = self.dirty_for(ino, fd=fd, path=path)
        if length < len(d.data):
            del d.data[length:]
        else:
            d.data.extend(bytes(length - len(d.data)))
        d.touch()

    def truncate(self, path, length):
        with self.mutex:
            self.gate("truncate", path)
            p = self.b(path)
            st = os.lstat(p)
            if not stat.S_ISREG(st.st_mode):
                raise err(errno.EINVAL)
            self._truncate(st.st_ino, length, path=p)

    def ftruncate(self, path, length, fh):
        with self.mutex:
            self.gate("truncate", path)
            self._truncate(fh.ino, length, fd=fh.fd)

    def flush(self, path, fh):
        with self.mutex:
            self.gate("flush", path)

    def release(self, path, flags, fh):
        with self.mutex:
            n = self.opens.get(fh.ino, 1) - 1
            if n:
                self.opens[fh.ino] = n
            else:
                self.opens.pop(fh.ino, None)
            try:
                self.drop_if_gone(fh.ino)
            finally:
                os.close(fh.fd)

    def fsync(self, path, datasync, fh):
        with self.mutex:
            self.gate("fsync", path)
            if self.config.get("lying"):
                return 0
            if fh.ino in self.dirty:
                self.persist(fh.ino)
            else:
                os.fsync(fh.fd)


def main():
    if len(sys.argv) != 4:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        sys.exit(2)
    backing, mnt, control = sys.argv[1:]
    if not os.path.isdir(backing) or not os.path.isdir(mnt):
        print("faultfs: %s and %s must be folders" % (backing, mnt), file=sys.stderr)
        sys.exit(2)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    server = FaultFs(backing, mnt, os.path.abspath(control), version="faultfs", usage="faultfs", dash_s_do="setsingle")
    server.load_control(force=True)
    # Multithreaded FUSE loop (python3-fuse holds the GIL in its single-threaded loop, which would keep the
    # power-cut thread from ever running); all operations take one lock, so they still run one at a time.
    server.multithreaded = True
    server.parse([mnt, "-f", "-o",
                  "fsname=faultfs,subtype=faultfs,attr_timeout=0,entry_timeout=0,negative_timeout=0,direct_io,"
                  "big_writes,max_write=131072,use_ino,readdir_ino,default_permissions,allow_other"], errex=2)
    # SIGUSR1 (power cut) is taken by a thread with sigwait: blocked here, so libfuse's threads inherit the mask.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1})

    def watch():
        signal.sigwait({signal.SIGUSR1})
        server.power_cut()

    threading.Thread(target=watch, daemon=True, name="power-cut").start()
    try:
        server.main()
    finally:
        server.clean_shutdown()


if __name__ == "__main__":
    main()
