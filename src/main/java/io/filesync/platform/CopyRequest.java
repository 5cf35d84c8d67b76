package io.filesync.platform;

import java.nio.file.Path;

/**
 * Copy {@code source} into the new file {@code temp} (which must not exist).
 *
 * @param expected what the scan saw; the copy fails with {@link SourceChangedException} if the source differs
 *                 before or after the copy
 * @param verify   read both files back and compare SHA-256 digests
 * @param fsync    flush the copy to the device before returning
 */
public record CopyRequest(Path source, FileStat expected, Path temp, boolean verify, boolean fsync) {
}
