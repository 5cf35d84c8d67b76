package io.filesync.platform;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.filesync.platform.Errno.destinationError;
import static io.filesync.platform.Libc.*;

/**
 * Names a finished copy with {@code renameat2(RENAME_NOREPLACE)} (falling back to {@code link()}, then to a checked
 * move, on volumes without it), or an unnamed one with {@code linkat}, relative to held folders; and flushes what was
 * written: {@code syncfs} of the volume, or {@code fsync} of a folder for its names.
 */
final class Publisher {
    private final HeldFolders held;
    private final UnnamedCopies unnamed;

    Publisher(HeldFolders held, UnnamedCopies unnamed) {
        this.held = held;
        this.unnamed = unnamed;
    }

    boolean publish(Path temp, Path target) throws IOException {
        int fd = unnamed.fd(temp);
        if (fd >= 0) {
            return link(fd, temp, target);
        }
        try (Call c = new Call()) {
            HeldFolders.At from = held.at(temp);
            HeldFolders.At to = held.at(target);
            if (c.renameNoReplace(from.dirfd(), c.cString(from.name()), to.dirfd(), c.cString(to.name())) == 0) {
                return true;
            }
            int e = c.errno();
            if (e == EEXIST) {
                return false;
            }
            if (e != EINVAL && e != ENOSYS && e != EOPNOTSUPP) {
                throw destinationError(e, target, "naming the copy");
            }
        }
        return PortableFileOps.publishByLink(temp, target);
    }

    /**
     * Gives the unnamed copy {@code fd} its first name: linkat fails if the name exists, so nothing is replaced. By
     * the descriptor itself (AT_EMPTY_PATH: Linux 6.10 and later for anyone, before that with CAP_DAC_READ_SEARCH),
     * else through {@code /proc/self/fd}. Once named, it is closed; left open otherwise, for {@link #discard}.
     */
    private boolean link(int fd, Path temp, Path target) throws IOException {
        try (Call c = new Call()) {
            HeldFolders.At to = held.at(target);
            MemorySegment name = c.cString(to.name());
            int done = c.linkAt(fd, c.cString(""), to.dirfd(), name, AT_EMPTY_PATH);
            if (done != 0 && c.errno() == ENOENT) {
                done = c.linkAt(AT_FDCWD, c.cString("/proc/self/fd/" + fd), to.dirfd(), name, AT_SYMLINK_FOLLOW);
            }
            if (done != 0) {
                int e = c.errno();
                if (e == EEXIST) {
                    return false;
                }
                throw destinationError(e, target, "naming the copy");
            }
        }
        unnamed.close(temp);
        return true;
    }

    /** Closes the unnamed copy known as {@code temp}, or deletes the file {@code temp}. */
    void discard(Path temp) throws IOException {
        if (!unnamed.close(temp)) {
            Files.deleteIfExists(temp);
        }
    }

    /** syncfs ({@code wholeVolume}) or fsync of folder {@code folder}, held or not. */
    void flush(Path folder, boolean wholeVolume) throws IOException {
        String what = wholeVolume ? "flushing what was written" : "flushing a folder's names";
        try (Call c = new Call()) {
            HeldFolders.At at = held.at(folder.resolve("."));
            int fd = c.openAt(at.dirfd(), c.cString(at.name()), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
            if (fd < 0) {
                throw destinationError(c.errno(), folder, what);
            }
            try {
                if ((wholeVolume ? c.syncfs(fd) : c.fsync(fd)) != 0) {
                    throw destinationError(c.errno(), folder, what);
                }
            } finally {
                c.close(fd);
            }
        }
    }

    /**
     * syncfs writes back the kernel's dirty pages and asks the file system to commit; a FUSE file system (ntfs-3g,
     * exfat-fuse) is never asked (the kernel passes syncfs to none but virtiofs), so there only fsync reaches the
     * device.
     */
    static boolean flushesWholeVolume(Path folder) {
        try (Call c = new Call()) {
            int fd = c.open(c.cString(folder.toString()), O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
            if (fd < 0) {
                return false;
            }
            try {
                long type = c.fsType(fd);
                return type != -1 && type != FUSE_SUPER_MAGIC;
            } finally {
                c.close(fd);
            }
        }
    }
}
