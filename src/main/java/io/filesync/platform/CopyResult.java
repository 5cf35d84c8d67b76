package io.filesync.platform;

import io.filesync.files.FileStat;

/**
 * @param bytes               bytes written to the copy
 * @param sourceAccessTouched the source's access time may have moved and the copier could not keep it
 *                            (not the file's owner); the caller tries to put it back and reports it
 * @param sourceAccessPutBack the source's access time moved when it was read (no O_NOATIME on this system) and
 *                            was put back by setting it again: it reads as before, but the source's metadata was
 *                            written (its change time moved), which the run says
 * @param copy                the copy as read back from the volume once it was closed with its times set: what
 *                            the volume really kept
 */
public record CopyResult(long bytes, boolean sourceAccessTouched, boolean sourceAccessPutBack, FileStat copy) {
}
