package io.filesync.platform;

import io.filesync.files.CreationTimeStore;
import io.filesync.files.FileStat;
import io.filesync.files.FileTimes;
import java.nio.file.Path;

/**
 * Copy {@code source} into the new file {@code temp} (which must not exist) and give the copy {@code times}.
 *
 * @param expected what the scan saw; the copy fails with {@link SourceChangedException} if the source differs
 *                 before or after the copy
 * @param verify   read both files back and compare SHA-256 digests
 * @param fsync    flush the copy to the device before returning
 * @param times    the times the copy gets (its creation time the way {@code store} says)
 * @param store    where the destination volume keeps creation times
 * @param unnamed  the copy may stay without any name in {@code temp}'s folder until {@link FileOps#publish} names it
 *                 or {@link FileOps#discard} drops it (Linux: {@code O_TMPFILE}, then {@code linkat}), so {@code temp}
 *                 only identifies it; not with {@code fsync} or {@code verify}. The caller must then publish or
 *                 discard it.
 */
public record CopyRequest(Path source, FileStat expected, Path temp, boolean verify, boolean fsync, FileTimes times,
                          CreationTimeStore store, boolean unnamed) {

    /** A copy made under its temporary name {@code temp}. */
    public CopyRequest(Path source, FileStat expected, Path temp, boolean verify, boolean fsync, FileTimes times,
                       CreationTimeStore store) {
        this(source, expected, temp, verify, fsync, times, store, false);
    }
}
