package io.filesync.platform;

import io.filesync.files.CreationTimeStore;
import io.filesync.files.EntryKind;
import io.filesync.files.FileStat;
import io.filesync.files.FileTimes;
import java.io.IOException;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SequenceLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

import static io.filesync.platform.Errno.destinationError;
import static io.filesync.platform.Errno.sourceError;
import static io.filesync.platform.Libc.*;
import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.MemoryLayout.PathElement.sequenceElement;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * One copy: the source read with {@code O_NOATIME} (so its access time never moves and no restore is needed, which
 * would have changed its ctime), never a FIFO or device swapped in after the scan ({@code O_NONBLOCK|O_NOFOLLOW},
 * then fstat), the bytes copied in-kernel ({@code copy_file_range}, falling back to {@code sendfile}).
 */
final class Copier {
    /** {@code struct timespec[2]} for futimens and utimensat: access time, then modification time. */
    private static final SequenceLayout TIMESPECS = MemoryLayout.sequenceLayout(2, MemoryLayout.structLayout(
            JAVA_LONG.withName("tv_sec"), JAVA_LONG.withName("tv_nsec")));
    private static final long ACCESSED_SEC = timespec(0, "tv_sec"), ACCESSED_NSEC = timespec(0, "tv_nsec"),
            MODIFIED_SEC = timespec(1, "tv_sec"), MODIFIED_NSEC = timespec(1, "tv_nsec");
    /** The process's umask: a copy whose mode it would not change is created with that mode (no fchmod). */
    private static final int UMASK = Libc.umask();

    private final HeldFolders held;
    private final UnnamedCopies unnamed;

    Copier(HeldFolders held, UnnamedCopies unnamed) {
        this.held = held;
        this.unnamed = unnamed;
    }

    private static long timespec(long index, String field) {
        return TIMESPECS.byteOffset(sequenceElement(index), groupElement(field));
    }

    /**
     * Everything on the copy happens through descriptors and names relative to its held folder: create it
     * exclusively, copy in-kernel, give it its mode, creation time attribute and times while open, close it (the
     * close reports write errors), then read it back by name. A copy made {@link CopyRequest#unnamed} is created
     * without a name ({@code O_TMPFILE}, where the volume offers it), read back on its descriptor and left open for
     * {@link Publisher} to name: no temporary name to create and rename away, nothing left behind by a killed run.
     */
    CopyResult copy(CopyRequest r, CopyProgress progress) throws IOException {
        try (Call c = new Call()) {
            MemorySegment srcName = c.cString(r.source().toString());
            boolean noAtime = true;
            int in = c.open(srcName, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOATIME, 0);
            if (in < 0 && c.errno() == EPERM) { // O_NOATIME is only for the file's owner (or root)
                noAtime = false;
                in = c.open(srcName, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0);
            }
            if (in < 0) {
                int e = c.errno();
                if (e == ENOENT) {
                    throw new SourceChangedException("the source file vanished after the scan");
                }
                if (e == ELOOP) {
                    throw new SourceChangedException("the source file was replaced by a symbolic link after the scan");
                }
                throw sourceError(e, r.source());
            }
            try {
                requireUnchanged(Statx.of(c, in, r.source()), r.expected(), "after the scan");
                HeldFolders.At temp = held.at(r.temp());
                MemorySegment tempName = c.cString(temp.name());
                int mode = r.expected().mode() >= 0 ? r.expected().mode() & 0777 : -1;
                boolean modeAtCreation = mode >= 0 && UMASK >= 0 && (mode & UMASK) == 0;
                // Unnamed where asked and possible; --verify reads the copy back by its name and --fsync flushes it
                // before it is named, so those get the temporary name.
                int createMode = modeAtCreation ? mode : 0600;
                int out = r.unnamed() && !r.fsync() && !r.verify() ? openUnnamed(c, temp, createMode) : -1;
                boolean nameless = out >= 0;
                if (!nameless) {
                    out = c.openAt(temp.dirfd(), tempName, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                            createMode);
                }
                if (out < 0) {
                    throw destinationError(c.errno(), r.temp(), "creating the copy");
                }
                boolean ok = false;
                boolean open = true;
                try {
                    long bytes = r.verify()
                            ? Digests.copyVerified(c, in, out, r, progress)
                            : copyInKernel(c, in, out, r, progress);
                    if (bytes != r.expected().size()) {
                        throw new SourceChangedException("the source file changed size during the copy ("
                                + r.expected().size() + " bytes at the scan, " + bytes + " read)");
                    }
                    requireUnchanged(Statx.of(c, in, r.source()), r.expected(), "during the copy");
                    if (mode >= 0 && !modeAtCreation && c.fchmod(out, mode) != 0) {
                        throw destinationError(c.errno(), r.temp(), "setting the copy's permissions");
                    }
                    Instant attributeCreated = giveTimes(c, out, r.times(), r.store());
                    if (nameless) {
                        // Read back on the open copy, which has no name yet: nothing closes it before it is named
                        // (a file system offering O_TMPFILE moves no time on close anyway). Its bytes and times reach
                        // the device by the flush of the volume before it is named.
                        FileStat back = Statx.of(c, out, r.temp());
                        if (!sameTimes(back, r.times())) {
                            if (c.futimens(out, timespecs(c, r.times())) != 0) {
                                throw destinationError(c.errno(), r.temp(), "setting the copy's times");
                            }
                            back = Statx.of(c, out, r.temp());
                        }
                        unnamed.register(r.temp(), out);
                        open = false;
                        ok = true;
                        return new CopyResult(bytes, !noAtime, false, withCreated(back, attributeCreated));
                    }
                    // Flushed after its times are set, so bytes, size and times are on the device before the copy
                    // gets its name. After a failed fsync the kernel may have dropped the dirty pages: the copy is
                    // lost, never retried.
                    if (r.fsync() && c.fsync(out) != 0) {
                        throw destinationError(c.errno(), r.temp(), "flushing the copy to the device");
                    }
                    open = false;
                    if (c.close(out) != 0) {
                        throw destinationError(c.errno(), r.temp(), "writing the copy");
                    }
                    FileStat back = Statx.at(c, temp.dirfd(), tempName, r.temp());
                    if (!sameTimes(back, r.times())) {
                        // Some volumes move times when a file is closed (or keep coarser ones): set them again
                        // by name, and read again.
                        if (c.utimensat(temp.dirfd(), tempName, timespecs(c, r.times()), AT_SYMLINK_NOFOLLOW) != 0) {
                            throw destinationError(c.errno(), r.temp(), "setting the copy's times");
                        }
                        FileStat again = Statx.at(c, temp.dirfd(), tempName, r.temp());
                        // Flushed again only if setting them changed what reads back: on a volume with coarser
                        // times (NTFS, exFAT) the second setting changes nothing, and the first was flushed.
                        if (r.fsync() && !again.times().equals(back.times())) {
                            flushByName(c, temp.dirfd(), tempName, r.temp());
                        }
                        back = again;
                    }
                    ok = true;
                    return new CopyResult(bytes, !noAtime, false, withCreated(back, attributeCreated));
                } finally {
                    if (open) {
                        c.close(out);
                    }
                    if (nameless && !ok) {
                        unnamed.unreserve();
                    } else if (!ok) {
                        Files.deleteIfExists(r.temp());
                    }
                }
            } finally {
                c.close(in);
            }
        }
    }

    /**
     * An unnamed file ({@code O_TMPFILE}) in the temporary's held folder, or -1 where there is none to be had: the
     * folder is not held, {@link UnnamedCopies#MAX_OPEN} are open, or the volume refuses them (then this folder's
     * copies get temporary names from now on). Any other failure is left to the named file's creation to report.
     */
    private int openUnnamed(Call c, HeldFolders.At temp, int mode) {
        if (temp.folder() == null || !temp.folder().unnamedFiles() || !unnamed.reserve()) {
            return -1;
        }
        int fd = c.openAt(temp.dirfd(), c.cString("."), O_WRONLY | O_TMPFILE | O_CLOEXEC, mode);
        if (fd < 0) {
            unnamed.unreserve();
            int e = c.errno();
            if (e == EOPNOTSUPP || e == EISDIR || e == EINVAL) {
                temp.folder().refuseUnnamedFiles();
            }
        }
        return fd;
    }

    private static boolean sameTimes(FileStat back, FileTimes times) {
        return back.times().modified().equals(times.modified()) && back.times().accessed().equals(times.accessed());
    }

    /** The copy as read back, with the creation time its attribute holds where the volume keeps it there. */
    private static FileStat withCreated(FileStat back, Instant attributeCreated) {
        Instant created = attributeCreated != null ? attributeCreated : back.times().created();
        return Objects.equals(created, back.times().created()) ? back : back.withCreated(created);
    }

    /**
     * Sets access and modification time on the open copy, then the creation time attribute (where the volume keeps
     * one), and reads the attribute back.
     *
     * @return the creation time the attribute holds now, or null where the volume keeps none in an attribute
     */
    private static Instant giveTimes(Call c, int fd, FileTimes times, CreationTimeStore store) throws IOException {
        // Modification and access time first, the creation attribute after: ntfs-3g writes back times set after its
        // system.ntfs_crtime as the time of the close (they read back right until the volume is mounted again).
        if (c.futimens(fd, timespecs(c, times)) != 0) {
            throw destinationError(c.errno(), null, "setting the copy's times");
        }
        return Xattrs.giveCreationTime(c, fd, times.created(), store);
    }

    static MemorySegment timespecs(Call c, FileTimes times) {
        MemorySegment t = c.arena.allocate(TIMESPECS);
        t.set(JAVA_LONG, ACCESSED_SEC, times.accessed().getEpochSecond());
        t.set(JAVA_LONG, ACCESSED_NSEC, times.accessed().getNano());
        t.set(JAVA_LONG, MODIFIED_SEC, times.modified().getEpochSecond());
        t.set(JAVA_LONG, MODIFIED_NSEC, times.modified().getNano());
        return t;
    }

    private static void requireUnchanged(FileStat now, FileStat expected, String when) throws SourceChangedException {
        if (now.kind() != EntryKind.FILE) {
            throw new SourceChangedException("the source is no longer a regular file (it is a " + now.kind().words()
                    + ") " + when);
        }
        if (now.size() != expected.size() || !now.times().modified().equals(expected.times().modified())) {
            throw new SourceChangedException("the source file was modified " + when);
        }
    }

    private static long copyInKernel(Call c, int in, int out, CopyRequest r, CopyProgress progress) throws IOException {
        long total = 0;
        boolean useSendfile = false;
        while (true) {
            long n = useSendfile ? c.sendfile(out, in, CopyProgress.CHUNK) : c.copyFileRange(in, out, CopyProgress.CHUNK);
            if (n < 0) {
                int e = c.errno();
                if (!useSendfile && total == 0 && (e == EXDEV || e == EINVAL || e == ENOSYS || e == EOPNOTSUPP)) {
                    useSendfile = true; // copy_file_range refuses some pairs of file systems
                    continue;
                }
                if (useSendfile && total == 0 && (e == EINVAL || e == ENOSYS)) {
                    return total + Digests.copyThroughBuffer(c, in, out, r, progress, null);
                }
                throw sourceCanBeRead(c, in, total) ? destinationError(e, r.temp(), "writing the copy")
                        : sourceError(e, r.source());
            }
            if (n == 0) {
                return total;
            }
            total += n;
            progress.copied(n);
            if (total == r.expected().size()) {
                return total; // growth after this point shows in the size the caller checks next
            }
        }
    }

    /**
     * An in-kernel copy fails without saying which side failed: one byte read from the source where it stopped
     * tells. A source that reads fine there means the destination refused the write.
     */
    private static boolean sourceCanBeRead(Call c, int in, long offset) {
        return c.pread(in, c.arena.allocate(1), 1, offset) >= 0;
    }

    /** fsync of a file by its name in its held folder (after times were set again by name, past the close). */
    private static void flushByName(Call c, int dirfd, MemorySegment name, Path path) throws IOException {
        int fd = c.openAt(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0);
        if (fd < 0) {
            throw destinationError(c.errno(), path, "flushing the copy to the device");
        }
        try {
            if (c.fsync(fd) != 0) {
                throw destinationError(c.errno(), path, "flushing the copy to the device");
            }
        } finally {
            c.close(fd);
        }
    }
}
