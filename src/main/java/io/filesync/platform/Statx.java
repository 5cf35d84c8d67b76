package io.filesync.platform;

import io.filesync.files.EntryKind;
import io.filesync.files.FileStat;
import io.filesync.files.FileTimes;
import java.io.IOException;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.nio.file.Path;
import java.time.Instant;

import static io.filesync.platform.Libc.*;
import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * {@code struct statx} as the kernel fills it (include/uapi/linux/stat.h, the same on every architecture), and the
 * {@link FileStat} read from it. The offsets come from this layout, not from numbers written by hand, and
 * NativeAbiTest compares what they read with what NIO and coreutils' stat read for the same files.
 */
final class Statx {
    private static final StructLayout TIMESTAMP = MemoryLayout.structLayout(JAVA_LONG.withName("tv_sec"),
            JAVA_INT.withName("tv_nsec"), JAVA_INT.withName("__reserved"));

    static final StructLayout LAYOUT = MemoryLayout.structLayout(
            JAVA_INT.withName("stx_mask"), JAVA_INT.withName("stx_blksize"), JAVA_LONG.withName("stx_attributes"),
            JAVA_INT.withName("stx_nlink"), JAVA_INT.withName("stx_uid"), JAVA_INT.withName("stx_gid"),
            JAVA_SHORT.withName("stx_mode"), MemoryLayout.paddingLayout(2),
            JAVA_LONG.withName("stx_ino"), JAVA_LONG.withName("stx_size"), JAVA_LONG.withName("stx_blocks"),
            JAVA_LONG.withName("stx_attributes_mask"),
            TIMESTAMP.withName("stx_atime"), TIMESTAMP.withName("stx_btime"), TIMESTAMP.withName("stx_ctime"),
            TIMESTAMP.withName("stx_mtime"),
            JAVA_INT.withName("stx_rdev_major"), JAVA_INT.withName("stx_rdev_minor"),
            JAVA_INT.withName("stx_dev_major"), JAVA_INT.withName("stx_dev_minor"),
            MemoryLayout.paddingLayout(112)); // the fields newer kernels add, up to the 256 bytes userspace passes

    /** What every statx here asks for: the basic fields and, where the file system has one, the birth time. */
    static final int MASK = STATX_BASIC_STATS | STATX_BTIME;

    private static final long STX_MASK = offset("stx_mask"), MODE = offset("stx_mode"), INO = offset("stx_ino"),
            SIZE = offset("stx_size"), ATIME = offset("stx_atime"), BTIME = offset("stx_btime"),
            MTIME = offset("stx_mtime"), DEV_MAJOR = offset("stx_dev_major"), DEV_MINOR = offset("stx_dev_minor");
    private static final long TV_NSEC = TIMESTAMP.byteOffset(groupElement("tv_nsec"));

    private Statx() {
    }

    static long offset(String field) {
        return LAYOUT.byteOffset(groupElement(field));
    }

    /** A buffer for one statx, from the call's scratch memory. */
    static MemorySegment buffer(Call c) {
        return c.arena.allocate(LAYOUT);
    }

    /** statx of {@code name} relative to folder {@code dirfd}, not following a link there. */
    static FileStat at(Call c, int dirfd, MemorySegment name, Path path) throws IOException {
        MemorySegment buf = buffer(c);
        if (c.statx(dirfd, name, AT_SYMLINK_NOFOLLOW, MASK, buf) != 0) {
            throw Errno.error(c.errno(), path, null);
        }
        return parse(buf);
    }

    /** statx of an open descriptor. */
    static FileStat of(Call c, int fd, Path path) throws IOException {
        MemorySegment buf = buffer(c);
        if (c.statx(fd, c.cString(""), AT_EMPTY_PATH, MASK, buf) != 0) {
            throw Errno.error(c.errno(), path, null);
        }
        return parse(buf);
    }

    /** The creation time is the birth time only: the attribute that may hold a truer one is not read here. */
    static FileStat parse(MemorySegment b) {
        int mask = b.get(JAVA_INT, STX_MASK);
        int mode = Short.toUnsignedInt(b.get(JAVA_SHORT, MODE));
        EntryKind kind = EntryKind.ofMode(mode);
        Instant created = (mask & STATX_BTIME) != 0 ? time(b, BTIME) : null;
        FileTimes times = new FileTimes(time(b, MTIME), time(b, ATIME), created);
        long device = ((long) b.get(JAVA_INT, DEV_MAJOR) << 32) | Integer.toUnsignedLong(b.get(JAVA_INT, DEV_MINOR));
        return new FileStat(kind, b.get(JAVA_LONG, SIZE), times, mode & 07777, device, b.get(JAVA_LONG, INO));
    }

    static Instant time(MemorySegment b, long offset) {
        return Instant.ofEpochSecond(b.get(JAVA_LONG, offset), Integer.toUnsignedLong(b.get(JAVA_INT, offset + TV_NSEC)));
    }
}
