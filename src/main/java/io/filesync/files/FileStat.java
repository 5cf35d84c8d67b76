package io.filesync.files;

/**
 * One entry's metadata, read with a single call that does not follow links and does not read the content
 * (so it leaves the access time alone).
 *
 * @param mode   the permission bits (07777), or -1 where the OS has none
 * @param device identity of the volume, comparable only with other stats from the same run
 * @param inode  identity of the file on its volume; together with device it detects aliases
 */
public record FileStat(EntryKind kind, long size, FileTimes times, int mode, long device, long inode) {
    public boolean isFile() {
        return kind == EntryKind.FILE;
    }

    public boolean isFolder() {
        return kind == EntryKind.FOLDER;
    }

    public FileStat withCreated(java.time.Instant created) {
        return new FileStat(kind, size, new FileTimes(times.modified(), times.accessed(), created), mode, device,
                inode);
    }
}
