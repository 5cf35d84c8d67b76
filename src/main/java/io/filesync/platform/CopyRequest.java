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
 */
public record CopyRequest(Path source, FileStat expected, Path temp, boolean verify, boolean fsync, FileTimes times,
                          CreationTimeStore store) {
}
