package io.filesync.files;

/**
 * Where a volume keeps a file's creation time, and so how FileSync sets it there. Found once per volume by
 * {@link FileOps#creationTimeStore}, without writing anything.
 */
public enum CreationTimeStore {
    /** The file system holds it and the JDK sets it ({@code setTimes}): NTFS on Windows, APFS/HFS+ on macOS. */
    FILE_SYSTEM(null, true),
    /** NTFS mounted with ntfs-3g under Linux: the {@code system.ntfs_crtime} attribute (100 ns ticks since 1601). */
    NTFS_XATTR("system.ntfs_crtime", true),
    /** An SMB/CIFS share mounted under Linux: the {@code user.cifs.creationtime} attribute (same encoding). */
    CIFS_XATTR("user.cifs.creationtime", true),
    /**
     * The file system cannot be given a creation time (ext4, btrfs, xfs, tmpfs, the kernel's ntfs3) but takes user
     * attributes: the original is kept in {@code user.filesync.crtime} (ISO-8601 text), and FileSync reads it back
     * as the file's creation time when this copy is itself a source, so a chain ext4 → NTFS keeps the original.
     */
    FILESYNC_XATTR("user.filesync.crtime", false),
    /** Nowhere: the creation time is lost on this volume. */
    NONE(null, false);

    /** The attribute FileSync keeps aside on volumes that cannot hold a creation time. */
    public static final String KEPT_ASIDE = "user.filesync.crtime";

    private final String attribute;
    private final boolean holds;

    CreationTimeStore(String attribute, boolean holds) {
        this.attribute = attribute;
        this.holds = holds;
    }

    /** The extended attribute that carries it, or null. */
    public String attribute() {
        return attribute;
    }

    /** Whether the file system itself then shows the creation time (file managers sort by it). */
    public boolean holdsCreationTime() {
        return holds;
    }
}
