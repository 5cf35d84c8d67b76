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
 * The few Linux libc calls the JDK does not offer: {@code statx} (to learn whether a birth time exists at all,
 * where the JDK silently substitutes the modification time), {@code open} with {@code O_NOATIME|O_NONBLOCK},
 * {@code copy_file_range}, {@code renameat2(RENAME_NOREPLACE)}, {@code syncfs}, and {@code lgetxattr}/
 * {@code lsetxattr} (Java's own attribute view reaches only the {@code user.} namespace, and NTFS under ntfs-3g
 * keeps the creation time in {@code system.ntfs_crtime}).
 * Every call returns the C result; a negative result carries the errno in {@link Call#errno()}.
 */
final class Libc {
    static final int AT_FDCWD = -100;
    static final int AT_SYMLINK_NOFOLLOW = 0x100;
    static final int AT_EMPTY_PATH = 0x1000;
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

    static final int EPERM = 1, ENOENT = 2, EINTR = 4, EACCES = 13, EEXIST = 17, EXDEV = 18, EINVAL = 22,
            EFBIG = 27, ENOSPC = 28, ERANGE = 34, ENOSYS = 38, ELOOP = 40, ENODATA = 61, EOPNOTSUPP = 95,
            EDQUOT = 122;

    static {
        boolean arm = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT).contains("aarch64");
        O_NOFOLLOW = arm ? 0100000 : 0400000;
        O_DIRECTORY = arm ? 040000 : 0200000;
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option ERRNO_OPT = Linker.Option.captureCallState("errno");

    private static final MethodHandle STATX = handle("statx", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle OPEN = handleVariadic("open", JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
    private static final MethodHandle CLOSE = handle("close", JAVA_INT, JAVA_INT);
    private static final MethodHandle READ = handle("read", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
    private static final MethodHandle WRITE = handle("write", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
    private static final MethodHandle COPY_FILE_RANGE =
            handle("copy_file_range", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle SENDFILE = handle("sendfile", JAVA_LONG, JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG);
    private static final MethodHandle FSYNC = handle("fsync", JAVA_INT, JAVA_INT);
    private static final MethodHandle SYNCFS = handle("syncfs", JAVA_INT, JAVA_INT);
    private static final MethodHandle FCHMOD = handle("fchmod", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle RENAMEAT2 =
            handle("renameat2", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle GETDENTS64 = handle("getdents64", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG);
    private static final MethodHandle LGETXATTR =
            handle("lgetxattr", JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG);
    private static final MethodHandle LSETXATTR =
            handle("lsetxattr", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle FGETXATTR = handle("fgetxattr", JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG);
    private static final MethodHandle FSETXATTR =
            handle("fsetxattr", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT);
    private static final MethodHandle OPENAT = handleVariadic3("openat", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
    private static final MethodHandle UTIMENSAT = handle("utimensat", JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
    private static final MethodHandle FUTIMENS = handle("futimens", JAVA_INT, JAVA_INT, ADDRESS);
    private static final MethodHandle GETEUID = handle("geteuid", JAVA_INT);

    private static final MethodHandle STRERROR = LINKER.downcallHandle(LIBC.find("strerror").orElseThrow(),
            FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private Libc() {
    }

    static boolean available() {
        return STATX != null && RENAMEAT2 != null && COPY_FILE_RANGE != null && LGETXATTR != null
                && LSETXATTR != null && GETDENTS64 != null && FGETXATTR != null && FSETXATTR != null
                && OPENAT != null && UTIMENSAT != null && FUTIMENS != null && GETEUID != null;
    }

    private static MethodHandle handle(String name, ValueLayout result, ValueLayout... args) {
        return LIBC.find(name)
                .map(symbol -> LINKER.downcallHandle(symbol, FunctionDescriptor.of(result, args), ERRNO_OPT))
                .orElse(null);
    }

    private static MethodHandle handleVariadic(String name, ValueLayout result, ValueLayout... args) {
        // open(const char *path, int flags, ...): the mode travels as the first variadic argument.
        return LIBC.find(name)
                .map(symbol -> LINKER.downcallHandle(symbol, FunctionDescriptor.of(result, args),
                        ERRNO_OPT, Linker.Option.firstVariadicArg(2)))
                .orElse(null);
    }

    private static MethodHandle handleVariadic3(String name, ValueLayout result, ValueLayout... args) {
        // openat(int dirfd, const char *path, int flags, ...): the mode is the first variadic argument.
        return LIBC.find(name)
                .map(symbol -> LINKER.downcallHandle(symbol, FunctionDescriptor.of(result, args),
                        ERRNO_OPT, Linker.Option.firstVariadicArg(3)))
                .orElse(null);
    }

    /** Whether this process runs as root (which reads any file on a local volume whatever its permissions). */
    static boolean isRoot() {
        try (Call c = new Call()) {
            return (int) GETEUID.invokeExact(c.state) == 0;
        } catch (Throwable t) {
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
    static final class Call implements AutoCloseable {
        private final Scratch scratch = SCRATCH.get();
        private final long base = scratch.top;
        private Arena overflow;
        /** Allocates zeroed memory from the thread's scratch (or, when that is used up, from an arena of its own). */
        final java.lang.foreign.SegmentAllocator arena = this::allocate;
        final MemorySegment state = arena.allocate(CAPTURE);

        private MemorySegment allocate(long size, long align) {
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

        int statx(int dirfd, MemorySegment path, int flags, int mask, MemorySegment buf) {
            try {
                return (int) STATX.invokeExact(state, dirfd, path, flags, mask, buf);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        int open(MemorySegment path, int flags, int mode) {
            try {
                int fd;
                do {
                    fd = (int) OPEN.invokeExact(state, path, flags, mode);
                } while (fd < 0 && errno() == EINTR);
                return fd;
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        int close(int fd) {
            try {
                return (int) CLOSE.invokeExact(state, fd);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        long read(int fd, MemorySegment buf, long count) {
            try {
                long n;
                do {
                    n = (long) READ.invokeExact(state, fd, buf, count);
                } while (n < 0 && errno() == EINTR);
                return n;
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        long write(int fd, MemorySegment buf, long count) {
            try {
                long n;
                do {
                    n = (long) WRITE.invokeExact(state, fd, buf, count);
                } while (n < 0 && errno() == EINTR);
                return n;
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        long copyFileRange(int in, int out, long count) {
            try {
                long n;
                do {
                    n = (long) COPY_FILE_RANGE.invokeExact(state, in, MemorySegment.NULL, out, MemorySegment.NULL,
                            count, 0);
                } while (n < 0 && errno() == EINTR);
                return n;
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        long sendfile(int out, int in, long count) {
            try {
                long n;
                do {
                    n = (long) SENDFILE.invokeExact(state, out, in, MemorySegment.NULL, count);
                } while (n < 0 && errno() == EINTR);
                return n;
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        int fsync(int fd) {
            try {
                return (int) FSYNC.invokeExact(state, fd);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        int syncfs(int fd) {
            try {
                return (int) SYNCFS.invokeExact(state, fd);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        int fchmod(int fd, int mode) {
            try {
                return (int) FCHMOD.invokeExact(state, fd, mode);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        /** Fills {@code buf} with directory records (struct linux_dirent64); 0 at the end, -1 with errno. */
        long getdents64(int fd, MemorySegment buf) {
            try {
                long n;
                do {
                    n = (long) GETDENTS64.invokeExact(state, fd, buf, buf.byteSize());
                } while (n < 0 && errno() == EINTR);
                return n;
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        /** The attribute's size, or -1 with errno (ENODATA: the file has none; EOPNOTSUPP: not on this volume). */
        long getxattr(MemorySegment path, String name, MemorySegment value) {
            try {
                return (long) LGETXATTR.invokeExact(state, path, cString(name), value, value.byteSize());
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        int setxattr(MemorySegment path, String name, MemorySegment value) {
            try {
                return (int) LSETXATTR.invokeExact(state, path, cString(name), value, value.byteSize(), 0);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        int openAt(int dirfd, MemorySegment path, int flags, int mode) {
            try {
                int fd;
                do {
                    fd = (int) OPENAT.invokeExact(state, dirfd, path, flags, mode);
                } while (fd < 0 && errno() == EINTR);
                return fd;
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        int renameNoReplace(int fromDir, MemorySegment from, int toDir, MemorySegment to) {
            try {
                return (int) RENAMEAT2.invokeExact(state, fromDir, from, toDir, to, RENAME_NOREPLACE);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        /** utimensat: {@code times} holds two struct timespec (access, then modification). */
        int utimensat(int dirfd, MemorySegment path, MemorySegment times, int flags) {
            try {
                return (int) UTIMENSAT.invokeExact(state, dirfd, path, times, flags);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        /** futimens: {@code times} holds two struct timespec (access, then modification). */
        int futimens(int fd, MemorySegment times) {
            try {
                return (int) FUTIMENS.invokeExact(state, fd, times);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        long fgetxattr(int fd, String name, MemorySegment value) {
            try {
                return (long) FGETXATTR.invokeExact(state, fd, cString(name), value, value.byteSize());
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        int fsetxattr(int fd, String name, MemorySegment value) {
            try {
                return (int) FSETXATTR.invokeExact(state, fd, cString(name), value, value.byteSize(), 0);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        @Override
        public void close() {
            scratch.top = base;
            if (overflow != null) {
                overflow.close();
            }
        }
    }

    static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
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
