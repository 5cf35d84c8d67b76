package io.filesync.engine;

import java.time.Duration;

/**
 * What the destination volume can hold.
 *
 * @param type                    the file system type as the OS names it (ext4, tmpfs, ntfs, vfat, exfat…)
 * @param modifiedResolution      the finest modification time it stores
 * @param holdsCreationTime       a creation time set by FileSync stays on this volume
 * @param sentence                what that means for the user, in one sentence
 */
public record VolumeInfo(String type, Duration modifiedResolution, boolean holdsCreationTime, String sentence) {
}
