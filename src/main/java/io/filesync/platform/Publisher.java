package io.filesync.platform;

import java.io.IOException;
import java.nio.file.Path;

import static io.filesync.platform.Errno.destinationError;
import static io.filesync.platform.Libc.*;

/**
 * Names a finished copy with {@code renameat2(RENAME_NOREPLACE)} (falling back to {@code link()}, then to a checked
 * move, on volumes without it), relative to held folders; and flushes what was written: {@code syncfs} of the
 * volume, or {@code fsync} of a folder for its names.
 */
final class Publisher {
    private final HeldFolders held;

    Publisher(HeldFolders held) {
        this.held = held;
    }

    boolean publish(Path temp, Path target) throws IOException {
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
