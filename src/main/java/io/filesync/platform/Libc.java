package io.filesync.platform;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The few Linux system calls the JDK does not offer, or not on a descriptor: {@code statx} (to learn whether a
 * birth time exists at all, where the JDK silently substitutes the modification time), {@code openat} with
 * {@code O_NOATIME|O_NONBLOCK}, {@code getdents64}, {@code copy_file_range}, {@code futimens},
 * {@code renameat2(RENAME_NOREPLACE)}, {@code syncfs}, and the extended attribute calls (Java's own attribute view
 * reaches only the {@code user.} namespace, and NTFS under ntfs-3g keeps the creation time in
 * {@code system.ntfs_crtime}). All go through libc's {@code syscall()}.
 * Every call returns the kernel's result; a negative result carries the errno in {@link Call#errno()}.
 */
// Linking and calling native code is this class's job (javac's "restricted" warnings): the module runs with
// --enable-native-access=io.filesync (java-options.properties, surefire's argLine), so the JDK allows it.
@SuppressWarnings("restricted")
final class Libc {
    static final int AT_FDCWD = -100;
    static final int AT_SYMLINK_NOFOLLOW = 0x100;
    static final int AT_EMPTY_PATH = 0x1000;
    static final int AT_SYMLINK_FOLLOW = 0x400;
    static final int STATX_BASIC_STATS = 0x7ff;
    static final int STATX_BTIME = 0x800;
    static final int RENAME_NOREPLACE = 1;

    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_CREAT = 0100;
    static final int O_EXCL = 0200;
    static final int O_NONBLOCK = 04000;
    static final int O_NOATIME = 01000000;
    static final int O_CLOEXEC = 02000000;
    /** Differs between architectures: 0400000 on x86_64, 0100000 on arm64. */
    static final int O_NOFOLLOW;
    static final int O_DIRECTORY;
    /** {@code __O_TMPFILE | O_DIRECTORY}: an unnamed file in a folder (__O_TMPFILE is 020000000 on both). */
    static final int O_TMPFILE;

    static final int EPERM = 1, ENOENT = 2, EINTR = 4, EACCES = 13, EEXIST = 17, EXDEV = 18, EISDIR = 21, EINVAL = 22,
            EFBIG = 27, ENOSPC = 28, ERANGE = 34, ENOSYS = 38, ELOOP = 40, ENODATA = 61, EOPNOTSUPP = 95,
            EDQUOT = 122, EIO = 5, ENXIO = 6, ENODEV = 19, ENOTCONN = 107, ESHUTDOWN = 108;
    /** statfs's f_type of every FUSE mount (fuse, fuseblk): the kernel does not pass syncfs on to their daemons. */
    static final long FUSE_SUPER_MAGIC = 0x65735546L;

    static {
        boolean arm = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT).contains("aarch64");
        O_NOFOLLOW = arm ? 0100000 : 0400000;
        O_DIRECTORY = arm ? 040000 : 0200000;
        O_TMPFILE = 020000000 | O_DIRECTORY;
    }

    /** {@code struct xattr_args} (include/uapi/linux/xattr.h), getxattrat's: the value's address, its size, flags. */
    static final StructLayout XATTR_ARGS = MemoryLayout.structLayout(JAVA_LONG.withName("value"),
            JAVA_INT.withName("size"), JAVA_INT.withName("flags"));

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option ERRNO_OPT = Linker.Option.captureCallState("errno");

    /**
     * Every call goes through libc's {@code syscall(long number, ...)}: one downcall stub instead of one per
     * function. The JDK spins a class for each distinct C signature it links, a start-up cost per signature
     * (bench/README.md, "Figures behind the design").
     */
    private static final MethodHandle SYSCALL = LIBC.find("syscall")
            .map(symbol -> LINKER.downcallHandle(symbol, FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG,
                    JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), ERRNO_OPT, Linker.Option.firstVariadicArg(1)))
            .orElse(null);

    /**
     * System call numbers: x86_64's own table, and the generic one arm64 uses (asm-generic/unistd.h). Written by hand,
     * so NativeAbiTest makes each call and checks what it did.
     */
    private enum Nr {
        READ(0, 63), WRITE(1, 64), CLOSE(3, 57), PREAD64(17, 67), FSTATFS(138, 44), SENDFILE(40, 71), FSYNC(74, 82), FCHMOD(91, 52), GETEUID(107, 175), SETPRIORITY(141, 140),
        LSETXATTR(189, 6), FSETXATTR(190, 7), LGETXATTR(192, 9), FGETXATTR(193, 10), GETDENTS64(217, 61),
        LINKAT(265, 37), OPENAT(257, 56), UTIMENSAT(280, 88), SYNCFS(306, 267), RENAMEAT2(316, 276),
        COPY_FILE_RANGE(326, 285), STATX(332, 291),
        /** Linux 6.13 and later; ENOSYS before. */
        GETXATTRAT(464, 464);

        final long number;

        Nr(long x86_64, long generic) {
            this.number = ARCH == Arch.X86_64 ? x86_64 : generic;
        }
    }

    private enum Arch { X86_64, AARCH64, OTHER }

    private static final Arch ARCH = switch (System.getProperty("os.arch", "")) {
        case "amd64", "x86_64" -> Arch.X86_64;
        case "aarch64" -> Arch.AARCH64;
        default -> Arch.OTHER;
    };

    private Libc() {
    }

    static boolean available() {
        return SYSCALL != null && ARCH != Arch.OTHER;
    }

    /** Whether this process runs as root (which reads any file on a local volume whatever its permissions). */
    static boolean isRoot() {
        try (Call c = new Call()) {
            return c.sys(Nr.GETEUID, 0, 0, 0, 0, 0, 0) == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The process's file creation mask, from /proc/self/status (setting it to read it would race with other
     * threads creating files); -1 when unknown.
     */
    static int umask() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("Umask:")) {
                    return Integer.parseInt(line.substring(6).trim(), 8);
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // unknown: every copy gets its mode with fchmod
        }
        return -1;
    }

    /**
     * One thread's scratch memory, used like a stack: each {@link Call} allocates above where the previous one
     * (still open on this thread) stopped and gives its part back when closed. Allocating and freeing native
     * memory for every call cost more than the calls on small files.
     */
    private static final class Scratch {
        static final long SIZE = 256 * 1024;
        final MemorySegment memory = Arena.ofAuto().allocate(SIZE, 16);
        long top;
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Scratch memory for calls on one thread: errno capture, statx buffers, C strings. Close it on that thread. */
    static final class Call implements AutoCloseable, java.lang.foreign.SegmentAllocator {
        private final Scratch scratch = SCRATCH.get();
        private final long base = scratch.top;
        private Arena overflow;
        /**
         * Allocates zeroed memory from the thread's scratch (or, when that is used up, from an arena of its own): the
         * call itself, not a lambda made for each call (bench/README.md, "Issue 19").
         */
        final java.lang.foreign.SegmentAllocator arena = this;
        final MemorySegment state = arena.allocate(CAPTURE);

        @Override
        public MemorySegment allocate(long size, long align) {
            long start = (scratch.top + align - 1) & -align;
            if (start + size > Scratch.SIZE) {
                if (overflow == null) {
                    overflow = Arena.ofConfined();
                }
                return overflow.allocate(size, align);
            }
            scratch.top = start + size;
            MemorySegment m = scratch.memory.asSlice(start, size);
            if (size <= 4096) {
                m.fill((byte) 0);
            }
            return m;
        }

        int errno() {
            return (int) ERRNO.get(state, 0L);
        }

        MemorySegment cString(String s) {
            return arena.allocateFrom(s, StandardCharsets.UTF_8);
        }

        /** One system call; a negative result means failure, with the reason in {@link #errno()}. */
        long sys(Nr nr, long a, long b, long c, long d, long e, long f) {
            try {
                return (long) SYSCALL.invokeExact(state, nr.number, a, b, c, d, e, f);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        /** The same, repeated while a signal interrupts it. */
        private long retrying(Nr nr, long a, long b, long c, long d, long e, long f) {
            long n;
            do {
                n = sys(nr, a, b, c, d, e, f);
            } while (n < 0 && errno() == EINTR);
            return n;
        }

        int statx(int dirfd, MemorySegment path, int flags, int mask, MemorySegment buf) {
            return statx(dirfd, path.address(), flags, mask, buf);
        }

        /** statx of the NUL-terminated name at address {@code path} (a listing's record: no segment made for it). */
        int statx(int dirfd, long path, int flags, int mask, MemorySegment buf) {
            return (int) sys(Nr.STATX, dirfd, path, flags, mask, buf.address(), 0);
        }

        int open(MemorySegment path, int flags, int mode) {
            return openAt(AT_FDCWD, path, flags, mode);
        }

        int openAt(int dirfd, MemorySegment path, int flags, int mode) {
            return (int) retrying(Nr.OPENAT, dirfd, path.address(), flags, mode, 0, 0);
        }

        int close(int fd) {
            return (int) sys(Nr.CLOSE, fd, 0, 0, 0, 0, 0);
        }

        long read(int fd, MemorySegment buf, long count) {
            return retrying(Nr.READ, fd, buf.address(), count, 0, 0, 0);
        }

        long write(int fd, MemorySegment buf, long count) {
            return retrying(Nr.WRITE, fd, buf.address(), count, 0, 0, 0);
        }

        long copyFileRange(int in, int out, long count) {
            return retrying(Nr.COPY_FILE_RANGE, in, 0, out, 0, count, 0);
        }

        long sendfile(int out, int in, long count) {
            return retrying(Nr.SENDFILE, out, in, 0, count, 0, 0);
        }

        /** Reads up to {@code count} bytes at {@code offset} without moving the file's offset. */
        long pread(int fd, MemorySegment buf, long count, long offset) {
            return retrying(Nr.PREAD64, fd, buf.address(), count, offset, 0, 0);
        }

        /** The file-system type (statfs's f_type) of the volume holding {@code fd}, or -1 with errno. */
        long fsType(int fd) {
            MemorySegment buf = arena.allocate(120, 8); // struct statfs: 120 bytes on x86_64 and arm64; f_type first
            return sys(Nr.FSTATFS, fd, buf.address(), 0, 0, 0, 0) != 0 ? -1 : buf.get(JAVA_LONG, 0);
        }

        int fsync(int fd) {
            return (int) sys(Nr.FSYNC, fd, 0, 0, 0, 0, 0);
        }

        int syncfs(int fd) {
            return (int) sys(Nr.SYNCFS, fd, 0, 0, 0, 0, 0);
        }

        int fchmod(int fd, int mode) {
            return (int) sys(Nr.FCHMOD, fd, mode, 0, 0, 0, 0);
        }

        /** Fills {@code buf} with directory records (struct linux_dirent64); 0 at the end, -1 with errno. */
        long getdents64(int fd, MemorySegment buf) {
            return retrying(Nr.GETDENTS64, fd, buf.address(), buf.byteSize(), 0, 0, 0);
        }

        /** The attribute's size, or -1 with errno (ENODATA: the file has none; EOPNOTSUPP: not on this volume). */
        long getxattr(MemorySegment path, String name, MemorySegment value) {
            return getxattr(path.address(), cString(name), value);
        }

        /** As {@link #getxattr(MemorySegment, String, MemorySegment)} with the path at an address, the name a C string. */
        long getxattr(long path, MemorySegment name, MemorySegment value) {
            return sys(Nr.LGETXATTR, path, name.address(), value.address(), value.byteSize(), 0, 0);
        }

        int setxattr(MemorySegment path, String name, MemorySegment value) {
            return (int) sys(Nr.LSETXATTR, path.address(), cString(name).address(), value.address(), value.byteSize(),
                    0, 0);
        }

        /**
         * getxattrat: the attribute of {@code path} relative to folder {@code dirfd}, not following a link there; as
         * {@link #getxattr}, and ENOSYS where the kernel is older than 6.13.
         */
        long getxattrAt(int dirfd, MemorySegment path, String name, MemorySegment value) {
            return getxattrAt(dirfd, path.address(), cString(name), value, arena.allocate(XATTR_ARGS));
        }

        /**
         * As {@link #getxattrAt(int, MemorySegment, String, MemorySegment)} with the path at an address, the name as
         * a C string and {@code args} (an {@link #XATTR_ARGS}) given, so that reading many entries makes nothing.
         */
        long getxattrAt(int dirfd, long path, MemorySegment name, MemorySegment value, MemorySegment args) {
            args.set(JAVA_LONG, 0, value.address());
            args.set(JAVA_INT, 8, (int) value.byteSize());
            args.set(JAVA_INT, 12, 0);
            return sys(Nr.GETXATTRAT, dirfd, path, AT_SYMLINK_NOFOLLOW, name.address(), args.address(),
                    args.byteSize());
        }

        long fgetxattr(int fd, String name, MemorySegment value) {
            return sys(Nr.FGETXATTR, fd, cString(name).address(), value.address(), value.byteSize(), 0, 0);
        }

        int fsetxattr(int fd, String name, MemorySegment value) {
            return (int) sys(Nr.FSETXATTR, fd, cString(name).address(), value.address(), value.byteSize(), 0, 0);
        }

        int renameNoReplace(int fromDir, MemorySegment from, int toDir, MemorySegment to) {
            return (int) sys(Nr.RENAMEAT2, fromDir, from.address(), toDir, to.address(), RENAME_NOREPLACE, 0);
        }

        /** linkat: gives a second name; {@code flags} AT_EMPTY_PATH names the open file {@code fromDir} itself. */
        int linkAt(int fromDir, MemorySegment from, int toDir, MemorySegment to, int flags) {
            return (int) sys(Nr.LINKAT, fromDir, from.address(), toDir, to.address(), flags, 0);
        }

        /** utimensat: {@code times} holds two struct timespec (access, then modification). */
        int utimensat(int dirfd, MemorySegment path, MemorySegment times, int flags) {
            return (int) sys(Nr.UTIMENSAT, dirfd, path.address(), times.address(), flags, 0, 0);
        }

        /** setpriority(PRIO_PROCESS, 0, nice): on Linux "0" is the calling thread alone, not the whole process. */
        int niceThisThread(int nice) {
            return (int) sys(Nr.SETPRIORITY, 0, 0, nice, 0, 0, 0);
        }

        /** futimens, which the kernel offers as utimensat on the descriptor with no path. */
        int futimens(int fd, MemorySegment times) {
            return (int) sys(Nr.UTIMENSAT, fd, 0, times.address(), 0, 0, 0);
        }

        @Override
        public void close() {
            scratch.top = base;
            if (overflow != null) {
                overflow.close();
            }
        }
    }

    /** Linked on first use: only failures need it. */
    private static final class Strerror {
        static final MethodHandle HANDLE = LINKER.downcallHandle(LIBC.find("strerror").orElseThrow(),
                FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) Strerror.HANDLE.invokeExact(errno);
            return s.reinterpret(1024).getString(0, StandardCharsets.UTF_8);
        } catch (Throwable t) {
            return "error " + errno;
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
