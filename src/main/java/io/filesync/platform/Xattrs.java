package io.filesync.platform;

import io.filesync.files.CreationTimeStore;
import io.filesync.files.EntryKind;
import io.filesync.files.FileStat;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

import static io.filesync.platform.Libc.*;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

/**
 * Creation times kept in extended attributes: read ({@code lgetxattr}), given to a copy while it is open
 * ({@code fsetxattr}, read back with {@code fgetxattr}) or set by name, and which attribute a volume answers for.
 * Reading attributes moves no time.
 */
final class Xattrs {
    private Xattrs() {
    }

    /** {@code stat} with the creation time {@link #creationTime} finds, for files and folders. */
    static FileStat withAttributeCreation(Call c, MemorySegment path, FileStat stat) {
        return withAttributeCreation(c, new Reading(c), AT_FDCWD, path.address(), null, null, stat);
    }

    /**
     * The memory reading creation attributes takes, made once from a {@link Call} for every entry of a folder that
     * call lists: what a read made for itself would stay allocated in the call's scratch until the call ends.
     */
    record Reading(MemorySegment value, MemorySegment args, MemorySegment keptAside, MemorySegment ntfs) {
        Reading(Call c) {
            this(c.arena.allocate(64), c.arena.allocate(XATTR_ARGS), c.cString(CreationTimeStore.KEPT_ASIDE),
                    c.cString(CreationTimeStore.NTFS_XATTR.attribute()));
        }
    }

    /**
     * As {@link #withAttributeCreation(Call, MemorySegment, FileStat)} for the NUL-terminated name at address
     * {@code name}, an entry of the open folder {@code dirfd} (AT_FDCWD: {@code name} is a path), whose path is
     * {@code folder + entry}: read relative to the folder where the kernel can (getxattrat), the kernel looks up one
     * name instead of every folder on the way.
     */
    static FileStat withAttributeCreation(Call c, Reading r, int dirfd, long name, String folder, String entry,
                                          FileStat stat) {
        if (stat.kind() == EntryKind.FILE || stat.kind() == EntryKind.FOLDER) {
            Instant created = creationTime(c, r, dirfd, name, folder, entry, stat.times().created());
            if (!Objects.equals(created, stat.times().created())) {
                return stat.withCreated(created);
            }
        }
        return stat;
    }

    /**
     * Whether the kernel has getxattrat (Linux 6.13 and later), asked once of the root folder: it has if it answers
     * as a file system would. Else (ENOSYS; or EPERM, as a sandbox may answer a call it does not know) attributes are
     * read by path.
     */
    private static final boolean GETXATTRAT = hasGetxattrAt();

    private static boolean hasGetxattrAt() {
        try (Call c = new Call()) {
            long n = c.getxattrAt(AT_FDCWD, c.cString("/"), CreationTimeStore.KEPT_ASIDE, c.arena.allocate(64));
            return n >= 0 || c.errno() == ENODATA || c.errno() == EOPNOTSUPP || c.errno() == ERANGE;
        }
    }

    /** The attribute's size (see {@link Call#getxattr}), read relative to {@code dirfd} where the kernel can. */
    private static long attribute(Call c, Reading r, int dirfd, long name, String folder, String entry,
                                  MemorySegment attribute) {
        if (dirfd == AT_FDCWD) {
            return c.getxattr(name, attribute, r.value());
        }
        if (GETXATTRAT) {
            long n = c.getxattrAt(dirfd, name, attribute, r.value(), r.args());
            if (n >= 0 || c.errno() == ENODATA) {
                return n;
            }
        }
        // Any other answer is the call by path's to give, as it was before getxattrat.
        try (Call byPath = new Call()) {
            return byPath.getxattr(byPath.cString(folder + entry).address(), attribute, r.value());
        }
    }

    /**
     * The creation time a user would call this file's: the original FileSync kept aside on a copy whose file system
     * could not hold it; else the birth time statx reports; else, on NTFS through ntfs-3g (FUSE, whose statx shows
     * no birth time), {@code system.ntfs_crtime}.
     */
    private static Instant creationTime(Call c, Reading r, int dirfd, long name, String folder, String entry,
                                        Instant birth) {
        MemorySegment value = r.value();
        long n = attribute(c, r, dirfd, name, folder, entry, r.keptAside());
        if (n > 0) {
            Instant kept = CreationTimeCodec.fromText(value.asSlice(0, n).toArray(JAVA_BYTE), (int) n);
            if (kept != null) {
                return kept;
            }
        }
        if (birth != null) {
            return birth;
        }
        n = attribute(c, r, dirfd, name, folder, entry, r.ntfs());
        return n == 8 ? CreationTimeCodec.fromFileTime(value.asSlice(0, 8).toArray(JAVA_BYTE), 8) : null;
    }

    /** The attribute's value for {@code created}, as {@code store} keeps it. */
    private static byte[] encode(CreationTimeStore store, Instant created) {
        return store == CreationTimeStore.FILESYNC_XATTR
                ? CreationTimeCodec.text(created)
                : CreationTimeCodec.fileTime(created);
    }

    /** Sets the creation time attribute of {@code path} (not following a link) where {@code store} has one. */
    static void setCreationTime(Path path, Instant created, CreationTimeStore store) {
        if (created != null && store.attribute() != null) {
            try (Call c = new Call()) {
                c.setxattr(c.cString(path.toString()), store.attribute(),
                        c.arena.allocateFrom(JAVA_BYTE, encode(store, created)));
            }
        }
    }

    /**
     * Gives the open copy {@code fd} its creation time attribute (where {@code store} has one) and reads it back.
     *
     * @return the creation time the attribute holds now, or null where the volume keeps none in an attribute
     */
    static Instant giveCreationTime(Call c, int fd, Instant created, CreationTimeStore store) {
        if (created == null || store.attribute() == null) {
            return null;
        }
        byte[] value = encode(store, created);
        c.fsetxattr(fd, store.attribute(), c.arena.allocateFrom(JAVA_BYTE, value)); // refused: told by reading back
        MemorySegment back = c.arena.allocate(64);
        long n = c.fgetxattr(fd, store.attribute(), back);
        if (n > 0) {
            byte[] read = back.asSlice(0, n).toArray(JAVA_BYTE);
            if (store == CreationTimeStore.FILESYNC_XATTR) {
                // The text holds every nanosecond: the same bytes are the same instant, no need to decode.
                return Arrays.equals(read, value) ? created : CreationTimeCodec.fromText(read, (int) n);
            } else if (n == 8) { // a FILETIME keeps 100 ns steps: decoded, so the check sees what was kept
                return CreationTimeCodec.fromFileTime(read, 8);
            }
        }
        return null;
    }

    /**
     * ntfs-3g answers for {@code system.ntfs_crtime} on any entry; a CIFS mount for {@code user.cifs.creationtime};
     * a volume with user attributes answers "no such attribute" (not "not supported") for ours.
     */
    static CreationTimeStore storeOf(Path folder) {
        try (Call c = new Call()) {
            MemorySegment path = c.cString(folder.toString());
            MemorySegment value = c.arena.allocate(64);
            if (c.getxattr(path, CreationTimeStore.NTFS_XATTR.attribute(), value) == 8) {
                return CreationTimeStore.NTFS_XATTR;
            }
            if (c.getxattr(path, CreationTimeStore.CIFS_XATTR.attribute(), value) == 8) {
                return CreationTimeStore.CIFS_XATTR;
            }
            long n = c.getxattr(path, CreationTimeStore.KEPT_ASIDE, value);
            if (n >= 0 || c.errno() == ENODATA || c.errno() == ERANGE) {
                return CreationTimeStore.FILESYNC_XATTR;
            }
            return CreationTimeStore.NONE;
        }
    }
}
