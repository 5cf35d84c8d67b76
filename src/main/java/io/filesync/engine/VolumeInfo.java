package io.filesync.engine;

import io.filesync.files.CreationTimeStore;

import java.time.Duration;

/**
 * What the destination volume can hold.
 *
 * @param type               the file system as the user knows it (ext4, tmpfs, NTFS (ntfs-3g), vfat, exfat…)
 * @param modifiedResolution the finest modification time it stores
 * @param creationStore      where it keeps creation times, if anywhere
 * @param sentence           what that means for the user, in one sentence
 * @param names              which names it can hold (Windows' rules, case)
 */
public record VolumeInfo(String type, Duration modifiedResolution, CreationTimeStore creationStore, String sentence,
                         DestinationNames names) {

    /** A creation time set by FileSync stays on this volume, where file managers see it. */
    public boolean holdsCreationTime() {
        return creationStore.holdsCreationTime();
    }
}
