package io.filesync.platform;

/**
 * @param bytes               bytes written to the copy
 * @param sourceAccessTouched the source's access time may have moved and the copier could not keep it
 *                            (not the file's owner); the caller tries to put it back and reports it
 * @param copy                the copy as read back from the volume once it was closed with its times set: what
 *                            the volume really kept
 */
public record CopyResult(long bytes, boolean sourceAccessTouched, FileStat copy) {
}
